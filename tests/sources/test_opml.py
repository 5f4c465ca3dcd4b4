"""OPML reading (safely, nested) and writing."""

from datetime import UTC, datetime
from pathlib import Path

import hostile_server as fixtures
import pytest

from dateline.sources.opml import OpmlError, OutlineData, parse_opml, write_opml

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"

NESTED = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0"><head><title>Mine</title></head><body>
  <outline text="Europe">
    <outline text="France">
      <outline type="rss" text="Le Monde" xmlUrl="https://lemonde.example/rss" htmlUrl="https://lemonde.example/"
               language="fr" country="fr"/>
    </outline>
    <outline type="RSS" title="DW" text="Deutsche Welle" xmlurl="https://dw.example/rss"/>
  </outline>
  <outline text="No feed here"/>
  <outline type="rss" text="Duplicate" xmlUrl="https://lemonde.example/rss"/>
  <outline type="rss" xmlUrl="https://untitled.example/feed"/>
</body></opml>"""


def test_nested_outlines():
    items = parse_opml(NESTED)
    assert items == [
        OutlineData(
            "Le Monde",
            "https://lemonde.example/rss",
            "https://lemonde.example/",
            "fr",
            "FR",
            ("Europe", "France"),
        ),
        OutlineData("DW", "https://dw.example/rss", None, None, None, ("Europe",)),
        OutlineData("https://untitled.example/feed", "https://untitled.example/feed"),
    ]


def test_recorded_sources_opml():
    if not CORPUS.is_dir():
        pytest.skip(f"recorded web not found at {CORPUS}")
    items = parse_opml((CORPUS / "sources.opml").read_bytes())
    assert len(items) == 324
    assert all(i.xml_url.startswith("{BASE}/") and i.xml_url.endswith("/feed.xml") and i.title for i in items)


def test_round_trip():
    items = [
        OutlineData("Le Monde & Co", "https://lemonde.example/rss", "https://lemonde.example/", "fr", "FR"),
        OutlineData('Quote "this" <now>', "https://q.example/feed?a=1&b=2"),
    ]
    data = write_opml(items, "Dateline sources", created=datetime(2020, 3, 1, tzinfo=UTC))
    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<opml version=\"2.0\">")
    assert b"<dateCreated>Sun, 01 Mar 2020 00:00:00 +0000</dateCreated>" in data
    assert parse_opml(data) == items
    assert write_opml(items, "x") == write_opml(items, "x")  # reproducible without a date


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (fixtures.BOMB_XML, "refused: the OPML file declares entities"),
        (fixtures.XXE_XML, "refused: the OPML file declares entities"),
        (b"<opml><body>", "not well-formed XML"),
        (fixtures.HEALTHY_RSS, "not an OPML file: the root element is <rss>"),
        (b"<opml version='2.0'><head/></opml>", "not an OPML file: no <body>"),
    ],
)
def test_bad_opml_raises_a_clear_error(data, message):
    with pytest.raises(OpmlError) as caught:
        parse_opml(data)
    assert str(caught.value).startswith(message)
