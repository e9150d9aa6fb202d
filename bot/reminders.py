"""The reminder scheduler: on each tick, sync the register, work out the due
reminders, claim each in the ledger and send them to the owner's personal chat, one
card per owner and tick with a section per deadline.
When a snooze ends between two tiers, the owner gets one follow-up reminder that
day, as the snooze reply promised.

Each owner reads their reminders, digest and calendar entries in their own
language: the Teams locale stored with their chat, else their Microsoft 365
preferred language, else bokmål. Channel copies use one configured language.

Several instances may tick at once: the ledger's claims make each reminder go
out once. A failed send (no chat with the owner yet, connector errors after the
messenger's backoff) is recorded and retried on a later tick.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial

from botbuilder.core import MessageFactory
from opentelemetry.trace import Status, StatusCode

from bot.cards import Card, as_attachment
from bot.contract_cards import deadlines_card, reminders_card
from bot.proactive import (
    RETRY_STATUSES,
    ProactiveMessenger,
    UnknownConversationError,
    status_of,
)
from bot.telemetry import TRACER
from graph.calendar import CalendarGateway
from graph.errors import GraphGatewayError
from graph.users import UsersGateway
from skills.contracts.actions import GROUP_MAX
from skills.contracts.ledger import Claim, Ledger, retry_wait
from skills.contracts.model import Contract, RowProblem
from skills.contracts.plugin import DeadlineReport, DeadlineRow, SharePointRegister
from skills.contracts.queries import DeadlineQuery, find_deadlines, kind_text, todo_text
from skills.contracts.register import RegisterFormatError
from skills.contracts.reminders import (
    Reminder,
    ReminderKey,
    due_reminders,
    snooze_follow_up_key,
)
from skills.i18n import Lang, recipient_lang, tr

DIGEST_DAYS = 30

log = logging.getLogger(__name__)

# The month's procurement-plan card in a language, or None when nothing must start.
MonthlyPlan = Callable[[date, Lang], Awaitable[Card | None]]


@dataclass
class TickResult:
    due: int = 0
    sent: int = 0
    quiet: int = 0
    taken: int = 0
    digests: int = 0
    channel: int = 0
    cards: int = 0  # personal reminder cards: several deadlines of one owner share one
    resumed: int = 0  # claims taken over from a send that stopped midway (marked)
    plan: int = 0  # the month's procurement-plan message to its channel
    failed: list[str] = field(default_factory=list)


@dataclass
class Batch:
    """Claims taken over for one card from a send that stopped midway: those reminders
    may have arrived already."""

    repeated: set[ReminderKey] = field(default_factory=set)


@dataclass(frozen=True)
class Recipient:
    """An owner as the scheduler sends to them: Entra object id and reading language."""

    aad_id: str
    lang: Lang


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
        digest_weekday: int | None = None,
        calendar: CalendarGateway | None = None,
        channel: str = "",
        channel_lang: Lang = "nb",
        monthly_plan: MonthlyPlan | None = None,
        plan_channel: str = "",
    ) -> None:
        self._monthly_plan = monthly_plan
        self._plan_channel = plan_channel
        self._channel = channel
        self._channel_lang = channel_lang
        self._retry_failed = retry_failed_seconds
        self._digest_weekday = digest_weekday
        self._calendar = calendar
        self._recipients: dict[str, Recipient] = {}
        self._unreachable: set[str] = set()
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
        try:
            register = await self._register.load()
        except RegisterFormatError as exc:
            # Nothing to remind about until the register can be read; say why in the log.
            log.warning("reminder tick: the register cannot be read: %s", exc.message("en"))
            return result
        today = self._today()
        self._recipients = {}  # a language chosen in a chat since the last tick counts
        owed: dict[str, list[Reminder]] = {}
        for reminder in due_reminders(register.contracts, today, self._tiers):
            result.due += 1
            # One reminder's trouble (the ledger unreachable for its row, say) must not
            # cost every reminder after it, nor the digests: it is logged, counted as
            # failed and tried again on the next tick.
            try:
                if await self._ledger.quiet_reason(reminder.key, today):
                    result.quiet += 1
                    continue
            except Exception as exc:
                _record_failure(reminder.key, exc, result)
                continue
            owed.setdefault(reminder.contract.owner, []).append(reminder)
        # Claimed right before each card is sent, so a crash leaves only that card's
        # deadlines "sending" (and marked as possibly repeated when taken over).
        for owner, reminders in owed.items():
            for chunk in _chunks(reminders):
                await self._send_to_owner(owner, chunk, today, result)
        if self._channel:
            everything = [r for reminders in owed.values() for r in reminders]
            everything.sort(key=lambda r: (r.deadline.due, r.contract.contract_id))
            for chunk in _chunks(everything):
                await self._send_to_channel(chunk, result)
        if self._digest_weekday is not None and today.weekday() == self._digest_weekday:
            await self._digests(register.contracts, today, result, register.unread)
        if self._monthly_plan is not None and self._plan_channel:
            await self._plan_message(today, result)
        log.info(
            "reminder tick instance=%s due=%d sent=%d cards=%d digests=%d quiet=%d taken=%d "
            "failed=%d",
            self.instance,
            result.due,
            result.sent,
            result.cards,
            result.digests,
            result.quiet,
            result.taken,
            len(result.failed),
        )
        return result

    async def _claim(
        self, reminder: Reminder, today: date, result: TickResult, batch: Batch
    ) -> ReminderKey | None:
        """Claim what is owed to the owner for this reminder: its tier, or the follow-up
        a snooze promised."""
        key = reminder.key
        if await self._take(key, result, batch):
            return key
        if (until := await self._ledger.snooze_ended(key, today)) is not None:
            # Today's tier went out before a snooze that is now over, and the next tier
            # is still to come: the owner was told "the next reminder comes <until>".
            follow_up = snooze_follow_up_key(key, until)
            if await self._take(follow_up, result, batch):
                return follow_up
        return None

    async def _take(self, key: ReminderKey, result: TickResult, batch: Batch | None = None) -> bool:
        claim = await self._ledger.claim(key, self.instance, self._lease, self._retry_failed)
        if not claim:
            result.taken += 1
            return False
        if claim is Claim.RESUMED:
            log.warning("reminder %s: its last send stopped midway; sent again, marked", key)
            result.resumed += 1
            if batch is not None:
                batch.repeated.add(key)
        return True

    async def _send_to_owner(
        self, owner: str, reminders: list[Reminder], today: date, result: TickResult
    ) -> None:
        """One card with every deadline of `reminders` this instance could claim."""
        batch = Batch()
        claimed: list[tuple[Reminder, ReminderKey]] = []
        for reminder in reminders:
            try:
                key = await self._claim(reminder, today, result, batch)
            except Exception as exc:
                _record_failure(reminder.key, exc, result)
                continue
            if key is not None:
                claimed.append((reminder, key))
        if not claimed:
            return
        card = partial(reminders_card, self._linked(claimed), repeated=_repeated(claimed, batch))
        if await self._deliver([key for _, key in claimed], owner, card, result):
            result.sent += len(claimed)
            result.cards += 1
            for reminder, _ in claimed:
                await self._calendar_event(reminder)

    async def _send_to_channel(self, reminders: list[Reminder], result: TickResult) -> None:
        batch = Batch()
        claimed: list[tuple[Reminder, ReminderKey]] = []
        for reminder in reminders:
            key = reminder.key
            channel_key = ReminderKey(key.contract_id, f"{key.kind}@channel", key.due, key.tier)
            try:
                if await self._take(channel_key, result, batch):
                    claimed.append((reminder, channel_key))
            except Exception as exc:
                _record_failure(channel_key, exc, result)
        if not claimed:
            return
        card = partial(reminders_card, self._linked(claimed), repeated=_repeated(claimed, batch))
        keys = [key for _, key in claimed]
        if await self._deliver(keys, "", card, result, self._channel):
            result.channel += len(keys)

    def _linked(self, claimed: list[tuple[Reminder, ReminderKey]]) -> list[tuple[Reminder, str]]:
        return [(r, self._register.item_url(r.contract)) for r, _ in claimed]

    async def _recipient(self, owner: str) -> Recipient:
        """Who the owner's e-mail is in Entra, and the language they read (once per tick)."""
        found = self._recipients.get(owner)
        if found is None:
            person = await self._users.resolve(owner)
            locale = await self._messenger.chat_locale(person.id)
            found = Recipient(person.id, recipient_lang(locale, person.preferred_language))
            self._recipients[owner] = found
        return found

    async def _deliver(
        self,
        keys: Sequence[ReminderKey],
        owner: str,
        card: Callable[[Lang], Card],
        result: TickResult,
        channel: str = "",
    ) -> bool:
        """Send one card for claimed keys to the owner's personal chat (or the channel)
        in the reader's language, and record the outcome for every key."""
        try:
            if channel:
                message = MessageFactory.attachment(as_attachment(card(self._channel_lang)))
                await self._messenger.send_to_conversation(channel, message)
            else:
                recipient = await self._recipient(owner)
                message = MessageFactory.attachment(as_attachment(card(recipient.lang)))
                await self._messenger.send_to_user(recipient.aad_id, message, self._tenant_id)
        except UnknownConversationError as exc:
            # A user the bot cannot reach yet (locally: anyone but the Playground's user):
            # one log line per user, not one per reminder and tick.
            if owner not in self._unreachable:
                self._unreachable.add(owner)
                log.info("reminders for %s wait until they write to the bot: %s", owner, exc)
            await self._failed(keys, str(exc), result)
            return False
        except GraphGatewayError as exc:
            await self._failed(keys, str(exc), result)
            return False
        except Exception as exc:
            status = status_of(exc)
            detail = f"{type(exc).__name__} HTTP {status}" if status else type(exc).__name__
            if status in RETRY_STATUSES:
                log.warning("reminders %s delayed to a later tick: %s", list(keys), detail)
            else:
                log.exception("reminders %s failed", list(keys))
            await self._failed(keys, detail, result)
            return False
        for key in keys:
            await self._ledger.mark_sent(key)
        return True

    async def _failed(self, keys: Sequence[ReminderKey], detail: str, result: TickResult) -> None:
        for key in keys:
            await self._ledger.mark_failed(key, detail)
            result.failed.append(f"{key.contract_id}/{key.kind}: {detail}")

    async def _digests(
        self,
        contracts: list[Contract],
        today: date,
        result: TickResult,
        unread: Sequence[RowProblem] = (),
    ) -> None:
        """One weekly overview per owner of what falls due in the next 30 days, with the
        register cells of the owner's own contracts that could not be read."""
        week = (today - timedelta(days=today.weekday())).isoformat()
        owners = sorted({c.owner for c in contracts if c.owner and c.active})
        for owner in owners:
            found = find_deadlines(contracts, today, DeadlineQuery(DIGEST_DAYS, owner, ""))
            if not found:
                continue
            rows = tuple(
                DeadlineRow(c, d, d.days_left(today), self._register.item_url(c)) for c, d in found
            )
            mine = {c.contract_id for c in contracts if c.owner == owner}
            problems = tuple(p for p in unread if p.contract_id in mine)
            key = ReminderKey(f"digest:{owner}", "weekly_digest", week, 0)
            card = partial(_digest_card, today, rows, problems=problems)
            try:
                if await self._take(key, result) and await self._deliver(
                    [key], owner, card, result
                ):
                    result.digests += 1
            except Exception as exc:
                _record_failure(key, exc, result)

    async def _plan_message(self, today: date, result: TickResult) -> None:
        """Once a month, to the plan's channel: what must start in the next 60 days and
        what is overdue. Claimed in the ledger like a reminder, so several instances
        send it once, and a failed send is tried again on a later tick."""
        assert self._monthly_plan is not None
        month = today.replace(day=1).isoformat()
        key = ReminderKey(f"plan:{self._plan_channel}", "monthly_plan", month, 0)
        try:
            if not await self._take(key, result):
                return
            card = await self._monthly_plan(today, self._channel_lang)
            if card is None:
                await self._ledger.mark_sent(key)  # nothing to start: said by silence
                return
            if await self._deliver([key], "", lambda _: card, result, self._plan_channel):
                result.plan += 1
        except Exception as exc:
            _record_failure(key, exc, result)

    async def _calendar_event(self, reminder: Reminder) -> None:
        """Optional: the deadline as an all-day event in the owner's calendar (idempotent)."""
        if self._calendar is None:
            return
        contract, deadline = reminder.contract, reminder.deadline
        recipient = self._recipients.get(contract.owner)
        lang: Lang = recipient.lang if recipient is not None else "nb"
        try:
            await self._calendar.upsert_all_day(
                contract.owner,
                f"{contract.contract_id}:{deadline.kind.value}:{deadline.due.isoformat()}",
                f"{kind_text(deadline.kind, lang)}: {contract.contract_id} {contract.title}",
                deadline.due,
                f"<p>{todo_text(deadline.kind, lang)}</p>",
            )
        except GraphGatewayError:
            log.warning("calendar event for %s not written", reminder.key, exc_info=True)

    async def run(
        self, interval_seconds: float, first_delay: float, poll_seconds: float = 2.0
    ) -> None:
        """Tick every interval. The first tick waits until the bot has a conversation to
        send from (the app installed, or locally the Playground's chat open); after a
        tick with failed sends the next comes sooner, 5 s, 10 s, 20 s … up to the
        interval, in step with the ledger's retry backoff."""
        await asyncio.sleep(first_delay)
        if not await self._messenger.ready():
            log.info("reminders wait for the first conversation with the bot")
            # Polled, not an Event: another instance may be the one that stores it.
            while not await self._messenger.ready():  # noqa: ASYNC110
                await asyncio.sleep(poll_seconds)
        failing = 0
        while True:
            failed = await self._traced_tick()
            failing = failing + 1 if failed else 0
            wait = interval_seconds
            if failing:
                # A moment past the ledger's wait, so the failed claims are free again.
                wait = min(interval_seconds, retry_wait(failing, self._retry_failed) + 0.5)
            await asyncio.sleep(wait)

    async def _traced_tick(self) -> bool:
        """One tick in its own span (Application Insights hangs the Graph calls and sends
        under it); True when something failed and is owed a retry."""
        with TRACER.start_as_current_span("reminder tick") as span:
            try:
                result = await self.tick()
            except Exception as exc:
                span.record_exception(exc)
                span.set_status(Status(StatusCode.ERROR))
                log.exception("reminder tick failed; trying again next interval")
                return False
            span.set_attributes(
                {
                    "reminders.due": result.due,
                    "reminders.sent": result.sent,
                    "reminders.failed": len(result.failed),
                }
            )
            # One line per tick (hourly in production): what an operator, and a test
            # waiting for ticks rather than seconds, can follow.
            log.info(
                "reminder tick done: due=%d sent=%d taken=%d failed=%d",
                result.due,
                result.sent,
                result.taken,
                len(result.failed),
            )
            return bool(result.failed)


def _repeated(
    claimed: list[tuple[Reminder, ReminderKey]], batch: Batch
) -> frozenset[tuple[str, str, str]]:
    """The deadlines on this card whose last send may have arrived already."""
    return frozenset(r.key.deadline_key for r, key in claimed if key in batch.repeated)


def _chunks(reminders: list[Reminder]) -> Iterator[list[Reminder]]:
    for start in range(0, len(reminders), GROUP_MAX):
        yield reminders[start : start + GROUP_MAX]


def _record_failure(key: ReminderKey, exc: Exception, result: TickResult) -> None:
    log.error("reminder %s failed outside the send; next tick tries again", key, exc_info=exc)
    result.failed.append(f"{key.contract_id}/{key.kind}: {type(exc).__name__}")


def _digest_card(
    today: date,
    rows: tuple[DeadlineRow, ...],
    lang: Lang,
    problems: tuple[RowProblem, ...] = (),
) -> Card:
    scope = tr(
        lang,
        "Weekly overview: your deadlines in the next {DIGEST_DAYS} days",
        DIGEST_DAYS=DIGEST_DAYS,
    )
    return deadlines_card(DeadlineReport(lang, today, DIGEST_DAYS, scope, rows, problems))
