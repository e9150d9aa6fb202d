"""Offline intent rules: map a chat message to a kernel function without a model.

Matching is by key phrases in Norwegian and English, tolerant of small typos
(one edit for words of 4+ letters, two for 8+), so "hjlep" and "hepl" still find
help. Each rule names the kernel function it calls, so the model-driven and the
offline engines end in the same code.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache


@dataclass(frozen=True)
class IntentRule:
    name: str
    plugin: str
    function: str
    phrases: tuple[str, ...]
    arguments: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class IntentMatch:
    name: str
    plugin: str
    function: str
    score: float
    arguments: dict[str, str] = field(default_factory=dict)


RULES: tuple[IntentRule, ...] = (
    IntentRule(
        name="help",
        plugin="assistant",
        function="help",
        phrases=(
            "hjelp",
            "help",
            "hva kan du",
            "hva kan du gjøre",
            "hva kan du hjelpe med",
            "what can you do",
            "kommandoer",
            "commands",
            "meny",
            "menu",
            "hei",
            "hallo",
            "hello",
            "hi",
            "god morgen",
        ),
    ),
    # Until the procurement skills land, their commands show that capability's help,
    # marked as coming, so the manifest's command menu never leads nowhere.
    IntentRule(
        name="deadlines",
        plugin="assistant",
        function="help",
        phrases=("frister", "kontraktsfrister", "mine kontrakter", "deadlines", "my contracts"),
        arguments=(("topic", "deadlines"),),
    ),
    IntentRule(
        name="market_dialogue",
        plugin="assistant",
        function="help",
        phrases=("markedsdialog", "market dialogue", "invitasjon", "invitation"),
        arguments=(("topic", "market_dialogue"),),
    ),
    IntentRule(
        name="supplier_input",
        plugin="assistant",
        function="help",
        phrases=("oppsummer", "innspill", "summarise", "summarize", "supplier input"),
        arguments=(("topic", "supplier_input"),),
    ),
    IntentRule(
        name="status",
        plugin="diagnostics",
        function="status",
        phrases=("status", "driftsstatus", "helsesjekk", "health check", "diagnose", "ping"),
    ),
)

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


def _phrase_score(phrase: tuple[str, ...], words: list[str]) -> float:
    """Fraction of the message covered by the phrase, 0 when the phrase is absent."""
    position = 0
    for expected in phrase:
        while position < len(words) and not word_matches(expected, words[position]):
            position += 1
        if position == len(words):
            return 0.0
        position += 1
    return len(phrase) / max(len(words), 1) + len(phrase) * 0.01


@lru_cache(maxsize=1024)
def _phrase_words(phrase: str) -> tuple[str, ...]:
    return tuple(normalize(phrase))


def classify(text: str, rules: tuple[IntentRule, ...] = RULES) -> IntentMatch | None:
    """The best rule for `text`, or None when nothing fits well enough.

    Short commands ("hjelp", "status") are the common case; in longer messages a
    phrase must cover a fair share of the words, so "the status of contract X"
    is not mistaken for the service status once other rules exist.
    """
    words = normalize(text)
    if not words:
        return None
    best: IntentMatch | None = None
    for rule in rules:
        for phrase in rule.phrases:
            score = _phrase_score(_phrase_words(phrase), words)
            if score > 0 and (best is None or score > best.score):
                best = IntentMatch(
                    rule.name, rule.plugin, rule.function, score, dict(rule.arguments)
                )
    if best is None or best.score < 0.34:
        return None
    return best
