"""A story's newest headline gives way when it names nothing its other sources' headlines agree
on: the recorded web's ocean "smoke rings", which the Daily Mail, newest, titled "Elon Musk's
Hyperloop could transport animals at speed"."""

from __future__ import annotations

from datetime import UTC, datetime

from dateline.stories.writer import SourceText, write_extractive

TEXT = (
    "Researchers from the University of Liverpool have spotted the equivalent of smoke-rings in the "
    "ocean which they think could carry small marine creatures at high speed across the ocean. The "
    "smoke-rings are a pair of linked eddies spinning in opposite directions, spotted in the Tasman Sea."
)


def source(outlet: str, title: str, day: int, hour: int) -> SourceText:
    return SourceText(
        outlet=outlet, title=title, text=TEXT, published=datetime(2017, 12, day, hour, tzinfo=UTC)
    )


def test_a_figure_of_speech_does_not_head_the_story() -> None:
    sources = [
        source("University of Liverpool News", "`Smoke rings’ spotted in the ocean from space", 11, 9),
        source("NDTV", "'Smoke Rings' Spotted In The Ocean From Space", 11, 15),
        source("Daily Mail", "Elon Musk's Hyperloop could transport animals at speed", 13, 10),
    ]
    draft = write_extractive(sources, words=60)
    assert "Smoke" in draft.headline and "Hyperloop" not in draft.headline, draft.headline


def test_the_newest_headline_still_wins_when_it_tells_the_event() -> None:
    sources = [
        source("University of Liverpool News", "`Smoke rings’ spotted in the ocean from space", 11, 9),
        source("NDTV", "'Smoke Rings' Spotted In The Ocean From Space", 11, 15),
        source("Daily Mail", "Ocean smoke rings could carry marine creatures across the Tasman Sea", 13, 10),
    ]
    assert write_extractive(sources, words=60).headline == (
        "Ocean smoke rings could carry marine creatures across the Tasman Sea"
    )


def test_a_topic_title_gives_way_to_one_that_tells_the_event() -> None:
    # RT's show page "Equifax hack attack" beside the New York Times' report (recorded web).
    text = (
        "Equifax said on Monday that an additional 2.5 million Americans may have been affected by "
        "the breach of its systems, bringing the total to 145.5 million people."
    )
    sources = [
        SourceText(
            outlet="RT",
            title="Equifax hack attack",
            text=text,
            published=datetime(2017, 10, 2, 20, tzinfo=UTC),
        ),
        SourceText(
            outlet="The New York Times",
            title="2.5 Million More People Potentially Exposed in Equifax Breach",
            text=text,
            published=datetime(2017, 10, 2, 18, tzinfo=UTC),
        ),
    ]
    assert (
        write_extractive(sources, words=60).headline
        == "2.5 Million More People Potentially Exposed in Equifax Breach"
    )


def test_a_sites_name_and_tagline_leave_the_headline() -> None:
    from dateline.stories.writer import clean_headline

    title = (
        "Black Friday per nostalgici: le occasioni da non perdere - Remember 80/90 - Memorabilia anni 80/90"
    )
    assert (
        clean_headline(title, "Remember 80 90") == "Black Friday per nostalgici: le occasioni da non perdere"
    )
    assert (
        clean_headline("Kmart to buy Sears - analysis - BBC News", "BBC News")
        == "Kmart to buy Sears - analysis"
    )


def test_a_long_opening_sentence_still_leads() -> None:
    # Wikinews, 8 July 2020: a 45-word lede, then background.
    lede = (
        "A mother called the police in Kamloops, British Columbia (B.C.), Canada on Sunday morning after "
        "her 11-month daughter discovered a bag full of a substance that appeared to be fentanyl, a "
        "dangerous opioid drug, according to Kamloops Police, at the McDonald Park playground."
    )
    rest = (
        "Kamloops RCMP Constable Gary Gray said fentanyl had become a popular drug in Kamloops because it "
        "was potent, and colors such as purple were used as a signature by traffickers. Before the "
        "COVID-19 pandemic, the opioid crisis claimed 15,393 lives in Canada between January 2016 and "
        "December 2019, according to the Canadian Public Health Infobase. The opioid crisis in Canada "
        "claimed many lives during the pandemic, health officials in Canada said."
    )
    source = SourceText(
        outlet="Wikinews",
        title="11-month old baby finds illegal drugs in playground in British Columbia, Canadian police report",
        text=f"{lede}\n\n{rest}",
        published=datetime(2020, 7, 8, 21, 35, tzinfo=UTC),
    )
    assert write_extractive([source], words=90).summary.startswith("A mother called the police in Kamloops")


def test_a_site_title_gives_way_to_the_line_under_it() -> None:
    # The Japan Times Online's pages of November 2004 carry the site's name as their title.
    jt = SourceText(
        outlet="The Japan Times",
        title="The Japan Times Online",
        text=(
            "The Japan Times Online\n\nChinese submarine intrusion considered an act of provocation\n\n"
            "By NAO SHIMOYACHI\n\nThe Defense Agency said Friday the intrusion of a Chinese submarine into "
            "Japan's territorial waters was a highly provocative act by the Chinese Navy."
        ),
        published=datetime(2004, 11, 13, 12, tzinfo=UTC),
    )
    slogan = SourceText(
        outlet="Asia Times",
        title="The trusted news source for information on Japan",
        text="The Defense Agency said the intrusion of a Chinese submarine into Japan's waters was provocative.",
        published=datetime(2004, 11, 13, 14, tzinfo=UTC),
    )
    assert write_extractive([jt, slogan], words=60).headline == (
        "Chinese submarine intrusion considered an act of provocation"
    )
