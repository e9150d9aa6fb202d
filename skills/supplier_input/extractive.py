"""The deterministic engine: what each supplier said, picked from their own sentences.

Each supplier is summarised from its own documents only (no statistics across suppliers),
so one supplier's text can never change another supplier's summary. Every point is a
sentence (or an answer section) taken verbatim, so its source is exact.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import UTC, datetime

from skills.i18n import Lang
from skills.search.norwegian import terms
from skills.supplier_input.bm25 import bm25_scores
from skills.supplier_input.flags import PassageFlags, flag_document, flag_points
from skills.supplier_input.model import (
    SUGGESTION_CATEGORIES,
    Answer,
    Point,
    SourceDocument,
    SourceRef,
    SupplierSummary,
)
from skills.supplier_input.sections import (
    Section,
    answer_sections,
    invitation_passages,
    without_invitation_cells,
)
from skills.supplier_input.suppliers import Identity
from skills.supplier_input.text_units import (
    CONCERN_CUES,
    PRICE_CUES,
    SUGGESTION_CUES,
    Sentence,
    supplier_sentences,
)
from skills.supplier_input.themes import THEMES

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
SUMMARY_SENTENCES = 3
MAX_CONCERNS = 4
MAX_PER_CATEGORY = 3
MAX_ANSWER_PARTS = 3

# Question words and filler that say nothing about what a question is about.
_QUESTION_WORDS = frozenset(
    terms(
        "bør hvilke hvilken hvordan hva er eller for eksempel særlig ved og realistiske "
        "hensiktsmessig vi dere what which how should would could please"
    )
)
# Verbs a question asks with; sharing only these with a sentence is no sign of an answer.
_WEAK_STEMS = frozenset(terms("anbefaler foreslår mener ønsker synes tenker vurderer ser tror"))
_CATEGORY_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("lots", re.compile(r"delkontrakt|produktgrupp|geografisk|\blots?\b", re.IGNORECASE)),
    (
        "sustainability",
        re.compile(
            r"ombruk|miljø|svanemerk|möbelfakta|reservedel|repar|klima|emballasje|sirkulær|"
            r"sustainab|reuse|environment",
            re.IGNORECASE,
        ),
    ),
    ("pricing", PRICE_CUES),
    (
        "contract_terms",
        re.compile(
            r"dagmulkt|varighet|opsjon|\d\s*\+\s*\d|avtaleperiode|reklamasjon|garanti|utgåtte|"
            r"avrop|leveringstid|duration|option|warranty|penalt",
            re.IGNORECASE,
        ),
    ),
    (
        "requirements",
        re.compile(r"krav|dokument|sertifi|NS-EN|standard|requirement|montør|opplæring", re.I),
    ),
)
_DOMAIN = re.compile("|".join(rule.pattern.pattern for rule in THEMES), re.IGNORECASE)


@dataclass(frozen=True)
class SupplierInput:
    """One supplier's documents with the rule flags on each passage."""

    identity: Identity
    documents: tuple[SourceDocument, ...]
    flags: tuple[PassageFlags, ...]

    @classmethod
    def of(cls, identity: Identity, documents: Sequence[SourceDocument]) -> SupplierInput:
        """Documents in the order they were sent (files without a date keep their place
        after the mails), so a later correction comes after what it corrects."""
        ordered = [
            d
            for _, d in sorted(
                enumerate(documents),
                key=lambda pair: (pair[1].sent is None, pair[1].sent or _EPOCH, pair[0]),
            )
        ]
        return cls(identity, tuple(ordered), tuple(flag_document(d) for d in ordered))

    def usable(self, questions: Sequence[str] = ()) -> list[list[bool]]:
        """Passages that may be summarised: not flagged, and not the invitation's own
        questions copied into the answer."""
        copied = invitation_passages(self.documents, questions)
        return [
            [found.usable(i) and not copied[d][i] for i in range(len(document.passages))]
            for d, (document, found) in enumerate(zip(self.documents, self.flags, strict=True))
        ]

    def sentences(self, questions: Sequence[str] = ()) -> list[Sentence]:
        """The supplier's own sentences: template rows without the invitation's cells."""
        own = without_invitation_cells(self.documents, questions)
        return supplier_sentences(own, self.usable(questions))

    def sources(self) -> tuple[SourceRef, ...]:
        return tuple(SourceRef(d.name, d.url, d.passages[0].page, 1) for d in self.documents)


def question_label(question: str) -> str:
    head, sep, _ = question.partition(":")
    return head if sep and len(head) <= 60 else ""


def _content_stems(text: str) -> set[str]:
    return {t for t in terms(text) if t not in _QUESTION_WORDS and len(t) > 2}


def overlap_needed(question_stems: set[str]) -> int:
    """Shared content words an unlabelled sentence needs to answer a question: a short
    question ("Hvilken prismodell anbefaler dere?") has few words to share, so one is
    enough; a longer one needs two, so one common word is not enough (measured with
    `python -m bench.supplier_dialogue`: three lost answers and invented none fewer)."""
    count = len(question_stems)
    return 1 if count <= 2 else 2


def _strong(stems: AbstractSet[str]) -> bool:
    return any(len(stem) >= 5 and stem not in _WEAK_STEMS for stem in stems)


def _point(sentence: Sentence) -> Point:
    return Point(sentence.text, (sentence.ref,))


def _score(sentence: Sentence, question_stems: set[str]) -> float:
    score = float(len(_DOMAIN.findall(sentence.text)))
    score += 1.5 if SUGGESTION_CUES.search(sentence.text) else 0.0
    score += 1.0 if CONCERN_CUES.search(sentence.text) else 0.0
    score += 0.5 * len(sentence.stems & question_stems)
    return score - 0.02 * sentence.position


def rank_summary(found: Sequence[Sentence], questions: Sequence[str]) -> tuple[Point, ...]:
    stems: set[str] = set()
    for question in questions:
        stems |= _content_stems(question)
    ranked = sorted(found, key=lambda s: (-_score(s, stems), s.position))
    chosen = sorted(ranked[:SUMMARY_SENTENCES], key=lambda s: s.position)
    return tuple(_point(s) for s in chosen)


def answer_question(
    number: int, question: str, sections: Sequence[Section], found: Sequence[Sentence]
) -> Answer:
    """The supplier's labelled answer to question `number`; where the supplier labelled
    none, the sentences BM25 ranks best for the question, provided they share enough of
    its content words (else None: an unanswered question gets no invented answer). A
    template cell left blank under the question is unanswered, whatever else matches."""
    parts: list[tuple[str, SourceRef]] = []
    blank = False
    for section in sections:
        if number in section.numbers:
            parts.extend(section.parts)
            blank = blank or section.blank
    if parts:
        parts = parts[:MAX_ANSWER_PARTS]
        text = " ".join(text for text, _ in parts)
        return Answer(question, Point(text, tuple(dict.fromkeys(ref for _, ref in parts))))
    if blank:
        return Answer(question, None)
    label = question_label(question)
    stems = _content_stems(question)
    label_stems = _content_stems(label)
    needed = overlap_needed(stems)
    candidates = []
    for sentence in found:
        overlap = sentence.stems & stems
        score = len(overlap) + len(sentence.stems & label_stems)
        if score >= needed and overlap and (needed > 1 or _strong(overlap)):
            candidates.append(sentence)
    if not candidates:
        return Answer(question, None)
    ranks = bm25_scores(question, [s.text for s in found])
    by_text = {id(s): r for s, r in zip(found, ranks, strict=True)}
    candidates.sort(key=lambda s: (-by_text[id(s)], s.position))
    chosen = sorted(candidates[:2], key=lambda s: s.position)
    text = " ".join(s.text for s in chosen)
    refs = tuple(dict.fromkeys(s.ref for s in chosen))
    return Answer(question, Point(text, refs), matched_by="content")


def classify_suggestion(text: str) -> str | None:
    for category, pattern in _CATEGORY_PATTERNS:
        if pattern.search(text):
            return category
    return None


def suggestions_of(found: Sequence[Sentence]) -> dict[str, tuple[Point, ...]]:
    buckets: dict[str, list[Point]] = {key: [] for key in SUGGESTION_CATEGORIES}
    for sentence in found:
        category = classify_suggestion(sentence.text)
        if category is None:
            continue
        is_price = category == "pricing" and PRICE_CUES.search(sentence.text)
        if SUGGESTION_CUES.search(sentence.text) or is_price:
            bucket = buckets[category]
            if len(bucket) < MAX_PER_CATEGORY:
                bucket.append(_point(sentence))
    return {key: tuple(points) for key, points in buckets.items()}


def concerns_of(found: Sequence[Sentence]) -> tuple[Point, ...]:
    return tuple(_point(s) for s in found if CONCERN_CUES.search(s.text))[:MAX_CONCERNS]


_CORRECTION = re.compile(
    r"\b(korriger\w*|oppdatert\w* svar|oppdaterte? innspill|erstatt\w*|rettelse\w*|retting|"
    r"endret svar|nytt svar|corrected|correction\w*|updated (?:answer|response|input)|"
    r"replac\w*|revised)\b",
    re.IGNORECASE,
)


def corrects(documents: Sequence[SourceDocument]) -> bool:
    """A mail (with its attachments) that says it corrects or replaces an earlier answer,
    in its name or first lines."""
    for document in documents:
        head = " ".join(p.text for p in document.passages[:3])
        if any(_CORRECTION.search(t) for t in (document.name, document.subject, head)):
            return True
    return False


def current_sections(
    documents: Sequence[SourceDocument], sections: Sequence[Section]
) -> tuple[list[Section], list[tuple[str, str]]]:
    """Sections left when a correcting mail's answers replace earlier ones to the same
    questions, and (new document, replaced document) for each replacement."""
    groups: dict[str, list[SourceDocument]] = {}
    for document in documents:
        groups.setdefault(document.group or document.name, []).append(document)
    order = {d.name: i for i, d in enumerate(documents)}
    correcting = {d.name for docs in groups.values() if corrects(docs) for d in docs}
    kept = list(sections)
    replaced: list[tuple[str, str]] = []
    for section in sections:
        source = section.parts[0][1].document if section.parts else ""
        if source not in correcting:
            continue
        for other in list(kept):
            earlier = other.parts[0][1].document if other.parts else ""
            if (
                other is not section
                and earlier
                and order.get(earlier, 0) < order[source]
                and other.numbers & section.numbers
            ):
                kept.remove(other)
                if (source, earlier) not in replaced:
                    replaced.append((source, earlier))
    return kept, replaced


def summarize_supplier(
    supplier: SupplierInput, questions: Sequence[str], lang: Lang
) -> SupplierSummary:
    usable = supplier.usable(questions)
    found = supplier.sentences(questions)
    every = answer_sections(list(supplier.documents), usable, questions)
    sections, superseded = current_sections(supplier.documents, every)
    # What a correction replaced is not the supplier's view any more, anywhere.
    replaced = {ref for section in every if section not in sections for _, ref in section.parts}
    found = [s for s in found if s.ref not in replaced]
    answers = tuple(
        answer_question(n, q, sections, found) for n, q in enumerate(questions, start=1)
    )
    confidential, injection = flag_points(list(supplier.documents), list(supplier.flags), lang)
    suggestions: Mapping[str, tuple[Point, ...]] = suggestions_of(found)
    return SupplierSummary(
        name=supplier.identity.name,
        org_nr=supplier.identity.org_nr,
        summary=rank_summary(found, questions),
        answers=answers,
        concerns=concerns_of(found),
        suggestions=suggestions,
        confidential=confidential,
        injection_flags=injection,
        sources=supplier.sources(),
        members=supplier.identity.members,
        superseded=tuple(superseded),
    )
