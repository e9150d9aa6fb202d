"""Read the contract register from rows of text, whatever they came from.

A row that cannot be used is reported with its row number and the reason, and
every other row is still used: one typo must not hide forty deadlines.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from skills.contracts.amendments import parse_amendments
from skills.contracts.calendar import parse_date
from skills.contracts.engine import warnings_of
from skills.contracts.model import Contract, RegisterWarning, RowError
from skills.contracts.orgnr import is_valid_orgnr, normalize_orgnr

COLUMNS = (
    "kontrakt_id",
    "tittel",
    "leverandor",
    "org_nr",
    "eier",
    "kategori",
    "avtaletype",
    "start",
    "slutt",
    "opsjoner",
    "opsjon_varsel_mnd",
    "fornyes_automatisk",
    "oppsigelse_mnd",
    "ledetid_mnd",
    "status",
    "endringer",
)
INACTIVE = {"utløpt", "utlopt", "avsluttet"}
_OPTION = re.compile(r"^(\d{1,2})\s*(m|mnd\.?|måned|måneder|år|å|a|y)?$", re.IGNORECASE)
_MONTH_UNITS = ("m", "mnd", "mnd.", "måned", "måneder")


@dataclass
class Register:
    contracts: list[Contract] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RegisterWarning] = field(default_factory=list)


def parse_options(text: str) -> tuple[int, ...]:
    """`1+1` (years), `6m+6m` (months), `2+1+1`, empty -> remaining option lengths in months.

    People write "6+6 mnd" and mean six months twice, so a unit after the last part
    applies to every part without its own unit; a part with a unit keeps it ("6m+1 år").
    With no unit at all the lengths are years.
    """
    raw = text.strip()
    if not raw:
        return ()
    parts: list[tuple[int, str]] = []
    for part in raw.split("+"):
        match = _OPTION.match(part.strip())
        if match is None or int(match.group(1)) == 0:
            raise ValueError(f"impossible options '{raw}' (write e.g. 1+1 or 6m+6m)")
        parts.append((int(match.group(1)), (match.group(2) or "").lower()))
    trailing = parts[-1][1]
    return tuple(n * (1 if (unit or trailing) in _MONTH_UNITS else 12) for n, unit in parts)


def _months(value: str, name: str, default: int | None) -> int | None:
    raw = value.strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) > 120:
        raise ValueError(f"{name} must be a whole number of months, got '{raw}'")
    return int(raw)


def _yes(value: str, name: str) -> bool:
    raw = value.strip().lower()
    if raw in ("", "nei", "no", "n", "false", "0"):
        return False
    if raw in ("ja", "yes", "j", "y", "true", "1"):
        return True
    raise ValueError(f"{name} must be ja or nei, got '{value.strip()}'")


def normalize_row(row: Mapping[str, object], mapping: Mapping[str, str]) -> dict[str, str]:
    """Header names are case-insensitive; `mapping` maps our column to the office's name."""
    lowered = {str(k).strip().lower(): "" if v is None else str(v).strip() for k, v in row.items()}
    return {column: lowered.get(mapping.get(column, column).lower(), "") for column in COLUMNS}


def contract_from_row(values: Mapping[str, str], row: int, item_id: str | None = None) -> Contract:
    contract_id = values["kontrakt_id"]
    if not contract_id:
        raise ValueError("kontrakt_id is missing")
    if not values["slutt"]:
        raise ValueError("slutt (current end date) is missing")
    end = parse_date(values["slutt"])
    start = parse_date(values["start"]) if values["start"] else None
    if start is not None and start > end:
        raise ValueError(f"start {start.isoformat()} is after slutt {end.isoformat()}")
    agreement = values["avtaletype"].lower() or "kontrakt"
    if agreement not in ("rammeavtale", "kontrakt"):
        raise ValueError(f"avtaletype must be rammeavtale or kontrakt, got '{agreement}'")
    framework = agreement == "rammeavtale"
    status = values["status"].lower() or "aktiv"
    if status == "utlopt":
        status = "utløpt"
    if status not in ("aktiv", *INACTIVE):
        raise ValueError(f"status must be aktiv, utløpt or avsluttet, got '{status}'")
    org_nr = normalize_orgnr(values["org_nr"])
    if org_nr and not is_valid_orgnr(org_nr):
        raise ValueError(f"org_nr '{values['org_nr']}' is not a valid organisation number")
    auto_renew = _yes(values["fornyes_automatisk"], "fornyes_automatisk")
    termination = _months(values["oppsigelse_mnd"], "oppsigelse_mnd", None)
    if auto_renew and termination is None:
        raise ValueError("oppsigelse_mnd is required when fornyes_automatisk is ja")
    return Contract(
        contract_id=contract_id,
        title=values["tittel"],
        supplier=values["leverandor"],
        org_nr=org_nr,
        owner=values["eier"].lower(),
        category=values["kategori"],
        framework=framework,
        period_start=start,
        period_end=end,
        options_months=parse_options(values["opsjoner"]),
        option_notice_months=_months(values["opsjon_varsel_mnd"], "opsjon_varsel_mnd", 3) or 0,
        auto_renew=auto_renew,
        termination_notice_months=termination,
        lead_time_months=_months(values["ledetid_mnd"], "ledetid_mnd", 12 if framework else 6) or 0,
        status=status,
        row=row,
        item_id=item_id,
        amendments=parse_amendments(values["endringer"])[0],
    )


def read_rows(
    rows: Iterable[tuple[int, Mapping[str, object], str | None]],
    mapping: Mapping[str, str] | None = None,
) -> Register:
    """`rows` are (row number, raw row, SharePoint item id or None)."""
    register = Register()
    seen: set[str] = set()
    for number, raw, item_id in rows:
        values = normalize_row(raw, mapping or {})
        if not any(values.values()):
            continue
        try:
            contract = contract_from_row(values, number, item_id)
            if contract.contract_id in seen:
                raise ValueError(f"kontrakt_id {contract.contract_id} appears twice")
        except ValueError as exc:
            register.errors.append(RowError(number, str(exc)))
            continue
        seen.add(contract.contract_id)
        register.contracts.append(contract)
        register.warnings.extend(warnings_of(contract))
        register.warnings.extend(
            RegisterWarning(contract.contract_id, "bad_amendment", problem)
            for problem in parse_amendments(values["endringer"])[1]
        )
    return register


def read_csv_text(text: str, mapping: Mapping[str, str] | None = None) -> Register:
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    return read_rows(((n, row, None) for n, row in enumerate(reader, start=2)), mapping)


def read_register_file(path: Path, mapping: Mapping[str, str] | None = None) -> Register:
    """A .csv (UTF-8, `;` or `,`) or an .xlsx (first sheet, header in row 1).

    A file that is not what its name says raises ValueError naming the file, never a
    zip or codec error from deep inside the reader; a missing file is an OSError.
    """
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return read_csv_text(_csv_text(path), mapping)
    if suffix in (".xlsx", ".xlsm"):
        return read_rows(_xlsx_rows(path), mapping)
    raise ValueError(f"{path.name}: the register must be a .csv or .xlsx file")


def _csv_text(path: Path) -> str:
    not_text = f"{path.name} could not be read as text: save the register as UTF-8 CSV"
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(not_text) from exc
    if "\x00" in text:
        raise ValueError(not_text)
    return text


def _xlsx_rows(path: Path) -> list[tuple[int, Mapping[str, object], str | None]]:
    from openpyxl import load_workbook

    data = path.read_bytes()  # a missing or unreadable file stays an OSError
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            lines = sheet.iter_rows(values_only=True)
            header = [str(h or "").strip() for h in next(lines, ())]
            return [
                (n, dict(zip(header, (_cell(v) for v in values), strict=False)), None)
                for n, values in enumerate(lines, start=2)
            ]
        finally:
            workbook.close()
    except Exception as exc:  # openpyxl fails in many ways (zip, XML, missing parts)
        raise ValueError(
            f"{path.name} could not be read as a spreadsheet: save it as an Excel workbook "
            "(.xlsx) or as CSV"
        ) from exc


def _cell(value: object) -> str:
    """Excel hands dates over as datetimes; the register reads text."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)
