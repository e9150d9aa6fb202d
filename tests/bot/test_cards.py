from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

import pytest

from bot.cards import help_card, message_card, welcome_card
from bot.diagnostics import CheckResult, StatusReport
from bot.render import render, status_card
from skills.assistant.capabilities import CAPABILITIES
from skills.assistant.plugin import HelpInfo
from skills.contracts.model import RowProblem
from skills.i18n import Phrase, speaking
from tests.support.cards import card_errors
from tests.support.teams import card_texts


def all_cards() -> list[dict[str, Any]]:
    report = StatusReport("nb", "offline", (CheckResult("Lagring", "ok", "", 1),))
    return [
        welcome_card("nb"),
        welcome_card("en"),
        help_card(HelpInfo("nb", CAPABILITIES)),
        help_card(HelpInfo("en", CAPABILITIES)),
        status_card(report),
        message_card("x"),
        *contract_cards(),
    ]


def contract_cards() -> list[dict[str, Any]]:
    from datetime import date

    from bot.contract_cards import deadlines_card, reminder_card
    from skills.contracts.engine import deadlines_of
    from skills.contracts.model import Contract
    from skills.contracts.plugin import DeadlineReport, DeadlineRow
    from skills.contracts.reminders import Reminder

    contract = Contract(
        "2025-017", "Renhold", "Rent AS", "", "a@x.no", "Renhold", False, None, date(2027, 1, 29)
    )
    deadline = deadlines_of(contract)[0]
    url = "https://innkjop.example.no/sites/innkjop/Lists/kontraktsregister/DispForm.aspx?ID=1"
    row = DeadlineRow(contract, deadline, 10, url)
    from bot.contract_cards import option_card
    from skills.contracts.plugin import OptionProposal

    return [
        option_card(OptionProposal("nb", contract, date(2028, 1, 29), "1")),
        option_card(OptionProposal("en", contract, date(2028, 1, 29), "", confirmed=True)),
        reminder_card(Reminder(contract, deadline, 14, 10), url, "nb"),
        reminder_card(Reminder(contract, deadline, 14, 10), "", "en"),
        deadlines_card(
            DeadlineReport("nb", date(2026, 11, 25), 90, "neste 90 dager", (row,), PROBLEMS)
        ),
        deadlines_card(DeadlineReport("en", date(2026, 11, 25), 90, "next 90 days", (), PROBLEMS)),
        deadlines_card(
            DeadlineReport(
                "nb", date(2026, 11, 25), 90, "neste 90 dager", (), register_error="Fant ikke …"
            )
        ),
    ]


PROBLEMS = (
    RowProblem(
        7,
        "Sluttdato",
        "31.13.2026",
        Phrase("“{value}” is not a date", value="31.13.2026"),
        True,
        "2024-9",
    ),
    RowProblem(
        9, "Opsjoner", "x+1", Phrase("“{value}” is not a date", value="x+1"), False, "2024-11"
    ),
)


def test_every_card_is_valid_adaptive_card_1_5() -> None:
    assert card_errors(all_cards()) == [[] for _ in all_cards()]


def test_validator_catches_a_broken_card() -> None:
    broken = welcome_card("nb")
    broken["body"].append({"type": "NoSuchElement"})
    broken["version"] = "1.6"
    errors = card_errors([broken])[0]
    assert any("NoSuchElement" in e for e in errors)
    assert any("1.5" in e for e in errors)


def test_help_card_speaks_the_users_language_and_marks_coming_features() -> None:
    # A planned capability, titled with a text the catalogues have.
    planned = replace(CAPABILITIES[0], key="planned", title_id="Service status", available=False)
    nb = card_texts(help_card(HelpInfo("nb", (*CAPABILITIES, planned))))
    en = card_texts(help_card(HelpInfo("en", CAPABILITIES)))
    assert "Dette kan jeg hjelpe med" in nb and "What I can help with" in en
    assert "Driftsstatus · Kommer snart" in nb
    assert "Oppsummering av leverandørinnspill" in nb
    assert "Invitasjon til markedsdialog" in nb and "Kontraktsfrister" in nb
    assert sum("Kommer snart" in t for t in nb) == 1


def test_status_card_lists_each_check_in_words_without_internals() -> None:
    report = StatusReport("en", "model:gpt-4o", (CheckResult("Storage", "failed", "a1b2c3d4", 3),))
    texts = card_texts(status_card(report))
    assert "Storage: Failed (details in the service log, ref. a1b2c3d4)" in texts
    assert "Answer engine: Language model" in texts
    assert "gpt-4o" not in str(report) and "gpt-4o" not in " ".join(texts)


async def test_status_details_go_to_the_log_not_the_card(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from bot.diagnostics import Check, DiagnosticsPlugin

    async def storage() -> tuple[str, str]:
        return "ok", "/srv/bot/var/state.sqlite3"

    async def graph() -> tuple[str, str]:
        raise OSError("innkjop.sharepoint.com:443 refused the connection")

    plugin = DiagnosticsPlugin(
        [Check("Storage", storage), Check("Microsoft 365 (Graph)", graph)], "offline"
    )
    with caplog.at_level(logging.INFO, logger="bot.diagnostics"), speaking("nb"):
        report = await plugin.status()
    texts = " ".join(card_texts(status_card(report)))
    assert "Lagring: OK" in texts
    assert "Microsoft 365 (Graph): Feil (detaljer i driftsloggen, ref. " in texts
    assert "state.sqlite3" not in texts and "sharepoint.com" not in texts
    assert "state.sqlite3" not in str(report) and "sharepoint.com" not in str(report)
    reference = report.results[1].reference
    assert any(
        reference in r.getMessage() and "sharepoint.com:443" in r.getMessage()
        for r in caplog.records
    )


def test_render_sends_text_and_cards_as_separate_messages() -> None:
    activities = render([HelpInfo("en", CAPABILITIES)], "Here you go", "en")
    assert activities[0].text == "Here you go" and not activities[0].attachments
    assert activities[1].attachments and activities[1].text is None


def test_render_without_anything_says_it_did_not_understand() -> None:
    (activity,) = render([], None, "nb")
    assert "hjelp" in activity.text


def test_meeting_days_on_the_invitation_card_are_numbered_not_repeated() -> None:
    from datetime import date

    from bot.market_dialogue_cards import _schedule_facts

    items = [
        ("publication", date(2026, 1, 5)),
        ("meetings", date(2026, 1, 26)),
        ("meetings", date(2026, 1, 27)),
    ]
    titles = [f["title"] for f in _schedule_facts(items, "en")]
    assert titles == [
        "Notice published on Doffin",
        "One-to-one meetings, day 1",
        "One-to-one meetings, day 2",
    ]
    one = [f["title"] for f in _schedule_facts(items[:2], "nb")]
    assert one == ["Kunngjøring på Doffin", "En-til-en-møter"]  # one day: no number
