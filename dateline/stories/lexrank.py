"""LexRank (Erkan & Radev, 2004): sentence centrality over a TF-IDF cosine similarity graph.

Used as the evaluation baseline and as one centrality signal of the extractive writer.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

from dateline.text import content_tokens, split_sentences, word_count

__all__ = ["lexrank_scores", "lexrank_summary", "select_to_budget", "tfidf_matrix"]


def tfidf_matrix(token_lists: Sequence[Sequence[str]]) -> np.ndarray:
    """Row-normalised TF-IDF vectors, one row per token list (IDF over the given lists, smoothed)."""
    n = len(token_lists)
    vocab: dict[str, int] = {}
    df: Counter[str] = Counter()
    for tokens in token_lists:
        df.update(set(tokens))
        for t in tokens:
            vocab.setdefault(t, len(vocab))
    matrix = np.zeros((n, max(len(vocab), 1)), dtype=np.float64)
    for i, tokens in enumerate(token_lists):
        for t, tf in Counter(tokens).items():
            matrix[i, vocab[t]] = tf * (math.log((1 + n) / (1 + df[t])) + 1.0)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    matrix /= norms  # in place: a long story's matrix is the writer's largest allocation
    return matrix


def lexrank_scores(
    vectors: np.ndarray, *, threshold: float = 0.1, damping: float = 0.85, tol: float = 1e-6
) -> np.ndarray:
    """Stationary distribution of the thresholded cosine graph, found by power iteration.

    ``vectors`` must be row-normalised. Edges join sentences whose cosine similarity is at least
    ``threshold``; each row of the adjacency matrix is normalised by degree (Erkan & Radev's
    "degree centrality" graph with the PageRank-style damping they use).
    """
    n = vectors.shape[0]
    if n == 0:
        return np.zeros(0)
    sim = vectors @ vectors.T
    adj = (sim >= threshold).astype(np.float64)
    np.fill_diagonal(adj, 1.0)  # self-loops keep isolated sentences well defined
    adj /= adj.sum(axis=1, keepdims=True)
    transition = (1 - damping) / n + damping * adj
    p = np.full(n, 1.0 / n)
    for _ in range(200):
        nxt = transition.T @ p
        if np.abs(nxt - p).sum() < tol:
            p = nxt
            break
        p = nxt
    return p


def select_to_budget(order: Sequence[int], sentences: Sequence[str], words: int) -> list[int]:
    """Take sentence indices in ``order`` while they fit the word budget (skipping ones that do not).

    Returns the chosen indices; the same budget rule serves every summariser so comparisons are fair.
    """
    chosen: list[int] = []
    used = 0
    for i in order:
        n = word_count(sentences[i])
        if used + n <= words:
            chosen.append(i)
            used += n
        if used >= words - 3:
            break
    if not chosen and order:  # one over-long sentence is better than nothing
        chosen.append(order[0])
    return chosen


def lexrank_summary(documents: Sequence[str], *, words: int = 220, threshold: float = 0.1) -> str:
    """Extractive LexRank summary of the documents: top-ranked sentences to ``words``, in text order."""
    sentences = [s for doc in documents for s in split_sentences(doc)]
    if not sentences:
        return ""
    vectors = tfidf_matrix([content_tokens(s) for s in sentences])
    scores = lexrank_scores(vectors, threshold=threshold)
    order = sorted(range(len(sentences)), key=lambda i: -scores[i])
    chosen = select_to_budget(order, sentences, words)
    return " ".join(sentences[i] for i in sorted(chosen))
