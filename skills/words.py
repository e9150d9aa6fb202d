"""Words as the offline intent rules compare them: normalised, and equal up to a typo
(one edit for words of 4+ letters, two for 8+)."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[a-z0-9æøå]+")


def normalize(text: str) -> list[str]:
    """Lower-case words; accents folded except the Norwegian letters æ, ø, å."""
    text = unicodedata.normalize("NFC", text.lower())
    folded = []
    for ch in text:
        if ch in "æøå":
            folded.append(ch)
        else:
            folded.append(
                "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
            )
    return _WORD.findall("".join(folded))


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance, giving up early once it exceeds `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def _allowed_typos(word: str) -> int:
    if len(word) >= 8:
        return 2
    if len(word) >= 4:
        return 1
    return 0


def word_matches(expected: str, actual: str) -> bool:
    if expected == actual:
        return True
    return edit_distance(expected, actual, _allowed_typos(expected)) <= _allowed_typos(expected)
