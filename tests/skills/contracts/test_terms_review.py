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


def amendment(name: str, signed: bool, day: int, **values: str) -> DocumentTerms:
    base = doc(name, signed, day, **values)
    return replace(base, proposal=replace(base.proposal, kind="amendment"))


def test_a_signed_amendment_supersedes_the_contract_and_marks_what_it_leaves_alone() -> None:
    documents = [
        doc("Avtale signert.pdf", True, 1, start="2025-03-01", slutt="2027-02-28",
            opsjoner="1+1", varighet_mnd="24", oppsigelse_mnd="3"),
        amendment("Tilleggsavtale 1 signert.docx", True, 20, slutt="2028-02-29"),
    ]  # fmt: skip
    chosen = choose_findings(documents)
    assert chosen["slutt"].finding.value == "2028-02-29"
    assert chosen["slutt"].finding.checks == ()
    assert [(c.document, c.value) for c in chosen["slutt"].superseded] == [
        ("Avtale signert.pdf", "2027-02-28")
    ]
    assert chosen["slutt"].conflicts == ()
    # The options come from the original, beside an end the amendment moved: checked.
    assert chosen["opsjoner"].finding.value == "1+1"
    assert chosen["opsjoner"].finding.checks == ("mixed_documents",)
    assert chosen["varighet_mnd"].finding.checks == ("mixed_documents",)
    # Fields outside the period are not affected.
    assert chosen["oppsigelse_mnd"].finding.checks == ()
    found = {r.field: r for r in review_rows(contract(), chosen)}
    assert found["opsjoner"].proposed == "1+1" and not found["opsjoner"].changed
    assert found["slutt"].changed and found["slutt"].preticked


def test_an_unsigned_amendment_does_not_outrank_the_signed_contract() -> None:
    documents = [
        doc("Avtale signert.pdf", True, 1, slutt="2027-02-28"),
        amendment("Utkast tilleggsavtale.docx", False, 20, slutt="2028-02-29"),
    ]
    chosen = choose_findings(documents)
    assert chosen["slutt"].finding.value == "2027-02-28"
    assert chosen["slutt"].finding.checks == ("conflict",)
    assert [c.value for c in chosen["slutt"].conflicts] == ["2028-02-29"]


def test_an_end_before_the_start_is_marked_and_never_offered() -> None:
    chosen = choose_findings([doc("A.docx", True, 1, start="2025-03-01", slutt="2025-02-28")])
    found = {r.field: r for r in review_rows(contract(period_end=date(2024, 1, 1)), chosen)}
    assert found["slutt"].checks == ("end_before_start",)
    assert found["slutt"].changed and not found["slutt"].proposable
    # Against the register's start as well, when the document states no start.
    chosen = choose_findings([doc("A.docx", True, 1, slutt="2025-01-31")])
    found = {r.field: r for r in review_rows(contract(), chosen)}
    assert found["slutt"].checks == ("end_before_start",) and not found["slutt"].proposable


def test_a_rounded_or_signature_value_is_offered_but_not_ticked() -> None:
    base = doc("A.docx", True, 1)
    findings = (
        Finding("oppsigelse_mnd", "2", Evidence("8 ukers varsel", 1, 1, "A.docx"),
                "sentence", "8 ukers", ("rounded",)),
        Finding("start", "2025-02-17", Evidence("ved signering", 1, 2, "A.docx"),
                "derived", "ved signering", ("signature",)),
        Finding("varighet_mnd", "24", Evidence("to år", 1, 2, "A.docx")),
    )  # fmt: skip
    chosen = choose_findings([replace(base, proposal=TermProposal(findings))])
    found = {r.field: r for r in review_rows(contract(), chosen)}
    assert found["oppsigelse_mnd"].proposable and not found["oppsigelse_mnd"].preticked
    assert found["start"].proposable and not found["start"].preticked
    # The end computed from a start at signing carries the start's doubt.
    assert found["slutt"].proposed == "2027-02-16"
    assert found["slutt"].checks == ("derived", "signature") and not found["slutt"].preticked
