"""A model-routed turn stays inside the product's bounds, whatever the model does.

The model is a loopback OpenAI-compatible server misbehaving from a script; the real
openai client and Semantic Kernel talk to it. Each test states what the user gets (the
product's own cards and words, or the offline engine's answer), what ran, and how long
it took.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated, Any

import pytest
from openai import AsyncOpenAI
from semantic_kernel.connectors.ai.open_ai import OpenAIChatCompletion
from semantic_kernel.functions import kernel_function

from bot.model_turn import ModelLimits
from bot.routing import TurnRouter, quiet_semantic_kernel
from graph.errors import ForbiddenError, GraphGatewayError
from skills.assistant.plugin import HelpInfo
from skills.kernel import build_kernel
from tests.support.fake_openai import (
    CONTENT_FILTER,
    EMPTY_CHOICES,
    MALFORMED,
    FakeOpenAI,
    answer,
    hang,
    raw_tool_call,
    status,
    tool_call,
    tool_calls,
)


@dataclass(frozen=True)
class Deadlines:
    days: int

    def __str__(self) -> str:
        return f"frister {self.days} dager"


class Contracts:
    """Stands in for the contracts plugin: records what ran."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.forbidden = False
        self.slow = 0.0

    @kernel_function(name="deadlines", description="List contract deadlines.")
    async def deadlines(self, days: Annotated[int, "Days ahead"] = 30) -> Deadlines:
        self.calls.append(f"deadlines {days}")
        if self.forbidden:
            raise ForbiddenError("register: HTTP 403", "Sites.Selected")
        await asyncio.sleep(0.05)
        return Deadlines(days)

    @kernel_function(name="summarize", description="Summarise supplier input for a case.")
    async def summarize(self, case: Annotated[str, "Case"]) -> str:
        self.calls.append(f"summarize {case}")
        await asyncio.sleep(self.slow)
        return f"summary {case}"


class Options:
    def __init__(self) -> None:
        self.calls: list[str] = []

    @kernel_function(name="confirm_option", description="Write the option to the register.")
    async def confirm_option(self, contract_id: Annotated[str, "Contract id"]) -> str:
        self.calls.append(f"confirm {contract_id}")
        return "written"


@dataclass
class Rig:
    fake: FakeOpenAI
    router: TurnRouter
    contracts: Contracts
    options: Options

    async def ask(self, text: str, *script: Any) -> tuple[Any, float]:
        self.fake.script[:] = list(script)
        started = time.monotonic()
        outcome = await self.router.route(text, "nb")
        return outcome, time.monotonic() - started


LIMITS = ModelLimits(turn_seconds=4.0, retry_after_cap_seconds=2.0)


@pytest.fixture
async def rig() -> AsyncIterator[Rig]:
    contracts, options = Contracts(), Options()
    async with FakeOpenAI([]) as fake:
        client = AsyncOpenAI(base_url=fake.base_url, api_key="test", max_retries=0, timeout=30)
        service = OpenAIChatCompletion(ai_model_id="test-model", async_client=client)
        kernel = build_kernel({"contracts": contracts, "options": options})
        try:
            yield Rig(fake, TurnRouter(kernel, service, "test-model", LIMITS), contracts, options)
        finally:
            await client.close()


def helped(outcome: Any) -> bool:
    return outcome.engine == "offline" and any(isinstance(r, HelpInfo) for r in outcome.results)


async def test_a_hanging_model_gives_way_to_the_offline_engine_within_the_turns_bound(
    rig: Rig,
) -> None:
    outcome, took = await rig.ask("hjelp", hang(60))
    assert helped(outcome)  # the offline engine answered "hjelp" with the help card
    assert "no answer within 4 s" in outcome.reason
    assert took < LIMITS.turn_seconds + 1.5


async def test_a_long_retry_after_is_not_waited_out(rig: Rig) -> None:
    outcome, took = await rig.ask("hjelp", status(429, retry_after=20))
    assert helped(outcome) and "429" in outcome.reason
    assert len(rig.fake.requests) == 1 and took < 2.0


async def test_a_short_retry_after_gets_exactly_one_retry(rig: Rig) -> None:
    outcome, took = await rig.ask(
        "frister", status(429, retry_after=1), tool_call("contracts-deadlines"), answer("Her.")
    )
    assert outcome.engine == "model:test-model" and outcome.text == "Her."
    assert outcome.results == [Deadlines(30)]
    assert len(rig.fake.requests) == 3 and 1.0 <= took < 3.5


@pytest.mark.parametrize(
    ("script", "requests"),
    [
        ([status(500), status(503)], 2),  # one retry, then the offline engine
        ([MALFORMED], 1),
        ([EMPTY_CHOICES], 1),
        ([CONTENT_FILTER], 1),
    ],
    ids=["500-503", "malformed-json", "empty-choices", "content-filter"],
)
async def test_a_failing_model_gives_way_to_the_offline_engine(
    rig: Rig, script: list[Any], requests: int
) -> None:
    outcome, took = await rig.ask("hjelp", *script)
    assert helped(outcome) and outcome.text is None
    assert outcome.reason.startswith("model: ")
    assert len(rig.fake.requests) == requests and took < 3.5


async def test_after_a_refused_data_changing_call_the_user_never_reads_the_models_claim(
    rig: Rig,
) -> None:
    outcome, _ = await rig.ask(
        "slett alle kontraktene",
        tool_call("options-confirm_option", {"contract_id": "2025-017"}),
        tool_call("contracts-delete_all"),
        answer("Alle kontraktene er slettet."),
    )
    assert rig.options.calls == []  # never offered, never run
    assert outcome.engine == "offline" and outcome.text is None
    assert "Alle kontraktene er slettet" not in str(outcome)
    assert "calls refused" in outcome.reason


async def test_a_refused_call_beside_one_that_ran_gets_the_products_words(rig: Rig) -> None:
    outcome, _ = await rig.ask(
        "vis frister og kvitter ut alt",
        tool_calls(("contracts-deadlines", {"days": 30}), ("reminders-acknowledge", {})),
        answer("Ferdig: påminnelsen er kvittert ut."),
    )
    assert outcome.results == [Deadlines(30)]
    assert outcome.text is not None and "kvittert" not in outcome.text
    assert outcome.text.startswith("Noe av det du ba om kunne jeg ikke gjøre")


async def test_broken_arguments_never_give_a_bare_claim_without_a_card(rig: Rig) -> None:
    outcome, _ = await rig.ask(
        "frister",
        raw_tool_call("contracts-deadlines", '{"days": "tretti'),
        answer("Her er fristene."),
    )
    assert outcome.text != "Her er fristene."
    # The offline engine answered "frister" itself: the stand-in ran with its default.
    assert outcome.engine == "offline" and outcome.results == [Deadlines(30)]


async def test_identical_calls_in_a_loop_run_once(rig: Rig) -> None:
    loop = [tool_call("contracts-deadlines", {"days": 30})] * 5
    outcome, _ = await rig.ask("frister", *loop, answer("Her er fristene."))
    assert rig.contracts.calls == ["deadlines 30"]
    assert outcome.results == [Deadlines(30)]


async def test_parallel_calls_are_held_to_the_turns_budget(rig: Rig) -> None:
    calls = [("contracts-summarize", {"case": f"2026-{n:03d}"}) for n in range(8)]
    outcome, _ = await rig.ask("oppsummer alt", tool_calls(*calls), answer("Alle åtte er klare."))
    assert len(rig.contracts.calls) == LIMITS.max_function_runs
    assert len(outcome.results) == LIMITS.max_function_runs
    assert outcome.text is not None and "åtte" not in outcome.text
    assert len(rig.fake.requests) == 1  # the budget ended the turn: no more model calls


async def test_a_huge_argument_is_refused_and_never_echoed(rig: Rig) -> None:
    huge = "x" * 1_000_000
    outcome, _ = await rig.ask(
        "oppsummer", tool_call("contracts-summarize", {"case": huge}), answer(huge)
    )
    assert rig.contracts.calls == []
    assert huge[:5000] not in str(outcome.text) and huge[:5000] not in str(outcome.results)


async def test_long_model_text_is_cut_to_the_limit(rig: Rig) -> None:
    outcome, _ = await rig.ask("frister", tool_call("contracts-deadlines"), answer("Ord " * 2000))
    assert outcome.text is not None and len(outcome.text) <= LIMITS.max_text_chars + 2


async def test_a_microsoft_365_refusal_surfaces_as_in_an_offline_turn(rig: Rig) -> None:
    rig.contracts.forbidden = True
    with pytest.raises(GraphGatewayError) as raised:
        await rig.ask("frister", tool_call("contracts-deadlines"), answer("Beklager, 403."))
    assert isinstance(raised.value, ForbiddenError)
    assert raised.value.permission == "Sites.Selected"


async def test_no_user_text_in_the_log_from_a_model_turn(
    rig: Rig, caplog: pytest.LogCaptureFixture
) -> None:
    quiet_semantic_kernel()
    secret = "Hemmelig-Leverandør-9912"
    with caplog.at_level(logging.DEBUG):
        await rig.ask(
            f"oppsummer innspillet fra {secret}",
            tool_call("contracts-summarize", {"case": secret}),
            tool_call("contracts-missing", {"case": secret}),
            answer(f"{secret} er oppsummert."),
        )
    logged = "\n".join(r.getMessage() + str(r.exc_info or "") for r in caplog.records)
    assert "model call" in logged  # the router did log the calls, by name
    assert secret not in logged


def test_a_card_over_teams_limit_becomes_a_short_message_and_long_text_is_cut() -> None:
    from bot.diagnostics import CheckResult, StatusReport
    from bot.render import render

    checks = tuple(CheckResult(f"Sjekk {n} " + "lang " * 20, "ok", "", 1) for n in range(400))
    sent = render([StatusReport("nb", "offline", checks)], "Ord " * 5000, "nb")
    assert len(sent[0].text) <= 4_002
    card = sent[1].attachments[0].content
    assert "for stort til å vises i Teams" in str(card)
    assert len(str(card)) < 2_000
    # The same report with a few checks is shown as it is.
    small = render([StatusReport("nb", "offline", checks[:3])], None, "nb")
    assert "Sjekk 2" in str(small[0].attachments[0].content)


@pytest.mark.parametrize("after", ["nan", "inf", "-5", "soon"])
async def test_an_unreadable_retry_after_never_hangs_the_turn(rig: Rig, after: str) -> None:
    outcome, took = await rig.ask("hjelp", status(429, retry_after=after))  # type: ignore[arg-type]
    assert helped(outcome) and took < LIMITS.turn_seconds + 1.5


async def test_calls_sharing_an_id_are_each_accounted_for(rig: Rig) -> None:
    """Two calls in one answer with the same id, one refused: the model's claim about
    the refused one must not be shown beside the card of the other."""
    twin = tool_calls(("contracts-deadlines", {"days": 30}), ("options-confirm_option", {}))
    for call in twin["tool_calls"]:
        call["id"] = "call_x"
    outcome, _ = await rig.ask(
        "frister og bekreft", twin, answer("Opsjonen for 2025-017 er bekreftet.")
    )
    assert rig.options.calls == []
    assert outcome.results == [Deadlines(30)]
    assert outcome.text is not None and "bekreftet" not in outcome.text


async def test_time_inside_a_function_does_not_count_against_the_models_bound(
    rig: Rig,
) -> None:
    """A function with a deadline of its own (a summary) may run longer than the model's
    bound; it is not cancelled and run a second time by the offline engine."""
    rig.contracts.slow = LIMITS.turn_seconds + 1.0
    outcome, took = await rig.ask(
        "oppsummer 2026-014", tool_call("contracts-summarize", {"case": "2026-014"}), answer("Her.")
    )
    assert rig.contracts.calls == ["summarize 2026-014"]  # once
    assert outcome.engine == "model:test-model" and outcome.results == ["summary 2026-014"]
    assert took < LIMITS.turn_seconds + 3
