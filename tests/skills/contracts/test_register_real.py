"""Registers as Norwegian offices really keep them, with deadlines worked out by hand.

The same twelve contracts are written three ways: an Excel workbook with a cover sheet,
title rows, Norwegian headers, date cells, serial numbers and a merged "Rammeavtale"
cell; Excel's own Norwegian CSV export (semicolons, Windows-1252, a blank line); and
the canonical columns with ISO values. All three must give the same deadlines, and
those were computed by hand (weekdays checked with GNU `date`), not by the product.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from skills.contracts.engine import upcoming, warnings_of
from skills.contracts.register import Register, RegisterFormatError
from skills.contracts.register_files import read_csv_bytes, read_register_file
from tests.support.procs import ROOT

TODAY = date(2026, 12, 1)  # a Tuesday
WITHIN = 1000  # up to 2029-08-28

HEADERS = [
    "Kontrakt-ID",
    "Avtalenavn",
    "Leverandør",
    "Org.nr.",
    "Kontraktseier",
    "Avtaletype",
    "Startdato",
    "Sluttdato",
    "Opsjoner",
    "Varsel opsjon (mnd)",
    "Automatisk fornyelse",
    "Oppsigelsestid",
    "Ledetid (mnd)",
    "Verdi",
]
INGRID = "Ingrid Haugen <ingrid.haugen@innkjop.example.no>"
# Rows 5.. of the sheet "Kontrakter"; None in Avtaletype on rows 6 and 7 is the merged
# cell F5:F7 ("Rammeavtale"), as Excel stores it.
ROWS: list[list[object]] = [
    ["2024-101", "Skolemøbler", "Kontormøbel Nord AS", "NO 987 654 325 MVA", INGRID,
     "Rammeavtale", datetime(2024, 3, 1), datetime(2027, 2, 28), "1+1", 3, "Nei", None, 12,
     "kr 4 800 000,-"],
    ["2024-102", "Kontorrekvisita", "Papir & Penn AS", 974760673, "lars.berg@innkjop.example.no",
     None, datetime(2025, 1, 1), "31.12.26", "opsjon 1+1+1", "3 mnd", "N", None, None, None],
    ["2024-103", "Renholdsmidler", "Rent & Klart AS", None, "sofie.nilsen@innkjop.example.no",
     None, datetime(2025, 2, 1), datetime(2027, 1, 31), "2x1 år", 3, "nei", None, 12, None],
    ["2025-201", "Kantinedrift", "Mat & Miljø AS", "982 525 608",
     "marte.solberg@innkjop.example.no", "Enkeltkontrakt", "01.03.2025", "30.04.2027", "ingen",
     None, "Ja", "3 mnd", None, "1,2 MNOK"],
    ["2025-202", "Vaktmestertjenester", "Bygg & Drift AS", None, "henrik.dahl@innkjop.example.no",
     "Tjenestekontrakt", datetime(2025, 6, 1), datetime(2027, 5, 31), "-", None, "J", None, None,
     None],
    ["2025-203", "Leasing av tjenestebiler", "Bilpartner AS", None, "jonas.lie@innkjop.example.no",
     "Leieavtale", "15/08/2025", "14/08/2028", "6+6 mnd", "2 måneder", None, None, None, None],
    ["2025-204", "Tolketjenester", "Språkbro AS", "NO 123 456 789 MVA",
     "ingrid.haugen@innkjop.example.no", "Konsesjon", None, 46752, "inntil 2 år", None, None,
     None, None, None],
    ["2025-205", "Snøbrøyting", "Brøyt AS", None, "lars.berg@innkjop.example.no", "Rammeavtale",
     None, "31.13.2027", "1+1", None, None, None, None, None],
    [None] * 14,
    ["2025-206", "IKT-rådgivning", "Innsikt AS", None, "sofie.nilsen@innkjop.example.no",
     "kontrakt", None, datetime(2027, 6, 30), "x+1", None, None, None, None, None],
    [None, "Kaffeavtale (ny)", "Bryggeriet AS", None, None, "kontrakt", None, "01.01.2028",
     None, None, None, None, None, None],
]  # fmt: skip

# Every deadline within 1000 days of 01.12.2026, by hand. Action deadlines on a weekend
# move to the Friday before; expiry dates never move.
EXPECTED = [
    ("2026-12-31", "2024-102", "expiry"),  # "31.12.26"
    ("2027-01-29", "2025-201", "termination_notice"),  # 30.04 - 3 mnd = Sat 30.01
    ("2027-01-31", "2024-103", "expiry"),  # a Sunday: a fact, not moved
    ("2027-02-28", "2024-101", "expiry"),
    ("2027-04-30", "2025-201", "expiry"),
    ("2027-05-31", "2025-202", "expiry"),  # renews itself with no notice period given
    ("2027-06-30", "2025-206", "expiry"),  # options unreadable: only the expiry
    ("2027-09-30", "2025-204", "option_notice"),  # serial 46752 = 31.12.2027, - 3 mnd
    ("2027-12-31", "2025-204", "expiry"),
    ("2028-01-31", "2024-103", "retender_start"),  # 31.01.2029 - 12 mnd (merged cell)
    ("2028-02-28", "2024-101", "retender_start"),  # 28.02.2029 - 12 mnd
    ("2028-06-14", "2025-203", "option_notice"),  # 14.08.2028 - 2 måneder
    ("2028-08-14", "2025-203", "expiry"),
    ("2028-12-29", "2024-102", "retender_start"),  # 31.12.2029 - 12 mnd = Sun 31.12.2028
    ("2029-01-31", "2024-103", "final_expiry"),
    ("2029-02-14", "2025-203", "retender_start"),  # 14.08.2029 - 6 mnd (a contract)
    ("2029-02-28", "2024-101", "final_expiry"),
    ("2029-06-29", "2025-204", "retender_start"),  # 31.12.2029 - 6 mnd = Sat 30.06.2029
    ("2029-08-14", "2025-203", "final_expiry"),
]


def _workbook(path: Path) -> Path:
    book = Workbook()
    cover = book.active
    assert cover is not None
    cover.title = "Forside"
    cover.append(["Slik bruker du kontraktsregisteret"])
    cover.append(["Én rad per kontrakt. Datoer som dd.mm.åååå."])
    sheet = book.create_sheet("Kontrakter")
    sheet.append(["Kontraktsregister – Felles innkjøp for fylkeskommunene"])
    sheet.append(["Sist oppdatert 01.11.2026 av Lars Berg"])
    sheet.append([])
    sheet.append(HEADERS)
    for row in ROWS:
        sheet.append(row)
    sheet.merge_cells("F5:F7")
    for cell in ("G5", "H5", "G6", "G7", "H7", "G9", "H9", "H14"):
        sheet[cell].number_format = "DD.MM.YYYY"
    book.save(path)
    return path


def _cell_text(value: object) -> str:
    """How Excel writes a cell to CSV with Norwegian settings."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y")
    if value == 46752:
        return "31.12.2027"  # Excel exports the date it shows
    return str(value)


def _excel_csv() -> bytes:
    """Excel's "CSV (semikolondelt)": Windows-1252, CRLF, a title row, a blank line."""
    lines = ["Kontraktsregister – Felles innkjøp;;;;;;;;;;;;;", ";;;;;;;;;;;;;", ";".join(HEADERS)]
    for row in ROWS:
        cells = [_cell_text(v) for v in row]
        if cells[0] in ("2024-102", "2024-103"):
            cells[5] = "Rammeavtale"  # not merged in a CSV
        lines.append(";".join(f'"{c}"' if ";" in c else c for c in cells))
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


CANONICAL = """kontrakt_id,tittel,leverandor,org_nr,eier,avtaletype,start,slutt,opsjoner,\
opsjon_varsel_mnd,fornyes_automatisk,oppsigelse_mnd,ledetid_mnd
2024-101,Skolemøbler,Kontormøbel Nord AS,987654325,ingrid.haugen@innkjop.example.no,\
rammeavtale,2024-03-01,2027-02-28,1+1,3,nei,,12
2024-102,Kontorrekvisita,Papir & Penn AS,974760673,lars.berg@innkjop.example.no,rammeavtale,\
2025-01-01,2026-12-31,1+1+1,3,nei,,
2024-103,Renholdsmidler,Rent & Klart AS,,sofie.nilsen@innkjop.example.no,rammeavtale,\
2025-02-01,2027-01-31,1+1,3,nei,,12
2025-201,Kantinedrift,Mat & Miljø AS,982525608,marte.solberg@innkjop.example.no,kontrakt,\
2025-03-01,2027-04-30,,,ja,3,
2025-202,Vaktmestertjenester,Bygg & Drift AS,,henrik.dahl@innkjop.example.no,kontrakt,\
2025-06-01,2027-05-31,,,ja,,
2025-203,Leasing av tjenestebiler,Bilpartner AS,,jonas.lie@innkjop.example.no,kontrakt,\
2025-08-15,2028-08-14,6m+6m,2,nei,,
2025-204,Tolketjenester,Språkbro AS,,ingrid.haugen@innkjop.example.no,kontrakt,,2027-12-31,\
24m,,nei,,
"""


def _deadlines(register: Register) -> list[tuple[str, str, str]]:
    return [
        (d.due.isoformat(), d.contract_id, d.kind.value)
        for d in upcoming(register.contracts, TODAY, WITHIN)
    ]


def test_a_norwegian_workbook_gives_the_hand_computed_deadlines(tmp_path: Path) -> None:
    register = read_register_file(_workbook(tmp_path / "Kontraktsregister 2026.xlsx"))
    assert register.source == "Kontraktsregister 2026.xlsx (Kontrakter)"
    assert _deadlines(register) == EXPECTED
    by_id = {c.contract_id: c for c in register.contracts}
    assert by_id["2024-101"].org_nr == "987654325" and by_id["2025-201"].org_nr == "982525608"
    assert by_id["2024-102"].org_nr == "974760673"  # a number cell
    assert by_id["2024-101"].owner == "ingrid.haugen@innkjop.example.no"
    assert str(by_id["2024-101"].value) == "4.8E+6" and str(by_id["2025-201"].value) == "1.2E+6"
    # The merged "Rammeavtale" cell counts on all three rows.
    assert [by_id[k].framework for k in ("2024-101", "2024-102", "2024-103")] == [True] * 3
    assert by_id["2025-203"].options_months == (6, 6)
    assert by_id["2024-102"].options_months == (12, 12, 12)


def test_every_problem_is_named_by_row_and_the_offices_own_column(tmp_path: Path) -> None:
    register = read_register_file(_workbook(tmp_path / "register.xlsx"))
    left_out = [(p.row, p.column, p.contract_id) for p in register.errors]
    assert left_out == [(12, "Sluttdato", "2025-205"), (15, "Kontrakt-ID", "")]
    unread = {(p.row, p.column): p for p in register.unread}
    assert set(unread) == {
        (9, "Oppsigelsestid"),  # renews itself, no notice period
        (11, "Org.nr."),  # NO 123 456 789 MVA fails the check digit
        (11, "Avtaletype"),  # "Konsesjon" is read as a contract, and said so
        (11, "Opsjoner"),  # "inntil 2 år" is read as one option, and said so
        (14, "Opsjoner"),  # "x+1"
    }
    # The workbook has a cover sheet too, so the sheet is named.
    assert unread[(14, "Opsjoner")].text("nb") == (
        "Rad 14 på arket «Kontrakter» (2025-206), «Opsjoner»: forstår ikke opsjonene «x+1» "
        "(skriv f.eks. 1+1, 2x1 år, 6+6 mnd eller ingen)"
    )
    assert register.errors[0].text("en") == (
        "Row 12 on sheet “Kontrakter” (2025-205), “Sluttdato”: “31.13.2027” is not a date "
        "that exists"
    )
    assert "mangler" in register.errors[1].reason.say("nb")


def test_excels_norwegian_csv_export_gives_the_same_deadlines() -> None:
    register = read_csv_bytes(_excel_csv(), None, "Kontraktsregister.csv")
    assert _deadlines(register) == EXPECTED
    # Row numbers are the spreadsheet's: title row, blank row, header, then data from 4.
    assert [(p.row, p.column) for p in register.errors] == [(11, "Sluttdato"), (14, "Kontrakt-ID")]
    assert {c.contract_id: c.supplier for c in register.contracts}["2025-201"] == "Mat & Miljø AS"


def test_blank_lines_count_as_rows_like_in_the_spreadsheet() -> None:
    text = "Kontrakt-ID;Sluttdato\r\nK-1;31.12.2027\r\n\r\n\r\nK-2;31.13.2027\r\n"
    register = read_csv_bytes(text.encode("cp1252"), None, "r.csv")
    assert [(p.row, p.contract_id) for p in register.errors] == [(5, "K-2")]


def test_the_canonical_register_gives_the_same_deadlines() -> None:
    register = read_csv_bytes(CANONICAL.encode("utf-8-sig"), None, "kanonisk.csv")
    assert not register.errors
    assert [(p.row, p.contract_id) for p in register.unread] == [(6, "2025-202")]  # no notice
    # 2025-206's options cannot be read in the office's file, so it is not in this one.
    assert _deadlines(register) == [e for e in EXPECTED if e[1] != "2025-206"]


def test_four_years_are_counted_with_both_days() -> None:
    register = read_csv_bytes(
        b"Kontrakt-ID;Avtaletype;Startdato;Sluttdato;Opsjoner\n"
        b"R-4;Rammeavtale;01.02.2025;31.01.2027;1+1\n"  # 01.02.2025-31.01.2029: four years
        b"R-5;Rammeavtale;01.02.2025;01.02.2027;1+1\n",  # to 01.02.2029: more
        None,
        "r.csv",
    )
    over = [w.contract_id for c in register.contracts for w in warnings_of(c)]
    assert over == ["R-5"]


@pytest.mark.parametrize(
    ("content", "missing"),
    [
        (
            "Nr;Navn;Leverandør;Utgår\nK-1;Kaffe;Bryggeriet AS;01.01.2028\n",
            "Kontrakt-ID, Sluttdato",
        ),
        ("Kontrakt-ID;Navn;Utgår\nK-1;Kaffe;01.01.2028\n", "Sluttdato"),
    ],
)
def test_unrecognised_columns_list_what_was_found_and_what_is_missing(
    content: str, missing: str
) -> None:
    with pytest.raises(RegisterFormatError) as caught:
        read_csv_bytes(content.encode("cp1252"), None, "eget.csv")
    assert f"Mangler: {missing}." in caught.value.message("nb")
    assert "Utgår" in caught.value.message("nb") and "Navn" in caught.value.message("en")


def test_an_offices_own_mapping_reads_its_columns() -> None:
    content = "Nr;Navn;Utgår;Forlengelse\nK-1;Kaffe;01.01.2028;1 + 1 år\n".encode("cp1252")
    mapping = {"kontrakt_id": "Nr", "slutt": "Utgår"}
    register = read_csv_bytes(content, mapping, "eget.csv")
    contract = register.contracts[0]
    assert (contract.contract_id, contract.period_end) == ("K-1", date(2028, 1, 1))
    assert contract.options_months == (12, 12)  # "Forlengelse" is a known header


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("tom.csv", b""),
        ("bare-tittel.csv", "Kontraktsregister 2026\r\n\r\n".encode("cp1252")),
        ("bare-overskrift.csv", b"Kontrakt-ID;Sluttdato\r\n;\r\n"),
    ],
)
def test_an_empty_register_is_an_error_not_an_empty_answer(name: str, data: bytes) -> None:
    with pytest.raises(RegisterFormatError) as caught:
        read_csv_bytes(data, None, name)
    text = caught.value.message("nb")
    assert text.startswith(f"{name}: ")
    assert "ingen kontrakter" in text or "Mangler" in text


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "skills.contracts", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.integration  # starts the CLI as its own process
def test_cli_reads_the_workbook_and_names_problems(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "register.xlsx")
    result = _cli("deadlines", "--register", str(path), "--today", "2026-12-01", "--within",
                  "1000", "--json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert [(d["due"], d["contract_id"], d["kind"]) for d in out["deadlines"]] == EXPECTED
    assert out["errors"][0] == {
        "row": 12,
        "column": "Sluttdato",
        "value": "31.13.2027",
        "contract_id": "2025-205",
        "sheet": "Kontrakter",
        "message": "«31.13.2027» er ikke en dato som finnes",
    }


@pytest.mark.integration  # starts the CLI as its own process
@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("tom.csv", b"", "ingen kontrakter"),
        ("tittel.xlsx", None, "Mangler: Kontrakt-ID, Sluttdato"),
    ],
)
def test_cli_exits_non_zero_on_an_empty_or_unrecognised_register(
    tmp_path: Path, name: str, data: bytes | None, expected: str
) -> None:
    path = tmp_path / name
    if data is None:
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(["Oversikt over avtaler"])
        sheet.append(["Nr", "Navn", "Utgår"])
        book.save(path)
    else:
        path.write_bytes(data)
    result = _cli("deadlines", "--register", str(path))
    assert result.returncode == 2 and expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.integration  # starts the CLI as its own process
def test_cli_columns_option_and_a_bad_mapping(tmp_path: Path) -> None:
    path = tmp_path / "eget.csv"
    path.write_bytes("Nr;Navn;Utgår\nK-1;Kaffe;01.01.2028\n".encode("cp1252"))
    ok = _cli("deadlines", "--register", str(path), "--columns", "kontrakt_id=Nr; slutt=Utgår",
              "--today", "2027-12-01", "--within", "31", "--json")  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["deadlines"][0]["due"] == "2028-01-01"
    mapping = tmp_path / "kolonner.txt"
    mapping.write_text("# våre kolonner\nkontrakt_id=Nr\nslutt=Utgår\n", encoding="utf-8")
    from_file = _cli("deadlines", "--register", str(path), "--columns", str(mapping))
    assert from_file.returncode == 0, from_file.stderr
    bad = _cli("deadlines", "--register", str(path), "--columns", "sluttdatoen=Utgår", "--lang",
               "en")  # fmt: skip
    assert bad.returncode == 2 and "“sluttdatoen” is not a field" in bad.stderr
