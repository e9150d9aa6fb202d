"""The typing indicator goes out only when the answer takes longer than the delay."""

from __future__ import annotations

import asyncio
from typing import Any

from botbuilder.core import MessageFactory

from bot.progress import TurnProgress


class Context:
    """Records what a turn sends, the way a TurnContext would take it."""

    def __init__(self) -> None:
        self.sent: list[str] = []

    async def send_activity(self, activity: Any) -> Any:
        kind = activity.type
        self.sent.append(getattr(kind, "value", kind))
        return None

    async def update_activity(self, activity: Any) -> Any:
        self.sent.append("update")
        return None


async def test_a_quick_answer_goes_without_a_typing_indicator() -> None:
    context = Context()
    progress = TurnProgress(context, "nb", typing_delay=0.2)
    progress.start()
    await asyncio.sleep(0.05)
    await progress.finish([MessageFactory.text("svar")])
    await asyncio.sleep(0.3)  # the cancelled indicator never comes late
    assert context.sent == ["message"]


async def test_a_slow_answer_shows_typing_first() -> None:
    context = Context()
    progress = TurnProgress(context, "nb", typing_delay=0.1)
    progress.start()
    await asyncio.sleep(0.3)
    await progress.finish([MessageFactory.text("svar")])
    assert context.sent == ["typing", "message"]
