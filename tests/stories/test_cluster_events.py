"""The event test: event dates from the lede, outlets' series, and what they keep apart."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from dateline.stories.cluster import ClusterParams, Doc, cluster_stream
from dateline.stories.eval_cluster import corpus_rows, evaluate
from dateline.stories.event_signals import (
    event_date,
    instalments,
    mentioned_dates,
    shared_template,
    templates,
)

# A Thursday.
PUB = datetime(2024, 3, 7, 15, 0, tzinfo=UTC)


def test_weekday_resolves_to_the_last_such_day_on_or_before_publication() -> None:
    assert event_date("Quake hits", "A strong earthquake struck on Tuesday near the coast.", PUB) == date(
        2024, 3, 5
    )
    assert event_date("Quake hits", "The quake struck on Thursday morning.", PUB) == date(2024, 3, 7)


def test_relative_words_and_calendar_dates() -> None:
    assert event_date("Fire", "Fire broke out yesterday in the old town.", PUB) == date(2024, 3, 6)
    assert event_date("Vote", "LONDON, March 6 (Reuters) - Parliament voted.", PUB) == date(2024, 3, 6)
    assert event_date("Vote", "Parliament voted on 5 March 2024 to approve it.", PUB) == date(2024, 3, 5)
    # A date without a year, after publication by more than a day, belongs to last year... and a
    # year-old date is background, not the news: the next date in the lede is the event's.
    text = "On March 20 last year the law passed. On Wednesday the court struck it down."
    assert event_date("Court", text, PUB) == date(2024, 3, 6)


def test_future_and_absent_dates_give_no_event_date() -> None:
    assert event_date("Summit", "Leaders will meet next Monday in Geneva.", PUB) is None
    assert event_date("Analysis", "Markets have been volatile for months.", PUB) is None
    assert event_date("Vote", "Parliament voted on Tuesday.", None) is None


def test_mentioned_dates_are_all_calendar_dates_named() -> None:
    named = mentioned_dates("The crash of March 2 was followed by a hearing on 5 March.", PUB)
    assert named == frozenset({date(2024, 3, 2), date(2024, 3, 5)})


def test_series_templates() -> None:
    a = "Wikinews interviews Jane Doe, Green Party presidential candidate"
    b = "Wikinews interviews John Roe, Libertarian candidate for Senate"
    assert shared_template(a, b) == "^wikinews interviews"
    assert templates(a) == ("^wikinews interviews", "presidential candidate$")
    assert shared_template(
        "Storm floods the delta: live updates", "Election night results: live updates"
    ) == ("live updates$")
    # Updates of one report share much more than the template.
    assert (
        shared_template("Quake hits Taiwan: death toll rises", "Quake hits Taiwan: death toll rises to 9")
        is None
    )


def test_numbered_parts_of_a_series_are_instalments() -> None:
    # Wikinews: two rounds of one rugby season, a fortnight apart, one headline template.
    assert instalments(
        "Caloundra defeat Maroochydore in third round of 2020 Sunshine Coast Rugby Union season",
        "University defeat Maroochydore in round five of 2020 Sunshine Coast Rugby Union season",
    )
    assert instalments("Day 3 of the Chauvin trial", "Chauvin trial, day 4: jurors see video")
    # one part, or numbers that count no part, are updates of one report
    assert not instalments("Day 3 of the Chauvin trial", "Chauvin trial day 3: a witness breaks down")
    assert not instalments("Quake death toll rises to 84", "Quake death toll rises to 85")


def _doc(key: str, title: str, text: str, when: datetime, source: str = "") -> Doc:
    return Doc(key=key, title=title, text=text, published=when, source=source)


def test_an_outlets_series_does_not_become_one_story() -> None:
    base = datetime(2024, 9, 2, 12, tzinfo=UTC)
    body = (
        "On the campaign trail this week, the candidates crossed the swing states of Pennsylvania, "
        "Michigan and Wisconsin, holding rallies and town halls with voters in Pittsburgh and Detroit."
    )
    docs = [
        _doc(
            str(i), f"On the campaign trail, {topic}", body, base + timedelta(days=10 * i), "campaign.example"
        )
        for i, topic in enumerate(["September rallies", "debate week", "October surprise", "final push"])
    ]
    unguarded = cluster_stream(docs, ClusterParams(series_guard=timedelta(0), event_gap_days=0))
    assert len(set(unguarded)) < len(docs)  # the words alone make them one story
    guarded = cluster_stream(docs)
    # The template is recognised once the outlet has used it for over a week: from then on, no
    # instalment joins another.
    assert guarded[2] != guarded[1] and guarded[3] not in (guarded[1], guarded[2])


def test_reports_of_different_days_stay_apart_unless_very_close() -> None:
    monday = datetime(2024, 3, 4, 18, tzinfo=UTC)
    crash = _doc(
        "1",
        "Helicopter crashes near Kabul airport",
        "A military helicopter crashed on Monday near Kabul airport, killing four crew, officials in "
        "Kabul said. The Taliban government blamed a technical fault.",
        monday,
    )
    release = _doc(
        "2",
        "Hostages freed near Kabul",
        "Six foreign hostages held near Kabul were released on Friday, officials in Kabul said, after "
        "talks with the Taliban government.",
        monday + timedelta(days=4),
    )
    # Their words alone make them one story; days apart, they must be as close as two stories
    # that merge (here: closer than they are).
    assert cluster_stream([crash, release], ClusterParams(event_gap_days=0)) == [0, 0]
    strict = ClusterParams(apart_threshold=0.9)
    assert cluster_stream([crash, release], strict) == [0, 1]
    follow_up = _doc(
        "3",
        "Helicopter crash near Kabul airport: fault blamed",
        "Investigators said on Friday that the military helicopter that crashed near Kabul airport on "
        "March 4, killing four crew, had a technical fault, the Taliban government said in Kabul.",
        monday + timedelta(days=4),
    )
    # A follow-up that names the day of the event it follows joins it.
    assert cluster_stream([crash, follow_up], strict) == [0, 0]


def test_eval_reads_a_recorded_webs_truth_file(tmp_path: Path) -> None:
    rows = [
        {
            "url": "u1",
            "title": "A",
            "gold_text": "x",
            "published": None,
            "event_id": "e1",
            "host": "a.example",
        },
        {
            "url": "u2",
            "title": "B",
            "gold_text": "y",
            "published": None,
            "event_id": None,
            "host": "b.example",
        },
    ]
    picked = corpus_rows(rows)
    assert (
        [r["id"] for r in picked] == ["u1"]
        and picked[0]["text"] == "x"
        and picked[0]["source"] == "a.example"
    )
    path = tmp_path / "truth.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert evaluate(path)["n"] == 1


def test_a_late_article_meets_the_stories_as_they_stood_at_its_publication() -> None:
    t0 = datetime(2024, 3, 4, 9, tzinfo=UTC)
    first = _doc(
        "1",
        "Magnitude 7.1 earthquake strikes Hualien, Taiwan",
        "A magnitude 7.1 earthquake struck off Hualien County in eastern Taiwan on Monday, collapsing "
        "buildings. Taiwan Railway suspended services near Hualien City.",
        t0,
    )
    later_news = _doc(
        "2",
        "Bundestag passes the federal budget",
        "The Bundestag approved the federal budget on Friday after a compromise on the debt brake in Berlin.",
        t0 + timedelta(days=400),
    )
    late = _doc(
        "3",
        "Taiwan earthquake: buildings collapse in Hualien",
        "Buildings collapsed in Hualien after the 7.1 magnitude earthquake hit eastern Taiwan on Monday. "
        "Taiwan Railway halted trains near Hualien City.",
        t0 + timedelta(hours=3),
    )
    # The stream had moved on a year when the report published hours after the first arrived: the
    # quake's story had gone quiet, yet for that report it was open (no revival needed).
    params = ClusterParams(revive_threshold=0.99)
    assert cluster_stream([first, later_news, late], params) == [0, 1, 0]
