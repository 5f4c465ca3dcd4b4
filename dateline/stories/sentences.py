"""Sentence splitting for the writer: abbreviations, initials, quotes and "Yahoo!"-style names.

pysbd's rule-based segmenter (English rules) splits; a few repairs follow for what it still cuts
(a closing quote left alone, a name ending in "!" followed by more of the name).
"""

from __future__ import annotations

import re
from functools import lru_cache

import pysbd

__all__ = ["BANG_NAME", "split_clean"]


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


# "Yahoo! Notícias", "Jeopardy! champion", "E! Online": an exclamation mark inside a name, not a
# sentence end.
BANG_NAME = re.compile(r"(?:\b(?:Yahoo|Jeopardy|Wham|Panic! at the Disco)|(?<![\w.])E)!$")


# A weekday written short before its date: "it was Sun. Dec. 31, 2017" is one sentence.
_SHORT_DAY = re.compile(r"\b(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.$")
_DATE_START = re.compile(
    r"^(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?|January|February|March|April|June|"
    r"July|August|September|October|November|December|\d{1,2})\b"
)


# A time of day written with "a.m." or "p.m." before its day, date or zone: "The flight was
# scheduled to take off at 11:55 p.m. Sunday, but left about 10 minutes late." is one sentence.
_CLOCK_END = re.compile(r"\b\d{1,2}(?::\d{2})?\s?[ap]\.m\.$", re.I)
_CLOCK_NEXT = re.compile(r"^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b(?!\s+(?:is|was|will|has|had)\b)")
# A time zone after the time: "After taking off at 11:36 a.m. PST, the plane returned …" is one sentence.
_ZONE_NEXT = re.compile(
    r"^(?:[ECMP][SD]?T|GMT|UTC|BST|CET|CEST|EET|AEST|AEDT|JST|KST|IST|HKT|SGT|WIB)\b(?:[,;)]|\s+[a-z(]|\.?$)"
)


# A full stop of Chinese or Japanese (with the closing brackets that follow it) ends a sentence;
# the English rules do not know it.
_FULL_STOP = re.compile(r"(?<=[。！？])(?![」』）”])|(?<=[。！？][」』）”])")


# A wire service's instrument code after the name it stands for ("the Dow Jones Industrial
# Average .DJI fell", "the S&P 500 .SPX lost"): read as a full stop, it cut the sentence in two.
_INSTRUMENT = re.compile(r"(?<=[\w%)]) \.(?!NET\b|COM\b|ORG\b)[A-Z][A-Z0-9]{1,6}(?=[\s,;:)]|$)")


def split_clean(paragraph: str, *, clock_days: bool = False) -> list[str]:
    """The sentences of one paragraph, stripped. With ``clock_days`` (a dated source, whose days
    the writer anchors) a time of day stays with the weekday after it ("at 11:55 p.m. Sunday, but
    …"): cut there, the day would open a sentence of its own ("On 31 December, but …")."""
    paragraph = _INSTRUMENT.sub("", paragraph.strip())
    if not paragraph:
        return []
    pieces = [
        part.strip() for p in _segmenter().segment(paragraph) for part in _FULL_STOP.split(p) if part.strip()
    ]
    out: list[str] = []
    for piece in pieces:
        if (
            out
            and (
                piece[:1] in "\"”’'"
                and len(piece) <= 2  # a closing quote on its own
                or BANG_NAME.search(out[-1])
                or out[-1].endswith(" Bros.")  # "the Ringling Bros. Center for Elephant Conservation"
                or (_SHORT_DAY.search(out[-1]) and _DATE_START.match(piece))
                or (clock_days and _CLOCK_END.search(out[-1]) and _CLOCK_NEXT.match(piece))
                or (_CLOCK_END.search(out[-1]) and _ZONE_NEXT.match(piece))
                or piece[:1].islower()  # a continuation: no sentence starts in lower case
            )
        ):
            out[-1] = f"{out[-1]} {piece}".replace(" ”", "”") if len(piece) <= 2 else f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out
