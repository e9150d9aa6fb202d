"""Cell values as people write them, one reader at a time, with the answers by hand."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from skills.contracts.calendar import add_months
from skills.contracts.columns import decode_internal_name, header_key, match_columns
from skills.contracts.model import Amendment, Contract
from skills.contracts.values import (
    Span,
    ValueProblem,
    read_agreement,
    read_amount,
    read_date,
    read_options,
    read_orgnr,
    read_span,
    read_status,
    read_yes,
)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("31.12.2026", date(2026, 12, 31)),
        ("31.12.26", date(2026, 12, 31)),
        ("1.1.27", date(2027, 1, 1)),
        ("31/12/2026", date(2026, 12, 31)),
        ("31-12-2026", date(2026, 12, 31)),
        ("2026-12-31", date(2026, 12, 31)),
        ("31.12.2026 00:00", date(2026, 12, 31)),
        ("31. desember 2026", date(2026, 12, 31)),
        ("1. mars 2027", date(2027, 3, 1)),
        (datetime(2027, 5, 31, 0, 0), date(2027, 5, 31)),
        (date(2027, 5, 31), date(2027, 5, 31)),
        (46387, date(2026, 12, 31)),  # Excel's serial number for 31.12.2026
        ("46387", date(2026, 12, 31)),
        # SharePoint sends a date column as the UTC instant of midnight in Oslo.
        ("2027-05-31T22:00:00Z", date(2027, 6, 1)),
        ("2027-02-27T23:00:00Z", date(2027, 2, 28)),
        ("2027-02-28T00:00:00", date(2027, 2, 28)),
        (None, None),
        ("", None),
        ("-", None),
    ],
)
def test_dates(cell: object, expected: date | None) -> None:
    assert read_date(cell) == expected


@pytest.mark.parametrize("cell", ["31.13.2026", "30.02.2027", "snart", "Q3 2027", 12.5, 7])
def test_impossible_dates_are_problems_in_both_languages(cell: object) -> None:
    with pytest.raises(ValueProblem) as caught:
        read_date(cell)
    nb, en = caught.value.phrase.say("nb"), caught.value.phrase.say("en")
    assert nb and en and nb != en


@pytest.mark.parametrize(
    ("cell", "months"),
    [
        ("ingen", ()),
        ("Nei", ()),
        ("-", ()),
        ("", ()),
        (None, ()),
        (0, ()),
        ("1+1", (12, 12)),
        ("1 + 1 år", (12, 12)),
        ("2x1 år", (12, 12)),
        ("3 x 1 år", (12, 12, 12)),
        ("2 x 6 mnd", (6, 6)),
        ("opsjon 1+1+1", (12, 12, 12)),
        ("Opsjoner: 2+1", (24, 12)),
        ("6+6 mnd", (6, 6)),
        ("6 mnd + 6 mnd", (6, 6)),
        ("inntil 2 år", (24,)),
        ("1 år", (12,)),
        (2, (24,)),
    ],
)
def test_options(cell: object, months: tuple[int, ...]) -> None:
    assert read_options(cell) == months


def test_options_in_a_column_whose_header_says_months() -> None:
    assert read_options("6+6", "months") == (6, 6)
    assert read_options(12, "months") == (12,)


@pytest.mark.parametrize("cell", ["x+1", "ja", "1+1 uker", "0x1 år", "ved behov"])
def test_unreadable_options(cell: str) -> None:
    with pytest.raises(ValueProblem, match="cannot read the options"):
        read_options(cell)


@pytest.mark.parametrize(
    ("cell", "unit", "span"),
    [
        ("3", "", Span(3, 0)),
        (3, "", Span(3, 0)),
        (3.0, "", Span(3, 0)),
        ("3 mnd", "", Span(3, 0)),
        ("3 mnd.", "", Span(3, 0)),
        ("2 måneder", "", Span(2, 0)),
        ("6 måneders oppsigelse", "", Span(6, 0)),
        ("90 dager", "", Span(0, 90)),
        ("90", "days", Span(0, 90)),
        ("1 år", "", Span(12, 0)),
        ("6 uker", "", Span(0, 42)),
        ("senest 3 mnd før utløp", "", Span(3, 0)),
        ("", "", None),
        (None, "", None),
    ],
)
def test_notice_periods(cell: object, unit: str, span: Span | None) -> None:
    assert read_span(cell, unit) == span


@pytest.mark.parametrize("cell", ["tre måneder", "3 timer", "-2", 2.5])
def test_unreadable_notice_periods(cell: object) -> None:
    with pytest.raises(ValueProblem):
        read_span(cell)


@pytest.mark.parametrize(
    ("cell", "yes"),
    [("Ja", True), ("J", True), ("x", True), ("X", True), (True, True), ("yes", True),
     ("Nei", False), ("N", False), ("", False), (None, False), ("-", False), (False, False)],
)  # fmt: skip
def test_yes_no(cell: object, yes: bool) -> None:
    assert read_yes(cell) is yes


def test_yes_no_refuses_anything_else() -> None:
    with pytest.raises(ValueProblem, match="neither yes nor no"):
        read_yes("kanskje")


@pytest.mark.parametrize(
    ("cell", "framework", "noted"),
    [
        ("Rammeavtale", True, False),
        ("rammeavtale (parallell)", True, False),
        ("Parallelle rammeavtaler", True, False),
        ("Framework agreement", True, False),
        ("Enkeltkontrakt", False, False),
        ("Tjenestekontrakt", False, False),
        ("", False, False),
        ("Konsesjon", False, True),
        ("Dynamisk innkjøpsordning", False, True),
    ],
)
def test_agreement_types(cell: str, framework: bool, noted: bool) -> None:
    assert read_agreement(cell) == (framework, noted)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("NO 987 654 325 MVA", "987654325"),
        ("987 654 325", "987654325"),
        ("987654325", "987654325"),
        (987654325, "987654325"),
        (987654325.0, "987654325"),
        ("Org.nr. 982 525 608", "982525608"),
        ("982.525.608", "982525608"),
        ("", ""),
        (None, ""),
    ],
)
def test_organisation_numbers(cell: object, expected: str) -> None:
    assert read_orgnr(cell) == expected


def test_a_wrong_check_digit_is_a_problem() -> None:
    with pytest.raises(ValueProblem, match="not a valid organisation number"):
        read_orgnr("NO 987 654 324 MVA")


@pytest.mark.parametrize(
    ("cell", "amount"),
    [
        ("kr 1 200 000,-", Decimal("1200000")),
        ("1 200 000", Decimal("1200000")),
        ("1.200.000", Decimal("1200000")),
        ("1 200 000,50", Decimal("1200000.50")),
        ("NOK 350 000 eks. mva", Decimal("350000")),
        ("1,2 MNOK", Decimal("1200000")),
        ("2,5 mill.", Decimal("2500000")),
        (1200000, Decimal("1200000")),
        (1200000.5, Decimal("1200000.5")),
        ("", None),
    ],
)
def test_amounts(cell: object, amount: Decimal | None) -> None:
    assert read_amount(cell) == amount


@pytest.mark.parametrize(
    ("cell", "status"),
    [("Aktiv", "aktiv"), ("", "aktiv"), ("Løpende", "aktiv"), ("Utløpt", "utløpt"),
     ("utlopt", "utløpt"), ("Avsluttet", "avsluttet"), ("Oppsagt", "avsluttet")],
)  # fmt: skip
def test_status(cell: str, status: str) -> None:
    assert read_status(cell) == status


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Kontrakt-ID", "kontrakt_id"),
        ("KONTRAKT ID", "kontrakt_id"),
        ("Kontrakt_x002d_ID", "kontrakt_id"),
        ("Avtalenavn", "tittel"),
        ("Leverandør", "leverandor"),
        ("Leverand_x00f8_r", "leverandor"),
        ("Leverandor", "leverandor"),
        ("Org.nr.", "org_nr"),
        ("Org_x002e_nr_x002e_", "org_nr"),
        ("Kontraktseier", "eier"),
        ("Startdato", "start"),
        ("Sluttdato", "slutt"),
        ("Utløpsdato", "slutt"),
        ("Opsjoner", "opsjoner"),
        ("Varsel opsjon (mnd)", "opsjon_varsel_mnd"),
        ("Automatisk fornyelse", "fornyes_automatisk"),
        ("Oppsigelsestid", "oppsigelse_mnd"),
        ("Oppsigelsestid (dager)", "oppsigelse_mnd"),
        ("Ledetid (mnd)", "ledetid_mnd"),
        ("End date", "slutt"),
        ("Supplier", "leverandor"),
        ("Kontraktsverdi", "verdi"),
    ],
)
def test_headers_offices_use(header: str, field: str) -> None:
    match = match_columns([header])
    assert list(match.positions) == [field], header_key(header)


def test_header_units_and_sharepoint_names() -> None:
    match = match_columns(["Oppsigelsestid (dager)", "Opsjoner (mnd)", "Kontrakt-ID"])
    assert match.units == {"oppsigelse_mnd": "days", "opsjoner": "months"}
    assert decode_internal_name("Varsel_x0020_opsjon_x0020__x0028_mnd_x0029_") == (
        "Varsel opsjon (mnd)"
    )


def test_the_first_column_of_a_field_wins() -> None:
    match = match_columns(["Kontrakt-ID", "Status", "Sluttdato", "Status"])
    assert match.positions["status"] == 1


def _contract(end: date, options: tuple[int, ...], *amendments: Amendment) -> Contract:
    return Contract("K-1", "T", "S", "", "", "", False, None, end, options, amendments=amendments)


def test_options_are_counted_from_the_original_end() -> None:
    """6+6 months from 31.08.2027: 29.02.2028 (leap year), then 31.08.2028, not 29.08."""
    original = _contract(date(2027, 8, 31), (6, 6))
    assert original.extended_by(6) == date(2028, 2, 29)
    assert original.max_extent == date(2028, 8, 31)
    once = _contract(
        date(2028, 2, 29),
        (6,),
        Amendment(date(2027, 5, 1), "opsjon brukt", date(2027, 8, 31), date(2028, 2, 29)),
    )
    assert once.extended_by(6) == date(2028, 8, 31)
    assert once.max_extent == date(2028, 8, 31)
    # Chaining clamped months would lose two days: what the register must not do.
    assert add_months(date(2028, 2, 29), 6) == date(2028, 8, 29)
