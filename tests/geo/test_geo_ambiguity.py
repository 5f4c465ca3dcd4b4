"""One fixture per ambiguous case the tagger must get right."""

from dateline.geo.tagger import tag


def test_georgia_the_country() -> None:
    r = tag("Georgia holds election", "Voters in Tbilisi went to the polls as Georgia chose a parliament.")
    assert r.primary == "GE"


def test_georgia_the_us_state() -> None:
    r = tag(
        "Storms hit Georgia",
        "Tornadoes tore through Georgia on Sunday, and the governor in Atlanta declared an emergency. "
        "Alabama and Florida were also hit.",
    )
    assert r.primary == "US"
    assert "GE" not in r.codes


def test_jordan_chad_israel_as_personal_names() -> None:
    r = tag(
        "Basketball legend honoured",
        "Michael Jordan was honoured in Chicago on Friday. Chad Johnson and Israel Adesanya attended, "
        "and Mr Jordan thanked fans in Illinois.",
    )
    assert set(r.codes) <= {"US"}
    r2 = tag("Water accord", "Jordan, Israel and Chad signed a water accord in Amman.")
    assert r2.primary == "JO"
    assert {"JO", "IL", "TD"} <= set(r2.codes)


def test_turkey_the_bird() -> None:
    r = tag("Thanksgiving recipes", "Roast the turkey for three hours. A wild turkey is leaner.")
    assert "TR" not in r.codes
    assert tag("Turkey votes", "Turkey held a referendum on Sunday.").primary == "TR"


def test_niger_vs_nigeria() -> None:
    assert tag("Coup in Niger", "Soldiers in Niamey seized power in Niger.").primary == "NE"
    assert tag("Lagos floods", "Floods hit Nigeria's largest city.").primary == "NG"
    assert tag("Oil spill", "Militants in the Niger Delta attacked a pipeline.").primary == "NG"


def test_guinea_family() -> None:
    cases = {
        "Guinea": "GN",
        "Guinea-Bissau": "GW",
        "Equatorial Guinea": "GQ",
        "Papua New Guinea": "PG",
    }
    for name, code in cases.items():
        r = tag(f"Election in {name}", f"Voters in {name} went to the polls on Sunday.")
        assert r.primary == code, name
        assert r.codes == [code], name


def test_washington_state_city_and_government() -> None:
    for text in (
        "Wildfires spread across Washington state, near Seattle.",
        "Tourists flocked to Washington, D.C. for the parade.",
        "Washington imposed new sanctions, the White House said.",
    ):
        assert tag("News", text).primary == "US"


def test_paris_texas() -> None:
    r = tag("Tornado", "A tornado hit Paris, Texas, on Monday night.")
    assert r.primary == "US"
    assert "FR" not in r.codes
    assert tag("Strike", "Metro workers in Paris walked out.").primary == "FR"


def test_new_mexico_is_not_mexico() -> None:
    r = tag("Drought in New Mexico", "Farmers in New Mexico face a dry summer.")
    assert r.codes == ["US"]


def test_congo_both() -> None:
    assert (
        tag("Fighting", "Rebels near Goma fought the army of the Democratic Republic of Congo.").primary
        == "CD"
    )
    assert tag("Vote", "The Republic of Congo voted; turnout in Brazzaville was low.").primary == "CG"
    assert tag("Vote", "Congo held elections; queues formed in Brazzaville.").primary == "CG"
    assert tag("Vote", "Congo held elections; queues formed in Kinshasa.").primary == "CD"


def test_korea_alone() -> None:
    assert tag("Korea talks", "Korea and Japan met; Pyongyang warned against it.").primary == "KP"
    assert tag("Korea exports", "Korea's exports rose, data from Seoul showed.").primary == "KR"
    assert tag("North Korea", "North Korea fired a missile.").primary == "KP"


def test_dominica_vs_dominican_republic() -> None:
    assert tag("Hurricane", "The hurricane struck Dominica overnight.").primary == "DM"
    assert tag("Hurricane", "The hurricane struck the Dominican Republic overnight.").primary == "DO"


def test_china_in_south_china_sea() -> None:
    r = tag("Patrols", "Philippine and Vietnamese ships patrolled the South China Sea near Manila.")
    assert "CN" not in r.codes
    assert r.primary == "PH"


def test_names_inside_organisation_names() -> None:
    r = tag("Bank results", "Bank of America and Air India reported profits. Shares rose in Toronto, Canada.")
    assert r.primary == "CA"
    assert "IN" not in r.codes


def test_demonyms_and_metonyms() -> None:
    r = tag("Kremlin responds", "The Kremlin said Russian troops would stay.")
    assert r.primary == "RU"
    assert tag("x", "The Emirati foreign minister spoke.").primary == "AE"
    assert tag("x", "North Korean soldiers crossed.").primary == "KP"
    assert tag("x", "Officials at Downing Street said no.").primary == "GB"
    assert tag("x", "Pyongyang rejected the offer.").primary == "KP"
    assert tag("x", "A spokesman for the Élysée declined to comment.").primary == "FR"


def test_overseas_territories_are_filed_under_themselves() -> None:
    r = tag("Ministers", "A Guadeloupean blogger criticised the new French government.")
    assert r.primary == "GP"
    assert tag("Ice sheet", "Greenland lost ice again this summer.").primary == "GL"
    assert tag("Protests", "Protesters marched in Hong Kong.").primary == "HK"


def test_all_caps_and_capitals_inside_words() -> None:
    assert tag("", "MOSCOW (Reuters) - Talks stalled.").primary == "RU"
    # A capital letter inside a word ("eBay") starts no place name.
    assert tag("", "Shares of eBay rose.").codes == []


def test_rio_and_parliaments() -> None:
    assert tag("", "Police in Rio arrested two lawyers.").primary == "BR"
    assert tag("", "Rio Tinto reported profits.").codes == []
    assert tag("", "De Tweede Kamer stemde in.").primary == "NL"
