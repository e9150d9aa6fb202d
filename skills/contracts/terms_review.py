"""Compare terms found in contract documents with the register row, and check a
confirmed change before it is written. Pure: no Graph, no Teams.

Which document speaks for a field when several do: a signed one before an unsigned
one, then the newest; the first of these that states the field gives the value. When
a .docx and a (possibly scanned) PDF state the same value, the .docx is quoted, since
its text is the one a person can search and copy. Documents that state a different
value are kept as a conflict, shown next to the proposal.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from skills.contracts.amendments import format_amendment
from skills.contracts.calendar import add_months, parse_date
from skills.contracts.model import Contract
from skills.contracts.register import contract_from_values, parse_options
from skills.contracts.terms import (
    REGISTER_FIELDS,
    Evidence,
    Finding,
    TermProposal,
    end_from_term,
    format_options,
)
from skills.contracts.values import ValueProblem
from skills.i18n import Lang, pick

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "start": ("Startdato", "Start date"),
    "slutt": ("Sluttdato", "End date"),
    "varighet_mnd": ("Varighet (måneder)", "Term (months)"),
    "opsjoner": ("Opsjoner", "Options"),
    "opsjon_varsel_mnd": ("Varsel om opsjon (måneder før utløp)", "Option notice (months)"),
    "fornyes_automatisk": ("Fornyes automatisk", "Renews automatically"),
    "oppsigelse_mnd": ("Oppsigelsestid (måneder)", "Termination notice (months)"),
}


def field_label(field: str, lang: Lang) -> str:
    nb, en = FIELD_LABELS.get(field, (field, field))
    return pick(lang, nb, en)


@dataclass(frozen=True)
class DocumentTerms:
    name: str
    modified: datetime | None
    signed: bool
    proposal: TermProposal

    @property
    def is_docx(self) -> bool:
        return self.name.lower().endswith(".docx")


@dataclass(frozen=True)
class Conflict:
    document: str
    value: str


@dataclass(frozen=True)
class TermRow:
    field: str
    proposed: str | None  # None: not stated in any document
    current: str
    evidence: Evidence | None
    changed: bool
    # "derived": end date computed from start + term; "options_used:N": the register
    # already reflects N used options, so the document's original terms are no change.
    note: str = ""
    conflicts: tuple[Conflict, ...] = ()


def _rank(document: DocumentTerms) -> tuple[bool, float]:
    return (document.signed, document.modified.timestamp() if document.modified else 0.0)


def choose_findings(
    documents: Sequence[DocumentTerms],
) -> tuple[dict[str, Finding], dict[str, tuple[Conflict, ...]]]:
    """Per field, the value the best document states, quoted from a .docx if one agrees."""
    ranked = sorted(documents, key=_rank, reverse=True)
    chosen: dict[str, Finding] = {}
    conflicts: dict[str, tuple[Conflict, ...]] = {}
    for field in (*REGISTER_FIELDS, "varighet_mnd"):
        stated = [(d, f) for d in ranked if (f := d.proposal.get(field)) is not None]
        if not stated:
            continue
        best = stated[0][1]
        agreeing = [f for d, f in stated if f.value == best.value and d.is_docx]
        chosen[field] = agreeing[0] if agreeing else best
        conflicts[field] = tuple(
            Conflict(d.name, f.value) for d, f in stated if f.value != best.value
        )
    return chosen, conflicts


def register_values(contract: Contract) -> dict[str, str]:
    """The row's values as the register means them (defaults applied), in its syntax."""
    return {
        "start": contract.period_start.isoformat() if contract.period_start else "",
        "slutt": contract.period_end.isoformat(),
        "opsjoner": format_options(contract.options_months),
        "opsjon_varsel_mnd": str(contract.option_notice_months),
        "fornyes_automatisk": "ja" if contract.auto_renew else "nei",
        "oppsigelse_mnd": ""
        if contract.termination_notice_months is None
        else str(contract.termination_notice_months),
    }


def _same(field: str, a: str, b: str) -> bool:
    if field == "opsjoner":
        try:
            return parse_options(a) == parse_options(b)
        except ValueError:
            return False
    return a.strip().lower() == b.strip().lower()


def _options_used(doc_end: str, doc_options: str, contract: Contract) -> int:
    """How many of the document's options the register shows as already used (0: none)."""
    try:
        end = date.fromisoformat(doc_end)
        options = parse_options(doc_options)
    except ValueError:
        return 0
    for used in range(1, len(options) + 1):
        moved = add_months(end, sum(options[:used]))
        if moved == contract.period_end and options[used:] == contract.options_months:
            return used
    return 0


def review_rows(
    contract: Contract,
    chosen: Mapping[str, Finding],
    conflicts: Mapping[str, tuple[Conflict, ...]] | None = None,
) -> tuple[TermRow, ...]:
    current = register_values(contract)
    others = conflicts or {}
    notes: dict[str, str] = {}
    proposed: dict[str, tuple[str, Evidence]] = {
        field: (f.value, f.evidence) for field, f in chosen.items()
    }
    term = chosen.get("varighet_mnd")
    if "slutt" not in proposed and term is not None:
        start = proposed["start"][0] if "start" in proposed else current["start"]
        if start:
            end = end_from_term(date.fromisoformat(start), int(term.value))
            proposed["slutt"] = (end.isoformat(), term.evidence)
            notes["slutt"] = "derived"
    if "slutt" in proposed and "opsjoner" in proposed:
        used = _options_used(proposed["slutt"][0], proposed["opsjoner"][0], contract)
        if used:
            for field in ("slutt", "opsjoner"):
                notes[field] = f"options_used:{used}"
    rows = []
    for field in (*REGISTER_FIELDS, "varighet_mnd"):
        if field not in proposed:
            if field != "varighet_mnd":
                rows.append(TermRow(field, None, current[field], None, False))
            continue
        value, evidence = proposed[field]
        now = current.get(field, "")
        changed = (
            field != "varighet_mnd"
            and not notes.get(field, "").startswith("options_used")
            and not _same(field, value, now)
        )
        rows.append(
            TermRow(
                field, value, now, evidence, changed, notes.get(field, ""), others.get(field, ())
            )
        )
    return tuple(rows)


def stale_fields(contract: Contract, expected: Mapping[str, str]) -> list[str]:
    """Fields whose register value is no longer what the person saw with the proposal."""
    current = register_values(contract)
    return [f for f, v in expected.items() if f in current and not _same(f, current[f], v)]


def _row_of(contract: Contract) -> dict[str, str]:
    return {
        "kontrakt_id": contract.contract_id,
        "tittel": contract.title,
        "leverandor": contract.supplier,
        "org_nr": contract.org_nr,
        "eier": contract.owner,
        "kategori": contract.category,
        "avtaletype": "rammeavtale" if contract.framework else "kontrakt",
        "ledetid_mnd": str(contract.lead_time_months),
        "status": contract.status,
        "endringer": "\n".join(format_amendment(a) for a in contract.amendments),
        **register_values(contract),
    }


def check_values(contract: Contract, values: Mapping[str, str], lang: Lang) -> dict[str, str]:
    """The values to write, normalised, or ValueError with a message in `lang`."""
    clean: dict[str, str] = {}
    for field, raw in values.items():
        value = str(raw).strip()
        label = field_label(field, lang)
        if field not in REGISTER_FIELDS:
            raise ValueError(
                pick(
                    lang,
                    f"«{field}» er ikke et felt i registeret.",
                    f"“{field}” is not a register field.",
                )
            )
        try:
            if field in ("start", "slutt"):
                value = parse_date(value).isoformat()
            elif field == "opsjoner":
                value = format_options(parse_options(value))
            elif field == "fornyes_automatisk":
                if value.lower() not in ("ja", "nei"):
                    raise ValueError(value)
                value = value.lower()
            elif value and (not value.isdigit() or int(value) > 120):
                raise ValueError(value)
        except ValueError as exc:
            raise ValueError(
                pick(
                    lang,
                    f"{label}: «{value}» er ikke en gyldig verdi.",
                    f"{label}: “{value}” is not a valid value.",
                )
            ) from exc
        clean[field] = value
    try:
        contract_from_values({**_row_of(contract), **clean}, contract.row or 0, contract.item_id)
    except ValueProblem as exc:
        raise ValueError(
            pick(
                lang,
                f"Registerraden ville blitt ugyldig: {exc.nb}.",
                f"The register row would become invalid: {exc.en}.",
            )
        ) from exc
    return clean
