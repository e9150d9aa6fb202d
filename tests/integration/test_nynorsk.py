"""Nynorsk end to end: a Teams locale of nn-NO gets nynorsk help, answers, reminder cards
and button replies, through the real Playground and the local tenant.

The expected sentences are written here by hand, as a nynorsk reader would read them; they
are not taken from the catalogues the product uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.procs import BotProcess
from tests.support.teams import TeamsClient, card_elements, card_of, card_texts
from tests.support.tenant import DEMO_TODAY, TOKEN, TenantProcess

# Words that only bokmål writes: none of them may reach a nynorsk reader.
BOKMAL_ONLY = re.compile(
    r"\b(jeg|ikke|hva|hvilke|frister|påminnelse|påminnelser|leverandører|innspill|"
    r"dager|måneder|fra|kontrakter|opsjoner|utsett påminnelsen)\b",
    re.IGNORECASE,
)


@pytest.fixture
def bot(tmp_path: Path, tenant: TenantProcess) -> Iterator[BotProcess]:
    """The demo in nynorsk: LOCAL_LOCALE sets every turn's language in local mode."""
    env = {
        "LOCAL_LOCALE": "nn-NO",
        "GRAPH_LOCAL_URL": tenant.url,
        "GRAPH_LOCAL_TOKEN": TOKEN,
        "ASSISTANT_TODAY": DEMO_TODAY.isoformat(),
        "REMINDER_INTERVAL_SECONDS": "1",
        "REMINDER_FIRST_DELAY_SECONDS": "0",
    }
    process = BotProcess(tmp_path, env).start()
    try:
        yield process
    finally:
        process.stop()


def _texts(event: dict[str, Any]) -> list[str]:
    card = card_of(event)
    return card_texts(card) if card else [event.get("message", {}).get("text", "")]


def _bokmal_in(texts: list[str]) -> list[str]:
    """Texts with a bokmål-only word outside «quotes»: the office's own column headers and
    values are quoted as written in the register, in whatever language it was kept."""
    return [t for t in texts if BOKMAL_ONLY.search(re.sub(r"«[^»]*»", "", t))]


async def test_help_and_deadlines_answer_in_nynorsk(teams: TeamsClient) -> None:
    await teams.send(teams.personal_chat, "hjelp")
    event = await teams.wait_for(
        lambda e: card_of(e) is not None and "Dette kan eg hjelpe med" in _texts(e)
    )
    help_texts = _texts(event)
    assert "Kontraktsfristar" in help_texts
    # The examples are nynorsk commands, and the router understands them (asked below).
    assert any("«fristar dei neste 90 dagane»" in t for t in help_texts), help_texts
    assert "Eg er eit hjelpemiddel" in " ".join(help_texts)

    start = len(teams.events)
    await teams.send(teams.personal_chat, "fristar dei neste 90 dagane")
    answer = await teams.wait_for(
        lambda e: card_of(e) is not None and "Kontraktsfristar" in _texts(e), start=start
    )
    texts = _texts(answer)
    assert any(re.search(r"\bom \d+ dagar\b|\bi dag\b", t) for t in texts), texts
    assert not _bokmal_in(texts), texts

    start = len(teams.events)
    await teams.send(teams.personal_chat, "kva er veret i morgon")
    unknown = await teams.wait_for(lambda e: "message" in e, start=start)
    said = " ".join(_texts(unknown))
    assert "ikkje" in said and "ikke" not in said, said


async def test_reminders_and_their_buttons_speak_nynorsk(
    bot: BotProcess, tenant: TenantProcess, teams: TeamsClient
) -> None:
    await teams.send(teams.personal_chat, "hei")  # the owner's chat becomes known

    def is_reminder(event: dict[str, Any]) -> bool:
        card = card_of(event)
        texts = card_texts(card) if card and event.get("action") == "createMessage" else []
        return bool(texts) and texts[0].startswith(("Påminning:", "Påminningar:"))

    reminder = await teams.wait_for(is_reminder, within=60)
    card = card_of(reminder)
    assert card is not None
    texts = card_texts(card)
    assert not _bokmal_in(texts), texts
    snooze = [e for e in card_elements(card) if e.get("type") == "Input.ChoiceSet"]
    assert snooze and snooze[0]["label"] == "Utset påminninga"
    assert {c["title"] for c in snooze[0]["choices"]} >= {"1 dag", "7 dagar"}

    ack = next(e for e in card_elements(card) if e.get("verb") == "reminder.ack")
    data = ack["data"]
    status, body = await teams.invoke(
        teams.personal_chat, reminder["message"]["messageId"], "reminder.ack", data
    )
    assert status == 200, body
    reply = card_texts(body["value"])
    day, month, year = data["due"][8:], data["due"][5:7], data["due"][:4]
    assert any(
        t.startswith("Notert: ingen fleire påminningar om ")
        and f"{day}.{month}.{year} for {data['contract_id']}" in t
        for t in reply
    ), reply
