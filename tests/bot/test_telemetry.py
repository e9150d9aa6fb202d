"""Logs and traces reach Application Insights at the HTTP wire, and never hold up the bot.

The real bot process runs with the real Azure Monitor exporter; a loopback server plays the
ingestion endpoint (`tests/support/fake_insights.py`).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import pytest
from botbuilder.schema import ChannelAccount, ConversationAccount, ConversationReference
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider

from bot.conversation_store import SqliteConversationStore
from bot.settings import Settings, SettingsError, StateSettings
from bot.telemetry import EXPORTER_DEFAULTS, configure_telemetry
from graph.localtenant.demo import generate
from tests.support.fake_insights import FakeInsights
from tests.support.procs import BotProcess, free_port
from tests.support.tenant import DEMO_TODAY, TOKEN, TenantProcess

INGRID_AAD = "0b1e8a52-3c4d-4e5f-8a9b-100000000001"

IKEY = "8f6a1c2e-4b7d-4e9a-9c3f-2d5e6f7a8b9c"
SECRET_TEXT = "Leverandør Hemmelig AS sitt tilbud"
TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"


def telemetry_env(endpoint: str, tmp_path: Path) -> dict[str, str]:
    return {
        "APPLICATIONINSIGHTS_CONNECTION_STRING": (
            f"InstrumentationKey={IKEY};IngestionEndpoint={endpoint}"
        ),
        # The documented OpenTelemetry batch delays, small so a test waits under a second.
        "OTEL_BSP_SCHEDULE_DELAY": "200",
        "OTEL_BLRP_SCHEDULE_DELAY": "200",
        # The exporter's retry folder lives under the temp directory.
        "TMPDIR": str(tmp_path),
        "REMINDER_INTERVAL_SECONDS": "0",
    }


def start_bot(tmp_path: Path, env: dict[str, str]) -> BotProcess:
    bot = BotProcess(tmp_path, env)
    bot.env.pop("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", None)
    return bot.start()


def activity(service_url: str, text: str) -> dict[str, Any]:
    return {
        "type": "message",
        "id": "act-1",
        "text": text,
        "locale": "nb-NO",
        "channelId": "msteams",
        "serviceUrl": service_url,
        "from": {"id": "user-1", "name": "Ingrid"},
        "recipient": {"id": "bot"},
        "conversation": {"id": "conv-1", "tenantId": "tenant-a"},
    }


def post(url: str, body: dict[str, Any], headers: dict[str, str] | None = None) -> int:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", **(headers or {})},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return int(response.status)


def tags(envelope: dict[str, Any]) -> dict[str, str]:
    return dict(envelope.get("tags", {}))


async def test_logs_and_request_spans_reach_application_insights(tmp_path: Path) -> None:
    async with FakeInsights() as insights:
        bot = await asyncio.to_thread(
            start_bot, tmp_path, telemetry_env(insights.endpoint, tmp_path)
        )
        try:
            parent = f"00-{TRACE_ID}-00f067aa0ba902b7-01"
            status = await asyncio.to_thread(
                post,
                bot.endpoint,
                activity(insights.service_url, f"hjelp {SECRET_TEXT}"),
                {"traceparent": parent},
            )
            await asyncio.to_thread(urllib.request.urlopen, f"http://127.0.0.1:{bot.port}/healthz")

            def arrived() -> bool:
                names = {e["data"]["baseData"].get("name") for e in insights.of_type("RequestData")}
                logged = [e["data"]["baseData"]["message"] for e in insights.of_type("MessageData")]
                return {"POST /api/messages", "GET /healthz"} <= names and any(
                    "turn answered by engine=offline" in m for m in logged
                )

            await insights.wait_for(arrived)
        finally:
            await asyncio.to_thread(bot.stop)

    # The turn answered, so its ordinary log line is what got exported.
    assert [r["type"] for r in insights.replies].count("message") == 1
    assert {path.lstrip("/") for path in insights.paths} == {"v2.1/track"}
    assert all(e["iKey"] == IKEY for e in insights.envelopes)
    turn = next(
        e
        for e in insights.of_type("RequestData")
        if e["data"]["baseData"]["name"] == "POST /api/messages"
    )
    assert turn["data"]["baseData"]["responseCode"] == str(status)
    assert turn["data"]["baseData"]["success"] is True
    assert turn["data"]["baseData"]["url"].endswith("/api/messages")
    # The caller's W3C trace continues in the bot, and the turn's log line belongs to it.
    assert tags(turn)["ai.operation.id"] == TRACE_ID
    answered = next(
        e
        for e in insights.of_type("MessageData")
        if "turn answered by engine=offline" in e["data"]["baseData"]["message"]
    )
    assert tags(answered)["ai.operation.id"] == TRACE_ID
    assert answered["data"]["baseData"]["severityLevel"] == 1  # Information
    assert tags(turn)["ai.cloud.role"] == "anskaffelsesassistenten"
    # What the user wrote never leaves in telemetry, nor does the exporter report on itself.
    everything = json.dumps(insights.envelopes, ensure_ascii=False)
    assert SECRET_TEXT not in everything
    assert "InstrumentationKey=" not in everything
    assert "azure.monitor.opentelemetry" not in everything


async def test_a_reminder_tick_is_one_span_with_its_graph_calls_under_it(tmp_path: Path) -> None:
    await asyncio.to_thread(generate, tmp_path / "tenant", DEMO_TODAY)
    tenant = await asyncio.to_thread(TenantProcess(tmp_path / "tenant").start)
    env = telemetry_env("", tmp_path) | {
        "GRAPH_LOCAL_URL": tenant.url,
        "GRAPH_LOCAL_TOKEN": TOKEN,
        "ASSISTANT_TODAY": DEMO_TODAY.isoformat(),
        "REMINDER_INTERVAL_SECONDS": "3600",
        "REMINDER_FIRST_DELAY_SECONDS": "0",
    }
    # Ticks wait for a first conversation: Ingrid once wrote to the bot.
    await SqliteConversationStore(tmp_path / "state.sqlite3").save(
        ConversationReference(
            user=ChannelAccount(id="user-id-0", aad_object_id=INGRID_AAD),
            bot=ChannelAccount(id="28:bot"),
            conversation=ConversationAccount(id="a:ingrid"),
            channel_id="msteams",
            service_url="http://127.0.0.1:9/",
        ),
        "personal",
    )
    try:
        async with FakeInsights() as insights:
            env["APPLICATIONINSIGHTS_CONNECTION_STRING"] += insights.endpoint
            bot = await asyncio.to_thread(start_bot, tmp_path, env)
            try:

                def ticks() -> list[dict[str, Any]]:
                    return [
                        e
                        for e in insights.of_type("RemoteDependencyData")
                        if e["data"]["baseData"]["name"] == "reminder tick"
                    ]

                await insights.wait_for(lambda: bool(ticks()), within=60)
                tick = ticks()[0]
                operation = tags(tick)["ai.operation.id"]
                # Spans under the tick are batched with it or shortly before.
                await insights.wait_for(
                    lambda: any(
                        tags(e)["ai.operation.id"] == operation and e is not tick
                        for e in insights.of_type("RemoteDependencyData")
                    )
                )
            finally:
                await asyncio.to_thread(bot.stop)
    finally:
        await asyncio.to_thread(tenant.stop)

    assert tick["data"]["baseData"]["type"] == "InProc"
    assert int(tick["data"]["baseData"]["properties"]["reminders.due"]) > 0
    assert tags(tick).get("ai.operation.parentId") is None
    children = [
        e
        for e in insights.of_type("RemoteDependencyData")
        if tags(e)["ai.operation.id"] == operation and e is not tick
    ]
    # msgraph-sdk's HTTP pipeline (kiota) traces each Graph request through its handlers.
    assert any(e["data"]["baseData"]["name"].startswith("RetryHandler_send") for e in children)


async def test_an_unreachable_endpoint_neither_blocks_nor_crashes_the_bot(tmp_path: Path) -> None:
    down = f"http://127.0.0.1:{free_port()}/"  # nothing listens there
    async with FakeInsights() as connector:
        bot = await asyncio.to_thread(start_bot, tmp_path, telemetry_env(down, tmp_path))
        try:
            started = time.monotonic()
            for n in range(3):
                status = await asyncio.to_thread(
                    post, bot.endpoint, activity(connector.service_url, "hjelp") | {"id": f"a{n}"}
                )
                assert status < 300
                await asyncio.sleep(0.5)  # let batches fail in between
            assert time.monotonic() - started < 15
            assert [r["type"] for r in connector.replies].count("message") == 3
            assert bot.proc is not None and bot.proc.poll() is None
            proc = bot.proc
            stopping = time.monotonic()
            proc.terminate()
            returncode = await asyncio.to_thread(proc.wait, 60)
            took = time.monotonic() - stopping
        finally:
            await asyncio.to_thread(bot.stop)
    assert returncode == 0, bot.log()[-2000:]
    assert took < 30
    # What could not be sent waits in the exporter's retry folder instead of being lost.
    waiting = await asyncio.to_thread(
        lambda: list(tmp_path.glob("Microsoft-AzureMonitor-*/**/*.blob*"))
    )
    assert waiting


def test_without_a_connection_string_nothing_is_configured(tmp_path: Path) -> None:
    root = logging.getLogger()
    handlers = list(root.handlers)
    before = {name: os.environ.get(name) for name in EXPORTER_DEFAULTS}
    assert configure_telemetry(Settings(state=StateSettings(db=tmp_path / "s.sqlite3"))) is None
    assert root.handlers == handlers
    assert not isinstance(trace.get_tracer_provider(), TracerProvider)
    assert {name: os.environ.get(name) for name in EXPORTER_DEFAULTS} == before


def test_connection_and_authentication_strings_are_read_and_checked() -> None:
    cs = f"InstrumentationKey={IKEY};IngestionEndpoint=https://norwayeast-0.in.applicationinsights.azure.com/"
    settings = Settings.from_env(
        {
            "APPLICATIONINSIGHTS_CONNECTION_STRING": cs,
            "APPLICATIONINSIGHTS_AUTHENTICATION_STRING": "Authorization=AAD",
            "AZURE_CLIENT_ID": "11111111-2222-3333-4444-555555555555",
        },
        env_file=None,
    )
    assert settings.telemetry.connection_string == cs
    assert settings.telemetry.entra_auth is True
    assert settings.telemetry.client_id == "11111111-2222-3333-4444-555555555555"
    assert IKEY not in repr(settings)
    assert settings.telemetry.service_name == "anskaffelsesassistenten"

    explicit = Settings.from_env(
        {
            "APPLICATIONINSIGHTS_CONNECTION_STRING": cs,
            "APPLICATIONINSIGHTS_AUTHENTICATION_STRING": "Authorization=AAD;ClientId=abc",
            "AZURE_CLIENT_ID": "other",
            "OTEL_SERVICE_NAME": "anskaff-test",
        },
        env_file=None,
    )
    assert explicit.telemetry.client_id == "abc"
    assert explicit.telemetry.service_name == "anskaff-test"
    off = Settings.from_env({}, env_file=None)
    assert off.telemetry.connection_string == ""
    assert off.telemetry.entra_auth is False


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("APPLICATIONINSIGHTS_CONNECTION_STRING", "InstrumentationKey=not-a-guid"),
        ("APPLICATIONINSIGHTS_CONNECTION_STRING", "just text"),
        (
            "APPLICATIONINSIGHTS_CONNECTION_STRING",
            f"InstrumentationKey={IKEY};IngestionEndpoint=http://example.org/",
        ),
        ("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "Authorization=Basic"),
    ],
)
def test_a_bad_telemetry_setting_stops_start_up_naming_it(name: str, value: str) -> None:
    env = {
        "APPLICATIONINSIGHTS_CONNECTION_STRING": f"InstrumentationKey={uuid.uuid4()}",
        name: value,
    }
    with pytest.raises(SettingsError, match=name):
        Settings.from_env(env, env_file=None)


async def test_a_model_routed_turn_exports_no_user_text(tmp_path: Path) -> None:
    """Semantic Kernel logs every tool call's arguments; none of it may reach the
    telemetry, whether the call ran, was refused or named a function that is not there."""
    from tests.support.fake_openai import FakeOpenAI, answer, tool_call

    script = [
        tool_call("assistant-help", {"unanswered": SECRET_TEXT}),
        tool_call("contracts-delete_all", {"reason": SECRET_TEXT}),
        answer(f"Svar om {SECRET_TEXT}"),
    ]
    async with FakeInsights() as insights, FakeOpenAI(script) as model:
        env = {
            **telemetry_env(insights.endpoint, tmp_path),
            "MODEL_ENDPOINT": model.base_url,
            "MODEL_DEPLOYMENT": "test-model",
            "LOG_LEVEL": "DEBUG",
        }
        bot = await asyncio.to_thread(start_bot, tmp_path, env)
        try:
            await asyncio.to_thread(
                post, bot.endpoint, activity(insights.service_url, f"hjelp {SECRET_TEXT}")
            )

            def arrived() -> bool:
                logged = [e["data"]["baseData"]["message"] for e in insights.of_type("MessageData")]
                return any("turn answered by engine=" in m for m in logged)

            await insights.wait_for(arrived)
        finally:
            await asyncio.to_thread(bot.stop)
    assert len(model.requests) >= 2  # the model did route the turn
    logged = [e["data"]["baseData"]["message"] for e in insights.of_type("MessageData")]
    assert any("did not run" in m for m in logged), logged  # the refusal, by name
    everything = json.dumps(insights.envelopes, ensure_ascii=False)
    assert SECRET_TEXT not in everything
    assert SECRET_TEXT not in bot.log()
