"""Register layouts an independent review tried, each with deadlines worked out by hand
(weekdays checked with GNU `date`; today is Tuesday 01.12.2026)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from skills.contracts.engine import upcoming
from skills.contracts.register import Register
from skills.contracts.register_files import read_csv_bytes, read_register_file
from skills.contracts.values import read_amount
from tests.support.procs import ROOT

TODAY = date(2026, 12, 1)


def _csv(text: str, mapping: dict[str, str] | None = None) -> Register:
    return read_csv_bytes(text.encode("cp1252"), mapping, "register.csv")


def _due(register: Register, within: int = 1200) -> list[tuple[str, str, str]]:
    return [
        (d.due.isoformat(), d.contract_id, d.kind.value)
        for d in upcoming(register.contracts, TODAY, within)
    ]


def test_the_current_end_date_wins_over_the_original_and_says_so() -> None:
    register = _csv(
        "Kontrakt-ID;Sluttdato;Opprinnelig sluttdato;Gjeldende sluttdato\n"
        "H-1;31.03.2026;31.03.2026;31.03.2027\n"
    )
    # A contract: re-tender 6 months before 31.03.2027 is 30.09.2026, already past.
    assert _due(register) == [("2027-03-31", "H-1", "expiry")]
    notes = register.column_notes("nb")
    assert "«Sluttdato» er ikke brukt: «Gjeldende sluttdato» er lest som Sluttdato." in notes
    assert any("«Opprinnelig sluttdato» er ikke brukt" in n for n in notes)


def test_remaining_options_win_over_the_original_options() -> None:
    register = _csv("Kontrakt-ID;Sluttdato;Opsjoner;Gjenstående opsjoner\nH-2;31.03.2027;1+1+1;1\n")
    assert _due(register) == [
        ("2026-12-31", "H-2", "option_notice"),  # 31.03.2027 - 3 mnd
        ("2027-03-31", "H-2", "expiry"),
        ("2027-09-30", "H-2", "retender_start"),  # 31.03.2028 - 6 mnd
        ("2028-03-31", "H-2", "final_expiry"),  # one year left
    ]


def test_an_offices_own_headers_with_a_mapping_and_a_yes_no_framework_column() -> None:
    register = _csv(
        "Saksnummer;Dato slutt;Varslingsfrist (mnd);Rammeavtale (ja/nei);Forlengelsesmulighet;"
        "Forlenges automatisk (ja/nei);Kommentar\n"
        "S-1;31.12.2027;6;Ja;1+1;Nei;ring Lars\n",
        {"kontrakt_id": "Saksnummer", "slutt": "Dato slutt"},
    )
    assert _due(register) == [
        ("2027-06-30", "S-1", "option_notice"),  # 31.12.2027 - 6 mnd
        ("2027-12-31", "S-1", "expiry"),
        ("2028-12-29", "S-1", "retender_start"),  # 31.12.2029 - 12 mnd = Sun 31.12.2028
        ("2029-12-31", "S-1", "final_expiry"),
    ]
    assert register.contracts[0].framework
    assert register.column_notes("en") == [
        "Columns not read: “Kommentar”. Name them with CONTRACT_REGISTER_COLUMNS or --columns "
        "if they hold register fields."
    ]


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        ("X-2;31.12.9999;1+1;Rammeavtale", "Sluttdato", "not a real contract date"),
        ("X-3;31.12.2027;1000000;Rammeavtale", "Opsjoner", "cannot read the options"),
        ("X-4;31.12.2027;20+21;kontrakt", "Opsjoner", "cannot read the options"),
    ],
)
def test_impossible_values_are_problems_not_crashes(row: str, column: str, reason: str) -> None:
    register = _csv(f"Kontrakt-ID;Sluttdato;Opsjoner;Avtaletype\n{row}\n")
    problems = register.problems
    assert [(p.row, p.column) for p in problems] == [(2, column)]
    assert reason in problems[0].reason.say("en")
    upcoming(register.contracts, TODAY, 100_000)  # and nothing overflows


def test_number_cells_out_of_range_cost_the_field_only(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Kontrakt-ID", "Sluttdato", "Opsjoner", "Verdi", "Startdato"])
    sheet.append(["N-1", datetime(2027, 12, 31), 1e20, 1e27, True])
    path = tmp_path / "tall.xlsx"
    book.save(path)
    register = read_register_file(path)
    assert [c.contract_id for c in register.contracts] == ["N-1"]
    assert sorted(p.column for p in register.unread) == ["Opsjoner", "Startdato", "Verdi"]
    assert _due(register) == [("2027-12-31", "N-1", "expiry")]


def test_a_register_split_over_two_sheets_is_read_from_both(tmp_path: Path) -> None:
    book = Workbook()
    frameworks = book.active
    assert frameworks is not None
    frameworks.title = "Rammeavtaler"
    frameworks.append(["Kontrakt-ID", "Sluttdato", "Avtaletype"])
    frameworks.append(["R-1", datetime(2027, 6, 30), "Rammeavtale"])
    frameworks.append(["R-2", "31.13.2027", "Rammeavtale"])
    contracts = book.create_sheet("Kontrakter")
    contracts.append(["Kontrakt-ID", "Sluttdato", "Avtaletype"])
    contracts.append(["K-1", datetime(2027, 3, 31), "Kontrakt"])
    contracts.append(["R-1", datetime(2028, 1, 31), "Kontrakt"])
    path = tmp_path / "delt.xlsx"
    book.save(path)
    register = read_register_file(path)
    assert [c.contract_id for c in register.contracts] == ["R-1", "K-1"]
    assert [p.text("nb") for p in register.errors] == [
        "Rad 3 på arket «Rammeavtaler» (R-2), «Sluttdato»: «31.13.2027» er ikke en dato som finnes",
        "Rad 3 på arket «Kontrakter» (R-1), «Kontrakt-ID»: kontrakt-ID R-1 står også på et "
        "annet ark; denne raden er ikke med",
    ]


@pytest.mark.parametrize(
    ("cell", "amount"),
    [("1,200,000", Decimal("1200000")), ("1,200,000.50", Decimal("1200000.50"))],
)
def test_english_thousands_separators(cell: str, amount: Decimal) -> None:
    assert read_amount(cell) == amount


def test_call_offs_and_negations_are_not_framework_agreements() -> None:
    register = _csv(
        "Kontrakt-ID;Sluttdato;Avtaletype;Ledetid (mnd)\n"
        "A-1;31.12.2027;Avrop på rammeavtale;9\n"
        "A-2;31.12.2027;Ikke rammeavtale;\n"
    )
    assert [c.framework for c in register.contracts] == [False, False]
    assert [c.lead_time_months for c in register.contracts] == [9, 6]
    assert [p.reason.say("nb") for p in register.unread] == [
        "«Avrop på rammeavtale» er ikke en rammeavtale, så den er lest som kontrakt",
        "«Ikke rammeavtale» er ikke en rammeavtale, så den er lest som kontrakt",
    ]


def test_a_bad_amendment_line_is_told_in_norwegian() -> None:
    register = _csv("Kontrakt-ID;Sluttdato;Endringslogg\nA-1;31.12.2027;forlenget ett år\n")
    assert register.unread[0].text("nb") == (
        "Rad 2 (A-1), «Endringslogg»: linje 1 «forlenget ett år»: skriv «dato; hva som er "
        "endret» (f.eks. «2026-11-25; opsjon brukt»)"
    )


@pytest.mark.integration  # starts the CLI as its own process
def test_ocds_states_no_renewal_facts_it_could_not_read(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(
        "Kontrakt-ID;Sluttdato;Opsjoner;Automatisk fornyelse\n"
        "O-1;31.12.2027;etter nærmere avtale;løpende\n".encode("cp1252")
    )
    result = subprocess.run(
        [sys.executable, "-m", "skills.contracts", "ocds", "--register", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    contract = json.loads(result.stdout)["releases"][0]["contracts"][0]
    assert "hasRenewal" not in contract and "renewal" not in contract
    assert "maxExtentDate" not in contract["period"]
    assert "«Opsjoner»" in result.stderr and "«Automatisk fornyelse»" in result.stderr


@pytest.mark.parametrize(
    ("cell", "months"),
    [("2 opsjoner à 1 år", (12, 12)), ("3 x 1 år", (12, 12, 12)), ("20x99", None)],
)
def test_more_ways_people_write_options(cell: str, months: tuple[int, ...] | None) -> None:
    from skills.contracts.values import ValueProblem, read_options

    if months is None:
        with pytest.raises(ValueProblem):
            read_options(cell)
    else:
        assert read_options(cell) == months


def test_three_md_is_three_months() -> None:
    from skills.contracts.values import Span, read_span

    assert read_span("3 md.") == Span(3, 0)


def test_an_english_yes_no_framework_column_and_sharepoints_own_export_columns() -> None:
    register = _csv(
        "ID;Kontrakt-ID;Sluttdato;Framework (Y/N);Innholdstype;Endret av\n"
        "7;E-1;31.12.2027;Y;Element;Lars Berg\n"
    )
    assert register.contracts[0].framework
    # 31.12.2027 - 12 months = Thursday 31.12.2026, a working day.
    assert ("2026-12-31", "E-1", "retender_start") in _due(register)
    assert register.column_notes("nb") == []
