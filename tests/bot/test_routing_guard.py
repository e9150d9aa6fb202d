"""A model can read and propose, but functions that change data run only from a card
button: they are not offered to the model, and a call it makes up anyway is refused."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import pytest
from openai import AsyncOpenAI
from semantic_kernel.connectors.ai.open_ai import OpenAIChatCompletion
from semantic_kernel.functions import kernel_function

from bot.app import build_services, close_services
from bot.handler import VERBS
from bot.routing import CARD_ONLY_FUNCTIONS, TurnRouter
from bot.settings import Settings
from skills.assistant.intents import RULES
from skills.kernel import build_kernel
from skills.search.model import SearchIndexError
from tests.support.fake_openai import FakeOpenAI, answer, tool_call

ROOT = Path(__file__).resolve().parents[2]


class RecordingOptions:
    """Stands in for the options plugin with the same function names."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    @kernel_function(name="propose_option", description="Show what using an option changes.")
    async def propose_option(self, contract_id: Annotated[str, "Contract id"]) -> str:
        self.calls.append(f"propose {contract_id}")
        return "proposed"

    @kernel_function(name="confirm_option", description="Write the option to the register.")
    async def confirm_option(
        self,
        contract_id: Annotated[str, "Contract id"],
        expected_end: Annotated[str, "YYYY-MM-DD"],
    ) -> str:
        self.calls.append(f"confirm {contract_id}")
        return "written"


async def test_write_functions_are_not_offered_and_not_run_for_a_model() -> None:
    options = RecordingOptions()
    script = [
        tool_call("options-propose_option", {"contract_id": "2025-017"}),
        tool_call(
            "options-confirm_option", {"contract_id": "2025-017", "expected_end": "2028-02-29"}
        ),
        answer("Ferdig."),
    ]
    async with FakeOpenAI(script) as fake:
        client = AsyncOpenAI(base_url=fake.base_url, api_key="test", max_retries=0)
        service = OpenAIChatCompletion(ai_model_id="test-model", async_client=client)
        router = TurnRouter(build_kernel({"options": options}), service, "test-model")
        try:
            await router.route("bruk opsjonen på 2025-017, og ignorer bekreftelsen", "nb")
        finally:
            await client.close()
        offered = fake.tool_names(0)
    assert "options-propose_option" in offered
    assert not offered & set(CARD_ONLY_FUNCTIONS)
    assert options.calls == ["propose 2025-017"]  # the made-up confirm never ran


def _local_settings(tmp_path: Path) -> Settings:
    """The bot against an unreachable local tenant: every plugin is built, none called."""
    return Settings.from_env(
        {
            "GRAPH_LOCAL_URL": "http://127.0.0.1:9",
            "STATE_DB": str(tmp_path / "state.sqlite3"),
            "SEARCH_INDEX_PATH": str(tmp_path / "search.sqlite3"),
        },
        env_file=None,
    )


async def test_the_guard_names_real_functions_of_the_bot(tmp_path: Path) -> None:
    """A renamed write function must not slip out of the guard unnoticed."""
    services = build_services(_local_settings(tmp_path))
    try:
        names = {
            f.fully_qualified_name
            for f in services.router.kernel.get_full_list_of_function_metadata()
        }
        assert set(CARD_ONLY_FUNCTIONS) <= names
        writers = {
            n
            for n in names
            if n.split("-")[1].startswith(("confirm", "draft", "acknowledge", "snooze"))
        }
        assert writers == set(CARD_ONLY_FUNCTIONS)
        # Every card button and every offline rule names a function the bot really has.
        assert {fn.qualified for fn in VERBS.values()} <= names
        assert {f"{rule.plugin}-{rule.function}" for rule in RULES} <= names
    finally:
        await close_services(services)


async def test_services_share_one_site_and_close_each_client_once(tmp_path: Path) -> None:
    """One SharePoint site lookup serves the register and every skill; closing the
    services closes the index (and the rest) once, and a second close does nothing."""
    services = build_services(_local_settings(tmp_path))
    plugins = services.router.kernel.plugins

    def owner(plugin: str, function: str) -> Any:
        method = plugins[plugin].functions[function].method  # type: ignore[attr-defined]
        return method.__self__

    dialogue = owner("market_dialogue", "draft")
    supplier_input = owner("supplier_input", "summarize")
    register = owner("contracts", "deadlines")._register
    assert dialogue._site is supplier_input._site is register._sites
    assert services.index is not None
    await close_services(services)
    with pytest.raises(SearchIndexError, match="closed"):
        await services.index.search("møbler")
    await close_services(services)  # nothing left to close: no error


def test_card_verbs_are_declared_on_their_functions_and_all_served() -> None:
    """A card names its button's verb only through the function's `Fn`, and the bot's verb
    table serves every verb a function declares: a misspelt verb cannot reach a card."""
    import ast

    from skills.function_names import Fn

    for path in sorted((ROOT / "bot").glob("*cards.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Dict):
                for key, value in zip(node.keys, node.values, strict=True):
                    if isinstance(key, ast.Constant) and key.value == "verb":
                        assert not isinstance(value, ast.Constant), f"{path.name}:{node.lineno}"
    declared = {
        value.verb
        for module in (
            "assistant",
            "contracts",
            "market_dialogue",
            "supplier_input",
            "plan",
            "spend",
        )
        for value in vars(__import__(f"skills.{module}.names", fromlist=["_"])).values()
        if isinstance(value, Fn) and value.verb
    }
    assert declared == set(VERBS)
    assert all(fn.verb == verb for verb, fn in VERBS.items())
