"""Two bot instances share conversation references through Table Storage (Azurite):
a user talks to the first, and the second, with its own empty state file, reaches
that user proactively. This is what lets App Service run more than one instance."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.azurite import AzuriteTable
from tests.support.procs import BotProcess
from tests.support.teams import TeamsClient, card_of


@pytest.fixture
def azurite(tmp_path: Path) -> Iterator[AzuriteTable]:
    (tmp_path / "azurite").mkdir()
    server = AzuriteTable(tmp_path / "azurite").start()
    try:
        yield server
    finally:
        server.stop()


def _instance(tmp_path: Path, name: str, azurite: AzuriteTable) -> BotProcess:
    workdir = tmp_path / name
    workdir.mkdir()
    # BotProcess puts STATE_DB in its own workdir: the instances share no file.
    return BotProcess(workdir, {"STATE_TABLE_CONNECTION_STRING": azurite.connection_string})


@pytest.fixture
def bot(tmp_path: Path, azurite: AzuriteTable) -> Iterator[BotProcess]:
    process = _instance(tmp_path, "first", azurite).start()
    try:
        yield process
    finally:
        process.stop()


async def test_second_instance_reaches_a_user_who_talked_to_the_first(
    tmp_path: Path, bot: BotProcess, azurite: AzuriteTable, teams: TeamsClient
) -> None:
    second = _instance(tmp_path, "second", azurite).start()
    try:
        await teams.send(teams.personal_chat, "help")
        await teams.wait_for(lambda e: card_of(e) is not None)

        listed = second.run_cli("conversations")
        assert listed.returncode == 0, listed.stderr
        chats = [json.loads(line) for line in listed.stdout.splitlines()]
        assert [c["kind"] for c in chats] == ["personal"]

        user = teams.config["currentUser"]["aadObjectId"]
        start = len(teams.events)
        sent = second.run_cli("send", "--user", user, "--text", "Påminnelse fra instans 2")
        assert sent.returncode == 0, sent.stderr
        event = await teams.wait_for(
            lambda e: e.get("message", {}).get("text") == "Påminnelse fra instans 2", start=start
        )
        assert event["action"] == "createMessage"
        assert event["actionConversationId"] == teams.personal_chat
        assert second.proc is not None and second.proc.poll() is None  # still serving
    finally:
        second.stop()
    # Neither instance kept the reference (or the ledger) in its SQLite file.
    assert not (tmp_path / "first" / "state.sqlite3").exists()
    assert not (tmp_path / "second" / "state.sqlite3").exists()
