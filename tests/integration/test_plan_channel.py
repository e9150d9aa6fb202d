"""The month's procurement plan in a Teams channel, through the Playground: two
instances over one ledger, the plan's channel named by PLAN_CHANNEL_ID, the message
posted once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.procs import BotProcess, more_ticks
from tests.support.teams import TeamsClient, card_of, card_texts
from tests.support.tenant import TenantProcess, tenant_env

TITLE = "Skal starte de neste 60 dagene, og det som er forsinket"
# The general channel of the Playground's fixed team (bot/playground.yml: team.id).
GENERAL = "19:innkjop-generelt@thread.tacv2"


def _env(tmp_path: Path, tenant: TenantProcess, channel: str) -> dict[str, str]:
    return tenant_env(
        tenant, REMINDER_INTERVAL_SECONDS="1", REMINDER_FIRST_DELAY_SECONDS="0",
        PLAN_CHANNEL_ID=channel, SPEND_DB=str(tmp_path / "spend.duckdb"),
    )  # fmt: skip


@pytest.fixture
def bot(tmp_path: Path, tenant: TenantProcess) -> Iterator[BotProcess]:
    process = BotProcess(tmp_path, _env(tmp_path, tenant, GENERAL)).start()
    try:
        yield process
    finally:
        process.stop()


def _is_plan(event: dict[str, Any]) -> bool:
    card = card_of(event)
    return (
        event.get("action") == "createMessage"
        and card is not None
        and (card_texts(card)[:1] == [TITLE])
    )


async def test_the_monthly_plan_is_posted_to_its_channel_once(
    tmp_path: Path, bot: BotProcess, tenant: TenantProcess, teams: TeamsClient
) -> None:
    assert teams.general_channel == GENERAL
    second = BotProcess(tmp_path, _env(tmp_path, tenant, teams.general_channel))
    second.start()
    try:
        await teams.install(teams.general_channel)  # the bot learns the channel
        await teams.wait_for(_is_plan, within=90)
        await more_ticks([bot, second])  # later ticks of the month send nothing more
        posts = [e for e in teams.events if _is_plan(e)]
        assert len(posts) == 1
        assert posts[0]["actionConversationId"].startswith(teams.general_channel)
        texts = card_texts(card_of(posts[0]) or {})
        assert "for sent: arbeidet burde allerede ha startet" in texts
    finally:
        second.stop()
