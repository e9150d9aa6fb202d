"""With a chat model configured, turns go through function calling; the model is
replaced at the HTTP wire by a loopback OpenAI-compatible server."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from tests.support.fake_openai import FakeOpenAI, answer, tool_call
from tests.support.procs import BotProcess, PlaygroundProcess
from tests.support.teams import TeamsClient, card_of, card_texts


@pytest.fixture
async def fake_model() -> AsyncIterator[FakeOpenAI]:
    async with FakeOpenAI([]) as fake:
        yield fake


@pytest.fixture
def bot(tmp_path: Path, fake_model: FakeOpenAI) -> Iterator[BotProcess]:
    process = BotProcess(
        tmp_path,
        {"MODEL_ENDPOINT": fake_model.base_url, "MODEL_DEPLOYMENT": "test-model"},
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
    assert "What I can help with" in card_texts(card_of(card) or {})
    assert teams.events.index(text) < teams.events.index(card)
    assert {"assistant-help", "diagnostics-status"} <= fake_model.tool_names(0)
    assert fake_model.requests[0]["messages"][-1]["content"] == "what are you good at?"
    assert "engine=model:test-model" in bot.log()


async def test_model_failure_ends_in_a_clear_message_with_a_correlation_id(
    bot: BotProcess, fake_model: FakeOpenAI, playground: PlaygroundProcess, teams: TeamsClient
) -> None:
    fake_model.script[:] = [500, 500, 500]
    await teams.send(teams.personal_chat, "hjelp")
    event = await teams.wait_for(
        lambda e: "give this code to IT" in e.get("message", {}).get("text", ""), within=40
    )
    code = event["message"]["text"].rsplit(" ", 1)[-1]
    assert f"correlation_id={code}" in bot.log()
    assert "Traceback" in bot.log() and "Traceback" not in event["message"]["text"]
