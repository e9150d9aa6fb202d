"""The proposed schedule: working days only, in order, never in the past; fixed dates
kept or refused by name."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skills.contracts.calendar import is_working_day
from skills.market_dialogue.brief import SCHEDULE_FIELDS, DialogueFormat
from skills.market_dialogue.holiday_periods import (
    NONE,
    HolidayPeriodError,
    load_holiday_periods,
)
from skills.market_dialogue.schedule import (
    Schedule,
    ScheduleDefaults,
    ScheduleError,
    add_working_days,
    format_day,
    propose_schedule,
    schedule_defaults_from_env,
)

W, C, M, K = (
    DialogueFormat.WRITTEN,
    DialogueFormat.CONFERENCE,
    DialogueFormat.ONE_TO_ONE,
    DialogueFormat.CONSULTATION,
)
ORDER = {name: i for i, name in enumerate(SCHEDULE_FIELDS)}


def in_slot_order(schedule: Schedule) -> list[date]:
    """Dates in the order the fields must follow (not sorted), to check the order."""
    items = [("publication", schedule.publication)]
    items.append(("registration_deadline", schedule.registration_deadline))
    if schedule.conference:
        items.append(("conference", schedule.conference))
    items.extend(("meetings", d) for d in schedule.meetings)
    if schedule.written_deadline:
        items.append(("written_deadline", schedule.written_deadline))
    if schedule.consultation_opens and schedule.consultation_opens != schedule.publication:
        items.append(("consultation_opens", schedule.consultation_opens))
    if schedule.consultation_deadline:
        items.append(("consultation_deadline", schedule.consultation_deadline))
    return [d for _, d in items]


def assert_sound(schedule: Schedule, today: date) -> None:
    days = in_slot_order(schedule)
    assert all(is_working_day(d) for d in days), days
    assert days[0] >= today
    assert all(a < b for a, b in zip(days, days[1:], strict=False)), days
    assert [d for _, d in schedule.items()] == days


formats_st = st.sets(st.sampled_from(list(DialogueFormat)), min_size=1)
today_st = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))


@settings(max_examples=200, deadline=None)
@given(formats=formats_st, today=today_st)
def test_proposals_are_working_days_in_order_never_in_the_past(
    formats: set[DialogueFormat], today: date
) -> None:
    schedule = propose_schedule(formats, today)
    assert_sound(schedule, today)
    assert (schedule.conference is not None) == (C in formats)
    assert (len(schedule.meetings) == 2) == (M in formats)
    assert (schedule.written_deadline is not None) == (W in formats)
    assert (schedule.consultation_deadline is not None) == (K in formats)


@settings(max_examples=300, deadline=None)
@given(
    formats=formats_st,
    today=today_st,
    offsets=st.dictionaries(st.sampled_from(SCHEDULE_FIELDS), st.integers(-5, 90), max_size=4),
)
def test_fixed_dates_are_kept_or_refused_by_name(
    formats: set[DialogueFormat], today: date, offsets: dict[str, int]
) -> None:
    fixed = {name: today + timedelta(days=n) for name, n in offsets.items()}
    try:
        schedule = propose_schedule(formats, today, fixed)
    except ScheduleError as exc:
        assert exc.field in fixed
        assert exc.message("nb") and exc.message("en") and exc.message("nb") != exc.message("en")
        return
    assert_sound(schedule, today)
    for name, day in fixed.items():
        got = schedule.meetings[0] if name == "meetings" else getattr(schedule, name)
        assert got == day


@pytest.mark.parametrize(
    ("today", "publication", "registration"),
    [
        # Easter 2026: Maundy Thursday, Good Friday, the weekend and Easter Monday are skipped.
        (date(2026, 4, 1), date(2026, 4, 9), date(2026, 4, 23)),
        # 17 May 2027 is a Monday (and Whit Monday); Ascension Day is 6 May.
        (date(2027, 5, 12), date(2027, 5, 18), date(2027, 6, 1)),
        # Christmas: 24 Dec counts as a working day in law, 25-26 Dec and 1 Jan do not.
        (date(2026, 12, 22), date(2026, 12, 28), date(2027, 1, 12)),
        # An ordinary week.
        (date(2026, 11, 25), date(2026, 11, 30), date(2026, 12, 14)),
    ],
)
def test_holidays_are_skipped(today: date, publication: date, registration: date) -> None:
    """Public holidays alone (no holiday periods): the law's working days."""
    schedule = propose_schedule([W], today, holidays=NONE)
    assert schedule.publication == publication
    assert schedule.registration_deadline == registration
    assert schedule.written_deadline == add_working_days(registration, 5)


def test_a_proposal_on_a_holiday_is_shifted_forward() -> None:
    defaults = ScheduleDefaults(publication_lead=0)
    assert propose_schedule([W], date(2027, 5, 17), defaults=defaults).publication == date(
        2027, 5, 18
    )
    assert propose_schedule(
        [W], date(2026, 12, 26), defaults=defaults, holidays=NONE
    ).publication == date(2026, 12, 28)
    # With the holiday periods, romjul is skipped too: the first effective day is 4 January.
    assert propose_schedule([W], date(2026, 12, 26), defaults=defaults).publication == date(
        2027, 1, 4
    )


def test_the_full_programme_in_order() -> None:
    # Counted by hand in effective days: 21.12.2026-01.01.2027 is the Christmas period.
    schedule = propose_schedule([K, M, C, W], date(2026, 11, 25))
    assert schedule.items() == [
        ("publication", date(2026, 11, 30)),  # Thu 26, Fri 27, Mon 30
        ("registration_deadline", date(2026, 12, 14)),  # ten working days later
        ("conference", date(2026, 12, 17)),
        # Fri 18 Dec is one; Christmas to New Year does not count; Mon 4 and Tue 5 Jan.
        ("meetings", date(2027, 1, 5)),
        ("meetings", date(2027, 1, 6)),
        ("written_deadline", date(2027, 1, 13)),  # 7, 8, 11, 12, 13 Jan
        ("consultation_opens", date(2027, 1, 14)),  # the draft is out the day after
        ("consultation_deadline", date(2027, 1, 27)),  # ten effective days after the 13th
    ]
    assert schedule.notes == ()
    assert format_day(date(2027, 1, 4)) == "mandag 04.01.2027"
    assert format_day(date(2027, 1, 4), "en") == "Monday 04.01.2027"


def test_dates_before_an_early_fixed_date_are_packed_closer() -> None:
    schedule = propose_schedule([C], date(2026, 11, 25), {"conference": date(2026, 12, 1)})
    assert schedule.publication == date(2026, 11, 27)
    assert schedule.registration_deadline == date(2026, 11, 30)
    assert schedule.conference == date(2026, 12, 1)


def test_dates_after_a_fixed_date_follow_it() -> None:
    schedule = propose_schedule([C, M], date(2026, 11, 25), {"conference": date(2027, 1, 13)})
    assert schedule.registration_deadline == date(2026, 12, 14)
    assert schedule.meetings == (date(2027, 1, 18), date(2027, 1, 19))


@pytest.mark.parametrize(
    ("formats", "fixed", "field", "nb_part", "en_part"),
    [
        ([C], {"conference": date(2027, 5, 17)}, "conference", "ikke en virkedag", "working day"),
        ([C], {"conference": date(2026, 12, 25)}, "conference", "ikke en virkedag", "working day"),
        ([W], {"publication": date(2026, 11, 28)}, "publication", "mandag", "Saturday"),
        ([W], {"publication": date(2026, 11, 24)}, "publication", "fortiden", "past"),
        (
            [C, M],
            {"conference": date(2027, 1, 13), "meetings": date(2027, 1, 12)},
            "meetings",
            "må komme etter dialogkonferanse",
            "must come after",
        ),
        ([W], {"conference": date(2027, 1, 13)}, "conference", "ikke valgt", "not chosen"),
        ([C], {"conference": date(2026, 11, 26)}, "conference", "for tidlig", "too early"),
    ],
)
def test_unusable_fixed_dates_are_refused_by_name(
    formats: list[DialogueFormat],
    fixed: dict[str, date],
    field: str,
    nb_part: str,
    en_part: str,
) -> None:
    with pytest.raises(ScheduleError) as caught:
        propose_schedule(formats, date(2026, 11, 25), fixed)
    assert caught.value.field == field
    if nb_part == "mandag":  # the Saturday is named with its weekday in both languages
        assert "lørdag 28.11.2026" in caught.value.message("nb")
    else:
        assert nb_part in caught.value.message("nb")
    assert en_part in caught.value.message("en")


def test_defaults_are_validated() -> None:
    with pytest.raises(ValueError, match="meeting_days"):
        ScheduleDefaults(meeting_days=0)


def test_defaults_from_settings() -> None:
    defaults = schedule_defaults_from_env(
        {"MARKET_DIALOGUE_REGISTRATION_DAYS": "15", "MARKET_DIALOGUE_MEETING_DAYS": "3"}
    )
    assert defaults.registration_days == 15 and defaults.meeting_days == 3
    schedule = propose_schedule([M], date(2026, 11, 25), defaults=defaults)
    # 30.11.2026 + 15 effective days: ten to 14.12, then 15-18 Dec and (after Christmas) 4 Jan.
    assert schedule.publication == date(2026, 11, 30)
    assert schedule.registration_deadline == date(2027, 1, 4)
    assert len(schedule.meetings) == 3
    with pytest.raises(ValueError, match="MARKET_DIALOGUE_PUBLICATION_LEAD"):
        schedule_defaults_from_env({"MARKET_DIALOGUE_PUBLICATION_LEAD": "tre"})
    with pytest.raises(ValueError, match="meeting_days"):
        schedule_defaults_from_env({"MARKET_DIALOGUE_MEETING_DAYS": "0"})


# --- holiday periods: Christmas to New Year, Easter week, fellesferie ------------------------


def test_the_bundled_periods_are_the_known_dates() -> None:
    periods = load_holiday_periods()
    christmas = periods.period_of(date(2026, 12, 28))
    assert christmas is not None and christmas.label() == "jul og nyttår"
    assert (christmas.start, christmas.end) == (date(2026, 12, 21), date(2027, 1, 1))
    # Easter Sunday 2027 is 28 March: Palm Sunday 21 March to Easter Monday 29 March.
    easter = periods.period_of(date(2027, 3, 24))
    assert easter is not None and (easter.start, easter.end) == (
        date(2027, 3, 21),
        date(2027, 3, 29),
    )
    # Fellesferie 2027: ISO weeks 28-30, Monday 12 July to Sunday 1 August.
    summer = periods.period_of(date(2027, 7, 20))
    assert summer is not None and (summer.start, summer.end) == (
        date(2027, 7, 12),
        date(2027, 8, 1),
    )
    assert periods.period_of(date(2027, 8, 2)) is None
    assert periods.period_of(date(2027, 7, 9)) is None


def test_the_week_before_christmas_moves_the_dialogue_past_new_year() -> None:
    """Today 18.12.2026: the old schedule put half the registration window in romjul."""
    schedule = propose_schedule([W], date(2026, 12, 18))
    assert schedule.publication == date(2027, 1, 6)  # 4, 5, 6 January
    # Ten effective days: 7, 8, 11-15, 18, 19, 20 January.
    assert schedule.registration_deadline == date(2027, 1, 20)
    # Five more (21, 22, 25, 26, 27 Jan), which is also fifteen from the notice.
    assert schedule.written_deadline == date(2027, 1, 27)
    assert schedule.notes == ()


def test_nothing_is_proposed_in_fellesferie() -> None:
    """Today 18.06.2027: the conference, meetings and written deadline all fell in July."""
    schedule = propose_schedule([C, M, W], date(2027, 6, 18))
    assert schedule.publication == date(2027, 6, 23)  # 21, 22, 23 June
    # 24, 25, 28, 29, 30 June, 1, 2, 5, 6, 7 July.
    assert schedule.registration_deadline == date(2027, 7, 7)
    # 8 and 9 July, then nothing until Monday 2 August.
    assert schedule.conference == date(2027, 8, 2)
    assert schedule.meetings == (date(2027, 8, 5), date(2027, 8, 6))  # 3, 4, 5 August
    assert schedule.written_deadline == date(2027, 8, 13)  # 9-13 August


def test_a_fixed_date_in_a_holiday_period_is_kept_with_a_note() -> None:
    schedule = propose_schedule([C], date(2027, 6, 1), {"conference": date(2027, 7, 14)})
    assert schedule.conference == date(2027, 7, 14)
    assert len(schedule.notes) == 1
    nb, en = schedule.notes[0].say("nb"), schedule.notes[0].say("en")
    assert "onsdag 14.07.2027" in nb and "fellesferien (12.07.2027–01.08.2027)" in nb
    assert "beholdt" in nb
    assert "Wednesday 14.07.2027" in en and "kept as you set it" in en
    assert schedule.note_texts("en") == [en]


def test_a_short_window_the_officer_fixed_is_noted() -> None:
    # Publication 03.12.2026; 4, 7-11, 14, 15 Dec are eight effective days to 15.12.
    schedule = propose_schedule(
        [W], date(2026, 11, 30), {"registration_deadline": date(2026, 12, 15)}
    )
    assert schedule.publication == date(2026, 12, 3)
    assert schedule.registration_deadline == date(2026, 12, 15)
    assert [n.say("nb") for n in schedule.notes] == [
        "Frist for påmelding gir leverandørene 8 virkedager utenom ferier fra kunngjøringen; "
        "anbefalt er minst 10."
    ]
    # The written deadline still gets fifteen from the notice: 16-18 Dec, 4-7 Jan.
    assert schedule.written_deadline == date(2027, 1, 7)


def test_dates_past_the_known_periods_are_flagged() -> None:
    schedule = propose_schedule([W], date(2033, 6, 1))
    assert any(
        "ikke lagt inn etter 01.01.2033" in nb for nb in (n.say("nb") for n in schedule.notes)
    )


def test_a_consultation_alone_opens_with_the_notice() -> None:
    schedule = propose_schedule([K], date(2026, 11, 25))
    assert schedule.consultation_opens == schedule.publication == date(2026, 11, 30)
    assert "consultation_opens" not in [name for name, _ in schedule.items()]


def test_an_office_can_change_the_periods(tmp_path: Path) -> None:
    own = tmp_path / "ferie.json"
    own.write_text(
        '{"periods": [{"name": "vinterferie", "from": "2027-02-22", "to": "2027-02-28"}]}',
        encoding="utf-8",
    )
    periods = load_holiday_periods(own)
    schedule = propose_schedule([W], date(2027, 2, 17), holidays=periods)
    # 18, 19 Feb, then the winter week is skipped: Monday 1 March is the third.
    assert schedule.publication == date(2027, 3, 1)
    broken = tmp_path / "broken.json"
    broken.write_text('{"periods": [{"name": "x", "from": "2027-02-30", "to": "2027-03-01"}]}')
    with pytest.raises(HolidayPeriodError, match="2027-02-30"):
        load_holiday_periods(broken)


def test_easter_week_is_not_counted() -> None:
    """Easter 2027: Palm Sunday 21 March to Easter Monday 29 March."""
    schedule = propose_schedule([W], date(2027, 3, 15))
    assert schedule.publication == date(2027, 3, 18)  # 16, 17, 18 March
    # Friday 19 March, then nothing until Tuesday 30 March: 30, 31 March, 1, 2, 5-9 April.
    assert schedule.registration_deadline == date(2027, 4, 9)
    assert schedule.written_deadline == date(2027, 4, 16)  # 12-16 April


def test_an_early_fixed_date_keeps_the_windows_as_long_as_it_can() -> None:
    """Written input fixed on Wednesday 24.03.2027, in Easter week, from Monday 01.03."""
    schedule = propose_schedule([W, C], date(2027, 3, 1), {"written_deadline": date(2027, 3, 24)})
    assert schedule.publication == date(2027, 3, 4)  # 2, 3, 4 March: the usual lead time
    # The conference one effective day before the fixed date (22-23 March are Easter week),
    # registration the day before that: 5, 8-12, 15-18 March are ten days to register.
    assert schedule.conference == date(2027, 3, 19)
    assert schedule.registration_deadline == date(2027, 3, 18)
    assert [n.say("nb") for n in schedule.notes] == [
        "Frist for skriftlige innspill (onsdag 24.03.2027) er i påskeuka "
        "(21.03.2027–29.03.2027), da mange er borte. Datoen er beholdt slik du satte den.",
        # 10 days to 18 March and 19 March: eleven before Easter week.
        "Frist for skriftlige innspill gir leverandørene 11 virkedager utenom ferier fra "
        "kunngjøringen; anbefalt er minst 15.",
    ]


def test_a_proposed_window_that_a_fixed_date_squeezes_is_noted() -> None:
    # Conference fixed on Tuesday 01.12.2026 from Wednesday 25.11: registration on Monday
    # 30.11, the notice on Friday 27.11 - one effective day to register.
    schedule = propose_schedule([C], date(2026, 11, 25), {"conference": date(2026, 12, 1)})
    assert [n.say("nb") for n in schedule.notes] == [
        "Frist for påmelding gir leverandørene 1 virkedag utenom ferier fra kunngjøringen; "
        "anbefalt er minst 10."
    ]
