"""Country table: one naming style, flags, codes, Kosovo and Palestine."""

from dateline.geo import countries


def test_display_names_are_short_common_names() -> None:
    assert countries.display("RU") == "🇷🇺 Russia"
    for code, name in {
        "KR": "South Korea",
        "KP": "North Korea",
        "GB": "United Kingdom",
        "IR": "Iran",
        "VN": "Vietnam",
        "SY": "Syria",
        "TZ": "Tanzania",
        "BO": "Bolivia",
        "LA": "Laos",
        "MD": "Moldova",
        "CZ": "Czechia",
        "CI": "Ivory Coast",
    }.items():
        assert countries.get(code).name == name  # type: ignore[union-attr]


def test_get_is_case_insensitive_and_unknown_is_none() -> None:
    assert countries.get("ru") == countries.get("RU")
    assert countries.get("ZZ") is None
    assert countries.get("") is None


def test_kosovo_and_palestine_included_and_sorted() -> None:
    allc = countries.all_countries()
    codes = {c.code for c in allc}
    assert {"XK", "PS"} <= codes
    assert countries.get("XK").flag == "🇽🇰"  # type: ignore[union-attr]
    names = [c.name for c in allc]
    assert names == sorted(names)
    assert not any("," in n or "(" in n for n in names)
