"""The text as readers get it (pure): defects a reader sees whatever the outlet.

A story goes out as a web page, an Atom entry, a newsletter (HTML and plain text) and JSON. Each
outlet escapes the stored text for itself, so the stored headline and summary must be plain,
clean text: no broken encoding ("Ã©", "â€™", "\\ufffd"), no entities left as text ("&amp;amp;",
"&#8217;"), no markup, style or script ("<p>", "{", "var x ="), no bare addresses in a summary,
no sentence twice, no doubled spaces or space before punctuation, quotation marks and brackets
that close within their paragraph, and no headline that trails off (":", "…", "...").

:func:`hygiene_faults` names the kinds of fault of a headline and summary (what
``dateline eval editorial`` counts); :func:`found` gives each with the text it was found in;
:func:`tidy` repairs what can be repaired in a sentence the writer is about to use (encoding,
entities, spacing), so that what the checks flag is what no cleaning can save.
"""

from __future__ import annotations

import html
import html.entities
import re
import unicodedata
from collections.abc import Iterator
from typing import Protocol

__all__ = [
    "KINDS",
    "add_faults",
    "balanced",
    "found",
    "hygiene_faults",
    "mojibake",
    "raw_entity",
    "tidy",
]

KINDS = (
    "broken encoding",
    "raw entity",
    "leftover markup",
    "bare address",
    "repeated sentence",
    "bad spacing",
    "unbalanced quote or bracket",
    "trailing headline",
)

# UTF-8 read as Latin-1 or Windows-1252: "Ã©" (é), "â€™" (’), "Â " (no-break space), and the
# replacement character a decoder leaves for bytes it could not read.
_MOJIBAKE = re.compile(
    "\ufffd|Ã[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    "\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
    "|â€|â‚¬|Â[\u00a0-\u00bf]|Ã\u00a0|Ã$"
    # Central European, Turkish, Cyrillic and Arabic text read the same way ("Ä\u008d", "Ä°",
    # "Ð¿Ñ€", "Ø§"), and control characters no text holds.
    "|[ÄÅ][\u0080-\u00bf\u0152-\u0178\u02c6\u02dc\u2013-\u203a\u20ac\u2122]|[ÐÑØÙ][\u0080-\u00bf]"
    "|[\u0080-\u009f]"
)
# An entity left in plain text: "&amp;", "&#8217;", "&#x2019;", "&nbsp;" (a name HTML knows:
# "AT&T;" or "R&Ds;" are no entities).
_ENTITY_SHAPE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_NAMED = frozenset(name.rstrip(";") for name in html.entities.html5)


# Markup, style and script: a tag, a CSS rule or a declaration, a script statement.
_TAG = re.compile(
    r"</?(?:a|abbr|article|aside|b|blockquote|body|br|button|caption|center|code|dd|div|dl|dt|em|embed|"
    r"figcaption|figure|font|footer|form|h[1-6]|head|header|hr|html|i|iframe|img|input|label|li|link|meta|"
    r"nav|noscript|object|ol|option|p|picture|pre|s|script|section|select|small|source|span|strike|strong|"
    r"style|sub|sup|svg|table|tbody|td|th|thead|tr|u|ul|video)(?:\s[^<>]*)?/?>|<!--|-->",
    re.I,
)
_CODE = re.compile(
    r"[{}]|\bvar\s+[A-Za-z_$][\w$]*\s*=|\bfunction\s*\(|\bdocument\.(?:write|getElement)|\bwindow\.[a-z]|"
    r"\b(?:font-(?:size|family|weight)|margin(?:-\w+)?|padding(?:-\w+)?|display|color|background(?:-color)?)"
    r"\s*:\s*[^;\s]+;|\$\(|\bjQuery\b|@media\b|\bif\s*\(.*\)\s*\{"
)
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"]+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b", re.I)
# Two spaces inside a line; a space before a comma, full stop or closing bracket, or after an
# opening one ("word , word", "( word"). Space before ";:!?" is French typography, not a fault.
_SPACING = re.compile(
    r"[^\s] {2,}[^\s]|[^\s.] [,.](?!\.)(?:\s|$)|\w \)|\( \w|[ \t]+$|^[ \t]+"
    r"|\b[a-z]{2,}[.!?,;][A-Z][a-z]+\b",  # "said.The": no space after the full stop
    re.M,
)
# A space before ";:!?" is a fault in English, French typography elsewhere.
_SPACED_MARK = re.compile(r"\w [;:!?](?:\s|$)")
_TRAILING = re.compile(r"(?::|…|\.\.\.|\.\s\.\s\.)\s*$")
_PAIRS = (("(", ")"), ("[", "]"), ("“", "”"), ("«", "»"))
_SENTENCE = re.compile(r"(?<=[.!?…])[\"”’»)]*\s+(?=[\"“‘«(]?[A-Z0-9À-ÖØ-Þ])")


def mojibake(text: str) -> bool:
    """Whether the text shows UTF-8 read in the wrong encoding, or a replacement character."""
    return bool(_MOJIBAKE.search(text))


def raw_entity(text: str) -> bool:
    """Whether an HTML entity ("&amp;", "&#8217;") is left in text meant to be shown as is."""
    return any(m.group(0)[1] == "#" or m.group(0)[1:-1] in _NAMED for m in _ENTITY_SHAPE.finditer(text))


def balanced(text: str) -> bool:
    """Whether brackets and curly quotation marks close, in order, and straight double quotes
    come in pairs (a list ending "1)" or "a)" counts as no opening bracket missing)."""
    if "„" in text:  # German: „…“
        text = text.replace("“", "”").replace("„", "“")
    elif "“" not in text and text.count("”") % 2 == 0:  # Swedish, Finnish: ”…”
        text = text.replace("”", "")
    if re.search(r"^[^«]*»", text):  # Danish, German: »…«
        text = text.replace("»", "\0").replace("«", "»").replace("\0", "«")
    stack: list[str] = []
    closers = {close: open_ for open_, close in _PAIRS}
    openers = {open_ for open_, _ in _PAIRS}
    for index, ch in enumerate(text):
        if ch in openers:
            stack.append(ch)
        elif ch in closers:
            if stack and stack[-1] == closers[ch]:
                stack.pop()
            elif ch == ")" and re.search(r"(?:^|\s)(?:\d{1,2}|[a-z])$", text[:index]):
                continue  # an enumeration: "1) …", "a) …"
            else:
                return False
    if stack:
        return False
    return text.count('"') % 2 == 0


def _french(text: str, summary: str) -> bool:
    from dateline.language import detect

    return (detect(text) or detect(summary)) == "fr"


def _sentences(paragraph: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(paragraph) if s.strip()]


def _sentence_key(sentence: str) -> str:
    return " ".join(re.findall(r"\w+", unicodedata.normalize("NFKC", sentence).casefold()))


def found(headline: str, summary: str) -> Iterator[tuple[str, str]]:
    """Each fault of a story's headline and summary: (the text it was found in, its kind)."""
    headline = headline or ""
    summary = summary or ""
    for text in (headline, summary):
        if mojibake(text):
            yield text, "broken encoding"
        if raw_entity(text):
            yield text, "raw entity"
        if _TAG.search(text) or _CODE.search(text):
            yield text, "leftover markup"
    if _URL.search(summary):
        yield summary, "bare address"
    paragraphs = [p for p in re.split(r"\n\s*\n", summary) if p.strip()]
    seen: set[str] = set()
    for paragraph in paragraphs:
        for sentence in _sentences(paragraph):
            key = _sentence_key(sentence)
            if len(key.split()) >= 4 and key in seen:
                yield sentence, "repeated sentence"
            seen.add(key)
    for text in (headline, *paragraphs):
        if _SPACING.search(text.strip("\n")) or (_SPACED_MARK.search(text) and not _french(text, summary)):
            yield text, "bad spacing"
            break
    for text in (headline, *paragraphs):
        if not balanced(text):
            yield text, "unbalanced quote or bracket"
            break
    if _TRAILING.search(headline.strip()):
        yield headline, "trailing headline"


class FaultSet(Protocol):
    """A set of fault kinds that remembers the text each was found in (the editorial check's)."""

    sentence: str

    def add(self, kind: str) -> None: ...


def add_faults(faults: FaultSet, headline: str, summary: str) -> None:
    """Add this headline's and summary's faults to the editorial check's set, with their text."""
    for faults.sentence, kind in found(headline, summary):
        faults.add(kind)


def hygiene_faults(headline: str, summary: str) -> set[str]:
    """The kinds of fault (:data:`KINDS`) a reader would see in this headline and summary."""
    return {kind for _, kind in found(headline, summary)}


# --- repairs ------------------------------------------------------------------------------------


def _fix_encoding(text: str) -> str:
    """UTF-8 that was read as Windows-1252 or Latin-1, read again as UTF-8 (when that works)."""
    if not _MOJIBAKE.search(text) or "\ufffd" in text:
        return text
    for codec in ("cp1252", "latin-1"):
        try:
            fixed = text.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if not _MOJIBAKE.search(fixed):
            return fixed

    # Mixed text: repair each run of suspect characters on its own.
    def one(match: re.Match[str]) -> str:
        chunk = match.group(0)
        for codec in ("cp1252", "latin-1"):
            try:
                return chunk.encode(codec).decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
        return chunk

    return re.sub(r"[ÂÃâ][\u0080-\u00bf\u0152-\u2122]{1,2}", one, text)


_C1 = re.compile("[\u0080-\u009f]")


def _from_cp1252(match: re.Match[str]) -> str:
    """A control character that is a Windows-1252 byte read as Latin-1: the character it meant."""
    try:
        return bytes([ord(match.group(0))]).decode("cp1252")
    except UnicodeDecodeError:
        return ""


def tidy(sentence: str) -> str:
    """A sentence as a reader should get it: encoding repaired, entities decoded (twice-escaped
    ones too), no-break and doubled spaces made one, no space before a comma or full stop; ""
    when no repair can make it readable (markup, script or style, a web or e-mail address, a
    broken encoding that reads no better as UTF-8)."""
    text = _fix_encoding(sentence)
    for _ in range(3):
        if not raw_entity(text):
            break
        text = html.unescape(text)
    text = _C1.sub(_from_cp1252, text)
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    # A grave accent typed for an opening quotation mark: "`Smoke rings’", "``Yes,'' he said".
    text = re.sub(r"``(?=\w)", "“", text)
    text = re.sub(r"(?<![\w`])`(?=\w)", "‘", text)
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r"(?<=[^\s.]) +(?=[,.](?!\.)(?:\s|$))", "", text)
    text = re.sub(r"\( +", "(", re.sub(r" +\)", ")", text))
    # a space before a possessive: "President Vladimir Putin 's spokesman"
    text = re.sub(r"(?<=[A-Za-z]) (['’]s)(?=[\s,.;:!?])", r"\1", text)
    text = re.sub(r"\b([a-z]{2,}[.!?,;])([A-Z][a-z]+)\b", r"\1 \2", text)
    if _SPACED_MARK.search(text) and not _french(text, text):
        text = re.sub(r"(?<=\w) +(?=[;:!?](?:\s|$))", "", text)
    if _MOJIBAKE.search(text) or _TAG.search(text) or _CODE.search(text) or _URL.search(text):
        return ""
    return text.strip()
