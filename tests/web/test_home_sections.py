"""The front page: Trending, The Latest and New Stories each show their own stories."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _section(html: str, heading: str) -> str:
    start = html.index(f">{heading}</h2>")
    end = html.find("</section>", start)
    return html[start:end]


def test_sections_differ_and_a_single_source_story_never_leads(
    client: Client, make_story, frozen_now
) -> None:
    # A fresh single-source story with the best score, broad stories that have gone quiet (score 0).
    make_story(headline="Lone blog post", outlets=1, age_hours=0.5, score=100.0)
    make_story(headline="Summit ends in deal", outlets=9, age_hours=24 * 30, score=0.0)
    make_story(headline="Quake strikes coast", outlets=13, age_hours=24 * 40, score=0.0)
    for i in range(12):
        make_story(headline=f"Council story {i}", outlets=2, age_hours=1 + i, score=float(i))
    html = client.get("/").content.decode()
    trending, latest, newest = (_section(html, h) for h in ("Trending", "The Latest", "New Stories"))
    headlines = [re.findall(r'<a href="/story/[^"]+">([^<]+)</a>', s) for s in (trending, latest, newest)]
    assert all(headlines), headlines
    flat = [h for section in headlines for h in section]
    assert len(flat) == len(set(flat)), headlines  # no story in two sections
    assert "Lone blog post" not in headlines[0] and "Lone blog post" in headlines[2]
    assert "Lone blog post" not in headlines[1]  # The Latest: multi-outlet stories only


def test_trending_falls_back_to_breadth(client: Client, make_story, frozen_now) -> None:
    make_story(headline="Narrow story", outlets=2, age_hours=24 * 20, score=0.0)
    make_story(headline="Broad story", outlets=11, age_hours=24 * 30, score=0.0)
    trending = _section(client.get("/").content.decode(), "Trending")
    assert trending.index("Broad story") < trending.index("Narrow story")
