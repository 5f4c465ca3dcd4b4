"""The JSON API keeps its own OpenAPI document: Schemathesis, run against a live server, with all
its default checks (server errors, status codes, content types, headers, response schemas, schema-
violating requests refused, schema-valid ones accepted, undeclared methods answered 405)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

# Bounded so the run stays well under a minute on two cores; the seed makes it repeatable.
MAX_EXAMPLES = 25
SEED = 20240510


def _cli() -> list[str] | None:
    found = Path(sys.executable).with_name("schemathesis")
    if found.exists():
        return [str(found)]
    path = shutil.which("schemathesis")
    return [path] if path else None


def test_api_passes_schemathesis(live_server: Any, make_story) -> None:
    cli = _cli()
    if cli is None:
        pytest.skip("schemathesis is not installed (pip install -e '.[dev]')")
    make_story(headline="Floods in the north", countries=("RU", "UA"), outlets=2)
    make_story(headline="Elections called", countries=("FR",), outlets=3)
    command = [
        *cli,
        "run",
        f"{live_server.url}/api/openapi.json",
        "--url",
        live_server.url,
        "--checks",
        "all",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--seed",
        str(SEED),
        "--workers",
        "1",
        "--no-color",
        "--phases",
        # Stateful: the list's slugs lead to real stories' details, besides unknown ones.
        "examples,coverage,fuzzing,stateful",
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)  # noqa: S603
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    assert "4 selected / 4 total" in output, output[-3000:]  # every operation was tested
    assert "Operations:" in output and "unique failures" not in output, output[-3000:]
