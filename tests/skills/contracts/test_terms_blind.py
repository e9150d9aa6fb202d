"""The contract-terms extractor measured against the second held-out corpus
(contract_corpus_blind.py), scored with the first corpus's `score`:

    a hit     found and equal to the expected value;
    a miss    expected but not found (counted against recall, not a failure);
    wrong     found but different, or found where the documents say nothing: allowed
              only with a non-empty `checks` list, a confident wrong value fails the case.

One rule of the contract manager's is checked as well: a notice given in weeks or days
is rounded up to whole months, and a value that was rounded must say so ("rounded" among
its checks); a rounded value proposed without that check fails the case like any other
confident value that is not what the document says.

Measured blind, the extractor found 64 of the 80 values (80 %) and gave two confident
wrong values (options listed as "a) første opsjon …" / "b) andre opsjon …", and "two
optional extensions of 12 months each"). After the fixes that followed it finds 75, with
one more wrong value that carries a check; the corpus must stay at 90 % recall. The
per-case hits and misses are printed.
"""

from __future__ import annotations

import functools
import io
from typing import Any

import pytest
from pypdf import PdfReader

from tests.skills.contracts.contract_corpus import Case
from tests.skills.contracts.contract_corpus_blind import (
    B11,
    B11_NOTICE_LABEL,
    B11_PERIOD,
    B15,
    CASES,
    ROUNDED,
)
from tests.skills.contracts.test_terms_corpus import check_register_syntax, score

MIN_RECALL = 0.9


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


def _unflagged_rounding(case: Case, report: dict[str, Any]) -> list[str]:
    fields: dict[str, Any] = report.get("fields", {})
    problems = []
    for name in ROUNDED.get(case.id, ()):
        found = fields.get(name)
        if found is not None and "rounded" not in (found.get("checks") or []):
            problems.append(
                f"{case.id}: {name}: {found.get('value')!r} proposed for a notice in weeks/days "
                f"without the check 'rounded'; {_where(found)}"
            )
    return problems


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case: Case) -> None:
    report = _report(case.id)
    result = score(case, report)
    problems = [f"confident wrong value: {line}" for line in result.failures]
    problems += _unflagged_rounding(case, report)
    assert not problems, f"{case.id} ({case.covers}):\n  " + "\n  ".join(problems)


def test_recall_over_the_blind_corpus() -> None:
    scores = [score(case, _report(case.id)) for case in CASES]
    expected = sum(len(case.stated()) for case in CASES)
    hits = sum(len(s.hits) for s in scores)
    recall = hits / expected
    lines = []
    for s in scores:
        line = f"{s.case}: {len(s.hits)} hits, misses {s.misses or '-'}"
        for wrong in s.checked:
            line += f"\n      checked: {wrong}"
        for wrong in s.failures:
            line += f"\n      CONFIDENT WRONG: {wrong}"
        lines.append(line)
    summary = f"recall {hits}/{expected} = {recall:.2f}\n  " + "\n  ".join(lines)
    print(summary)
    assert recall >= MIN_RECALL, summary


# --- the corpus itself -------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_expected_values_are_in_register_syntax(case: Case) -> None:
    check_register_syntax(case)
    for name in ROUNDED.get(case.id, ()):
        assert case.expected[name] is not None, (case.id, name)


def test_case_ids_are_unique_and_files_are_named_as_signed_or_not() -> None:
    assert len({c.id for c in CASES}) == len(CASES) == 15
    for case in CASES:
        names = [name for name, _ in _files(case.id)]
        assert all(name.endswith((".docx", ".pdf")) for name in names), names
        assert any("signert" in n.lower() or "signed" in n.lower() for n in names), names


def test_pdf_key_terms_cells_wrap_as_intended() -> None:
    """Read with pypdf rather than the reader under test: the period's value cell ends
    its first line with "31. august" and puts "2027" alone on the next line, under the
    value column; the option-notice row wraps in both cells."""
    ((_name, data),) = _files(B11.id)
    (page,) = PdfReader(io.BytesIO(data)).pages
    found: list[tuple[float, float, str]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if text.strip():
            found.append((float(tm[5]), float(tm[4]), text.strip()))

    page.extract_text(visitor_text=visit)
    texts = [t for _, _, t in found]
    first = texts.index(B11_PERIOD.removesuffix(" 2027"))
    assert texts[first + 1] == "2027"
    assert found[first + 1][1] == found[first][1] > 200  # the value column
    assert found[first + 1][0] < found[first][0]  # the line below
    head = texts.index("Frist for skriftlig varsel om bruk av")
    assert f"{texts[head]} {texts[head + 2]}" == B11_NOTICE_LABEL
    assert texts[head + 1] == "Skriftlig, senest 3 måneder før utløpet av gjeldende"
    assert texts[head + 2 : head + 4] == ["opsjon", "avtaleperiode"]  # both cells wrap
    assert found[head + 2][0] == found[head + 3][0] < found[head][0]


def test_ssa_k_start_date_sits_in_a_date_picker_control() -> None:
    """The SSA-K's start date is in the document, inside a w:sdt date picker, as Word
    saves it; the corpus does not make it easier than that."""
    import docx

    ((_name, data),) = _files(B15.id)
    body = docx.Document(io.BytesIO(data)).element.body.xml
    assert 'w:fullDate="2025-10-01T00:00:00Z"' in body
    assert "<w:t>01.10.2025</w:t>" in body
