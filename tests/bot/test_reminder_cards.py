"""Reminder cards: the snooze choice, and the next-step buttons per deadline kind."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.contract_cards import reminder_card
from skills.contracts.actions import ReminderActionsPlugin
from skills.contracts.engine import deadlines_of
from skills.contracts.ledger import SqliteLedger
from skills.contracts.model import Contract, DeadlineKind
from skills.contracts.reminders import Reminder, ReminderKey
from skills.i18n import Phrase, speaking
from skills.kernel import build_kernel
from tests.support.cards import card_errors
from tests.support.teams import card_texts

TODAY = date(2026, 11, 25)


def _contract(options: tuple[int, ...], auto_renew: bool = False) -> Contract:
    return Contract(
        "2025-017",
        "Renhold",
        "Rent AS",
        "",
        "a@x.no",
        "Renhold",
        True,
        date(2024, 1, 1),
        date(2027, 6, 30),
        options_months=options,
        auto_renew=auto_renew,
        termination_notice_months=3 if auto_renew else None,
    )


def _cards() -> dict[tuple[DeadlineKind, bool], dict[str, Any]]:
    """(kind, options remain) -> the reminder card, for every kind the engine makes."""
    cards = {}
    for contract in (_contract((12, 12)), _contract(()), _contract((), auto_renew=True)):
        for deadline in deadlines_of(contract):
            reminder = Reminder(contract, deadline, 30, 20)
            cards[(deadline.kind, bool(contract.options_months))] = reminder_card(
                reminder, "https://x.example/item", "nb"
            )
    return cards


def _verbs(card: dict[str, Any]) -> list[str]:
    return [a["verb"] for a in card["actions"] if a["type"] == "Action.Execute"]


def test_start_new_procurement_only_where_the_contract_really_ends() -> None:
    cards = _cards()
    with_button = {key for key, card in cards.items() if "market_dialogue.start" in _verbs(card)}
    assert with_button == {
        (DeadlineKind.RETENDER_START, True),
        (DeadlineKind.RETENDER_START, False),
        (DeadlineKind.FINAL_EXPIRY, True),
        (DeadlineKind.EXPIRY, False),
    }
    # Absent where an option or a renewal is still the next step.
    for key in ((DeadlineKind.OPTION_NOTICE, True), (DeadlineKind.EXPIRY, True)):
        assert "market_dialogue.start" not in _verbs(cards[key])
    assert "market_dialogue.start" not in _verbs(cards[(DeadlineKind.TERMINATION_NOTICE, False)])
    button = next(
        a
        for a in cards[(DeadlineKind.RETENDER_START, True)]["actions"]
        if a.get("verb") == "market_dialogue.start"
    )
    assert button["data"] == {"contract_id": "2025-017"}
    assert button["title"] == "Start ny anskaffelse"


def test_option_button_only_on_option_notices() -> None:
    cards = _cards()
    with_option = {key for key, card in cards.items() if "option.propose" in _verbs(card)}
    assert with_option == {(DeadlineKind.OPTION_NOTICE, True)}


def test_snooze_offers_a_choice_of_days_sent_with_the_action() -> None:
    contract = _contract((12,))
    reminder = Reminder(contract, deadlines_of(contract)[0], 30, 20)
    for lang, label in (("nb", "Utsett påminnelsen"), ("en", "Snooze the reminder")):
        card = reminder_card(reminder, "", lang)  # type: ignore[arg-type]
        choice = next(b for b in card["body"] if b["type"] == "Input.ChoiceSet")
        assert choice["id"] == "days" and choice["value"] == "7" and choice["label"] == label
        assert [c["value"] for c in choice["choices"]] == ["1", "3", "7", "14", "30"]
        snooze = next(a for a in card["actions"] if a.get("verb") == "reminder.snooze")
        # The chosen days travel as data["days"] (merged in by Teams); nothing fixed here.
        assert "days" not in snooze["data"] and "associatedInputs" not in snooze
        others = [a for a in card["actions"] if a["type"] == "Action.Execute" and a is not snooze]
        assert others and all(a["associatedInputs"] == "none" for a in others)
    english = reminder_card(reminder, "", "en")
    assert card_texts(english)[0].startswith("Reminder: ")
    assert "1 day" in [c["title"] for c in english["body"][-1]["choices"]]


def test_every_reminder_card_is_valid() -> None:
    cards = list(_cards().values())
    contract = _contract(())
    cards.append(reminder_card(Reminder(contract, deadlines_of(contract)[-1], 1, 0), "", "en"))
    assert card_errors(cards) == [[] for _ in cards]


@pytest.fixture
def plugin(tmp_path: Path) -> tuple[ReminderActionsPlugin, SqliteLedger]:
    ledger = SqliteLedger(tmp_path / "ledger.sqlite3")
    return ReminderActionsPlugin(ledger, lambda: TODAY), ledger


KEY = ReminderKey("2025-017", "option_notice", "2027-03-31", 30)


@pytest.mark.parametrize("days", ["1", "14", "30", "365"])
async def test_snooze_for_the_chosen_days(
    plugin: tuple[ReminderActionsPlugin, SqliteLedger], days: str
) -> None:
    actions, ledger = plugin
    with speaking("en"):
        update = await actions.snooze("2025-017", "option_notice", "2027-03-31", days)
    until = date.fromordinal(TODAY.toordinal() + int(days))
    if until <= date(2027, 3, 31):
        assert update.text.endswith(f"comes {until.isoformat()}.")
    else:  # the deadline passes first: no reminder will come, and the reply says so
        assert "comes" not in update.text and "no more reminders" in update.text
        assert "2027-03-31" in update.text
    assert await ledger.quiet_reason(KEY, date.fromordinal(until.toordinal() - 1)) == "snoozed"
    assert await ledger.quiet_reason(KEY, until) is None


@pytest.mark.parametrize("days", ["0", "-3", "366", "sju", "", "7.5", "1e3"])
async def test_a_bad_snooze_value_is_explained_and_changes_nothing(
    plugin: tuple[ReminderActionsPlugin, SqliteLedger], days: str
) -> None:
    actions, ledger = plugin
    with speaking("nb"):
        update = await actions.snooze("2025-017", "option_notice", "2027-03-31", days)
    assert "ikke et gyldig antall dager" in update.text and "ikke utsatt" in update.text
    # The reply replaces the card, so it names the deadline it leaves as it was.
    assert "Påminnelsen om opsjonsfrist 31.03.2027 for 2025-017 er ikke utsatt" in update.text
    with speaking("en"):
        update = await actions.snooze("2025-017", "option_notice", "2027-03-31", days)
    assert "not a valid number of days" in update.text
    assert "about the option notice on 2027-03-31 for 2025-017 is not snoozed" in update.text
    assert await ledger.quiet_reason(KEY, TODAY) is None


async def test_snooze_days_through_the_kernel(
    plugin: tuple[ReminderActionsPlugin, SqliteLedger],
) -> None:
    actions, ledger = plugin
    kernel = build_kernel({"reminders": actions})
    result = await kernel.invoke(
        plugin_name="reminders",
        function_name="snooze",
        contract_id="2025-017",
        kind="option_notice",
        due="2027-03-31",
        days="3",
    )
    assert result is not None and "28.11.2026" in str(result.value)
    assert await ledger.quiet_reason(KEY, date(2026, 11, 27)) == "snoozed"
    assert await ledger.quiet_reason(KEY, date(2026, 11, 28)) is None


async def test_a_snooze_past_the_deadline_says_no_reminder_will_come(
    plugin: tuple[ReminderActionsPlugin, SqliteLedger],
) -> None:
    actions, _ = plugin
    with speaking("nb"):
        update = await actions.snooze("2025-017", "option_notice", "2026-11-27", "3")
    assert "31.03" not in update.text and "27.11.2026" in update.text
    assert "ingen flere påminnelser" in update.text and "kommer 28.11" not in update.text
    with speaking("nb"):
        update = await actions.snooze("2025-017", "option_notice", "2026-11-28", "3")
    assert update.text.endswith("kommer 28.11.2026.")


def test_the_weekly_digest_shows_what_of_the_owners_register_could_not_be_read() -> None:
    from datetime import date as _date

    from bot.reminders import _digest_card
    from skills.contracts.model import RowProblem
    from tests.support.teams import card_texts

    problem = RowProblem(
        12, "Opsjoner", "x+1", Phrase("“{value}” is not a date", value="x+1"), False, "2025-033",
        place="item",
    )  # fmt: skip
    card = _digest_card(_date(2026, 11, 30), (), "nb", problems=(problem,))
    texts = card_texts(card)
    assert "1 felt kunne ikke leses. Se «Vis hva som må rettes»." in texts
    assert "Element-ID 12 (2025-033), «Opsjoner»: «x+1» er ikke en dato" in texts


async def test_replies_after_a_button_name_the_contract_and_the_deadline(
    plugin: tuple[ReminderActionsPlugin, SqliteLedger],
) -> None:
    actions, _ = plugin
    with speaking("nb"):
        update = await actions.acknowledge("2025-017", "option_notice", "2027-03-31")
    assert update.text == (
        "Notert: ingen flere påminnelser om opsjonsfrist 31.03.2027 for 2025-017."
    )
    with speaking("en"):
        update = await actions.acknowledge("2025-017", "termination_notice", "2027-03-31")
    assert update.text == (
        "Noted: no more reminders about the termination notice on 2027-03-31 for 2025-017."
    )
    with speaking("nb"):
        update = await actions.snooze("2025-031", "expiry", "2027-03-31", "3")
    assert (
        update.text
        == "Utsatt: neste påminnelse om utløp 31.03.2027 for 2025-031 kommer 28.11.2026."
    )
