"""The deadline engine: table tests for each kind and edge, and properties."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skills.contracts.calendar import add_months, is_working_day, parse_date, previous_working_day
from skills.contracts.engine import deadlines_of, upcoming, warnings_of
from skills.contracts.model import Contract, DeadlineKind


def contract(**changes: object) -> Contract:
    base: dict[str, object] = {
        "contract_id": "2024-001",
        "title": "Skolemøbler",
        "supplier": "Kontormøbel Nord AS",
        "org_nr": "",
        "owner": "ingrid.haugen@innkjop.example.no",
        "category": "Møbler",
        "framework": True,
        "period_start": date(2025, 6, 1),
        "period_end": date(2027, 5, 31),
        "options_months": (12, 12),
        "option_notice_months": 3,
        "lead_time_months": 12,
    }
    base.update(changes)
    return Contract(**base)  # type: ignore[arg-type]


def kinds(c: Contract) -> dict[DeadlineKind, date]:
    return {d.kind: d.due for d in deadlines_of(c)}


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2027, 5, 31), -3, date(2027, 2, 28)),
        (date(2028, 5, 31), -3, date(2028, 2, 29)),  # leap year
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 3, 31), -13, date(2025, 2, 28)),
    ],
)
def test_month_arithmetic_clamps_to_the_last_day(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_framework_with_options() -> None:
    found = kinds(contract())
    assert found[DeadlineKind.EXPIRY] == date(2027, 5, 31)  # a Monday, a fact anyway
    assert found[DeadlineKind.OPTION_NOTICE] == date(2027, 2, 26)  # 28 Feb is a Sunday
    assert found[DeadlineKind.FINAL_EXPIRY] == date(2029, 5, 31)
    assert found[DeadlineKind.RETENDER_START] == date(2028, 5, 31)
    assert DeadlineKind.TERMINATION_NOTICE not in found


def test_expiry_is_never_moved_even_on_a_sunday() -> None:
    found = kinds(contract(period_end=date(2027, 2, 28), options_months=()))
    assert found[DeadlineKind.EXPIRY] == date(2027, 2, 28)
    assert DeadlineKind.OPTION_NOTICE not in found and DeadlineKind.FINAL_EXPIRY not in found


def test_action_deadline_on_17_may_and_easter_moves_back() -> None:
    # 17 May 2027 is a Monday holiday: the option notice moves to Friday 14 May.
    found = kinds(contract(period_end=date(2027, 8, 17)))
    assert found[DeadlineKind.OPTION_NOTICE] == date(2027, 5, 14)
    # Easter 2027: Maundy Thursday 25 March to Easter Monday 29 March.
    found = kinds(contract(period_end=date(2027, 6, 29), options_months=(6,)))
    assert found[DeadlineKind.OPTION_NOTICE] == date(2027, 3, 24)


def test_christmas_eve_is_a_working_day() -> None:
    assert is_working_day(date(2026, 12, 24))
    assert previous_working_day(date(2026, 12, 26)) == date(2026, 12, 24)


def test_auto_renewal_has_a_termination_notice_and_no_retender() -> None:
    found = kinds(
        contract(
            framework=False,
            options_months=(),
            auto_renew=True,
            termination_notice_months=3,
            period_end=date(2026, 12, 31),
        )
    )
    assert found[DeadlineKind.TERMINATION_NOTICE] == date(2026, 9, 30)
    assert DeadlineKind.RETENDER_START not in found


def test_inactive_contracts_have_no_deadlines() -> None:
    assert deadlines_of(contract(status="utløpt")) == []
    assert deadlines_of(contract(status="avsluttet")) == []


def test_framework_over_four_years_is_warned() -> None:
    assert warnings_of(contract()) == []  # 2025-06-01 to 2029-05-31: exactly four years
    assert warnings_of(contract(period_end=date(2027, 6, 30)))[0].code == "framework_over_4_years"
    assert warnings_of(contract(options_months=(12,))) == []
    assert warnings_of(contract(framework=False)) == []


def test_upcoming_window_and_order() -> None:
    a = contract(contract_id="B", period_end=date(2026, 12, 31), options_months=())
    b = contract(contract_id="A", period_end=date(2026, 12, 31), options_months=())
    found = upcoming([a, b], date(2026, 12, 1), 30)
    assert [(d.contract_id, d.kind) for d in found] == [
        ("A", DeadlineKind.EXPIRY),
        ("B", DeadlineKind.EXPIRY),
    ]
    assert upcoming([a], date(2027, 1, 1), 365) == []


@pytest.mark.parametrize("text", ["31.13.2025", "2026-02-30", "1.1.26", "i morgen", ""])
def test_unknown_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


def test_both_date_formats() -> None:
    assert parse_date("2026-03-01") == parse_date("01.03.2026") == date(2026, 3, 1)


days = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


@given(days, st.integers(min_value=-240, max_value=240))
def test_add_months_lands_in_the_right_month_never_later_day(day: date, months: int) -> None:
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day <= day.day


@given(days)
def test_previous_working_day_is_a_working_day_within_a_week(day: date) -> None:
    result = previous_working_day(day)
    assert is_working_day(result) and result <= day
    assert day - result < timedelta(days=7)


@given(
    days,
    st.lists(st.integers(min_value=1, max_value=24), max_size=3),
    st.integers(min_value=0, max_value=12),
    st.booleans(),
)
def test_deadline_invariants(end: date, options: list[int], notice: int, renews: bool) -> None:
    c = contract(
        period_end=end,
        options_months=tuple(options),
        option_notice_months=notice,
        auto_renew=renews,
        termination_notice_months=3 if renews else None,
    )
    found = deadlines_of(c)
    by_kind = {d.kind: d for d in found}
    assert by_kind[DeadlineKind.EXPIRY].due == end
    for deadline in found:
        assert deadline.due <= deadline.nominal
        if deadline.kind in (DeadlineKind.EXPIRY, DeadlineKind.FINAL_EXPIRY):
            assert deadline.due == deadline.nominal
        else:
            assert is_working_day(deadline.due)
    if options:
        assert by_kind[DeadlineKind.FINAL_EXPIRY].due >= end
        assert by_kind[DeadlineKind.OPTION_NOTICE].due <= end
    assert (DeadlineKind.RETENDER_START in by_kind) == (not renews)
