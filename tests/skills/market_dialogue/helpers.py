"""Shared test helpers: the example brief and reading a .docx back."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from docx import Document

from skills.contracts.calendar import is_working_day

EXAMPLE_BRIEF = Path(__file__).parents[3] / "examples" / "markedsdialog-brief.json"
SECTIONS = [
    "Bakgrunn",
    "Behov og formål",
    "Hva vi ønsker innspill på",
    "Dialogformer og program",
    "Tidsplan",
    "Påmelding",
    "Praktisk informasjon",
    "Likebehandling og informasjonsdeling",
    "Forretningshemmeligheter og innsyn",
    "Kontakt",
]


def example_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXAMPLE_BRIEF.read_text(encoding="utf-8"))
    data.update(changes)
    return data


def sections(docx: bytes) -> dict[str, str]:
    """Heading 1 -> the text under it (paragraphs joined by newlines)."""
    doc = Document(io.BytesIO(docx))
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for paragraph in doc.paragraphs:
        if paragraph.style is not None and paragraph.style.name == "Heading 1":
            current = found.setdefault(paragraph.text, [])
        elif current is not None and paragraph.text:
            current.append(paragraph.text)
    return {heading: "\n".join(lines) for heading, lines in found.items()}


def headings(docx: bytes) -> list[str]:
    doc = Document(io.BytesIO(docx))
    return [p.text for p in doc.paragraphs if p.style is not None and p.style.name == "Heading 1"]


def schedule_rows(docx: bytes) -> list[tuple[str, str, str]]:
    table = Document(io.BytesIO(docx)).tables[0]
    rows = [tuple(cell.text for cell in row.cells) for row in table.rows]
    assert rows[0] == ("Aktivitet", "Dato", "Ukedag")
    return [(r[0], r[1], r[2]) for r in rows[1:]]


def all_text(docx: bytes) -> str:
    doc = Document(io.BytesIO(docx))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def dates_in(text: str) -> list[date]:
    return [
        date(int(y), int(m), int(d)) for d, m, y in re.findall(r"\b(\d{2})\.(\d{2})\.(\d{4})", text)
    ]


def assert_working_days_in_order(days: list[date], today: date) -> None:
    assert days, "no dates"
    assert all(is_working_day(d) for d in days), days
    assert days == sorted(days) and days[0] >= today
