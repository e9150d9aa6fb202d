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

_QUOTE = re.compile(r"[«“\"]([^«»“”\"]{4,})[»”\"]")
_WORD = re.compile(r"\w+", re.UNICODE)
# Runs of this many words in common with a flagged passage count as its text.
_SHARED_RUN = 6

_RANKING = re.compile(
    r"""
    \b(?:klart\s+|aller\s+|absolutt\s+)?(?:beste|sterkeste|svakeste|dårligste|verste)\s+
        (?:valget|valet|leverandøren|tilbydaren|tilbyderen|alternativet|kandidaten)\b
    | \bbør\s+(?:få|tildelast|tildeles|veljast|velges|vinne|foretrekkes|prioriteres)\b
    | \b(?:anbefaler|anbefalast|anbefales|tilrår|tilrås)\s+(?:å\s+(?:velge|velje|bruke|tildele)|
        denne\s+leverandøren|dei|dem|leverandøren)\b
    | \b(?:rangert|rangerer|rangering|rangeres|rangerast)\b
    | \bbedre\s+enn\s+(?:de\s+andre|dei\s+andre|konkurrentene|øvrige|resten)\b
    | \b(?:the\s+)?(?:best|strongest|weakest|preferred|clear)\s+
        (?:choice|supplier|option|bidder|candidate|winner)\b
    | \bshould\s+(?:be\s+awarded|win|get\s+the\s+(?:contract|agreement|award)|
        be\s+(?:chosen|selected|preferred))\b
    | \brecommend(?:s|ed)?\s+(?:choosing|selecting|awarding|them|this\s+supplier)\b
    | \b(?:ranked|ranks|ranking)\b
    | \bbetter\s+than\s+(?:the\s+)?(?:others|competitors|other\s+suppliers|the\s+rest)\b
    """,
    re.IGNORECASE | re.VERBOSE,
)

_LANGUAGE: dict[str, Detected] = {"nb": "no", "en": "en"}


def _flat(text: str) -> str:
    return " ".join(text.split()).casefold()


def _runs(text: str) -> set[tuple[str, ...]]:
    words = [w.casefold() for w in _WORD.findall(text)]
    return {tuple(words[i : i + _SHARED_RUN]) for i in range(len(words) - _SHARED_RUN + 1)}


def point_problem(
    text: str, cited: Sequence[str], flagged: Sequence[str], lang: Lang
) -> str | None:
    """Why the point may not be shown, or None when it passes every check."""
    sources = _flat(" ".join(cited))
    for quote in _QUOTE.findall(text):
        if _flat(quote.strip(" .,;:")) not in sources:
            return "a quotation not found in its passage"
    if _RANKING.search(text):
        return "ranks or recommends suppliers"
    own = _runs(text)
    if own and any(own & _runs(passage) for passage in flagged):
        return "text from a flagged passage"
    if not is_language(text, _LANGUAGE[lang]):
        return "not in the reader's language"
    return None
