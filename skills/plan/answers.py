"""The plan as a leader reads it: the pipeline by quarter, who carries what, what is late.

`plan_answer` filters the entries to the window a question asks about (by when work must
begin, and everything overdue), and words every flag so that a meeting can act on it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from skills.i18n import N_, DateText, Lang, is_norwegian, tr
from skills.plan.entries import PlanEntry
from skills.plan.questions import Window

FLAG_TEXTS = {
    "late": N_("late: work should already have begun"),
    "past": N_("the contract start is in the past"),
    "overlap": N_("owner has three or more at once"),
    "no_owner": N_("no one responsible"),
    "duplicate": N_("another entry for the same category within six months: one procurement?"),
}
SOURCE_TEXTS = {
    "kontrakt": N_("contract ends"),
    "analyse": N_("spend without a contract"),
    "manuell": N_("added by hand"),
}
MAX_LISTED = 8


_MONTHS_NO = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
              "september", "oktober", "november", "desember")  # fmt: skip
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")  # fmt: skip


def month_name(day: date, lang: Lang) -> str:
    names = _MONTHS_NO if is_norwegian(lang) else _MONTHS_EN
    return f"{names[day.month - 1]} {day.year}"


def quarter(day: date) -> str:
    return f"{day.year} K{(day.month - 1) // 3 + 1}"


@dataclass(frozen=True)
class PlanAnswer:
    lang: Lang
    title: str
    facts: tuple[tuple[str, str], ...]
    pipeline: tuple[tuple[str, str], ...]
    workload: tuple[tuple[str, str], ...]
    entries: tuple[PlanEntry, ...]  # the ones on the card, with buttons
    shown: tuple[PlanEntry, ...]  # every entry the question covers (chart, workbook)
    notes: tuple[str, ...] = ()
    to_create: int = 0
    to_update: int = 0
    chart_png: bytes = b""
    matrix_png: bytes = b""
    workbook_url: str = ""
    data: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        lines = [self.title, *(f"{k}: {v}" for k, v in self.facts)]
        lines += [f"{entry_line(e, self.lang)}" for e in self.entries]
        return "\n".join(lines)


def person(mail: str) -> str:
    """ "lars.berg@innkjop.example.no" -> "Lars Berg", as people are named on a card."""
    local = mail.split("@")[0]
    return " ".join(p.capitalize() for p in local.replace("_", ".").split(".") if p) or mail


def flag_text(flag: str, lang: Lang) -> str:
    return tr(lang, FLAG_TEXTS[flag])


def entry_line(entry: PlanEntry, lang: Lang) -> str:
    who = person(entry.responsible) if entry.responsible else tr(lang, "no one")
    return tr(
        lang,
        "start {start} · contract from {contract} · {who}",
        start=DateText(entry.work_start).say(lang),
        contract=DateText(entry.contract_start).say(lang),
        who=who,
    )


def overdue(entry: PlanEntry) -> bool:
    return "late" in entry.flags or "past" in entry.flags


def in_window(entry: PlanEntry, window: Window, today: date) -> bool:
    """An entry whose work begins in the window; overdue ones whenever the window is now
    (this quarter, this year, the whole plan), so they are never out of sight."""
    if not entry.open:
        return False
    if overdue(entry) and (window.kind == "all" or window.start <= today <= window.end):
        return True
    if window.kind == "year":
        return window.start <= entry.work_start <= window.end or (
            window.start <= entry.contract_start <= window.end
        )
    return window.start <= entry.work_start <= window.end


def names_category(entry: PlanEntry, wanted: str) -> bool:
    """The category is `wanted`, or holds it as whole words ("mat" in "mat og drikke");
    never a part of a word ("ikt" is not in "plikt")."""
    category = " ".join(entry.category.casefold().split())
    return category == wanted or f" {wanted} " in f" {category} "


def plan_answer(
    entries: list[PlanEntry], window: Window, today: date, lang: Lang, category: str = "",
) -> PlanAnswer:  # fmt: skip
    wanted = " ".join(category.casefold().split())
    chosen = [
        e for e in entries
        if in_window(e, window, today) and (not wanted or names_category(e, wanted))
    ]  # fmt: skip
    chosen.sort(key=lambda e: (not overdue(e), e.work_start, e.need))
    late = [e for e in chosen if overdue(e)]
    if window.kind == "year":
        title = tr(lang, "Procurement plan {year}", year=window.start.year)
    elif window.kind == "month":
        title = tr(lang, "What must start in {month}", month=month_name(window.start, lang))
    elif window.kind == "soon":
        title = tr(lang, "To start in the next {days} days, and what is late",
                   days=(window.end - window.start).days)  # fmt: skip
    elif window.kind == "quarter":
        title = tr(lang, "What must start in {quarter}", quarter=quarter(window.start))
    else:
        title = tr(lang, "Procurement plan")
    if wanted:
        title += f" – {category}"
    by_quarter = Counter(quarter(e.work_start) for e in chosen)
    sources: dict[str, Counter[str]] = {}
    for e in chosen:
        sources.setdefault(quarter(e.work_start), Counter())[e.source] += 1
    pipeline = tuple(
        (q, tr(lang, "{count} to start ({parts})", count=by_quarter[q],
               parts=", ".join(f"{n} {tr(lang, SOURCE_TEXTS[s])}"
                               for s, n in sorted(sources[q].items()))))
        for q in sorted(by_quarter)
    )  # fmt: skip
    load = Counter(e.responsible for e in chosen)
    heavy = {e.responsible for e in chosen if "overlap" in e.flags}
    workload = tuple(
        (person(who) if who else tr(lang, "no one"),
         (tr(lang, "1 entry") if n == 1 else tr(lang, "{count} entries", count=n))
         + (tr(lang, " (three or more at once)") if who in heavy else ""))
        for who, n in sorted(load.items(), key=lambda item: (-item[1], item[0]))
    )  # fmt: skip
    facts = (
        (tr(lang, "Entries"), str(len(chosen))),
        (tr(lang, "Late"), str(len(late))),
        (tr(lang, "From ending contracts"), str(sum(e.source == "kontrakt" for e in chosen))),
        (
            tr(lang, "From spend without a contract"),
            str(sum(e.source == "analyse" for e in chosen)),
        ),
    )
    return PlanAnswer(
        lang=lang, title=title, facts=facts, pipeline=pipeline, workload=workload,
        entries=tuple(chosen[:MAX_LISTED]), shown=tuple(chosen),
        data={"window": [window.start.isoformat(), window.end.isoformat()],
              "entries": [entry_data(e) for e in chosen]},
    )  # fmt: skip


def entry_data(entry: PlanEntry) -> dict[str, Any]:
    return {
        "key": entry.key,
        "need": entry.need,
        "category": entry.category,
        "value": None if entry.value is None else str(entry.value),
        "entities": list(entry.entities),
        "responsible": entry.responsible,
        "procedure": entry.procedure,
        "status": entry.status,
        "source": entry.source,
        "flags": list(entry.flags),
        "schedule": {k: d.isoformat() for k, d in entry.schedule.milestones()},
    }
