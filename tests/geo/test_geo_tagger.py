"""Tagger behaviour: evidence, positions, datelines, home country, JSON, story merge."""

from dateline.geo.evaluate import score
from dateline.geo.tagger import CountryScore, Evidence, GeoResult, merge, tag


def test_dateline_and_evidence() -> None:
    r = tag("Talks stall", "MOSCOW (Reuters) - Officials said talks had stalled.")
    assert r.primary == "RU"
    ev = r.countries[0].evidence
    assert any(e.where == "dateline" and e.kind == "dateline" for e in ev)


def test_headline_outweighs_late_body() -> None:
    body = "\n".join(
        ["Filler paragraph about the weather and markets."] * 40 + ["Officials in Brazil agreed."]
    )
    r = tag("Kenya opens new railway", "The line opened on Monday.\n" + body)
    assert r.primary == "KE"
    ke = r.countries[0]
    assert any(e.where == "headline" for e in ke.evidence)


def test_short_forms_and_demonyms() -> None:
    for text, code in {
        "The U.S. said so.": "US",
        "The UK said so.": "GB",
        "Britain said so.": "GB",
        "The DPRK said so.": "KP",
        "Ivory Coast said so.": "CI",
        "Czechia said so.": "CZ",
        "Kosovo said so.": "XK",
        "The Gaza Strip was shelled.": "PS",
    }.items():
        assert tag("", text).primary == code, text


def test_lowercase_pronoun_is_not_the_us() -> None:
    assert tag("", "Let us talk about the weather and the turkey.").codes == []


def test_non_english_names() -> None:
    assert tag("Presidente da China almoça com Lula", "O presidente chinês visitou o Brasil.").primary in {
        "CN",
        "BR",
    }
    assert tag("", "Le président des États-Unis est arrivé.").primary == "US"


def test_home_country_only_breaks_ties() -> None:
    text = "Leaders of France and Germany met."
    assert tag("", text, home_country="DE").primary == "DE"
    assert tag("", text, home_country="FR").primary == "FR"
    assert tag("", "Floods hit Kenya.", home_country="GB").codes == ["KE"]


def test_secondary_threshold_drops_passing_mentions() -> None:
    body = "Kenya " * 1 + "\n" + "\n".join(["Nairobi officials in Kenya said the plan was ready."] * 5)
    r = tag("Kenya budget", body + "\nA minister once studied in Norway.")
    assert r.primary == "KE"
    assert "NO" not in r.codes


def test_json_round_trip() -> None:
    r = tag("Russian soldiers in North Korea", "Russian troops arrived in Pyongyang, officials said.")
    data = r.to_json()
    assert data[0]["name"] and data[0]["flag"]
    back = GeoResult.from_json(data)
    assert back.codes == r.codes
    assert back.countries[0].evidence[0].span == r.countries[0].evidence[0].span


def test_merge_story_countries() -> None:
    a = GeoResult((CountryScore("RU", 10.0, (Evidence("Russia", "headline", "name", 3.0),)),))
    b = GeoResult(
        (
            CountryScore("KP", 4.0, (Evidence("Pyongyang", "lead", "capital", 1.6),)),
            CountryScore("RU", 3.0, (Evidence("Russian", "lead", "demonym", 1.2),)),
        )
    )
    story = merge([a, b, GeoResult(())])
    assert story.primary == "RU"
    assert "KP" in story.codes
    assert merge([]).codes == []


def test_score_counts_empty_gold_sensibly() -> None:
    m = score([({"RU"}, ["RU", "KP"]), (set(), []), (set(), ["US"]), ({"FR"}, [])])
    assert m["n"] == 4
    assert m["top1"] == 0.5
    assert m["precision"] == 1 / 3
    assert m["recall"] == 1 / 2


def test_home_country_is_never_the_filing_rule() -> None:
    # An article that names no country is filed under none, whatever the outlet's country.
    r = tag("Deep-sea discovery", "Scientists found dark oxygen on the ocean floor.", home_country="IN")
    assert r.codes == []
    assert tag("", "Floods hit Kenya.", home_country="GB").codes == ["KE"]
