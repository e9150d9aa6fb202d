"""What the buttons on a reminder do: acknowledge or snooze one deadline."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated

from semantic_kernel.functions import kernel_function

from skills.contracts.ledger import Ledger
from skills.contracts.model import DeadlineKind
from skills.contracts.queries import kind_text
from skills.i18n import Lang, current_lang, pick
from skills.turn import current_asker

# The snooze lengths offered on the card; any whole number of days in range is accepted.
SNOOZE_CHOICES = (1, 3, 7, 14, 30)
SNOOZE_DEFAULT = 7
SNOOZE_MAX = 365


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
        name = pick(lang, "fristen", "the deadline")
    return pick(
        lang,
        f"{name} {due.strftime('%d.%m.%Y')} for {contract_id}",
        f"the {name} on {due.isoformat()} for {contract_id}",
    )


@dataclass(frozen=True)
class ReminderUpdate:
    lang: Lang
    text: str

    def __str__(self) -> str:
        return self.text


class ReminderActionsPlugin:
    """Plugin name `reminders`."""

    def __init__(self, ledger: Ledger, today: Callable[[], date] = date.today) -> None:
        self._ledger = ledger
        self._today = today

    @kernel_function(
        name="acknowledge",
        description="Stop reminders for one contract deadline (the owner has it in hand).",
    )
    async def acknowledge(
        self,
        contract_id: Annotated[str, "Contract id"],
        kind: Annotated[str, "Deadline kind, e.g. option_notice"],
        due: Annotated[str, "Due date, YYYY-MM-DD"],
    ) -> ReminderUpdate:
        lang = current_lang()
        deadline = date.fromisoformat(due)  # refuse garbage before touching the ledger
        asker = current_asker()
        await self._ledger.acknowledge((contract_id, kind, due), asker.name if asker else "")
        what = deadline_words(contract_id, kind, deadline, lang)
        return ReminderUpdate(
            lang,
            pick(
                lang,
                f"Notert: ingen flere påminnelser om {what}.",
                f"Noted: no more reminders about {what}.",
            ),
        )

    @kernel_function(name="snooze", description="Pause reminders for one deadline for N days.")
    async def snooze(
        self,
        contract_id: Annotated[str, "Contract id"],
        kind: Annotated[str, "Deadline kind"],
        due: Annotated[str, "Due date, YYYY-MM-DD"],
        days: Annotated[str, "How many days to pause, 1 to 365"] = str(SNOOZE_DEFAULT),
    ) -> ReminderUpdate:
        lang = current_lang()
        date.fromisoformat(due)
        pause = parse_snooze_days(days)
        if pause is None:
            # Nothing changes in the ledger: the reminders come as planned.
            return ReminderUpdate(
                lang,
                f"«{str(days)[:20]}» er ikke et gyldig antall dager. Velg et helt tall fra 1 til "
                f"{SNOOZE_MAX}. Påminnelsen er ikke utsatt og kommer som planlagt."
                if lang == "nb"
                else f"“{str(days)[:20]}” is not a valid number of days. Choose a whole number "
                f"from 1 to {SNOOZE_MAX}. The reminder is not snoozed and comes as planned.",
            )
        until = self._today() + timedelta(days=pause)
        await self._ledger.snooze((contract_id, kind, due), until)
        deadline = date.fromisoformat(due)
        what = deadline_words(contract_id, kind, deadline, lang)
        # The scheduler sends a reminder on the day a snooze ends (the next tier, or a
        # follow-up of its own) only while the deadline is still ahead then.
        if until <= deadline:
            text = pick(
                lang,
                f"Utsatt: neste påminnelse om {what} kommer {until.strftime('%d.%m.%Y')}.",
                f"Snoozed: the next reminder about {what} comes {until.isoformat()}.",
            )
        else:
            text = pick(
                lang,
                f"Utsatt: {what} er før utsettelsen er over, så det kommer ingen flere "
                "påminnelser om den.",
                f"Snoozed: {what} falls before the snooze ends, so no more reminders about it "
                "will be sent.",
            )
        return ReminderUpdate(lang, text)
