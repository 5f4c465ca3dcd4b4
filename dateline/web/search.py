"""Full-text search over published stories.

SQLite: an FTS5 table (``web_storysearch``, rowid = story id) that the pipeline keeps up to
date through :func:`index_stories`. PostgreSQL: its own full-text search, computed on the fly.

A reader's query is never passed through as query syntax: it is cut into word tokens and each
token is quoted, so ``NEAR(``, ``"``, ``*``, ``AND OR``, NUL bytes or a 10 kB string are just words.
Snippets come back with private-use sentinel characters around the matches; the text is escaped
first and only then are the sentinels turned into ``<mark>`` tags, so nothing from a feed can
become markup.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from django.db import connection
from django.utils.safestring import SafeString, mark_safe

from dateline.stories.models import Story
from dateline.web.fragments import CardRow, card_rows

__all__ = [
    "Hit",
    "fold",
    "fts_query",
    "highlight",
    "index_stories",
    "mark",
    "query_tokens",
    "rebuild_index",
    "search",
    "snippet",
]

TABLE = "web_storysearch"
START, STOP = "\ue000", "\ue001"
MAX_TOKENS = 12
MAX_TOKEN_CHARS = 60
SNIPPET_TOKENS = 30
_WORD = re.compile(r"\w+", re.UNICODE)


# --- the pure core -------------------------------------------------------------------------


def query_tokens(query: str) -> list[str]:
    """The words of a reader's query, at most :data:`MAX_TOKENS`, each cut to a sane length."""
    # Only look at the start of a huge query: nobody types 10 kB on purpose.
    words = _WORD.findall(query[:2000].replace("\x00", " "))
    return [w[:MAX_TOKEN_CHARS] for w in words if w.strip("_")][:MAX_TOKENS]


def fts_query(query: str) -> str | None:
    """An FTS5 MATCH expression: every token quoted (so no operator survives), all required."""
    tokens = query_tokens(query)
    if not tokens:
        return None
    return " ".join('"' + t.replace('"', '""') + '"' for t in tokens)


def clean(text: str) -> str:
    """Text as indexed: without the sentinel characters, so only our own matches are marked."""
    return text.replace(START, "").replace(STOP, "")


def highlight(marked: str) -> SafeString:
    """Escape a snippet, then turn the sentinel pairs into ``<mark>`` tags (balanced)."""
    out: list[str] = []
    open_ = False
    for part in re.split(f"([{START}{STOP}])", marked):
        if part == START and not open_:
            out.append("<mark>")
            open_ = True
        elif part == STOP and open_:
            out.append("</mark>")
            open_ = False
        elif part not in (START, STOP):
            out.append(escape(part))
    if open_:
        out.append("</mark>")
    return mark_safe("".join(out))  # noqa: S308 - every piece of text was escaped above


class _Folding(dict[int, str]):
    """``str.translate`` table: one character to its lower-case form without diacritics.

    Only characters that fold to exactly one character are changed, so a folded text has the
    same length as the original and a match's position in one is its position in the other.
    """

    def __missing__(self, code: int) -> str:
        char = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        folded = base.lower() if len(base) == 1 else char.lower()
        self[code] = folded if len(folded) == 1 else char
        return self[code]


_FOLDING = _Folding()


def fold(text: str) -> str:
    """Lower-case, diacritics removed, length kept: how the index compares words."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLDING)


def _matches(text: str, wanted: set[str]) -> list[tuple[int, int, bool]]:
    """Every word of ``text`` as (start, end, is a wanted word)."""
    return [(m.start(), m.end(), m[0] in wanted) for m in _WORD.finditer(fold(text))]


def _marked(text: str, words: list[tuple[int, int, bool]], start: int, end: int) -> str:
    out: list[str] = []
    at = start
    for a, b, hit in words:
        if hit and a >= start and b <= end:
            out += [text[at:a], START, text[a:b], STOP]
            at = b
    out.append(text[at:end])
    return "".join(out)


def mark(text: str, wanted: set[str]) -> str:
    """The text with every word of ``wanted`` (folded) between the sentinels."""
    return _marked(text, _matches(text, wanted), 0, len(text))


def snippet(text: str, wanted: set[str], size: int = SNIPPET_TOKENS) -> str:
    """A window of about ``size`` words with the most distinct matches, marked, '…' where cut."""
    words = _matches(text, wanted)
    if not words:
        return text
    hits = [i for i, w in enumerate(words) if w[2]]
    best, best_score = 0, (-1, -1)
    folded = fold(text)
    for i in hits or [0]:
        # Start a little before a match, and never so late that the window comes up short.
        first = max(0, min(i - 2, len(words) - size))
        inside = [folded[a:b] for a, b, hit in words[first : first + size] if hit]
        score = (len(set(inside)), len(inside))
        if score > best_score:
            best, best_score = first, score
    last = min(len(words), best + size) - 1
    start = 0 if best == 0 else words[best][0]
    end = len(text) if last == len(words) - 1 else words[last][1]
    return ("…" if start else "") + _marked(text, words, start, end) + ("…" if end < len(text) else "")


# --- the shell -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    """One search result: the story, its headline and a snippet with the matches marked."""

    story: Story | CardRow
    headline: SafeString
    snippet: SafeString


def _sqlite() -> bool:
    return connection.vendor == "sqlite"


def index_stories(ids: Iterable[int]) -> None:
    """(Re)index these stories: published ones are (re)written, hidden or deleted ones removed."""
    if not _sqlite():
        return
    wanted = sorted({int(i) for i in ids})
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ",".join("%s" for _ in chunk)
        rows = list(Story.objects.published().filter(id__in=chunk).values_list("id", "headline", "summary"))
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE rowid IN ({marks})", chunk)  # noqa: S608
            cursor.executemany(
                f"INSERT INTO {TABLE}(rowid, headline, summary) VALUES (%s, %s, %s)",  # noqa: S608
                [(pk, clean(h), clean(s)) for pk, h, s in rows],
            )


def rebuild_index() -> int:
    """Rebuild the whole index from the stories table; returns the number of stories indexed."""
    if not _sqlite():
        return 0
    story = Story._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608
        cursor.execute(
            f"INSERT INTO {TABLE}(rowid, headline, summary) "  # noqa: S608
            f"SELECT id, replace(replace(headline, %s, ''), %s, ''), replace(replace(summary, %s, ''), %s, '') "
            f"FROM {story} WHERE status = %s",
            [START, STOP, START, STOP, Story.Status.PUBLISHED],
        )
        return cursor.rowcount


def search(query: str, limit: int = 20, offset: int = 0) -> tuple[list[Hit], bool]:
    """Stories matching ``query``, best first; returns one page of hits and whether more follow."""
    tokens = query_tokens(query)
    if not tokens:
        return [], False
    if _sqlite():
        return _search_sqlite(tokens, limit, offset)
    return _search_postgres(tokens, limit, offset)


def _search_sqlite(tokens: list[str], limit: int, offset: int) -> tuple[list[Hit], bool]:
    match = " ".join('"' + t.replace('"', '""') + '"' for t in tokens)
    # Rank on the index alone: it holds published stories only (index_stories drops the others),
    # so no join to the stories table is needed for every match, just for the page shown. Ties
    # (the same text twice) go to the newer story. The matches are marked in Python for the page
    # shown: FTS5's highlight()/snippet() would look every row up in the index again.
    sql = (
        f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s "  # noqa: S608
        f"ORDER BY bm25({TABLE}, 4.0, 1.0), rowid DESC LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, limit + 1, offset])
        ids = [row[0] for row in cursor.fetchall()]
    more = len(ids) > limit
    ids = ids[:limit]
    if not ids:
        return [], more
    return _hits(ids, tokens), more


def _search_postgres(tokens: list[str], limit: int, offset: int) -> tuple[list[Hit], bool]:
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    # "plain" turns any text into ANDed lexemes; the tokens are plain words already. Matches
    # are marked in Python, as on SQLite, so both databases escape and highlight alike.
    query = SearchQuery(" ".join(tokens), search_type="plain", config="simple")
    vector = SearchVector("headline", weight="A", config="simple") + SearchVector(
        "summary", weight="B", config="simple"
    )
    ranked = (
        Story.objects.published()
        .annotate(document=vector)
        .filter(document=query)
        .annotate(rank=SearchRank(vector, query))
        .order_by("-rank", "-last_updated_at", "-id")
        .values_list("id", flat=True)[offset : offset + limit + 1]
    )
    ids = list(ranked)
    more = len(ids) > limit
    ids = ids[:limit]
    return _hits(ids, tokens), more


def _hits(ids: list[int], tokens: list[str]) -> list[Hit]:
    """The page shown, in ranked order, with the query's words marked (escaped) in Python."""
    # No ORDER BY: the model's default ordering would make SQLite walk an index of every story.
    rows = {r.id: r for r in card_rows(Story.objects.published().filter(id__in=ids).order_by())}
    wanted = {fold(t) for t in tokens}
    return [
        Hit(
            rows[pk],
            highlight(mark(clean(rows[pk].headline), wanted)),
            highlight(snippet(clean(rows[pk].summary), wanted)),
        )
        for pk in ids
        if pk in rows
    ]
