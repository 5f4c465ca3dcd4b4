"""The text as readers get it, outlet by outlet: each outlet shows the stored text once escaped,
and the scan finds in every outlet a fault the stored text has."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from dateline.articles.models import Article
from dateline.stories.models import Story
from dateline.web import readers

pytestmark = pytest.mark.django_db

HEADLINE = 'AT&T and "Tom & Jerry" owners agree <Warner> deal'
SUMMARY = (
    "AT&T agreed to buy Time Warner for $85 billion, the companies said on Monday; "
    "“It’s a great fit,” said Randall Stephenson, the chief executive (since 2007).\n\n"
    "Regulators in São Paulo & Brussels must approve the deal, which values shares at 5 < 7 times earnings."
)


def test_every_outlet_shows_the_stored_text_once_escaped(make_story, frozen_now) -> None:
    story = make_story(headline=HEADLINE, summary=SUMMARY, countries=("US",))
    swedish = make_story(
        headline="Misstänkt boktjuv hittad död",
        summary="Den 48-årige anställde på Kungliga Biblioteket i Stockholm hittades på söndagen död i sin lägenhet.",
        countries=("SE",),
    )
    Article.objects.filter(story=swedish).update(language="sv")
    texts = readers.outlet_texts([story, swedish])
    first = SUMMARY.split("\n\n")[0]
    assert set(texts[story.pk]) == set(readers.OUTLETS)
    for outlet, (headline, summary) in texts[story.pk].items():
        assert headline == HEADLINE, outlet
        assert summary in (SUMMARY, first), outlet
    assert texts[swedish.pk]["page"][0] == "Misstänkt boktjuv hittad död"
    result = readers.scan([story, swedish])
    assert result["stories"] == 2 and result["faulty"] == 0 and result["examples"] == []


def test_a_fault_of_the_stored_text_shows_in_every_outlet(make_story, frozen_now) -> None:
    make_story(
        headline="Markets fall:",
        summary="It&#8217;s the worst week since March , traders said.\n\nShares fell sharply across Europe on Friday.",
    )
    result = readers.scan(list(Story.objects.all()))
    assert result["faulty"] == 1
    for outlet in readers.OUTLETS:
        counts = result["by_outlet"][outlet]
        assert counts["raw entity"] == counts["trailing headline"] == counts["bad spacing"] == 1, outlet
        assert counts["broken encoding"] == 0
    assert {e["outlet"] for e in result["examples"] if e["kind"] == "raw entity"} == set(readers.OUTLETS)


def test_command_prints_the_counts(make_story, frozen_now, capsys) -> None:
    make_story(headline="Markets fall…", summary="Shares fell sharply across Europe on Friday, traders said.")
    call_command("hygiene")
    out = capsys.readouterr().out
    assert "1 stories, 1 with a fault a reader sees" in out and "page: trailing headline 1" in out
