"""The reminder scheduler: on each tick, sync the register, work out the due
reminders, claim each in the ledger and send it to the owner's personal chat.

Several instances may tick at once: the ledger's claims make each reminder go
out once. A failed send (no chat with the owner yet, connector errors after the
messenger's backoff) is recorded and retried on a later tick.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from botbuilder.core import MessageFactory

from bot.cards import as_attachment
from bot.contract_cards import reminder_card
from bot.proactive import (
    RETRY_STATUSES,
    ProactiveMessenger,
    UnknownConversationError,
    status_of,
)
from graph.errors import GraphGatewayError
from graph.users import UsersGateway
from skills.contracts.ledger import Ledger
from skills.contracts.plugin import SharePointRegister
from skills.contracts.reminders import due_reminders

log = logging.getLogger(__name__)


@dataclass
class TickResult:
    due: int = 0
    sent: int = 0
    quiet: int = 0
    taken: int = 0
    failed: list[str] = field(default_factory=list)


class ReminderScheduler:
    def __init__(
        self,
        register: SharePointRegister,
        ledger: Ledger,
        users: UsersGateway,
        messenger: ProactiveMessenger,
        today: Callable[[], date],
        tiers: tuple[int, ...],
        lease_seconds: float = 600.0,
        tenant_id: str | None = None,
        retry_failed_seconds: float = 300.0,
    ) -> None:
        self._retry_failed = retry_failed_seconds
        self._tenant_id = tenant_id
        self._register = register
        self._ledger = ledger
        self._users = users
        self._messenger = messenger
        self._today = today
        self._tiers = tiers
        self._lease = lease_seconds
        self.instance = uuid.uuid4().hex[:8]

    async def tick(self) -> TickResult:
        result = TickResult()
        register = await self._register.load()
        today = self._today()
        owners: dict[str, str] = {}
        for reminder in due_reminders(register.contracts, today, self._tiers):
            result.due += 1
            key = reminder.key
            if await self._ledger.quiet_reason(key, today):
                result.quiet += 1
                continue
            if not await self._ledger.claim(key, self.instance, self._lease, self._retry_failed):
                result.taken += 1
                continue
            try:
                owner = reminder.contract.owner
                if owner not in owners:
                    owners[owner] = (await self._users.resolve(owner)).id
                card = reminder_card(reminder, self._register.item_url(reminder.contract), "nb")
                await self._messenger.send_to_user(
                    owners[owner], MessageFactory.attachment(as_attachment(card)), self._tenant_id
                )
            except (UnknownConversationError, GraphGatewayError) as exc:
                await self._ledger.mark_failed(key, str(exc))
                result.failed.append(f"{key.contract_id}/{key.kind}: {exc}")
                continue
            except Exception as exc:
                status = status_of(exc)
                detail = f"{type(exc).__name__} HTTP {status}" if status else type(exc).__name__
                if status in RETRY_STATUSES:
                    log.warning("reminder %s delayed to a later tick: %s", key, detail)
                else:
                    log.exception("reminder %s failed", key)
                await self._ledger.mark_failed(key, detail)
                result.failed.append(f"{key.contract_id}/{key.kind}: {detail}")
                continue
            await self._ledger.mark_sent(key)
            result.sent += 1
        log.info(
            "reminder tick instance=%s due=%d sent=%d quiet=%d taken=%d failed=%d",
            self.instance,
            result.due,
            result.sent,
            result.quiet,
            result.taken,
            len(result.failed),
        )
        return result

    async def run(self, interval_seconds: float, first_delay: float) -> None:
        await asyncio.sleep(first_delay)
        while True:
            try:
                await self.tick()
            except Exception:
                log.exception("reminder tick failed; trying again next interval")
            await asyncio.sleep(interval_seconds)
