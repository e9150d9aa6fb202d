"""Offline intent rules: map a chat message to a kernel function without a model.

Matching is by key phrases in Norwegian and English, tolerant of small typos
(one edit for words of 4+ letters, two for 8+), so "hjlep" and "hepl" still find
help. Each rule names the kernel function it calls, so the model-driven and the
offline engines end in the same code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from skills.assistant.names import HELP, STATUS
from skills.assistant.periods import find_period, unit_days
from skills.contracts.names import DEADLINES, PROPOSE_TERMS
from skills.contracts.queries import ID_LIKE
from skills.market_dialogue.names import START
from skills.plan.names import NEW_ENTRY, SHOW
from skills.plan.questions import plan_arguments
from skills.spend.names import ANALYSE, BY_CATEGORY, BY_SUPPLIER, WITHOUT_CONTRACT
from skills.spend.questions import (
    analysis_arguments,
    category_arguments,
    supplier_arguments,
)
from skills.supplier_input.names import SUMMARIZE
from skills.words import normalize, word_matches


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


# "mine kontrakter", "frister har jeg", "kva fristar har eg", "my contracts".
_MINE = {"mine", "my", "jeg", "eg", "mitt", "mi"}
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
    "dei",
    "mi",
    "våre",
    "vår",
    "our",
    "list",
    "liste",
    "gi",
    "give",
    "kan",
    "du",
    "can",
    "you",
    "please",
    "takk",
    "fristar",
    "kontraktar",
    "avtalar",
    "komande",
    "kommande",
    "dagar",
    "kva",
    "eg",
    "mitt",
    "upcoming",
    "utløper",
    "utløpe",
    "går",
    "ut",
    "expire",
    "expires",
    "expiring",
    "due",
    "any",
    "there",
    "do",
    "have",
    "we",
    "vi",
    "oss",
    "us",
    "denne",
    "dette",
    "this",
}


def _is_stop(word: str) -> bool:
    """A word that frames the question ("frister", "neste", "fristr" with a typo)."""
    if word in _STOP:
        return True
    return len(word) >= 5 and any(len(s) >= 5 and word_matches(s, word) for s in _STOP)


def deadline_arguments(text: str) -> dict[str, Any]:
    """ "frister neste 3 måneder for renhold" -> within 90 days, contract "renhold";
    "fristr neste 30 dagar" -> within 30 days (a typo and nynorsk, not a text search)."""
    lowered = text.lower()
    arguments: dict[str, Any] = {}
    words = normalize(lowered)
    period = find_period(words)
    used: tuple[int, ...] = ()
    if period is not None:
        if period.until:
            arguments["until"] = period.until
        else:
            arguments["within_days"] = period.days
        used = period.used
    if _MINE & set(words):
        arguments["mine"] = True
    ids = ID_LIKE.findall(lowered)
    if ids:
        arguments["contract"] = ids[0]
    else:
        rest = [
            w
            for i, w in enumerate(words)
            if i not in used and not _is_stop(w) and not w.isdigit() and unit_days(w) is None
        ]
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
    ids = ID_LIKE.findall(text.lower())
    if ids:
        return {"contract_id": ids[0]}
    rest = [w for w in normalize(text) if w not in _STOP and w not in _TERMS_WORDS]
    return {"contract_id": " ".join(rest)} if rest else {}


RULES: tuple[IntentRule, ...] = (
    IntentRule(
        name="help",
        plugin=HELP.plugin,
        function=HELP.name,
        phrases=(
            "hjelp",
            "help",
            "hva kan du",
            "hva kan du gjøre",
            "hva kan du hjelpe med",
            "kva kan du",
            "kva kan du gjere",
            "kva kan du hjelpe med",
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
        plugin=DEADLINES.plugin,
        function=DEADLINES.name,
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
            "avtale",
            "avtalen",
            "agreement",
        ),
        extract=deadline_arguments,
        fallback_topic="deadlines",
    ),
    IntentRule(
        name="contract_terms",
        plugin=PROPOSE_TERMS.plugin,
        function=PROPOSE_TERMS.name,
        phrases=(
            "les vilkårene",
            "vilkårene",
            "les vilkåra",
            "vilkåra",
            "hent vilkår",
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
        plugin=START.plugin,
        function=START.name,
        phrases=(
            "markedsdialog",
            "market dialogue",
            "invitasjon",
            "invitation",
            "invitasjon til markedsdialog",
            "lag en invitasjon",
            "lag ein invitasjon",
            "marknadsdialog",
            "dialogkonferanse",
        ),
        extract=lambda text: {"request": text},
        fallback_topic="market_dialogue",
    ),
    IntentRule(
        name="supplier_input",
        plugin=SUMMARIZE.plugin,
        function=SUMMARIZE.name,
        phrases=(
            "oppsummer",
            "oppsummer innspill",
            "innspill",
            "leverandørinnspill",
            "oppsummer innspela",
            "innspel",
            "leverandørinnspel",
            "summarise",
            "summarize",
            "supplier input",
            "summarise supplier input",
        ),
        extract=lambda text: {"case": text},
        fallback_topic="supplier_input",
    ),
    IntentRule(
        name="plan_new_entry",
        plugin=NEW_ENTRY.plugin,
        function=NEW_ENTRY.name,
        phrases=(
            "legg til i anskaffelsesplanen",
            "legg til et behov",
            "nytt behov",
            "legg til eit behov",
            "add to the procurement plan",
            "add a need",
            "new need",
        ),
        fallback_topic="plan",
    ),
    IntentRule(
        name="plan",
        plugin=SHOW.plugin,
        function=SHOW.name,
        phrases=(
            "anskaffelsesplan",
            "anskaffelsesplanen",
            "anskaffingsplan",
            "anskaffingsplanen",
            "innkjøpsplan",
            "hva må vi starte",
            "kva må vi starte",
            "kva må vi byrje",
            "plan for",
            "procurement plan",
            "what must we start",
            "must we start",
        ),
        extract=plan_arguments,
        fallback_topic="plan",
    ),
    IntentRule(
        name="spend_without_contract",
        plugin=WITHOUT_CONTRACT.plugin,
        function=WITHOUT_CONTRACT.name,
        phrases=(
            "kjøper vi mest uten avtale",
            "uten avtale",
            "kjøp uten avtale",
            "kva kjøper vi mest utan avtale",
            "utan avtale",
            "buy most without a contract",
            "bought without a contract",
            "spend without a contract",
        ),
        extract=analysis_arguments,
        fallback_topic="spend",
    ),
    IntentRule(
        name="spend_loyalty",
        plugin=BY_CATEGORY.plugin,
        function=BY_CATEGORY.name,
        phrases=("avtalelojalitet", "lojalitet", "contract loyalty", "loyalty"),
        extract=category_arguments,
        fallback_topic="spend",
    ),
    IntentRule(
        name="spend_supplier",
        plugin=BY_SUPPLIER.plugin,
        function=BY_SUPPLIER.name,
        phrases=(
            "kjøp fra",
            "kjøp frå",
            "innkjøp fra",
            "handlet fra",
            "purchases from",
            "spend with",
            "bought from",
        ),
        extract=supplier_arguments,
        fallback_topic="spend",
    ),
    IntentRule(
        name="spend_analysis",
        plugin=ANALYSE.plugin,
        function=ANALYSE.name,
        phrases=(
            "innkjøpsanalyse",
            "innkjøpsanalysen",
            "analyse av innkjøp",
            "avtaledekning",
            "purchasing analysis",
            "spend analysis",
            "contract coverage",
        ),
        extract=analysis_arguments,
        fallback_topic="spend",
    ),
    IntentRule(
        name="status",
        plugin=STATUS.plugin,
        function=STATUS.name,
        phrases=("status", "driftsstatus", "helsesjekk", "health check", "diagnose", "ping"),
    ),
)


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


# Words of questions about spend and analysis, which no capability answers yet.
_OTHER_QUESTIONS = {
    "buy",
    "bought",
    "spend",
    "spent",
    "spending",
    "kjøper",
    "kjøpte",
    "kjøpt",
    "kjøpe",
    "brukte",
    "forbruk",
    "innkjøpsanalyse",
    "analyse",
    "analysis",
    "budsjett",
    "budget",
    "faktura",
    "fakturaer",
    "invoice",
    "invoices",
    "kostnad",
    "kostnader",
    "cost",
    "costs",
    "mest",
    "most",
}


def _period_alone(text: str, words: list[str], rules: tuple[IntentRule, ...]) -> IntentMatch | None:
    """ "neste 30 dager" on its own: the deadlines in that period."""
    period = find_period(words)
    if period is None:
        return None
    rest = [w for i, w in enumerate(words) if i not in period.used and not _is_stop(w)]
    rule = next((r for r in rules if r.name == "deadlines"), None)
    if rest or rule is None:
        return None
    return IntentMatch(
        rule.name, rule.plugin, rule.function, 1.0, deadline_arguments(text), rule.fallback_topic
    )


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
        return _period_alone(text, words, rules)
    if (
        best_rule.name == "deadlines"
        and _OTHER_QUESTIONS & set(words)
        and not ID_LIKE.search(text.lower())
    ):
        # "what do we buy most without a contract?": about spend, not deadlines. The help
        # card says it cannot answer that yet, instead of a deadlines card for its words.
        return IntentMatch("help", HELP.plugin, HELP.name, 1.0, {"unanswered": text.strip()})
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
