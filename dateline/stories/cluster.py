"""Streaming event clustering: every outlet's coverage of one real-world event becomes one story.

Articles arrive in publication order. Each one is compared with the *open* stories that share
at least one of its distinctive terms (an inverted index on rare words and named entities), and
joins the most similar one when the similarity clears a threshold; otherwise it opens a new story.

Similarity is the cosine between the article's TF-IDF vector and the story's centroid (the sum of
its articles' unit vectors). Features are lower-cased words (title words count extra, the lede
more than the tail) plus named entities, approximated by runs of capitalised words ("New York
City", "Angela Merkel"), which tell events apart far better than common words do. A story that
shares the article's primary country may get a small bonus, one whose countries are disjoint
a small penalty (both off by default: see ``ClusterParams``). The score decays with the time since the story's newest
article, more gently for stories with many articles. A story whose newest article is older than
its window (``cold_after``, longer for widely covered events) is closed: it is dropped from
candidate search and from memory, which keeps the cost per article flat however long the stream
runs.

Document frequencies are updated as articles are indexed. A prior of pseudo-documents, in which
each word is as frequent as in general text (the wordfreq tables) and the most common news words
are frequent, keeps the first articles of a fresh index from treating "said", "announced" or
"government" as distinctive.

Two stories can turn out to be one event: early reports of an event may share too few words to
be joined, and later, fuller reports are joined to one of them. So whenever an article joins a
story, the stories that share the article's key terms are compared with it centroid to centroid
(the same decay and country rules, a stricter threshold); when one is close enough, the two are
merged, the larger absorbing the smaller (on a tie, the one whose first article is older; then the
lower id). ``take_merges`` reports the ``(absorbed, surviving)`` pairs so that the pipeline can
merge its stored stories the same way, replay included.

Similar words are not enough: two reports are of one event when they tell the same happening.
An article whose event date (resolved from its lede against its publication date) is days away
from every event date of a story, and names none of them, joins it only when it is as close as
two stories that merge; and the headlines of one outlet's series ("Wikinews interviews ...",
"On the campaign trail ...") never join one story (see ``event_gap_days`` and ``series_guard``).
A story that holds a report of the article's outlet takes it, unless the score is high, only as an
update of that report: an outlet's other reports of its beat are other events (``outlet_overlap``).
A story silent for a week is followed up only by a report that tells its happening again, by its
headline or a date it names; other articles on its topic join it only at a higher score
(``quiet_after``).

A story that has gone cold is kept for ``revive_after`` as a dormant summary (its heaviest terms
and its headlines), out of the open index. An article that matches no open story but is as close
to a quiet story as reports of one event are to each other (``revive_threshold`` on the text,
``revive_title`` on the headlines, no decay) joins it: a follow-up months later (a verdict, a
re-report, the next stage of a long-running event) continues its story instead of opening a
duplicate.

The core is pure and deterministic: no I/O, no clock, no randomness. A pipeline rebuilds it on
start by replaying the open stories' articles with ``add(doc, story_id)``, then for each new
article calls ``match(doc)`` and, once it has stored the assignment, ``add(doc, story_id)`` and
``take_merges()``.
"""

from __future__ import annotations

import functools
import heapq
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from dateline.stories.event_signals import (
    country_label,
    event_date,
    headline,
    instalments,
    mentioned_dates,
    other_actors,
    places,
    same_report,
    shared_template,
    templates,
)
from dateline.text import line_under_title, names_the_site

__all__ = ["ClusterParams", "Doc", "StoryIndex", "cluster_stream", "features"]


@dataclass(frozen=True)
class Doc:
    """One article as the clusterer sees it."""

    key: str  # article id as str
    title: str
    text: str
    published: datetime | None  # aware UTC, or None when unknown (taken as the stream's current time)
    countries: tuple[str, ...] = ()  # ISO alpha-2, primary first; may be empty
    source: str = ""  # the outlet (feed or host); empty when unknown
    outlet: str = ""  # the outlet's name ("The Japan Times"), when ``source`` is an id


@dataclass(frozen=True)
class ClusterParams:
    """Tunable knobs; the defaults reflect how news coverage of one event is written.

    threshold: minimum score to join a story. Coverage of one event by different outlets shares
        its names, places and numbers, so its cosine is well above that of two stories that merely
        share a topic.
    cold_after: a story whose newest article is older than this is closed. Follow-ups of one event
        (trial, verdict, appeal) can trickle in over weeks, so this is generous.
    decay_days: the score is multiplied by ``1 / (1 + gap_days / decay_days)`` beyond a one-day
        grace, where ``gap_days`` is the time since the story's newest article: an old story
        needs more overlap.
    title_weight: how much a title word counts relative to a body word.
    entity_weight: weight of a capitalised-name feature relative to a word.
    lede_words: body words beyond this many count ``tail_weight`` as much (leads carry the event).
    country_bonus / country_penalty: added / subtracted when the article's primary country is /
        none of its countries is among the story's (only when both have countries). Off: with the
        geotagger's countries, a bonus merged different events in one country (precision 0.965 ->
        0.902 on Giveme5W1H) and a penalty split events whose reports name different countries;
        the names and places in the text already carry what the countries would add.
    key_terms: how many of the article's highest-weighted terms are looked up in the index.
    max_postings: a term already in this many open stories is too common to find candidates by.
    max_candidates: how many candidates (most shared key terms first) are scored exactly.
    prior_docs / prior_common_df: pseudo-documents of the IDF prior, and the share of them that
        contain each of the common news words below.
    member_weight / recent_members: when positive, the score is at least ``member_weight`` times
        the best cosine with one of the story's newest ``recent_members`` articles (off by default:
        the centroid alone did as well on labelled sets).
    title_bonus: weight of the cosine between the article's headline and the story's headlines,
        added to the score (headlines name the event most directly).
    memory_growth: a story of ``n`` articles stays open ``cold_after * (1 + memory_growth * ln n)``:
        a single report is rarely followed up after two months, but an event that drew wide
        coverage (a leak, a disaster, a verdict) is referred back to for many months.
    decay_growth: likewise the decay scale is ``decay_days * (1 + decay_growth * ln n)``: a late
        follow-up of a big story still shares its names, a lone old article is weaker evidence.
    background_words / background_langs: each term also gets ``prior_docs * (1 - exp(-L f))``
        pseudo-documents in the IDF prior, where ``f`` is the term's frequency in general text of
        those languages (the wordfreq tables) and ``L`` is ``background_words``, about the length of
        an article: the chance that an article of ``L`` words contains the term at all. A fresh
        index thus knows from its first article that "announced" is common and "Equifax" is not;
        0 turns it off.
    merge_threshold: after an article joins a story, another open story whose score against it
        (centroid cosine plus the headline bonus, decayed by the gap between their newest
        articles, country-adjusted) reaches this is merged into it; 0 turns merging off. Two
        centroids of one event are smoother than one article, so their cosine runs higher than an
        article's; the threshold is set well above ``threshold`` so that a shared topic alone
        never merges two events.
    merge_candidates: how many stories sharing the article's key terms are compared.
    merge_link: and only when the mean cosine between an article of one and an article of the
        other reaches this (average linkage): two big stories on one running topic have close
        centroids, yet their articles are less alike across than within.
    entity_threshold / entity_df: the threshold is this lower when the article and the story share
        a key multi-word name seen in at most ``entity_df`` articles so far: reports of one event
        repeat the same full names, two events rarely share a rare one; 0 turns it off.
    merge_gap: only stories whose coverage overlaps in time, give or take this much, are merged.
        Coverage of one event splits into two threads while both are running; a thread that began
        after the other had gone quiet was already compared with all of it, and is a follow-up.
    revive_threshold / revive_title: an article whose cosine with a story's centroid reaches
        ``revive_threshold`` and with its headlines ``revive_title`` joins it however long ago the
        story went quiet: a report that close is a follow-up of that event (a verdict, an
        anniversary, a re-report), not a new one. 0 turns it off.
    revive_after / revive_terms: a story that goes cold is kept this long as a dormant summary (its
        ``revive_terms`` heaviest centroid terms and its headlines), found only by that rule.
    event_gap_days / apart_threshold: the event test. An article whose event date (from its lede,
        see ``event_signals.event_date``) is more than ``event_gap_days`` from every event date of
        a story, and which names none of them, reports another happening: it joins only with a
        score of ``apart_threshold`` (as close as two stories that merge), and two stories so
        apart merge only at that score. 0 days turns it off.
    series_guard: two headlines of one outlet that share an opening or ending which that outlet
        has used for longer than this ("Wikinews interviews ...", "On the campaign trail ...",
        "... live updates") are instalments of a series: they never join one story, by a join, a
        merge or a revival. A zero duration turns it off.
    series_names: two headlines of one outlet that share such an opening or ending and each name
        someone the other does not ("Wikinews interviews Phil Collins, U.S. Prohibition Party
        presidential nominee" / "Wikinews interviews Bill Hammons, Unity Party of America
        presidential nominee") are instalments however new the template is: an interview series
        three days old, whose texts share their questions. Not when the headline opens with a
        label ("World Series 2016: ...", "Bitcoin price: ..."), which names the event itself.
    outlet_overlap / outlet_threshold / outlet_days: the same-outlet test. An outlet writes one
        report of an event and updates it; its other reports of the same days are other events of
        its beat ("Cuba: ...", "Zambia: ..."). An article joins a story that already holds a
        report of its outlet with a score under ``outlet_threshold`` only as an update of it: a
        headline sharing ``outlet_overlap`` of its content words (a beat label before a colon not
        counted), or the same event date (give or take a day), or, with no date in its lede,
        published within the story's span (a day before, ``outlet_days`` after). 0 turns it off.
        On the labelled sets it split an outlet's beat posts and left every other figure as it was.
        Updates are told by their headline only when they name no one the other does not, while
        the other does the same ("Gillibrand ends US presidential bid" / "Hickenlooper ends ...").
    both_apart_threshold: an article whose event date is days from the story's and which is not
        an update of its outlet's report there fails both tests: it joins only at this score.
    country_term_weight: weight of features that name a country or its people ("Cuba",
        "Zambian") relative to other words; being in one country is weak evidence of one event.
        Off (1.0): at 0.5 it lowered F1 on Giveme5W1H (0.953 -> 0.950) and the Wikinews-cited set.
    outlet_strict: an article that fails the same-outlet test is held to its event date however
        its text names the story's dates: an outlet's report of next week's march names the
        firebombing it follows, yet is another event of its beat.
    country_label: a headline's opening label that only names a country ("Cuba: ...",
        "Armenia: ...", an outlet's country beat) does not count in the headline cosine: it tells
        where, not what, and made two reports of one outlet's beat look like one event.
    outlet_names: in the same-outlet test, a headline that names someone the outlet's report in the
        story does not, while that report names someone it does not (countries not counted:
        "Wikinews interviews Phil Collins ..." / "Wikinews interviews Don Blankenship ..."), is
        another event, however close in time.
    place_threshold / place_link_chars: the place test. An article whose headline and lede name
        a city (see ``event_signals.places``) while the story's name other cities of that country
        and none of its own, and whose first ``place_link_chars`` of text name none of theirs,
        happened elsewhere (the Brisbane test and the Adelaide test of one tour): it joins only
        at ``place_threshold``. 0 turns it off. With ``place_abroad``, an article whose lede names
        cities only of other countries than the story's ledes do (a stabbing in Berlin, a stabbing
        on a San Francisco train) is held to the same score, unless either side's countries
        include the other's cities' countries.
    quiet_after / quiet_threshold / quiet_title: the silence test. A story that has had no
        article for more than ``quiet_after`` is followed up only by a report that tells its
        happening again: a headline as close as ``quiet_title`` to the story's (unless its event
        date is days from the story's), or a date the story names. Any other article joins it only at ``quiet_threshold``: after a week's silence,
        words on the same topic (North Korea's missiles, then Kim's offer of talks a month later)
        are another event. A zero duration turns it off. A story that holds only reports of
        the article's outlet is followed up by it only with a date it names, or at
        ``quiet_outlet_threshold``: an outlet's own headlines are alike by its style and beat
        ("Palestine: Mass Hunger Strike by Prisoners" / "Palestine: Agreement Made to End
        Prisoners' Hunger Strike" three weeks later), and it updates a report within days.
    apart_body: an article whose event date is days from the story's joins only when its text
        alone reaches this cosine with the story's centroid: a headline naming the same city
        ("Hong Kong listing" / "Hong Kong district council seats") tells where, not what, and
        must not carry a join across days. 0 turns it off.
    """

    threshold: float = 0.17
    cold_after: timedelta = timedelta(days=60)
    decay_days: float = 30.0
    title_weight: float = 2.0
    entity_weight: float = 1.5
    lede_words: int = 250
    tail_weight: float = 0.5
    country_bonus: float = 0.0
    country_penalty: float = 0.0
    key_terms: int = 24
    max_postings: int = 80
    max_candidates: int = 20
    prior_docs: float = 200.0
    prior_common_df: float = 0.3
    member_weight: float = 0.0
    title_bonus: float = 0.3
    recent_members: int = 8
    memory_growth: float = 2.0
    decay_growth: float = 1.0
    background_words: float = 1000.0
    background_langs: tuple[str, ...] = ("en",)
    merge_threshold: float = 0.22
    merge_candidates: int = 10
    merge_link: float = 0.17
    merge_gap: timedelta = timedelta(days=2)
    entity_threshold: float = 0.14
    entity_df: int = 3
    revive_threshold: float = 0.35
    revive_title: float = 0.2
    revive_after: timedelta = timedelta(days=730)
    revive_terms: int = 64
    event_gap_days: int = 1
    apart_threshold: float = 0.22
    series_guard: timedelta = timedelta(days=7)
    outlet_overlap: float = 0.4
    outlet_threshold: float = 0.3
    outlet_days: int = 3
    both_apart_threshold: float = 0.4
    country_term_weight: float = 1.0
    outlet_strict: bool = True
    place_threshold: float = 0.4
    place_link_chars: int = 3000
    country_label: bool = True
    outlet_names: bool = True
    quiet_after: timedelta = timedelta(days=7)
    quiet_threshold: float = 0.3
    quiet_title: float = 0.15
    apart_body: float = 0.17
    quiet_outlet_threshold: float = 0.5
    place_abroad: bool = True
    series_names: bool = True


# English function words: never features.
_STOP = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves s t don isn wasn aren weren won didn doesn hasn haven hadn
    shouldn wouldn couldn mr mrs ms dr st per via amp one two three may might must shall us ve ll re
    """.split()
)

# Words frequent in any news text: the IDF prior makes them common from the first article on.
_COMMON = frozenset(
    """said says say told according new year years time people day days week weeks month months last
    first second third government state states country countries official officials president minister
    report reported reports news world city police group public national former including make made
    like back well many much even still since told added local part take took get got go going come came
    know see seen around another around told statement monday tuesday wednesday thursday friday saturday
    sunday january february march april june july august september october november december today
    yesterday tomorrow way work help called could need use used want long high number percent million
    billion several early later least told home family told man woman men women children life world
    house show found found public political party support plan told told end left right three four five
    six news press media told times reuters ap afp told image photo getty video""".split()
)

_TOKEN = re.compile(r"[^\W\d_][\w'’\-]*|\d[\d.,]*\d|\d")
_SENTENCE = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n+")


@functools.lru_cache(maxsize=400_000)
def _bg_freq(term: str, langs: tuple[str, ...]) -> float:
    from wordfreq import word_frequency

    word = term[2:] if term.startswith("e:") else term
    return max(word_frequency(word, lang) for lang in langs)


@functools.lru_cache(maxsize=200_000)
def _norm_word(tok: str) -> str:
    """Lower-case and strip possessives and a plural ``s`` (a deliberately crude stem)."""
    w = tok.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'-")
    if len(w) > 4 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    return w


@functools.lru_cache(maxsize=200_000)
def _tok_info(tok: str) -> tuple[str, bool, bool]:
    """(normalised word, counts as a word feature, may be part of a name)."""
    low = _norm_word(tok)
    stop = low in _STOP
    feature = bool(low) and not stop and (len(low) > 1 or low.isdigit())
    return low, feature, tok[:1].isupper() and bool(low) and not stop


def _add_text(
    weights: dict[str, float], text: str, word_w: float, ent_w: float, budget: int, tail: float
) -> int:
    """Accumulate raw counts of words and entities of ``text``, weighted; return words used."""
    used = 0
    get = weights.get
    for sentence in _SENTENCE.split(text):
        run: list[str] = []
        i = 0
        for i, tok in enumerate(_TOKEN.findall(sentence)):
            low, feature, cap = _tok_info(tok)
            if feature:
                weights[low] = get(low, 0.0) + (word_w if used < budget else word_w * tail)
                used += 1
            # A run of capitalised words is a cheap stand-in for a named entity; stop words
            # ("The", "In") end it.
            if cap:
                run.append(low)
                continue
            if run:
                _add_entity(weights, run, i, ent_w if used <= budget else ent_w * tail)
                run = []
        if run:
            _add_entity(weights, run, i + 1, ent_w if used <= budget else ent_w * tail)
    return used


@functools.cache
def _country_terms() -> frozenset[str]:
    """Features that name a country or its people ("Cuba", "Cuban", "United States"): the
    geotagger's names and demonyms, normalised as features are."""
    from dateline.geo.gazetteer import gazetteer

    out: set[str] = set()
    for key, entry in gazetteer().table.items():
        if entry.kind not in ("name", "demonym"):
            continue
        words = [_norm_word(w) for w in key if w[:1].isalpha()]
        if not words or any(not w for w in words):
            continue
        if len(words) == 1:
            out.add(words[0])
        out.add("e:" + " ".join(words))
    return frozenset(out)


def _add_entity(weights: dict[str, float], run: list[str], end: int, weight: float) -> None:
    # A lone capitalised word opening a sentence is as likely a common word as a name.
    if len(run) > 1 or end - len(run) > 0:
        key = "e:" + " ".join(run)
        weights[key] = weights.get(key, 0.0) + weight


def doc_headline(doc: Doc) -> str:
    """The article's headline as the clusterer reads it: its title, or where the title only names
    the site ("The Japan Times Online"), the line under that title atop its text."""
    title = headline(doc.title, doc.source)
    if title and doc.outlet and names_the_site(title, doc.outlet):
        title = ""
    return title or line_under_title(doc.title, doc.text)


def features(doc: Doc, params: ClusterParams) -> dict[str, float]:
    """Raw feature weights of an article: sub-linear term frequencies, title and lede weighted."""
    counts: dict[str, float] = {}
    tw, ew = params.title_weight, params.entity_weight
    _add_text(counts, doc_headline(doc), tw, tw * ew, 10**9, 1.0)
    _add_text(counts, doc.text, 1.0, ew, params.lede_words, params.tail_weight)
    if params.country_term_weight != 1.0:
        names = _country_terms()
        for t in counts.keys() & names:
            counts[t] *= params.country_term_weight
    return {t: 1.0 + math.log(c) if c >= 1.0 else c for t, c in counts.items()}


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    """Sparse dot product (walks the shorter vector)."""
    if len(a) > len(b):
        a, b = b, a
    return sum([w * b[t] for t, w in a.items() if t in b])


def _fold(into: dict[str, float], vec: dict[str, float]) -> float:
    """Add ``vec`` into ``into``; return their dot product before the addition."""
    dot = _dot(into, vec)
    for t, w in vec.items():
        into[t] = into.get(t, 0.0) + w
    return dot


@dataclass
class _Story:
    sid: int
    last: datetime
    first: datetime
    vec: dict[str, float] = field(default_factory=dict)  # sum of member unit vectors
    norm2: float = 0.0
    size: int = 0
    countries: dict[str, int] = field(default_factory=dict)
    keys: set[str] = field(default_factory=set)  # terms under which it is posted
    recent: list[dict[str, float]] = field(default_factory=list)  # newest members' unit vectors
    title_vec: dict[str, float] = field(default_factory=dict)  # sum of member title unit vectors
    title_norm2: float = 0.0
    absorbed: list[int] = field(default_factory=list)  # ids merged into it (aliases to drop with it)
    dates: set[date] = field(default_factory=set)  # its articles' event dates
    mentions: set[date] = field(default_factory=set)  # every date its articles name
    places: set[tuple[str, str]] = field(default_factory=set)  # cities and regions its ledes name
    titles: dict[str, list[str]] = field(default_factory=dict)  # outlet -> its headlines (a few)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MAX_TITLES = 8  # headlines kept per outlet and story for the series guard


class StoryIndex:
    """Open stories, their centroids, an inverted index on distinctive terms, and document frequencies."""

    def __init__(self, params: ClusterParams | None = None) -> None:
        self.params = params or ClusterParams()
        self._df: dict[str, int] = {}
        self._n_docs = 0
        self._stories: dict[int, _Story] = {}
        self._postings: dict[str, dict[int, None]] = {}  # term -> open story ids (ordered set)
        self._clock: datetime | None = None  # newest publication time seen
        self._swept: datetime | None = None
        self._cache: tuple[Doc, dict[str, float]] | None = None
        self._unit_cache: tuple[Doc, int, dict[str, float]] | None = None
        self._title_cache: tuple[Doc, int, dict[str, float]] | None = None
        self._merges: list[tuple[int, int]] = []  # (absorbed, surviving) not yet taken
        self._dormant: dict[int, _Story] = {}  # cold stories, trimmed, that an article may revive
        self._dormant_postings: dict[str, dict[int, None]] = {}
        self._alias: dict[int, int] = {}  # absorbed id -> surviving id, while the survivor is open
        self._signal_cache: tuple[Doc, date | None, frozenset[date]] | None = None
        # (outlet, headline opening or ending) -> first and last time the outlet used it
        self._templates: dict[tuple[str, str], tuple[datetime, datetime]] = {}

    def __len__(self) -> int:
        """Number of articles indexed (including those of stories since closed)."""
        return self._n_docs

    @property
    def open_stories(self) -> int:
        """Stories still open (not yet swept out as cold)."""
        return len(self._stories)

    # -- features -------------------------------------------------------------------------------
    def _idf(self, term: str) -> float:
        p = self.params
        prior = p.prior_common_df * p.prior_docs if term in _COMMON else 0.0
        if p.background_words > 0:
            prior = max(
                prior,
                p.prior_docs * (1.0 - math.exp(-p.background_words * _bg_freq(term, p.background_langs))),
            )
        return math.log((self._n_docs + p.prior_docs + 1.0) / (self._df.get(term, 0) + prior + 1.0))

    def _raw(self, doc: Doc) -> dict[str, float]:
        if self._cache is not None and self._cache[0] is doc:
            return self._cache[1]
        raw = features(doc, self.params)
        self._cache = (doc, raw)
        return raw

    def _doc_unit(self, doc: Doc) -> dict[str, float]:
        """The article's unit TF-IDF vector under the current document frequencies (cached)."""
        c = self._unit_cache
        if c is not None and c[0] is doc and c[1] == self._n_docs:
            return c[2]
        unit = self._unit(self._raw(doc))
        self._unit_cache = (doc, self._n_docs, unit)
        return unit

    def _title_unit(self, doc: Doc) -> dict[str, float]:
        """Unit TF-IDF vector of the title alone (headlines name the event most directly)."""
        c = self._title_cache
        if c is not None and c[0] is doc and c[1] == self._n_docs:
            return c[2]
        counts: dict[str, float] = {}
        title = doc_headline(doc)
        if self.params.country_label:
            title = country_label(title)
        _add_text(counts, title, 1.0, self.params.entity_weight, 10**9, 1.0)
        unit = self._unit(counts)
        self._title_cache = (doc, self._n_docs, unit)
        return unit

    def _unit(self, raw: dict[str, float]) -> dict[str, float]:
        vec = {t: w * self._idf(t) for t, w in raw.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {t: v / norm for t, v in vec.items()}

    def _key_terms(self, unit: dict[str, float]) -> list[str]:
        ranked = heapq.nsmallest(self.params.key_terms, unit.items(), key=lambda kv: (-kv[1], kv[0]))
        return [t for t, _ in ranked]

    def _when(self, doc: Doc) -> datetime:
        if doc.published is not None:
            return doc.published
        return self._clock or _EPOCH

    def _signals(self, doc: Doc) -> tuple[date | None, frozenset[date]]:
        """The article's event date and the dates it names (cached for the current article)."""
        c = self._signal_cache
        if c is not None and c[0] is doc:
            return c[1], c[2]
        when = event_date(doc.title, doc.text, doc.published)
        named = mentioned_dates(doc.text, doc.published)
        if when is not None:
            named = named | {when}
        self._signal_cache = (doc, when, named)
        return when, named

    def _dates_apart(
        self, dates: set[date], named: Iterable[date], others: set[date], other_named: set[date]
    ) -> bool:
        """Whether two sets of event dates tell different happenings: both known, every pair more
        than ``event_gap_days`` apart, and neither side names a date of the other (a follow-up
        names the day of the event it follows)."""
        gap = self.params.event_gap_days
        if gap <= 0 or not dates or not others:
            return False
        if any(abs((a - b).days) <= gap for a in dates for b in others):
            return False
        return not (any(d in others for d in named) or any(d in dates for d in other_named))

    def _same_outlet_apart(self, doc: Doc, story: _Story) -> bool:
        """Whether the story already holds a report of the article's outlet that the article does
        not update: an outlet writes one report of an event and updates it; its other reports in
        the same days are other events of its beat. An update keeps most of the headline
        (``outlet_overlap``) or tells the same day's happening."""
        p = self.params
        if p.outlet_overlap <= 0 or not doc.source:
            return False
        heads = story.titles.get(doc.source)
        if not heads:
            return False
        title = doc_headline(doc)
        if any(same_report(title, t, p.outlet_overlap) for t in heads):
            return False
        if p.outlet_names and all(other_actors(title, t) for t in heads):
            return True  # "Wikinews interviews Phil Collins ..." after "... Don Blankenship ..."
        when, _ = self._signals(doc)
        if when is None and doc.published is not None:
            # No date in the lede: a report of the same outlet within a day or so may be its
            # update (a follow-up of last night's attack); one of next week is another event.
            day = doc.published.date()
            lo, hi = story.first.date(), story.last.date()
            return not (lo - timedelta(days=1) <= day <= hi + timedelta(days=p.outlet_days))
        return not (when is not None and any(abs((when - d).days) <= 1 for d in story.dates))

    def _outlet_pair_apart(self, a: _Story, b: _Story) -> bool:
        """The same-outlet test for a merge: both stories hold reports of one outlet, none of which
        is a version of a report in the other, and their event dates and spans are days apart."""
        p = self.params
        if p.outlet_overlap <= 0:
            return False
        shared = a.titles.keys() & b.titles.keys()
        if not shared:
            return False
        if any(abs((x - y).days) <= 1 for x in a.dates for y in b.dates):
            return False
        gap = timedelta(days=max(1, p.outlet_days))
        if a.first - gap <= b.last and b.first - gap <= a.last:
            return False  # their coverage runs in the same days
        return not any(
            same_report(x, y, p.outlet_overlap)
            for src in shared
            for x in a.titles[src]
            for y in b.titles[src]
        )

    def _series(self, source: str, title: str, story: _Story) -> bool:
        """Whether ``title`` and a headline of the same outlet in ``story`` are instalments of one
        series: they share an opening or ending that the outlet has used over more than
        ``series_span`` (a column, an interview series, a campaign diary), and little else."""
        if self.params.series_guard <= timedelta(0) or not source:
            return False
        for other in story.titles.get(source, ()):
            if instalments(title, other):
                return True  # "… in third round of …" / "… in round five of …"
            shared = shared_template(title, other)
            if shared is not None:
                if self.params.series_names and not _labelled(title, other) and other_actors(title, other):
                    return True  # "Wikinews interviews Phil Collins, ..." / "... Bill Hammons, ..."
                seen = self._templates.get((source, shared))
                if seen is not None and seen[1] - seen[0] > self.params.series_guard:
                    return True
        return False

    def _note_template(self, doc: Doc) -> None:
        """Remember when the outlet used the headline's opening and ending (first, last time)."""
        if self.params.series_guard <= timedelta(0) or not doc.source or doc.published is None:
            return
        when = doc.published
        title = doc_headline(doc)
        if not title:
            return
        for key in templates(title):
            seen = self._templates.get((doc.source, key))
            self._templates[(doc.source, key)] = (
                (when, when) if seen is None else (min(seen[0], when), max(seen[1], when))
            )

    def _apart(self, doc: Doc, story: _Story, *, strict: bool = False) -> bool:
        """Whether the article's event date is days away from every event date of the story
        (``strict``: however the texts name each other's dates)."""
        when, named = self._signals(doc)
        if when is None:
            return False
        if strict:
            return self._dates_apart({when}, (), story.dates, set())
        return self._dates_apart({when}, named, story.dates, story.mentions)

    def _quiet_apart(self, doc: Doc, story: _Story, when: datetime) -> bool:
        """Whether the article comes after the story has been silent for ``quiet_after`` without
        telling its happening again: a headline unlike the story's, and no date the story names."""
        p = self.params
        if p.quiet_after <= timedelta(0) or when - story.last <= p.quiet_after:
            return False
        _, named = self._signals(doc)
        if any(d in story.dates or d in story.mentions for d in named):
            return False
        if doc.source and set(story.titles) == {doc.source}:
            return True  # an outlet's own headlines are alike by its style: only a date links them
        if self._apart(doc, story):
            return True  # another day's happening: a like headline tells the topic, not the event
        return self._title_cos(doc, story) < p.quiet_title

    def _place_apart(self, doc: Doc, story: _Story) -> bool:
        """Whether the article happened in another city of a country where the story's
        happened: its lede names a city or region, the story's ledes name others of that country
        and none of its own, and its text names none of theirs."""
        if self.params.place_threshold <= 0 or not story.places:
            return False
        mine = places(doc.title, doc.text)
        if not mine or mine & story.places:
            return False
        codes = {c for _, c in mine}
        theirs = [name for name, c in story.places if c in codes]
        if not theirs:
            if not self.params.place_abroad:
                return False
            # Cities of other countries only (a stabbing in Berlin, one on a San Francisco train):
            # another happening, unless either side is about the other's country at all.
            abroad = {c for _, c in story.places}
            if codes & set(story.countries) or abroad & set(doc.countries):
                return False
            theirs = [name for name, _ in story.places]
        n = self.params.place_link_chars
        if n > 0:
            low = doc.text[:n].lower()
            if any(name in low for name in theirs):
                return False
        return True

    def _conflicts(self, doc: Doc, story: _Story) -> bool:
        """The event test an article must pass to join a story, however alike their words: not a
        different day's happening, not the next instalment of one outlet's series."""
        return self._apart(doc, story) or self._series(doc.source, doc_headline(doc), story)

    def _series_pair(self, a: _Story, b: _Story) -> bool:
        """Whether two stories hold instalments of one outlet's series (a merge must not join them)."""
        if self.params.series_guard > timedelta(0):
            for source, titles in a.titles.items():
                for t in titles:
                    if self._series(source, t, b):
                        return True
        return False

    # -- search ---------------------------------------------------------------------------------
    def _window(self, story: _Story) -> timedelta:
        return self.params.cold_after * (1.0 + self.params.memory_growth * math.log(story.size or 1))

    def _is_open(self, story: _Story, when: datetime) -> bool:
        return when - story.last <= self._window(story)

    def _decayed(self, score: float, gap: timedelta, size: int) -> float:
        """``score`` after ``gap`` without news (a day's grace), decaying slower for bigger stories."""
        p = self.params
        gap_days = max(0.0, gap.total_seconds() / 86400.0 - 1.0)
        return score / (1.0 + gap_days / (p.decay_days * (1.0 + p.decay_growth * math.log(size or 1))))

    def _score(self, unit: dict[str, float], doc: Doc, story: _Story, when: datetime) -> float:
        p = self.params
        score = _centroid_cos(unit, story)
        if p.member_weight > 0:
            for member in story.recent:
                sim = sum([unit[t] * member[t] for t in unit.keys() & member.keys()])
                score = max(score, p.member_weight * sim)
        body, title = score, self._title_cos(doc, story)
        score += p.title_bonus * title
        if self._revives(body, title):
            return score  # a follow-up this close is the same event, however late
        score = self._decayed(score, when - story.last, story.size)
        if doc.countries and story.countries:
            if doc.countries[0] in story.countries:
                score += p.country_bonus
            elif not any(c in story.countries for c in doc.countries):
                score -= p.country_penalty
        return score

    def _title_cos(self, doc: Doc, story: _Story) -> float:
        if self.params.title_bonus <= 0 or story.title_norm2 <= 0:
            return 0.0
        tunit = self._title_unit(doc)
        tvec = story.title_vec
        return sum([tunit[t] * tvec[t] for t in tunit.keys() & tvec.keys()]) / math.sqrt(story.title_norm2)

    def _revives(self, body: float, title: float) -> bool:
        p = self.params
        return p.revive_threshold > 0 and body >= p.revive_threshold and title >= p.revive_title

    def _sharing(self, unit: dict[str, float], *indexes: dict[str, dict[int, None]]) -> list[int]:
        """Stories posted in ``indexes`` under at least one of ``unit``'s key terms (terms posted
        for too many skipped), most shared terms first, then the newest."""
        hits: dict[int, int] = {}
        terms = self._key_terms(unit)
        for postings in indexes:
            for term in terms:
                posted = postings.get(term)
                if not posted or len(posted) > self.params.max_postings:
                    continue
                for sid in posted:
                    hits[sid] = hits.get(sid, 0) + 1
        return [sid for sid, _ in sorted(hits.items(), key=lambda kv: (-kv[1], -kv[0]))]

    def _ranked(self, unit: dict[str, float], when: datetime) -> list[int]:
        """Open stories sharing at least one of ``unit``'s key terms, most shared terms first."""
        return [sid for sid in self._sharing(unit, self._postings) if self._is_open(self._stories[sid], when)]

    def candidates(self, doc: Doc) -> list[int]:
        """Open stories sharing at least one key term with ``doc``, most shared terms first."""
        return self._ranked(self._doc_unit(doc), self._when(doc))[: self.params.max_candidates]

    def match(self, doc: Doc) -> int | None:
        """The id of the best open story for ``doc``, or None when it should open a new story."""
        self._note_template(doc)
        when = self._when(doc)
        unit = self._doc_unit(doc)
        best: tuple[float, int] | None = None
        for sid in self.candidates(doc):
            story = self._stories[sid]
            if self._series(doc.source, doc_headline(doc), story):
                continue
            score = self._score(unit, doc, story, when)
            if score < self.params.apart_threshold and self._apart(doc, story):
                continue
            if (
                self.params.apart_body > 0
                and _centroid_cos(unit, story) < self.params.apart_body
                and self._apart(doc, story)
            ):
                continue
            if score < self.params.place_threshold and self._place_apart(doc, story):
                continue
            if score < self.params.outlet_threshold and self._same_outlet_apart(doc, story):
                continue
            if (
                score < self.params.both_apart_threshold
                and self._apart(doc, story, strict=self.params.outlet_strict)
                and self._same_outlet_apart(doc, story)
            ):
                continue  # another day's happening, and not an update of the outlet's report
            if self._quiet_apart(doc, story, when) and score < (
                self.params.quiet_outlet_threshold
                if doc.source and set(story.titles) == {doc.source}
                else self.params.quiet_threshold
            ):
                continue
            # Ties go to the most recently created story: deterministic and usually the live one.
            if best is None or (score, sid) > best:
                best = (score, sid)
        if best is not None and best[0] >= self.params.threshold:
            return best[1]
        p = self.params
        if best is not None and best[0] >= p.entity_threshold > 0:
            # A rare full name shared with the story ("Hari Kostov") is strong evidence.
            keys = self._stories[best[1]].keys
            for t in self._key_terms(unit):
                if t.startswith("e:") and " " in t and t in keys and self._df.get(t, 0) <= p.entity_df:
                    return best[1]
        return self._revived(doc, unit)

    def _revived(self, doc: Doc, unit: dict[str, float]) -> int | None:
        """The quiet story (dormant, or past its window and not yet swept) that ``doc`` is a close
        follow-up of, if any."""
        if self.params.revive_threshold <= 0:
            return None
        when = self._when(doc)
        best: tuple[float, int] | None = None
        late: tuple[float, int] | None = None
        for sid in self._sharing(unit, self._dormant_postings, self._postings)[: self.params.max_candidates]:
            story = self._dormant.get(sid) or self._stories[sid]
            if sid in self._stories and self._is_open(story, when):
                continue  # open stories were scored already
            if self._series(doc.source, doc_headline(doc), story) or self._same_outlet_apart(doc, story):
                continue
            if sid in self._dormant and self._is_open(story, when):
                # A late article (published before the stream's current time) meets the stories
                # as they stood at its publication time: one gone quiet since is open to it.
                score = self._score(unit, doc, story, when)
                if (
                    score >= self.params.threshold
                    and (score >= self.params.apart_threshold or not self._apart(doc, story))
                    and (score >= self.params.place_threshold or not self._place_apart(doc, story))
                ):
                    if late is None or (score, sid) > late:
                        late = (score, sid)
                continue
            body, title = _centroid_cos(unit, story), self._title_cos(doc, story)
            if self._revives(body, title) and (best is None or (body + title, sid) > best):
                best = (body + title, sid)
        if late is not None:
            return late[1]
        return best[1] if best else None

    def event_date(self, doc: Doc) -> date | None:
        """The date of the event ``doc`` reports, from its lede (see ``event_signals``)."""
        return self._signals(doc)[0]

    def explain(self, doc: Doc, story_id: int) -> dict[str, Any]:
        """Why ``doc`` would (or would not) join open story ``story_id``: the score and its parts,
        the heaviest shared terms and names, the event dates and the event test's verdicts."""
        story = self._stories[self._resolve(story_id)]
        unit = self._doc_unit(doc)
        when = self._when(doc)
        shared = sorted(unit.keys() & story.vec.keys(), key=lambda t: -unit[t] * story.vec[t])
        event_when, _ = self._signals(doc)
        return {
            "score": round(self._score(unit, doc, story, when), 4),
            "text_cosine": round(_centroid_cos(unit, story), 4),
            "headline_cosine": round(self._title_cos(doc, story), 4),
            "terms": [t for t in shared if not t.startswith("e:")][:8],
            "names": [t[2:] for t in shared if t.startswith("e:")][:6],
            "countries": [c for c in doc.countries if c in story.countries],
            "event_date": event_when.isoformat() if event_when else None,
            "story_dates": sorted(d.isoformat() for d in story.dates),
            "dates_apart": self._apart(doc, story),
            "series": self._series(doc.source, doc_headline(doc), story),
            "outlet_apart": self._same_outlet_apart(doc, story),
            "places": sorted(name for name, _ in places(doc.title, doc.text)),
            "place_apart": self._place_apart(doc, story),
        }

    # -- updates --------------------------------------------------------------------------------
    def add(self, doc: Doc, story_id: int) -> None:
        """Index ``doc`` as a member of story ``story_id`` (new or existing), then merge stories
        that it shows to be one event (see ``take_merges``). An id already merged away stands for
        the story that absorbed it."""
        story_id = self._resolve(story_id)
        self._note_template(doc)  # a replayed article counts for the series guard too
        if story_id in self._dormant:
            self._reopen(story_id)
        when = self._when(doc)
        raw = self._raw(doc)
        unit = self._doc_unit(doc)  # weighted with the IDF before this article is counted
        for term in raw:
            self._df[term] = self._df.get(term, 0) + 1
        self._n_docs += 1
        story = self._stories.get(story_id)
        if story is None:
            story = self._stories[story_id] = _Story(sid=story_id, last=when, first=when)
        story.norm2 += 2.0 * _fold(story.vec, unit) + 1.0
        story.size += 1
        if self.params.title_bonus > 0:
            tunit = self._title_unit(doc)
            story.title_norm2 += 2.0 * _fold(story.title_vec, tunit) + (1.0 if tunit else 0.0)
        if self.params.member_weight > 0 and self.params.recent_members > 0:
            story.recent.append(unit)
            del story.recent[: -self.params.recent_members]
        story.last = max(story.last, when)
        event_when, named = self._signals(doc)
        if event_when is not None:
            story.dates.add(event_when)
        if self.params.place_threshold > 0:
            story.places |= places(doc.title, doc.text)
        story.mentions |= named
        if doc.source:
            heads = story.titles.setdefault(doc.source, [])
            if len(heads) < MAX_TITLES:
                heads.append(doc_headline(doc))
        for c in doc.countries:
            story.countries[c] = story.countries.get(c, 0) + 1
        for term in self._key_terms(unit):
            if term not in story.keys:
                story.keys.add(term)
                self._postings.setdefault(term, {})[story_id] = None
        if self._clock is None or when > self._clock:
            self._clock = when
        # A story of one article is that article, which ``match`` has already compared with
        # every candidate: only a story that has grown can have come closer to another.
        if self.params.merge_threshold > 0 and story.size > 1:
            self._merge_around(story, unit, when)
        self._sweep()

    def take_merges(self) -> list[tuple[int, int]]:
        """``(absorbed_id, surviving_id)`` pairs of the merges made by ``add`` since the last call,
        in order. The index has already merged them: the absorbed id is no longer a story."""
        out, self._merges = self._merges, []
        return out

    def _resolve(self, sid: int) -> int:
        while sid in self._alias:
            sid = self._alias[sid]
        return sid

    def _pair_score(self, a: _Story, b: _Story) -> float:
        """How strongly two stories look like one event: ``_score`` with a centroid for the article,
        or -1 when their articles are on average less alike than ``merge_link``."""
        p = self.params
        dot = _dot(a.vec, b.vec)
        if dot < p.merge_link * a.size * b.size or a.norm2 <= 0 or b.norm2 <= 0:
            return -1.0
        score = dot / math.sqrt(a.norm2 * b.norm2)
        if p.title_bonus > 0 and a.title_norm2 > 0 and b.title_norm2 > 0:
            tdot = _dot(a.title_vec, b.title_vec)
            score += p.title_bonus * tdot / math.sqrt(a.title_norm2 * b.title_norm2)
        score = self._decayed(score, abs(a.last - b.last), min(a.size, b.size))
        if a.countries and b.countries:
            if max(a.countries, key=a.countries.__getitem__) in b.countries:
                score += p.country_bonus
            elif not a.countries.keys() & b.countries.keys():
                score -= p.country_penalty
        return score

    def _merge_around(self, story: _Story, unit: dict[str, float], when: datetime) -> None:
        """Merge into ``story`` (just joined by the article ``unit``) the open stories that its
        new centroid shows to be the same event, again while the merged centroid finds more."""
        p = self.params
        while True:
            best: tuple[float, int] | None = None
            near = [sid for sid in self._ranked(unit, when) if sid != story.sid]
            for sid in near[: p.merge_candidates]:
                other = self._stories[sid]
                # Only threads running at the same time: one that began after the other went
                # quiet was compared with all of it when it began.
                if max(story.first, other.first) - min(story.last, other.last) > p.merge_gap:
                    continue
                if self._series_pair(story, other):
                    continue
                score = self._pair_score(story, other)
                if score < p.apart_threshold and self._dates_apart(
                    story.dates, story.mentions, other.dates, other.mentions
                ):
                    continue

                if score < p.outlet_threshold and self._outlet_pair_apart(story, other):
                    continue
                if best is None or (score, sid) > best:
                    best = (score, sid)
            if best is None or best[0] < p.merge_threshold:
                return
            story = self._merge(story, self._stories[best[1]])

    def _merge(self, a: _Story, b: _Story) -> _Story:
        """Merge two open stories; the larger survives (then the older, then the lower id)."""
        keep, gone = (b, a) if (b.size, a.first, a.sid) > (a.size, b.first, b.sid) else (a, b)
        keep.norm2 += gone.norm2 + 2.0 * _fold(keep.vec, gone.vec)
        keep.title_norm2 += gone.title_norm2 + 2.0 * _fold(keep.title_vec, gone.title_vec)
        keep.size += gone.size
        keep.first, keep.last = min(keep.first, gone.first), max(keep.last, gone.last)
        for c, n in gone.countries.items():
            keep.countries[c] = keep.countries.get(c, 0) + n
        keep.dates |= gone.dates
        keep.places |= gone.places
        keep.mentions |= gone.mentions
        for source, titles in gone.titles.items():
            heads = keep.titles.setdefault(source, [])
            heads.extend(titles[: max(0, MAX_TITLES - len(heads))])
        if self.params.member_weight > 0 and self.params.recent_members > 0:
            keep.recent = (gone.recent + keep.recent)[-self.params.recent_members :]
        for term in gone.keys:
            posted = self._postings.setdefault(term, {})
            posted.pop(gone.sid, None)
            if term not in keep.keys:
                keep.keys.add(term)
                posted[keep.sid] = None
        del self._stories[gone.sid]
        self._alias[gone.sid] = keep.sid
        keep.absorbed += [gone.sid, *gone.absorbed]
        self._merges.append((gone.sid, keep.sid))
        return keep

    def _sweep(self) -> None:
        """Drop stories that have gone cold, at most about once per stream day."""
        clock = self._clock
        if clock is None or (self._swept is not None and clock - self._swept < timedelta(days=1)):
            return
        self._swept = clock
        # Keep a margin so an article a little older than the newest one can still join.
        limit = clock - timedelta(days=1)
        for sid in [sid for sid, s in self._stories.items() if s.last < limit - self._window(s)]:
            story = self._stories.pop(sid)
            for absorbed in story.absorbed:
                self._alias.pop(absorbed, None)
            _unpost(self._postings, story.keys, sid)
            if self.params.revive_threshold > 0 and story.last >= limit - self.params.revive_after:
                self._doze(story)
        # An outlet's headline openings not used for a window are forgotten (memory stays flat).
        stale = limit - self.params.cold_after
        for key in [k for k, (_, last) in self._templates.items() if last < stale]:
            del self._templates[key]
        for sid in [sid for sid, s in self._dormant.items() if s.last < limit - self.params.revive_after]:
            _unpost(self._dormant_postings, self._dormant.pop(sid).keys, sid)

    def _doze(self, story: _Story) -> None:
        """Keep a cold story as a small summary: its heaviest terms, its headlines."""
        top = heapq.nlargest(self.params.revive_terms, story.vec.items(), key=lambda kv: (kv[1], kv[0]))
        story.vec = dict(top)
        story.norm2 = sum(w * w for _, w in top)
        story.keys = {t for t, _ in top[: self.params.key_terms]}
        story.recent = []
        story.absorbed = []
        self._dormant[story.sid] = story
        _post(self._dormant_postings, story.keys, story.sid)

    def _reopen(self, sid: int) -> None:
        story = self._dormant.pop(sid)
        _unpost(self._dormant_postings, story.keys, sid)
        self._stories[sid] = story
        _post(self._postings, story.keys, sid)


def _labelled(*titles: str) -> bool:
    """Whether a headline opens with a label ("World Series 2016: ...", "Bitcoin price: ..."): an
    event's or topic's name, which one outlet's reports of one event share."""
    return any(_LABEL.match(t) for t in titles)


_LABEL = re.compile(r"^\s*(?:[\w'’.\-]+\s+){0,4}[\w'’.\-]+\s*[:|–—]\s")


def _centroid_cos(unit: dict[str, float], story: _Story) -> float:
    """Cosine between an article's unit vector and a story's centroid."""
    if story.norm2 <= 0:
        return 0.0
    vec = story.vec
    return sum([unit[t] * vec[t] for t in unit.keys() & vec.keys()]) / math.sqrt(story.norm2)


def _post(postings: dict[str, dict[int, None]], terms: Iterable[str], sid: int) -> None:
    for term in terms:
        postings.setdefault(term, {})[sid] = None


def _unpost(postings: dict[str, dict[int, None]], terms: Iterable[str], sid: int) -> None:
    for term in terms:
        posted = postings.get(term)
        if posted is not None:
            posted.pop(sid, None)
            if not posted:
                del postings[term]


def cluster_stream(docs: Iterable[Doc], params: ClusterParams | None = None) -> list[int]:
    """Cluster ``docs`` in the order given (the caller sorts by publication time); story id per doc.

    Story ids are 0, 1, 2, ... in order of creation; an article of a story merged into another
    gets the surviving story's id.
    """
    index = StoryIndex(params)
    out: list[int] = []
    parent: dict[int, int] = {}  # absorbed -> surviving
    next_id = 0
    for doc in docs:
        sid = index.match(doc)
        if sid is None:
            sid, next_id = next_id, next_id + 1
        index.add(doc, sid)
        out.append(sid)
        parent.update(index.take_merges())

    def find(sid: int) -> int:
        while sid in parent:
            sid = parent[sid]
        return sid

    return [find(sid) for sid in out]
