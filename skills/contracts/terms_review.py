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
from dataclasses import dataclass, replace
from datetime import date, datetime

from skills.contracts.amendments import format_amendment
from skills.contracts.calendar import add_months, parse_date
from skills.contracts.model import Contract
from skills.contracts.register import contract_from_values, parse_options
from skills.contracts.terms import REGISTER_FIELDS, Evidence, Finding, TermProposal
from skills.contracts.terms_wording import end_from_term, format_options
from skills.contracts.values import ValueProblem
from skills.i18n import N_, Lang, tr

FIELD_LABELS: dict[str, str] = {
    "start": N_("Start date"),
    "slutt": N_("End date"),
    "varighet_mnd": N_("Term (months)"),
    "opsjoner": N_("Options"),
    "opsjon_varsel_mnd": N_("Option notice (months)"),
    "fornyes_automatisk": N_("Renews automatically"),
    "oppsigelse_mnd": N_("Termination notice (months)"),
}


HOW_LABELS: dict[str, str] = {
    "sentence": N_("a sentence in the contract"),
    "table": N_("a table"),
    "amendment": N_("an amendment"),
    "derived": N_("computed"),
}
CHECK_LABELS: dict[str, str] = {
    "conflict": N_("the documents state different values"),
    "derived": N_("computed from start and term"),
    "rounded": N_("rounded up to whole months"),
    "signature": N_("“on signature”: the date is taken from the signature block"),
    "end_before_start": N_("the end date is before the start, so it is not proposed"),
    "mixed_documents": N_("the amendment changes the period; this value is from an older document"),
    "background": N_("only stated in the introduction, the background or as a default"),
    "unsigned_only": N_("only stated in an unsigned document"),
}


def how_label(how: str, lang: Lang) -> str:
    return tr(lang, HOW_LABELS.get(how, how))


def check_label(check: str, lang: Lang) -> str:
    return tr(lang, CHECK_LABELS.get(check, check))


def field_label(field: str, lang: Lang) -> str:
    return tr(lang, FIELD_LABELS.get(field, field))


@dataclass(frozen=True)
class DocumentTerms:
    name: str
    modified: datetime | None
    signed: bool
    proposal: TermProposal
    order: int = 0  # among documents with the same date, a higher order is newer

    @property
    def is_docx(self) -> bool:
        return self.name.lower().endswith(".docx")

    @property
    def is_amendment(self) -> bool:
        return self.proposal.kind == "amendment"

    @property
    def has_say(self) -> bool:
        """Whether it takes part in the proposal: it states a term, or it is an amendment,
        which may have changed the period even when nothing in it could be read."""
        return bool(self.proposal.findings) or self.is_amendment


@dataclass(frozen=True)
class Conflict:
    document: str
    value: str
    evidence: Evidence | None = None  # where it says so, when it is the same document


@dataclass(frozen=True)
class Choice:
    """The value a field gets from the documents, and what the other documents say:
    `conflicts` disagree and need a person's check; `superseded` are older terms a
    signed amendment replaces, shown for reference."""

    finding: Finding
    conflicts: tuple[Conflict, ...] = ()
    superseded: tuple[Conflict, ...] = ()
    from_amendment: bool = False


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
    how: str = ""
    stated: str = ""
    checks: tuple[str, ...] = ()
    superseded: tuple[Conflict, ...] = ()

    @property
    def proposable(self) -> bool:
        """Whether the card offers the value for writing at all."""
        return self.changed and self.proposed is not None and "end_before_start" not in self.checks

    @property
    def preticked(self) -> bool:
        """Only a value nothing casts doubt on is ticked for the person in advance; a
        computed end date is plain arithmetic and is."""
        return self.proposable and not (set(self.checks) - PRETICK_CHECKS)


PRETICK_CHECKS = {"derived"}
# Fields that describe one period: taken from different documents they may not fit.
_PERIOD_FIELDS = ("slutt", "opsjoner", "varighet_mnd")


def _rank(document: DocumentTerms) -> tuple[bool, bool, float, int]:
    stamp = document.modified.timestamp() if document.modified else 0.0
    return (document.signed, document.is_amendment, stamp, document.order)


def choose_findings(documents: Sequence[DocumentTerms]) -> dict[str, Choice]:
    """Per field, the value the best document states, quoted from a .docx if one agrees.

    A signed amendment outranks what came before it (the contract, earlier amendments);
    their values are then superseded, not a conflict. Documents that otherwise disagree,
    or one document that says two things, are a conflict, and the value is marked. A
    value from an older document beside an amendment that may have changed the period
    is marked too, even when the amendment said nothing this reader could use, and so is
    a value only an unsigned document states when a signed one exists."""
    ranked = sorted(documents, key=_rank, reverse=True)
    # A signed contract (not only a signed amendment, which restates little) makes a value
    # that only unsigned documents state doubtful.
    any_signed = any(d.signed and not d.is_amendment for d in ranked)
    chosen: dict[str, Choice] = {}
    sources: dict[str, DocumentTerms] = {}
    for field in (*REGISTER_FIELDS, "varighet_mnd"):
        stated = [(d, f) for d in ranked if (f := d.proposal.get(field)) is not None]
        if not stated:
            continue
        top, best = stated[0]
        agreeing = [(d, f) for d, f in stated if f.value == best.value and d.is_docx]
        source, finding = agreeing[0] if agreeing else (top, best)
        conflicts = [
            Conflict(top.name, other.value, other.evidence)
            for other in top.proposal.others
            if other.field == field and other.value != best.value
        ]
        superseded: list[Conflict] = []
        for document, other in stated:
            if other.value == best.value:
                continue
            replaced = top.is_amendment and top.signed
            (superseded if replaced else conflicts).append(Conflict(document.name, other.value))
        if conflicts:
            finding = finding.checked("conflict")
        if any_signed and not any(d.signed for d, f in stated if f.value == best.value):
            finding = finding.checked("unsigned_only")
        chosen[field] = Choice(finding, tuple(conflicts), tuple(superseded), source.is_amendment)
        sources[field] = source
    amendments = [d for d in ranked if d.is_amendment]
    for field in _PERIOD_FIELDS:
        if field not in sources or sources[field].is_amendment:
            continue
        newer = [a for a in amendments if _rank(a) > _rank(sources[field])]
        if newer:
            choice = chosen[field]
            chosen[field] = replace(choice, finding=choice.finding.checked("mixed_documents"))
    return chosen


def _doubts(*findings: Finding) -> tuple[str, ...]:
    """The checks a computed value inherits from the values it is computed from."""
    return tuple(dict.fromkeys(c for f in findings for c in f.checks if c != "derived"))


def resolve(chosen: Mapping[str, Choice], register_start: str = "") -> dict[str, Choice]:
    """The chosen values with what follows from them: the end date from start + term
    when no end is stated (marked derived, and carrying any doubt about its inputs); a
    stated end that does not fit start + term marked as a conflict; an end before the
    start marked so it is never proposed."""
    out = dict(chosen)
    term = out.get("varighet_mnd")
    start_choice = out.get("start")
    start = start_choice.finding.value if start_choice else register_start
    if term is not None and start:
        computed = end_from_term(date.fromisoformat(start), int(term.finding.value))
        inputs = [term.finding, *([start_choice.finding] if start_choice else [])]
        if "slutt" not in out:
            checks = ("derived", *_doubts(*inputs))
            if start_choice and start_choice.finding.evidence.document != (
                term.finding.evidence.document
            ):
                checks = (*checks, "mixed_documents")
            derived = Finding(
                "slutt", computed.isoformat(), term.finding.evidence, "derived", "", checks
            )
            out["slutt"] = Choice(derived)
        else:
            stated = out["slutt"]
            plain = add_months(date.fromisoformat(start), int(term.finding.value))
            same_end = {computed.isoformat(), plain.isoformat()}
            amended = stated.from_amendment and not term.from_amendment
            if stated.finding.value not in same_end and not amended:
                out["slutt"] = replace(
                    stated,
                    finding=stated.finding.checked("conflict"),
                    conflicts=(
                        *stated.conflicts,
                        Conflict(term.finding.evidence.document, computed.isoformat()),
                    ),
                )
    if "slutt" in out and start and out["slutt"].finding.value <= start:
        choice = out["slutt"]
        out["slutt"] = replace(choice, finding=choice.finding.checked("end_before_start"))
    return out


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


def review_rows(contract: Contract, chosen: Mapping[str, Choice]) -> tuple[TermRow, ...]:
    current = register_values(contract)
    resolved = resolve(chosen, current["start"])
    notes: dict[str, str] = {
        f: "derived" for f, c in resolved.items() if "derived" in c.finding.checks
    }
    if "slutt" in resolved and "opsjoner" in resolved:
        used = _options_used(
            resolved["slutt"].finding.value, resolved["opsjoner"].finding.value, contract
        )
        if used:
            for field in ("slutt", "opsjoner"):
                notes[field] = f"options_used:{used}"
    rows = []
    for field in (*REGISTER_FIELDS, "varighet_mnd"):
        if field not in resolved:
            if field != "varighet_mnd":
                rows.append(TermRow(field, None, current[field], None, False))
            continue
        choice = resolved[field]
        found = choice.finding
        now = current.get(field, "")
        changed = (
            field != "varighet_mnd"
            and not notes.get(field, "").startswith("options_used")
            and not _same(field, found.value, now)
        )
        rows.append(
            TermRow(
                field,
                found.value,
                now,
                found.evidence,
                changed,
                notes.get(field, ""),
                choice.conflicts,
                found.how,
                found.stated,
                found.checks,
                choice.superseded,
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
            raise ValueError(tr(lang, "“{field}” is not a register field.", field=field))
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
                tr(lang, "{label}: “{value}” is not a valid value.", label=label, value=value)
            ) from exc
        clean[field] = value
    try:
        contract_from_values({**_row_of(contract), **clean}, contract.row or 0, contract.item_id)
    except ValueProblem as exc:
        raise ValueError(
            tr(lang, "The register row would become invalid: {problem}.", problem=exc.phrase)
        ) from exc
    return clean
