"""The bot in the real Playground: chats, channels, installs, card actions, progress."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.support.procs import BotProcess, PlaygroundProcess
from tests.support.teams import TeamsClient, bot_messages, card_of, card_texts


def _is_card_in(conversation_id: str, title: str) -> Callable[[dict[str, Any]], bool]:
    def check(event: dict[str, Any]) -> bool:
        card = card_of(event) if event.get("actionConversationId") == conversation_id else None
        return card is not None and title in card_texts(card)

    return check


async def test_personal_chat_help_gets_the_help_card(teams: TeamsClient) -> None:
    await teams.send(teams.personal_chat, "help")
    event = await teams.wait_for(_is_card_in(teams.personal_chat, "What I can help with"))
    texts = card_texts(card_of(event) or {})
    assert any("Contract deadlines" in text for text in texts)
    # A typing indicator goes out only when the answer takes over half a second; if one
    # went out here (a slow machine), it came before the answer.
    typing = [e for e in teams.events if e.get("action") == "typing"]
    assert all(teams.events.index(t) < teams.events.index(event) for t in typing)


async def test_norwegian_locale_and_typo_still_find_help(teams: TeamsClient) -> None:
    await teams.custom_activity(teams.personal_activity("hjlep", locale="nb-NO"))
    event = await teams.wait_for(_is_card_in(teams.personal_chat, "Dette kan jeg hjelpe med"))
    assert any("Kontraktsfrister" in text for text in card_texts(card_of(event) or {}))


async def test_a_nynorsk_teams_locale_gets_nynorsk(teams: TeamsClient) -> None:
    """A Teams client set to nynorsk sends locale nn-NO: the help card is in nynorsk."""
    await teams.custom_activity(teams.personal_activity("kva kan du gjere", locale="nn-NO"))
    event = await teams.wait_for(_is_card_in(teams.personal_chat, "Dette kan eg hjelpe med"))
    texts = card_texts(card_of(event) or {})
    assert "Kontraktsfristar" in texts and "Kontraktsfrister" not in texts


async def test_channel_mention_is_answered_in_the_same_thread(teams: TeamsClient) -> None:
    sent = await teams.send(teams.general_channel, "help", mention_bot=True)
    thread = sent["postConversationId"]
    assert ";messageid=" in thread
    await teams.wait_for(_is_card_in(thread, "What I can help with"))


async def test_only_the_bots_mention_is_stripped_before_parsing(teams: TeamsClient) -> None:
    # The message is nothing but the bot's mention: after stripping it, it is empty,
    # so the bot asks what the user needs instead of parsing its own name.
    sent = await teams.send(teams.general_channel, "", mention_bot=True)
    thread = sent["postConversationId"]
    event = await teams.wait_for(
        lambda e: e.get("actionConversationId") == thread and "message" in e
    )
    assert "empty" in event["message"]["text"].lower()
    assert teams.bot_name not in event["message"]["text"]


async def test_group_chat_mention_gets_an_answer(teams: TeamsClient) -> None:
    group = teams.config["groupChats"][0]["id"]
    await teams.send(group, "what can you do", mention_bot=True)
    await teams.wait_for(_is_card_in(group, "What I can help with"))


async def test_installation_sends_one_welcome_card(teams: TeamsClient) -> None:
    await teams.install(teams.personal_chat)
    await teams.wait_for(_is_card_in(teams.personal_chat, "Hi! I am the procurement assistant."))
    later = await teams.quiet_for(2.0, 0)
    welcomes = [e for e in bot_messages(later) if "Hi! I am the procurement assistant." in str(e)]
    assert len(welcomes) == 1, "installationUpdate and conversationUpdate greet only once"


async def test_installation_in_a_team_welcomes_the_channel(teams: TeamsClient) -> None:
    await teams.install(teams.general_channel)
    await teams.wait_for(
        lambda e: (
            e.get("actionConversationId", "").startswith(teams.general_channel)
            and "Hi! I am the procurement assistant." in str(e)
        )
    )


async def test_status_shows_progress_then_replaces_it_with_the_answer(teams: TeamsClient) -> None:
    await teams.send(teams.personal_chat, "status")
    progress = await teams.wait_for(
        lambda e: (
            e.get("action") == "createMessage" and "Checking 1 of 3" in e["message"].get("text", "")
        )
    )
    message_id = progress["message"]["messageId"]
    final = await teams.wait_for(
        lambda e: (
            e.get("action") == "updateMessage"
            and e["message"]["messageId"] == message_id
            and card_of(e) is not None
        )
    )
    texts = card_texts(card_of(final) or {})
    assert "Service status" in texts
    assert any(text.startswith("Storage: OK") for text in texts)
    assert any("Rule-based" in text for text in texts)


async def test_card_button_runs_its_verb(teams: TeamsClient) -> None:
    await teams.send(teams.personal_chat, "help")
    help_event = await teams.wait_for(_is_card_in(teams.personal_chat, "What I can help with"))
    card = card_of(help_event) or {}
    assert card["actions"][0]["verb"] == "status"
    status, body = await teams.invoke(
        teams.personal_chat, help_event["message"]["messageId"], "status"
    )
    assert status == 200, body
    assert body["type"] == "application/vnd.microsoft.card.adaptive"
    assert "Service status" in card_texts(body["value"])

    status, body = await teams.invoke(
        teams.personal_chat, help_event["message"]["messageId"], "no-such-verb"
    )
    assert status == 200
    assert any("no longer in use" in text for text in card_texts(body["value"]))


async def test_foreign_tenant_is_ignored(
    tmp_path: Path, playground: PlaygroundProcess, teams: TeamsClient
) -> None:
    # A second bot with an allow-list, behind the same Playground connector.
    guarded = BotProcess(tmp_path / "guarded", {"ALLOWED_TENANT_IDS": teams.tenant_id})
    guarded.workdir.mkdir()
    guarded.env["STATE_DB"] = str(guarded.workdir / "state.sqlite3")
    guarded.start()
    try:
        import aiohttp

        foreign = teams.personal_activity("help", locale="en-US")
        foreign["conversation"]["tenantId"] = "99999999-9999-4999-8999-999999999999"
        foreign["channelData"] = {"tenant": {"id": "99999999-9999-4999-8999-999999999999"}}
        async with aiohttp.ClientSession() as session:
            async with session.post(guarded.endpoint, json=foreign) as response:
                assert response.status in (200, 201)
            start = len(teams.events)
            assert bot_messages(await teams.quiet_for(2.0, start)) == []
            assert "not on ALLOWED_TENANT_IDS" in guarded.log()

            own = teams.personal_activity("help", locale="en-US")
            async with session.post(guarded.endpoint, json=own) as response:
                assert response.status in (200, 201)
        await teams.wait_for(_is_card_in(teams.personal_chat, "What I can help with"), start=start)
    finally:
        guarded.stop()


async def test_local_locale_makes_the_playground_speak_bokmal(tmp_path: Path) -> None:
    """`make run` sets LOCAL_LOCALE=nb-NO: the Playground sends en-US, the demo answers in
    bokmål, the product's default."""
    bot = BotProcess(tmp_path, {"LOCAL_LOCALE": "nb-NO"}).start()
    playground = PlaygroundProcess(tmp_path, bot.endpoint).start()
    try:
        async with TeamsClient(playground.url, playground.config) as teams:
            await teams.send(teams.personal_chat, "help")
            await teams.wait_for(_is_card_in(teams.personal_chat, "Dette kan jeg hjelpe med"))
    finally:
        playground.stop()
        bot.stop()
