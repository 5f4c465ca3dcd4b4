"""Where and what: site-name titles carry no headline, a city apart is another event, an outlet's
next report is held to its own date."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from dateline.stories.cluster import ClusterParams, Doc, StoryIndex, cluster_stream
from dateline.stories.event_signals import country_label, headline, other_actors, places


def _doc(key: str, title: str, text: str, when: datetime, source: str = "") -> Doc:
    return Doc(key=key, title=title, text=text, published=when, source=source)


def test_a_title_that_only_names_the_site_is_no_headline() -> None:
    assert headline("The Japan Times Online", "www.japantimes.co.jp") == ""
    assert headline("Taipei Times", "www.taipeitimes.com") == ""
    assert headline("The Free Press -- Independent News Media", "www.freepress.org") == ""
    # A real headline, or a site name on another site, stays.
    assert headline("Japan to reduce aid to China", "www.japantimes.co.jp") == "Japan to reduce aid to China"
    assert headline("Japan Times: Abe resigns over scandal", "www.japantimes.co.jp") != ""
    assert headline("The Japan Times Online", "en.wikinews.org") == "The Japan Times Online"
    assert headline("Taipei Times", "") == "Taipei Times"


def test_site_name_titles_do_not_make_one_story() -> None:
    day = datetime(2004, 11, 16, 9, tzinfo=UTC)
    aid = _doc(
        "1",
        "The Japan Times Online",
        "Tokyo plans to cut official development assistance to Beijing, the foreign ministry said, "
        "citing Chinese economic growth and military spending.",
        day,
        "www.japantimes.co.jp",
    )
    sub = _doc(
        "2",
        "The Japan Times Online",
        "A nuclear submarine believed to be Chinese entered territorial waters near Okinawa, the "
        "defence agency said, and navy patrol aircraft tracked it for two hours.",
        day + timedelta(days=1),
        "www.japantimes.co.jp",
    )
    assert cluster_stream([aid, sub]) == [0, 1]


def test_places_are_the_cities_a_lede_names() -> None:
    found = places("Australia in a good position after first day of Adelaide test match", "")
    assert ("adelaide", "AU") in found
    assert places("Bombs hit Baghdad's Green Zone", "Two car bombs exploded in Baghdad on Saturday.") >= {
        ("baghdad", "IQ")
    }
    assert places("Prices rise", "Inflation rose again in October.") == frozenset()


def test_a_match_in_another_city_is_another_event() -> None:
    day = datetime(2004, 11, 17, 9, tzinfo=UTC)
    brisbane = _doc(
        "1",
        "Australians talk tough ahead of Brisbane test match",
        "Australia's captain Ricky Ponting said in Brisbane that his side would attack New Zealand from "
        "the first ball of the test match, as the visitors lost bowler James Franklin to a groin injury.",
        day,
    )
    adelaide_text = (
        "Justin Langer and Ricky Ponting scored centuries as Australia reached 327 for three against "
        "New Zealand on the first day of the test match in Adelaide, where bowler Chris Martin took "
        "two wickets."
    )
    adelaide = _doc(
        "2",
        "Australia in a good position after first day of Adelaide test match",
        adelaide_text,
        day + timedelta(days=7),
    )
    assert cluster_stream([brisbane, adelaide], ClusterParams(place_threshold=0)) == [0, 0]
    assert cluster_stream([brisbane, adelaide]) == [0, 1]
    # A report that names the other city links the two: the test does not keep it apart.
    linked = _doc("3", adelaide.title, adelaide_text + " Australia won in Brisbane.", adelaide.published)
    index = StoryIndex()
    index.add(brisbane, 0)
    assert index.explain(adelaide, 0)["place_apart"] is True
    assert index.explain(linked, 0)["place_apart"] is False


def test_an_outlets_next_report_is_held_to_its_own_date() -> None:
    """An outlet's report of a march a fortnight later names the firebombing it follows; it is
    still another event of the outlet's beat."""
    may9 = datetime(2012, 5, 9, 10, tzinfo=UTC)
    bar = _doc(
        "1",
        "Armenia: Bar Targeted By Suspected Nationalists In Arson Attack",
        "On May 8, a gay-friendly bar in Yerevan was firebombed by suspected nationalists. Activists of "
        "Unzipped Gay Armenia said the DIY bar had been targeted before, and called on police to find "
        "the attackers.",
        may9,
        "globalvoicesonline.org",
    )
    march = _doc(
        "2",
        "Armenia: Nationalists Disrupt Cultural Diversity March",
        "On May 21, nationalists disrupted a cultural diversity march in Yerevan organised by young "
        "activists. The marchers, who also remembered the May 8 firebombing of the DIY bar, were chased "
        "through the city centre while police watched.",
        may9 + timedelta(days=13),
        "globalvoicesonline.org",
    )
    # Under the score at which an article that fails both tests may still join:
    loose = ClusterParams(both_apart_threshold=0.5, outlet_threshold=0.2, outlet_strict=False)
    assert cluster_stream([bar, march], loose) == [0, 0]  # it names May 8: taken as a follow-up
    assert cluster_stream([bar, march], replace(loose, outlet_strict=True)) == [0, 1]


def test_a_country_beat_label_is_not_the_event() -> None:
    assert country_label("Cuba: Bloggers Offended by Archbishop's Statements") == (
        "Bloggers Offended by Archbishop's Statements"
    )
    assert country_label("Armenia: Nationalists Disrupt Cultural Diversity March").startswith("Nationalists")
    # A label that names the event, or a title without one, stays.
    assert country_label("Panama Papers: Where have Russia's billions gone?").startswith("Panama Papers")
    assert country_label("Equifax: 2.5 million more Americans affected").startswith("Equifax")
    assert country_label("Cuba reopens embassy") == "Cuba reopens embassy"


def test_two_posts_of_one_outlets_country_beat_stay_apart() -> None:
    source = "globalvoicesonline.org"
    day = datetime(2012, 5, 1, 18, tzinfo=UTC)
    may_day = _doc(
        "1",
        "Cuba: Nothing Changes on May Day",
        "Bloggers watched the May Day parade on Tuesday and wrote that, as every year, nothing changes "
        "on the island.",
        day,
        source,
    )
    archbishop = _doc(
        "2",
        "Cuba: Bloggers Offended by Archbishop's Statements",
        "Bloggers took offence at the archbishop, who called dissidents who occupied a church criminals.",
        day + timedelta(hours=20),
        source,
    )
    # With a threshold between the two scores: the shared "Cuba:" label alone would join them.
    strict = ClusterParams(threshold=0.27)
    assert cluster_stream([may_day, archbishop], replace(strict, country_label=False)) == [0, 0]
    assert cluster_stream([may_day, archbishop], strict) == [0, 1]


def test_an_outlets_reports_on_different_people_are_different_events() -> None:
    assert other_actors(
        "Wikinews interviews Don Blankenship, Constitution Party presidential nominee",
        "Wikinews interviews Phil Collins, Prohibition Party presidential nominee",
    )
    # A country is where, not who; a Title Case headline tells nothing by its capitals.
    assert not other_actors("Deadliest shootings in US history", "59 dead, 527 injured in Las Vegas shooting")
    assert not other_actors("President Of Brazil Meets Vietnamese President", "Brazil Backs China On Trade")
    source = "en.wikinews.org"
    day = datetime(2020, 10, 19, 12, tzinfo=UTC)
    text = (
        "The nominee spoke to Wikinews about the campaign, ballot access in the swing states, the "
        "debates, and what a third party can achieve in the 2020 presidential election."
    )
    first = _doc(
        "1", "Wikinews interviews Don Blankenship, Constitution Party presidential nominee", text, day, source
    )
    second = _doc(
        "2",
        "Wikinews interviews Phil Collins, Prohibition Party presidential nominee",
        text,
        day + timedelta(days=2),
        source,
    )
    # Same words, two days apart, no series seen yet: only the names tell them apart.
    loose = ClusterParams(outlet_threshold=0.99, both_apart_threshold=0.99, revive_threshold=0)
    assert cluster_stream([first, second], replace(loose, outlet_names=False, series_names=False)) == [0, 0]
    assert cluster_stream([first, second], loose) == [0, 1]


def test_a_stabbing_in_another_countrys_city_is_another_event() -> None:
    """The recorded web's 20 November 2019: a stabbing on a San Francisco Bay train (SFGATE) and
    the stabbing of a former German president's son in Berlin (The Jerusalem Post) were one story,
    filed under the US."""
    bart = Doc(
        key="1",
        title="The Latest: Man stabbed to death on San Francisco Bay train",
        text=(
            "A California transit chief says a man has been stabbed to death on a San Francisco Bay Area "
            "commuter train during a fight. The fight broke out Tuesday afternoon on a BART train pulling "
            "into a station in Hayward. Police arrested a suspect who tried to stop the victim."
        ),
        published=datetime(2019, 11, 20, 5, 57, tzinfo=UTC),
        countries=("US",),
        source="www.sfgate.com",
    )
    berlin = Doc(
        key="2",
        title="Son of former German president stabbed to death in Berlin",
        text=(
            "Fritz von Weizsäcker, the son of a former German president, was stabbed to death in Berlin "
            "while another man was critically injured in an attempt to stop the suspect, police said. "
            "The stabbing occurred during a lecture at a clinic in Berlin; police arrested a suspect."
        ),
        published=datetime(2019, 11, 20, 10, 43, tzinfo=UTC),
        countries=("DE",),
        source="www.jpost.com",
    )
    assert places(bart.title, bart.text) >= {("san francisco", "US")}
    assert ("man", "CI") not in places(bart.title, bart.text)  # "Man stabbed …" is no city
    assert cluster_stream([bart, berlin]) == [0, 1]
    # The same reports, the second naming the first's country: the test does not apply.
    linked = replace(
        berlin, text=berlin.text + " A similar attack happened in the US on Tuesday.", countries=("DE", "US")
    )
    index = StoryIndex()
    index.add(bart, 0)
    assert not index.explain(linked, 0)["place_apart"]
    assert ClusterParams().place_abroad


def test_a_site_title_is_no_headline_when_the_outlet_is_known_by_name() -> None:
    """In the pipeline ``Doc.source`` is the source's id, not its host: the outlet's name tells a
    title that only names the site, and the line under it atop the text is the headline."""
    from dateline.stories.cluster import doc_headline

    page = Doc(
        key="1",
        title="The Japan Times Online",
        text="The Japan Times Online\n\nBeijing says tech glitch led to sub intrusion\n\nBy REIJI YOSHIDA\n\nChina apologised.",
        published=datetime(2004, 11, 17, tzinfo=UTC),
        source="17",
        outlet="The Japan Times",
    )
    assert doc_headline(page) == "Beijing says tech glitch led to sub intrusion"
    assert doc_headline(replace(page, text="China apologised to Tokyo on Tuesday.")) == ""
    assert doc_headline(replace(page, outlet="")) == "The Japan Times Online"
    assert doc_headline(replace(page, title="Japan Times reporter wins press prize")) == (
        "Japan Times reporter wins press prize"
    )


def test_an_interview_series_days_old_is_a_series_however_alike_its_texts() -> None:
    """The recorded web's Wikinews interviews of October 2020 (Don Blankenship, Phil Collins, Bill
    Hammons: three nominees in four days) were one story: their texts share their questions, so
    the score was far above any same-outlet bar, and the template was too new for the series guard."""
    source = "en.wikinews.org"
    day = datetime(2020, 10, 19, 12, tzinfo=UTC)
    text = (
        "The nominee answered questions about the 2020 presidential campaign, ballot access, the "
        "COVID-19 pandemic, climate change, foreign policy and race relations from Wikinews "
        "accredited reporter William S. Saturn."
    )
    titles = [
        "Wikinews interviews Don Blankenship, U.S. Constitution Party presidential nominee",
        "Wikinews interviews Phil Collins, U.S. Prohibition Party presidential nominee",
        "Wikinews interviews Bill Hammons, Unity Party of America presidential nominee",
    ]
    docs = [_doc(str(i), t, text, day + timedelta(days=2 * i), source) for i, t in enumerate(titles)]
    assert cluster_stream(docs, ClusterParams(series_names=False)) == [0, 0, 0]
    assert cluster_stream(docs) == [0, 1, 2]


def test_a_label_before_the_headline_names_the_event_not_a_series() -> None:
    """One outlet's reports of one event under its name: the label is shared, the rest names others."""
    source = "www.independent.co.uk"
    day = datetime(2016, 11, 3, 6, tzinfo=UTC)
    text = (
        "The Chicago Cubs won the World Series for the first time in 108 years, beating the Cleveland "
        "Indians 8-7 in ten innings of game seven at Progressive Field in Cleveland."
    )
    docs = [
        _doc("1", "World Series 2016: Chicago Cubs end 108-year title drought", text, day, source),
        _doc(
            "2",
            "World Series 2016: Tears of joy as Chicago Cubs fans celebrate first triumph",
            text,
            day + timedelta(hours=3),
            source,
        ),
    ]
    assert cluster_stream(docs) == [0, 0]
