"""Serve the recorded web (../shared/corpus) for a benchmark, as the tests do."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
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


@contextlib.contextmanager
def recorded_desk(prefix: str) -> Iterator[str]:
    """A fresh desk in a temporary data directory (Django set up, database migrated) with the
    recorded web served and its OPML imported as sources; yields the corpus's base URL."""
    os.environ.update(
        DATELINE_DATA_DIR=tempfile.mkdtemp(prefix=prefix),
        DATELINE_FETCH_ALLOWED_NETWORKS="127.0.0.1",
        DATELINE_FETCH_HOST_DELAY="0",
        # Every recorded host is served from one 127.0.0.1:PORT origin, so the per-host
        # limit would serialise the whole corpus; real outlets each get their own.
        DATELINE_FETCH_PER_HOST="8",
        DJANGO_SETTINGS_MODULE="dateline.project.settings",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    with serve_corpus() as base, open(os.devnull, "w") as quiet:
        call_command("sources", "import", f"{base}/sources.opml", stdout=quiet)
        yield base
