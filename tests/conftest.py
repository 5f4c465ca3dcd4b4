"""Fixtures shared by the whole suite: the shared material and the recorded web."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """../shared/corpus, or skip with a clear message when it is not beside the repository."""
    if not (CORPUS / "serve.py").is_file():
        pytest.skip(f"the recorded web is not at {CORPUS} (put ../shared beside the repository)")
    return CORPUS


@pytest.fixture(scope="session")
def corpus_base(corpus_dir: Path) -> Iterator[str]:
    """The recorded web served on 127.0.0.1: its base URL, e.g. http://127.0.0.1:PORT."""
    proc = subprocess.Popen(
        [sys.executable, str(corpus_dir / "serve.py"), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if not line.startswith("serving "):
        proc.kill()
        pytest.fail(f"serve.py did not start: {line!r}")
    try:
        yield line.split()[1].rstrip("/")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(autouse=True)
def _lead_images_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """The story stages fetch no lead image from real hosts in tests; the tests of the lead-image
    step turn it on against their own server on 127.0.0.1."""
    monkeypatch.setenv("DATELINE_IMAGES", "false")
