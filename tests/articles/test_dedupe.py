"""Tests for dateline.articles.dedupe: canonical URLs, SimHash fingerprints, the index."""

from __future__ import annotations

import json
import time
from itertools import combinations
from pathlib import Path

import pytest

from dateline.articles.dedupe import (
    NearDuplicateIndex,
    canonical_url,
    fingerprint,
    from_signed,
    hamming,
    to_signed,
)

ARTICLE = """A powerful earthquake struck off the coast of northern Chile on Tuesday night, shaking buildings
in the capital and prompting authorities to issue a tsunami warning for the entire coastline.
The United States Geological Survey said the quake had a magnitude of 7.8 and was centred about 90
kilometres west of the port city of Iquique at a depth of 20 kilometres. Residents of coastal towns
were ordered to move to higher ground, and television footage showed long lines of cars leaving the
city as sirens sounded. The national emergency office said there were no immediate reports of deaths,
although several homes in older neighbourhoods had collapsed and power was cut to thousands of people.
President Michelle Bachelet said she would travel to the region on Wednesday to inspect the damage.
The area has been hit by a series of smaller tremors over the past two weeks, and seismologists had
warned that a larger rupture was possible along the boundary between the Nazca and South American plates.
Schools in the region will remain closed on Wednesday while engineers inspect their buildings."""

OTHER_OUTLET = """Thousands of people spent the night outdoors in Iquique after a strong tremor rattled northern Chile,
witnesses told our correspondent. Maria Gonzalez, a shopkeeper, said the shelves of her store emptied
onto the floor within seconds and that she ran into the street with her two children. Officials lifted
the tsunami alert early on Wednesday after waves of up to two metres reached the shore without causing
major damage. The government sent soldiers to patrol the city after reports that several hundred
inmates had escaped from a women's prison whose walls were damaged. Copper mines in the region said
they had suspended operations while they checked their equipment, sending copper prices higher in Asian
trading. Chile is one of the most earthquake-prone countries in the world, and its strict building
codes were credited with limiting the damage, analysts at the University of Chile said in a statement."""


def test_canonical_url() -> None:
    a = canonical_url("HTTP://WWW.Example.com:80/news/story.html?utm_source=tw&utm_medium=x&fbclid=abc#top")
    assert a == "https://www.example.com/news/story.html"
    assert canonical_url("https://www.example.com/news/story.html") == a
    assert canonical_url("https://example.com/s?id=2&page=1") == canonical_url(
        "https://example.com/s?page=1&id=2"
    )
    assert canonical_url("https://example.com/s?id=2") != canonical_url("https://example.com/s?id=3")
    assert canonical_url("https://example.com:8443/s") == "https://example.com:8443/s"
    assert canonical_url("") == ""


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("https://x.example/a.php?1", "https://x.example/a.php?2"),  # bare query: the article number
        ("https://x.example/a.php?1", "https://x.example/a.php"),
        ("https://x.example/read?id=41", "https://x.example/read?id=42"),
        ("https://x.example/?p=1201", "https://x.example/?p=1202"),
        ("https://x.example/story?article=7", "https://x.example/story?article=8"),
        ("https://x.example/s?page=2", "https://x.example/s?page=3"),
        ("https://x.example/s?1&utm_source=a", "https://x.example/s?2&utm_source=a"),
        ("https://x.example/s?ref=home", "https://x.example/s"),  # unknown parameter: kept, to be safe
    ],
)
def test_canonical_url_keeps_identifying_queries(first: str, second: str) -> None:
    assert canonical_url(first) != canonical_url(second)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.example/a.php?1", "https://x.example/a.php?1"),
        ("https://x.example/a.php?1&utm_campaign=z#top", "https://x.example/a.php?1"),
        ("https://x.example/s?gclid=1&id=5&fbclid=2&mc_eid=3", "https://x.example/s?id=5"),
        ("https://x.example/s?utm_source=a&utm_medium=b", "https://x.example/s"),
        ("https://x.example/s?b=2&a=1", "https://x.example/s?a=1&b=2"),
        ("https://x.example/s?q=a%20b", "https://x.example/s?q=a+b"),
        ("https://x.example/s?id=", "https://x.example/s?id="),
        # No usable host or port: no key at all, and no exception.
        ("http://example.com:99999/story", ""),
        ("http://[/", ""),
        ("http://[::1/story", ""),
        ("http://[x", ""),
    ],
)
def test_canonical_url_cases(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_signed_roundtrip() -> None:
    fp = fingerprint(ARTICLE)
    assert fp >= 0 and fp < 1 << 64
    s = to_signed(fp)
    assert -(1 << 63) <= s < 1 << 63
    assert from_signed(s) == fp
    assert to_signed((1 << 64) - 1) == -1


def test_short_texts_never_match() -> None:
    short = "Earthquake hits northern Chile, tsunami warning issued for the coast."
    assert fingerprint(short) == 0
    index = NearDuplicateIndex()
    index.add(1, fingerprint(short))
    assert len(index) == 0
    assert index.find(fingerprint(short)) is None


def _index_with(text: str) -> NearDuplicateIndex:
    index = NearDuplicateIndex()
    index.add(42, fingerprint(text))
    return index


def test_variants_are_duplicates() -> None:
    index = _index_with(ARTICLE)
    header = (
        "Home | World | Americas | Business\nAdvertisement\n"
        + ARTICLE
        + "\nShare this story. Follow us on Twitter."
    )
    changed = (
        ARTICLE.replace("7.8", "8.2")
        .replace("Tuesday night", "Tuesday evening")
        .replace("thousands", "10,000")
    )
    wire = "SANTIAGO (Reuters) - Republished under licence from a news agency.\n" + ARTICLE
    for variant in (header, changed, wire):
        assert index.find(fingerprint(variant)) == 42, hamming(fingerprint(ARTICLE), fingerprint(variant))
        assert index.find(to_signed(fingerprint(variant))) == 42


def test_same_event_other_outlet_is_not_duplicate() -> None:
    assert _index_with(ARTICLE).find(fingerprint(OTHER_OUTLET)) is None
    assert hamming(fingerprint(ARTICLE), fingerprint(OTHER_OUTLET)) > 14


def test_rebuild_from_pairs_and_lookup_is_fast() -> None:
    import random

    rng = random.Random(7)
    pairs = [(i, to_signed(rng.getrandbits(64))) for i in range(50_000)]
    pairs.append((-5, to_signed(fingerprint(ARTICLE))))
    index = NearDuplicateIndex.from_pairs(pairs)
    assert len(index) == 50_001
    start = time.perf_counter()
    for _ in range(200):
        assert index.find(fingerprint(ARTICLE) ^ 0b101) == -5
    assert time.perf_counter() - start < 2.0


def test_corpus_distinct_articles_not_flagged() -> None:
    truth = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "truth.jsonl"
    if not truth.exists():
        pytest.skip(f"shared corpus not found at {truth}")
    rows = [json.loads(line) for line in truth.open(encoding="utf-8")]
    fps = [fingerprint(r["gold_text"]) for r in rows]
    false_pos = 0
    for i, j in combinations(range(len(rows)), 2):
        if fps[i] and fps[j] and hamming(fps[i], fps[j]) <= 9:
            a, b = rows[i]["gold_text"].lower().split(), rows[j]["gold_text"].lower().split()
            sa, sb = set(zip(a, a[1:], a[2:], strict=False)), set(zip(b, b[1:], b[2:], strict=False))
            # a flagged pair must really be a copy (wire copy / archived copy): high shingle overlap
            if len(sa & sb) / len(sa | sb) < 0.4:
                false_pos += 1
    assert false_pos == 0
