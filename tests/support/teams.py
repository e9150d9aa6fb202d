"""Drive the Playground as a Teams user and read what the bot sent, over its own API."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable, Iterator
from typing import Any

import aiohttp

Event = dict[str, Any]


class TeamsClient:
    def __init__(self, base_url: str, config: dict[str, Any]) -> None:
        self.base_url = base_url
        self.config = config
        self.events: list[Event] = []
        self._changed = asyncio.Condition()
        self._session: aiohttp.ClientSession | None = None
        self._reader: asyncio.Task[None] | None = None

    @property
    def bot_id(self) -> str:
        return str(self.config["bot"]["id"])

    @property
    def bot_name(self) -> str:
        return str(self.config["bot"]["name"])

    @property
    def personal_chat(self) -> str:
        return str(self.config["personalChat"]["id"])

    @property
    def tenant_id(self) -> str:
        return str(self.config["tenantId"])

    @property
    def general_channel(self) -> str:
        return str(self.config["teams"][0]["channels"][0]["id"])

    async def __aenter__(self) -> TeamsClient:
        # No keep-alive: Node closes idle sockets after 5 s, and a request racing that
        # close fails with "Server disconnected".
        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=30),
            connector=aiohttp.TCPConnector(force_close=True),
        )
        ws = await self._session.ws_connect(
            f"{self.base_url}/_ws_conversation/v1/conversations/stream"
        )
        self._reader = asyncio.create_task(self._read(ws))
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
        if self._session is not None:
            await self._session.close()

    async def _read(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        async for frame in ws:
            if frame.type != aiohttp.WSMsgType.TEXT:
                continue
            async with self._changed:
                self.events.append(json.loads(frame.data))
                self._changed.notify_all()

    @property
    def session(self) -> aiohttp.ClientSession:
        assert self._session is not None
        return self._session

    async def send(self, conversation_id: str, text: str, mention_bot: bool = False) -> Event:
        body: dict[str, Any] = {"from": {"id": "user-id-0"}, "text": text, "textFormat": "plain"}
        if mention_bot:
            tag = f"<at>{self.bot_name}</at>"
            body["text"] = f"{tag} {text}".strip()
            body["mentions"] = [{"mentioned": {"id": self.bot_id}, "text": tag}]
        url = f"{self.base_url}/_conversation/v1/conversations/{conversation_id}/messages"
        async with self.session.post(url, json=body) as response:
            assert response.status == 200, await response.text()
            result: Event = await response.json()
            return result

    async def custom_activity(self, activity: dict[str, Any]) -> None:
        url = f"{self.base_url}/_internal/v1/customActivities"
        async with self.session.post(url, json=activity) as response:
            assert response.status == 200, await response.text()

    async def install(self, conversation_id: str) -> None:
        url = f"{self.base_url}/_debug/conversation/{conversation_id}/installation"
        async with self.session.post(url, json={}) as response:
            assert response.status == 200, await response.text()

    async def invoke(
        self, conversation_id: str, reply_to_id: str, verb: str, data: dict[str, Any] | None = None
    ) -> tuple[int, Any]:
        body = {
            "name": "adaptiveCard/action",
            "value": {
                "action": {"type": "Action.Execute", "verb": verb, "data": data or {}},
                "trigger": "manual",
            },
            "from": {"id": "user-id-0"},
            "conversation": {"id": conversation_id},
            "replyToId": reply_to_id,
        }
        async with self.session.post(f"{self.base_url}/_conversation/v1/invoke", json=body) as r:
            return r.status, await r.json(content_type=None)

    def personal_activity(self, text: str, locale: str = "nb-NO", **extra: Any) -> dict[str, Any]:
        """A message as Teams would send it, for cases the Playground UI cannot make."""
        user = self.config["currentUser"]
        activity: dict[str, Any] = {
            "type": "message",
            "id": f"custom-{abs(hash((text, locale)))}",
            "channelId": "msteams",
            "serviceUrl": f"{self.base_url.replace('127.0.0.1', 'localhost')}/_connector",
            "from": {"id": user["id"], "name": user["name"], "aadObjectId": user["aadObjectId"]},
            "recipient": {"id": self.bot_id, "name": self.bot_name},
            "conversation": {
                "id": self.personal_chat,
                "conversationType": "personal",
                "tenantId": self.tenant_id,
            },
            "channelData": {"tenant": {"id": self.tenant_id}},
            "locale": locale,
            "text": text,
            "textFormat": "plain",
        }
        activity.update(extra)
        return activity

    async def wait_for(
        self, predicate: Callable[[Event], bool], within: float = 20, start: int = 0
    ) -> Event:
        """The first event from index `start` on that matches, waiting up to `within`."""

        def find() -> Event | None:
            return next((e for e in self.events[start:] if predicate(e)), None)

        async with self._changed:
            found = find()
            if found is not None:
                return found
            try:
                await asyncio.wait_for(
                    self._changed.wait_for(lambda: find() is not None), timeout=within
                )
            except TimeoutError:
                raise AssertionError(
                    f"no matching event within {within}s; events: {self.events[start:]}"
                ) from None
            found = find()
            assert found is not None
            return found

    async def quiet_for(self, seconds: float, start: int) -> list[Event]:
        """Wait and return what arrived meanwhile (for asserting that nothing came)."""
        await asyncio.sleep(seconds)
        return self.events[start:]


def bot_messages(events: list[Event], conversation_id: str | None = None) -> list[Event]:
    return [
        e
        for e in events
        if e.get("action") in ("createMessage", "updateMessage")
        and (conversation_id is None or e.get("actionConversationId") == conversation_id)
    ]


def card_of(event: Event) -> dict[str, Any] | None:
    for attachment in event.get("message", {}).get("attachments") or []:
        if attachment.get("contentType") == "application/vnd.microsoft.card.adaptive":
            content: dict[str, Any] = attachment["content"]
            return content
    return None


def card_texts(card: dict[str, Any]) -> list[str]:
    """Every TextBlock text and FactSet entry in a card, depth first."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "TextBlock":
                found.append(str(node.get("text", "")))
            if node.get("type") == "FactSet":
                found.extend(f"{f['title']}: {f['value']}" for f in node.get("facts", []))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(card)
    return found


def card_elements(node: Any) -> Iterator[dict[str, Any]]:
    """Every element of a card (body items, actions, inline cards), however deep."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from card_elements(value)
    elif isinstance(node, list):
        for value in node:
            yield from card_elements(value)
