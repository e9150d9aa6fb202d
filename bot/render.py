"""Turn skill results into Teams messages: one card per structured result."""

from __future__ import annotations

import logging
from typing import Any

from botbuilder.core import MessageFactory
from botbuilder.schema import Activity

from bot.cards import (
    MAX_CARD_BYTES,
    MAX_TEXT_CHARS,
    Card,
    as_attachment,
    card_bytes,
    facts_card,
    help_card,
    message_card,
)
from bot.contract_cards import deadlines_card, option_card, reminders_card
from bot.diagnostics import StatusReport
from bot.market_dialogue_cards import dialogue_form_card, invitation_card
from bot.plan_cards import entry_form_card, plan_card, plan_done_card
from bot.spend_cards import spend_card, spend_problem_card
from bot.supplier_input_cards import supplier_input_card, supplier_input_problem_card
from bot.terms_cards import terms_card, terms_confirmation_card
from skills.assistant.plugin import HelpInfo
from skills.contracts.actions import ReminderUpdate
from skills.contracts.plugin import DeadlineReport, OptionProblem, OptionProposal
from skills.contracts.terms_plugin import TermsConfirmation, TermsReview
from skills.i18n import Lang, tr
from skills.market_dialogue.form import DialogueForm
from skills.market_dialogue.plugin import InvitationReady
from skills.plan.answers import PlanAnswer
from skills.plan.manual_entry import EntryDraft
from skills.plan.plugin import PlanDone
from skills.spend.answers import SpendAnswer
from skills.spend.plugin import SpendProblem
from skills.supplier_input.plugin import SupplierInputProblem, SupplierInputReport

log = logging.getLogger(__name__)


def status_card(report: StatusReport) -> Card:
    lang = report.lang
    states = {
        "ok": tr(lang, "OK"),
        "failed": tr(lang, "Failed"),
        "off": tr(lang, "Not configured"),
    }
    engine = (
        tr(lang, "Rule-based (no language model configured)")
        if report.engine == "offline"
        else tr(lang, "Language model")
    )
    facts = [(tr(lang, "Answer engine"), engine)]
    for result in report.results:
        value = states.get(result.state, result.state)
        if result.reference:
            value = tr(
                lang,
                "{state} (details in the service log, ref. {reference})",
                state=value,
                reference=result.reference,
            )
        facts.append((result.name, value))
    return facts_card(tr(lang, "Service status"), facts)


def card_for(result: Any) -> Card | None:
    if isinstance(result, HelpInfo):
        return help_card(result)
    if isinstance(result, StatusReport):
        return status_card(result)
    if isinstance(result, DeadlineReport):
        return deadlines_card(result)
    if isinstance(result, OptionProposal):
        return option_card(result)
    if isinstance(result, SupplierInputReport):
        return supplier_input_card(result)
    if isinstance(result, SupplierInputProblem):
        return supplier_input_problem_card(result)
    if isinstance(result, PlanAnswer):
        return plan_card(result)
    if isinstance(result, EntryDraft):
        return entry_form_card(result)
    if isinstance(result, PlanDone):
        return plan_done_card(result)
    if isinstance(result, SpendAnswer):
        return spend_card(result)
    if isinstance(result, SpendProblem):
        return spend_problem_card(result)
    if isinstance(result, DialogueForm):
        return dialogue_form_card(result)
    if isinstance(result, InvitationReady):
        return invitation_card(result)
    if isinstance(result, TermsReview):
        return terms_card(result)
    if isinstance(result, TermsConfirmation):
        return terms_confirmation_card(result)
    if isinstance(result, ReminderUpdate) and result.still_open:
        return reminders_card(result.still_open, result.lang, note=result.text)
    if isinstance(result, ReminderUpdate | OptionProblem):
        return message_card(result.text)
    return None


def render(results: list[Any], text: str | None, lang: Lang) -> list[Activity]:
    """Text first (a model's answer), then one card per result.

    Text and card travel as separate messages: Teams and the Playground split a
    mixed message anyway, and a split message cannot be edited in place.
    """
    activities: list[Activity] = []
    cards = [sized_card(card, lang) for card in (card_for(r) for r in results) if card is not None]
    if not text and not cards:
        plain = [str(r) for r in results if card_for(r) is None]
        text = (
            "\n\n".join(plain)
            if plain
            else tr(lang, "I did not quite understand that. Type “help” to see what I can do.")
        )
    if text:
        if len(text) > MAX_TEXT_CHARS:
            text = text[:MAX_TEXT_CHARS].rsplit(" ", 1)[0] + " …"
        activities.append(MessageFactory.text(text))
    activities.extend(MessageFactory.attachment(as_attachment(card)) for card in cards)
    return activities


def sized_card(card: Card, lang: Lang) -> Card:
    """Teams refuses an oversized message outright, so the product says so instead."""
    size = card_bytes(card)
    if size <= MAX_CARD_BYTES:
        return card
    log.warning("a card of %d bytes is over Teams' limit; a short message goes instead", size)
    return message_card(
        tr(
            lang,
            "The answer is too large to show in Teams. Please ask more narrowly, for example "
            "about one contract or a shorter period.",
        )
    )
