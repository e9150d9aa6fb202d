"""The assistant plugin three ways: directly, registered in a kernel, and chosen by a model."""

from __future__ import annotations

from openai import AsyncOpenAI
from semantic_kernel.connectors.ai.open_ai import OpenAIChatCompletion

from bot.routing import TurnRouter
from skills.assistant.capabilities import CAPABILITIES
from skills.assistant.plugin import AssistantPlugin, HelpInfo
from skills.i18n import speaking
from skills.kernel import build_kernel
from tests.support.fake_openai import FakeOpenAI, answer, tool_call


async def test_direct_call_follows_the_turn_language() -> None:
    with speaking("en"):
        info = await AssistantPlugin().help()
    assert info.lang == "en" and info.capabilities == CAPABILITIES
    assert "(coming)" not in str(info)  # every capability is built
    assert "Supplier input summary:" in str(info)
    assert "Contract deadlines:" in str(info)
    focused = await AssistantPlugin().help(topic="status")
    assert [c.key for c in focused.capabilities] == ["status"]
    assert "Driftsstatus" in str(focused)


async def test_registered_in_the_kernel_with_a_description() -> None:
    kernel = build_kernel()
    function = kernel.get_function("assistant", "help")
    assert "what the procurement assistant can do" in (function.description or "")
    result = await kernel.invoke(plugin_name="assistant", function_name="help")
    assert result is not None and isinstance(result.value, HelpInfo)


async def test_model_calls_it_through_function_calling() -> None:
    async with FakeOpenAI([tool_call("assistant-help"), answer("Her er det jeg kan.")]) as fake:
        client = AsyncOpenAI(base_url=fake.base_url, api_key="test", max_retries=0)
        service = OpenAIChatCompletion(ai_model_id="test-model", async_client=client)
        router = TurnRouter(build_kernel(), service, "test-model")
        try:
            with speaking("nb"):
                outcome = await router.route("hva kan du?", "nb")
        finally:
            await client.close()
    assert outcome.engine == "model:test-model"
    assert outcome.text == "Her er det jeg kan."
    assert len(outcome.results) == 1 and isinstance(outcome.results[0], HelpInfo)
    assert "assistant-help" in fake.tool_names(0)
    # The function's result went back to the model as a tool message.
    tool_messages = [m for m in fake.requests[1]["messages"] if m["role"] == "tool"]
    assert tool_messages and "Kontraktsfrister" in tool_messages[0]["content"]
    assert "Norwegian bokmål" in fake.requests[0]["messages"][0]["content"]


async def test_offline_router_calls_the_same_function() -> None:
    router = TurnRouter(build_kernel())
    outcome = await router.route("hjelp", "nb")
    assert outcome.engine == "offline" and outcome.intent == "assistant.help"
    assert isinstance(outcome.results[0], HelpInfo)
    # Not understood: the help card, saying so, rather than a guess or nothing.
    unknown = await router.route("blåbær", "nb")
    assert unknown.intent == "assistant.help:not_understood"
    assert [r.not_understood for r in unknown.results] == ["blåbær"]


async def test_offline_router_passes_rule_arguments() -> None:
    outcome = await TurnRouter(build_kernel()).route("frister", "nb")
    (info,) = outcome.results
    assert [c.key for c in info.capabilities] == ["deadlines"]


async def test_azure_openai_deployment_is_called_with_its_key_and_version() -> None:
    from bot.routing import build_chat_service
    from bot.settings import ModelSettings

    async with FakeOpenAI([tool_call("assistant-help"), answer("Her.")]) as fake:
        service = build_chat_service(
            ModelSettings("azure_openai", fake.root_url, "gpt-prod", "test-key", "2024-10-21")
        )
        router = TurnRouter(build_kernel(), service, "gpt-prod")
        try:
            outcome = await router.route("hjelp", "nb")
        finally:
            await service.client.close()  # type: ignore[attr-defined]
    assert outcome.text == "Her." and isinstance(outcome.results[0], HelpInfo)
    assert fake.paths[0].startswith("/openai/deployments/gpt-prod/chat/completions")
    assert "api-version=2024-10-21" in fake.paths[0]
    assert fake.headers[0].get("api-key") == "test-key"
