"""Faithfulness gate: every name, number and date in a text must be found in its sources.

The check is deliberately literal. Names are capitalised words (single ones only when not opening a
sentence) and runs of capitalised words; numbers are digit groups and the number words two to twelve;
dates are month and weekday names (years are numbers). Matching is case-insensitive, ignores
possessives and punctuation, and treats "1,200" and "1200" as one number.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["FaithReport", "check", "extract_claims"]

MONTHS = ("january february march april may june july august september october november december").split()
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
NUMBER_WORDS = {
    w: str(i)
    for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())
    if i >= 2
}
_DIGIT_WORDS = {v: k for k, v in NUMBER_WORDS.items()}
# Lower-case words that may sit inside a multi-word name ("Bank of England", "Fort Worth").
_CONNECTORS = frozenset({"of", "de", "la", "van", "von", "der", "del", "da", "al", "bin", "&"})
# Capitalised words that are not names when they open a run ("The White House" -> "White House").
_LEADING_FILLER = frozenset(
    """the a an this that these those in on at of for to from by with after before as and but or if
    when while during since according""".split()
)
# Ordinary words that often open a sentence; not treated as names there.
_COMMON_OPENERS = _LEADING_FILLER | frozenset(
    """it its he she they we you his her their there here then now so yet also still however meanwhile
    officials police authorities critics both some many most several other others one all each no not
    what who why how where which earlier later today yesterday tomorrow last next first instead
    while although though despite because until once over under about among between through
    reports report reported witnesses residents people students workers protesters investigators
    prosecutors lawmakers officers troops soldiers leaders members experts analysts sources
    but nor neither either only even just more less such many much few""".split()
)
# Checked elsewhere (number words) or not a claim at all (the pronoun "I").
_NOT_NAMES = frozenset({"i", "i'm", "i've", "i'd", "i'll", "one", "zero", *NUMBER_WORDS})

_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*\.?", re.UNICODE)
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*")
_SENTENCE_BREAK = re.compile(r"[.!?:;\"“”()\[\]—–]|\n")


@dataclass(frozen=True)
class FaithReport:
    """Outcome of the gate: ``ok`` when nothing is missing; ``missing`` lists unsupported items."""

    ok: bool
    missing: tuple[str, ...]


def _fold(text: str) -> str:
    """Lower-case, strip accents' compatibility forms, drop possessives and punctuation, pad with spaces."""
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)  # 1,200 -> 1200
    text = re.sub(r"\b(?:[a-z]\.){2,}", lambda m: m.group(0).replace(".", ""), text)  # U.S. -> us
    text = re.sub(r"'s\b|s'(?=\W|$)", lambda m: "" if m.group(0) == "'s" else "s", text)
    text = re.sub(r"[^\w]+", " ", text)
    return f" {text.strip()} "


def _canon_number(token: str) -> str:
    token = re.sub(r",(?=\d{3}\b)", "", token)
    return token.rstrip(".,")


def extract_claims(text: str) -> list[str]:
    """Names, numbers and dates in ``text`` that the gate verifies (deduplicated, in order)."""
    claims: list[str] = []
    text = unicodedata.normalize("NFKC", text)
    for match in _NUMBER.finditer(text):
        claims.append(_canon_number(match.group(0)))
    for segment in _segments(text):
        claims.extend(_names_in_segment(segment))
    for word in re.findall(r"[A-Za-z]+", text):
        low = word.lower()
        if low in NUMBER_WORDS:
            claims.append(low)
        elif word[0].isupper() and (low in WEEKDAYS or (low in MONTHS and low != "may")):
            claims.append(word)
    seen: set[str] = set()
    out: list[str] = []
    for c in claims:
        if c.lower() not in seen:
            seen.add(c.lower())
            out.append(c)
    return out


def _segments(text: str) -> list[str]:
    """Pieces of text after which the next word counts as a sentence start."""
    # Split after sentence punctuation but keep abbreviations like "U.S." inside words intact.
    parts = re.split(r"(?<=[.!?])\s+|[\n:;\"“”()\[\]—–]+", text)
    return [p for p in parts if p and p.strip()]


def _names_in_segment(segment: str) -> list[str]:
    names: list[str] = []
    for k, piece in enumerate(segment.split(",")):
        names.extend(_names_in_piece(piece, opens_sentence=k == 0))
    return names


def _names_in_piece(piece: str, *, opens_sentence: bool) -> list[str]:
    words = [m.group(0) for m in _WORD.finditer(piece)]
    names: list[str] = []
    run: list[str] = []
    run_at_start = False

    def flush() -> None:
        nonlocal run
        while run and run[-1].lower().rstrip(".") in _CONNECTORS:
            run.pop()
        stripped = False
        while run and run[0].lower().rstrip(".") in _LEADING_FILLER:
            run.pop(0)
            stripped = True
        if run and not (len(run) == 1 and run[0].lower() in _NOT_NAMES):
            # A lone capitalised sentence opener is usually an ordinary word ("Police said");
            # it is still checked unless it is a common opener, so invented surnames are caught.
            lone_opener = len(run) == 1 and run_at_start and not stripped
            if not (lone_opener and run[0].lower().rstrip(".") in _COMMON_OPENERS):
                names.append(" ".join(run))
        run = []

    for idx, word in enumerate(words):
        if word[0].isupper() or (run and word.lower() in _CONNECTORS):
            if not run:
                run_at_start = opens_sentence and idx == 0
            run.append(word)
        else:
            flush()
    flush()
    return [n if re.search(r"\.\w\.$", n) else n.rstrip(".") for n in names]


def check(text: str, sources: Sequence[str], *, extra_names: Iterable[str] = ()) -> FaithReport:
    """Verify that every name, number and date in ``text`` occurs in ``sources`` (or ``extra_names``).

    ``extra_names`` are trusted strings such as outlet names taken from source metadata.
    """
    haystack = "".join(_fold(s) for s in [*sources, *extra_names])
    numbers = {
        _canon_number(m.group(0)) for s in sources for m in _NUMBER.finditer(unicodedata.normalize("NFKC", s))
    }
    missing: list[str] = []
    for claim in extract_claims(text):
        low = claim.lower()
        if claim in _DIGIT_WORDS:
            ok = claim in numbers or f" {_DIGIT_WORDS[claim]} " in haystack
        elif claim[0].isdigit():
            ok = claim in numbers or _fold(claim) in haystack
        elif low in NUMBER_WORDS:
            ok = f" {low} " in haystack or NUMBER_WORDS[low] in numbers
        else:
            folded = _fold(claim)
            ok = folded.strip() == "" or folded in haystack
        if not ok:
            missing.append(claim)
    return FaithReport(ok=not missing, missing=tuple(missing))
