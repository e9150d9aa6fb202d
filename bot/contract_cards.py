"""Cards for contract deadlines: what is due, how many days are left, what to do."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from decimal import Decimal
from typing import Any

from bot.cards import Card, adaptive_card
from skills.assistant.names import HELP
from skills.contracts.actions import SNOOZE_CHOICES, SNOOZE_DEFAULT
from skills.contracts.amendments import OPTION_USED
from skills.contracts.model import DeadlineKind
from skills.contracts.names import (
    ACKNOWLEDGE,
    CONFIRM_OPTION,
    DEADLINES,
    PROPOSE_OPTION,
    PROPOSE_TERMS,
    SNOOZE,
)
from skills.contracts.plugin import DeadlineReport, OptionProposal
from skills.contracts.queries import ID_LIKE, kind_text, todo_text
from skills.contracts.reminders import Reminder
from skills.i18n import Lang, is_norwegian, tr, tr_n
from skills.market_dialogue.names import START

MAX_ROWS = 25


def _date(lang: str, iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{day}.{month}.{year}" if is_norwegian(lang) else iso


def deadlines_card(report: DeadlineReport) -> Card:
    lang = report.lang
    body: list[dict[str, Any]] = [
        {
            "type": "TextBlock",
            "text": tr(lang, "Contract deadlines"),
            "size": "Large",
            "weight": "Bolder",
            "style": "heading",
            "wrap": True,
        },
        {
            "type": "TextBlock",
            "text": report.scope,
            "isSubtle": True,
            "wrap": True,
            "spacing": "None",
        },
    ]
    for note in report.notes:
        body.append({"type": "TextBlock", "text": note, "wrap": True, "color": "Warning"})
    if report.register_error:
        body.append(
            {"type": "TextBlock", "text": report.register_error, "wrap": True, "color": "Attention"}
        )
    elif report.not_found:
        return _not_found_card(report, body)
    if report.contract is not None:
        body.extend(_contract_facts(report))
    if not report.register_error and not report.rows:
        body.append(
            {
                "type": "TextBlock",
                "text": tr(lang, "No deadlines in this period."),
                "wrap": True,
            }
        )
    for row in report.rows[:MAX_ROWS]:
        days = row.days_left
        when = tr(lang, "today") if days == 0 else tr(lang, "in {days} days", days=days)
        contract = row.contract
        items: list[dict[str, Any]] = [
            {
                "type": "TextBlock",
                "text": f"{kind_text(row.deadline.kind, lang)}: "
                f"{_date(lang, row.deadline.due.isoformat())} ({when})",
                "weight": "Bolder",
                "wrap": True,
                "color": "Attention" if days <= 14 else "Default",
            },
            {
                "type": "TextBlock",
                "text": f"{contract.contract_id} {contract.title} – {contract.supplier}",
                "wrap": True,
                "spacing": "None",
            },
            {
                "type": "TextBlock",
                "text": todo_text(row.deadline.kind, lang),
                "wrap": True,
                "isSubtle": True,
                "size": "Small",
                "spacing": "None",
            },
        ]
        container: dict[str, Any] = {"type": "Container", "separator": True, "items": items}
        if row.url:
            container["selectAction"] = {
                "type": "Action.OpenUrl",
                "url": row.url,
                "title": tr(lang, "Open in SharePoint"),
            }
        body.append(container)
    if len(report.rows) > MAX_ROWS:
        more = len(report.rows) - MAX_ROWS
        body.append(
            {
                "type": "TextBlock",
                "text": tr(
                    lang,
                    "… and {more} more. Narrow the search, e.g. “deadlines in the next 30 days”.",
                    more=more,
                ),
                "wrap": True,
                "isSubtle": True,
            }
        )
    if report.owned:
        body.extend(_owned(report))
    actions: list[dict[str, Any]] = _contract_actions(report) if report.contract else []
    if report.problems:
        body.append(_problems_summary(report))
    if report.problems or report.column_notes:
        actions.append(_problems_action(report))
    return adaptive_card(body, actions)


MAX_PROBLEMS = 40


def _money(value: Decimal, lang: Lang) -> str:
    whole = f"{value:,.0f}".replace(",", "\u00a0")
    return f"kr {whole}" if is_norwegian(lang) else f"NOK {whole.replace(chr(160), ',')}"


def _length(months: int, lang: Lang) -> str:
    if months % 12 == 0:
        return tr(lang, "{years} yr", years=months // 12)
    return tr(lang, "{months} mo", months=months)


def _contract_facts(report: DeadlineReport) -> list[dict[str, Any]]:
    """What a contract manager looks up first: who, how much, how long, what is left."""
    contract = report.contract
    assert contract is not None
    lang = report.lang
    start = _date(lang, contract.period_start.isoformat()) if contract.period_start else "–"
    used = sum(1 for a in contract.amendments if a.description == OPTION_USED)
    left = " + ".join(_length(m, lang) for m in contract.options_months) or (tr(lang, "none"))
    supplier = contract.supplier + (f" ({contract.org_nr})" if contract.org_nr else "")
    facts = [
        (tr(lang, "Supplier"), supplier),
        (tr(lang, "Value"), _money(contract.value, lang) if contract.value is not None else "–"),
        (tr(lang, "Period"), f"{start} – {_date(lang, contract.period_end.isoformat())}"),
        (tr(lang, "Options left"), left),
        (tr(lang, "Options used"), str(used)),
        (tr(lang, "Renews automatically"),
         tr(lang, "yes") if contract.auto_renew else tr(lang, "no")),
        (tr(lang, "Owner"), contract.owner or "–"),
        (tr(lang, "Status"), contract.status),
    ]  # fmt: skip
    return [
        {
            "type": "TextBlock",
            "text": f"{contract.contract_id} {contract.title}",
            "weight": "Bolder",
            "wrap": True,
        },
        {
            "type": "FactSet",
            "facts": [{"title": title, "value": value} for title, value in facts],
        },
    ]


MAX_OWNED = 30


def _owned(report: DeadlineReport) -> list[dict[str, Any]]:
    """The asker's own contracts, soonest end first; each opens its contract card."""
    items: list[dict[str, Any]] = [
        {
            "type": "TextBlock",
            "text": (tr(report.lang, "Your contracts ({n_owned})", n_owned=len(report.owned))),
            "weight": "Bolder",
            "separator": True,
            "wrap": True,
        }
    ]  # fmt: skip
    for contract in report.owned[:MAX_OWNED]:
        ends = _date(report.lang, contract.period_end.isoformat())
        items.append(
            {
                "type": "TextBlock",
                "text": f"{contract.contract_id} {contract.title} – {contract.supplier} "
                + (tr(report.lang, "(ends {ends})", ends=ends)),
                "wrap": True,
                "size": "Small",
                "spacing": "Small",
                "selectAction": {
                    "type": "Action.Execute",
                    "verb": DEADLINES.verb,
                    "data": {"contract": contract.contract_id},
                },
            }
        )
    if len(report.owned) > MAX_OWNED:
        more = len(report.owned) - MAX_OWNED
        items.append(
            {
                "type": "TextBlock",
                "text": tr(report.lang, "… and {more} more.", more=more),
                "isSubtle": True,
                "size": "Small",
            }
        )
    return items


def _contract_actions(report: DeadlineReport) -> list[dict[str, Any]]:
    contract = report.contract
    assert contract is not None
    data = {"contract_id": contract.contract_id}
    actions: list[dict[str, Any]] = [
        {
            "type": "Action.Execute",
            "verb": PROPOSE_TERMS.verb,
            "data": data,
            "title": tr(report.lang, "Read the terms"),
        }
    ]
    if contract.options_months:
        actions.append(
            {
                "type": "Action.Execute",
                "verb": PROPOSE_OPTION.verb,
                "data": data,
                "title": tr(report.lang, "Use the option"),
            }
        )
    actions.append(
        {
            "type": "Action.Execute",
            "verb": START.verb,
            "data": data,
            "title": tr(report.lang, "Start new procurement"),
        }
    )
    if report.contract_url:
        actions.append(
            {
                "type": "Action.OpenUrl",
                "url": report.contract_url,
                "title": tr(report.lang, "Open in SharePoint"),
            }
        )
    return actions


def _not_found_card(report: DeadlineReport, body: list[dict[str, Any]]) -> Card:
    """No contract by that id or those words: say so and what was understood, and offer
    as buttons what the person may have meant, or the question without those words."""
    wanted = report.not_found
    by_id = bool(ID_LIKE.search(wanted.lower()))
    if by_id:
        headline = tr(report.lang, "No contract {wanted} in the contract register.", wanted=wanted)
    else:
        headline = tr(
            report.lang,
            "No contract, supplier or contract owner matches “{wanted}”.",
            wanted=wanted,
        )
    body.append({"type": "TextBlock", "text": headline, "wrap": True, "weight": "Bolder"})
    if not by_id and report.understood:
        body.append(
            {
                "type": "TextBlock",
                "text": tr(
                    report.lang,
                    "I understood: deadlines {understood}.",
                    understood=report.understood,
                ),
                "wrap": True,
            }
        )
    actions: list[dict[str, Any]] = []
    if report.suggestions:
        body.append(
            {
                "type": "TextBlock",
                "text": tr(report.lang, "Did you mean one of these?"),
                "wrap": True,
            }
        )
        actions = [
            {
                "type": "Action.Execute",
                "title": f"{c.contract_id} {c.title}"[:60],
                "verb": DEADLINES.verb,
                "data": {"contract": c.contract_id},
            }
            for c in report.suggestions
        ]
    if not by_id:
        everything = report.understood or (tr(report.lang, "next 90 days"))
        actions.append(
            {
                "type": "Action.Execute",
                "title": (tr(report.lang, "All deadlines, {everything}", everything=everything))[
                    :60
                ],
                "verb": DEADLINES.verb,
                "data": {"within_days": str(report.within_days), "mine": str(report.mine)},
            }
        )
    if not report.suggestions:
        body.append(
            {
                "type": "TextBlock",
                "text": tr(
                    report.lang,
                    "I answer deadline questions about the contracts in the register (give a "
                    "contract id, a supplier, a contract owner or a word from the title), read "
                    "terms from contract documents, draft market-dialogue invitations and "
                    "summarise supplier input. I can't answer other questions yet.",
                ),
                "wrap": True,
            }
        )
        actions.append(
            {
                "type": "Action.Execute",
                "title": tr(report.lang, "What can you do?"),
                "verb": HELP.verb,
                "data": {},
            }
        )
    return adaptive_card(body, actions)


def _problems_summary(report: DeadlineReport) -> dict[str, Any]:
    left_out = report.register_errors
    unread = len(report.problems) - left_out
    parts = []
    if left_out:
        parts.append(
            tr_n(
                report.lang,
                "{n} register row is left out",
                "{n} register rows are left out",
                left_out,
            )
        )
    if unread:
        parts.append(
            tr_n(report.lang, "{n} field could not be read", "{n} fields could not be read", unread)
        )
    tail = tr(report.lang, " See “Show what to fix”.")
    return {
        "type": "TextBlock",
        "text": "; ".join(parts) + "." + tail,
        "wrap": True,
        "color": "Warning",
        "size": "Small",
    }


def _problems_action(report: DeadlineReport) -> dict[str, Any]:
    """The detail behind the count: row, the office's own column, and what is wrong."""
    lang = report.lang
    items: list[dict[str, Any]] = [
        {"type": "TextBlock", "text": note, "wrap": True, "size": "Small", "spacing": "Small"}
        for note in report.column_notes
    ]
    for problem in report.problems[:MAX_PROBLEMS]:
        marker = (tr(lang, " (left out)")) if problem.left_out else ""
        items.append(
            {
                "type": "TextBlock",
                "text": problem.text(lang) + marker,
                "wrap": True,
                "size": "Small",
                "spacing": "Small",
            }
        )
    if len(report.problems) > MAX_PROBLEMS:
        more = len(report.problems) - MAX_PROBLEMS
        items.append(
            {
                "type": "TextBlock",
                "text": tr(lang, "… and {more} more.", more=more),
                "wrap": True,
                "isSubtle": True,
                "size": "Small",
            }
        )
    items.append(
        {
            "type": "TextBlock",
            "text": tr(
                lang, "Fix the values in the register and they count the next time you ask."
            ),
            "wrap": True,
            "isSubtle": True,
            "size": "Small",
        }
    )
    return {
        "type": "Action.ShowCard",
        "title": tr(lang, "Show what to fix"),
        "card": {"type": "AdaptiveCard", "body": items},
    }


def _starts_new_procurement(reminder: Reminder) -> bool:
    """The contract really ends at this deadline (or the next procurement is due to
    start), so the next step is a new procurement rather than an option."""
    kind = reminder.deadline.kind
    if kind in (DeadlineKind.RETENDER_START, DeadlineKind.FINAL_EXPIRY):
        return True
    return kind == DeadlineKind.EXPIRY and not reminder.contract.options_months


def _snooze_input(lang: Lang, input_id: str = "days") -> dict[str, Any]:
    """Teams (and the Playground) merge input values into `action.data` by input id, so
    the chosen days reach `reminder.snooze` as `data["days"]`; on a card with several
    deadlines each has its own id, named by its button's `inputs`."""
    return {
        "type": "Input.ChoiceSet",
        "id": input_id,
        "label": tr(lang, "Snooze the reminder"),
        "style": "compact",
        "isRequired": True,
        "errorMessage": tr(lang, "Choose the number of days"),
        "value": str(SNOOZE_DEFAULT),
        "choices": [
            {"title": tr_n(lang, "{n} day", "{n} days", n), "value": str(n)} for n in SNOOZE_CHOICES
        ],
    }


def _reminder_actions(
    reminder: Reminder, url: str, lang: Lang, group: str = "", input_id: str = ""
) -> list[dict[str, Any]]:
    """A deadline's buttons. On a grouped card each carries the group, so the card that
    replaces it after the click still shows the deadlines not yet dealt with."""
    contract = reminder.contract
    data: dict[str, Any] = {
        "contract_id": contract.contract_id,
        "kind": reminder.deadline.kind.value,
        "due": reminder.deadline.due.isoformat(),
    }
    if group:
        data["group"] = group
    snooze_data = dict(data, inputs={"days": input_id}) if input_id else data
    actions: list[dict[str, Any]] = [
        {
            "type": "Action.Execute",
            "verb": ACKNOWLEDGE.verb,
            "data": data,
            "associatedInputs": "none",
            "title": tr(lang, "Got it"),
        },
        {
            "type": "Action.Execute",
            "verb": SNOOZE.verb,
            "data": snooze_data,
            "title": tr(lang, "Snooze"),
        },
    ]
    if reminder.deadline.kind == DeadlineKind.OPTION_NOTICE and contract.options_months:
        actions.append(
            {
                "type": "Action.Execute",
                "verb": PROPOSE_OPTION.verb,
                "data": {"contract_id": contract.contract_id},
                "associatedInputs": "none",
                "title": tr(lang, "Use the option"),
            }
        )
    if _starts_new_procurement(reminder):
        actions.append(
            {
                "type": "Action.Execute",
                "verb": START.verb,
                "data": {"contract_id": contract.contract_id},
                "associatedInputs": "none",
                "title": tr(lang, "Start new procurement"),
            }
        )
    if url:
        actions.append(
            {
                "type": "Action.OpenUrl",
                "url": url,
                "title": tr(lang, "Open in SharePoint"),
            }
        )
    return actions


def _reminder_facts(reminder: Reminder, lang: Lang, with_contract: bool) -> dict[str, Any]:
    contract, deadline, days = reminder.contract, reminder.deadline, reminder.days_left
    when = tr(lang, "today") if days == 0 else tr(lang, "in {days} days", days=days)
    facts = (
        [
            {
                "title": tr(lang, "Contract"),
                "value": f"{contract.contract_id} {contract.title}",
            }
        ]
        if with_contract
        else []
    )
    facts += [
        {"title": tr(lang, "Supplier"), "value": contract.supplier or "–"},
        {
            "title": tr(lang, "Due"),
            "value": f"{_date(lang, deadline.due.isoformat())} ({when})",
        },
    ]
    return {"type": "FactSet", "facts": facts}


def _repeat_note(lang: Lang) -> dict[str, Any]:
    return {
        "type": "TextBlock",
        "text": tr(
            lang, "You may have had this reminder already: the service stopped while sending it."
        ),
        "wrap": True,
        "isSubtle": True,
        "size": "Small",
    }


def reminder_card(reminder: Reminder, url: str, lang: Lang, repeated: bool = False) -> Card:
    """One deadline, with the next step a click away."""
    return adaptive_card(
        [
            *([_repeat_note(lang)] if repeated else []),
            {
                "type": "TextBlock",
                "style": "heading",
                "size": "Large",
                "weight": "Bolder",
                "wrap": True,
                "text": (tr(lang, "Reminder: ")) + kind_text(reminder.deadline.kind, lang),
            },
            _reminder_facts(reminder, lang, with_contract=True),
            {"type": "TextBlock", "text": todo_text(reminder.deadline.kind, lang), "wrap": True},
            _snooze_input(lang),
        ],
        _reminder_actions(reminder, url, lang),
    )


def group_of(reminders: Sequence[Reminder]) -> str:
    """The deadlines on one grouped card, as its buttons carry them:
    `contract|kind|due` joined by `;` (the form `ReminderActionsPlugin` reads back)."""
    return ";".join("|".join(r.key.deadline_key) for r in reminders)


def reminders_card(
    found: Sequence[tuple[Reminder, str]],
    lang: Lang,
    note: str = "",
    repeated: Collection[tuple[str, str, str]] = (),
) -> Card:
    """The deadlines due for one owner on one tick: one card, a section each with its own
    buttons, so several reminders on one morning are one message, not a burst.

    `note` is the reply to a button on such a card: it heads the card that replaces it,
    above the deadlines still open."""
    if len(found) == 1 and not note:
        reminder, url = found[0]
        return reminder_card(reminder, url, lang, reminder.key.deadline_key in repeated)
    group = group_of([r for r, _ in found])
    body: list[dict[str, Any]] = []
    if note:
        body.append({"type": "TextBlock", "text": note, "wrap": True, "weight": "Bolder"})
    if found:
        heading = tr_n(lang, "Reminders: {n} deadline", "Reminders: {n} deadlines", len(found))
        body.append(
            {
                "type": "TextBlock",
                "style": "heading",
                "size": "Large" if not note else "Medium",
                "weight": "Bolder",
                "wrap": True,
                "text": heading,
            }
        )
    for number, (reminder, url) in enumerate(found, start=1):
        input_id = f"days_{number}"
        body.append(
            {
                "type": "Container",
                "separator": True,
                "spacing": "Large",
                "items": [
                    {
                        "type": "TextBlock",
                        "weight": "Bolder",
                        "wrap": True,
                        "text": f"{kind_text(reminder.deadline.kind, lang)}: "
                        f"{reminder.contract.contract_id} {reminder.contract.title}",
                    },
                    *([_repeat_note(lang)] if reminder.key.deadline_key in repeated else []),
                    _reminder_facts(reminder, lang, with_contract=False),
                    {
                        "type": "TextBlock",
                        "text": todo_text(reminder.deadline.kind, lang),
                        "wrap": True,
                    },
                    _snooze_input(lang, input_id),
                    {
                        "type": "ActionSet",
                        "actions": _reminder_actions(reminder, url, lang, group, input_id),
                    },
                ],
            }
        )
    return adaptive_card(body)


def option_card(proposal: OptionProposal) -> Card:
    """Propose the register change, or confirm that it was written."""
    contract = proposal.contract
    end = _date(proposal.lang, proposal.new_end.isoformat())
    remaining = proposal.remaining or (tr(proposal.lang, "none"))
    if proposal.confirmed:
        text = tr(
            proposal.lang,
            "The register is updated: {contract_id} now runs until {end}, remaining options: "
            "{remaining}. Remember written notice to the supplier.",
            contract_id=contract.contract_id,
            end=end,
            remaining=remaining,
        )
        return adaptive_card([{"type": "TextBlock", "text": text, "wrap": True}])
    text = tr(
        proposal.lang,
        "Use the next option for {contract_id} {title}? The new end date is {end}, remaining "
        "options: {remaining}. Nothing changes until you confirm.",
        contract_id=contract.contract_id,
        title=contract.title,
        end=end,
        remaining=remaining,
    )
    return adaptive_card(
        [{"type": "TextBlock", "text": text, "wrap": True}],
        [
            {
                "type": "Action.Execute",
                "verb": CONFIRM_OPTION.verb,
                "title": tr(proposal.lang, "Confirm and update the register"),
                "data": {
                    "contract_id": contract.contract_id,
                    "expected_end": proposal.new_end.isoformat(),
                },
            }
        ],
    )
