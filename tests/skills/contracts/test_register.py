"""Reading the register from .csv and .xlsx, and the command line over it."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from skills.contracts.orgnr import is_valid_orgnr
from skills.contracts.register import parse_options
from skills.contracts.register_files import read_csv_text, read_register_file
from tests.support.procs import ROOT

HEADER = (
    "Kontrakt_ID;Tittel;Leverandor;Org_nr;Eier;Kategori;Avtaletype;Start;Slutt;Opsjoner;"
    "Opsjon_varsel_mnd;Fornyes_automatisk;Oppsigelse_mnd;Ledetid_mnd;Status"
)
ROWS = [
    "2024-001;Skolemøbler;Kontormøbel Nord AS;974760673;ingrid@x.no;Møbler;rammeavtale;"
    "2025-06-01;2027-05-31;1+1;;nei;;;",
    "2024-002;Renhold;Rent AS;;lars@x.no;Renhold;kontrakt;01.01.2024;31.12.2026;;;ja;3;;",
    "2024-003;Dårlig dato;X AS;;a@x.no;IKT;kontrakt;;31.13.2025;;;;;;",
    "2024-004;Rare opsjoner;X AS;;a@x.no;IKT;kontrakt;;2027-01-01;x+1;;;;;",
    "2024-005;Feil orgnr;X AS;974760674;a@x.no;IKT;kontrakt;;2027-01-01;;;;;;",
    "2024-006;Utløpt;X AS;;a@x.no;IKT;kontrakt;;2024-01-01;;;;;;utløpt",
    "2024-007;Uten slutt;X AS;;a@x.no;IKT;kontrakt;;;;;;;;",
]


def test_orgnr_mod11() -> None:
    assert is_valid_orgnr("974 760 673")
    assert not is_valid_orgnr("974760674") and not is_valid_orgnr("12345678")


def test_options() -> None:
    assert parse_options("1+1") == (12, 12)
    assert parse_options("6m+6m") == (6, 6)
    assert parse_options("2+1+1") == (24, 12, 12)
    assert parse_options("") == ()


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("6+6 mnd", (6, 6)),
        ("12+12 måneder", (12, 12)),
        ("6 + 6 m", (6, 6)),
        ("3+3+3mnd", (3, 3, 3)),
        ("1+1 år", (12, 12)),
        ("2+1 y", (24, 12)),
        # Explicit units stay as written; a unitless part takes the trailing unit.
        ("6m+1 år", (6, 12)),
        ("1 år+6 mnd", (12, 6)),
        ("1år+6+6 mnd", (12, 6, 6)),
        ("6m+1", (6, 12)),
    ],
)
def test_a_trailing_unit_applies_to_every_unitless_part(text: str, months: tuple[int, ...]) -> None:
    assert parse_options(text) == months


@pytest.mark.parametrize("text", ["x+1", "0+1", "1++1", "6+6 uker", "+", "1+1 år år"])
def test_impossible_options_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="cannot read the options"):
        parse_options(text)


_UNITS = ["m", "mnd", "mnd.", "måned", "måneder", "år", "å", "a", "y", "M", "MND", "År"]


@given(
    parts=st.lists(st.integers(min_value=1, max_value=20), min_size=1, max_size=4),
    unit=st.sampled_from(_UNITS),
    space=st.sampled_from(["", " "]),
    plus=st.sampled_from(["+", " + "]),
)
def test_trailing_unit_equals_the_unit_on_each_part(
    parts: list[int], unit: str, space: str, plus: str
) -> None:
    trailing = plus.join(map(str, parts)) + f"{space}{unit}"
    each = plus.join(f"{p}{space}{unit}" for p in parts)
    per_month = unit.lower().startswith("m")
    assert parse_options(trailing) == parse_options(each)
    assert parse_options(trailing) == tuple(p if per_month else p * 12 for p in parts)


def test_bad_rows_are_reported_and_the_rest_used() -> None:
    register = read_csv_text("\n".join([HEADER, *ROWS]))
    # A cell that cannot be read costs that field, not the contract; only rows without a
    # readable end date are left out.
    assert [c.contract_id for c in register.contracts] == [
        "2024-001",
        "2024-002",
        "2024-004",
        "2024-005",
        "2024-006",
    ]
    errors = {e.row: e for e in register.errors}
    assert set(errors) == {4, 8}
    assert errors[4].column == "Slutt" and "31.13.2025" in errors[4].reason.say("nb")
    assert errors[8].column == "Slutt" and "mangler" in errors[8].reason.say("nb")
    unread = {(p.row, p.column): p for p in register.unread}
    assert set(unread) == {(5, "Opsjoner"), (6, "Org_nr")}
    assert "x+1" in unread[(5, "Opsjoner")].reason.say("en")
    by_id = {c.contract_id: c for c in register.contracts}
    assert by_id["2024-005"].org_nr == "" and by_id["2024-004"].unreadable == {"opsjoner"}
    renewing = register.contracts[1]
    assert renewing.auto_renew and renewing.termination_notice_months == 3
    assert register.contracts[0].lead_time_months == 12 and renewing.lead_time_months == 6


def test_column_mapping_lets_an_office_use_its_own_names() -> None:
    text = "Nr,Navn,Utløper\nK-1,Kaffe,2027-01-01\n"
    register = read_csv_text(text, {"kontrakt_id": "Nr", "tittel": "Navn", "slutt": "Utløper"})
    assert register.contracts[0].title == "Kaffe" and not register.errors


def test_xlsx_with_real_dates(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["kontrakt_id", "tittel", "slutt", "opsjoner", "avtaletype"])
    sheet.append(["X-1", "Kaffe", date(2027, 5, 31), "6m", "kontrakt"])
    path = tmp_path / "register.xlsx"
    book.save(path)
    register = read_register_file(path)
    assert register.contracts[0].period_end == date(2027, 5, 31)
    assert register.contracts[0].options_months == (6,)


@pytest.mark.integration  # starts the CLI as its own process
def test_cli_json(tmp_path: Path) -> None:
    path = tmp_path / "register.csv"
    path.write_text("\n".join([HEADER, *ROWS]), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "skills.contracts", "deadlines", "--register", str(path)]
        + ["--today", "2026-09-01", "--within", "121", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    out = json.loads(result.stdout)
    assert out["today"] == "2026-09-01"
    assert out["deadlines"] == [
        {
            "contract_id": "2024-002",
            "kind": "termination_notice",
            "due": "2026-09-30",
            "days_left": 29,
        },
        {"contract_id": "2024-002", "kind": "expiry", "due": "2026-12-31", "days_left": 121},
    ]
    assert {e["row"] for e in out["errors"]} == {4, 8}
    assert {(u["row"], u["column"]) for u in out["unread"]} == {(5, "Opsjoner"), (6, "Org_nr")}
    assert out["warnings"] == []


@pytest.mark.integration  # starts the CLI as its own process
def test_cli_refuses_an_unknown_file_type(tmp_path: Path) -> None:
    path = tmp_path / "register.pdf"
    path.write_text("x", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "skills.contracts", "deadlines", "--register", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and ".csv- eller .xlsx-fil" in result.stderr


def _run_deadlines(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "skills.contracts", "deadlines", "--register", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _zip_without_a_workbook(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "not a workbook")


@pytest.mark.integration  # starts the CLI as its own process
@pytest.mark.parametrize(
    ("name", "write"),
    [
        ("bad.xlsx", lambda p: p.write_bytes(b"this is not a spreadsheet\n" * 20)),
        ("empty.xlsx", lambda p: p.write_bytes(b"")),
        ("zipped.xlsx", _zip_without_a_workbook),
    ],
)
def test_cli_explains_a_broken_spreadsheet(
    tmp_path: Path, name: str, write: Callable[[Path], None]
) -> None:
    path = tmp_path / name
    write(path)
    result = _run_deadlines(path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{name} kunne ikke leses som regneark" in result.stderr
    assert path.exists()  # the file is left as it was


@pytest.mark.integration  # starts the CLI as its own process
@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 8,  # not UTF-8
        b"kontrakt_id;slutt\n\x00\x00\x00\x01\x02;2027-01-01\n",  # UTF-8, but binary
    ],
)
def test_cli_explains_a_csv_that_is_not_text(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "register.csv"
    path.write_bytes(data)
    result = _run_deadlines(path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "register.csv kunne ikke leses som tekst" in result.stderr


def test_a_broken_spreadsheet_raises_a_value_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(ValueError, match="could not be read as a spreadsheet"):
        read_register_file(path)
