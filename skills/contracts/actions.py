"""What the buttons on a reminder do: acknowledge or snooze one deadline.

A reminder card may hold several deadlines (one owner, one tick). Its buttons carry
the whole group, so the reply that replaces the card keeps the deadlines not yet
dealt with, read afresh from the register and the ledger."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated, Protocol

from semantic_kernel.functions import kernel_function

from skills.contracts.engine import deadlines_of
from skills.contracts.ledger import Ledger
from skills.contracts.model import Contract, DeadlineKind
from skills.contracts.names import ACKNOWLEDGE, SNOOZE
from skills.contracts.queries import kind_text
from skills.contracts.register import Register, RegisterFormatError
from skills.contracts.reminders import Reminder, ReminderKey
from skills.i18n import DateText, Lang, current_lang, tr
from skills.turn import current_asker

# The snooze lengths offered on the card; any whole number of days in range is accepted.
SNOOZE_CHOICES = (1, 3, 7, 14, 30)
SNOOZE_DEFAULT = 7
SNOOZE_MAX = 365
# A grouped card never holds more deadlines than this; a longer group is cut.
GROUP_MAX = 25

log = logging.getLogger(__name__)


class OpenRegister(Protocol):
    """The register as the buttons need it: its contracts, and a link to each."""

    async def load(self) -> Register: ...

    def item_url(self, contract: Contract) -> str: ...


def parse_group(text: str) -> list[tuple[str, str, str]]:
    """`contract|kind|due;…` from a grouped card's button; malformed parts are dropped."""
    found = []
    for part in str(text).split(";")[:GROUP_MAX]:
        pieces = part.split("|")
        if len(pieces) != 3:
            continue
        try:
            date.fromisoformat(pieces[2])
        except ValueError:
            continue
        found.append((pieces[0], pieces[1], pieces[2]))
    return found


def parse_snooze_days(value: str) -> int | None:
    """Days from the card's choice; None when it is not a whole number 1..365."""
    raw = str(value).strip()
    if not raw.isdigit():
        return None
    days = int(raw)
    return days if 1 <= days <= SNOOZE_MAX else None


def deadline_words(contract_id: str, kind: str, due: date, lang: Lang) -> str:
    """ "opsjonsfristen 27.11.2026 for 2025-017": what a reply after a button is about,
    since the card the button was on is replaced by the reply."""
    try:
        name = kind_text(DeadlineKind(kind), lang).lower()
    except ValueError:
        name = tr(lang, "the deadline")
    return tr(
        lang,
        "the {name} on {due} for {contract_id}",
        name=name,
        due=DateText(due),
        contract_id=contract_id,
    )


@dataclass(frozen=True)
class ReminderUpdate:
    """The reply to a reminder button; `still_open` are the other deadlines of a
    grouped card (with their register links) that still want an answer."""

    lang: Lang
    text: str
    still_open: tuple[tuple[Reminder, str], ...] = ()

    def __str__(self) -> str:
        return self.text


class ReminderActionsPlugin:
    """Plugin name `reminders`."""

    def __init__(
        self,
        ledger: Ledger,
        today: Callable[[], date] = date.today,
        register: OpenRegister | None = None,
    ) -> None:
        self._ledger = ledger
        self._today = today
        self._register = register

    async def _still_open(
        self, group: str, acted: tuple[str, str, str]
    ) -> tuple[tuple[Reminder, str], ...]:
        """The group's other deadlines that are neither acknowledged nor snoozed now."""
        wanted = [key for key in parse_group(group) if key != acted]
        if not wanted or self._register is None:
            return ()
        try:
            register = await self._register.load()
        except RegisterFormatError:
            log.warning("grouped reminder: the register cannot be read; the reply stands alone")
            return ()
        today = self._today()
        contracts = {c.contract_id: c for c in register.contracts}
        found = []
        for contract_id, kind, due in wanted:
            contract = contracts.get(contract_id)
            if contract is None:
                continue
            for deadline in deadlines_of(contract):
                if (deadline.kind.value, deadline.due.isoformat()) != (kind, due):
                    continue
                key = ReminderKey(contract_id, kind, due, 0)
                if await self._ledger.quiet_reason(key, today) is None:
                    reminder = Reminder(contract, deadline, 0, deadline.days_left(today))
                    found.append((reminder, self._register.item_url(contract)))
        return tuple(found)

    @kernel_function(
        name=ACKNOWLEDGE.name,
        description="Stop reminders for one contract deadline (the owner has it in hand).",
    )
    async def acknowledge(
        self,
        contract_id: Annotated[str, "Contract id"],
        kind: Annotated[str, "Deadline kind, e.g. option_notice"],
        due: Annotated[str, "Due date, YYYY-MM-DD"],
        group: Annotated[str, "The other deadlines on the same card (card buttons only)"] = "",
    ) -> ReminderUpdate:
        lang = current_lang()
        deadline = date.fromisoformat(due)  # refuse garbage before touching the ledger
        asker = current_asker()
        await self._ledger.acknowledge((contract_id, kind, due), asker.name if asker else "")
        what = deadline_words(contract_id, kind, deadline, lang)
        return ReminderUpdate(
            lang,
            tr(lang, "Noted: no more reminders about {what}.", what=what),
            await self._still_open(group, (contract_id, kind, due)),
        )

    @kernel_function(name=SNOOZE.name, description="Pause reminders for one deadline for N days.")
    async def snooze(
        self,
        contract_id: Annotated[str, "Contract id"],
        kind: Annotated[str, "Deadline kind"],
        due: Annotated[str, "Due date, YYYY-MM-DD"],
        days: Annotated[str, "How many days to pause, 1 to 365"] = str(SNOOZE_DEFAULT),
        group: Annotated[str, "The other deadlines on the same card (card buttons only)"] = "",
    ) -> ReminderUpdate:
        lang = current_lang()
        date.fromisoformat(due)
        pause = parse_snooze_days(days)
        if pause is None:
            # Nothing changes in the ledger: the reminders come as planned.
            what = deadline_words(contract_id, kind, date.fromisoformat(due), lang)
            return ReminderUpdate(
                lang,
                tr(
                    lang,
                    "“{days}” is not a valid number of days. Choose a whole number from 1 to "
                    "{most}. The reminder about {what} is not snoozed and comes as planned.",
                    days=str(days)[:20],
                    most=SNOOZE_MAX,
                    what=what,
                ),
                await self._still_open(group, ("", "", "")),
            )
        until = self._today() + timedelta(days=pause)
        await self._ledger.snooze((contract_id, kind, due), until)
        deadline = date.fromisoformat(due)
        what = deadline_words(contract_id, kind, deadline, lang)
        # The scheduler sends a reminder on the day a snooze ends (the next tier, or a
        # follow-up of its own) only while the deadline is still ahead then.
        if until <= deadline:
            text = tr(
                lang,
                "Snoozed: the next reminder about {what} comes {until}.",
                what=what,
                until=DateText(until),
            )
        else:
            text = tr(
                lang,
                "Snoozed: {what} falls before the snooze ends, so no more reminders about it "
                "will be sent.",
                what=what,
            )
        return ReminderUpdate(lang, text, await self._still_open(group, (contract_id, kind, due)))
