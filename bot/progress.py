"""Progress the way Teams users expect it for long work.

A typing indicator goes out when the answer is not ready within half a second (most
answers are, and an indicator then only costs a round trip to Teams). If the work
reports progress, one message appears ("Leser 12 av 40 dokumenter …") and is edited in
place as the work goes on; the answer finally replaces it. Edits are spaced out so a
fast loop does not run into the per-conversation rate limit.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

from botbuilder.core import MessageFactory, TurnContext
from botbuilder.schema import Activity, ActivityTypes

from skills.i18n import Lang, tr

log = logging.getLogger(__name__)


class TurnProgress:
    """A `skills.progress.ProgressSink` bound to one Teams turn."""

    def __init__(
        self,
        context: TurnContext,
        lang: Lang,
        min_interval: float = 0.8,
        typing_delay: float = 0.5,
    ) -> None:
        self._context = context
        self._lang = lang
        self._min_interval = min_interval
        self._typing_delay = typing_delay
        self._typing: asyncio.Task[None] | None = None
        self._message_id: str | None = None
        self._last_update = 0.0

    @property
    def message_id(self) -> str | None:
        return self._message_id

    def start(self) -> None:
        """Show a typing indicator if the answer takes longer than the delay."""

        async def later() -> None:
            await asyncio.sleep(self._typing_delay)
            try:
                await self._context.send_activity(Activity(type=ActivityTypes.typing))
            except Exception:
                log.info("typing indicator not sent", exc_info=True)

        self._typing = asyncio.ensure_future(later())

    async def _stop_typing(self) -> None:
        if self._typing is not None and not self._typing.done():
            self._typing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._typing
        self._typing = None

    async def report(self, done: int, total: int, label: str) -> None:
        await self._stop_typing()
        text = tr(self._lang, "{label} {done} of {total} …", label=label, done=done, total=total)
        now = time.monotonic()
        if self._message_id is None:
            response = await self._context.send_activity(MessageFactory.text(text))
            self._message_id = response.id if response is not None and response.id else None
            self._last_update = now
            return
        if now - self._last_update < self._min_interval and done < total:
            return
        await self._update(MessageFactory.text(text))
        self._last_update = now

    async def finish(self, activities: list[Activity]) -> None:
        """Replace the progress message with the first answer; send the rest as new messages."""
        await self._stop_typing()
        if not activities:
            return
        first, rest = activities[0], activities[1:]
        if self._message_id is not None:
            await self._update(first)
        else:
            await self._context.send_activity(first)
        for activity in rest:
            await self._context.send_activity(activity)

    async def _update(self, activity: Activity) -> None:
        activity.id = self._message_id
        activity.type = ActivityTypes.message
        await self._context.update_activity(activity)
