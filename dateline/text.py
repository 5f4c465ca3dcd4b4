"""Small, generic text utilities: sentence splitting, tokenising and light stemming.

Pure functions with no third-party dependencies so any part of Dateline can reuse them.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "STOPWORDS",
    "content_tokens",
    "join_wrapped",
    "mostly_latin",
    "normalize_space",
    "script",
    "split_paragraphs",
    "split_sentences",
    "stem",
    "tokenize",
    "without_author_box",
    "word_count",
]

# Abbreviations after which a period does not end a sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt cmdr adm gov sen rep rev hon pres
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri
    inc ltd co corp bros vs etc al approx vol fig dept univ ave blvd
    u.s u.k u.n e.u a.m p.m i.e e.g d.c n.y l.a""".split()
)

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself no nor not now of off on once only or other our ours ourselves out over own
    same she should so some such than that the their theirs them themselves then there these they this
    those through to too under until up very was we were what when where which while who whom why will
    with would you your yours yourself yourselves said says say told according would also one two new
    mr mrs ms""".split()
)

_SENT_END = re.compile(r"""([.!?…]+["'”’)\]]*)(\s+)(?=["'“‘(\[]?[A-Z0-9])""")
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_SPACE = re.compile(r"\s+")


def script(char: str) -> str:
    """The writing system of a letter, from its Unicode name: "LATIN", "CYRILLIC", "ARABIC"; "HAN"
    for a Chinese character."""
    first = unicodedata.name(char, "").split(" ", 1)[0]
    return "HAN" if first == "CJK" else first


def mostly_latin(text: str) -> bool:
    """Whether at least half of a text's letters are Latin (true of a text with none)."""
    letters = [c for c in text if c.isalpha()]
    return sum(script(c) == "LATIN" for c in letters) * 2 >= len(letters)


def normalize_space(text: str) -> str:
    """Collapse runs of whitespace into single spaces and strip the ends."""
    return _SPACE.sub(" ", text).strip()


# The heading of a box about the writer: "About The Author", "About the reporter", "Author bio".
_AUTHOR_BOX = re.compile(
    r"^(?:about the (?:authors?|writers?|reporters?|columnists?|contributors?)|author(?:'s)? bio(?:graphy)?)$",
    re.I,
)


def without_author_box(text: str) -> str:
    """``text`` without a box about its writer: the heading and the biography below it ("JP
    Buntinx is a FinTech and Bitcoin enthusiast living in Belgium."), which is no part of the
    report and names places it is not about."""
    blocks = re.split(r"\n\s*\n", text)
    for k, block in enumerate(blocks):
        if _AUTHOR_BOX.match(normalize_space(block).rstrip(":")):
            return "\n\n".join(blocks[:k] + blocks[k + 2 :]).strip()
    return text


def split_paragraphs(text: str) -> list[str]:
    """Split text into non-empty paragraphs on line breaks."""
    return [p for p in (normalize_space(x) for x in re.split(r"\n\s*\n|\n", text)) if p]


def join_wrapped(paragraphs: list[str], *, min_words: int = 8) -> list[str]:
    """Re-join hard-wrapped lines: a line of ``min_words`` or more that stops mid-sentence (no final
    punctuation, ending on a lower-case word or a comma) continues on the next line. After a
    comma, a line that is a sentence of its own (a capital, six words or more, a full stop) is
    none: a picture's cut caption is ("Emergency service personnel attend the scene in Croydon,")."""
    out: list[str] = []
    for para in paragraphs:
        if out:
            prev = out[-1]
            last = prev.split()[-1]
            own_sentence = para[:1].isupper() and len(para.split()) >= 6 and para.endswith(".")
            if (
                len(prev.split()) >= min_words
                and not re.search(r"[.!?:\"”’')\]]$", prev)
                and (last[0].islower() or (last.endswith(",") and not own_sentence))
            ):
                out[-1] = f"{prev} {para}"
                continue
        out.append(para)
    return out


def _ends_with_abbreviation(chunk: str) -> bool:
    """True when the chunk ends in an abbreviation or an initial ("J.") rather than a sentence."""
    match = re.search(r"(\S+)\.$", chunk)
    if not match:
        return False
    word = match.group(1).lstrip("\"'“‘([").lower()
    if len(word) == 1 and word.isalpha():  # an initial such as "J."
        return True
    return word in _ABBREVIATIONS


def split_sentences(text: str) -> list[str]:
    """Split text into sentences; line breaks always end a sentence.

    A rule-based splitter: ends on ``.``, ``!``, ``?`` (with closing quotes) followed by a capital or
    digit, except after common abbreviations and initials.
    """
    sentences: list[str] = []
    for para in split_paragraphs(text):
        start = 0
        for match in _SENT_END.finditer(para):
            end = match.end(1)
            chunk = para[start:end]
            if match.group(1) == "." and _ends_with_abbreviation(chunk):
                continue
            if chunk.strip():
                sentences.append(chunk.strip())
            start = match.end()
        tail = para[start:].strip()
        if tail:
            sentences.append(tail)
    return sentences


def tokenize(text: str) -> list[str]:
    """Lower-cased word tokens (letters and digits, keeping inner apostrophes)."""
    text = unicodedata.normalize("NFKC", text)
    return [t.lower().replace("’", "'") for t in _TOKEN.findall(text)]


# Scripts written without spaces between words (Chinese, Japanese); Korean spaces its words.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def word_count(text: str) -> int:
    """Number of whitespace-separated words; in scripts written without spaces (Chinese,
    Japanese), two characters count as one word."""
    return len(text.split()) + len(_UNSPACED.findall(text)) // 2


def stem(word: str) -> str:
    """A light suffix-stripping stemmer (a small subset of Porter's rules), good enough for matching."""
    w = word.lower()
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) <= 3 or not w.isalpha():
        return w
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ss", "ss"), ("s", "")):
        if w.endswith(suffix):
            w = w[: len(w) - len(suffix)] + repl
            break
    for suffix in ("ingly", "edly", "ing", "ed", "ly"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: len(w) - len(suffix)]
            if len(w) > 2 and w[-1] == w[-2] and w[-1] not in "lsz":  # "stopped" -> "stop"
                w = w[:-1]
            break
    for suffix, repl in (("ational", "ate"), ("ization", "ize"), ("iveness", "ive"), ("fulness", "ful")):
        if w.endswith(suffix):
            w = w[: len(w) - len(suffix)] + repl
            break
    return w


def content_tokens(text: str) -> list[str]:
    """Stemmed tokens of a text without stopwords, for similarity computations."""
    return [stem(t) for t in tokenize(text) if t not in STOPWORDS and (len(t) > 1 or t.isdigit())]


def line_under_title(title: str, text: str) -> str:
    """The short line under the page's title at the top of its text, when the title repeats there:
    "The Japan Times Online" / "Chinese submarine intrusion considered an act of provocation"."""
    paragraphs = [p.strip() for p in text.strip().split("\n\n", 2)[:2]]
    if len(paragraphs) < 2 or normalize_space(paragraphs[0]) != normalize_space(title):
        return ""
    line = normalize_space(paragraphs[1])
    if not 4 <= len(line.split()) <= 15 or re.search(r"[.!?:]$", line) or re.match(r"^by\s", line, re.I):
        return ""
    return line


_SITE_WORDS = frozenset(
    "the a of and online news home page homepage website web site official daily latest".split()
)


def _site_key(text: str) -> str:
    return "".join(w for w in re.findall(r"\w+", text.lower()) if w not in _SITE_WORDS)


def names_the_site(title: str, outlet: str) -> bool:
    """Whether a title is the outlet's name with words a site adds ("The Japan Times Online")."""
    return bool(outlet) and _site_key(title) == _site_key(outlet) != ""
