"""Countries as Dateline names them: ISO 3166-1 alpha-2 code, common English short name, flag.

One naming style everywhere: the short name an English-language newsroom uses ("Russia",
"South Korea", "United Kingdom", "Ivory Coast"), never the formal ISO name
("Russian Federation", "Korea, Republic of"). Built once from pycountry plus a small
override table; Kosovo (XK, user-assigned) is added by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pycountry

__all__ = ["Country", "all_countries", "display", "flag_emoji", "get"]


@dataclass(frozen=True)
class Country:
    """A country or territory with its ISO alpha-2 code (upper-case), display name and flag emoji."""

    code: str
    name: str
    flag: str


# Formal ISO names that a newsroom would not print; everything else keeps pycountry's
# common_name or name.
_NAME_OVERRIDES: dict[str, str] = {
    "BO": "Bolivia",
    "BN": "Brunei",
    "BQ": "Caribbean Netherlands",
    "CC": "Cocos Islands",
    "CD": "DR Congo",
    "CG": "Republic of the Congo",
    "CI": "Ivory Coast",
    "CV": "Cape Verde",
    "CZ": "Czechia",
    "FK": "Falkland Islands",
    "FM": "Micronesia",
    "GB": "United Kingdom",
    "IR": "Iran",
    "KP": "North Korea",
    "KR": "South Korea",
    "LA": "Laos",
    "MD": "Moldova",
    "MF": "Saint Martin",
    "PS": "Palestine",
    "RU": "Russia",
    "SH": "Saint Helena",
    "ST": "São Tomé and Príncipe",
    "SX": "Sint Maarten",
    "SY": "Syria",
    "SZ": "Eswatini",
    "TL": "Timor-Leste",
    "TR": "Turkey",
    "TW": "Taiwan",
    "TZ": "Tanzania",
    "US": "United States",
    "VA": "Vatican City",
    "VE": "Venezuela",
    "VG": "British Virgin Islands",
    "VI": "US Virgin Islands",
    "VN": "Vietnam",
    "XK": "Kosovo",
}


def flag_emoji(code: str) -> str:
    """The flag emoji for an alpha-2 code: two regional-indicator symbols."""
    return "".join(chr(0x1F1E6 + ord(ch) - ord("A")) for ch in code.upper())


@cache
def _table() -> dict[str, Country]:
    table: dict[str, Country] = {}
    for rec in pycountry.countries:
        code = rec.alpha_2
        name = _NAME_OVERRIDES.get(code) or getattr(rec, "common_name", None) or rec.name
        table[code] = Country(code=code, name=name, flag=flag_emoji(code))
    table["XK"] = Country(code="XK", name="Kosovo", flag=flag_emoji("XK"))
    return table


def get(code: str) -> Country | None:
    """The country for an alpha-2 code (case-insensitive), or None if unknown."""
    if not code:
        return None
    return _table().get(code.strip().upper())


@cache
def _sorted() -> tuple[Country, ...]:
    return tuple(sorted(_table().values(), key=lambda c: c.name))


def all_countries() -> list[Country]:
    """Every country and territory, sorted by display name (Kosovo and Palestine included)."""
    return list(_sorted())


def display(code: str) -> str:
    """Flag and name, e.g. ``display("RU") == "🇷🇺 Russia"``; the bare code if unknown."""
    country = get(code)
    if country is None:
        return code.upper()
    return f"{country.flag} {country.name}"
