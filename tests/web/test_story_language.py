"""The story page names each source's language and marks text that is not in English."""

from __future__ import annotations

from django.test import Client

from dateline.articles.models import Article


def test_sources_show_their_language_and_foreign_ones_are_marked(
    client: Client, make_story, frozen_now
) -> None:
    story = make_story(headline="Strike in Paris", outlets=2)
    first, second = Article.objects.filter(story=story).order_by("id")
    Article.objects.filter(id=first.id).update(language="en")
    Article.objects.filter(id=second.id).update(language="fr")
    html = client.get(story.get_absolute_url()).content.decode()
    assert "<h1>Strike in Paris</h1>" in html and '<div class="summary">' in html
    assert f'<li lang="fr"><span class="outlet">{second.source.name}</span>' in html
    assert f'<li><span class="outlet">{first.source.name}</span>' in html
    assert '<span class="language" lang="en">French</span>' in html
    assert '<span class="language" lang="en">English</span>' in html


def test_a_story_with_no_english_source_marks_its_headline_and_summary(
    client: Client, make_story, frozen_now
) -> None:
    story = make_story(
        headline="Misstänkt boktjuv hittad död",
        summary=(
            "Den 48-årige anställde på Kungliga Biblioteket i Stockholm som har erkänt omfattande "
            "bokstölder, hittades på söndagen död i sin lägenhet på Surbrunnsgatan i centrala Stockholm."
        ),
        outlets=1,
    )
    Article.objects.filter(story=story).update(language="sv")
    html = client.get(story.get_absolute_url()).content.decode()
    assert '<h1 lang="sv">Misstänkt boktjuv hittad död</h1>' in html
    assert '<div class="summary" lang="sv">' in html
    assert '<span class="language" lang="en">Swedish</span>' in html
