"""Checks on each point a model writes about a supplier, before anyone reads it.

A valid passage id is not enough: a point must say what its passages say. The checks
are rules, so they hold whatever the model was told by a supplier's text:
- a quotation must be found, word for word, in a passage the point cites;
- a point may not rank suppliers or recommend one (the officers assess; the summary
  reports);
- a point may not carry the words of a passage the rules flagged (a business secret or
  an injection attempt), even though such passages are never sent to the model;
- a point must be in the reader's language.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from skills.i18n import Lang
from skills.language import Detected, is_language

_QUOTE = re.compile(
    r"[«“„\"]([^«»“”„\"]{4,})[»”“\"]"  # «…», “…”, „…“, "…"
    r"|‘([^‘’]{4,})’"  # ‘…’
    r"|‹([^‹›]{4,})›"  # ‹…›
    r"|(?<!\w)'([^']{4,})'(?!\w)"  # '…', not an apostrophe
)
_WORD = re.compile(r"\w+", re.UNICODE)
_NUMBER = re.compile(r"\d[\d .,]*\d|\d{2,}")
# Runs of this many words in common with a flagged passage count as its text.
_SHARED_RUN = 5

# A company as points name one: capitalised words ending in a company form.
_COMPANY = r"[A-ZÆØÅ][\w&.-]*(?:\s+[A-ZÆØÅ][\w&.-]*)*\s+(?:AS|ASA|AB|BA|SA|Ltd|GmbH|Oy|ApS|SE)\b"
_RANKING = re.compile(
    r"""
    (?i:\b(?:bør|burde|skal|må)\s+(?:få|tildelast|tildeles|vinne|gis)\s+
        (?:avtalen|avtala|kontrakten|oppdraget|tildelinga|tildelingen|rammeavtalen)\b)
    | (?i:\b(?:fortjener|fortener)\s+(?:avtalen|avtala|kontrakten|oppdraget)\b)
    | (?i:\bshould\s+(?:win|get|be\s+awarded|be\s+given)\s+(?:the\s+)?
        (?:contract|agreement|tender|award|framework)\b)
    | (?i:\bdeserves?\s+(?:the\s+)?(?:contract|agreement|award|tender)\b)
    | (?i:\bshould\s+be\s+awarded\b)
    | (?i:\b(?:sterkeste|beste|svakeste|dårligste)\s+av\s+(?:alle\s+)?
        (?:leverandørene|leverandørane|tilbyderne|tilbydarane)\b)
    | (?i:\bmest\s+(?:kvalifiserte|egnede|egna|kompetente|seriøse)\s+
        (?:leverandøren|leverandør|tilbyderen|tilbydaren)\b)
    | (?i:\boverlegen(?:e)?\s+(?:de|dei)\s+(?:andre|øvrige)|overlegen(?:e)?\s+konkurrentene)
    | (?i:\bbedre\s+enn\s+(?:konkurrentene|resten|(?:de|dei)\s+(?:andre|øvrige)\s+leverandør))
    | (?i:\b(?:inngå|inngå\s+en|skrive)\s+(?:avtale|kontrakt|rammeavtale)\s+med\s+)"""
    + _COMPANY
    + r"""
    | """
    + _COMPANY
    + r"""(?i:\s+(?:\w+\s+){0,3}(?:bør|burde|skal)\s+(?:velges|veljast|få|tildeles|vinne|
        prioriteres)\b)
    | """
    + _COMPANY
    + r"""(?i:\s+(?:er|blir|vil\s+være)\s+(?:det\s+|den\s+)?(?:klart\s+|aller\s+)?
        (?:beste|sterkeste|overlegen|mest\s+egnede|best|strongest))
    | (?i:\b(?:the\s+)?(?:best|strongest|weakest|clear)\s+(?:supplier|bidder|winner)\b)
    | (?i:\boutperform(?:s|ed|ing)?\b)
    | (?i:\bbetter\s+than\s+(?:the\s+)?(?:other\s+suppliers|competitors|the\s+rest|all\s+others)\b)
    | (?i:\b(?:rangert|ranked)\s+(?:som\s+)?(?:først|best|høyest|nummer\s+(?:én|en|1)|first|
        highest|best|top)\b)
    | (?i:\b(?:anbefaler|anbefales|anbefalast|tilrår|tilrås|recommends?|recommended|gå\s+for|
        go\s+for|velge|velje|choose|choosing|select|selecting)\s+(?:vi\s+|jeg\s+|eg\s+|we\s+)?
        (?:å\s+(?:velge|velje)\s+|choosing\s+|selecting\s+)?(?:leverandøren\s+)?)
        """
    + _COMPANY,
    re.VERBOSE,
)

_LANGUAGE: dict[Lang, Detected] = {"nb": "no", "nn": "no", "en": "en"}


def _flat(text: str) -> str:
    return " ".join(text.split()).casefold()


def _runs(text: str) -> set[tuple[str, ...]]:
    words = [w.casefold() for w in _WORD.findall(text)]
    return {tuple(words[i : i + _SHARED_RUN]) for i in range(len(words) - _SHARED_RUN + 1)}


def _numbers(text: str) -> set[str]:
    return {re.sub(r"\D", "", n) for n in _NUMBER.findall(text)}


def point_problem(
    text: str, cited: Sequence[str], flagged: Sequence[str], lang: Lang
) -> str | None:
    """Why the point may not be shown, or None when it passes every check."""
    sources = _flat(" ".join(cited))
    quotes = ["".join(groups) for groups in _QUOTE.findall(text)]
    for quote in quotes:
        if _flat(quote.strip(" .,;:")) not in sources:
            return "a quotation not found in its passage"
    if _RANKING.search(text):
        return "ranks or recommends suppliers"
    own = _runs(text)
    if own and any(own & _runs(passage) for passage in flagged):
        return "text from a flagged passage"
    secret_numbers = _numbers(" ".join(flagged)) - _numbers(" ".join(cited))
    if _numbers(text) & secret_numbers:
        return "text from a flagged passage"
    # Quoted words are the supplier's own, in their language: only the rest is judged.
    unquoted = _QUOTE.sub(" ", text)
    if not is_language(unquoted, _LANGUAGE[lang]):
        return "not in the reader's language"
    return None
