"""Late articles re-stream their window: the stories do not depend on the order of arrival."""

from __future__ import annotations

import datetime as dt
import random

from dateline.stories.arrival import cluster_arrivals, reconcile
from dateline.stories.cluster import Doc, cluster_stream
from dateline.stories.eval_cluster import bcubed

T0 = dt.datetime(2019, 3, 4, 8, tzinfo=dt.UTC)

EVENTS = {
    "quake": (
        "Earthquake of magnitude {n}.1 strikes near Palu",
        "A strong earthquake struck near Palu on Sulawesi island, Indonesia's geophysics agency "
        "BMKG said, damaging houses in Donggala and cutting power; rescuers searched the rubble.",
    ),
    "budget": (
        "Kenyan parliament passes the {n} budget after a long debate",
        "Kenya's National Assembly in Nairobi passed the annual budget, raising the fuel levy "
        "and excise duty on mobile money, after Treasury secretary Henry Rotich defended it.",
    ),
    "strike": (
        "Lufthansa pilots strike for a {n}th day over pensions",
        "Pilots at Lufthansa walked out in Frankfurt and Munich, the Vereinigung Cockpit union "
        "said, grounding hundreds of flights in the dispute over early retirement pensions.",
    ),
}


def _docs() -> list[tuple[Doc, str]]:
    out = []
    for k, (event, (title, text)) in enumerate(EVENTS.items()):
        for n in range(4):
            when = T0 + dt.timedelta(days=3 * k, hours=5 * n)
            doc = Doc(
                key=f"{event}-{n}",
                title=title.format(n=n + 2),
                text=text,
                published=when,
                source=f"outlet{n}",
            )
            out.append((doc, event))
    return out


def test_reconcile_keeps_the_story_most_articles_were_in() -> None:
    # Group -1 had three articles of story 7 and one of 8; group -2 one of 8; -3 only new ones.
    labels = [-1, -1, -1, -1, -2, -3, 5]
    previous = [7, 7, 7, 8, 8, None, 5]
    assert reconcile(labels, previous, taken={5}) == {-1: 7, -2: 8}
    # A story that still exists as it was is never taken over by a new group.
    assert reconcile([-1, -1], [5, 5], taken={5}) == {}


def test_any_arrival_order_gives_the_publication_order_stories() -> None:
    pairs = _docs()
    docs = [d for d, _ in pairs]
    gold = [e for _, e in pairs]
    in_order = cluster_stream(docs)
    assert bcubed(in_order, gold) == (1.0, 1.0, 1.0)
    for seed in range(5):
        rnd = random.Random(seed)
        shuffled = docs[:]
        rnd.shuffle(shuffled)
        batches = [shuffled[i : i + 3] for i in range(0, len(shuffled), 3)]
        got = cluster_arrivals(batches)
        assert bcubed([got[d.key] for d in docs], in_order)[2] == 1.0, seed


def test_story_ids_live_on_across_batches() -> None:
    docs = [d for d, _ in _docs()]
    first = cluster_arrivals([docs[:6]])
    both = cluster_arrivals([docs[:6], docs[6:]])
    late = cluster_arrivals([docs[:5] + docs[6:], docs[5:6]])  # the last quake report comes last
    assert {k: both[k] for k in first} == first
    assert late == both
