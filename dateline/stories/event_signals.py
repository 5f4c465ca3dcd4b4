"""Event signals of an article: when its event happened, and whether its headline is a series.

Two reports are of one event when they tell the same happening: who did what, where and when.
The clusterer's text similarity sees who and what; this module adds *when* and a guard against
an outlet's recurring features:

- ``event_date`` reads the lede (the headline and the first sentences, where news writing puts
  the event) for the first date it names — "on Tuesday", "March 5", "5 March 2004",
  "yesterday", "last night" — and resolves it against the publication date: a weekday is the
  last such day on or before publication, a date without a year the nearest one not after
  publication (give or take a day). Two reports whose event dates are days apart tell different
  happenings (a hostage release and a helicopter crash the next week), however alike their words.
- ``templates`` / ``shared_template`` find the fixed part of a headline that recurs in an outlet's
  series ("Wikinews interviews ...", "On the campaign trail ...", "... live updates"): articles of
  a series share that template, not an event.

Pure: no I/O, no clock.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime, timedelta

__all__ = [
    "country_label",
    "event_date",
    "headline",
    "headline_names",
    "headline_overlap",
    "instalments",
    "mentioned_dates",
    "other_actors",
    "places",
    "same_report",
    "shared_template",
    "templates",
]

_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
_WEEKDAYS = {
    d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
}

_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DATE = re.compile(
    rf"\b(?P<m1>{_MONTH_RE})\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>(?:19|20)\d\d)\b)?"
    rf"|\b(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH_RE})(?:,?\s+(?P<y2>(?:19|20)\d\d)\b)?"
    r"|\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\b(?P<rel>yesterday|last night|today|this morning|this afternoon|tonight|earlier today)\b",
    re.IGNORECASE,
)
# "next Monday", "on Friday will", "until Sunday": a weekday after these words is not the event's.
_FUTURE_BEFORE = re.compile(r"\b(?:next|until|by|from|coming|this coming|before)\s+$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[A-Z\"“‘'(])|\n+")

# News reports what happened in the last days: an older date in the lede is background.
RECENT_DAYS = 7
# How much of the text is the lede.
LEDE_SENTENCES = 3
LEDE_CHARS = 700


def _lede(title: str, text: str) -> list[str]:
    head = text[: LEDE_CHARS * 2]
    sentences = [s for s in _SENTENCE_END.split(head) if s.strip()][:LEDE_SENTENCES]
    out: list[str] = []
    used = 0
    for s in sentences:
        if used >= LEDE_CHARS:
            break
        out.append(s[: LEDE_CHARS - used])
        used += len(out[-1])
    return [title, *out]


def _resolve(m: re.Match[str], published: date) -> date | None:
    g = m.groupdict()
    if g["wd"]:
        back = (published.weekday() - _WEEKDAYS[g["wd"].lower()]) % 7
        return published - timedelta(days=back)
    if g["rel"]:
        rel = g["rel"].lower()
        return published - timedelta(days=1) if rel in ("yesterday", "last night") else published
    # A date without a year is the nearest such day not after publication (a day's slack).
    return _resolve_parts(g, published)


def event_date(title: str, text: str, published: datetime | None) -> date | None:
    """The date of the event the article reports, from its lede, or None when it names none.

    Dates are resolved against ``published``; without a publication date only a date with its
    year counts.
    """
    pub = published.date() if published is not None else None
    for part in _lede(title, text):
        for m in _DATE.finditer(part):
            if m.group("wd") and _FUTURE_BEFORE.search(part[max(0, m.start() - 16) : m.start()]):
                continue
            if pub is None:
                if m.group("y1") or m.group("y2"):
                    found = _resolve(m, date.today().replace(year=int(m.group("y1") or m.group("y2"))))
                    if found is not None:
                        return found
                continue
            found = _resolve(m, pub)
            if found is None:
                continue
            # A date well after publication is announced, not reported; one well before it is
            # background (an anniversary, an earlier event), not the news.
            if found > pub + timedelta(days=1) or found < pub - timedelta(days=RECENT_DAYS):
                continue
            return found
    return None


_WORD = re.compile(r"[\w'’]+")
_SERIES_WORDS = 2  # words of a recurring opening ("Wikinews interviews", "On the campaign ...")


def templates(title: str) -> tuple[str, str]:
    """The headline's opening and ending (two words each, lower-cased), marked ``"^..."`` and
    ``"...$"``: the places where an outlet's recurring title template sits."""
    words = [w.lower() for w in _WORD.findall(title)]
    k = _SERIES_WORDS
    return "^" + " ".join(words[:k]), " ".join(words[-k:]) + "$"


def shared_template(a: str, b: str) -> str | None:
    """The template two headlines share (opening or ending of two words) while differing beyond
    it, or None. Whether that template is an outlet's series is for the caller to know (it
    recurs over weeks); a shared opening may as well be the event's name ("Panama Papers: ...")."""
    wa = [w.lower() for w in _WORD.findall(a)]
    wb = [w.lower() for w in _WORD.findall(b)]
    k = _SERIES_WORDS
    if len(wa) < k + 2 or len(wb) < k + 2 or wa == wb:
        return None
    if wa[:k] == wb[:k]:
        shared = "^" + " ".join(wa[:k])
    elif wa[-k:] == wb[-k:]:
        shared = " ".join(wa[-k:]) + "$"
    else:
        return None
    # What is left beyond the longest common opening and ending is what the headlines tell.
    head = 0
    while head < min(len(wa), len(wb)) and wa[head] == wb[head]:
        head += 1
    tail = 0
    while tail < min(len(wa), len(wb)) - head and wa[-1 - tail] == wb[-1 - tail]:
        tail += 1
    rest_a, rest_b = set(wa[head : len(wa) - tail]), set(wb[head : len(wb) - tail])
    if not rest_a or not rest_b:
        return None
    overlap = len(rest_a & rest_b) / min(len(rest_a), len(rest_b))
    return shared if overlap < 0.5 else None


# The numbered parts of a series: "round five", "third round", "Day 3", "Week 12", "Game 4".
_PART_WORDS = (
    "round|day|week|stage|part|game|leg|episode|chapter|match|race|test|heat|session|volume|issue|"
    "edition|instalment|installment|matchday|gameweek|lap|act|set"
)
_COUNTS = {
    w: n
    for n, ws in enumerate(
        [
            (),
            ("one", "first", "1st"),
            ("two", "second", "2nd"),
            ("three", "third", "3rd"),
            ("four", "fourth", "4th"),
            ("five", "fifth", "5th"),
            ("six", "sixth", "6th"),
            ("seven", "seventh", "7th"),
            ("eight", "eighth", "8th"),
            ("nine", "ninth", "9th"),
            ("ten", "tenth", "10th"),
            ("eleven", "eleventh", "11th"),
            ("twelve", "twelfth", "12th"),
        ]
    )
    for w in ws
}
_COUNT = r"\d{1,3}(?:st|nd|rd|th)?|" + "|".join(sorted(_COUNTS, key=len, reverse=True))
_PART = re.compile(
    rf"\b(?:(?P<part>{_PART_WORDS})\s+(?P<after>{_COUNT})|(?P<before>{_COUNT})\s+(?P<part2>{_PART_WORDS}))\b",
    re.I,
)


def _parts(title: str) -> dict[str, int]:
    """The numbered parts a headline names, by part word: "third round" and "round 3" -> {"round": 3}."""
    out: dict[str, int] = {}
    for m in _PART.finditer(title):
        word = (m.group("part") or m.group("part2")).lower()
        count = (m.group("after") or m.group("before")).lower()
        digits = re.match(r"\d+", count)
        out[word] = int(digits.group()) if digits else _COUNTS[count]
    return out


def instalments(a: str, b: str) -> bool:
    """Whether two headlines name different numbered parts of one series: "Caloundra defeat
    Maroochydore in third round of …" / "University defeat Maroochydore in round five of …"."""
    pa, pb = _parts(a), _parts(b)
    return any(pa[w] != pb[w] for w in pa.keys() & pb.keys())


_EXPLICIT = re.compile(
    rf"\b(?P<m1>{_MONTH_RE})\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>(?:19|20)\d\d)\b)?"
    rf"|\b(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH_RE})(?:,?\s+(?P<y2>(?:19|20)\d\d)\b)?",
    re.IGNORECASE,
)
MENTION_CHARS = 6000


def mentioned_dates(text: str, published: datetime | None) -> frozenset[date]:
    """Every calendar date the text names ("March 5", "5 March 2004"), resolved against
    ``published``: a follow-up names the date of the event it follows up."""
    if published is None:
        return frozenset()
    pub = published.date()
    out: set[date] = set()
    for m in _EXPLICIT.finditer(text[:MENTION_CHARS]):
        g = m.groupdict()
        g.setdefault("wd", None)
        g.setdefault("rel", None)
        found = _resolve_parts(g, pub)
        if found is not None:
            out.add(found)
    return frozenset(out)


def _resolve_parts(g: dict[str, str | None], published: date) -> date | None:
    month = _MONTHS[str(g["m1"] or g["m2"]).lower().rstrip(".")]
    day = int(str(g["d1"] or g["d2"]))
    year_s = g["y1"] or g["y2"]
    try:
        if year_s:
            return date(int(year_s), month, day)
        guess = date(published.year, month, day)
        if guess > published + timedelta(days=1):
            guess = date(published.year - 1, month, day)
        return guess
    except ValueError:
        return None


_HEAD_STOP = frozenset(
    "a an and as at be by for from has have in into is it its of on or over the to with after "
    "amid as new says said will was were are who what how why".split()
)


_BEAT = re.compile(r"^\s*(?:\w[\w'’.\-]*\s+){0,3}\w[\w'’.\-]*\s*:\s+")


@functools.lru_cache(maxsize=65536)
def _head_words(title: str) -> frozenset[str]:
    # An outlet's beat label ("Cuba: ...", "Boeing : ...") is not what the headline tells.
    title = _BEAT.sub("", title, count=1)
    return frozenset(
        w for w in (x.lower() for x in _WORD.findall(title)) if len(w) > 2 and w not in _HEAD_STOP
    )


def headline_overlap(a: str, b: str) -> float:
    """Share of the shorter headline's content words that the other headline has too: updates of
    one report keep most of their headline ("Grandfather jailed for lese majeste dies" /
    "Grandfather serving lese majeste sentence dies in prison"); two reports of one outlet's beat
    ("Cuba: ...", "Cuba: ...") share a word or two."""
    wa, wb = _head_words(a), _head_words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


_CAP = re.compile(r"[^\W\d_][\w'’.\-]*")
TITLE_CASE_SHARE = 0.7  # a headline whose longer words are this capitalised is in Title Case


@functools.lru_cache(maxsize=65536)
def headline_names(title: str) -> frozenset[str] | None:
    """The names a sentence-case headline carries (capitalised words; the first one only when it
    is not a common English word), or None for a Title Case headline, where capitals tell nothing."""
    from wordfreq import zipf_frequency

    words = _CAP.findall(_BEAT.sub("", title, count=1))
    longer = [w for w in words if len(w) > 3]
    if longer and sum(w[:1].isupper() for w in longer) >= TITLE_CASE_SHARE * len(longer):
        return None
    names = set()
    for i, w in enumerate(words):
        if not w[:1].isupper() or w.lower() in _HEAD_STOP:
            continue
        if i == 0 and zipf_frequency(w.lower(), "en") >= 3.0:
            continue
        names.add(re.sub(r"['’]s$", "", w.lower()).rstrip("."))
    return frozenset(names)


def same_report(a: str, b: str, overlap: float) -> bool:
    """Whether two headlines of one outlet are versions of one report: they share ``overlap`` of
    their content words, and neither names someone or somewhere the other does not while the
    other does the same ("Gillibrand ends US presidential bid" / "Hickenlooper ends US
    presidential bid": one template, two events)."""
    if headline_overlap(a, b) < overlap:
        return False
    na, nb = headline_names(a), headline_names(b)
    return na is None or nb is None or not (na - nb and nb - na)


# Words a page title adds to an outlet's name ("The Japan Times Online", "The Free Press --
# Independent News Media"): with the name they make a title that tells nothing of the page.
_SITE_WORDS = frozenset(
    "the a of and online news home page homepage website web site official independent media "
    "daily latest breaking welcome to com net org".split()
)
_HOST_SKIP = frozenset("www www1 www2 en edition news com org net gov edu int co ac info".split())


@functools.lru_cache(maxsize=65536)
def headline(title: str, source: str) -> str:
    """The page's headline: ``title``, or "" when the title only names the outlet ("The Japan
    Times Online" on www.japantimes.co.jp, "Taipei Times" on www.taipeitimes.com). Such a title
    is the same on every page of the site and says nothing about the event."""
    words = [w.lower() for w in _WORD.findall(title)]
    if not words or not source or len(words) > 8:
        return title
    labels = [x for x in source.lower().split(".") if len(x) >= 4 and x not in _HOST_SKIP]
    for label in labels:
        for i in range(len(words)):
            joined = ""
            for j in range(i, min(len(words), i + 4)):
                joined += words[j]
                if joined == label:
                    rest = words[:i] + words[j + 1 :]
                    if all(w in _SITE_WORDS for w in rest):
                        return ""
                if len(joined) >= len(label):
                    break
    return title


_PLACE_KINDS = frozenset({"city", "capital"})
PLACE_CHARS = 300  # the headline and the start of the lede: where the report says where it happened


@functools.lru_cache(maxsize=65536)
def places(title: str, text: str) -> frozenset[tuple[str, str]]:
    """The places below a country (cities, capitals, regions) that the headline and the start of
    the lede name, as ``(name, country code)``: where the event happened."""
    from dateline.geo.gazetteer import gazetteer, tokenize

    gaz = gazetteer()
    out: set[tuple[str, str]] = set()
    for part in (title, text[:PLACE_CHARS]):
        toks = tokenize(part)
        i = 0
        while i < len(toks):
            longest = gaz.first.get(toks[i], 0)
            hit = 0
            for n in range(min(longest, len(toks) - i), 0, -1):
                entry = gaz.table.get(tuple(toks[i : i + n]))
                if entry is not None:
                    if entry.kind in _PLACE_KINDS:
                        out.add((" ".join(toks[i : i + n]).lower(), entry.codes[0]))
                    hit = n
                    break
            i += hit or 1
    return frozenset(out)


@functools.lru_cache(maxsize=65536)
def country_label(title: str) -> str:
    """``title`` without an opening label that only names a country ("Cuba: ...", "Armenia: ..."):
    an outlet's country beat, which tells the event's country, not the event."""
    from dateline.geo.gazetteer import gazetteer, tokenize

    m = _BEAT.match(title)
    if m is None:
        return title
    label = title[: m.end()].strip().rstrip(":").strip()
    entry = gazetteer().table.get(tuple(tokenize(label)))
    if entry is None or entry.kind not in ("name", "demonym"):
        return title
    return title[m.end() :]


def other_actors(a: str, b: str) -> bool:
    """Whether two sentence-case headlines each name someone or somewhere the other does not
    ("Gillibrand ends US presidential bid" / "Hickenlooper ends US presidential bid")."""
    na, nb = headline_names(a), headline_names(b)
    if na is None or nb is None:
        return False
    na, nb = na - _country_words(), nb - _country_words()
    return bool(na - nb) and bool(nb - na)


@functools.cache
def _country_words() -> frozenset[str]:
    """Lower-cased one-word names and demonyms of countries ("us", "cuba", "cuban"): where, not who."""
    from dateline.geo.gazetteer import gazetteer

    return frozenset(
        key[0].lower()
        for key, e in gazetteer().table.items()
        if len(key) == 1 and e.kind in ("name", "demonym")
    )
