"""The register from a file as Excel and offices write it: .csv or .xlsx.

CSV: `;`, `,` or tab separated (the header decides), UTF-8 with or without BOM,
UTF-16 ("Unicode text") or Windows-1252 (Excel's "CSV (semikolondelt)" in Norway).
Excel: every sheet is considered and the one whose header matches is used; title rows
above the header are skipped; a cell merged over several rows counts on every row.
Row numbers are the ones the spreadsheet shows.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from skills.contracts.columns import best_header
from skills.contracts.model import RowProblem
from skills.contracts.register import Register, empty_error, read_matrix
from skills.i18n import InputError, Phrase

_DELIMITERS = (";", ",", "\t", "|")
# Bytes a Windows-1252 text file holds: printable ones, tab and line breaks. What is left
# after deleting them (control bytes, the five unassigned ones) says the file is not text.
_CP1252_TEXT = (
    bytes(b for b in range(256) if b >= 0x20 and b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D))
    + b"\t\r\n"
)


class RegisterFileError(InputError):
    """The file itself could not be read (not a spreadsheet, not text)."""


def read_register_file(path: Path, mapping: Mapping[str, str] | None = None) -> Register:
    """A missing file stays an OSError; a file that is not what its name says, or
    whose columns are not recognised, is a InputError naming the file."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        return read_csv_bytes(path.read_bytes(), mapping, path.name)
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx_bytes(path.read_bytes(), mapping, path.name)
    raise RegisterFileError(
        "register", "{name}: the register must be a .csv or .xlsx file.", name=path.name
    )


# --- CSV -------------------------------------------------------------------------------------


def decode_text(data: bytes, name: str) -> str:
    """Excel's encodings: UTF-16 with BOM, UTF-8 (BOM or not), else Windows-1252."""
    not_text = RegisterFileError(
        "register",
        "{name} could not be read as text. Save the register as CSV or as an Excel workbook.",
        name=name,
    )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise not_text from exc
    if b"\x00" in data:
        raise not_text
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    odd = data.translate(None, _CP1252_TEXT)
    if any(b < 0x20 for b in odd) or len(odd) > max(3, len(data) // 200):
        raise not_text
    return data.decode("cp1252", errors="replace")


def _numbered(text: str, delimiter: str) -> Iterator[tuple[int, Sequence[object]]]:
    """Each CSV record is one spreadsheet row, blank lines included."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return enumerate(reader, start=1)


def _delimiter(text: str, mapping: Mapping[str, str] | None) -> str:
    """The separator under which a header row names the most register fields."""
    sample = text[:65536]
    best = (";", (False, 0))
    for delimiter in _DELIMITERS:
        rows = [
            cells
            for _, cells in zip(
                range(20),
                csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter),
                strict=False,
            )
        ]
        found = best_header(rows, mapping)
        if found is not None:
            score = (found[1].complete, len(found[1].positions))
            if score > best[1]:
                best = (delimiter, score)
    return best[0]


def read_csv_bytes(data: bytes, mapping: Mapping[str, str] | None, name: str) -> Register:
    text = decode_text(data, name)
    if not text.strip():
        raise _named(empty_error(), name)
    try:
        return read_matrix(_numbered(text, _delimiter(text, mapping)), mapping, name)
    except InputError as exc:
        raise _named(exc, name) from None


def read_csv_text(text: str, mapping: Mapping[str, str] | None = None) -> Register:
    return read_csv_bytes(text.encode("utf-8"), mapping, "register.csv")


def _named(exc: InputError, name: str) -> InputError:
    """Say the file's name once, whether or not the message already begins with it."""
    if exc.values.get("name") == name:
        return exc
    return exc.named(name)


# --- Excel -----------------------------------------------------------------------------------

_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def _column_index(letters: bytes) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + (ch - 64)
    return index - 1


def _merges(archive: zipfile.ZipFile, sheet_path: str) -> dict[int, list[tuple[int, int, int]]]:
    """Row -> [(column, anchor row, anchor column)] for cells covered by a merge.

    openpyxl's fast read-only mode does not read merged ranges, so they are taken from
    the sheet's XML (they sit after the cell data, in `<mergeCells>`)."""
    covered: dict[int, list[tuple[int, int, int]]] = {}
    with archive.open(sheet_path) as source:
        tail = b""
        for chunk in iter(lambda: source.read(1 << 20), b""):
            block = tail + chunk
            for match in _MERGE.finditer(block):
                c1, r1 = _column_index(match.group(1)), int(match.group(2))
                c2, r2 = _column_index(match.group(3)), int(match.group(4))
                for row in range(r1, r2 + 1):
                    for column in range(c1, c2 + 1):
                        if (row, column) != (r1, c1):
                            covered.setdefault(row, []).append((column, r1, c1))
            tail = block[-200:]
    return covered


def _filled(
    rows: Iterator[tuple[object, ...]], covered: dict[int, list[tuple[int, int, int]]]
) -> Iterator[tuple[int, Sequence[object]]]:
    anchors = {(r, c) for cells in covered.values() for _, r, c in cells}
    remembered: dict[tuple[int, int], object] = {}
    for number, values in enumerate(rows, start=1):
        if not covered and not anchors:
            yield number, values
            continue
        cells = list(values)
        for column, value in enumerate(cells):
            if (number, column) in anchors:
                remembered[(number, column)] = value
        for column, r1, c1 in covered.get(number, ()):
            while len(cells) <= column:
                cells.append(None)
            if cells[column] is None:
                cells[column] = remembered.get((r1, c1))
        yield number, cells


def read_xlsx_bytes(data: bytes, mapping: Mapping[str, str] | None, name: str) -> Register:
    from openpyxl import load_workbook

    broken = RegisterFileError(
        "register",
        "{name} could not be read as a spreadsheet. Save it as an Excel workbook (.xlsx) or "
        "as CSV.",
        name=name,
    )
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl fails in many ways (zip, XML, missing parts)
        raise broken from exc
    try:
        return _read_workbook(workbook, mapping, name)
    except InputError as exc:
        raise _named(exc, name) from None
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
        raise broken from exc
    finally:
        workbook.close()


def _read_workbook(workbook: Any, mapping: Mapping[str, str] | None, name: str) -> Register:
    sheets = list(workbook.worksheets)
    best: tuple[tuple[bool, int], Any] | None = None
    complete: list[Any] = []
    first_head: list[tuple[object, ...]] = []
    for sheet in sheets:
        if not hasattr(sheet, "reset_dimensions"):
            continue  # a chart sheet
        sheet.reset_dimensions()  # a stale <dimension> must not cut rows off
        head = [
            row
            for _, row in zip(range(20), sheet.iter_rows(min_row=1, values_only=True), strict=False)
        ]
        if not first_head and any(any(c is not None for c in row) for row in head):
            first_head = head
        found = best_header(head, mapping)
        if found is None:
            continue
        score = (found[1].complete, len(found[1].positions))
        if found[1].complete:
            complete.append(sheet)
        if best is None or score > best[0]:
            best = (score, sheet)
    if best is None:
        # Raises: the register is empty, or no sheet has the columns it needs.
        return read_matrix(enumerate(first_head, start=1), mapping, name)
    if not best[0][0]:
        return _read_sheet(workbook, best[1], mapping, name, len(sheets))  # raises: columns
    # Every sheet with the register's columns is read: offices split a register into
    # "Rammeavtaler" and "Kontrakter" as often as not.
    chosen = [sheet for sheet in sheets if sheet in complete]
    registers = [_read_sheet(workbook, sheet, mapping, name, len(sheets)) for sheet in chosen]
    return merge_registers(registers, name)


def _read_sheet(
    workbook: Any, sheet: Any, mapping: Mapping[str, str] | None, name: str, count: int
) -> Register:
    archive = getattr(workbook, "_archive", None)
    path = getattr(sheet, "_worksheet_path", "")
    covered = _merges(archive, path) if isinstance(archive, zipfile.ZipFile) and path else {}
    rows = sheet.iter_rows(min_row=1, values_only=True)
    title = str(getattr(sheet, "title", ""))
    register = read_matrix(
        _filled(rows, covered),
        mapping,
        f"{name} ({title})" if count > 1 else name,
        allow_empty=True,
    )
    if count > 1:
        register.errors = [replace(p, sheet=title) for p in register.errors]
        register.unread = [replace(p, sheet=title) for p in register.unread]
    return register


def merge_registers(registers: list[Register], name: str) -> Register:
    """One register from several sheets; an id on two sheets keeps its first row."""
    if len(registers) == 1:
        only = registers[0]
        if not only.contracts and not only.errors:
            raise _named(empty_error(), name)
        return only
    merged = Register(
        columns=registers[0].columns,
        names=registers[0].names,
        source=f"{name} ({', '.join(r.source.rsplit('(', 1)[-1].rstrip(')') for r in registers)})",
    )
    seen: dict[str, RowProblem | None] = {}
    for register in registers:
        for contract in register.contracts:
            if contract.contract_id in seen:
                merged.errors.append(
                    RowProblem(
                        contract.row or 0,
                        register.columns.header("kontrakt_id"),
                        contract.contract_id,
                        Phrase(
                            "contract id {contract_id} is also on another sheet; this row is "
                            "left out",
                            contract_id=contract.contract_id,
                        ),
                        True,
                        contract.contract_id,
                        register.source.rsplit("(", 1)[-1].rstrip(")"),
                    )
                )
                continue
            seen[contract.contract_id] = None
            merged.contracts.append(contract)
        merged.errors += register.errors
        merged.unread += register.unread
        merged.warnings += register.warnings
    if not merged.contracts and not merged.errors:
        raise _named(empty_error(), name)
    return merged
