"""Evaluation gate: the geotagger's figures on the shared labelled sets must not fall."""

from pathlib import Path

import pytest

from dateline.geo.evaluate import evaluate

GEO_DIR = Path(__file__).resolve().parents[2] / ".." / "shared" / "datasets" / "geo"

# Pinned floors (just under the figures reached); raise them when quality improves.
FLOORS: dict[str, dict[str, float]] = {
    "globalvoices.jsonl": {"top1": 0.94, "f1": 0.815},
    "wikinews.jsonl": {"top1": 0.965, "f1": 0.87},
    "wikinews_cited.jsonl": {"top1": 0.81, "f1": 0.715},
}


@pytest.mark.gate
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_geo_gate(name: str) -> None:
    path = GEO_DIR / name
    if not path.is_file():
        pytest.skip(f"shared geo dataset not found at {path} (needs ../shared next to the repository)")
    result = evaluate(path)
    assert result["n"] > 0
    for metric, floor in FLOORS[name].items():
        assert result[metric] >= floor, f"{name}: {metric} {result[metric]:.3f} < floor {floor}"
