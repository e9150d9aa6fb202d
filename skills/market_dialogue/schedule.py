"""The dialogue's schedule: every date a Norwegian working day, in order, never in the past.

The officer may fix any date; the rest is proposed around those from lead times in
effective days (`ScheduleDefaults`): working days outside Christmas, Easter week and
fellesferie (`holiday_periods`), so a window to answer is not half holiday. A fixed date
that cannot be honoured (a weekend, out of order) is an error that names it, never
silently moved: the officer decided it. A fixed date inside a holiday period, or a window
shorter than the minimum, is kept with a note saying why it may be a poor choice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from types import MappingProxyType
from typing import Any

from skills.contracts.calendar import is_working_day
from skills.i18n import LANGS, N_, DateText, InputError, Joined, Lang, Phrase, Said, tr
from skills.market_dialogue.brief import SCHEDULE_FIELDS, DialogueFormat
from skills.market_dialogue.holiday_periods import HolidayPeriods, load_holiday_periods

LABELS: Mapping[str, str] = MappingProxyType(
    {
        "publication": N_("Notice published on Doffin"),
        "registration_deadline": N_("Registration deadline"),
        "conference": N_("Dialogue conference"),
        "meetings": N_("One-to-one meetings"),
        "written_deadline": N_("Deadline for written input"),
        "consultation_opens": N_("Draft tender documents published"),
        "consultation_deadline": N_("Deadline for comments on the draft tender documents"),
    }
)
WEEKDAYS = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)


def label(field: str, lang: Lang = "nb") -> str:
    return tr(lang, LABELS.get(field, field))


def _label(field: str, lower: bool = False) -> Said:
    """A schedule field's name said in the reader's language (lower-cased mid-sentence)."""
    if lower:
        return Said(lambda lang: _lowered(label(field, lang)))
    return Said(lambda lang: label(field, lang))


def _lowered(text: str) -> str:
    return text[:1].lower() + text[1:]


def labelled(items: list[tuple[str, date]], lang: Lang = "nb") -> list[tuple[str, date]]:
    """(label, date) for a schedule's items; one-to-one meetings over several days are
    numbered ("En-til-en-møter, dag 2"), so no two lines read the same."""
    days = sum(1 for field, _ in items if field == "meetings")
    out = []
    number = 0
    for field, day in items:
        text = label(field, lang)
        if field == "meetings" and days > 1:
            number += 1
            text += tr(lang, ", day {number}", number=number)
        out.append((text, day))
    return out


def weekday(day: date, lang: Lang = "nb") -> str:
    return tr(lang, WEEKDAYS[day.weekday()])


def nb_date(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def format_day(day: date, lang: Lang = "nb") -> str:
    """`mandag 12.01.2026`: the weekday helps a reader spot a wrong date."""
    return f"{weekday(day, lang)} {nb_date(day)}"


def _day(day: date) -> Said:
    return Said(lambda lang: format_day(day, lang))


Accept = Callable[[date], bool]


def next_working_day(day: date, ok: Accept = is_working_day) -> date:
    """`day` itself when it is a working day (or `ok`), else the first one after it."""
    while not ok(day):
        day += timedelta(days=1)
    return day


def add_working_days(day: date, count: int, ok: Accept = is_working_day) -> date:
    """The `count`-th working day (or `ok` day) after `day` (count 0: `day` shifted forward)."""
    if count <= 0:
        return next_working_day(day, ok)
    while count:
        day += timedelta(days=1)
        if ok(day):
            count -= 1
    return day


def subtract_working_days(day: date, count: int, ok: Accept = is_working_day) -> date:
    while count > 0:
        day -= timedelta(days=1)
        if ok(day):
            count -= 1
    return day


@dataclass(frozen=True)
class Schedule:
    publication: date
    registration_deadline: date
    conference: date | None
    meetings: tuple[date, ...]
    written_deadline: date | None
    consultation_deadline: date | None
    consultation_opens: date | None = None
    # Remarks on the dates: a fixed date in a holiday period, a short window.
    notes: tuple[Phrase, ...] = ()

    def note_texts(self, lang: Lang = "nb") -> list[str]:
        return [note.say(lang) for note in self.notes]

    def items(self) -> list[tuple[str, date]]:
        """(field name, date) in chronological order; each meeting day is one item."""
        found: list[tuple[str, date]] = [
            ("publication", self.publication),
            ("registration_deadline", self.registration_deadline),
        ]
        if self.conference is not None:
            found.append(("conference", self.conference))
        found.extend(("meetings", day) for day in self.meetings)
        if self.written_deadline is not None:
            found.append(("written_deadline", self.written_deadline))
        if self.consultation_opens not in (None, self.publication):
            assert self.consultation_opens is not None
            found.append(("consultation_opens", self.consultation_opens))
        if self.consultation_deadline is not None:
            found.append(("consultation_deadline", self.consultation_deadline))
        return sorted(found, key=lambda item: item[1])

    def as_json(self) -> dict[str, Any]:
        return {
            "publication": self.publication.isoformat(),
            "registration_deadline": self.registration_deadline.isoformat(),
            "conference": self.conference.isoformat() if self.conference else None,
            "meetings": [d.isoformat() for d in self.meetings],
            "written_deadline": self.written_deadline.isoformat()
            if self.written_deadline
            else None,
            "consultation_opens": (
                self.consultation_opens.isoformat() if self.consultation_opens else None
            ),
            "consultation_deadline": (
                self.consultation_deadline.isoformat() if self.consultation_deadline else None
            ),
            "notes": [{lang: note.say(lang) for lang in LANGS} for note in self.notes],
        }


@dataclass(frozen=True)
class ScheduleDefaults:
    """Lead times in effective days (working days outside holiday periods), each counted
    from the item before it; `registration_days` and `written_days` are also the least
    time suppliers get, and a fixed date giving them less is noted."""

    publication_lead: int = 3  # today -> notice published (time to finish the draft)
    registration_days: int = 10  # publication -> registration deadline
    written_days: int = 15  # publication -> written-input deadline, at least
    conference_after_registration: int = 3
    meetings_after: int = 3  # conference (or registration deadline) -> first meeting day
    meeting_days: int = 2  # consecutive working days of one-to-one meetings
    written_after: int = 5  # last conference/meeting day -> written-input deadline
    consultation_after: int = 10  # previous item -> consultation deadline

    def __post_init__(self) -> None:
        for name, value in vars(self).items():
            minimum = 0 if name == "publication_lead" else 1
            if not isinstance(value, int) or value < minimum:
                raise ValueError(f"ScheduleDefaults.{name} must be a whole number >= {minimum}")


ENV_PREFIX = "MARKET_DIALOGUE_"


def schedule_defaults_from_env(environ: Mapping[str, str]) -> ScheduleDefaults:
    """Settings such as `MARKET_DIALOGUE_REGISTRATION_DAYS=15` override the lead times;
    a bad value fails naming the variable."""
    values: dict[str, int] = {}
    for name in vars(ScheduleDefaults()):
        variable = f"{ENV_PREFIX}{name.upper()}"
        raw = environ.get(variable, "").strip()
        if not raw:
            continue
        if not raw.isdigit():
            raise ValueError(f"{variable} must be a whole number of working days, not '{raw}'")
        values[name] = int(raw)
    try:
        return ScheduleDefaults(**values)
    except ValueError as exc:
        raise ValueError(f"{exc} (from {ENV_PREFIX}* settings)") from None


class ScheduleError(InputError):
    """A date the officer fixed cannot be used; `field` is the schedule field name."""


def _slots(formats: Iterable[DialogueFormat], d: ScheduleDefaults) -> list[tuple[str, int]]:
    """(field, working days after the previous slot) in the order the dates must follow."""
    chosen = set(formats)
    slots = [("publication", d.publication_lead), ("registration_deadline", d.registration_days)]
    if DialogueFormat.CONFERENCE in chosen:
        slots.append(("conference", d.conference_after_registration))
    if DialogueFormat.ONE_TO_ONE in chosen:
        slots.append(("meetings", d.meetings_after))
        slots.extend(("meetings", 1) for _ in range(d.meeting_days - 1))
    if DialogueFormat.WRITTEN in chosen:
        slots.append(("written_deadline", d.written_after))
    if DialogueFormat.CONSULTATION in chosen:
        slots.append(("consultation_deadline", d.consultation_after))
    return slots


def _check_fixed(
    slots: list[tuple[str, int]], fixed: Mapping[str, date], today: date
) -> dict[int, date]:
    names = [name for name, _ in slots]
    pinned: dict[int, date] = {}
    for field, day in fixed.items():
        if field not in SCHEDULE_FIELDS:
            raise ScheduleError(field, "Unknown date '{field}'.", field=field)
        if field not in names:
            raise ScheduleError(
                field,
                "{label} ({date}) is fixed, but that dialogue format is not chosen.",
                label=_label(field),
                date=DateText(day),
            )
        if day < today:
            raise ScheduleError(
                field,
                "{label} ({date}) is in the past (today is {today}).",
                label=_label(field),
                date=DateText(day),
                today=DateText(today),
            )
        if not is_working_day(day):
            raise ScheduleError(
                field,
                "{label} ({day}) is not a working day (weekend or public holiday).",
                label=_label(field),
                day=_day(day),
            )
        pinned[names.index(field)] = day
    previous: tuple[str, date] | None = None
    for index in sorted(pinned):
        field, day = names[index], pinned[index]
        if previous is not None and day <= previous[1]:
            raise ScheduleError(
                field,
                "{label} ({date}) must come after {before} ({before_date}).",
                label=_label(field),
                date=DateText(day),
                before=_label(previous[0], lower=True),
                before_date=DateText(previous[1]),
            )
        previous = (field, day)
    return pinned


def _place_before(
    fixed: date, gaps: list[int], lower: date, inclusive: bool, ok: Accept
) -> list[date] | None:
    """Dates for the slots before a fixed one, counted back from it; None if they don't fit."""
    placed: list[date] = []
    day = fixed
    for gap in reversed(gaps):
        day = subtract_working_days(day, max(gap, 1), ok)
        placed.append(day)
    placed.reverse()
    if placed and (placed[0] < lower or (placed[0] == lower and not inclusive)):
        return None
    return placed


def propose_schedule(
    formats: Iterable[DialogueFormat],
    today: date,
    fixed: Mapping[str, date] | None = None,
    defaults: ScheduleDefaults | None = None,
    holidays: HolidayPeriods | None = None,
) -> Schedule:
    """Fixed dates are kept as given; the others follow the lead times in effective days,
    and when a fixed date comes sooner than the lead times allow, the dates before it are
    packed closer (down to one working day apart) rather than moved past it."""
    d = defaults or ScheduleDefaults()
    periods = holidays if holidays is not None else load_holiday_periods()
    ok = periods.is_effective
    fixed = dict(fixed or {})
    slots = _slots(formats, d)
    pinned = _check_fixed(slots, fixed, today)
    dates: list[date] = []
    anchor, inclusive, start = today, True, 0
    for stop in [*sorted(pinned), len(slots)]:
        gaps = [gap for _, gap in slots[start:stop]]
        forward: list[date] = []
        day = anchor
        for offset, gap in enumerate(gaps):
            day = add_working_days(day, gap if (start + offset) == 0 else max(gap, 1), ok)
            forward.append(day)
        if stop < len(slots) and forward and forward[-1] >= pinned[stop]:
            gap_to_fixed = slots[stop][1]
            back = _place_before(pinned[stop], gaps[1:] + [gap_to_fixed], anchor, inclusive, ok)
            if back is None and len(gaps) > 1:
                # The first item keeps its lead time and the rest close up before the
                # fixed date, so the windows between them stay as long as they can.
                first = add_working_days(anchor, gaps[0] if start == 0 else max(gaps[0], 1), ok)
                rest = _place_before(pinned[stop], [1] * (len(gaps) - 1), first, False, ok)
                if rest is not None and first < pinned[stop]:
                    back = [first, *rest]
            if back is None:
                back = _place_before(pinned[stop], [1] * len(gaps), anchor, inclusive, ok)
            if back is None:  # not even one effective day each: one working day each
                back = _place_before(
                    pinned[stop], [1] * len(gaps), anchor, inclusive, is_working_day
                )
            if back is None:
                field = slots[stop][0]
                names = [name for name, _ in slots[start:stop]]
                raise ScheduleError(
                    field,
                    "{label} ({date}) is too early: {before} each need at least one working "
                    "day before it, from today ({today}).",
                    label=_label(field),
                    date=DateText(pinned[stop]),
                    before=Joined(tuple(_label(n, lower=True) for n in names), ", "),
                    today=DateText(today),
                )
            forward = back
        dates.extend(forward)
        if stop < len(slots):
            dates.append(pinned[stop])
            anchor, inclusive, start = pinned[stop], False, stop + 1
    by_field: dict[str, list[date]] = {}
    for (name, _), day in zip(slots, dates, strict=True):
        by_field.setdefault(name, []).append(day)
    _widen_written(by_field, fixed, d, ok)

    def one(name: str) -> date | None:
        return by_field[name][0] if name in by_field else None

    consultation = one("consultation_deadline")
    opens = None
    if consultation is not None:
        # The draft is out from the notice when the consultation is all there is, else
        # from the day after the last item before it.
        others = set(by_field) - {"publication", "registration_deadline", "consultation_deadline"}
        if others:
            latest = max(day for name in others for day in by_field[name])
            following = add_working_days(latest, 1, ok)
            # Fixed dates a day apart leave no day of its own: then it is not proposed.
            opens = following if following < consultation else None
        else:
            opens = by_field["publication"][0]
    schedule = Schedule(
        publication=by_field["publication"][0],
        registration_deadline=by_field["registration_deadline"][0],
        conference=one("conference"),
        meetings=tuple(by_field.get("meetings", ())),
        written_deadline=one("written_deadline"),
        consultation_deadline=consultation,
        consultation_opens=opens,
    )
    notes = _notes(schedule, fixed, d, periods)
    return replace(schedule, notes=tuple(notes)) if notes else schedule


def _widen_written(
    by_field: dict[str, list[date]], fixed: Mapping[str, date], d: ScheduleDefaults, ok: Accept
) -> None:
    """A proposed written deadline gives suppliers at least `written_days` from the notice,
    unless a later fixed date leaves no room for it."""
    if "written_deadline" not in by_field or "written_deadline" in fixed:
        return
    least = add_working_days(by_field["publication"][0], d.written_days, ok)
    if by_field["written_deadline"][0] >= least:
        return
    later = by_field.get("consultation_deadline")
    if later and "consultation_deadline" in fixed and later[0] <= least:
        return
    by_field["written_deadline"] = [least]
    if later and "consultation_deadline" not in fixed:
        by_field["consultation_deadline"] = [
            max(later[0], add_working_days(least, d.consultation_after, ok))
        ]


def _notes(
    schedule: Schedule, fixed: Mapping[str, date], d: ScheduleDefaults, periods: HolidayPeriods
) -> list[Phrase]:
    notes: list[Phrase] = []
    for field, day in dict.fromkeys(schedule.items()):
        period = periods.period_of(day)
        if period is None:
            continue
        kept = fixed.get(field) == day
        notes.append(
            Phrase(
                "{label} ({day}) falls in {period} ({span}), when many are away. {advice}",
                label=_label(field),
                day=_day(day),
                period=Said(period.label),
                span=period.span(),
                advice=Phrase(
                    N_("The date is kept as you set it.")
                    if kept
                    else N_("A fixed date soon after left no other room; move it if you can.")
                ),
            )
        )
    windows: tuple[tuple[str, date | None, int], ...] = (
        ("registration_deadline", schedule.registration_deadline, d.registration_days),
        ("written_deadline", schedule.written_deadline, d.written_days),
    )
    for field, until, least in windows:
        if until is None:
            continue
        days = periods.effective_days(schedule.publication, until)
        if days < least:
            short = (
                N_(
                    "{label} gives suppliers 1 working day outside holidays from the notice; "
                    "at least {least} are recommended."
                )
                if days == 1
                else N_(
                    "{label} gives suppliers {days} working days outside holidays from the "
                    "notice; at least {least} are recommended."
                )
            )
            notes.append(Phrase(short, label=_label(field), days=days, least=least))
    last = max(day for _, day in schedule.items())
    if not periods.covers(last):
        end = periods.periods[-1].end if periods.periods else None
        notes.append(
            Phrase(
                "The holiday periods (Christmas, Easter, fellesferie) are not known after "
                "{end}: check that no date falls in a holiday.",
                end=DateText(end),
            )
            if end
            else Phrase(
                "The holiday periods (Christmas, Easter, fellesferie) are not known: check "
                "that no date falls in a holiday."
            )
        )
    return notes


def check_competition(schedule: Schedule, planned: date | None) -> None:
    """The competition is announced after the dialogue has ended: a planned date on or
    before its last date is refused by name."""
    if planned is None:
        return
    last = max(day for _, day in schedule.items())
    if planned > last:
        return
    raise ScheduleError(
        "competition_planned",
        "The competition cannot be announced on {planned}: the dialogue lasts until "
        "{last} and must end before the competition is announced.",
        planned=DateText(planned),
        last=DateText(last),
    )
