"""The editorial check: the faults an editor would send a published story back for.

A pure core: ``story_faults`` reads one story (headline, summary and its sources) and returns the
kinds of fault it has; ``summarize`` turns the faults of many stories into the figures of
``dateline eval editorial``. It reads the text as a reader sees it, independently of how the writer
chose it, so it also catches what the writer's own filters miss.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import timedelta
from typing import Any

from dateline.articles.triage import reported, title_reason
from dateline.stories import hygiene
from dateline.stories.source import SourceText
from dateline.text import STOPWORDS, normalize_space, word_count

__all__ = ["KINDS", "StorySource", "junk_story", "summarize", "story_faults"]

KINDS = (
    "empty",
    "cut sentence",
    "split or unattributed quote",
    "boilerplate",
    "glued headline",
    "dangling reference",
    "non-neutral or junk headline",
    "stale-state sentence",
    "mixed language",
    *hygiene.KINDS,
)


# The check reads the writer's own view of a source article.
StorySource = SourceText


# A naive reader's split: at ". " / "! " / "? " before a capital, digit or quote.
_NAIVE_SPLIT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’]))\s+(?=[\"“‘A-Z0-9])")
# Words that end a sentence only when a splitter mistook them for its end.
_CUT_END = re.compile(
    r"(?:\b(?:[A-Z]|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|"
    r"Lt|Col|Capt|Sgt|Maj|Adm|Cmdr|Brig|Pvt|Spc|Cpl|Prof|Inc|Co|Corp|Ltd|No|Nos|vs|Jr|Sr|Ft|Mt|Ave|approx|est|Rev|Hon|Pres)\.|"
    r"\b(?:[A-Z]\.){2,}|\b[A-Z]\.[A-Z][a-z]{1,2}\.|\bYahoo!|\bJeopardy!|\b(?:prof|profa|dr|dra|sr|sra|srta|av|pág|cf)\.)$"
)
_BOILERPLATE = re.compile(
    r"\(photo|\bphoto:|\bphoto by\b|\bfotos?:|\bfotografía:|\bimage:|image copyright|image caption|getty images|\bap photo|"
    r"^close\b|^CLOSE\b|\bis shown in (?:blue|red|green|yellow)|\bpictured\b|\(file\)|\bfile photo\b|"
    r"may not be published, broadcast|all rights reserved|copyright|©|\btranscripts?\b|"
    r"story highlights|\bread more\b|click here|sign up|\bsubscribe\b|newsletter|follow us|share this|"
    r"contributed to this report|\(reporting by|\(editing by|^by [A-Z][a-z]+ [A-Z][a-z]+|"
    r"javascript|your browser|appeared first on|continue reading|skip to|terms of (?:use|service)|"
    r"privacy policy|\bwatch:|\bvideo:|\blisten:|\bloading\b|\badvertisement\b|"
    r"\b(?:image|photo|picture) (?:taken from|from|courtesy of|used with permission)\b|"
    r"\bas an interest\b|\bstay up to date\b|\bget the latest\b|"
    r",\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4}\.$|"
    r"^(?:an?|the) (?:map|photo|photograph|picture|image|graphic|chart|screenshot|screen grab|video still) "
    r"(?:showing|shows|of|from)\b",
    re.I,
)
# Four shouted words in a row: labels of a map or chart read into the text ("LAS VEGAS FREEWAY …").
_LABELS = re.compile(r"\b[A-Z]{2,}(?:\s+[A-Z][A-Z'’.-]+){3,}\b")
_OPENER = re.compile(
    r"^(?:it|its|they|their|them|which|these|those|this|that|such|he|she|his|her|him|below|above|"
    r"the following|here|there are|meanwhile|however|but|also|and|or|so|then|still|yet|instead|"
    r"moreover|furthermore|in addition|as a result|the same|both|neither|another|other)\b",
    re.I,
)
# Openers that lean on the sentence before them in their own article; the rest never stand alone.
_LEANING = re.compile(
    r"^(?:it|its|they|their|them|he|she|his|her|him|which|meanwhile|however|but|also|and|so|then|still|"
    r"yet|instead|moreover|furthermore|in addition|as a result)\b",
    re.I,
)
_ATTRIBUTED = re.compile(
    r"\b(?:said|says|say|told|tells|according to|added|adds|stated|states|wrote|writes|asked|"
    r"explained|explains|argued|argues|insisted|declared|announced|noted|warned|claimed|claims|"
    r"tweeted|posted|urged|replied|continued|recalled|quoted|reads|read|expresses|expressed|"
    r"described|describes|called|calls|wrote|writing|saying|promised|admitted|acknowledged)\b",
    re.I,
)
_EVALUATIVE = re.compile(
    r"\b(?:sham|hoax|debunked|smashed|slaughter(?:ed)?|outrage(?:ous)?|astonishing(?:ly)?|shocking(?:ly)?|"
    r"disgrace(?:ful)?|disastrous|horrific|horrible|appalling|ridiculous|absurd|stunning(?:ly)?|"
    r"incredible|incredibly|amazing|awesome|brilliant|pathetic|idiotic|stupid|crushed|epic|"
    r"heroic|evil|massacre(?:d)?|brutal(?:ly)?|scandalous|miracle|must-see|jaw-dropping|"
    r"slams?|blasts?|rips|destroys|obliterates|you|your|we|our)\b",
    re.I,
)
_SECTION_WORDS = re.compile(
    r"^(?:feature|features|top news(?: article)?|news|world|world news|latest news.*|home|homepage|"
    r"accueil|inicio|portada|startseite|última hora|ultima hora|personal finance|business|politics|"
    r"sport|sports|opinion|editorial|blog|blogs|archive|archives|search|search results|login|log in|"
    r"sign in|member center|error|not found|page not found|test page.*|.{0,60}\b(?:home ?page|front page))$",
    re.I,
)
_SITE_NAME = re.compile(r"\b[\w-]+\.(?:com|org|net|pt|br|fr|de|es|it|co\.uk|uk|ca|au|in)\b", re.I)
_RELATIVE_DAY = re.compile(
    r"\b(?:today|yesterday|tonight|this (?:morning|afternoon|evening|week)|tomorrow|"
    r"(?:on |last |this |next )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"hoje|ontem|aujourd'hui|hier|hoy|ayer|heute|gestern)\b",
    re.I,
)
_FUTURE = re.compile(
    r"\b(?:(?:is|are|was|were) (?:expected|due|set|scheduled|slated|poised|likely) to|will (?!be able)\w+|"
    r"(?:remains?|is|are|was|were|still) (?:unknown|unclear|missing|undecided)|has yet to|have yet to)\b",
    re.I,
)
_ACCORDING = re.compile(r"^According to [^,]{1,80}, ")
# A standfirst run into the first sentence: "…$284 billion A Pennsylvania woman says…",
# "…breaks apart in the atmosphere An 8.5-tonne Chinese space station…".
_GLUED_STANDFIRST = re.compile(
    r"[a-z0-9%)] (?:A|An|The) [A-Z][a-z]+ [a-z]|[a-z0-9%)] An [\d\w]"
    # a title-case heading run into the text: "…After Biting His Dog The pet owner says…"
    r"|(?:\b[A-Z][\w'’-]*\s){5,}(?:The|A|An) [a-z]"
)


def _open_quote(text: str) -> bool:
    return text.count('"') % 2 == 1 or text.count("“") > text.count("”")


def _sentences(paragraph: str, sources: Sequence[StorySource] = ()) -> tuple[list[str], bool]:
    """A reader's split of a paragraph, and whether a sentence in it was cut short.

    A piece ending in an abbreviation ("Dr.", "Jan.", "J.J.") joins the next one when the sources
    have the two together (else the sentence was cut there); an open quotation joins what follows."""
    pieces = [s.strip() for s in _NAIVE_SPLIT.split(paragraph) if s.strip()]
    out: list[str] = []
    cut = False
    texts = [_token_key(src.text) for src in sources]
    for piece in pieces:
        if out and _open_quote(out[-1]):
            out[-1] = f"{out[-1]} {piece}"
        elif out and _CUT_END.search(out[-1]):
            # The words either side of the break, without the desk's "According to <outlet>, "
            # (a break inside it, "According to U.S. Department of State, ", cuts nothing). Not the
            # whole sentence: the desk may have anchored a relative day in it ("on 2 December").
            joined = f"{out[-1]} {piece}"
            bare = _bare(joined)
            at = len(out[-1]) - (len(joined) - len(bare))
            window = _token_key(" ".join([*bare[:at].split()[-3:], *bare[at:].split()[:1]]))
            if at <= 0 or any(window in t for t in texts):
                out[-1] = f"{out[-1]} {piece}"
            else:
                cut = True
                out.append(piece)
        else:
            out.append(piece)
    if out and _CUT_END.search(out[-1]):
        cut = True
    return out, cut


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", text.lower())


def _english_share(text: str) -> float:
    words = _words(text)
    if not words:
        return 0.0
    return sum(w in STOPWORDS for w in words) / len(words)


_FOREIGN = frozenset(
    "de la le les des du une est et que qui dans pour pas sur avec au aux ce cette sont "
    "el los las del por para con una como más pero sus fue han "
    "em da do das dos não uma com para pelo pela foi são mais ao "
    "der die das und ist nicht mit den dem ein eine auf für von sich auch "
    "il di che della nel per non sono gli".split()
)


def is_english(text: str) -> bool | None:
    """True/False for a text of at least 6 words by its function words; None when it cannot tell."""
    words = _words(text)
    if len(words) < 6:
        return None
    english = sum(w in STOPWORDS and w not in _FOREIGN for w in words)
    foreign = sum(w in _FOREIGN for w in words)
    if foreign >= 2 and foreign > english:
        return False
    if english >= 2 and english >= foreign:
        return True
    return None


def _token_key(text: str) -> str:
    """Words and numbers, lower case, one space apart."""
    return " " + " ".join(re.findall(r"[^\W_]+", text.lower())) + " "


def _key(text: str) -> str:
    return " ".join(_words(text))


def _bare(sentence: str) -> str:
    """The sentence without the desk's "According to <outlet>, " prefix (first letter restored)."""
    stripped = _ACCORDING.sub("", sentence)
    return stripped[:1].upper() + stripped[1:] if stripped != sentence else sentence


def _quote_problem(sentence: str) -> bool:
    straight = sentence.count('"')
    if straight % 2 or sentence.count("“") != sentence.count("”"):
        return True
    outside = re.sub(r"\"[^\"]*\"|“[^”]*”", " ", sentence)
    has_quote = outside != sentence
    if has_quote and len(_words(outside)) < 3:
        return True  # the whole sentence is a quote: no speaker in it
    # A sentence that opens with a quotation names its speaker after it.
    opens = sentence[:1] in '"“'
    return opens and not _ATTRIBUTED.search(outside)


def _source_of(sentence: str, sources: Sequence[StorySource]) -> StorySource | None:
    key = _key(_bare(sentence))
    if len(key) < 20:
        return None
    for src in sources:
        if key in _key(src.text):
            return src
    return None


_DANGLING_END = frozenset(
    "a an the of to and or in on at for with from by as into about than that which who whose "
    "its their his her our your my is are was were be been has have had will would can could should "
    "may might must after before over under amid during despite against while when if but because".split()
)


_SUBORDINATE = re.compile(
    r"^(?:though|although|even though|even if|whereas|because|unless|if|whether|while|since|so that)\b", re.I
)


# Words of a page's furniture, not of a report: "Just choose one of the two options below".
_WIDGET_HEADLINE = re.compile(
    r"\b(?:below|above)\b|^(?:just\s+)?(?:choose|click|select|tap|enter|sign up|subscribe|log in|read|watch)\b",
    re.I,
)


def headline_faults(headline: str) -> bool:
    """Whether a headline is not neutral, not informative, or a page/section name."""
    h = normalize_space(headline)
    words = h.split()
    if not words or len(words) < 3 or len(words) > 18:
        return True
    if words[-1].lower() in _DANGLING_END or (len(words) <= 3 and words[0].lower() in ("a", "an", "the")):
        return True  # a title cut short: "A Man Developed", "Talks on the"
    if h.endswith("?") or h.endswith("…") or h.endswith("...") or _SECTION_WORDS.match(h.strip(" .:")):
        return True
    if _SITE_NAME.search(h) or re.search(r"\b[A-Z]{2,}\.[A-Z]{2,}\b", h):
        return True
    if re.match(r"^[A-Z0-9 .:!-]{12,}$", h):
        return True  # SHOUTED page banners
    if re.fullmatch(r"[A-Z][\w.'’-]*(?:,? [A-Z][\w.'’-]*)*", h) and h.count(",") >= 2 and len(words) <= 6:
        return True  # a place name for a title: "Lakeland, Polk County, Florida"
    if _SUBORDINATE.match(h) or _WIDGET_HEADLINE.search(h):
        return True  # the first half of a sentence: "Though each of the three ad units is unique"
    return bool(_EVALUATIVE.search(re.sub(r"\"[^\"]*\"|“[^”]*”|‘[^’]*’|'[^']*'", " ", h)))


class _Faults(set[str]):
    """A set of fault kinds that also remembers the first sentence of each kind."""

    def __init__(self) -> None:
        super().__init__()
        self.evidence: dict[str, str] = {}
        self.sentence = ""

    def add(self, kind: str) -> None:
        super().add(kind)
        self.evidence.setdefault(kind, self.sentence)


def story_faults(headline: str, summary: str, sources: Sequence[StorySource]) -> set[str]:
    """The kinds of fault of one published story (empty when an editor would pass it).

    The returned set's ``evidence`` maps each kind to the first sentence found with it."""
    faults = _Faults()
    faults.sentence = headline
    body = summary.strip()
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    if not body or body.startswith("Reported by ") or word_count(body) < 15:
        faults.add("empty")
    if headline_faults(headline):
        faults.add("non-neutral or junk headline")
    hygiene.add_faults(faults, headline, summary)
    if not paragraphs:
        return faults
    dated = [s.published for s in sources if s.published]
    newest = max(dated) if dated else None
    titles = [_key(s.title) for s in sources if len(_words(s.title)) >= 4]
    languages: set[bool] = set()
    for p_index, paragraph in enumerate(paragraphs):
        sentences, cut = _sentences(paragraph, sources)
        if cut:
            faults.sentence = paragraph
            faults.add("cut sentence")
        for s_index, sentence in enumerate(sentences):
            bare = _bare(sentence)
            faults.sentence = sentence
            if bare[:1].islower() and not re.match(r"^[a-z]+[A-Z]", bare):
                faults.add("cut sentence")
            if len(sentence.split()) < 4 and s_index + 1 < len(sentences):
                faults.add("cut sentence")
            if _quote_problem(sentence):
                faults.add("split or unattributed quote")
            if boilerplate(bare):
                faults.add("boilerplate")
            key = _key(bare)
            if any(t and t in key and len(key) > len(t) + 10 for t in titles):
                faults.add("glued headline")
            elif _GLUED_STANDFIRST.search(bare):
                faults.add("glued headline")  # "…$284 billion A Pennsylvania woman says…"
            if (
                s_index == 0
                and _OPENER.match(bare)
                and not (p_index > 0 and re.match(r"^(?:He|She|His|Her)\b", bare))
            ):
                faults.add("dangling reference")
            src = _source_of(sentence, sources)
            if src is not None and src.published and newest is not None:
                age = newest - src.published
                if age > timedelta(days=60):
                    faults.add("stale-state sentence")
                elif age > timedelta(days=1) and (_RELATIVE_DAY.search(bare) or _FUTURE.search(bare)):
                    faults.add("stale-state sentence")
            english = is_english(bare)
            if english is not None:
                languages.add(english)
    faults.sentence = headline
    head_english = is_english(headline)
    if len(languages) > 1 or (head_english is not None and languages and head_english not in languages):
        faults.add("mixed language")
    return faults


def junk_story(headline: str, summary: str, pages_are_news: Sequence[bool]) -> str | None:
    """Why a published story is a page that is not news (None when it is news), judged afresh:
    every source page judged not news (``pages_are_news``: a fresh verdict per source, whatever
    triage stored), or a headline or summary that reads as an error, login or test page, or as a
    home or search page with nothing reported under it (a news report under a section's name is
    news with a bad headline, counted as such)."""
    if pages_are_news and not any(pages_are_news):
        return "no source page is a news article"
    reason = title_reason(headline, summary)
    if reason in ("front", "search") and reported(summary):
        return None
    if reason:
        return f"the story reads as {reason} page"
    return None


def summarize(results: Iterable[tuple[set[str], bool]]) -> dict[str, Any]:
    """Figures over (faults, is_junk) per story: counts and the share of faulty stories."""
    stories = faulty = junk = 0
    by_kind: Counter[str] = Counter()
    for faults, is_junk in results:
        stories += 1
        junk += int(is_junk)
        if faults or is_junk:
            faulty += 1
        by_kind.update(faults)
    return {
        "stories": stories,
        "faulty": faulty,
        "faulty_share": round(faulty / stories, 4) if stories else 0.0,
        "junk": junk,
        "by_kind": {kind: by_kind.get(kind, 0) for kind in KINDS},
    }


# --- the same judgements, for the writer's candidates -----------------------------------------------


def title_key(title: str) -> str:
    """A headline's words, for finding it glued into a sentence ('' for headlines under 4 words)."""
    return _key(title) if len(_words(title)) >= 4 else ""


def boilerplate(sentence: str) -> bool:
    """Captions, credits, footers, widget and navigation text, map and chart labels."""
    return bool(_BOILERPLATE.search(sentence) or _LABELS.search(sentence))


def state_dependent(sentence: str) -> bool:
    """Wording true only at the time it was written: relative days, future, "still unknown"."""
    return bool(_RELATIVE_DAY.search(sentence) or _FUTURE.search(sentence))


def leaning(sentence: str) -> bool:
    """Whether a sentence refers to the one before it ("He", "It", "But"), also behind an
    "According to …, ": never a paragraph opener."""
    return bool(_LEANING.match(_bare(sentence)))


def pronoun_opener(sentence: str) -> bool:
    """Whether a sentence opens with a pronoun ("He", "It", "They"), also behind an
    "According to …, ": told after its own article."""
    return bool(re.match(r"^(?:it|its|they|their|them|he|she|his|her|him)\b", _bare(sentence), re.I))


def standalone(sentence: str, titles: Sequence[str] = ()) -> bool:
    """Whether a sentence can be told (``leaning`` ones after their own article's previous sentence):
    no reference to what was left out ("These", "Below", "The following"), no headline glued
    onto it, no quote without its speaker, not cut at an abbreviation."""
    opening = _bare(sentence)
    if (_OPENER.match(opening) and not _LEANING.match(opening)) or _quote_problem(sentence):
        return False
    if _CUT_END.search(sentence):
        return False
    key = _key(sentence)
    if any(t and t in key for t in titles):
        return False
    return not _GLUED_STANDFIRST.search(sentence)
