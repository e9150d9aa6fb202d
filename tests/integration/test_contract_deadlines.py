"""Asking for contract deadlines in Teams, answered from the local tenant's register."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from graph.localtenant.demo import generate
from tests.support.cards import card_errors
from tests.support.procs import BotProcess
from tests.support.teams import TeamsClient, card_of, card_texts
from tests.support.tenant import TOKEN, TenantProcess

TODAY = date(2026, 11, 25)


@pytest.fixture
def tenant(tmp_path: Path) -> Iterator[TenantProcess]:
    generate(tmp_path / "tenant", TODAY)
    process = TenantProcess(tmp_path / "tenant").start()
    try:
        yield process
    finally:
        process.stop()


@pytest.fixture
def bot(tmp_path: Path, tenant: TenantProcess) -> Iterator[BotProcess]:
    process = BotProcess(
        tmp_path,
        {
            "GRAPH_LOCAL_URL": tenant.url,
            "GRAPH_LOCAL_TOKEN": TOKEN,
            "ASSISTANT_TODAY": TODAY.isoformat(),
        },
    )
    process.start()
    try:
        yield process
    finally:
        process.stop()


def _deadline_card(event: dict) -> bool:  # type: ignore[type-arg]
    card = card_of(event)
    return card is not None and "Kontraktsfrister" in card_texts(card)


async def test_deadlines_next_two_weeks_in_norwegian(
    bot: BotProcess, tenant: TenantProcess, teams: TeamsClient
) -> None:
    await teams.custom_activity(teams.personal_activity("frister neste 14 dager", locale="nb-NO"))
    event = await teams.wait_for(_deadline_card, within=30)
    card = card_of(event) or {}
    texts = card_texts(card)
    assert "neste 14 dager" in texts
    due_lines = [
        t
        for t in texts
        if t.startswith(
            ("Opsjonsfrist", "Oppsigelsesfrist", "Utløp", "Endelig utløp", "Start ny anskaffelse")
        )
    ]
    assert len(due_lines) >= 3
    assert all("dager)" in t or "(i dag)" in t for t in due_lines)
    assert any("rader i registeret kunne ikke leses" in t for t in texts)
    links = [c["selectAction"]["url"] for c in card["body"] if "selectAction" in c]
    assert links and all("/Lists/kontraktsregister/DispForm.aspx?ID=" in u for u in links)
    assert card_errors([card]) == [[]]


async def test_my_contracts_only_show_the_asking_owner(
    bot: BotProcess, tenant: TenantProcess, teams: TeamsClient
) -> None:
    await teams.send(teams.personal_chat, "my contracts in the next 12 months")
    event = await teams.wait_for(
        lambda e: card_of(e) is not None and "Contract deadlines" in card_texts(card_of(e) or {}),
        within=30,
    )
    texts = card_texts(card_of(event) or {})
    assert "next 360 days, your contracts" in texts
    assert not any("I could not tell who you are" in t for t in texts)
    # Ingrid Haugen (user-id-0) owns some demo contracts; none of anyone else's show up.
    import json

    register = json.loads(
        next((tenant.data / "sites").glob("*/lists/kontraktsregister.json")).read_text()
    )
    mine = {
        i["fields"]["kontrakt_id"]
        for i in register["items"]
        if i["fields"]["eier"] == "ingrid.haugen@innkjop.example.no"
    }
    others = {i["fields"]["kontrakt_id"] for i in register["items"]} - mine
    shown = {t.split(" ")[0] for t in texts if t[:4].isdigit() and "-" in t[:9]}
    assert shown and shown <= mine and not shown & others
