"""Arrival order must not change the stories: late articles re-stream the window they fall in.

Feeds deliver late: one outlet's articles of Monday may arrive on Thursday, after every other
outlet's reports of the week have been clustered. Matched one by one against the stories as
they stand *now*, a late article meets stories that grew without it (and earlier reports of its
event that, without it, never came together), so the stories would depend on the order in which
feeds answered. Instead, when a batch holds articles published before the newest article already
clustered, the window from the earliest of them on is clustered again in publication order: the
index is rebuilt as it stood at the window's start (the articles before it, with their stories),
then every article of the window, stored and new, is matched and added as a stream would have.
The result is the partition that publication order gives, whatever the order of arrival.

The window's new partition is then reconciled with the stories the articles had (``reconcile``):
a new group takes the story most of its articles were in, so that story pages keep their address
and only the articles that change story move.

A window is bounded (``max_window`` articles): an article later than that is matched against the
stories as they stood at its publication time (``StoryIndex.match``), which keeps the cost of one
batch proportional to the window, not to the history.

Pure: no I/O, no clock.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from dateline.stories.cluster import ClusterParams, Doc, StoryIndex

__all__ = ["Restreamed", "cluster_arrivals", "reconcile", "replay", "restream"]

_MIN = datetime.min.replace(tzinfo=UTC)
DORMANT_REPLAY = 3  # newest articles replayed of a story gone quiet (a close follow-up may revive it)


def stream_key(doc: Doc) -> datetime:
    """Publication order (an undated article counts as the oldest: it never starts a window)."""
    return doc.published or _MIN


def replay(index: StoryIndex, docs: Iterable[tuple[Doc, int]]) -> dict[int, int]:
    """Add ``docs`` (publication order) to ``index`` with the stories they are stored in; return the
    merges the replay made (absorbed -> surviving)."""
    parent: dict[int, int] = {}
    for doc, sid in docs:
        index.add(doc, sid)
        parent.update(index.take_merges())
    return parent


@dataclass
class Restreamed:
    """A window clustered again: a label per article, and the stories merged on the way.

    ``labels[i]`` is a story id that the index knew before the window (a replayed story) or a
    negative number, a group of the window alone (see ``reconcile``). ``merged`` maps replayed
    story ids absorbed by a merge to their survivor (a label, possibly negative)."""

    labels: list[int]
    merged: dict[int, int] = field(default_factory=dict)


def _find(parent: dict[int, int], sid: int) -> int:
    while sid in parent:
        sid = parent[sid]
    return sid


def restream(index: StoryIndex, docs: Sequence[Doc]) -> Restreamed:
    """Cluster ``docs`` (publication order) into ``index``, which holds the stories as they stood
    before the first of them. New groups get negative labels (-1, -2, ...)."""
    parent: dict[int, int] = {}
    labels: list[int] = []
    fresh = 0
    for doc in docs:
        sid = index.match(doc)
        if sid is None:
            fresh -= 1
            sid = fresh
        index.add(doc, sid)
        labels.append(sid)
        parent.update(index.take_merges())
    final = [_find(parent, sid) for sid in labels]
    merged = {gone: _find(parent, gone) for gone in parent if gone >= 0}
    return Restreamed(labels=final, merged=merged)


def reconcile(
    labels: Sequence[int], previous: Sequence[int | None], taken: Iterable[int] = ()
) -> dict[int, int]:
    """Give each negative label (a new group) a story id: the story most of its articles were in
    before (``previous``), unless a larger group took it or it is in ``taken`` (stories that
    still exist as they are). Groups without one are left out of the result (new stories).

    Larger groups choose first; ties go to the lower label, then the lower story id."""
    used = set(taken)
    groups: dict[int, Counter[int]] = {}
    for label, before in zip(labels, previous, strict=True):
        if label < 0:
            counts = groups.setdefault(label, Counter())
            if before is not None:
                counts[before] += 1
    out: dict[int, int] = {}
    order = sorted(groups, key=lambda g: (-sum(groups[g].values()), -g))
    for g in order:
        for sid, _ in sorted(groups[g].items(), key=lambda kv: (-kv[1], kv[0])):
            if sid not in used:
                out[g] = sid
                used.add(sid)
                break
    return out


def cluster_arrivals(
    batches: Iterable[Sequence[Doc]], params: ClusterParams | None = None, *, max_window: int = 5000
) -> dict[str, int]:
    """Cluster batches of articles as they arrive, each batch as one run of the pipeline would:
    in publication order, re-streaming the window that its late articles fall in. Returns the
    story id of each article by ``Doc.key``: stable across batches where a story lives on.

    The reference for tests and evaluations of arrival order: the pipeline does the same with
    stored stories (``dateline.pipeline.stages.cluster``)."""
    log: list[tuple[Doc, int]] = []  # every article so far, publication order, current story
    next_id = 0
    for batch in batches:
        new = sorted(batch, key=stream_key)
        if not new:
            continue
        newest = stream_key(log[-1][0]) if log else _MIN
        start = len(log)
        if stream_key(new[0]) < newest:
            late = stream_key(new[0])
            start = next((i for i, (d, _) in enumerate(log) if stream_key(d) > late), len(log))
            start = max(start, len(log) - max_window)
        index = StoryIndex(params)
        since = stream_key(log[start][0]) if start < len(log) else stream_key(new[0])
        merged = replay(index, _open_at(log[:start], since, index.params))
        kept = [(d, _find(merged, s)) for d, s in log[:start]]
        window = sorted([d for d, _ in log[start:]] + new, key=stream_key)
        before = {d.key: s for d, s in log[start:]}
        result = restream(index, window)
        previous = [before.get(d.key) for d in window]
        alive = {s for _, s in kept}
        named = reconcile(result.labels, previous, taken=alive)
        ids: dict[int, int] = {}
        for label in result.labels:
            if label < 0 and label not in named and label not in ids:
                ids[label] = next_id
                next_id += 1
        # Every id ever given is kept apart from fresh ones.
        next_id = max([next_id, *(s + 1 for s in named.values())])

        names = {**ids, **named}
        kept = [(d, names.get(m, m)) for d, m in ((d, result.merged.get(s, s)) for d, s in kept)]
        log = kept + [(d, names.get(label, label)) for d, label in zip(window, result.labels, strict=True)]
        next_id = max([next_id, *(s + 1 for _, s in log)])
    return {d.key: s for d, s in log}


def _open_at(log: Sequence[tuple[Doc, int]], since: datetime, params: ClusterParams) -> list[tuple[Doc, int]]:
    """What a pipeline replays to rebuild its index at ``since``: every article of the stories
    still open then, and the newest few of those gone quiet within ``revive_after``."""
    last: dict[int, datetime] = {}
    for doc, sid in log:
        last[sid] = max(last.get(sid, _MIN), stream_key(doc))
    open_from, quiet_from = since - params.cold_after, since - params.revive_after
    newest: Counter[int] = Counter()
    out: list[tuple[Doc, int]] = []
    for doc, sid in reversed(log):
        if last[sid] >= open_from:
            out.append((doc, sid))
        elif last[sid] >= quiet_from and params.revive_threshold > 0 and newest[sid] < DORMANT_REPLAY:
            newest[sid] += 1
            out.append((doc, sid))
    out.reverse()
    return out


def agreement(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """B-cubed F1 of one clustering against another (1.0: the same partition)."""
    from dateline.stories.eval_cluster import bcubed

    return bcubed(a, b)[2]
