"""Spreadsheets as offices save them (.csv in Excel's encodings, or .xlsx), as rows of text.

Used for what is small or edited by hand (the category mapping) and to turn an .xlsx
ledger into the CSV text DuckDB reads; Excel holds at most 1,048,576 rows, so a sheet
is read once, row by row, in openpyxl's read-only mode.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from datetime import date, datetime

from skills.spend.errors import LedgerFileError

_DELIMITERS = (";", "\t", ",", "|")


def decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252: what Excel writes."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise LedgerFileError(
            "ledger", "{name} is not a text file: save the ledger as CSV (semicolon).", name=name
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def cell_text(value: object) -> str:
    """A cell as text the store reads: dates as ISO, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _csv_rows(text: str) -> list[list[str]]:
    sample = text[:65536].splitlines()[:15]

    def width(delimiter: str) -> int:
        return max((len(row) for row in csv.reader(sample, delimiter=delimiter)), default=0)

    delimiter = max(_DELIMITERS, key=width)
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _xlsx_sheets(data: bytes, name: str) -> Iterator[tuple[str, Iterator[list[str]]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise LedgerFileError(
            "ledger",
            "{name} is not an Excel workbook that can be read ({reason}). Save it again as "
            ".xlsx or as CSV.",
            name=name,
            reason=type(exc).__name__,
        ) from exc
    try:
        for sheet in book.worksheets:
            rows = (
                [cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)
            )
            yield sheet.title, rows
    finally:
        book.close()


def sheet_rows(data: bytes, name: str) -> Iterator[tuple[str, Iterator[list[str]]]]:
    """(sheet name, rows of cell text) for each sheet; a CSV file is one sheet."""
    if name.lower().endswith((".xlsx", ".xlsm")):
        if not data.startswith(b"PK"):
            raise LedgerFileError(
                "ledger",
                "{name} is called a workbook but is not one. Save it again as .xlsx or as CSV.",
                name=name,
            )
        yield from _xlsx_sheets(data, name)
        return
    yield "", iter(_csv_rows(decode(data, name)))
