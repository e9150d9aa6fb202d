"""BM25 over a handful of passages, with the Norwegian stemming of `skills.search`.

Used where a supplier did not label an answer: the passages of that supplier's own text
that best match a question are proposed, marked as matched by content. Also the
benchmark's baseline.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from skills.search.norwegian import terms

K1 = 1.2
B = 0.75


def bm25_scores(query: str, passages: Sequence[str]) -> list[float]:
    """One score per passage (0 when no query term occurs in it)."""
    docs = [Counter(terms(text)) for text in passages]
    if not docs:
        return []
    average = sum(sum(d.values()) for d in docs) / len(docs) or 1.0
    frequency: Counter[str] = Counter()
    for doc in docs:
        frequency.update(doc.keys())
    wanted = set(terms(query))
    scores = []
    for doc in docs:
        length = sum(doc.values())
        score = 0.0
        for term in wanted & doc.keys():
            idf = math.log(1 + (len(docs) - frequency[term] + 0.5) / (frequency[term] + 0.5))
            tf = doc[term]
            score += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / average))
        scores.append(score)
    return scores
