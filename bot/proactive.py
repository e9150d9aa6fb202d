"""Proactive messages: the one place that sends without an incoming turn.

Sends go to a conversation reference stored by `ConversationStore`, so they work
after a restart. Teams throttles bots (HTTP 429, also 412/502/504 under load), so
each send is retried with exponential backoff and jitter, honouring Retry-After up
to a cap: a longer Retry-After fails the send at once (see MAX_RETRY_AFTER_SECONDS).
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from typing import Any

from botbuilder.core import BotAdapter, MessageFactory, TurnContext
from botbuilder.schema import (
    Activity,
    ChannelAccount,
    ConversationParameters,
    ConversationReference,
)

from bot.conversation_store import ConversationStore, StoredConversation

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({412, 429, 502, 503, 504})
# The longest wait before one retry. The reminder ledger's lease (300 s) must outlast
# every wait of a send, or another instance takes the claim and sends again; longer
# throttling fails the send, and the scheduler retries it on a later tick.
MAX_RETRY_AFTER_SECONDS = 60.0


class UnknownConversationError(LookupError):
    """No stored conversation for that key or user: the bot has never seen it."""


def status_of(exc: BaseException) -> int | None:
    response = getattr(exc, "response", None)
    status = getattr(response, "status_code", None) or getattr(response, "status", None)
    return status if isinstance(status, int) else None


def _retry_after(exc: BaseException) -> float | None:
    headers = getattr(getattr(exc, "response", None), "headers", None) or {}
    value = headers.get("Retry-After") if hasattr(headers, "get") else None
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


class ProactiveMessenger:
    def __init__(
        self,
        adapter: BotAdapter,
        store: ConversationStore,
        app_id: str,
        *,
        attempts: int = 5,
        base_delay: float = 0.5,
        max_delay: float = 30.0,
        max_wait: float = MAX_RETRY_AFTER_SECONDS,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        open_chats: bool = True,
    ) -> None:
        # Opening a chat with a user who never wrote needs Teams; the local Playground knows
        # only its current user and answers anyone else with a 500, so locally it is off.
        self._open_chats = open_chats
        self._adapter = adapter
        self._store = store
        self._app_id = app_id
        self._attempts = attempts
        self._base_delay = base_delay
        self._max_delay = max_delay
        self._max_wait = max_wait
        self._sleep = sleep

    async def send_to_conversation(self, key: str, message: Activity | str) -> str | None:
        stored = await self._store.get(key)
        if stored is None:
            raise UnknownConversationError(f"no stored conversation {key!r}")
        return await self._send(stored, message)

    async def ready(self) -> bool:
        """Whether the bot has any conversation to send from: before the app is installed
        (locally: before the Playground opens its chat) every send would fail."""
        return await self._store.any_in_tenant(None) is not None

    async def chat_locale(self, user_aad_id: str) -> str | None:
        """The Teams locale stored with the user's personal chat, None without one."""
        stored = await self._store.personal_chat_of(user_aad_id)
        return stored.locale if stored is not None else None

    async def send_to_user(
        self, user_aad_id: str, message: Activity | str, tenant_id: str | None = None
    ) -> str | None:
        """To the user's personal chat; opened from the AAD id when the bot has none yet."""
        stored = await self._store.personal_chat_of(user_aad_id)
        if stored is None and not self._open_chats:
            raise UnknownConversationError(
                f"no personal chat with user {user_aad_id!r} yet, and in local mode the bot "
                "does not open one; it reaches users who have written to it"
            )
        if stored is None:
            stored = await self._open_personal_chat(user_aad_id, tenant_id)
        return await self._send(stored, message)

    async def _open_personal_chat(
        self, user_aad_id: str, tenant_id: str | None
    ) -> StoredConversation:
        template = await self._store.any_in_tenant(tenant_id)
        if template is None:
            raise UnknownConversationError(
                f"no personal chat stored for user {user_aad_id!r}, and no conversation in "
                "the tenant to open one from; the app must be installed first"
            )
        tenant = tenant_id or template.tenant_id
        parameters = ConversationParameters(
            is_group=False,
            bot=template.reference.bot,
            members=[ChannelAccount(id=user_aad_id, aad_object_id=user_aad_id)],
            tenant_id=tenant,
            channel_data={"tenant": {"id": tenant}} if tenant else None,
        )
        created: list[ConversationReference] = []

        async def remember(context: TurnContext) -> None:
            created.append(TurnContext.get_conversation_reference(context.activity))

        await self._adapter.create_conversation(
            self._app_id,
            remember,
            parameters,
            template.reference.channel_id or "msteams",
            template.reference.service_url,
        )
        if not created:
            raise UnknownConversationError(f"could not open a chat with {user_aad_id!r}")
        reference = created[0]
        reference.user = ChannelAccount(id=user_aad_id, aad_object_id=user_aad_id)
        key = await self._store.save(reference, "personal", tenant)
        log.info("opened a personal chat %s for user %s", key, user_aad_id)
        stored = await self._store.get(key)
        assert stored is not None
        return stored

    async def _send(self, stored: StoredConversation, message: Activity | str) -> str | None:
        activity = MessageFactory.text(message) if isinstance(message, str) else message
        sent: list[str | None] = []

        failures: list[Exception] = []

        async def callback(context: TurnContext) -> None:
            # The adapter would hand an exception to its turn-error handler and swallow
            # it; keep it so the retry loop below sees the connector's status.
            try:
                response = await context.send_activity(activity)
            except Exception as exc:
                failures.append(exc)
                return
            sent.append(response.id if response is not None else None)

        for attempt in range(1, self._attempts + 1):
            try:
                failures.clear()
                await self._adapter.continue_conversation(stored.reference, callback, self._app_id)
                if failures:
                    raise failures[0]
                log.info("proactive message sent to %s (%s)", stored.key, stored.kind)
                return sent[-1] if sent else None
            except Exception as exc:
                status = status_of(exc)
                if status not in RETRY_STATUSES or attempt == self._attempts:
                    raise
                asked = _retry_after(exc)
                if asked is not None and asked > self._max_wait:
                    log.warning(
                        "proactive send to %s got HTTP %s with Retry-After %.0fs, over the "
                        "%.0fs cap: giving up for now",
                        stored.key,
                        status,
                        asked,
                        self._max_wait,
                    )
                    raise
                delay = asked or min(self._max_delay, self._base_delay * 2 ** (attempt - 1))
                # Jitter spreads instances apart but never pushes a wait past the cap.
                delay = min(self._max_wait, delay + random.uniform(0, delay / 2))
                log.warning(
                    "proactive send to %s got HTTP %s, retry %d in %.1fs",
                    stored.key,
                    status,
                    attempt,
                    delay,
                )
                await self._sleep(delay)
        return None  # pragma: no cover - the loop either returns or raises


def describe(stored: StoredConversation) -> dict[str, Any]:
    return {"key": stored.key, "kind": stored.kind, "user_aad_id": stored.user_aad_id}
