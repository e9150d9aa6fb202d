"""A proactive message reaches its conversation from a reference stored before a restart."""

from __future__ import annotations

import json

from tests.support.procs import BotProcess
from tests.support.teams import TeamsClient, card_of


async def test_proactive_message_after_restart(bot: BotProcess, teams: TeamsClient) -> None:
    await teams.send(teams.personal_chat, "help")
    await teams.wait_for(lambda e: card_of(e) is not None)
    await teams.send(teams.general_channel, "help", mention_bot=True)
    await teams.wait_for(
        lambda e: (
            e.get("actionConversationId", "").startswith(teams.general_channel + ";")
            and card_of(e) is not None
        )
    )

    bot.stop()
    bot.start()  # a new process: only the SQLite state survives

    listed = bot.run_cli("conversations")
    assert listed.returncode == 0, listed.stderr
    kinds = {json.loads(line)["kind"] for line in listed.stdout.splitlines()}
    assert {"personal", "channel"} <= kinds

    user = teams.config["currentUser"]["aadObjectId"]
    start = len(teams.events)
    result = bot.run_cli("send", "--user", user, "--text", "Påminnelse: opsjonsfrist om 30 dager")
    assert result.returncode == 0, result.stderr
    event = await teams.wait_for(
        lambda e: (
            e.get("actionConversationId") == teams.personal_chat
            and e.get("message", {}).get("text") == "Påminnelse: opsjonsfrist om 30 dager"
        ),
        start=start,
    )
    assert event["action"] == "createMessage"

    result = bot.run_cli(
        "send", "--conversation", teams.general_channel, "--text", "Ny frist i kanalen"
    )
    assert result.returncode == 0, result.stderr
    channel_post = await teams.wait_for(
        lambda e: e.get("message", {}).get("text") == "Ny frist i kanalen", start=start
    )
    # Sent to the channel itself, so it starts a new post rather than replying in a thread.
    assert channel_post["actionConversationId"] == teams.general_channel


async def test_unknown_user_is_reported_not_sent(bot: BotProcess) -> None:
    result = bot.run_cli("send", "--user", "nobody", "--text", "x")
    assert result.returncode == 1
    assert "no personal chat with user 'nobody' yet" in result.stderr
