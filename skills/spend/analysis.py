"""Spend against the contract register: classified once, then asked many questions.

`SpendAnalysis` builds one table (`spend`) of every purchase line in the store, each
with its supplier unified by a valid org. no., its category and the rule that gave it,
and the contract it falls under, if any. Every question is then one GROUP BY over that
table, so a county's five million lines answer in well under a second each.

Definitions, after DFØ:
- a purchase is a line whose KOSTRA art is in a purchase range (data/art_kinds.csv);
- a line is *covered* when a contract in the register has the line's supplier (by org.
  no.), the line's category, and a period (start to current end) holding the line's date;
- *avtaledekning* = covered spend / all purchasing spend;
- *avtalelojalitet*, for a category, = covered spend / spend in that category on dates
  when some contract for the category was in force;
- spend *without a contract* = spend not covered, split into categories with no contract
  at that date and spend off-contract in categories that have one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from skills.contracts.calendar import add_months
from skills.contracts.model import Contract
from skills.contracts.orgnr import is_valid_orgnr
from skills.spend.rules import CategoryRules, category_key
from skills.spend.store import SpendStore

UNCLASSIFIED = ""
# The rules, in the order they are tried: the office's sheet, the invoice's lines, the
# art, the supplier's usual category from its other lines, and last the category of the
# supplier's contract in the register (shown apart, since it is an assumption).
HOW = ("kontor", "faktura", "art", "leverandør", "avtale")


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))


@dataclass(frozen=True)
class Figure:
    """Spend and how much of it a contract covers, for one category, supplier or entity."""

    key: str
    name: str
    spend: Decimal
    covered: Decimal
    lines: int
    contracted: Decimal = Decimal(0)  # spend in the category on dates with a contract

    @property
    def coverage(self) -> float | None:
        return None if not self.spend else float(self.covered / self.spend)

    @property
    def loyalty(self) -> float | None:
        return None if not self.contracted else float(self.covered / self.contracted)

    @property
    def uncovered(self) -> Decimal:
        return self.spend - self.covered


@dataclass(frozen=True)
class SpendLine:
    """One ledger line behind a figure, as the office finds it in its own books."""

    entity: str
    bilagsdato: date
    bilagsnr: str
    supplier: str
    org_nr: str
    category: str
    art: str
    belop: Decimal
    source: str  # the file it was loaded from
    line: int


@dataclass(frozen=True)
class Overview:
    period: Period
    entity: str | None
    total: Figure
    unclassified: Decimal
    categories: tuple[Figure, ...]
    suppliers: tuple[Figure, ...]
    entities: tuple[Figure, ...]
    by_rule: tuple[tuple[str, Decimal], ...]
    invalid_org_nr: int  # suppliers whose org. no. fails the mod-11 check

    @property
    def unclassified_share(self) -> float | None:
        spend = self.total.spend
        return None if not spend else float(self.unclassified / spend)


@dataclass(frozen=True)
class ThresholdRisk:
    """Off-contract spend with one category in one entity that may need a competition."""

    entity: str
    category: str
    spend_12: Decimal
    spend_48: Decimal
    suppliers: tuple[Figure, ...]
    lines: tuple[SpendLine, ...]


@dataclass(frozen=True)
class Consumption:
    contract: Contract
    used: Decimal
    ceiling: Decimal
    basis: str  # "maksverdi" or "verdi"

    @property
    def share(self) -> float:
        return float(self.used / self.ceiling) if self.ceiling else 0.0


def _dec(value: Any) -> Decimal:
    return Decimal(0) if value is None else Decimal(value)


class SpendAnalysis:
    """The store's purchases classified against one register and one set of rules."""

    def __init__(
        self, store: SpendStore, contracts: Iterable[Contract], rules: CategoryRules
    ) -> None:
        self._db = store.connection.cursor()
        self.contracts = tuple(contracts)
        self.rules = rules
        # Contracts that cannot count for coverage, and why: said on the answer, since a
        # register without categories or with a mistyped org. no. covers nothing.
        self.unused = tuple(
            (c.contract_id, "kategori" if not c.category else "org_nr")
            for c in self.contracts
            if not c.category or not is_valid_orgnr(c.org_nr)
        )
        self.names: dict[str, str] = {}
        for name in sorted(rules.names()):
            self.names.setdefault(category_key(name), name)
        for contract in self.contracts:  # the register's spelling wins
            if contract.category:
                self.names[category_key(contract.category)] = contract.category
        self._build(store)

    # --- building the table -----------------------------------------------------------------

    def _table(self, name: str, columns: str, rows: Sequence[tuple[Any, ...]]) -> None:
        self._db.execute(f"CREATE OR REPLACE TEMP TABLE {name} ({columns})")
        if rows:
            marks = ", ".join("?" * len(rows[0]))
            self._db.executemany(f"INSERT INTO {name} VALUES ({marks})", list(rows))

    def _build(self, store: SpendStore) -> None:
        # Per-line steps are views, so DuckDB streams them into the one table kept
        # (`spend`); only the small lookup tables are materialised on the way.
        self._db.execute("CREATE OR REPLACE TEMP TABLE files AS SELECT file_no, name FROM loads")
        self._db.execute(
            "CREATE OR REPLACE TEMP VIEW p AS SELECT l.* FROM lines l "
            f"JOIN files f USING (file_no) WHERE {store.purchases()}"
        )
        orgs = [row[0] for row in self._db.execute("SELECT DISTINCT org_nr FROM p").fetchall()]
        self._table("valid_org", "org_nr VARCHAR", [(o,) for o in orgs if o and is_valid_orgnr(o)])
        self._table(
            "contracts",
            "contract_id VARCHAR, org_nr VARCHAR, cat VARCHAR, start DATE, finish DATE, "
            "supplier VARCHAR",
            [
                (
                    c.contract_id,
                    c.org_nr,
                    category_key(c.category),
                    c.period_start or date(1900, 1, 1),
                    c.period_end,
                    c.supplier,
                )
                for c in self.contracts
                if c.category and is_valid_orgnr(c.org_nr)
            ],
        )
        self._office_rules()
        self._table(
            "art_cat",
            "art VARCHAR, cat VARCHAR",
            [(a, category_key(c)) for a, c in self.rules.arts],
        )
        self._table(
            "code_cat",
            "scheme VARCHAR, prefix VARCHAR, cat VARCHAR",
            [(s.upper(), p, category_key(c)) for s, p, c in self.rules.codes],
        )
        self._db.execute(_CLASSIFY)

    def _office_rules(self) -> None:
        fields = ("org_nr", "leverandornr", "leverandor", "art", "ansvar", "tjeneste", "prosjekt")
        rows = []
        for order, rule in enumerate(self.rules.office):
            given = dict(rule.conditions)
            rows.append((order, category_key(rule.category), *(given.get(f) for f in fields)))
        self._table(
            "office_rules",
            "prio INTEGER, cat VARCHAR, " + ", ".join(f"{f} VARCHAR" for f in fields),
            rows,
        )

    # --- questions ---------------------------------------------------------------------------

    def name(self, key: str) -> str:
        return self.names.get(key, key)

    def _where(self, period: Period, entity: str | None, extra: str = "") -> tuple[str, list[Any]]:
        clause = "bilagsdato BETWEEN ? AND ? AND (? IS NULL OR entity = ?)" + extra
        return clause, [period.start, period.end, entity, entity]

    def _figures(
        self, key: str, name: str, period: Period, entity: str | None, extra: str = "",
        values: Sequence[Any] = (), limit: int | None = None, order: str = "2",
    ) -> tuple[Figure, ...]:  # fmt: skip
        where, params = self._where(period, entity, extra)
        rows = self._db.execute(
            f"SELECT {key}, sum(belop), sum(belop) FILTER (contract_id IS NOT NULL), count(*), "
            f"sum(belop) FILTER (contracted), {name} FROM spend WHERE {where} "
            f"GROUP BY {key} ORDER BY {order} DESC, 1 {'' if limit is None else f'LIMIT {limit}'}",
            [*params, *values],
        ).fetchall()
        return tuple(
            Figure(str(k or ""), str(n or ""), _dec(s), _dec(c), int(lines), _dec(ct))
            for k, s, c, lines, ct, n in rows
        )

    def overview(self, period: Period, entity: str | None = None, top: int = 10) -> Overview:
        where, params = self._where(period, entity)
        totals = self._db.execute(
            "SELECT sum(belop), sum(belop) FILTER (contract_id IS NOT NULL), count(*), "
            "sum(belop) FILTER (contracted), sum(belop) FILTER (cat = '') "
            f"FROM spend WHERE {where}",
            params,
        ).fetchone()
        assert totals is not None
        total = Figure("", "", _dec(totals[0]), _dec(totals[1]), int(totals[2]), _dec(totals[3]))
        categories = tuple(
            Figure(f.key, self.name(f.key), f.spend, f.covered, f.lines, f.contracted)
            for f in self._figures("cat", "any_value(cat)", period, entity, " AND cat <> ''")
        )
        rules = self._db.execute(
            f"SELECT how, sum(belop) FROM spend WHERE {where} AND how <> '' GROUP BY how", params
        ).fetchall()
        by_rule = dict(rules)
        invalid = self._db.execute(
            f"SELECT count(DISTINCT raw_org) FROM spend WHERE {where} AND raw_org IS NOT NULL "
            "AND org_nr IS NULL",
            params,
        ).fetchone()
        return Overview(
            period=period,
            entity=entity,
            total=total,
            unclassified=_dec(totals[4]),
            categories=categories,
            suppliers=self._figures(
                "supplier_key", "any_value(supplier)", period, entity, limit=top
            ),
            entities=self._figures(
                "entity", "any_value(entity)", period, None if entity is None else entity
            ),
            by_rule=tuple((how, _dec(by_rule.get(how))) for how in HOW),
            invalid_org_nr=int(invalid[0]) if invalid else 0,
        )

    def without_contract(
        self, period: Period, entity: str | None = None, top: int = 10
    ) -> tuple[tuple[Figure, ...], tuple[Figure, ...]]:
        """(categories, suppliers) by spend not covered by a contract, largest first."""
        categories = tuple(
            Figure(f.key, self.name(f.key) if f.key else "", f.spend, f.covered, f.lines,
                   f.contracted)
            for f in self._figures("cat", "any_value(cat)", period, entity, order=_UNCOVERED,
                                   limit=top)
            if f.uncovered > 0
        )  # fmt: skip
        suppliers = tuple(
            f
            for f in self._figures(
                "supplier_key", "any_value(supplier)", period, entity,
                order=_UNCOVERED, limit=top,
            )
            if f.uncovered > 0
        )  # fmt: skip
        return categories, suppliers

    def category(
        self, key: str, period: Period, entity: str | None = None
    ) -> tuple[Figure, tuple[Figure, ...], tuple[Figure, ...]]:
        """One category: its figure, its suppliers, and its entities."""
        extra = " AND cat = ?"
        found = self._figures("cat", "any_value(cat)", period, entity, extra, [key])
        figure = (
            Figure(key, self.name(key), found[0].spend, found[0].covered, found[0].lines,
                   found[0].contracted)
            if found else Figure(key, self.name(key), Decimal(0), Decimal(0), 0)
        )  # fmt: skip
        suppliers = self._figures(
            "supplier_key", "any_value(supplier)", period, entity, extra, [key]
        )
        entities = self._figures("entity", "any_value(entity)", period, entity, extra, [key])
        return figure, suppliers, entities

    def supplier(
        self, key: str, period: Period, entity: str | None = None
    ) -> tuple[tuple[Figure, ...], tuple[Figure, ...]]:
        """One supplier (org. no. or unified name): (its categories, its entities)."""
        extra = " AND supplier_key = ?"
        categories = tuple(
            Figure(f.key, self.name(f.key) if f.key else "", f.spend, f.covered, f.lines,
                   f.contracted)
            for f in self._figures("cat", "any_value(cat)", period, entity, extra, [key])
        )  # fmt: skip
        entities = self._figures("entity", "any_value(entity)", period, entity, extra, [key])
        return categories, entities

    def find_suppliers(self, words: str) -> list[tuple[str, str]]:
        """(key, name) of suppliers whose org. no. or name holds `words`."""
        digits = "".join(ch for ch in words if ch.isdigit())
        if len(digits) == 9:
            rows = self._db.execute(
                "SELECT DISTINCT supplier_key, supplier FROM spend WHERE raw_org = ?", [digits]
            ).fetchall()
        else:
            rows = self._db.execute(
                "SELECT DISTINCT supplier_key, supplier FROM spend "
                "WHERE lower(supplier) LIKE '%' || lower(?) || '%' ORDER BY 2 LIMIT 20",
                [words.strip()],
            ).fetchall()
        return [(str(k), str(n)) for k, n in rows]

    def lines(
        self, period: Period, entity: str | None = None, extra: str = "",
        values: Sequence[Any] = (), limit: int = 1000,
    ) -> tuple[SpendLine, ...]:  # fmt: skip
        where, params = self._where(period, entity, extra)
        rows = self._db.execute(
            "SELECT entity, bilagsdato, coalesce(bilagsnr, ''), supplier, coalesce(org_nr, ''), "
            f"cat, art, belop, name, line FROM spend JOIN files USING (file_no) WHERE {where} "
            f"ORDER BY belop DESC, bilagsdato, line LIMIT {int(limit)}",
            [*params, *values],
        ).fetchall()
        return tuple(
            SpendLine(e, d, b, s, o, self.name(c) if c else "", a, _dec(v), src, int(ln))
            for e, d, b, s, o, c, a, v, src, ln in rows
        )

    def threshold_risks(
        self, as_of: date, national: int, entity: str | None = None, max_lines: int = 200
    ) -> tuple[ThresholdRisk, ...]:
        """Per entity and category, off-contract spend over 48 months (and the last 12) at
        or above the national threshold, with the lines behind it. Unclassified spend is
        left out: a threshold is about one kind of purchase."""
        last_48 = Period(add_months(as_of, -48) + _DAY, as_of)
        last_12 = Period(add_months(as_of, -12) + _DAY, as_of)
        where, params = self._where(last_48, entity, " AND contract_id IS NULL AND cat <> ''")
        groups = self._db.execute(
            f"SELECT entity, cat, sum(belop), sum(belop) FILTER (bilagsdato >= ?) FROM spend "
            f"WHERE {where} GROUP BY entity, cat HAVING sum(belop) >= ? ORDER BY 3 DESC, 1, 2",
            [last_12.start, *params, national],
        ).fetchall()
        risks = []
        for group_entity, key, spend_48, spend_12 in groups:
            extra = " AND contract_id IS NULL AND cat = ?"
            suppliers = self._figures(
                "supplier_key", "any_value(supplier)", last_48, group_entity, extra, [key]
            )
            lines = self.lines(last_48, group_entity, extra, [key], limit=max_lines)
            risks.append(
                ThresholdRisk(
                    str(group_entity), self.name(key), _dec(spend_12), _dec(spend_48),
                    suppliers, lines,
                )
            )  # fmt: skip
        return tuple(risks)

    def consumption(self, as_of: date) -> tuple[Consumption, ...]:
        """Framework agreements with a maximum or estimated value: spend under each so far."""
        used = dict(
            self._db.execute(
                "SELECT contract_id, sum(belop) FROM spend WHERE contract_id IS NOT NULL "
                "AND bilagsdato <= ? GROUP BY contract_id",
                [as_of],
            ).fetchall()
        )
        found = []
        for contract in self.contracts:
            ceiling = contract.max_value or contract.value
            if not contract.framework or not ceiling:
                continue
            basis = "maksverdi" if contract.max_value else "verdi"
            found.append(
                Consumption(contract, _dec(used.get(contract.contract_id)), ceiling, basis)
            )
        return tuple(sorted(found, key=lambda c: (-c.share, c.contract.contract_id)))

    def by_entity_and_category(self, period: Period) -> list[tuple[str, Figure]]:
        """(entity, figure of one category in it): coverage and loyalty per category and
        entity, as DFØ measures them, for the workbook."""
        rows = self._db.execute(
            "SELECT entity, cat, sum(belop), sum(belop) FILTER (contract_id IS NOT NULL), "
            "count(*), sum(belop) FILTER (contracted) FROM spend "
            "WHERE bilagsdato BETWEEN ? AND ? GROUP BY entity, cat ORDER BY entity, 3 DESC",
            [period.start, period.end],
        ).fetchall()
        return [
            (str(e), Figure(str(c), self.name(str(c)) if c else "", _dec(s), _dec(cv), int(n),
                            _dec(ct)))
            for e, c, s, cv, n, ct in rows
        ]  # fmt: skip

    def suppliers_per_category(self, period: Period) -> dict[str, int]:
        """How many suppliers the counties bought each category from: the market the
        portfolio's risk matrix places a contract in."""
        rows = self._db.execute(
            "SELECT cat, count(DISTINCT supplier_key) FROM spend "
            "WHERE bilagsdato BETWEEN ? AND ? AND cat <> '' GROUP BY cat",
            [period.start, period.end],
        ).fetchall()
        return {str(k): int(n) for k, n in rows}

    def uncovered_categories(self, as_of: date) -> list[tuple[str, Decimal, tuple[str, ...]]]:
        """Categories bought in the last 12 months with no contract in force at all, with
        that spend and the entities that bought: needs for the procurement plan."""
        since = add_months(as_of, -12) + _DAY
        rows = self._db.execute(
            "SELECT cat, sum(belop), list(DISTINCT entity ORDER BY entity) FROM spend "
            "WHERE bilagsdato BETWEEN ? AND ? AND cat <> '' AND NOT contracted "
            "AND cat NOT IN (SELECT cat FROM spend WHERE contracted) GROUP BY cat "
            "ORDER BY 2 DESC",
            [since, as_of],
        ).fetchall()
        return [(self.name(str(c)), _dec(v), tuple(str(e) for e in es)) for c, v, es in rows]

    def entities(self) -> list[str]:
        return [str(row[0]) for row in self._db.execute(
            "SELECT DISTINCT entity FROM spend ORDER BY 1").fetchall()]  # fmt: skip

    def span(self) -> tuple[date, date] | None:
        found = self._db.execute("SELECT min(bilagsdato), max(bilagsdato) FROM spend").fetchone()
        if found is None or found[0] is None:
            return None
        return found[0], found[1]

    def category_keys(self) -> list[str]:
        rows = self._db.execute("SELECT DISTINCT cat FROM spend WHERE cat <> ''").fetchall()
        known = {str(row[0]) for row in rows} | {category_key(c.category) for c in self.contracts}
        return sorted(k for k in known if k)

    def close(self) -> None:
        self._db.close()


_DAY = date(2000, 1, 2) - date(2000, 1, 1)
_UNCOVERED = "sum(belop) - coalesce(sum(belop) FILTER (contract_id IS NOT NULL), 0)"

# One pass: supplier unified by valid org. no., category by the rules in order, the
# contract that covers the line, and whether the category had a contract that day.
_CLASSIFY = """
CREATE OR REPLACE TEMP VIEW keyed AS
SELECT p.*, p.org_nr AS raw_org, v.org_nr AS valid_org,
       coalesce(v.org_nr, 'navn:' || lower(trim(p.leverandor)), 'nr:' || p.leverandornr, '?')
           AS supplier_key
FROM p LEFT JOIN valid_org v ON v.org_nr = p.org_nr;

CREATE OR REPLACE TEMP TABLE names AS
SELECT supplier_key,
       coalesce(min(c.supplier),
                first(leverandor ORDER BY n DESC, latest DESC, leverandor)
                    FILTER (leverandor IS NOT NULL),
                supplier_key) AS supplier
FROM (SELECT supplier_key, valid_org, leverandor, count(*) AS n, max(bilagsdato) AS latest
      FROM keyed GROUP BY ALL) k
LEFT JOIN (SELECT org_nr, min(supplier) AS supplier FROM contracts GROUP BY org_nr) c
  ON c.org_nr = k.valid_org
GROUP BY supplier_key;

CREATE OR REPLACE TEMP TABLE combos AS
SELECT DISTINCT valid_org, leverandornr, lower(trim(leverandor)) AS leverandor, art, ansvar,
       tjeneste, prosjekt FROM keyed;

CREATE OR REPLACE TEMP TABLE combo_cat AS
SELECT c.valid_org, c.leverandornr, c.leverandor, c.art, c.ansvar, c.tjeneste, c.prosjekt,
       arg_min(r.cat, r.prio) AS cat
FROM combos c JOIN office_rules r
  ON (r.org_nr IS NULL OR r.org_nr = c.valid_org)
 AND (r.leverandornr IS NULL OR r.leverandornr = c.leverandornr)
 AND (r.leverandor IS NULL OR r.leverandor = c.leverandor)
 AND (r.art IS NULL OR r.art = c.art)
 AND (r.ansvar IS NULL OR r.ansvar = c.ansvar)
 AND (r.tjeneste IS NULL OR r.tjeneste = c.tjeneste)
 AND (r.prosjekt IS NULL OR r.prosjekt = c.prosjekt)
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE invoice_cat AS
SELECT i.org_nr, i.invoice_id, i.issue_date, i.total,
       first(cc.cat ORDER BY abs(il.amount) DESC, cc.cat) AS cat
FROM invoices i JOIN invoice_lines il USING (file_sha)
JOIN LATERAL (
    SELECT first(cat ORDER BY length(prefix) DESC) AS cat FROM code_cat
    WHERE scheme = upper(il.scheme) AND starts_with(il.code, prefix)
) cc ON cc.cat IS NOT NULL
GROUP BY ALL;

CREATE OR REPLACE TEMP VIEW first_pass AS
SELECT k.*,
       CASE WHEN oc.cat IS NOT NULL THEN oc.cat
            WHEN coalesce(ic.cat, ia.cat) IS NOT NULL THEN coalesce(ic.cat, ia.cat)
            WHEN ac.cat IS NOT NULL THEN ac.cat END AS base_cat,
       CASE WHEN oc.cat IS NOT NULL THEN 'kontor'
            WHEN coalesce(ic.cat, ia.cat) IS NOT NULL THEN 'faktura'
            WHEN ac.cat IS NOT NULL THEN 'art' ELSE '' END AS base_how
FROM keyed k
LEFT JOIN combo_cat oc
  ON oc.valid_org IS NOT DISTINCT FROM k.valid_org
 AND oc.leverandornr IS NOT DISTINCT FROM k.leverandornr
 AND oc.leverandor IS NOT DISTINCT FROM lower(trim(k.leverandor))
 AND oc.art IS NOT DISTINCT FROM k.art
 AND oc.ansvar IS NOT DISTINCT FROM k.ansvar
 AND oc.tjeneste IS NOT DISTINCT FROM k.tjeneste
 AND oc.prosjekt IS NOT DISTINCT FROM k.prosjekt
LEFT JOIN invoice_cat ic ON ic.org_nr = k.valid_org AND ic.invoice_id = k.fakturanr
LEFT JOIN (SELECT org_nr, total, issue_date, any_value(cat) AS cat FROM invoice_cat
           GROUP BY ALL) ia
  ON k.fakturanr IS NULL AND ia.org_nr = k.valid_org AND ia.total = k.belop
 AND k.bilagsdato BETWEEN ia.issue_date AND ia.issue_date + INTERVAL 45 DAY
LEFT JOIN art_cat ac ON ac.art = k.art;

CREATE OR REPLACE TEMP TABLE usual AS
SELECT supplier_key, first(base_cat ORDER BY spend DESC, base_cat) AS cat FROM (
    SELECT supplier_key, base_cat, sum(abs(belop)) AS spend FROM first_pass
    WHERE base_cat IS NOT NULL GROUP BY ALL
) GROUP BY supplier_key;

CREATE OR REPLACE TEMP TABLE register_usual AS
SELECT org_nr, first(cat ORDER BY finish DESC, cat) AS cat FROM contracts GROUP BY org_nr;

CREATE OR REPLACE TEMP TABLE spend AS
WITH classified AS (
    SELECT f.*, n.supplier,
           coalesce(f.base_cat, u.cat, ru.cat, '') AS cat,
           CASE WHEN f.base_cat IS NOT NULL THEN f.base_how
                WHEN u.cat IS NOT NULL THEN 'leverandør'
                WHEN ru.cat IS NOT NULL THEN 'avtale' ELSE '' END AS how
    FROM first_pass f
    JOIN names n USING (supplier_key)
    LEFT JOIN usual u USING (supplier_key)
    LEFT JOIN register_usual ru ON ru.org_nr = f.valid_org
)
SELECT c.entity, c.bilagsdato, c.bilagsnr, c.fakturanr, c.supplier_key, c.supplier,
       c.valid_org AS org_nr, c.raw_org, c.art, c.ansvar, c.tjeneste, c.prosjekt, c.cat, c.how,
       (SELECT min(k.contract_id) FROM contracts k
        WHERE k.org_nr = c.valid_org AND k.cat = c.cat
          AND c.bilagsdato BETWEEN k.start AND k.finish) AS contract_id,
       EXISTS (SELECT 1 FROM contracts k
               WHERE k.cat = c.cat AND c.bilagsdato BETWEEN k.start AND k.finish) AS contracted,
       c.belop, c.file_no, c.line
FROM classified c;

DROP VIEW first_pass; DROP VIEW keyed; DROP TABLE combos; DROP VIEW p;
"""
