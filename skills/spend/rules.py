"""The rules that put a ledger line in a category, in the order they are tried.

1. The office's own mapping file: a spreadsheet whose rows name ledger values (any of
   Org.nr., Leverandør, Lev.nr, Art, Ansvar, Tjeneste, Prosjekt) and a Kategori. A row
   matches a line when every filled cell equals the line's value; the first matching row
   wins, as an analyst reads the sheet top to bottom.
2. The classification on the supplier's EHF invoice lines (CPV or UNSPSC, longest prefix).
3. The KOSTRA art, where the art names one kind of purchase.
4. The supplier's usual category (see analysis.py).

Categories are compared by `category_key`, so "IKT", "ikt " and "Ikt" are one category;
the register's spelling is the one shown.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from skills.contracts.columns import header_key
from skills.spend.columns import match_ledger_columns
from skills.spend.errors import LedgerFileError
from skills.spend.sheets import sheet_rows

DATA = Path(__file__).parent / "data"
ART_CATEGORIES = DATA / "art_categories.csv"
CODE_CATEGORIES = DATA / "code_categories.csv"

# The ledger fields an office rule may name.
RULE_FIELDS = ("org_nr", "leverandornr", "leverandor", "art", "ansvar", "tjeneste", "prosjekt")
_CATEGORY_HEADERS = {
    header_key(h)
    for h in ("Kategori", "Innkjøpskategori", "Anskaffelseskategori", "Category", "Kategorinavn")
}


def category_key(name: str) -> str:
    return " ".join(name.casefold().split())


def rule_value(field: str, raw: str) -> str:
    """A cell as the store keeps the same field, so a rule and a line compare equal."""
    text = raw.strip()
    if field == "org_nr":
        return "".join(ch for ch in text if ch.isdigit())
    if field == "art":
        return "".join(ch for ch in text if ch.isdigit())[:3]
    if field == "leverandor":
        return " ".join(text.casefold().split())
    return text


@dataclass(frozen=True)
class OfficeRule:
    row: int  # the row as the spreadsheet numbers it
    conditions: tuple[tuple[str, str], ...]  # (field, value as the store keeps it)
    category: str


@dataclass(frozen=True)
class CategoryRules:
    office: tuple[OfficeRule, ...] = ()
    codes: tuple[tuple[str, str, str], ...] = ()  # (scheme, prefix, category)
    arts: tuple[tuple[str, str], ...] = ()  # (art, category)
    office_source: str = ""

    def names(self) -> set[str]:
        found = {rule.category for rule in self.office}
        found.update(category for _, _, category in self.codes)
        found.update(category for _, category in self.arts)
        return found


def _data_rows(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    return list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter=";"))


def read_art_categories(path: Path = ART_CATEGORIES) -> tuple[tuple[str, str], ...]:
    return tuple((row["art"], row["kategori"]) for row in _data_rows(path))


def read_code_categories(path: Path = CODE_CATEGORIES) -> tuple[tuple[str, str, str], ...]:
    return tuple((row["ordning"], row["prefiks"], row["kategori"]) for row in _data_rows(path))


def _cell(cells: list[str], index: int) -> str:
    return cells[index].strip() if index < len(cells) else ""


def read_office_rules(data: bytes, name: str) -> tuple[OfficeRule, ...]:
    """The office's mapping sheet (.csv or .xlsx): the first sheet with a Kategori column
    and a ledger column under it. Without one the file is refused, naming what it needs."""
    for _, rows in sheet_rows(data, name):
        for number, header in zip(range(1, 16), rows, strict=False):
            keys = [header_key(cell) for cell in header]
            target = next((i for i, key in enumerate(keys) if key in _CATEGORY_HEADERS), None)
            positions = match_ledger_columns(header).positions
            fields = {f: i for f, i in positions.items() if f in RULE_FIELDS}
            if target is None or not fields:
                continue
            rules = []
            for line, cells in enumerate(rows, start=number + 1):
                category = _cell(cells, target)
                conditions = tuple(
                    (field, rule_value(field, _cell(cells, index)))
                    for field, index in fields.items()
                    if _cell(cells, index)
                )
                if category and conditions:
                    rules.append(OfficeRule(line, conditions, category))
            return tuple(rules)
    raise LedgerFileError(
        "categories",
        "{name}: a category mapping needs a Kategori column and at least one ledger column "
        "(Org.nr., Leverandør, Art, Ansvar, Tjeneste or Prosjekt).",
        name=name,
    )


def load_rules(
    office_file: Path | None = None,
    art_file: Path = ART_CATEGORIES,
    code_file: Path = CODE_CATEGORIES,
) -> CategoryRules:
    office: tuple[OfficeRule, ...] = ()
    if office_file is not None:
        office = read_office_rules(office_file.read_bytes(), office_file.name)
    return CategoryRules(
        office=office,
        codes=read_code_categories(code_file),
        arts=read_art_categories(art_file),
        office_source=office_file.name if office_file is not None else "",
    )
