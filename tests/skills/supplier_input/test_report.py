"""The .docx report: disclaimer first, points with linked sources, flags without the text."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from docx import Document

from skills.i18n import Lang
from skills.supplier_input.report import render_report
from skills.supplier_input.sources import load_folder
from skills.supplier_input.summarize import summarize_input
from tests.skills.supplier_input.files import supplier_folder

QUESTIONS = ["Delkontrakter: Hvordan bør avtalen deles?", "Garanti: Hvilken garantitid?"]


async def _report(tmp_path: Path, lang: Lang) -> tuple[str, list[str]]:
    documents, not_read = load_folder(supplier_folder(tmp_path))
    summary = await summarize_input(documents, QUESTIONS, not_read=not_read)
    data = render_report(summary, "Innspill 2026-014 Skolemøbler", date(2026, 3, 2), lang)
    doc = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in doc.paragraphs)
    links = [rel.target_ref for rel in doc.part.rels.values() if rel.reltype.endswith("/hyperlink")]
    return text, links


async def test_bokmal_report(tmp_path: Path) -> None:
    text, links = await _report(tmp_path, "nb")
    lines = text.split("\n")
    assert lines[2].startswith("Dette er et hjelpemiddel for saksbehandlernes egen vurdering")
    assert "ikke en evaluering" in lines[2]
    for heading in ("Oversikt", "Stol og Bord AS (org.nr. 974760673)", "Svar på spørsmålene"):
        assert heading in lines
    assert "Ikke besvart" in lines
    assert "Merket som konfidensielt" in lines and "11 prosent" not in text
    assert "Forsøk på å styre KI" in lines and "høyest score" not in text
    assert "skadet.pdf: filen er skadet og kan ikke åpnes" in lines
    assert any(link.startswith("file://") and link.endswith(".docx") for link in links)
    assert "kilde: " in text and "Innspill Stol og Bord.docx, avsn. " in text


async def test_english_report(tmp_path: Path) -> None:
    text, _ = await _report(tmp_path, "en")
    assert "This is support for the officers' own assessment, not an evaluation" in text
    assert "Not answered" in text and "Files not read" in text
