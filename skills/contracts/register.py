"""Read the contract register from rows, whatever they came from.

A row that cannot be used is reported with its row number, the office's own column
header and the reason, and every other row is still used: one typo must not hide
forty deadlines. A cell that cannot be read costs only that field (and the deadlines
that depend on it); a contract whose end date is readable always keeps its expiry.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from itertools import chain, islice, repeat
from typing import Any

from skills.contracts.amendments import parse_amendments
from skills.contracts.columns import (
    FIELDS,
    LABELS,
    ColumnMatch,
    best_header,
    match_columns,
)
from skills.contracts.engine import warnings_of
from skills.contracts.model import Amendment, Contract, RegisterWarning, RowProblem
from skills.contracts.values import (
    Span,
    ValueProblem,
    options_up_to,
    parse_options,
    read_agreement,
    read_amount,
    read_date,
    read_options,
    read_orgnr,
    read_owner,
    read_span,
    read_status,
    read_yes,
    text_of,
)
from skills.i18n import DateText, InputError, Joined, Lang, Phrase, Sayable, tr

INACTIVE = {"utløpt", "avsluttet"}
__all__ = [
    "Register",
    "RegisterFormatError",
    "parse_options",
    "read_matrix",
    "read_rows",
]


class RegisterFormatError(InputError):
    """The register as a whole cannot be read: empty, or its columns not recognised."""

    def __init__(
        self,
        message: str,
        /,
        found: Sequence[str] = (),
        missing: Sequence[str] = (),
        **values: object,
    ) -> None:
        super().__init__("register", message, **values)
        self.found = tuple(found)
        self.missing = tuple(missing)


def columns_error(match: ColumnMatch | None) -> RegisterFormatError:
    """One message with the columns found and the ones missing."""
    found = match.found if match else ()
    missing = match.missing if match else ("kontrakt_id", "slutt")
    return RegisterFormatError(
        "Could not find the columns the register needs. Missing: {needed}. Columns found: "
        "{seen}. Name the columns e.g. “Kontrakt-ID” and “Sluttdato”, or say which column "
        "is which (the setting CONTRACT_REGISTER_COLUMNS or --columns, e.g. "
        "“kontrakt_id=Contract no; slutt=Expires”).",
        found,
        missing,
        needed=Joined(tuple(Phrase(LABELS[m]) for m in missing), ", "),
        seen="; ".join(found[:30]) if found else Phrase("none"),
    )


def empty_error() -> RegisterFormatError:
    return RegisterFormatError(
        "The register has no contracts: it is empty, or nothing is below the header row."
    )


@dataclass
class Register:
    contracts: list[Contract] = field(default_factory=list)
    errors: list[RowProblem] = field(default_factory=list)  # rows left out
    unread: list[RowProblem] = field(default_factory=list)  # cells ignored, contract kept
    warnings: list[RegisterWarning] = field(default_factory=list)
    columns: ColumnMatch = field(default_factory=ColumnMatch)
    # Field -> where it lives in the source (SharePoint internal name, file header).
    names: dict[str, str] = field(default_factory=dict)
    source: str = ""

    def column_notes(self, lang: Lang) -> list[str]:
        """Columns the register did not read, so nothing is ignored in silence."""
        notes = []
        for name, header in self.columns.passed_over:
            used = self.columns.headers.get(name, "")
            label = tr(lang, LABELS[name])
            if used == header:
                notes.append(
                    tr(lang, "Two columns are called “{header}”: the first is read.", header=header)
                )
            elif used:
                notes.append(
                    tr(
                        lang,
                        "“{header}” was not used: “{used}” is read as {label}.",
                        header=header,
                        used=used,
                        label=label,
                    )
                )
            else:
                notes.append(
                    tr(
                        lang,
                        "“{header}” was not used as {label} (it reads as an earlier value).",
                        header=header,
                        label=label,
                    )
                )
        passed = {header for _, header in self.columns.passed_over}
        other = [h for h in self.columns.unused if h not in passed]
        if other:
            listed = ", ".join(tr(lang, "“{text}”", text=h) for h in other)
            notes.append(
                tr(
                    lang,
                    "Columns not read: {listed}. Name them with CONTRACT_REGISTER_COLUMNS or "
                    "--columns if they hold register fields.",
                    listed=listed,
                )
            )
        return notes

    @property
    def problems(self) -> list[RowProblem]:
        """Everything the office should fix, in row order."""
        return sorted([*self.errors, *self.unread], key=lambda p: (p.row, not p.left_out))


_MISS = object()
_CACHE_LIMIT = 200_000
_CACHEABLE = (str, int, float, datetime, date)


class _Readers:
    """The cell readers for one table's columns, with the column's unit bound in and
    a cache: a register repeats the same spellings and dates thousands of times."""

    def __init__(self, match: ColumnMatch) -> None:
        self.match = match
        self.items = tuple(match.positions.items())
        units = match.units
        self.readers: dict[str, Callable[[object], Any]] = {
            "start": read_date,
            "slutt": read_date,
            "opsjoner": partial(read_options, unit=units.get("opsjoner", "")),
            "opsjon_varsel_mnd": partial(read_span, unit=units.get("opsjon_varsel_mnd", "")),
            "fornyes_automatisk": read_yes,
            "oppsigelse_mnd": partial(read_span, unit=units.get("oppsigelse_mnd", "")),
            "ledetid_mnd": partial(read_span, unit=units.get("ledetid_mnd", "")),
            "org_nr": read_orgnr,
            "status": read_status,
            "verdi": read_amount,
            "maksverdi": read_amount,
            "eier": read_owner,
            "avtaletype": partial(read_agreement, unit=units.get("avtaletype", "")),
        }
        self.caches: dict[str, dict[object, Any]] = {name: {} for name in self.readers}

    def chunk(self, rows: Sequence[Sequence[object]]) -> _Chunk:
        """Read a block of rows column by column: each distinct spelling is read once."""
        width = 1 + max(index for _, index in self.items)
        padded = (
            rows
            if not rows or min(map(len, rows)) >= width
            else [
                cells if len(cells) >= width else [*cells, *([None] * (width - len(cells)))]
                for cells in rows
            ]
        )
        transposed = list(zip(*padded, strict=False)) if padded else []
        columns: dict[str, Sequence[object]] = {
            name: transposed[index] if transposed else [] for name, index in self.items
        }
        parsed: dict[str, list[Any]] = {}
        failed: dict[str, dict[int, ValueProblem]] = {}
        for name in self.readers:
            if name in columns:
                parsed[name], failed[name] = self._column(name, columns[name])
        return _Chunk(columns, parsed, failed)

    def _column(
        self, name: str, values: Sequence[object]
    ) -> tuple[list[Any], dict[int, ValueProblem]]:
        # Cells are keys as they are: True and 1 share a key, which only matters in a
        # column that mixes booleans and numbers, where both mean yes.
        try:
            distinct = set(values)
        except TypeError:  # an unhashable cell, e.g. a SharePoint lookup column
            return self._cells(name, values)
        cache = self.caches[name]
        reader = self.readers[name]
        found: dict[object, Any] = {}
        wrong: dict[object, ValueProblem] = {}
        for raw in distinct:
            cacheable = type(raw) in _CACHEABLE
            result = cache.get(raw, _MISS) if cacheable else _MISS
            if result is _MISS:
                try:
                    result = reader(None if raw == "" else raw)
                except ValueProblem as problem:
                    wrong[raw] = problem
                    result = None
                else:
                    if cacheable and len(cache) < _CACHE_LIMIT:
                        cache[raw] = result
            found[raw] = result
        out = list(map(found.__getitem__, values))
        failed = {index: wrong[raw] for raw in wrong for index in _where(values, raw)}
        return out, failed

    def _cells(
        self, name: str, values: Sequence[object]
    ) -> tuple[list[Any], dict[int, ValueProblem]]:
        """Cell by cell, for a column holding values that cannot be keys."""
        reader = self.readers[name]
        out: list[Any] = []
        failed: dict[int, ValueProblem] = {}
        for index, raw in enumerate(values):
            try:
                out.append(reader(None if raw == "" else raw))
            except ValueProblem as problem:
                failed[index] = problem
                out.append(None)
        return out, failed


def _where(items: Sequence[Any], value: object) -> Iterator[int]:
    """The positions holding `value`, found at C speed (they are few)."""
    index = -1
    while True:
        try:
            index = items.index(value, index + 1)
        except ValueError:
            return
        yield index


@dataclass(frozen=True)
class _Chunk:
    columns: dict[str, Sequence[object]]
    parsed: dict[str, list[Any]]
    failed: dict[str, dict[int, ValueProblem]]


class _Row:
    """One row being read: its cells' values and the problems found in them."""

    def __init__(self, number: int, index: int, chunk: _Chunk, match: ColumnMatch) -> None:
        self.number = number
        self.index = index
        self.chunk = chunk
        self.match = match
        self.problems: list[RowProblem] = []
        self.unreadable: set[str] = set()
        self.contract_id = ""

    def raw(self, name: str) -> object:
        column = self.chunk.columns.get(name)
        return None if column is None else column[self.index]

    def note(self, name: str, reason: Sayable, left_out: bool = False) -> None:
        self.problems.append(
            RowProblem(
                self.number,
                self.match.header(name) if name else "",
                text_of(self.raw(name)) if name else "",
                reason,
                left_out,
                self.contract_id,
            )
        )

    def strict(self, name: str) -> Any:
        """The value, or the cell's ValueProblem raised."""
        problem = self.chunk.failed[name].get(self.index) if name in self.chunk.failed else None
        if problem is not None:
            raise problem
        column = self.chunk.parsed.get(name)
        return None if column is None else column[self.index]

    def read(self, name: str, default: Any) -> Any:
        """The value, or `default` with the problem noted and the field marked unread."""
        column = self.chunk.parsed.get(name)
        if column is None:
            return default
        problem = self.chunk.failed[name].get(self.index)
        if problem is not None:
            self.unreadable.add(name)
            self.note(name, problem.phrase)
            return default
        return column[self.index]


def _up_to_reason(raw: object, months: int) -> Phrase:
    """What an "inntil 2 år" cell is read as, so the office can write it out if it meant more."""
    return Phrase(
        "“{raw}” is read as one option of up to {months} months; write each option "
        "(e.g. 1+1) if there are several",
        raw=text_of(raw),
        months=months,
    )


def _span(value: Span | None) -> tuple[int | None, int]:
    return (None, 0) if value is None else (value.months, value.days)


def _contract(row: _Row, item_id: str | None) -> Contract | None:
    contract_id = text_of(row.raw("kontrakt_id"))
    row.contract_id = contract_id
    try:
        end = row.strict("slutt")
    except ValueProblem as problem:
        row.note("slutt", problem.phrase, left_out=True)
        return None
    if not contract_id:
        row.note(
            "kontrakt_id",
            Phrase("the contract id is missing, so the row is left out"),
            left_out=True,
        )
        return None
    if end is None:
        row.note(
            "slutt",
            Phrase("the end date is missing, so the contract has no deadlines"),
            left_out=True,
        )
        return None
    start = row.read("start", None)
    if start is not None and start > end:
        row.unreadable.add("start")
        row.note(
            "start",
            Phrase(
                "the start date {start} is after the end date {end}; the start date is not used",
                start=DateText(start),
                end=DateText(end),
            ),
        )
        start = None
    framework, unusual = row.read("avtaletype", (False, False))
    if unusual:
        row.note(
            "avtaletype",
            Phrase(
                "“{value}” is not a framework agreement, so it is read as a contract",
                value=text_of(row.raw("avtaletype")),
            ),
        )
    options = row.read("opsjoner", ())
    if options and options_up_to(row.raw("opsjoner")):
        row.note("opsjoner", _up_to_reason(row.raw("opsjoner"), options[0]))
    notice_m, notice_d = _span(row.read("opsjon_varsel_mnd", None))
    auto_renew = row.read("fornyes_automatisk", False)
    term_m, term_d = _span(row.read("oppsigelse_mnd", None))
    if auto_renew and term_m is None and "oppsigelse_mnd" not in row.unreadable:
        row.note(
            "oppsigelse_mnd" if "oppsigelse_mnd" in row.match.positions else "fornyes_automatisk",
            Phrase(
                "the contract renews automatically but has no notice period: no termination "
                "deadline can be computed"
            ),
        )
    lead_m, lead_d = _span(row.read("ledetid_mnd", None))
    org_nr = row.read("org_nr", "")
    status = row.read("status", "aktiv")
    value: Decimal | None = row.read("verdi", None)
    max_value: Decimal | None = row.read("maksverdi", None)
    amendment_text = text_of(row.raw("endringer"))
    amendments: tuple[Amendment, ...] = ()
    if amendment_text:
        amendments, amendment_problems = parse_amendments(amendment_text)
        for reason in amendment_problems:
            row.note("endringer", reason)
    return Contract(
        contract_id=contract_id,
        title=text_of(row.raw("tittel")),
        supplier=text_of(row.raw("leverandor")),
        org_nr=org_nr,
        owner=row.read("eier", ""),
        category=text_of(row.raw("kategori")),
        framework=framework,
        period_start=start,
        period_end=end,
        options_months=options,
        option_notice_months=3 if notice_m is None else notice_m,
        auto_renew=auto_renew,
        termination_notice_months=term_m,
        lead_time_months=(12 if framework else 6) if lead_m is None else lead_m,
        status=status,
        row=row.number,
        item_id=item_id,
        amendments=amendments,
        option_notice_days=notice_d,
        termination_notice_days=term_d,
        lead_time_days=lead_d,
        value=value,
        max_value=max_value,
        unreadable=frozenset(row.unreadable),
    )


_CANONICAL = ColumnMatch({name: i for i, name in enumerate(FIELDS)}, {}, {}, FIELDS)


def contract_from_values(
    values: Mapping[str, object], row: int = 0, item_id: str | None = None
) -> Contract:
    """One contract from canonical field values, or ValueProblem when any field would
    not be read as given (used to check a change before it is written)."""
    chunk = _Readers(_CANONICAL).chunk([[values.get(name) for name in FIELDS]])
    reading = _Row(row, 0, chunk, _CANONICAL)
    contract = _contract(reading, item_id)
    if contract is None or reading.problems:
        raise ValueProblem(Joined(tuple(p.reason for p in reading.problems)))
    return contract


def _blank(cells: Sequence[object]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def read_table(
    rows: Iterable[tuple[int, Sequence[object]] | tuple[int, Sequence[object], str | None]],
    match: ColumnMatch,
    names: Mapping[str, str] | None = None,
    source: str = "",
) -> Register:
    """`rows` are (row number as the office sees it, cells by position, list item id)."""
    register = Register(columns=match, names=dict(names or {}), source=source)
    seen: dict[str, int] = {}
    readers = _Readers(match)
    iterator = iter(rows)
    with _bulk():
        while block := list(islice(iterator, _CHUNK)):
            _read_block(block, readers, register, seen)
    return register


@contextmanager
def _bulk() -> Iterator[None]:
    """Pause the cyclic garbage collector while a register is read: the rows and contracts
    are long-lived and hold no cycles, so its repeated passes over them (a quarter of the
    read time for 100,000 rows) find nothing. Its previous state is restored, with what was
    made meanwhile counted as old."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # Straight to the oldest generation: otherwise the first collection after this
            # walks every new object as if it were young. Nothing else here freezes objects.
            gc.freeze()
            gc.unfreeze()
            gc.enable()


_CHUNK = 5000


def _column(chunk: _Chunk, name: str, size: int) -> list[Any]:
    return chunk.parsed.get(name) or [None] * size


def _texts(column: Sequence[object] | None, size: int) -> list[str]:
    """A column as text; a CSV's cells are already strings, so they only lose spaces."""
    if column is None:
        return [""] * size
    try:
        return list(map(str.strip, column))  # type: ignore[arg-type]
    except TypeError:  # numbers, dates or blanks from a workbook
        return [text_of(v) for v in column]


def _up_to(column: Sequence[object] | None, size: int) -> list[bool]:
    """Which option cells say "inntil …": read as one option, with a note."""
    if column is None:
        return [False] * size
    try:
        distinct = set(column)
    except TypeError:  # an unhashable cell (a SharePoint multi-choice column)
        distinct = {v for v in column if isinstance(v, str)}
    said: dict[object, bool] = {v: options_up_to(v) for v in distinct if isinstance(v, str)}
    if not any(said.values()):
        return [False] * size
    return [isinstance(v, str) and said.get(v, False) for v in column]


def _read_block(
    block: list[tuple[int, Sequence[object]] | tuple[int, Sequence[object], str | None]],
    readers: _Readers,
    register: Register,
    seen: dict[str, int],
) -> None:
    """A block of rows read a column at a time. Every row is first built as if its cells
    were clean; the rows with a problem or something to say are then read again through
    `_contract`, which notes each one."""
    match = readers.match
    size = len(block)
    chunk = readers.chunk([row[1] for row in block])
    raw = chunk.columns
    numbers = [row[0] for row in block]
    item_ids = [row[2] if len(row) > 2 else None for row in block]
    ids = _texts(raw.get("kontrakt_id"), size)
    changes = _texts(raw.get("endringer"), size)
    up_to = _up_to(raw.get("opsjoner"), size)
    ends, starts, kinds, options, notices, renews, terminations, leads = (
        _column(chunk, name, size)
        for name in (
            "slutt",
            "start",
            "avtaletype",
            "opsjoner",
            "opsjon_varsel_mnd",
            "fornyes_automatisk",
            "oppsigelse_mnd",
            "ledetid_mnd",
        )  # fmt: skip
    )
    frameworks = [bool(kind and kind[0]) for kind in kinds]
    straight = [
        bool(contract_id)
        and end is not None
        and not change
        and (start is None or start <= end)
        and not (kind and kind[1])
        and (termination is not None or not renew)
        for contract_id, end, change, start, kind, termination, renew in zip(
            ids, ends, changes, starts, kinds, terminations, renews, strict=True
        )
    ]
    for failures in chunk.failed.values():
        for index in failures:
            straight[index] = False
    # Positional, in the field order of Contract: the hot path of a register read.
    contracts: list[Contract | None] = list(
        map(
            Contract,
            ids,
            _texts(raw.get("tittel"), size),
            _texts(raw.get("leverandor"), size),
            [org or "" for org in _column(chunk, "org_nr", size)],
            [owner or "" for owner in _column(chunk, "eier", size)],
            _texts(raw.get("kategori"), size),
            frameworks,
            starts,
            ends,
            [option or () for option in options],
            [3 if notice is None else notice.months for notice in notices],
            [bool(renew) for renew in renews],
            [None if term is None else term.months for term in terminations],
            [
                (12 if framework else 6) if lead is None else lead.months
                for framework, lead in zip(frameworks, leads, strict=True)
            ],
            [status or "aktiv" for status in _column(chunk, "status", size)],
            numbers,
            item_ids,
            repeat((), size),
            [0 if notice is None else notice.days for notice in notices],
            [0 if term is None else term.days for term in terminations],
            [0 if lead is None else lead.days for lead in leads],
            _column(chunk, "verdi", size),
            _column(chunk, "maksverdi", size),
        )
    )
    problems: dict[int, list[RowProblem]] = {}
    for index in _where(straight, False):
        cells = block[index][1]
        if not ids[index] and ends[index] is None and _blank(cells):
            contracts[index] = None  # a blank line between rows says nothing
            continue
        row = _Row(numbers[index], index, chunk, match)
        contracts[index] = _contract(row, item_ids[index])
        problems[index] = row.problems
    for index in _where(up_to, True):
        if straight[index] and options[index]:
            cell = raw["opsjoner"][index]
            problems[index] = [
                RowProblem(
                    numbers[index],
                    match.header("opsjoner"),
                    text_of(cell),
                    _up_to_reason(cell, options[index][0]),
                    False,
                    ids[index],
                )
            ]
    _commit(contracts, problems, register, seen, match.header("kontrakt_id"))


def _commit(
    contracts: list[Contract | None],
    problems: dict[int, list[RowProblem]],
    register: Register,
    seen: dict[str, int],
    id_header: str,
) -> None:
    """A block's contracts into the register in row order. A contract id already seen
    leaves the later row out; a row left out keeps only the problems that left it out."""
    kept = [c for c in contracts if c is not None]
    kept_ids = {c.contract_id for c in kept}
    if len(kept_ids) != len(kept) or not seen.keys().isdisjoint(kept_ids):
        for index, contract in enumerate(contracts):
            if contract is None or contract.contract_id not in seen:
                if contract is not None:
                    seen[contract.contract_id] = contract.row or 0
                continue
            first = seen[contract.contract_id]
            problems.setdefault(index, []).append(
                RowProblem(
                    contract.row or 0,
                    id_header,
                    contract.contract_id,
                    Phrase(
                        "contract id {contract_id} is also in row {first}; this row is left out",
                        contract_id=contract.contract_id,
                        first=first,
                    ),
                    True,
                    contract.contract_id,
                )
            )
            contracts[index] = None
        kept = [c for c in contracts if c is not None]
    else:
        seen.update((c.contract_id, c.row or 0) for c in kept)
    for index in sorted(problems):
        if contracts[index] is None:
            # The row's other cell problems are moot once the row is left out.
            register.errors.extend(p for p in problems[index] if p.left_out)
        else:
            register.unread.extend(problems[index])
    register.contracts.extend(kept)
    register.warnings.extend(w for c in kept if c.framework for w in warnings_of(c))


def read_rows(
    rows: Iterable[tuple[int, Mapping[str, object], str | None]],
    mapping: Mapping[str, str] | None = None,
    titles: Mapping[str, str] | None = None,
    source: str = "",
    place: str = "row",
) -> Register:
    """Rows as mappings (a SharePoint list's fields, keyed by internal column name).
    `place="item"` says the numbers are list item IDs, and problems say so.

    `titles` maps internal names to the column titles people see; a field is matched
    by its title first, then by its internal name.
    """
    materialised = list(rows)
    if not materialised:
        raise empty_error()
    keys: list[str] = list(titles or {})
    known = set(keys)
    if not titles:  # without column definitions, every field name the rows carry
        for _, raw, _ in materialised:
            for key in raw:
                if key not in known:
                    known.add(key)
                    keys.append(str(key))
    # SharePoint's built-in Title column yields to the office's own column for the same
    # field, and is not worth a note when it is left unused.
    if "Title" in keys:
        keys.remove("Title")
        keys.append("Title")
    shown = [(titles or {}).get(k) or k for k in keys]
    match = match_columns(shown, mapping)
    by_name = match_columns(keys, mapping)
    positions = dict(match.positions)
    headers = dict(match.headers)
    for name, index in by_name.positions.items():
        if name not in positions and index not in positions.values():
            positions[name] = index
            headers[name] = shown[index]
    builtin = {shown[-1]} if keys and keys[-1] == "Title" else set()
    match = ColumnMatch(
        positions,
        headers,
        {**by_name.units, **match.units},
        tuple(h for h in shown if h not in builtin or h in headers.values()),
        tuple(p for p in match.passed_over if p[1] not in builtin),
    )
    if not match.complete:
        raise columns_error(match)
    names = {name: keys[index] for name, index in positions.items()}
    table = ((number, [raw.get(k) for k in keys], item_id) for number, raw, item_id in materialised)
    register = _not_empty(read_table(table, match, names, source))
    if place != "row":
        register.errors = [replace(p, place=place) for p in register.errors]
        register.unread = [replace(p, place=place) for p in register.unread]
    return register


def _not_empty(register: Register) -> Register:
    if not register.contracts and not register.errors:
        raise empty_error()
    return register


def read_matrix(
    rows: Iterable[tuple[int, Sequence[object]]],
    mapping: Mapping[str, str] | None = None,
    source: str = "",
    allow_empty: bool = False,
) -> Register:
    """Rows as a spreadsheet holds them: title rows, then a header row, then data."""
    iterator = iter(rows)
    head: list[tuple[int, Sequence[object]]] = []
    for numbered in iterator:
        head.append(numbered)
        if len(head) >= 20:
            break
    found = best_header((cells for _, cells in head), mapping)
    if found is None:
        first = next((cells for _, cells in head if not _blank(cells)), None)
        if first is None:
            raise empty_error()
        raise columns_error(match_columns(first, mapping))
    index, match = found
    if not match.complete:
        raise columns_error(match)

    names = {name: str(match.headers[name]) for name in match.positions}
    # (number, cells) pairs straight from the reader: no item ids in a file.
    register = read_table(chain(head[index + 1 :], iterator), match, names, source)
    return register if allow_empty else _not_empty(register)
