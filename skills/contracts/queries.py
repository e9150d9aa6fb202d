"""Pure answers to "which deadlines?" questions over a parsed register."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from skills.contracts.engine import deadlines_of
from skills.contracts.model import Contract, Deadline, DeadlineKind
from skills.i18n import N_, DateText, Lang, tr
from skills.words import edit_distance, normalize, word_matches

CONTRACT_ID = re.compile(r"\b\d{4}-\d{2,5}\b")
# What people type for an id: "2025-017", "2025/017" (case-number style), "25-017". Looked
# up exactly; when no contract has it, the nearest ids are offered, never a text search.
ID_LIKE = re.compile(r"(?<![\w/-])\d{2,4}[-/]\d{2,5}(?![\w/-])")

KIND_TEXT: dict[DeadlineKind, str] = {
    DeadlineKind.OPTION_NOTICE: N_("Option notice"),
    DeadlineKind.TERMINATION_NOTICE: N_("Termination notice"),
    DeadlineKind.EXPIRY: N_("Expiry"),
    DeadlineKind.FINAL_EXPIRY: N_("Final expiry"),
    DeadlineKind.RETENDER_START: N_("Start the next procurement"),
}

TODO_TEXT: dict[DeadlineKind, str] = {
    DeadlineKind.OPTION_NOTICE: N_(
        "Decide whether to use the option and notify the supplier in writing by this date."
    ),
    DeadlineKind.TERMINATION_NOTICE: N_(
        "Give written notice by this date unless the contract should renew itself."
    ),
    DeadlineKind.EXPIRY: N_(
        "The contract expires. Make sure a new contract or an option is in place."
    ),
    DeadlineKind.FINAL_EXPIRY: N_(
        "Last day with every option used. A new contract must be in place."
    ),
    DeadlineKind.RETENDER_START: N_(
        "Start planning the next procurement (needs, market dialogue, competition)."
    ),
}


def kind_text(kind: DeadlineKind, lang: Lang) -> str:
    return tr(lang, KIND_TEXT[kind])


def todo_text(kind: DeadlineKind, lang: Lang) -> str:
    return tr(lang, TODO_TEXT[kind])


_UNTIL_NAMES = {
    "week": N_("this week"),
    "month": N_("this month"),
    "quarter": N_("this quarter"),
    "year": N_("this year"),
}


def until_end(today: date, until: str) -> date | None:
    """The last day of "this week/month/quarter/year", or of a named year ("2027");
    None when `until` is none of these (or a year already past)."""
    key = until.strip().lower()
    if key == "week":
        return date.fromordinal(today.toordinal() + 6 - today.weekday())
    if key == "month":
        following = date(today.year + today.month // 12, today.month % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)
    if key == "quarter":
        last_month = (today.month - 1) // 3 * 3 + 3
        following = date(today.year + last_month // 12, last_month % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)
    if key == "year":
        return date(today.year, 12, 31)
    if key.isdigit() and len(key) == 4 and today.year <= int(key) <= today.year + 10:
        return date(int(key), 12, 31)
    return None


def until_text(until: str, end: date, lang: Lang) -> str:
    """ "i år (til 31.12.2026)", "in 2027 (to 2027-12-31)"."""
    name = (
        tr(lang, _UNTIL_NAMES[until])
        if until in _UNTIL_NAMES
        else tr(lang, "in {year}", year=until)
    )
    return tr(lang, "{period} (to {end})", period=name, end=DateText(end))


@dataclass(frozen=True)
class DeadlineQuery:
    within_days: int = 90
    owner: str = ""
    text: str = ""


def matches(contract: Contract, text: str) -> bool:
    """A contract id, or words that each match a word of the title, category, supplier
    or owner's name (all must match). Whole words, or the start or end of a compound
    ("møbler" finds "Skolemøbler"), never any substring: "kaffe" is not "anskaffelse",
    "it" is not "kontorrekvisita", "Lars" is not "Klarsyn"."""
    wanted = text.strip().lower()
    if not wanted:
        return True
    ids = ID_LIKE.findall(wanted)
    if ids:
        return contract.contract_id.lower() in ids
    words, names = _words_of(contract), _owner_names(contract)
    return all(w in names or any(_word_fits(w, h) for h in words) for w in normalize(wanted))


def _words_of(contract: Contract) -> list[str]:
    return normalize(" ".join((contract.title, contract.category, contract.supplier)))


def _owner_names(contract: Contract) -> set[str]:
    """The owner by the names in the e-mail address ("lars.berg@…": "lars", "berg"),
    whole names only: "berg" is not "Solberg"."""
    local = contract.owner.split("@")[0]
    return set(normalize(local.replace(".", " ").replace("-", " ").replace("_", " ")))


def _word_fits(wanted: str, word: str) -> bool:
    if wanted == word:
        return True
    if len(wanted) >= 3 and word.startswith(wanted):
        return True
    return len(wanted) >= 4 and word.endswith(wanted)


def find_deadlines(
    contracts: list[Contract], today: date, query: DeadlineQuery
) -> list[tuple[Contract, Deadline]]:
    """An id query shows all of that contract's coming deadlines, whatever the window."""
    by_id = bool(ID_LIKE.search(query.text.lower()))
    found = []
    for contract in contracts:
        if query.owner and contract.owner != query.owner.lower():
            continue
        if not matches(contract, query.text):
            continue
        for deadline in deadlines_of(contract):
            days = deadline.days_left(today)
            if days >= 0 and (by_id or days <= query.within_days):
                found.append((contract, deadline))
    found.sort(key=lambda pair: (pair[1].due, pair[1].contract_id, pair[1].kind.value))
    return found


def matching_contracts(contracts: list[Contract], text: str) -> list[Contract]:
    return [c for c in contracts if matches(c, text)]


def nearest_contracts(contracts: list[Contract], text: str, limit: int = 3) -> list[Contract]:
    """Contracts a person may have meant when `text` names none: ids one or two
    keystrokes away, or contracts sharing a word of at least four letters."""
    wanted = text.strip().lower()
    ids = ID_LIKE.findall(wanted)
    scored: list[tuple[float, str, Contract]] = []
    if ids:
        for contract in contracts:
            distance = edit_distance(ids[0], contract.contract_id.lower(), 2)
            if distance <= 2:
                scored.append((distance, contract.contract_id, contract))
    else:
        words = [w for w in normalize(wanted) if len(w) >= 4]
        for contract in contracts:
            haystack = _words_of(contract)
            hits = sum(any(word_matches(w, h) for h in haystack) for w in words)
            if hits:
                scored.append((-hits, contract.contract_id, contract))
    scored.sort(key=lambda item: (item[0], item[1]))
    return [contract for _, _, contract in scored[:limit]]
