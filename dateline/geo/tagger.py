"""Country tagging for news articles: a primary country, secondary countries, and the evidence.

Pure and offline. Each article is cut into positions (headline, dateline, lead, body); every
position is tokenised and scanned once, longest match first, against the gazetteer's
token-tuple table. Matches are weighted by what kind of form they are (a country name says
more than a demonym, a demonym more than an airline's name) and by where they stand (the
headline and the first paragraph say most). Ambiguous forms ("Georgia", "Korea", "Congo",
cities shared by several countries) take the candidate that the rest of the article supports.
The outlet's home country only breaks near-ties between countries the article names; an
article that names none is filed under none.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import islice

from dateline.geo import countries
from dateline.geo.gazetteer import TOKEN_RE, Entry, gazetteer

__all__ = ["CountryScore", "Evidence", "GeoResult", "merge", "tag"]

# Position weights. The body decays with distance from the top: the tenth paragraph of a
# story says less about it than its first.
HEADLINE_WEIGHT = 3.0
DATELINE_WEIGHT = 3.0
LEAD_WEIGHT = 2.0
LEAD_CHARS = 300
BODY_MAX, BODY_MIN, BODY_DECAY_CHARS = 1.0, 0.35, 5000.0

# A secondary country must reach this share of the primary's score, and this absolute score.
SECONDARY_SHARE = 0.5
MIN_SCORE = 1.2
MIN_PRIMARY = 0.2
# A (non-capital) city is a weaker sign when nothing else in the article names its country.
UNSUPPORTED_CITY = 0.5
_WEAK_KINDS = frozenset({"city", "org"})
HOME_BONUS = 0.05  # relative to the leader's score; enough to break a near-tie only
MAX_EVIDENCE = 8

# "Jordan", "Chad", "Israel", "Georgia"... are also people's names.
_GIVEN_NAMES = frozenset(
    "Jordan Chad Israel Georgia Paris Victoria Florence Charlotte Sydney Austin Jackson Kenya India".split()
)
_SURNAMES = _GIVEN_NAMES | frozenset("Washington Houston Lincoln Dallas".split())
_TITLES = frozenset("Mr Mrs Ms Miss Dr Sen Rep Gov Coach Rev Prof Michael".split())
# Capitalised words that may stand before a place without making it a surname.
_PLACE_PREV = frozenset(
    """The A An In Of To From For And Or But At On By As With Into Across Near Via Than Like
    North South East West Northern Southern Eastern Western Central Northeast Northwest
    Southeast Southwest Upper Lower Greater Kingdom Republic State Visit Visiting Inside
    Outside Over Under After Before Both While Where When Why How What Says Said Kingdom
    Hashemite Neighbouring Neighboring Democratic Federal Island Islands""".split()
)
# Capitalised words that may follow a place name without making it a first name.
_PLACE_NEXT = frozenset(
    """River Valley Basin Sea Lake Gulf Times Post Radio Television TV Police Army Armed Forces
    Defense Defence Government Ministry Embassy Airport University Electric Republic Kingdom
    State National Street Railways Airlines Airways Bank Central Prize Today Tribune Herald
    News Football Cup Open Grand Senate House Parliament Court Supreme Olympic Committee
    Council Party Station Museum International""".split()
)
# Words after a country name that turn it into a company's name.
_ORG_NEXT = frozenset(
    "Airlines Airways Air Telecom Mobile Motors Petroleum Railways Insurance Inc Ltd Corp Daily Post Herald Tribune".split()
)
# Adjectives that name a language spoken in many countries as often as they name a country.
_LANGUAGE_LIKE = frozenset(
    "French English Spanish Portuguese Arabic Persian français español inglés anglais".split()
)
LANGUAGE_FACTOR = 0.5
_BIRD_PREV = frozenset("thanksgiving christmas roast roasted wild stuffed smoked frozen whole carve".split())

_ODD_CHARS = (("’", "'"), ("‘", "'"), ("‐", "-"), ("‑", "-"))
_NEWLINE_RE = re.compile("\n")
_DATELINE_RE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z.'\- ]{2,40}?|[A-Z][\w.'\- ]{2,40}?(?=,?\s*\())"
    r"(?:,\s*(?P<region>[A-Z][\w.'\- ]{1,30}?))?\s*(?:\([^)]{1,40}\))?\s*[-–—:]{1,2}\s"
)


@dataclass(frozen=True)
class Evidence:
    """One matched span: its text, where it stood, what kind of form it is, its weight."""

    span: str
    where: str
    kind: str
    weight: float


@dataclass(frozen=True)
class CountryScore:
    """A country's total score for an article or story, with the evidence behind it."""

    code: str
    score: float
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class GeoResult:
    """Countries an article or story is about: the primary first, then secondaries by score."""

    countries: tuple[CountryScore, ...]

    @property
    def primary(self) -> str | None:
        """The primary country's code, or None when nothing was found."""
        return self.countries[0].code if self.countries else None

    @property
    def codes(self) -> list[str]:
        """All codes, primary first."""
        return [c.code for c in self.countries]

    def to_json(self) -> list[dict]:
        """A JSON-ready list: one dict per country with name, flag, score and evidence."""
        out = []
        for cs in self.countries:
            country = countries.get(cs.code)
            out.append(
                {
                    "code": cs.code,
                    "name": country.name if country else cs.code,
                    "flag": country.flag if country else "",
                    "score": round(cs.score, 4),
                    "evidence": [
                        {"span": e.span, "where": e.where, "kind": e.kind, "weight": round(e.weight, 4)}
                        for e in cs.evidence
                    ],
                }
            )
        return out

    @classmethod
    def from_json(cls, data: Iterable[dict]) -> GeoResult:
        """Rebuild a result from :meth:`to_json` output."""
        return cls(
            tuple(
                CountryScore(
                    code=str(item["code"]).upper(),
                    score=float(item["score"]),
                    evidence=tuple(
                        Evidence(str(e["span"]), str(e["where"]), str(e["kind"]), float(e["weight"]))
                        for e in item.get("evidence", ())
                    ),
                )
                for item in data
            )
        )


@dataclass
class _Match:
    codes: tuple[str, ...]
    kind: str
    weight: float
    span: str
    where: str
    region_us: bool = False  # a US state/city context for "Georgia"


def _is_title_case(tokens: list[str]) -> bool:
    words = [t for t in tokens if t.isalpha() and len(t) > 3]
    return len(words) >= 3 and sum(t[0].isupper() for t in words) >= 0.7 * len(words)


def _looks_like_person(tokens: list[str], i: int, j: int, title_case: bool) -> bool:
    """Is the single token at i a person's first name or surname rather than a place?"""
    word = tokens[i]
    prev = tokens[i - 1] if i > 0 else ""
    if prev == "." and i > 1:
        prev = tokens[i - 2]
    if prev in _TITLES:
        return True
    first = gazetteer().first
    if word in _SURNAMES and i > 0 and tokens[i - 1].isalpha() and prev.istitle():
        if prev not in _PLACE_PREV and prev not in first and not title_case:
            return True
    if word in _GIVEN_NAMES and not title_case and j < len(tokens):
        nxt = tokens[j]
        if nxt.isalpha() and nxt.istitle() and nxt not in _PLACE_NEXT and nxt not in first:
            return True
    return False


def _is_surname(tokens: list[str], i: int, title_case: bool) -> bool:
    """A city name right after a capitalised non-place word ("Joyce Banda") is a surname."""
    if i == 0 or title_case:
        return False
    prev = tokens[i - 1]
    if prev == "." and i > 1 and len(tokens[i - 2]) == 1:  # "Robert F. Kennedy"
        return True
    return (
        prev.isalpha()
        and prev[0].isupper()
        and not prev.isupper()
        and prev not in _PLACE_PREV
        and prev not in gazetteer().first
    )


def _trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` shaped as a character trie, so matching is one pass."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            body = (body if len(branches) == 1 and len(body) == 1 else f"(?:{body})") + "?"
        return body

    return emit(root)


@cache
def _candidate_res() -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """Regexes for the words that may start a gazetteer form.

    Nearly every form starts with a capital letter: a bare character class lets the regex
    engine skip ahead fast, and the few lower-case starters get a small trie of their own.
    No per-word Python work is done on the words in between.
    """
    first = gazetteer().first
    upper = {t[0] for t in first if t[0].isupper()} | set("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    cap = re.compile("[" + "".join(re.escape(ch) for ch in sorted(upper)) + r"]\w*")
    lower = {t for t in first if t[0].isalnum() and not t[0].isupper() and TOKEN_RE.fullmatch(t)}
    low = re.compile(r"(?<!\w)" + _trie_pattern(lower) + r"(?!\w)") if lower else None
    return cap, low


@cache
def _caps() -> dict[str, str]:
    """All-caps spellings ("MOSCOW", a shouted headline) of words that start a form → title case."""
    first = gazetteer().first
    return {
        t.upper(): t
        for t in first
        if len(t) >= 4 and t.isascii() and t.isalpha() and t.upper().title() == t and t.upper() not in first
    }


@cache
def _starters() -> dict[str, str]:
    """Every spelling that may start a form → the form's spelling of it."""
    return {**_caps(), **{t: t for t in gazetteer().first}}


def _starts(text: str) -> list[tuple[int, str]]:
    """(offset, lookup form) of every whole word in ``text`` that starts some gazetteer form."""
    cap, low = _candidate_res()
    starters = _starters()
    found = []
    for m in cap.finditer(text):
        word = starters.get(m.group())
        if word is None:
            continue
        start = m.start()
        # "eBay", "iPhone": a capital inside a word starts no token.
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            continue
        found.append((start, word))
    if low is not None:
        extra = [(m.start(), m.group()) for m in low.finditer(text)]
        if extra:
            found = sorted(found + extra)
    return found


def _scan(
    text: str, where: str, weight: float, out: list[_Match], title_case: bool = False, body: bool = False
) -> None:
    """Match ``text`` against the gazetteer, longest form first, appending to ``out``.

    With ``body`` set, ``text`` is the article body scanned in one pass: no form spans a
    line break, and each match is weighted by where its paragraph starts (lead or body).
    """
    gz = gazetteer()
    table, first = gz.table, gz.first
    caps = _caps()
    token_re = TOKEN_RE
    breaks = [m.start() for m in _NEWLINE_RE.finditer(text)] if body else []
    n = len(text)
    pos_end = 0
    for start, word in _starts(text):
        if start < pos_end:
            continue
        para_start, para_end = 0, n
        if breaks:
            k = bisect_right(breaks, start)
            para_start = breaks[k - 1] + 1 if k else 0
            para_end = breaks[k] if k < len(breaks) else n
        longest = first[word]
        # Tokens from here: the longest phrase plus a few of context after it.
        toks: list[str] = []
        ends: list[int] = []
        for tm in islice(token_re.finditer(text, start, para_end), longest + 3):
            toks.append(tm.group())
            ends.append(tm.end())
        look = [word] + [caps.get(t, t) for t in toks[1:]]
        entry: Entry | None = None
        length = min(longest, len(toks))
        while length:
            entry = table.get(tuple(look[:length]))
            if entry is not None:
                break
            length -= 1
        if entry is None:
            continue
        pos_end = ends[length - 1]
        if not entry.codes:
            continue
        # Two tokens of context before it, for titles, first names and "state of".
        prev = token_re.findall(text, max(para_start, start - 40), start)[-2:]
        tokens = prev + toks
        look = [caps.get(t, t) for t in prev] + look
        i = len(prev)
        if body:
            lead = para_start < LEAD_CHARS
            where, weight = ("lead", LEAD_WEIGHT) if lead else ("body", _body_weight(para_start))
        _record(tokens, look, i, i + length, entry, where, weight, title_case, out)


def _record(
    tokens: list[str],
    look: list[str],
    i: int,
    j: int,
    entry: Entry,
    where: str,
    weight: float,
    title_case: bool,
    out: list[_Match],
) -> None:
    kind, codes, base = entry.kind, entry.codes, entry.weight
    word = look[i]
    if j - i == 1:
        if kind in ("city", "capital") and _is_surname(look, i, title_case):
            return
        # "Beira-Mar": a city name hyphenated to an unknown capitalised word is another name.
        if (
            kind in ("city", "capital")
            and j + 1 < len(look)
            and look[j] == "-"
            and look[j + 1][:1].isupper()
            and (look[j + 1],) not in gazetteer().table
        ):
            return
        if word == "Turkey" and i > 0 and tokens[i - 1].lower() in _BIRD_PREV:
            return
        if (word in _GIVEN_NAMES or word in _SURNAMES) and _looks_like_person(look, i, j, title_case):
            return
    if kind in ("name", "demonym") and j < len(look) and look[j] in _ORG_NEXT:
        kind, base = "org", 0.1
    elif kind == "name" and i > 0 and look[i - 1] == "Air":
        kind, base = "org", 0.1
    if kind == "demonym" and word in _LANGUAGE_LIKE:
        base *= LANGUAGE_FACTOR
    region_us = False
    if word == "Georgia" and i >= 2 and look[i - 2] == "state" and look[i - 1] == "of":
        codes = ("US",)
    # "Paris, Texas", "Córdoba, Argentina": a place followed by its region or country.
    if kind in ("city", "capital", "region") and j + 1 < len(look) and look[j] == ",":
        nxt = gazetteer().table.get((look[j + 1],)) or gazetteer().table.get(tuple(look[j + 1 : j + 3]))
        if nxt is not None and nxt.codes and nxt.kind in ("name", "region"):
            shared = [c for c in codes if c in nxt.codes]
            codes = (shared[0],) if shared else (nxt.codes[0],)
            region_us = codes == ("US",)
    if kind in ("city", "region") and codes[0] == "US":
        region_us = True
    span = " ".join(tokens[i:j]) if j - i > 1 else tokens[i]
    out.append(_Match(codes, kind, base * weight, span, where, region_us))


def _body_weight(offset: int) -> float:
    return max(BODY_MIN, BODY_MAX - (BODY_MAX - BODY_MIN) * offset / BODY_DECAY_CHARS)


def _normalise(text: str) -> str:
    # Curly apostrophes and odd hyphens as plain ones; checked first because most texts
    # need nothing and str.translate is slow on long non-ASCII text.
    for odd, plain in _ODD_CHARS:
        if odd in text:
            text = text.replace(odd, plain)
    return text


def _collect(title: str, text: str) -> list[_Match]:
    matches: list[_Match] = []
    title, text = _normalise(title), _normalise(text)
    if title:
        title_case = _is_title_case(TOKEN_RE.findall(title))
        _scan(title, "headline", HEADLINE_WEIGHT, matches, title_case)
    head = text[:200]
    m = _DATELINE_RE.match(head)
    if m:
        place = m.group("place").strip()
        before = len(matches)
        _scan(place if not place.isupper() else place.title(), "dateline", DATELINE_WEIGHT, matches)
        if m.group("region"):
            _scan(m.group("region"), "dateline", DATELINE_WEIGHT * 0.5, matches)
        for mt in matches[before:]:
            mt.kind = "dateline"
        text = text[m.end() :]
    _scan(text, "body", BODY_MAX, matches, body=True)
    return matches


def _resolve(matches: list[_Match]) -> list[tuple[str, _Match]]:
    """Give each match one code; ambiguous ones take the candidate the article supports most."""
    support: dict[str, float] = {}
    us_regional = 0.0
    for m in matches:
        if len(m.codes) == 1:
            support[m.codes[0]] = support.get(m.codes[0], 0.0) + m.weight
            if m.region_us:
                us_regional += m.weight
    strong: set[str] = {m.codes[0] for m in matches if len(m.codes) == 1 and m.kind not in _WEAK_KINDS}
    resolved = []
    for m in matches:
        if len(m.codes) == 1:
            if m.kind == "city" and m.codes[0] not in strong:
                m.weight *= UNSUPPORTED_CITY
            resolved.append((m.codes[0], m))
            continue
        best, best_support = m.codes[0], 0.0
        for code in m.codes:
            s = us_regional if (code == "US" and "GE" in m.codes) else support.get(code, 0.0)
            if s > best_support:
                best, best_support = code, s
        resolved.append((best, m))
    return resolved


def _finish(
    scores: dict[str, float], evidence: dict[str, list[Evidence]], home: str | None = None
) -> GeoResult:
    if not scores:
        # An article that names no place is filed under no country: the outlet's home
        # country is never the filing rule (a Pacific discovery reported from India is not
        # about India).
        return GeoResult(())
    top = max(scores.values())
    if home and home in scores and scores[home] >= (1 - HOME_BONUS) * top:
        bonus = HOME_BONUS * top
        scores[home] += bonus
        evidence[home].append(Evidence(home, "home", "home", bonus))
        top = max(scores.values())
    if top < MIN_PRIMARY:
        return GeoResult(())
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    kept = ranked[:1] + [(c, s) for c, s in ranked[1:] if s >= SECONDARY_SHARE * top and s >= MIN_SCORE]
    out = []
    for code, score in kept:
        ev = sorted(evidence[code], key=lambda e: -e.weight)[:MAX_EVIDENCE]
        out.append(CountryScore(code, score, tuple(ev)))
    return GeoResult(tuple(out))


def tag(title: str, text: str, *, home_country: str | None = None, language: str | None = None) -> GeoResult:
    """Tag one article with its countries.

    ``home_country`` (the outlet's country) only breaks a near-tie among countries the article
    itself names; it never files an article that names no country. ``language`` is accepted
    for callers that know it; the gazetteer holds the
    common non-English names anyway, so it does not change the result.
    """
    del language
    resolved = _resolve(_collect(title or "", text or ""))
    scores: dict[str, float] = {}
    evidence: dict[str, dict[tuple[str, str, str], float]] = {}
    for code, m in resolved:
        if countries.get(code) is None:
            continue
        scores[code] = scores.get(code, 0.0) + m.weight
        slot = evidence.setdefault(code, {})
        key = (m.span, m.where, m.kind)
        slot[key] = slot.get(key, 0.0) + m.weight
    ev_lists = {c: [Evidence(s, w, k, wt) for (s, w, k), wt in slot.items()] for c, slot in evidence.items()}
    home = home_country.upper() if home_country else None
    return _finish(scores, ev_lists, home)


def merge(results: Iterable[GeoResult]) -> GeoResult:
    """A story's countries from its articles' results.

    Each article contributes its countries' scores normalised by its own primary's score, so
    a long article cannot outvote many short ones; evidence is pooled.
    """
    scores: dict[str, float] = {}
    evidence: dict[str, list[Evidence]] = {}
    for result in results:
        if not result.countries:
            continue
        top = result.countries[0].score or 1.0
        for cs in result.countries:
            scores[cs.code] = scores.get(cs.code, 0.0) + cs.score / top
            evidence.setdefault(cs.code, []).extend(cs.evidence)
    if not scores:
        return GeoResult(())
    top = max(scores.values())
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    out = []
    for code, score in ranked:
        if score >= SECONDARY_SHARE * top:
            ev = sorted(evidence[code], key=lambda e: -e.weight)[:MAX_EVIDENCE]
            out.append(CountryScore(code, score, tuple(ev)))
    return GeoResult(tuple(out))
