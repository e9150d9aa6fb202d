"""The shapes of a supplier-input summary, shared by the engines, the report, the CLI and Teams.

Every point carries the places it came from (`SourceRef`), because the officers must be
able to check each point against the supplier's own words before they use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

from skills.documents.text import Passage
from skills.i18n import Lang, tr

SUGGESTION_CATEGORIES = ("requirements", "lots", "contract_terms", "pricing", "sustainability")


# Characters kept as they are in a link; a space or a bracket is percent-encoded, so the
# address survives markdown on a card and a hyperlink in a workbook.
LINK_SAFE = ":/?#@!$&'*+,;=%~"


def link_address(url: str) -> str:
    return quote(url, safe=LINK_SAFE) if url.startswith(("https://", "file://")) else url


@dataclass(frozen=True)
class SourceRef:
    document: str
    url: str
    page: int | None
    paragraph: int
    ocr: bool = False  # read by OCR from a scanned page: worth checking against the scan

    def label(self, lang: Lang = "nb") -> str:
        """`Innspill.pdf, s. 2, avsn. 3` in Norwegian, `Innspill.pdf, p. 2, para. 3` in
        English; `, lest med OCR` / `, read by OCR` after a scanned page."""
        parts = [self.document]
        if self.page is not None:
            parts.append(tr(lang, "p. {page}", page=self.page))
        parts.append(tr(lang, "para. {paragraph}", paragraph=self.paragraph))
        if self.ocr:
            parts.append(tr(lang, "read by OCR"))
        return ", ".join(parts)

    def as_json(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "url": self.url,
            "page": self.page,
            "paragraph": self.paragraph,
            "label": self.label(),
            "ocr": self.ocr,
        }


@dataclass(frozen=True)
class SourceDocument:
    name: str
    url: str
    passages: tuple[Passage, ...]
    sender: str = ""
    origin: str = "file"
    group: str = ""
    # When the mail it came in was sent (None for files): a later correction wins.
    sent: datetime | None = None
    subject: str = ""  # the subject of the mail it came in

    def ref(self, passage: Passage) -> SourceRef:
        return SourceRef(
            self.name, self.url, passage.page, passage.paragraph, passage.kind == "ocr"
        )


@dataclass(frozen=True)
class NotRead:
    file: str
    reason: str


@dataclass(frozen=True)
class Point:
    text: str
    sources: tuple[SourceRef, ...]

    def as_json(self) -> dict[str, Any]:
        return {"text": self.text, "sources": [s.as_json() for s in self.sources]}


@dataclass(frozen=True)
class Answer:
    question: str
    answer: Point | None
    # "label": the supplier said which question this answers; "content": no label was
    # found and the supplier's own sentences closest to the question were chosen.
    matched_by: str = "label"

    def as_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.answer.text if self.answer else None,
            "sources": [s.as_json() for s in self.answer.sources] if self.answer else [],
            "matched_by": self.matched_by if self.answer else None,
        }


@dataclass(frozen=True)
class SupplierSummary:
    name: str
    org_nr: str
    summary: tuple[Point, ...]
    answers: tuple[Answer, ...]
    concerns: tuple[Point, ...]
    suggestions: Mapping[str, tuple[Point, ...]]
    confidential: tuple[Point, ...]
    injection_flags: tuple[Point, ...]
    sources: tuple[SourceRef, ...]
    # A consortium's other members, (name, org. no.).
    members: tuple[tuple[str, str], ...] = ()
    # (the later document, the document whose answers it replaced).
    superseded: tuple[tuple[str, str], ...] = ()
    # Why this supplier was summarised by the rules although a model is configured.
    engine_note: str = ""

    def shared_points(self) -> list[Point]:
        """Every point whose text may be shown to the whole team (not the flags)."""
        points = [*self.summary, *self.concerns]
        points += [a.answer for a in self.answers if a.answer]
        for items in self.suggestions.values():
            points += items
        return points

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "org_nr": self.org_nr,
            "summary": [p.as_json() for p in self.summary],
            "answers": [a.as_json() for a in self.answers],
            "concerns": [p.as_json() for p in self.concerns],
            "suggestions": {
                key: [p.as_json() for p in self.suggestions.get(key, ())]
                for key in SUGGESTION_CATEGORIES
            },
            "confidential": [p.as_json() for p in self.confidential],
            "injection_flags": [p.as_json() for p in self.injection_flags],
            "sources": [s.as_json() for s in self.sources],
            "members": [{"name": n, "org_nr": o} for n, o in self.members],
            "superseded": [{"document": new, "replaces": old} for new, old in self.superseded],
            "engine_note": self.engine_note,
        }


@dataclass(frozen=True)
class Stance:
    """How many suppliers favour one option of a theme, each with where they said it."""

    position: str
    holders: tuple[tuple[str, SourceRef], ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "position": self.position,
            "count": len(self.holders),
            "suppliers": [name for name, _ in self.holders],
            "sources": [ref.as_json() for _, ref in self.holders],
        }


@dataclass(frozen=True)
class Theme:
    theme: str
    suppliers: tuple[str, ...]
    sources: tuple[SourceRef, ...]
    agree: tuple[str, ...] = ()
    differ: tuple[str, ...] = ()
    stances: tuple[Stance, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "theme": self.theme,
            "suppliers": list(self.suppliers),
            "sources": [s.as_json() for s in self.sources],
            "agree": list(self.agree),
            "differ": list(self.differ),
            "stances": [s.as_json() for s in self.stances],
        }


@dataclass(frozen=True)
class InputSummary:
    suppliers: tuple[SupplierSummary, ...]
    themes: tuple[Theme, ...]
    implications: tuple[str, ...]
    follow_up: tuple[str, ...]
    not_read: tuple[NotRead, ...]
    dropped_points: int = 0

    def shared_texts(self) -> list[str]:
        """All text meant for the whole team: what must never hold a marked secret."""
        texts = [p.text for s in self.suppliers for p in s.shared_points()]
        for theme in self.themes:
            texts += [theme.theme, *theme.agree, *theme.differ]
        return texts + list(self.implications) + list(self.follow_up)

    def as_json(self) -> dict[str, Any]:
        return {
            "suppliers": [s.as_json() for s in self.suppliers],
            "themes": [t.as_json() for t in self.themes],
            "implications": list(self.implications),
            "follow_up": list(self.follow_up),
            "not_read": [{"file": n.file, "reason": n.reason} for n in self.not_read],
            "dropped_points": self.dropped_points,
        }
