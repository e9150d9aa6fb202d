"""One chat turn routed by a model, kept inside the product's bounds.

A model chooses functions; the product decides what runs and what the user reads. The
turn has a deadline of its own and at most one retry (a `Retry-After` is waited out only
when it is short); identical calls run once; the number of functions a turn may run is
capped; an argument too long to be a person's request is refused; a Microsoft 365
refusal inside a function surfaces exactly as in an offline turn. The model's own text
is shown only as a lead to the cards of functions that ran, and never after a call
that was refused, failed or malformed: the model cannot tell a user that something
happened which did not.

The Semantic Kernel filters here see every call; what they learn goes into a `ModelTurn`
held in a context variable for the length of one turn.
"""

from __future__ import annotations

import asyncio
import contextvars
import json
import logging
import math
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from semantic_kernel.contents import ChatHistory, FunctionCallContent
from semantic_kernel.filters import AutoFunctionInvocationContext, FunctionInvocationContext
from semantic_kernel.functions import FunctionResult

from graph.errors import GraphGatewayError, graph_problem

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ModelLimits:
    """How far a model may take one turn; the defaults keep a Teams turn short."""

    turn_seconds: float = 25.0
    retry_after_cap_seconds: float = 3.0
    max_function_runs: int = 4
    max_argument_chars: int = 2000
    max_text_chars: int = 1500
    max_round_trips: int = 3


@dataclass
class _CallState:
    failed: BaseException | None = None


@dataclass
class ModelTurn:
    """What the filters saw in one turn."""

    limits: ModelLimits
    results: list[Any] = field(default_factory=list)
    ran: set[str] = field(default_factory=set)
    settled_ids: Counter[str] = field(default_factory=Counter)
    # The running attempt's deadline: time spent inside functions (which have deadlines
    # of their own) is added to it, so the bound is on the model, not on the work.
    deadline: asyncio.Timeout | None = None
    function_seconds: float = 0.0
    _running: int = 0
    _paused_at: float = 0.0
    _paused_when: float | None = None

    def pause_deadline(self) -> None:
        """A function starts: the model's clock stops while any function runs."""
        self._running += 1
        if self._running == 1:
            self._paused_at = time.monotonic()
            if self.deadline is not None:
                self._paused_when = self.deadline.when()
                self.deadline.reschedule(None)

    def resume_deadline(self) -> None:
        self._running -= 1
        if self._running:
            return
        spent = time.monotonic() - self._paused_at
        self.function_seconds += spent
        if self.deadline is not None and self._paused_when is not None:
            self.deadline.reschedule(self._paused_when + spent)

    refusals: list[str] = field(default_factory=list)
    problem: GraphGatewayError | None = None
    runs: int = 0

    def unsettled(self, history: ChatHistory) -> list[str]:
        """Calls the model made that did not run to the end (refused by Semantic Kernel
        for an unknown or excluded name, malformed arguments, or a failure)."""
        found: list[str] = []
        settled = Counter(self.settled_ids)
        for message in history.messages:
            for item in message.items:
                if not isinstance(item, FunctionCallContent):
                    continue
                if settled[str(item.id)] > 0:
                    settled[str(item.id)] -= 1  # one settled run answers one call
                else:
                    found.append(str(item.name))
        return found


CURRENT_TURN: contextvars.ContextVar[ModelTurn | None] = contextvars.ContextVar(
    "model_turn", default=None
)
RESULTS: contextvars.ContextVar[list[Any] | None] = contextvars.ContextVar(
    "turn_results", default=None
)
_CALL: contextvars.ContextVar[_CallState | None] = contextvars.ContextVar("call", default=None)

Next = Callable[[Any], Awaitable[None]]


async def collect_results(context: FunctionInvocationContext, next: Next) -> None:
    """Every function run, by a model or a rule: keep its structured result for the
    cards, and remember a failure (a Microsoft 365 refusal in particular)."""
    try:
        await next(context)
    except Exception as exc:
        call = _CALL.get()
        if call is not None:
            call.failed = exc
        turn = CURRENT_TURN.get()
        problem = graph_problem(exc)
        if turn is not None and problem is not None and turn.problem is None:
            turn.problem = problem
        raise
    sink = RESULTS.get()
    if sink is not None and context.result is not None and context.result.value is not None:
        sink.append(context.result.value)


async def guard_model_call(context: AutoFunctionInvocationContext, next: Next) -> None:
    """A call the model asked for: run once, within the budget, with sane arguments."""
    turn = CURRENT_TURN.get()
    if turn is None:
        await next(context)
        return
    name = context.function.fully_qualified_name
    call_id = context.function_call_content.id if context.function_call_content else None
    arguments = {str(k): v for k, v in (context.arguments or {}).items()}
    key = name + json.dumps(arguments, sort_keys=True, default=str)

    def answer(text: str) -> None:
        context.function_result = FunctionResult(function=context.function.metadata, value=text)

    if any(len(str(value)) > turn.limits.max_argument_chars for value in arguments.values()):
        turn.refusals.append(f"{name}: argument too long")
        answer("Refused: an argument is far longer than any request a person makes.")
        return
    if key in turn.ran:
        if call_id:
            turn.settled_ids[call_id] += 1
        answer("Already done in this turn; the user sees the result.")
        return
    if turn.runs >= turn.limits.max_function_runs:
        turn.refusals.append(f"{name}: over the turn's budget")
        answer("Refused: this turn has run as many functions as it may.")
        context.terminate = True
        return
    turn.runs += 1
    turn.ran.add(key)
    call = _CallState()
    token = _CALL.set(call)
    turn.pause_deadline()
    try:
        await next(context)
    finally:
        _CALL.reset(token)
        turn.resume_deadline()
    if call.failed is not None:
        turn.refusals.append(f"{name}: {type(call.failed).__name__}")
        # The model reads no exception text: it could carry data, or invite a retry loop.
        answer("The function failed; the user is told by the product.")
        return
    if call_id:
        turn.settled_ids[call_id] += 1


def retry_wait(exc: BaseException, cap: float) -> float | None:
    """Seconds to wait before the one retry a failed model request gets, or None when a
    retry would not help (a malformed answer, a refusal, a 4xx other than 429)."""
    current: BaseException | None = exc
    seen: set[int] = set()
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        status = getattr(current, "status_code", None)
        response = getattr(current, "response", None)
        if isinstance(status, int):
            if status != 429 and status < 500:
                return None
            after = _retry_after(response)
            if after is not None and after > cap:
                return None  # the service asks for longer than a turn can wait
            return after if after is not None else 1.0
        if type(current).__name__ in ("APIConnectionError", "APITimeoutError"):
            return 1.0
        current = current.__cause__ or current.__context__
    return None


def _retry_after(response: Any) -> float | None:
    """Seconds from `retry-after-ms` or `Retry-After` (seconds or an HTTP date); None
    when absent or not a finite, non-negative time."""
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    value: float | None = None
    try:
        if (raw := headers.get("retry-after-ms")) is not None:
            value = float(raw) / 1000
        elif (raw := headers.get("retry-after")) is not None:
            try:
                value = float(raw)
            except ValueError:
                when = parsedate_to_datetime(str(raw))
                value = (when - datetime.now(UTC)).total_seconds()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if value is None or not math.isfinite(value):
        return None
    return max(0.0, value)


async def run_bounded(
    attempt: Callable[[], Awaitable[Any]], limits: ModelLimits, turn: ModelTurn | None = None
) -> tuple[Any, str]:
    """The model's answer, or (None, why it failed) within the turn's deadline."""
    started = time.monotonic()

    def model_time() -> float:
        return time.monotonic() - started - (turn.function_seconds if turn else 0.0)

    for tries in (1, 2):
        remaining = limits.turn_seconds - model_time()
        try:
            async with asyncio.timeout(remaining) as deadline:
                if turn is not None:
                    turn.deadline = deadline
                return await attempt(), ""
        except TimeoutError:
            return None, f"no answer within {limits.turn_seconds:.0f} s"
        except Exception as exc:
            wait = retry_wait(exc, limits.retry_after_cap_seconds)
            reason = _reason(exc)
            left = limits.turn_seconds - model_time()
            if tries == 2 or wait is None or wait >= left - 1:
                return None, reason
            log.info("model request failed (%s); one retry in %.1f s", reason, wait)
            await asyncio.sleep(wait)
    return None, "no answer"  # pragma: no cover - the loop always returns


def _reason(exc: BaseException) -> str:
    """A short, content-free description: type names and an HTTP status."""
    names: list[str] = []
    current: BaseException | None = exc
    seen: set[int] = set()
    while current is not None and id(current) not in seen and len(names) < 3:
        seen.add(id(current))
        status = getattr(current, "status_code", None)
        names.append(type(current).__name__ + (f" {status}" if isinstance(status, int) else ""))
        current = current.__cause__ or current.__context__
    return " <- ".join(names)
