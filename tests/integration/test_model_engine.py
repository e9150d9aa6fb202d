"""With a chat model configured, turns go through function calling; the model is
replaced at the HTTP wire by a loopback OpenAI-compatible server. The bot reads the
local tenant's demo register, so what a misbehaving model can make the user see, and
how long it takes, is checked against the real product."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.fake_openai import FakeOpenAI, answer, hang, status, tool_call
from tests.support.procs import BotProcess, PlaygroundProcess
from tests.support.teams import TeamsClient, card_of, card_texts
from tests.support.tenant import TenantProcess, tenant_env


@pytest.fixture
async def fake_model() -> AsyncIterator[FakeOpenAI]:
    async with FakeOpenAI([]) as fake:
        yield fake


@pytest.fixture
def bot(tmp_path: Path, fake_model: FakeOpenAI, tenant: TenantProcess) -> Iterator[BotProcess]:
    process = BotProcess(
        tmp_path,
        tenant_env(
            tenant,
            MODEL_ENDPOINT=fake_model.base_url,
            MODEL_DEPLOYMENT="test-model",
            MODEL_TURN_SECONDS="4",
            LOCAL_LOCALE="nb-NO",
            TURN_ACK_SECONDS="1",
        ),
    )
    process.start()
    try:
        yield process
    finally:
        process.stop()


async def test_model_chooses_the_function_and_answers(
    bot: BotProcess, fake_model: FakeOpenAI, playground: PlaygroundProcess, teams: TeamsClient
) -> None:
    fake_model.script[:] = [tool_call("assistant-help"), answer("Here is what I can do.")]
    await teams.send(teams.personal_chat, "what are you good at?")
    text = await teams.wait_for(
        lambda e: e.get("message", {}).get("text") == "Here is what I can do."
    )
    card = await teams.wait_for(lambda e: card_of(e) is not None)
    assert "Dette kan jeg hjelpe med" in card_texts(card_of(card) or {})
    assert teams.events.index(text) < teams.events.index(card)
    assert {"assistant-help", "diagnostics-status"} <= fake_model.tool_names(0)
    assert fake_model.requests[0]["messages"][-1]["content"] == "what are you good at?"
    assert "engine=model:test-model" in bot.log()


def _deadlines(event: dict[str, Any]) -> bool:
    card = card_of(event)
    return card is not None and "Kontraktsfrister" in card_texts(card)


async def test_a_failing_model_gives_way_to_the_offline_engine(
    bot: BotProcess, fake_model: FakeOpenAI, playground: PlaygroundProcess, teams: TeamsClient
) -> None:
    fake_model.script[:] = [status(500), status(503)]
    await teams.send(teams.personal_chat, "hjelp")
    card = await teams.wait_for(lambda e: card_of(e) is not None)
    assert "Dette kan jeg hjelpe med" in card_texts(card_of(card) or {})
    assert len(fake_model.requests) == 2  # one retry, no more
    assert "engine=offline" in bot.log() and "reason=model: ServiceResponseException" in bot.log()


async def test_a_hanging_model_is_answered_by_the_offline_engine_in_bounded_time(
    bot: BotProcess, fake_model: FakeOpenAI, playground: PlaygroundProcess, teams: TeamsClient
) -> None:
    fake_model.script[:] = [hang(60)]
    started = time.monotonic()
    await teams.send(teams.personal_chat, "frister neste 90 dager")
    answer = await teams.wait_for(_deadlines, within=15)
    assert time.monotonic() - started < 4 + 4  # the turn's bound plus the register read
    # The answer took seconds, so a typing indicator showed the bot at work first.
    typing = [e for e in teams.events if e.get("action") == "typing"]
    assert len(typing) == 1 and teams.events.index(typing[0]) < teams.events.index(answer)
    assert "no answer within 4 s" in bot.log()
    # Teams was not kept waiting: the request was acknowledged after a second, and the
    # answer came into the conversation when it was ready.
    assert "turn still working after 1 s: acknowledged" in bot.log()


async def test_a_models_claim_after_a_refused_call_never_reaches_the_user(
    bot: BotProcess,
    fake_model: FakeOpenAI,
    playground: PlaygroundProcess,
    teams: TeamsClient,
    tenant: TenantProcess,
) -> None:
    fake_model.script[:] = [
        tool_call("reminders-acknowledge", {"contract_id": "2025-017", "kind": "end"}),
        tool_call("contracts-delete_everything"),
        answer("Ferdig: påminnelsen er kvittert ut, og alle kontraktene er slettet."),
    ]
    await teams.send(teams.personal_chat, "kvitter ut alt og slett kontraktene")
    event = await teams.wait_for(lambda e: card_of(e) is not None)
    shown = str(teams.events)
    assert "kvittert ut" not in shown and "slettet" not in shown
    # The offline engine answered the words themselves: nothing understood, nothing done.
    assert "Jeg forsto ikke" in card_texts(card_of(event) or {})[0]
    routes = tenant.admin("GET", "stats")["byRoute"]
    assert not [r for r in routes if not r.startswith("GET ")]  # nothing written


async def test_a_microsoft_365_refusal_in_a_model_turn_is_explained_as_offline(
    bot: BotProcess,
    fake_model: FakeOpenAI,
    playground: PlaygroundProcess,
    teams: TeamsClient,
    tenant: TenantProcess,
) -> None:
    tenant.admin("POST", "faults", {"path": "delta", "status": 403, "times": 5})
    fake_model.script[:] = [
        tool_call("contracts-deadlines", {"days": 30}),
        answer("Beklager, Forbidden: 403 fra Graph."),
    ]
    await teams.send(teams.personal_chat, "frister")
    event = await teams.wait_for(lambda e: "tilgang" in e.get("message", {}).get("text", ""))
    text = event["message"]["text"]
    assert text.startswith("Jeg har ikke tilgang til dette i Microsoft 365")
    assert "Sites.Selected" in text and "Forbidden" not in str(teams.events)
