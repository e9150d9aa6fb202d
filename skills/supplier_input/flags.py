"""Rule-based flags on supplier text: passages marked as business secrets, and passages that
try to instruct an AI. Both are decided by these rules alone, whatever engine summarises,
so no model can talk its way past them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from skills.documents.text import Passage
from skills.i18n import Lang, pick
from skills.supplier_input.model import Point, SourceDocument

CONFIDENTIAL = re.compile(
    r"forretningshemmelighet|konfidensiel|unntatt\s+offentlighet|fortrolig|taushetsbelagt|"
    r"\bconfidential\b|business\s+secret|trade\s+secret",
    re.IGNORECASE,
)
INJECTION = re.compile(
    r"ignorer\w*\s+(?:\w+\s+){0,3}(?:instruks|instruksjon|føring|regl)|"
    r"glem\s+(?:\w+\s+){0,3}instruks|"
    r"ignore\s+(?:\w+\s+){0,3}(?:instructions|prompt|rules)|"
    r"disregard\s+(?:\w+\s+){0,3}(?:instructions|prompt)|"
    r"\brang[eé]r\w*\s+oss\b|\brate\s+us\b|\brank\s+us\b|"
    r"\byou\s+are\s+now\b|\bdu\s+er\s+nå\s+(?:en|et)\b|"
    r"(?:^|\s)(?:system|assistant)\s*:|"
    r"\bgi\s+oss\s+(?:den\s+)?(?:høyest|høyeste|best|beste|full)\w*\s+(?:score|poeng|karakter)|"
    r"\bgive\s+us\s+(?:the\s+)?(?:highest|best|top|full)\s+(?:score|rating|marks)|"
    r"\b(?:KI|AI)-?(?:verktøy|modell|assistent|tool|model|assistant)\w*\s*:",
    re.IGNORECASE,
)
_SENTENCE_END = (".", "?", "!")


def is_heading(text: str) -> bool:
    """A short line without sentence punctuation: a heading or a signature line."""
    return len(text.split()) <= 10 and not text.rstrip().endswith((*_SENTENCE_END, ":"))


@dataclass(frozen=True)
class PassageFlags:
    confidential: frozenset[int]  # indexes into the document's passages
    injection: frozenset[int]

    def usable(self, index: int) -> bool:
        return index not in self.confidential and index not in self.injection


def flag_document(document: SourceDocument) -> PassageFlags:
    """Marked passages, and the passages of a section whose heading (or lead-in ending
    with a colon) carries the mark."""
    confidential: set[int] = set()
    injection: set[int] = set()
    in_marked_section = False
    for index, passage in enumerate(document.passages):
        text = passage.text
        marked = bool(CONFIDENTIAL.search(text))
        heading = is_heading(text)
        if heading and not marked:
            in_marked_section = False
        if marked or in_marked_section:
            confidential.add(index)
        if marked and (heading or text.rstrip().endswith(":")):
            in_marked_section = True
        if INJECTION.search(text):
            injection.add(index)
    return PassageFlags(frozenset(confidential), frozenset(injection))


def confidential_note(lang: Lang) -> str:
    return pick(
        lang,
        "Merket som forretningshemmelighet eller konfidensielt – teksten er holdt utenfor "
        "sammendraget",
        "Marked as a business secret or confidential – the text is kept out of the summary",
    )


def injection_note(lang: Lang) -> str:
    return pick(
        lang,
        "Teksten prøver å gi instruksjoner til en KI eller den som oppsummerer – ikke fulgt og "
        "ikke gjengitt",
        "The text tries to instruct an AI or the summariser – not followed and not reproduced",
    )


def flag_points(
    documents: list[SourceDocument], flags: list[PassageFlags], lang: Lang
) -> tuple[tuple[Point, ...], tuple[Point, ...]]:
    """One note per flagged passage, with its source; never the passage's text."""
    confidential: list[Point] = []
    injection: list[Point] = []
    for document, found in zip(documents, flags, strict=True):
        for index in sorted(found.confidential):
            ref = document.ref(document.passages[index])
            confidential.append(Point(confidential_note(lang), (ref,)))
        for index in sorted(found.injection):
            ref = document.ref(document.passages[index])
            injection.append(Point(injection_note(lang), (ref,)))
    return tuple(confidential), tuple(injection)


def passage_exists(document: SourceDocument, page: int | None, paragraph: int) -> Passage | None:
    return next((p for p in document.passages if p.page == page and p.paragraph == paragraph), None)
