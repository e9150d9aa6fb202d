"""Which document speaks for a field, and how found terms compare with the register."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from skills.contracts.model import Contract
from skills.contracts.terms import Evidence, Finding, TermProposal
from skills.contracts.terms_review import (
    DocumentTerms,
    check_values,
    choose_findings,
    review_rows,
    stale_fields,
)


def doc(name: str, signed: bool, day: int, **values: str) -> DocumentTerms:
    findings = tuple(
        Finding(field, value, Evidence(f"{field} in {name}", 1, 1, name))
        for field, value in values.items()
    )
    return DocumentTerms(name, datetime(2025, 1, day, tzinfo=UTC), signed, TermProposal(findings))


def contract(**changes: object) -> Contract:
    base = Contract(
        "2025-017", "IKT", "Drift AS", "", "a@x.no", "IKT", True, date(2025, 3, 1),
        date(2027, 2, 28), (12, 12),
    )  # fmt: skip
    return replace(base, **changes)  # type: ignore[arg-type]


def test_signed_beats_newer_and_a_docx_saying_the_same_is_quoted() -> None:
    documents = [
        doc("Utkast.docx", False, 20, opsjoner="2", oppsigelse_mnd="3"),
        doc("Avtale (signert).pdf", True, 5, opsjoner="1+1", oppsigelse_mnd="3"),
        doc("Avtale.docx", False, 10, opsjoner="1+1"),
    ]
    chosen = choose_findings(documents)
    assert chosen["opsjoner"].finding.value == "1+1"
    assert chosen["opsjoner"].finding.evidence.document == "Avtale.docx"
    assert [(c.document, c.value) for c in chosen["opsjoner"].conflicts] == [("Utkast.docx", "2")]
    assert chosen["opsjoner"].finding.checks == ("conflict",)
    assert chosen["oppsigelse_mnd"].finding.evidence.document == "Utkast.docx"
    assert chosen["oppsigelse_mnd"].conflicts == ()
    assert chosen["oppsigelse_mnd"].finding.checks == ()


def test_used_options_in_the_register_are_not_a_change() -> None:
    chosen = choose_findings([doc("A.docx", True, 1, slutt="2027-02-28", opsjoner="1+1")])
    after_one = contract(period_end=date(2028, 2, 28), options_months=(12,))
    found = {r.field: r for r in review_rows(after_one, chosen)}
    assert not found["slutt"].changed and not found["opsjoner"].changed
    assert found["opsjoner"].note == "options_used:1"
    wrong = contract(period_end=date(2028, 2, 28), options_months=())
    found = {r.field: r for r in review_rows(wrong, chosen)}
    assert found["slutt"].changed and found["opsjoner"].changed


def test_end_is_derived_from_start_and_term_when_no_date_is_stated() -> None:
    chosen = choose_findings([doc("A.docx", True, 1, varighet_mnd="36")])
    found = {r.field: r for r in review_rows(contract(), chosen)}
    assert (found["slutt"].proposed, found["slutt"].note) == ("2028-02-29", "derived")
    assert found["slutt"].changed and not found["varighet_mnd"].changed
    assert found["slutt"].how == "derived" and found["slutt"].preticked
    assert found["start"].proposed is None


def test_stale_fields_and_value_checks() -> None:
    row = contract(option_notice_months=3)
    assert stale_fields(row, {"opsjoner": "1 + 1", "opsjon_varsel_mnd": "3"}) == []
    assert stale_fields(row, {"opsjoner": "1"}) == ["opsjoner"]
    assert check_values(row, {"slutt": "28.02.2027", "opsjoner": "12m+12m"}, "nb") == {
        "slutt": "2027-02-28",
        "opsjoner": "1+1",
    }
    try:
        check_values(row, {"fornyes_automatisk": "ja"}, "en")
    except ValueError as exc:
        assert "renews automatically but has no notice period" in str(exc)
        assert str(exc).startswith("The register row would become invalid")
    else:
        raise AssertionError("auto renewal without notice was accepted")
