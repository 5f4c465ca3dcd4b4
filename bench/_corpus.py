"""Serve the recorded web (../shared/corpus) for a benchmark, as the tests do."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"


@contextlib.contextmanager
def serve_corpus() -> Iterator[str]:
    """Start ``serve.py --port 0`` and yield its base URL; stop it afterwards."""
    if not (CORPUS / "serve.py").is_file():
        sys.exit(f"the recorded web is not at {CORPUS}; put ../shared beside the repository")
    proc = subprocess.Popen(
        [sys.executable, str(CORPUS / "serve.py"), "--port", "0"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().strip()
        if not line.startswith("serving "):
            raise RuntimeError(f"serve.py said {line!r}")
        yield line.split()[1].rstrip("/")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
