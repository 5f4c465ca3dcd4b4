"""Relative days anchored to dates (pure): "yesterday" in a report of 12 March is "on 11 March".

A story is read days after its sources were written; "today", "yesterday" and "on Monday" in a
copied sentence would then mislead. ``anchor`` rewrites them as the dates they meant, counted from
the source's own publication date; wording it cannot anchor ("this week", "next Monday") is left
and reported, so that the writer drops the sentence unless its source is the story's newest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

__all__ = ["anchor", "anchor_dates", "day_month", "stale_period", "without_anchor_dates"]

MONTHS = "January February March April May June July August September October November December".split()
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()

_PART = r"(?: (?P<part>morning|afternoon|evening|night))?"
# A relative day, with the word before it that decides how the date reads ("on", "since", none).
_RELATIVE = re.compile(
    r"(?:\b(?P<prep>on|last|this past|since|until|till|by|from|before|after|of|as of) )?"
    r"\b(?P<day>today|yesterday|tomorrow|tonight|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b" + _PART,
    re.I,
)
# A weekday already followed by its date ("Monday, March 9", "Monday 9 March"): nothing to do.
_DATED = re.compile(
    r"^,? (?:\d{1,2}(?:st|nd|rd|th)? )?(?:"
    + "|".join(MONTHS)
    + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)",
    re.I,
)
# Wording that cannot be anchored to one day; and the future, which counts weekdays forward.
_VAGUE = re.compile(
    # "today" for the present day in general: "from hippies … on through to today"
    r"\b(?:through|up|right) to today\b|\bof today['’]s\b|"
    r"\b(?:this|next|last) (?:week|weekend)\b|\bnext (?:monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday)\b|"
    r"\b(?:today|yesterday|tomorrow|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?: (?:morning|afternoon|evening|night))?['’]s\b|\blast night['’]s\b|"
    r"\b(?:hoje|ontem|amanhã|aujourd'hui|hier|demain|hoy|ayer|mañana|heute|gestern|morgen)\b|"
    r"\b(?:\w+ (?:days?|weeks?|months?) ago|days? earlier|the day before|the other day)\b",
    re.I,
)
_FUTURE = re.compile(
    r"\b(?:will|shall|won['’]t|is (?:due|set|scheduled|expected) to|are (?:due|set|scheduled|expected) to|"
    r"plans? to|is to|are to|tomorrow|upcoming|until|till)\b",
    re.I,
)
_PAST = re.compile(
    r"\b(?:\w{3,}ed|said|told|was|were|had|did|(?:was|were|had|did)n['’]t|made|took|came|went|met|began|won(?!['’]t)|lost|left|held|gave|"
    r"rose|fell|saw|found|spoke|wrote|sent|led|brought|last|since|ago|"
    # irregular past forms that are not also nouns or present forms ("On Monday, a water main broke")
    r"broke|struck|became|fought|flew|froze|grew|knew|rode|rang|sang|sank|shook|stole|swore|threw|"
    r"woke|drove|drew|ate|forgot|chose|caught|bought|sought|taught|thought|felt|kept|slept|swept|"
    r"meant|dealt|built|spent|fled|stood|understood|stuck|swung|clung|sold|paid|laid|got|ran|sat|"
    r"arose|overcame|forbade|withdrew|undertook|overtook|mistook|shot dead|died|tied|lied|freed)\b",
    re.I,
)
# A passive's participle after "be": "to be announced", "is expected", "will be divulged".
_PASSIVE = re.compile(r"\b(?:be|being|is|are)\s+(?:\w+ly\s+)?\w{3,}ed\b", re.I)
# Where a clause begins: the words before a relative day that tell its tense.
_CLAUSE = re.compile(r"[,;:—–(]|\b(?:and|but|who|which|that|when|while)\b", re.I)


def _direction(sentence: str, start: int, end: int | None = None) -> int:
    """Whether a weekday at ``start`` (ending at ``end``) lies ahead (1) or behind (-1) the
    writing, by the tense of its own clause before it, else of the few words after it (the verb
    of "Esper on Wednesday accused …"), else of the sentence; 0 when none tells."""
    clauses = list(_CLAUSE.finditer(sentence, 0, start))
    clause = sentence[clauses[-1].end() if clauses else 0 : start]
    after = " ".join(sentence[end:].split()[:3]) if end is not None else ""
    for text in (clause, after, sentence):
        # a passive's participle is no past: "… will be divulged in an all-company meeting on Friday"
        future, past = bool(_FUTURE.search(text)), bool(_PAST.search(_PASSIVE.sub(" ", text)))
        if future != past:
            return 1 if future else -1
    return 0


# A verb right after a weekday that is its clause's subject; those of the past.
_SUBJECT_VERB = re.compile(r"\s+(was|were|had|saw|marked|brought|became|is|will|marks|sees|brings)\b", re.I)
_SUBJECT_PAST = frozenset({"was", "were", "had", "saw", "marked", "brought", "became"})

# Words that make a weekday a name: "Good Friday", "Super Tuesday", "Bloody Sunday". After any other
# capital the weekday is a date ("… before the House Intelligence Committee Tuesday about …").
_DAY_NAMES = frozenset(
    "good black super cyber easter palm ash holy maundy bloody shrove whit low blue giving fat "
    "mad manic freaky casual".split()
)
_DETERMINERS = frozenset(
    "the a an that this every each next last one same his her their its our my your entire whole "
    "usual regular weekly".split()
)


def day_month(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]}"


def _resolve(word: str, prep: str, published: date, future: bool) -> date:
    """The date a relative day means in a text published on ``published``."""
    word = word.lower()
    if word in ("today", "tonight"):
        return published
    if word == "yesterday":
        return published - timedelta(days=1)
    if word == "tomorrow":
        return published + timedelta(days=1)
    weekday = WEEKDAYS.index(word)
    if future:
        ahead = (weekday - published.weekday()) % 7
        return published + timedelta(days=ahead)  # AP style: "Wednesday" on a Wednesday is that day
    back = (published.weekday() - weekday) % 7
    return published - timedelta(days=back)


# "this morning" of a report is a part of its own day: "8:10 am this morning" is "8:10 am on the
# morning of 5 March".
_THIS_PART = re.compile(
    r"\b(?:(?P<prep>since|until|till|by|from|before|after) )?this (?P<part>morning|afternoon|evening)\b", re.I
)


# The night before the day of writing: "Pochettino was sacked last night" (not "last night's game").
_LAST_NIGHT = re.compile(
    r"\b(?:(?P<prep>since|until|till|by|from|before|after) )?last night\b(?![’']s)", re.I
)


def _this_part(match: re.Match[str], sentence: str, published: date) -> str:
    prep = match.group("prep")
    if "part" in match.re.groupindex:
        part, day = match.group("part").lower(), published
    else:
        part, day = "night", published - timedelta(days=1)
    phrase = f"{prep} the {part} of {day_month(day)}" if prep else f"on the {part} of {day_month(day)}"
    if match.start() == 0 or sentence[: match.start()].rstrip().endswith((".", "!", "?")):
        phrase = phrase[:1].upper() + phrase[1:]
    return phrase


# A month or year counted from the writer's own ("next month", "earlier this year").
_PERIOD = re.compile(r"\b(?:this|next|last|earlier this|later this)\s+(?P<unit>month|year)\b", re.I)


def stale_period(sentence: str, published: date, newest: date) -> bool:
    """Whether the sentence counts a month or year from its writer's ("next month", "earlier this
    year") that a reader of the story's ``newest`` date would count otherwise: "next month" written
    on 2 December and read on 10 January."""
    for found in _PERIOD.finditer(sentence):
        if found.group("unit").lower() == "month":
            if (published.year, published.month) != (newest.year, newest.month):
                return True
        elif published.year != newest.year:
            return True
    return False


# A quotation: a speaker's own words, never rewritten ("can't believe it was just last night that I
# held you in my arms!"). Straight quotes pair up; curly ones open and close.
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")


def anchor(sentence: str, published: date) -> tuple[str, bool]:
    """The sentence with its relative days as dates, and whether any relative wording is left
    that could not be anchored. A relative day inside a quotation stays as the speaker said it:
    the sentence around it tells when they said it."""
    quotes: list[str] = []

    def hold(match: re.Match[str]) -> str:
        quotes.append(match.group(0))
        return f"\ue000{len(quotes) - 1}\ue001"

    told, vague = _anchor(_QUOTED.sub(hold, sentence), published)
    if quotes:
        told = re.sub("\ue000(\\d+)\ue001", lambda m: quotes[int(m.group(1))], told)
    return told, vague


def _anchor(sentence: str, published: date) -> tuple[str, bool]:
    sentence = _THIS_PART.sub(lambda m: _this_part(m, sentence, published), sentence)
    sentence = _LAST_NIGHT.sub(lambda m: _this_part(m, sentence, published), sentence)
    if _VAGUE.search(sentence):
        return sentence, True
    vague = False

    def replace(match: re.Match[str]) -> str:
        nonlocal vague
        if _DATED.match(sentence[match.end() :]):
            return match.group(0)
        prep = match.group("prep") or ""
        day = match.group("day").lower()
        if (
            day == "sunday"
            and prep == "on"
            and re.search(r"\b(?:Mail|Independent) $", sentence[: match.start()])
        ):
            return match.group(0)  # a newspaper: "The Mail on Sunday reported …"
        before = sentence[: match.start()].split()[-1:]
        after = sentence[match.end() :].split()[:1]
        if (
            day in WEEKDAYS
            and not prep
            and (
                (
                    before
                    # a capital before it, not a place before its comma ("South Dakota, Sunday at …")
                    and (
                        (before[0].strip('"“‘(').lower() in _DAY_NAMES and before[0][:1].isupper())
                        or before[0].lower() in _DETERMINERS
                    )
                )
                or (after and after[0][:1].isupper())
            )
        ):
            # Part of a name ("Good Friday Agreement", "Sunday Times"), or a day
            # with its own determiner ("the Wednesday afternoon before"): left as it is.
            if before and before[0].lower() in _DETERMINERS:
                vague = True
            return match.group(0)
        two_back = sentence[: match.start()].split()[-2:-1]
        if day in WEEKDAYS and not prep and two_back and two_back[0].lower() in ("a", "an", "the"):
            vague = True  # a weekday after its own article and adjective: "on a crowded Saturday"
            return match.group(0)
        # The day as the subject of its clause ("Friday night was the fourth night …", "Monday is
        # the deadline"): its own verb tells the tense, and it takes no "on".
        subject = _SUBJECT_VERB.match(sentence[match.end() :]) if not prep and day in WEEKDAYS else None
        if subject is not None:
            direction = -1 if subject.group(1).lower() in _SUBJECT_PAST else 1
        else:
            direction = (
                -1
                if prep.lower() in ("last", "this past", "since")
                else _direction(sentence, match.start(), match.end())
            )
        if day in WEEKDAYS and direction == 0:
            vague = True  # "a full moon on Monday": last Monday or next?
            return match.group(0)
        if (
            day in WEEKDAYS
            and direction < 0
            and prep.lower() in ("", "on")
            and (WEEKDAYS.index(day) - published.weekday()) % 7 == 1
        ):
            # A past weekday one day after the (UTC) publication date is most often the writer's own
            # "today" east of Greenwich ("found dead Friday", filed in Seoul on Friday, Thursday UTC),
            # though counted back it is six days earlier: no date can be trusted.
            vague = True
            return match.group(0)
        when = day_month(_resolve(day, prep, published, direction > 0))
        part = match.group("part")
        if part:
            when = f"the {part.lower()} of {when}"
        leading = sentence[: match.start()].rstrip()
        if subject is not None:
            phrase = when
        elif prep.lower() in ("on", "last", "this past", "") and not re.search(
            r"\b(?:since|until|till|by|from|before|after|of|to|through|into|between|and|or)$", leading, re.I
        ):
            phrase = f"on {when}"
        else:
            phrase = f"{prep} {when}" if prep else when
        if match.start() == 0:
            phrase = phrase[:1].upper() + phrase[1:]
        return phrase

    anchored = _RELATIVE.sub(replace, sentence)
    return anchored, vague


def anchor_dates(published: Iterable[date]) -> set[str]:
    """Every "D Month" an anchor can write for sources published on these dates."""
    return {day_month(day + timedelta(days=offset)) for day in published for offset in range(-7, 8)}


def without_anchor_dates(text: str, dates: set[str]) -> str:
    """The text without the anchored dates ("12 March") the writer may have added, for the
    faithfulness gate: they come from the sources' dates, not their text."""
    if not dates:
        return text
    pattern = r"\b(?:" + "|".join(re.escape(d) for d in sorted(dates, key=len, reverse=True)) + r")\b"
    return re.sub(pattern, "", text)
