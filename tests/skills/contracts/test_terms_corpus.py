"""The contract-terms extractor measured against a corpus of realistic contracts.

Every case in contract_corpus.py holds the values a contract manager types into the
register, written by hand. For each field the extractor's answer is

    a hit     found and equal to the expected value;
    a miss    expected but not found (counted, not a failure of the case);
    wrong     found but different, or found where the contract says nothing: allowed
              only with a non-empty `checks` list (a person is told to look), a
              confident wrong value fails.

Each case also asserts what it exists for (`must`, `must_check`, `must_not`), the whole
corpus must reach 90 % recall, and the real CLI and the citations are checked on files.
"""

from __future__ import annotations

import functools
import io
import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from pypdf import PdfReader

from graph.localtenant.pdfwrite import MARGIN
from skills.documents.text import read_document
from tests.skills.contracts.contract_corpus import (
    C04,
    C04_AMENDMENT,
    C04_ORIGINAL,
    C09,
    C09_HEADER,
    CASES,
    FIELDS,
    Case,
)

ROOT = Path(__file__).resolve().parents[3]
HOWS = {"sentence", "table", "amendment", "derived"}
CHECKS = {
    *("conflict", "derived", "rounded", "signature", "unsigned_only"),
    *("end_before_start", "mixed_documents", "background"),
}
KINDS = {"contract", "amendment"}
SIGNED = ("signert", "signed")  # file names that count as signed
MIN_RECALL = 0.9

SYNTAX = {
    "start": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "slutt": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "varighet_mnd": re.compile(r"[1-9]\d*"),
    "opsjoner": re.compile(r"|[1-9]\d*(\+[1-9]\d*)*|[1-9]\d*m(\+[1-9]\d*m)*"),
    "opsjon_varsel_mnd": re.compile(r"[1-9]\d*"),
    "fornyes_automatisk": re.compile(r"ja|nei"),
    "oppsigelse_mnd": re.compile(r"[1-9]\d*"),
}


@functools.cache
def _files(case_id: str) -> tuple[tuple[str, bytes], ...]:
    return tuple(next(c for c in CASES if c.id == case_id).files())


@functools.cache
def _report(case_id: str) -> dict[str, Any]:
    from skills.contracts.terms_report import report_files

    return report_files(list(_files(case_id)))


def _where(found: dict[str, Any]) -> str:
    page = f" p{found.get('page')}" if found.get("page") else ""
    return (
        f"how={found.get('how')!r}, checks={found.get('checks')!r}, "
        f"quote={found.get('quote')!r} ({found.get('document')}{page} ¶{found.get('paragraph')})"
    )


@dataclass
class Score:
    case: str
    hits: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)  # wrong or unstated, with checks
    failures: list[str] = field(default_factory=list)  # wrong or unstated, no checks


def score(case: Case, report: dict[str, Any]) -> Score:
    result = Score(case.id)
    fields: dict[str, Any] = report.get("fields", {})
    for name in FIELDS:
        expected = case.expected[name]
        found = fields.get(name)
        if found is None:
            if expected is not None:
                result.misses.append(f"{name}={expected!r}")
            continue
        value = found.get("value")
        if expected is not None and value == expected:
            result.hits.append(name)
            continue
        said = "not stated" if expected is None else repr(expected)
        line = f"{case.id}: {name}: expected {said}, found {value!r}; {_where(found)}"
        (result.checked if found.get("checks") else result.failures).append(line)
    return result


def _shape_problems(case: Case, report: dict[str, Any]) -> list[str]:
    """The report's form as promised: documents in the order given, every value cited
    at a place that exists in the document, checks and `how` from the known lists."""
    problems: list[str] = []
    files = _files(case.id)
    names = [name for name, _ in files]
    documents = report.get("documents")
    if not isinstance(documents, list) or [d.get("name") for d in documents] != names:
        problems.append(f"documents {documents!r} do not list {names!r} in order")
    else:
        for document in documents:
            if document.get("kind") not in KINDS or not isinstance(document.get("signed"), bool):
                problems.append(f"document entry {document!r}")
            elif document["signed"] != any(w in document["name"].lower() for w in SIGNED):
                problems.append(f"{document['name']}: signed is {document['signed']}")
    if report.get("unread") != []:
        problems.append(f"unread {report.get('unread')!r}: every corpus file is readable")
    passages = {name: read_document(name, data).passages for name, data in files}
    for name, found in report.get("fields", {}).items():
        if name not in FIELDS:
            problems.append(f"unknown field {name!r}")
            continue
        value = found.get("value")
        if not isinstance(value, str) or not SYNTAX[name].fullmatch(value):
            problems.append(f"{name}: value {value!r} is not in register syntax")
        if found.get("how") not in HOWS:
            problems.append(f"{name}: how {found.get('how')!r}")
        checks = found.get("checks")
        if not isinstance(checks, list) or not set(checks) <= CHECKS:
            problems.append(f"{name}: checks {checks!r}")
        if not isinstance(found.get("quote"), str) or not found["quote"].strip():
            problems.append(f"{name}: no quote")
        if not isinstance(found.get("conflicts", []), list):
            problems.append(f"{name}: conflicts {found.get('conflicts')!r}")
        document = found.get("document")
        if document not in passages:
            problems.append(f"{name}: cited document {document!r} is not one of the files")
            continue
        place = (found.get("page"), found.get("paragraph"))
        if place not in {(p.page, p.paragraph) for p in passages[document]}:
            problems.append(f"{name}: cited place {place!r} is not a passage of {document}")
    return problems


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case: Case) -> None:
    report = _report(case.id)
    problems = _shape_problems(case, report)
    result = score(case, report)
    problems += [f"confident wrong value: {line}" for line in result.failures]
    fields: dict[str, Any] = report.get("fields", {})
    for name, value in case.must.items():
        found = fields.get(name)
        if found is None or found.get("value") != value:
            got = "nothing" if found is None else f"{found.get('value')!r}; {_where(found)}"
            problems.append(f"must: {name} = {value!r}, found {got}")
    for name, check in case.must_check.items():
        found = fields.get(name)
        if found is None or check not in (found.get("checks") or []):
            got = "nothing" if found is None else _where(found)
            problems.append(f"must: {name} carries the check {check!r}, found {got}")
    for name, value in case.must_not.items():
        found = fields.get(name)
        if found is not None and found.get("value") == value and not found.get("checks"):
            problems.append(f"must not: {name} = {value!r} without a check; {_where(found)}")
    for kind_index, kind in enumerate(case.kinds):
        documents = report.get("documents") or []
        is_kind = documents[kind_index].get("kind") if kind_index < len(documents) else None
        if is_kind != kind:
            problems.append(f"document {kind_index + 1} should be {kind!r}, is {is_kind!r}")
    assert not problems, f"{case.id} ({case.covers}):\n  " + "\n  ".join(problems)


def test_recall_over_the_corpus() -> None:
    scores = [score(case, _report(case.id)) for case in CASES]
    expected = sum(len(case.stated()) for case in CASES)
    hits = sum(len(s.hits) for s in scores)
    failures = [line for s in scores for line in s.failures]
    recall = hits / expected
    lines = [
        f"{s.case}: {len(s.hits)} hits, misses {s.misses or '-'}"
        + (f", checked {len(s.checked)}" if s.checked else "")
        for s in scores
    ]
    summary = f"recall {hits}/{expected} = {recall:.2f}\n  " + "\n  ".join(lines)
    assert not failures, "confident wrong values:\n  " + "\n  ".join(failures) + "\n" + summary
    assert recall >= MIN_RECALL, summary


# --- the corpus itself -------------------------------------------------------------------


def check_register_syntax(case: Case) -> None:
    """A case's expected values are what a register row can hold (shared by the corpora)."""
    assert tuple(case.expected) == FIELDS
    for name, value in case.stated().items():
        assert SYNTAX[name].fullmatch(value), (case.id, name, value)
        if name in ("start", "slutt"):
            date.fromisoformat(value)
    start, end = case.expected["start"], case.expected["slutt"]
    if start and end:
        assert start < end, case.id


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_expected_values_are_in_register_syntax(case: Case) -> None:
    check_register_syntax(case)


def test_corpus_files_read_back_as_written() -> None:
    """Every file opens, and the phrases a case rests on come back inside one passage
    (table rows with their cells, PDF rows with label and value, æøå intact)."""
    missing = []
    for case in CASES:
        texts = [
            p.text for name, data in _files(case.id) for p in read_document(name, data).passages
        ]
        # A PDF row is read as a table row too, its cells joined by " | " as in a .docx.
        texts += [t.replace(" | ", " ") for t in texts]
        missing += [
            f"{case.id}: {phrase!r}" for phrase in case.reads if not any(phrase in t for t in texts)
        ]
    assert not missing


def test_pdf_page_break_falls_after_til_og_med() -> None:
    """The layout itself, read with pypdf rather than the reader under test: page 1's last
    line is "… til og med" on the last line the page has room for, page 2 goes on with
    "31. desember 2027.", and every page has the running header and its footer."""
    ((name, data),) = _files(C09.id)
    pages = PdfReader(io.BytesIO(data)).pages
    assert len(pages) == 3
    lines: list[list[tuple[float, str]]] = []
    for page in pages:
        found: list[tuple[float, str]] = []

        def visit(text: str, cm: Any, tm: Any, font: Any, size: float, out: Any = found) -> None:
            if text.strip():
                out.append((float(tm[5]), text.strip()))

        page.extract_text(visitor_text=visit)
        lines.append(found)
    for number, page_lines in enumerate(lines, start=1):
        assert page_lines[0][1] == C09_HEADER, name
        assert page_lines[-1][1] == f"Side {number} av 3", name
    last_y, last = lines[0][-2]
    assert last.endswith("gjelder fra og med 1. mars 2025 til og med"), last
    assert MARGIN <= last_y < MARGIN + 14.0, last_y  # no room for another line
    assert lines[1][1][1].startswith("31. desember 2027."), lines[1][1]


# --- the CLI and the citations --------------------------------------------------------------


@pytest.mark.integration  # starts the CLI as its own process
def test_cli_reads_a_docx_and_a_pdf(tmp_path: Path) -> None:
    paths = []
    for name, data in _files(C04.id):
        path = tmp_path / name
        path.write_bytes(data)
        paths.append(path)
    args = [sys.executable, "-m", "skills.contracts", "terms"]
    for path in paths:
        args += ["--file", str(path)]
    done = subprocess.run(
        [*args, "--json"], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert [d["name"] for d in report["documents"]] == [C04_ORIGINAL, C04_AMENDMENT]
    assert [d["kind"] for d in report["documents"]] == ["contract", "amendment"]
    assert all(d["signed"] for d in report["documents"])
    fields = report["fields"]
    assert fields["slutt"]["value"] == "2027-02-28"
    notice = fields["oppsigelse_mnd"]
    assert notice["value"] == "6"
    assert notice["document"] == C04_ORIGINAL and notice["page"] == 1
    assert "6 måneders" in notice["quote"]
    for name, found in fields.items():
        assert found["quote"].strip(), name
        assert "page" in found, name
        assert isinstance(found["paragraph"], int) and found["paragraph"] >= 1, name


def test_citations_follow_reading_order() -> None:
    """Paragraphs, a table, paragraphs: a value found after the table is cited with a
    larger paragraph number than the table row, the number read_document gives."""
    document = docx.Document()
    document.add_heading("Avtale om vaktmestertjenester", 0)
    document.add_heading("1. Avtalens parter", 1)
    document.add_paragraph("Kunden: Bergen kommune, org.nr. 964 338 531")
    document.add_paragraph("Leverandøren: Vaktmester Vest AS, org.nr. 935 308 291")
    document.add_heading("2. Nøkkelinformasjon", 1)
    table = document.add_table(rows=0, cols=2)
    for label, value in (
        ("Oppstart", "01.03.2025"),
        ("Varighet", "24 måneder"),
        ("Betaling", "30 dager"),
    ):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    document.add_heading("3. Oppsigelse", 1)
    document.add_paragraph("Tjenesten utføres på hverdager mellom kl. 07.00 og 15.00.")
    document.add_paragraph("Kunden kan si opp avtalen med 3 måneders skriftlig varsel.")
    buffer = io.BytesIO()
    document.save(buffer)
    name = "Avtale vaktmester signert.docx"
    data = buffer.getvalue()
    passages = read_document(name, data).passages
    row = next(p.paragraph for p in passages if p.text == "Oppstart | 01.03.2025")
    sentence = next(p.paragraph for p in passages if "si opp avtalen" in p.text)

    from skills.contracts.terms_report import report_files

    fields = report_files([(name, data)])["fields"]
    assert fields["start"]["value"] == "2025-03-01"
    assert fields["start"]["paragraph"] == row
    assert fields["oppsigelse_mnd"]["value"] == "3"
    assert fields["oppsigelse_mnd"]["paragraph"] == sentence
    assert sentence > row
