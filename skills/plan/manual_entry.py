"""An entry a person adds from Teams: read, checked and shown before anything is saved.

The checks are the ones a plan needs from a person: what is to be procured, who is
responsible, a contract start that is still ahead. Another open entry for the same
category within six months is shown as a question, not refused: it may be a second need.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from skills.contracts.calendar import DateProblem, parse_date
from skills.i18n import DateText, Lang, tr
from skills.plan.entries import Limits, PlanEntry, manual
from skills.plan.lead_times import LeadTimeTable

FIELDS = ("need", "category", "contract_start", "responsible", "value", "entities")


@dataclass(frozen=True)
class EntryDraft:
    lang: Lang
    values: dict[str, str]  # the form's fields as typed, to fill the form again
    entry: PlanEntry | None  # None when a refusal stands
    refusals: tuple[str, ...]
    warnings: tuple[str, ...]

    def __str__(self) -> str:
        return "; ".join((*self.refusals, *self.warnings)) or (
            self.entry.need if self.entry else ""
        )


def check_entry(
    values: dict[str, str], existing: Sequence[PlanEntry], today: date, table: LeadTimeTable,
    limits: Limits, lang: Lang,
) -> EntryDraft:  # fmt: skip
    clean = {name: (values.get(name) or "").strip() for name in FIELDS}
    refusals: list[str] = []
    warnings: list[str] = []
    if not clean["need"]:
        refusals.append(tr(lang, "Write what is to be procured."))
    if "@" not in clean["responsible"]:
        refusals.append(tr(lang, "Who is responsible? Give their e-mail address."))
    start: date | None = None
    if not clean["contract_start"]:
        refusals.append(tr(lang, "Give the date the new contract must start."))
    else:
        try:
            start = parse_date(clean["contract_start"])
        except DateProblem as problem:
            refusals.append(problem.phrase.say(lang))
        else:
            if start <= today:
                refusals.append(tr(lang, "The contract start {day} has passed: give a date ahead.",
                                   day=DateText(start).say(lang)))  # fmt: skip
    value: Decimal | None = None
    if clean["value"]:
        try:
            value = Decimal(clean["value"].replace(" ", "").replace("\u00a0", "").replace(",", "."))
        except InvalidOperation:
            refusals.append(tr(lang, "“{value}” is not an amount in kroner.", value=clean["value"]))
    if refusals or start is None:
        return EntryDraft(lang, clean, None, tuple(refusals), ())
    entities = tuple(e.strip() for e in clean["entities"].split(";") if e.strip())
    entry = manual("manuell:ny", clean["need"], clean["category"], start, clean["responsible"],
                   value, table, limits, entities=entities)  # fmt: skip
    if entry.work_start < today:
        begun = DateText(entry.work_start).say(lang)
        warnings.append(tr(lang, "Work should have begun {day} to reach that start: the entry "
                           "will show as late.", day=begun))  # fmt: skip
    for other in existing:
        if (
            other.open and clean["category"]
            and other.category.casefold() == clean["category"].casefold()
            and other.entities == entities
            and abs((other.contract_start - start).days) <= 183
        ):  # fmt: skip
            warnings.append(tr(lang, "The plan already has “{need}” in {category} with a contract "
                               "from {day}: is this the same need?", need=other.need,
                               category=other.category,
                               day=DateText(other.contract_start).say(lang)))  # fmt: skip
    return EntryDraft(lang, clean, entry, (), tuple(warnings))
