"""Ledger lines in one DuckDB file: loaded once per file, all or nothing.

DuckDB reads the office's export itself (a county's year is one to five million lines),
so no line passes through Python: the header row is found and the columns recognised
from the first lines, then one SQL statement normalises amounts written as "1 234,50",
dates as 31.12.2026, org. numbers with spaces and four-digit accounts to their KOSTRA
art, and stores them. A file is known by its SHA-256, so loading it again changes
nothing; a file with unreadable lines is refused whole, with the lines named.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from skills.i18n import Joined, Lang, Phrase, tr
from skills.spend.columns import FIELDS, LedgerColumns, match_ledger_columns
from skills.spend.errors import LedgerFileError
from skills.spend.rows import LedgerRow

if TYPE_CHECKING:
    from skills.spend.ehf import Invoice
from skills.spend.sheets import decode, sheet_rows

_SCHEMA = """
CREATE SEQUENCE IF NOT EXISTS file_numbers START 1;
CREATE TABLE IF NOT EXISTS loads (
    file_sha VARCHAR PRIMARY KEY,
    file_no INTEGER NOT NULL,      -- what each line carries: four bytes, not a 64-char hash
    name VARCHAR NOT NULL,
    entity VARCHAR NOT NULL,
    lines BIGINT NOT NULL,
    loaded_at TIMESTAMP DEFAULT current_timestamp,
    source VARCHAR                 -- where the file lives; a new version replaces the old
);
CREATE TABLE IF NOT EXISTS lines (
    file_no INTEGER NOT NULL,
    entity VARCHAR NOT NULL,
    line BIGINT NOT NULL,          -- the line in the file, as a spreadsheet numbers it
    bilagsdato DATE NOT NULL,
    bilagsnr VARCHAR,
    leverandornr VARCHAR,
    leverandor VARCHAR,
    org_nr VARCHAR,                -- nine digits, or NULL
    art VARCHAR NOT NULL,          -- the three-digit KOSTRA art
    konto VARCHAR,                 -- the account as written
    ansvar VARCHAR,
    tjeneste VARCHAR,
    prosjekt VARCHAR,
    belop DECIMAL(18, 2) NOT NULL,
    fakturanr VARCHAR              -- the supplier's invoice number, where the source has it
);
-- EHF invoices: not spend of their own (the ledger books them), but the classification
-- of their lines names the category of the ledger lines they match.
CREATE TABLE IF NOT EXISTS invoices (
    file_sha VARCHAR PRIMARY KEY,
    entity VARCHAR NOT NULL,
    invoice_id VARCHAR NOT NULL,
    org_nr VARCHAR NOT NULL,
    issue_date DATE NOT NULL,
    total DECIMAL(18, 2) NOT NULL,
    source VARCHAR
);
CREATE TABLE IF NOT EXISTS invoice_lines (
    file_sha VARCHAR NOT NULL,
    line_id VARCHAR NOT NULL,
    amount DECIMAL(18, 2) NOT NULL,
    scheme VARCHAR,
    code VARCHAR
);
-- SharePoint items already read, by id and eTag: an unchanged library is not downloaded.
CREATE TABLE IF NOT EXISTS drive_items (item_id VARCHAR PRIMARY KEY, etag VARCHAR NOT NULL);
"""
# Files written before the layout above kept the hash on every line: their lines are
# dropped and their files loaded again from the sources.
_OLD_LAYOUT = (
    "SELECT count(*) FROM information_schema.columns "
    "WHERE table_name = 'lines' AND column_name = 'file_sha'"
)
_DELIMITERS = (";", "\t", ",", "|")
MAX_LISTED = 20  # unreadable lines named in the message; the count says how many in all


@dataclass(frozen=True)
class LoadResult:
    name: str
    entity: str
    lines: int
    already: bool  # the same file was loaded before: nothing changed
    kind: str = "ledger"  # or "invoice"

    def describe(self, lang: Lang) -> str:
        if self.already:
            return tr(lang, "{name}: already loaded ({lines} lines), not counted again.",
                      name=self.name, lines=self.lines)  # fmt: skip
        if self.kind == "invoice":
            return tr(lang, "{name}: invoice with {lines} lines read for {entity}.",
                      name=self.name, lines=self.lines, entity=self.entity)  # fmt: skip
        return tr(lang, "{name}: {lines} lines loaded for {entity}.",
                  name=self.name, lines=self.lines, entity=self.entity)  # fmt: skip


@dataclass(frozen=True)
class _Layout:
    delimiter: str
    header_line: int  # 1-based
    columns: LedgerColumns
    width: int
    line_column: int | None = None  # a column holding each row's place in its source


# How a missing field is named to people: by the header an export would give it.
_HEADER_NAMES = {
    "bilagsdato": "Bilagsdato",
    "art": "Art/Konto",
    "belop": "Beløp",
    "leverandor": "Leverandør/Org.nr.",
}


def _layout(text: str, name: str) -> _Layout:
    """The delimiter and header row under which the most ledger fields are recognised."""
    sample = text[:65536]
    best: _Layout | None = None
    for delimiter in _DELIMITERS:
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        for number, row in zip(range(1, 16), reader, strict=False):
            columns = match_ledger_columns(row)
            if best is None or len(columns.positions) > len(best.columns.positions):
                best = _Layout(delimiter, number, columns, len(row))
    if best is None or not best.columns.positions:
        raise LedgerFileError(
            "ledger",
            "{name}: found no ledger columns. Columns the export needs: Bilagsdato, Art (or "
            "Konto), Beløp, and Leverandør or Org.nr.",
            name=name,
        )
    missing = best.columns.missing
    if missing:
        raise LedgerFileError(
            "ledger",
            "{name}: the columns {missing} are missing. Columns found: {found}.",
            name=name,
            missing=", ".join(_HEADER_NAMES.get(field, field) for field in missing),
            found="; ".join(h for h in best.columns.headers if h) or Phrase("none"),
        )
    return best


def _ragged(path: Path, name: str, layout: _Layout, exc: Exception) -> LedgerFileError:
    """Why DuckDB could not read the file, said by line: rows with more cells than the
    header (a stray delimiter) or a quote never closed."""
    bad: list[Phrase] = []
    with path.open(encoding="utf-8", errors="replace", newline="") as stream:
        rows = csv.reader(stream, delimiter=layout.delimiter)
        for number, row in enumerate(rows, start=1):
            if number <= layout.header_line:
                continue
            if len(row) > layout.width and any(cell.strip() for cell in row[layout.width :]):
                bad.append(Phrase("line {line} has {count} cells, the header {width}",
                                  line=number, count=len(row), width=layout.width))  # fmt: skip
            elif any("\n" in cell for cell in row):
                bad.append(Phrase("a quote opened on line {line} is never closed", line=number))
            if len(bad) >= MAX_LISTED:
                break
    if bad:
        return LedgerFileError(
            "ledger",
            "{name} is not a well-formed CSV file, so nothing was loaded: {lines}. Export it "
            "again, or correct those lines in Excel.",
            name=name,
            lines=Joined(tuple(bad), "; "),
        )
    return LedgerFileError(
        "ledger",
        "{name} could not be read as a CSV file ({reason}); nothing was loaded.",
        name=name,
        reason=str(exc).splitlines()[0][:160],
    )


def _utf8_file(path: Path) -> tuple[str, str] | None:
    """(SHA-256, the first megabyte as text) of a UTF-8 file without a BOM, read a
    megabyte at a time; None for any other encoding. A county's year is hundreds of
    megabytes: held whole as bytes, text and text encoded again it took over a gigabyte."""
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")()
    head: str | None = None
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            if head is None and (chunk.startswith(codecs.BOM_UTF8) or b"\x00" in chunk[:4096]):
                return None  # a BOM, UTF-16 or not text: decode() decides, as before
            digest.update(chunk)
            try:
                text = decoder.decode(chunk)
            except UnicodeDecodeError:
                return None
            if head is None:
                head = text
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return None
    return digest.hexdigest(), head or ""


def _cell(layout: _Layout, field: str) -> str:
    index = layout.columns.positions.get(field)
    return "NULL" if index is None else f"nullif(trim(c{index}), '')"


def _select(layout: _Layout, entity: str) -> str:
    """Raw text columns to typed ledger fields; unreadable values become NULL."""
    a = f"regexp_replace({_cell(layout, 'belop')}, '[\\s\u00a0]', '', 'g')"
    # The last separator is the decimal one when both appear ("1.234,50", "1,234.50");
    # a lone one followed by groups of exactly three digits is a thousands separator
    # ("1.234" and "12,345,678" are whole kroner); otherwise a lone comma or point is
    # the decimal separator ("234,50", "234.50").
    amount = (
        f"TRY_CAST(CASE "
        f"WHEN strpos({a}, ',') > 0 AND strpos({a}, '.') > 0 THEN "
        f"CASE WHEN instr(reverse({a}), ',') < instr(reverse({a}), '.') "
        f"THEN replace(replace({a}, '.', ''), ',', '.') ELSE replace({a}, ',', '') END "
        f"WHEN regexp_full_match({a}, '-?[0-9]{{1,3}}([,.][0-9]{{3}})+') "
        f"THEN replace(replace({a}, '.', ''), ',', '') "
        f"ELSE replace({a}, ',', '.') END AS DECIMAL(18, 2))"
    )
    day = _cell(layout, "bilagsdato")
    date = (
        f"CAST(COALESCE(TRY_STRPTIME({day}, '%d.%m.%Y'), TRY_STRPTIME({day}, '%Y-%m-%d'), "
        f"TRY_STRPTIME({day}, '%d.%m.%y'), TRY_STRPTIME(left({day}, 10), '%Y-%m-%d')) AS DATE)"
    )
    digits = f"regexp_replace({_cell(layout, 'org_nr')}, '[^0-9]', '', 'g')"
    account = f"regexp_replace({_cell(layout, 'art')}, '[^0-9]', '', 'g')"
    line = (
        f"raw.rowid + 1 + {layout.header_line}"
        if layout.line_column is None
        else f"CAST(c{layout.line_column} AS BIGINT)"
    )
    return f"""
        SELECT $file_no AS file_no, $entity AS entity,
               {line} AS line,
               {date} AS bilagsdato,
               {_cell(layout, "bilagsnr")} AS bilagsnr,
               {_cell(layout, "leverandornr")} AS leverandornr,
               {_cell(layout, "leverandor")} AS leverandor,
               CASE WHEN length({digits}) = 9 THEN {digits} END AS org_nr,
               CASE WHEN length({account}) >= 3 THEN left({account}, 3) END AS art,
               {_cell(layout, "art")} AS konto,
               {_cell(layout, "ansvar")} AS ansvar,
               {_cell(layout, "tjeneste")} AS tjeneste,
               {_cell(layout, "prosjekt")} AS prosjekt,
               {amount} AS belop,
               {_cell(layout, "fakturanr")} AS fakturanr,
               {_cell(layout, "belop")} AS belop_raw,
               {day} AS dato_raw,
               {_cell(layout, "art")} AS art_raw
        FROM raw
    """


def _workbook_text(data: bytes, name: str) -> str:
    """The sheet holding the ledger, as semicolon CSV text: the sheet under whose header
    the most ledger fields are recognised."""
    best: tuple[int, str] | None = None
    for _, rows in sheet_rows(data, name):
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=";").writerows(rows)
        text = buffer.getvalue()
        try:
            found = len(_layout(text, name).columns.positions)
        except LedgerFileError:
            continue
        if best is None or found > best[0]:
            best = (found, text)
    if best is None:
        raise LedgerFileError(
            "ledger",
            "{name}: no sheet has the ledger's columns. Columns the export needs: Bilagsdato, "
            "Art (or Konto), Beløp, and Leverandør or Org.nr.",
            name=name,
        )
    return best[1]


ART_KINDS = Path(__file__).parent / "data" / "art_kinds.csv"
MEMORY_LIMIT = "1GB"


def purchase_ranges(path: Path = ART_KINDS) -> tuple[tuple[str, str], ...]:
    """The KOSTRA art ranges that are purchases (`slag` = kjøp), as three-digit bounds."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    rows = csv.DictReader(lines, delimiter=";")
    return tuple((row["fra"], row["til"]) for row in rows if row["slag"] == "kjøp")


class SpendStore:
    """The ledger lines of every entity, in one DuckDB file (SPEND_DB)."""

    def __init__(
        self, path: Path, art_kinds: Path | None = None, memory_limit: str = MEMORY_LIMIT
    ) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.art_kinds = art_kinds or ART_KINDS
        # DuckDB takes 80 % of RAM by default; the bot shares its machine, so larger
        # steps spill to a temporary folder beside the file instead.
        self._db = duckdb.connect(str(path), config={"memory_limit": memory_limit})
        old = self._db.execute(_OLD_LAYOUT).fetchone()
        if old is not None and old[0]:
            self._db.execute("DROP TABLE lines; DROP TABLE loads")
        self._db.execute(_SCHEMA)

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        return self._db

    def close(self) -> None:
        self._db.close()

    def load(self, path: Path, entity: str, source: str = "") -> LoadResult:
        """One file of ledger lines for `entity`: .csv/.txt as exported, or an .xlsx sheet.

        `source` names where the file lives (default: the entity and the file name); a
        corrected version of it replaces the lines of the one loaded before."""
        source = source or f"{entity}/{path.name}"
        if path.suffix.lower() not in (".xlsx", ".xlsm"):
            utf8 = _utf8_file(path)
            if utf8 is not None:  # UTF-8 already: DuckDB reads the file as is
                sha, head = utf8
                known = self._already(sha, path.name, entity, source)
                if known is not None:
                    return known
                layout = _layout(head, path.name)
                return self._load(path, path.name, entity, sha, layout, source)
        data = path.read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        known = self._already(sha, path.name, entity, source)
        if known is not None:
            return known
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            text = _workbook_text(data, path.name)
        else:
            text = decode(data, path.name)
        layout = _layout(text, path.name)
        with tempfile.TemporaryDirectory() as scratch:
            copy = Path(scratch) / "ledger.csv"
            copy.write_text(text, encoding="utf-8")
            return self._load(copy, path.name, entity, sha, layout, source)

    def seen(self, item_id: str, etag: str) -> bool:
        found = self._db.execute(
            "SELECT 1 FROM drive_items WHERE item_id = ? AND etag = ?", [item_id, etag]
        ).fetchone()
        return found is not None and bool(etag)

    def remember(self, item_id: str, etag: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO drive_items VALUES (?, ?)", [item_id, etag])

    def _already(self, sha: str, name: str, entity: str, source: str) -> LoadResult | None:
        """The same bytes loaded before: counted once. Moved to another entity's folder
        (the same source), its lines move with it; the same file for two entities from
        two places is refused, since the same lines cannot belong to both."""
        found = self._db.execute(
            "SELECT lines, entity, source, name, file_no FROM loads WHERE file_sha = ?", [sha]
        ).fetchone()
        if found is None:
            return None
        lines, was, where, other, file_no = found
        if was == entity:
            return LoadResult(name, entity, int(lines), already=True)
        if where == source:
            self._db.execute("UPDATE lines SET entity = ? WHERE file_no = ?", [entity, file_no])
            self._db.execute("UPDATE loads SET entity = ? WHERE file_no = ?", [entity, file_no])
            return LoadResult(name, entity, int(lines), already=False)
        raise LedgerFileError(
            "ledger",
            "{name} is the same file as {other}, already loaded for {entity}. Remove one of "
            "them: the same lines cannot belong to two entities.",
            name=name,
            other=other,
            entity=was,
        )

    def forget_missing(self, prefix: str, keep: set[str]) -> int:
        """Drop what files under `prefix` gave when they are no longer among `keep` (a
        file deleted from the library); how many files were dropped."""
        gone = [
            str(row[0])
            for row in self._db.execute(
                "SELECT source FROM loads WHERE starts_with(source, ?) "
                "UNION SELECT source FROM invoices WHERE starts_with(source, ?)",
                [prefix, prefix],
            ).fetchall()
            if row[0] not in keep
        ]
        for source in gone:
            self._db.execute("BEGIN TRANSACTION")
            try:
                self._replace(source)
                self._db.execute(
                    "DELETE FROM invoice_lines WHERE file_sha IN "
                    "(SELECT file_sha FROM invoices WHERE source = ?)",
                    [source],
                )
                self._db.execute("DELETE FROM invoices WHERE source = ?", [source])
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return len(gone)

    def _repeats(self, file_no: int, entity: str, name: str, lines: int) -> None:
        """Inside the load's transaction: a file whose lines are mostly the same vouchers
        (number, date, amount) as another file of the entity is a re-export, and would
        count them twice."""
        if lines == 0:
            return
        others = self._db.execute(
            "SELECT count(*) FROM loads WHERE entity = ? AND file_no <> ?", [entity, file_no]
        ).fetchone()
        if not others or not others[0]:
            return
        found = self._db.execute(
            "SELECT d.name, count(*) FROM lines n JOIN lines o ON o.entity = n.entity "
            "AND o.bilagsnr = n.bilagsnr AND o.bilagsdato = n.bilagsdato AND o.belop = n.belop "
            "AND o.file_no <> n.file_no JOIN loads d ON d.file_no = o.file_no "
            "WHERE n.file_no = ? AND n.entity = ? GROUP BY d.name ORDER BY 2 DESC LIMIT 1",
            [file_no, entity],
        ).fetchone()
        if found is not None and int(found[1]) * 2 > lines:
            raise LedgerFileError(
                "ledger",
                "{name} repeats {count} of its {lines} lines (the same voucher, date and "
                "amount) from {other}, already loaded for {entity}. If it replaces that file, "
                "give it the same name or remove the old one; nothing was loaded.",
                name=name,
                count=int(found[1]),
                lines=lines,
                other=str(found[0]),
                entity=entity,
            )

    def loaded(self, sha: str) -> int | None:
        """The lines a file with this SHA-256 gave when it was loaded, or None."""
        known = self._db.execute("SELECT lines FROM loads WHERE file_sha = ?", [sha]).fetchone()
        return None if known is None else int(known[0])

    def load_rows(
        self, rows: Iterable[LedgerRow], name: str, sha: str, entity: str, source: str = ""
    ) -> LoadResult:
        """Rows read from an XML source (SAF-T), through the same typing and checks."""
        known = self._already(sha, name, entity, source or f"{entity}/{name}")
        if known is not None:
            return known
        header = (*LedgerRow._fields,)
        layout = _Layout(
            ",",
            1,
            match_ledger_columns(header),
            len(header),
            line_column=header.index("line"),
        )
        with tempfile.TemporaryDirectory() as scratch:
            copy = Path(scratch) / "rows.csv"
            with copy.open("w", encoding="utf-8", newline="") as out:
                writer = csv.writer(out)
                writer.writerow(header)
                writer.writerows(rows)
            return self._load(copy, name, entity, sha, layout, source or f"{entity}/{name}")

    def _replace(self, source: str) -> None:
        """Inside a load's transaction: forget what an earlier version of `source` gave."""
        self._db.execute(
            "DELETE FROM lines WHERE file_no IN (SELECT file_no FROM loads WHERE source = ?)",
            [source],
        )
        self._db.execute("DELETE FROM loads WHERE source = ?", [source])

    def _load(
        self, path: Path, name: str, entity: str, sha: str, layout: _Layout, source: str
    ) -> LoadResult:
        names = [f"c{i}" for i in range(layout.width)]
        # Read outside the transaction: a temporary table filled there numbers its rows
        # from 0 in file order, so `rowid` gives each line its place without a window
        # over five million rows (and `raw` is not part of what is kept).
        try:
            try:
                self._db.execute(
                    "CREATE OR REPLACE TEMP TABLE raw AS SELECT * FROM read_csv(?, delim = ?, "
                    "header = false, skip = ?, all_varchar = true, names = ?, "
                    "null_padding = true, quote = '\"')",
                    [str(path), layout.delimiter, layout.header_line, names],
                )
            except duckdb.InvalidInputException as exc:
                raise _ragged(path, name, layout, exc) from None
            self._db.execute("BEGIN TRANSACTION")
            try:
                self._replace(source)
                # The table's NOT NULL columns refuse any line with an unreadable amount,
                # date or art, so readable files are typed and stored in one pass; only a
                # refused file is typed again to name its lines.
                numbered = self._db.execute("SELECT nextval('file_numbers')").fetchone()
                file_no = int(numbered[0]) if numbered else 0
                count = self._db.execute(
                    "INSERT INTO lines SELECT file_no, entity, line, bilagsdato, bilagsnr, "
                    "leverandornr, leverandor, org_nr, art, konto, ansvar, tjeneste, prosjekt, "
                    f"belop, fakturanr FROM ({_select(layout, entity)}) "
                    "WHERE belop_raw IS NOT NULL OR dato_raw IS NOT NULL",
                    {"entity": entity, "file_no": file_no},
                ).fetchone()
                lines = int(count[0]) if count else 0
                self._repeats(file_no, entity, name, lines)
                self._db.execute(
                    "INSERT INTO loads (file_sha, file_no, name, entity, lines, source) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    [sha, file_no, name, entity, lines, source],
                )
                self._db.execute("COMMIT")
            except duckdb.ConstraintException:
                self._db.execute("ROLLBACK")
                self._db.execute(
                    f"CREATE OR REPLACE TEMP TABLE typed AS {_select(layout, entity)}",
                    {"entity": entity, "file_no": 0},
                )
                self._refuse_unreadable(name)
                raise
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        finally:
            self._db.execute("DROP TABLE IF EXISTS raw; DROP TABLE IF EXISTS typed")
        return LoadResult(name, entity, lines, already=False)

    def _refuse_unreadable(self, name: str) -> None:
        """Lines with an amount, date or art that cannot be read: named, nothing loaded."""
        bad = self._db.execute(
            "SELECT line, CASE WHEN belop IS NULL THEN 'belop' WHEN bilagsdato IS NULL "
            "THEN 'bilagsdato' ELSE 'art' END, coalesce(CASE WHEN belop IS NULL THEN belop_raw "
            "WHEN bilagsdato IS NULL THEN dato_raw ELSE art_raw END, '') "
            "FROM typed WHERE (belop_raw IS NOT NULL OR dato_raw IS NOT NULL) "
            "AND (belop IS NULL OR bilagsdato IS NULL OR art IS NULL) ORDER BY line"
        ).fetchall()
        if not bad:
            return
        listed = tuple(
            Phrase("line {line}, {field}: “{value}”", line=line, field=field, value=value)
            for line, field, value in bad[:MAX_LISTED]
        )
        raise LedgerFileError(
            "ledger",
            "{name}: {count} lines could not be read, so nothing was loaded: {lines}",
            name=name,
            count=len(bad),
            lines=Joined(listed, "; "),
        )

    def load_invoice(
        self, invoice: Invoice, name: str, sha: str, entity: str, source: str = ""
    ) -> LoadResult:
        """An EHF invoice: kept for the classification of its lines, not as spend."""
        source = source or f"{entity}/{name}"
        known = self._db.execute(
            "SELECT count(*) FROM invoice_lines WHERE file_sha = ?", [sha]
        ).fetchone()
        exists = self._db.execute("SELECT 1 FROM invoices WHERE file_sha = ?", [sha]).fetchone()
        if exists is not None:
            return LoadResult(name, entity, int(known[0]) if known else 0, True, "invoice")
        self._db.execute("BEGIN TRANSACTION")
        try:
            self._db.execute(
                "DELETE FROM invoice_lines WHERE file_sha IN "
                "(SELECT file_sha FROM invoices WHERE source = ?)",
                [source],
            )
            self._db.execute("DELETE FROM invoices WHERE source = ?", [source])
            self._db.execute(
                "INSERT INTO invoices VALUES (?, ?, ?, ?, ?, ?, ?)",
                [sha, entity, invoice.invoice_id, invoice.supplier_org_nr, invoice.issue_date,
                 invoice.total_excl_vat, source],
            )  # fmt: skip
            rows = [
                (sha, line.line_id, line.amount, line.scheme or None, line.code or None)
                for line in invoice.lines
            ]
            if rows:
                self._db.executemany("INSERT INTO invoice_lines VALUES (?, ?, ?, ?, ?)", rows)
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        return LoadResult(name, entity, len(rows), False, "invoice")

    def purchases(self) -> str:
        """The SQL condition on `art` for a purchase, from the art kinds file."""
        ranges = purchase_ranges(self.art_kinds)
        return " OR ".join(f"art BETWEEN '{low}' AND '{high}'" for low, high in ranges) or "false"

    def spend_by_supplier(
        self, year: int, entity: str | None = None
    ) -> list[tuple[str, str, float]]:
        """(org. no. or "", supplier name, spend) for purchases in a year, largest first."""
        rows = self._db.execute(
            "SELECT coalesce(org_nr, ''), coalesce(any_value(leverandor), ''), "
            "sum(belop) FROM lines WHERE year(bilagsdato) = ? "
            f"AND ({self.purchases()}) AND (? IS NULL OR entity = ?) "
            "GROUP BY coalesce(org_nr, ''), CASE WHEN org_nr IS NULL THEN leverandor END "
            "ORDER BY 3 DESC",
            [year, entity, entity],
        ).fetchall()
        return [(str(o), str(n), float(s)) for o, n, s in rows]

    def line_count(self) -> int:
        found = self._db.execute("SELECT count(*) FROM lines").fetchone()
        return int(found[0]) if found else 0


__all__ = ["FIELDS", "LedgerFileError", "LoadResult", "SpendStore"]
