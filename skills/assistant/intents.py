"""Offline intent rules: map a chat message to a kernel function without a model.

Matching is by key phrases in Norwegian and English, tolerant of small typos
(one edit for words of 4+ letters, two for 8+), so "hjlep" and "hepl" still find
help. Each rule names the kernel function it calls, so the model-driven and the
offline engines end in the same code.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any


@dataclass(frozen=True)
class IntentRule:
    name: str
    plugin: str
    function: str
    phrases: tuple[str, ...]
    arguments: tuple[tuple[str, str], ...] = ()
    # Reads arguments from the message, e.g. "neste 3 måneder" -> within_days=90.
    extract: Callable[[str], dict[str, Any]] | None = None
    # Shown instead when the plugin is not configured (help for that capability).
    fallback_topic: str = ""


@dataclass(frozen=True)
class IntentMatch:
    name: str
    plugin: str
    function: str
    score: float
    arguments: dict[str, Any] = field(default_factory=dict)
    fallback_topic: str = ""


_SPAN = re.compile(
    r"(\d{1,4})\s*(dager|dag|days?|d|uker|uke|weeks?|måneder|måned|mnd|months?|år|years?)\b"
)
_UNIT_DAYS = {
    "d": 1,
    "dag": 1,
    "dager": 1,
    "day": 1,
    "days": 1,
    "uke": 7,
    "uker": 7,
    "week": 7,
    "weeks": 7,
    "måned": 30,
    "måneder": 30,
    "mnd": 30,
    "month": 30,
    "months": 30,
    "år": 365,
    "year": 365,
    "years": 365,
}
_CONTRACT_ID = re.compile(r"\b\d{4}-\d{2,5}\b")
_STOP = {
    "hva",
    "når",
    "when",
    "hvilken",
    "frister",
    "frist",
    "fristene",
    "kontrakter",
    "kontrakt",
    "kontrakten",
    "deadlines",
    "deadline",
    "contracts",
    "contract",
    "neste",
    "de",
    "den",
    "det",
    "i",
    "the",
    "next",
    "in",
    "for",
    "om",
    "på",
    "til",
    "of",
    "mine",
    "my",
    "vis",
    "show",
    "hvilke",
    "which",
    "har",
    "jeg",
    "innen",
    "within",
    "alle",
    "all",
    "kommende",
    "coming",
    "what",
    "are",
    "er",
    "kontraktsfrister",
    "avtaler",
    "avtale",
    "me",
    "meg",
}


def deadline_arguments(text: str) -> dict[str, Any]:
    """ "frister neste 3 måneder for renhold" -> within 90 days, contract "renhold"."""
    lowered = text.lower()
    arguments: dict[str, Any] = {}
    span = _SPAN.search(lowered)
    if span:
        arguments["within_days"] = int(span.group(1)) * _UNIT_DAYS[span.group(2)]
        lowered = lowered[: span.start()] + " " + lowered[span.end() :]
    words = normalize(lowered)
    if "mine" in words or "my" in words:
        arguments["mine"] = True
    ids = _CONTRACT_ID.findall(lowered)
    if ids:
        arguments["contract"] = ids[0]
    else:
        rest = [w for w in words if w not in _STOP and not w.isdigit()]
        if rest:
            arguments["contract"] = " ".join(rest)
    return arguments


_TERMS_WORDS = {
    "les",
    "finn",
    "vilkår",
    "vilkårene",
    "opsjoner",
    "opsjonene",
    "kontraktsdokumentet",
    "avtaledokumentet",
    "dokumentet",
    "kontraktsvilkår",
    "kontraktsvilkårene",
    "extract",
    "read",
    "find",
    "terms",
    "options",
    "document",
    "from",
    "fra",
    "the",
}


def terms_arguments(text: str) -> dict[str, Any]:
    """ "les vilkårene i kontrakt 2025-017" -> contract_id "2025-017"; else title words."""
    ids = _CONTRACT_ID.findall(text.lower())
    if ids:
        return {"contract_id": ids[0]}
    rest = [w for w in normalize(text) if w not in _STOP and w not in _TERMS_WORDS]
    return {"contract_id": " ".join(rest)} if rest else {}


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
    # A rule with a fallback topic shows that capability's help when its plugin is not
    # configured here (no Microsoft 365 connection), so a command never leads nowhere.
    IntentRule(
        name="deadlines",
        plugin="contracts",
        function="deadlines",
        phrases=(
            "frister",
            "frist",
            "fristene",
            "kontraktsfrister",
            "mine kontrakter",
            "kontrakt",
            "deadlines",
            "my contracts",
            "contract",
        ),
        extract=deadline_arguments,
        fallback_topic="deadlines",
    ),
    IntentRule(
        name="contract_terms",
        plugin="terms",
        function="propose_terms",
        phrases=(
            "les vilkårene",
            "vilkårene",
            "kontraktsvilkår",
            "finn opsjoner",
            "kontraktsdokumentet",
            "avtaledokumentet",
            "les kontrakten",
            "les avtalen",
            "extract terms",
            "contract terms",
            "read the contract",
        ),
        extract=terms_arguments,
        fallback_topic="deadlines",
    ),
    IntentRule(
        name="market_dialogue",
        plugin="market_dialogue",
        function="start",
        phrases=(
            "markedsdialog",
            "market dialogue",
            "invitasjon",
            "invitation",
            "invitasjon til markedsdialog",
            "lag en invitasjon",
            "dialogkonferanse",
        ),
        extract=lambda text: {"request": text},
        fallback_topic="market_dialogue",
    ),
    IntentRule(
        name="supplier_input",
        plugin="supplier_input",
        function="summarize",
        phrases=(
            "oppsummer",
            "oppsummer innspill",
            "innspill",
            "leverandørinnspill",
            "summarise",
            "summarize",
            "supplier input",
            "summarise supplier input",
        ),
        extract=lambda text: {"case": text},
        fallback_topic="supplier_input",
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
    best_rule: IntentRule | None = None
    for rule in rules:
        for phrase in rule.phrases:
            score = _phrase_score(_phrase_words(phrase), words)
            if score > 0 and (best is None or score > best.score):
                best = IntentMatch(
                    rule.name,
                    rule.plugin,
                    rule.function,
                    score,
                    dict(rule.arguments),
                    rule.fallback_topic,
                )
                best_rule = rule
    if best is None or best_rule is None:
        return None
    if best_rule.extract is not None:
        extracted = best_rule.extract(text)
        best = IntentMatch(
            best.name,
            best.plugin,
            best.function,
            best.score + (0.5 if extracted else 0.0),
            {**best.arguments, **extracted},
            best.fallback_topic,
        )
    if best.score < 0.34:
        return None
    return best
