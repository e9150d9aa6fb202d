"""Sentences and answer sections out of supplier passages, with the cues the rules look for.

All matching is on stems from the Norwegian stemmer, so "delkontrakter" in a question
meets "delkontrakt" in an answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from skills.search.norwegian import terms
from skills.supplier_input.flags import is_heading
from skills.supplier_input.model import SourceDocument, SourceRef

_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅÄÖ0-9«\"(])")
_NUMBERED = re.compile(r"^\s*(\d{1,2})\s*[.)]\s*([^:.!?]{2,60}?)\s*(?::\s*|$)")
_MONTHS = "januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember"
# An answer numbered without a label: "1. Vi anbefaler ...", "2) Fastpris ...",
# "Spørsmål 3: ..."; a date ("1. januar 2027 ...") is not a number.
_ANSWER_NUMBER = re.compile(
    r"^\s*(?:(?:til\s+|svar\s+på\s+)?(?:spørsmål|spm\.?|question|q)\s*(\d{1,2})"
    r"(?:\s*\([^)]{1,40}\))?\s*[:.)\-–]|(\d{1,2})\s*[.)])\s*"
    rf"(?!(?:{_MONTHS})\b)(?=\S)",
    re.IGNORECASE,
)
_BOILERPLATE = re.compile(
    r"^(hei|hello|dear|med vennlig hilsen|vennlig hilsen|mvh|best regards|kind regards)\b|"
    r"org\.?\s*nr|@|^side \d+ av \d+$|^page \d+ of \d+$",
    re.IGNORECASE,
)
SUGGESTION_CUES = re.compile(
    r"\b(foreslår|anbefaler|bør|ber\s+(?:sterkt\s+)?om|ønsker|støtter|går inn for|"
    r"foretrekker|må|suggest\w*|recommend\w*|should|propose\w*|prefer\w*)\b",
    re.IGNORECASE,
)
CONCERN_CUES = re.compile(
    r"\b(risiko\w*|urealistisk|urimelig|utelukke\w*|utestenge\w*|for strengt|kostbart|"
    r"øke prisene|høyere priser|risikopåslag|vanskelig\w*|smalt utvalg|bekymr\w*|"
    r"i praksis bare|svingt|risk\w*|concern\w*|unrealistic|exclude\w*)\b",
    re.IGNORECASE,
)
PRICE_CUES = re.compile(
    r"\b(pris\w*|rabatt\w*|listepris\w*|indeks\w*|kostnad\w*|kroner|kr|nok|price\w*|"
    r"pricing|cost\w*|discount\w*)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Sentence:
    text: str
    ref: SourceRef
    position: int  # order within the supplier's documents, for stable output

    @cached_property
    def stems(self) -> frozenset[str]:
        return frozenset(terms(self.text))


@dataclass(frozen=True)
class Section:
    """What a supplier wrote under a numbered heading or after a numbered lead-in."""

    number: int
    label: str
    parts: tuple[tuple[str, SourceRef], ...]


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SPLIT.split(text) if s.strip()]


def strip_number(text: str) -> str:
    """`1. Delkontrakter: Vi anbefaler ...` and `Spørsmål 1: Vi anbefaler ...` ->
    `Vi anbefaler ...`."""
    match = _NUMBERED.match(text)
    # "1. Delkontrakter: …" has a label; "1. Vi anbefaler …: …" is an answer with a colon.
    if match and match.end() < len(text) and len(match.group(2).split()) <= 4:
        return text[match.end() :].strip()
    answer = _ANSWER_NUMBER.match(text)
    if answer and not is_heading(text):
        return text[answer.end() :].strip()
    return text


def answer_number(text: str) -> int | None:
    """The question number a passage starts with, label or not."""
    match = _NUMBERED.match(text) or _ANSWER_NUMBER.match(text)
    if match is None:
        return None
    return int(next(group for group in match.groups() if group and group.isdigit()))


def is_boilerplate(text: str) -> bool:
    """Greetings, signatures, contact lines and page footers."""
    return bool(_BOILERPLATE.search(text))


def is_content(text: str) -> bool:
    return not is_heading(text) and not _BOILERPLATE.search(text) and len(text.split()) >= 4


def supplier_sentences(documents: list[SourceDocument], usable: list[list[bool]]) -> list[Sentence]:
    """The content sentences of usable passages, the numbering in front of an answer removed."""
    found: list[Sentence] = []
    for document, keep in zip(documents, usable, strict=True):
        for passage, ok in zip(document.passages, keep, strict=True):
            if not ok or not is_content(passage.text):
                continue
            for text in sentences(strip_number(passage.text)):
                if len(text.split()) >= 4 and not _BOILERPLATE.search(text):
                    found.append(Sentence(text, document.ref(passage), len(found)))
    return found


def numbered_sections(documents: list[SourceDocument], usable: list[list[bool]]) -> list[Section]:
    """Answers the supplier numbered: `3. Prismodell: ...` or `3. Vi anbefaler ...` (no
    label) in one passage, or a heading `3. Prismodell` followed by the passages up to the
    next heading."""
    found: list[Section] = []
    for document, keep in zip(documents, usable, strict=True):
        current: tuple[int, str, list[tuple[str, SourceRef]]] | None = None
        for passage, ok in zip(document.passages, keep, strict=True):
            text = passage.text
            match = _NUMBERED.match(text)
            heading = is_heading(text)
            if match and heading:
                if current:
                    found.append(Section(current[0], current[1], tuple(current[2])))
                current = (int(match.group(1)), match.group(2), [])
                continue
            if heading:
                if current:
                    found.append(Section(current[0], current[1], tuple(current[2])))
                current = None
                continue
            if match and match.end() < len(text):
                if current:
                    found.append(Section(current[0], current[1], tuple(current[2])))
                    current = None
                if ok:
                    part = ((strip_number(text), document.ref(passage)),)
                    found.append(Section(int(match.group(1)), match.group(2), part))
                continue
            number = answer_number(text)
            if number is not None and not heading:
                if current:
                    found.append(Section(current[0], current[1], tuple(current[2])))
                    current = None
                if ok:
                    found.append(
                        Section(number, "", ((strip_number(text), document.ref(passage)),))
                    )
                continue
            if current and ok and is_content(text):
                current[2].append((text, document.ref(passage)))
        if current:
            found.append(Section(current[0], current[1], tuple(current[2])))
    return [s for s in found if s.parts]
