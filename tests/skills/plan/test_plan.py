"""The procurement plan's dates, worked out by hand on the calendar (Norwegian public
holidays: Ascension 6 May 2027, Constitution Day and Whit Monday 17 May 2027, Christmas
25-26 December, New Year's Day). Working days skip weekends and those holidays."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from skills.contracts.register_files import read_register_file
from skills.plan.entries import Limits, UncoveredSpend, flagged, from_register, from_spend, manual
from skills.plan.lead_times import load_lead_times
from skills.plan.schedule import backwards
from skills.plan.sync import ListItem, plan_changes

TABLE = load_lead_times()
LIMITS = Limits(national=1_300_000, eea=2_300_000)
TODAY = date(2026, 12, 1)
REGISTER = Path(__file__).parents[2] / "fixtures" / "spend" / "analysis" / "kontraktsregister.csv"


def test_a_national_procurement_backwards_from_its_contract_start() -> None:
    plan = backwards(date(2027, 9, 1), TABLE.on(date(2027, 9, 1)).phases("national"))
    # Signing: the working day before Wednesday 1 September, Tuesday 31 August. Standstill
    # 10 calendar days, signed the day after they run out: 11 days back, Friday 20 August.
    # Evaluation 15 working days: 30 July. Tender period 20 working days: 2 July.
    # Preparation 30 working days: 21 May. Market dialogue 20 working days, skipping 17 May
    # and 6 May: 21 April.
    assert plan.milestones() == (
        ("market_dialogue", date(2027, 4, 21)),
        ("preparation", date(2027, 5, 21)),
        ("notice", date(2027, 7, 2)),
        ("tender_deadline", date(2027, 7, 30)),
        ("award", date(2027, 8, 20)),
        ("signing", date(2027, 8, 31)),
        ("contract_start", date(2027, 9, 1)),
    )


def test_every_ending_contract_gets_an_entry() -> None:
    register = read_register_file(REGISTER)
    entries = {e.key: e for e in from_register(register.contracts, TODAY, TABLE, LIMITS)}
    # 2024-002 has expired (status utløpt); the other three end within 36 months.
    assert sorted(entries) == ["kontrakt:2025-001", "kontrakt:2026-003", "kontrakt:2026-004"]
    cleaning = entries["kontrakt:2025-001"]
    # Ends 31.12.2026 with no options: the successor starts Friday 1 January 2027. Its
    # value 1 500 000 and maximum 2 000 000 are between the thresholds: part II. Signing
    # Thursday 31 December (New Year's Eve is a working day). The standstill's 10 days must
    # have run out before signing: award 11 days earlier, Sunday 20 December, so Friday 18
    # December. Evaluation 15 working days back to 27 November; tender period 20 to 30
    # October; preparation 30 from 18 September; market dialogue 20 from 21 August.
    assert cleaning.procedure == "national"
    assert cleaning.responsible == "lars.berg@innkjop.example.no"
    assert cleaning.schedule.milestones() == (
        ("market_dialogue", date(2026, 8, 21)),
        ("preparation", date(2026, 9, 18)),
        ("notice", date(2026, 10, 30)),
        ("tender_deadline", date(2026, 11, 27)),
        ("award", date(2026, 12, 18)),
        ("signing", date(2026, 12, 31)),
        ("contract_start", date(2027, 1, 1)),
    )
    flags = {e.key: e.flags for e in flagged(list(entries.values()), TODAY)}
    assert flags["kontrakt:2025-001"] == ("late",)  # work should have begun 21 August


def test_a_category_bought_without_a_contract_is_planned_as_soon_as_possible() -> None:
    [entry] = from_spend(
        [UncoveredSpend("Kurs og opplæring", Decimal("1400000"), ("Østfjord",)),
         UncoveredSpend("Annonser", Decimal("450000"), ("Østfjord",))],  # under 1 300 000
        TODAY, TABLE, LIMITS,
    )  # fmt: skip
    # Four years of 1 400 000 is 5 600 000: above the EEA threshold, part III.
    assert (entry.value, entry.procedure) == (Decimal("5600000"), "eea")
    # From Wednesday 2 December: market dialogue 30 working days (24 December is one,
    # 25 December and 1 January are not) to 15 January; preparation 40 working days to
    # 12 March; tender period 30 calendar days to Sunday 11 April, so Monday 12 April;
    # evaluation 20 working days (not 6 May) to 11 May; standstill 10 days, signed the day
    # after: Saturday 22 May, so Monday 24 May; the contract from Tuesday 25 May.
    assert entry.schedule.milestones() == (
        ("market_dialogue", date(2026, 12, 2)),
        ("preparation", date(2027, 1, 15)),
        ("notice", date(2027, 3, 12)),
        ("tender_deadline", date(2027, 4, 12)),
        ("award", date(2027, 5, 11)),
        ("signing", date(2027, 5, 24)),
        ("contract_start", date(2027, 5, 25)),
    )


def test_flags_for_overload_no_owner_and_two_entries_for_one_need() -> None:
    def by_hand(key: str, category: str, start: date, who: str) -> object:
        return manual(key, f"Behov {key}", category, start, who, None, TABLE, LIMITS)

    entries = [
        by_hand("a", "IKT", date(2027, 9, 1), "sofie.nilsen@innkjop.example.no"),
        by_hand("b", "renhold", date(2027, 10, 1), "sofie.nilsen@innkjop.example.no"),
        by_hand("c", "transport", date(2027, 11, 1), "sofie.nilsen@innkjop.example.no"),
        by_hand("d", "energi", date(2029, 1, 1), "sofie.nilsen@innkjop.example.no"),
        by_hand("e", "IKT", date(2028, 1, 1), ""),
        by_hand("f", "IKT", date(2027, 12, 1), "jonas.lie@innkjop.example.no"),
    ]
    flags = {e.key: e.flags for e in flagged(entries, TODAY)}  # type: ignore[arg-type]
    # a, b and c run at once for Sofie Nilsen (a from 21 April to 31 August 2027, b and c
    # a month and two later, each about four months long); d is a year later. e has no
    # owner. a (1 September 2027), f (1 December 2027) and e (1 January 2028) are all IKT
    # for all entities, each within six months (183 days) of another.
    assert flags == {
        "a": ("overlap", "duplicate"),
        "b": ("overlap",),
        "c": ("overlap",),
        "d": (),
        "e": ("no_owner", "duplicate"),
        "f": ("duplicate",),
    }


def test_a_later_sync_keeps_what_a_person_changed() -> None:
    register = read_register_file(REGISTER)
    entries = from_register(register.contracts, TODAY, TABLE, LIMITS)
    first = plan_changes(entries, [], {})
    assert [e.key for e, _ in first.create] == [
        "kontrakt:2025-001", "kontrakt:2026-003", "kontrakt:2026-004",
    ]  # fmt: skip
    _, fields = first.create[0]
    assert fields["kontraktstart"] == "2027-01-01" and fields["status"] == "planlagt"
    # In SharePoint, a person gives the cleaning entry to Marte and moves the market
    # dialogue; the item id is 7.
    item = ListItem("7", {**fields, "ansvarlig": "marte.solberg@innkjop.example.no",
                          "markedsdialog": "2026-09-01"})  # fmt: skip
    # Then the register's end moves a month (an amendment): the assistant's dates follow.
    moved = [
        e if e.key != "kontrakt:2025-001"
        else manual(e.key, e.need, e.category, date(2027, 2, 1), e.responsible, e.value,
                    TABLE, LIMITS)
        for e in entries
    ]  # fmt: skip
    moved = [type(e)(**{**e.__dict__, "source": "kontrakt"}) for e in moved]
    second = plan_changes(moved, [item], {})
    [(item_id, _, patch)] = second.update
    assert item_id == "7"
    assert patch["kontraktstart"] == "2027-02-01"
    assert "ansvarlig" not in patch and "markedsdialog" not in patch
    assert sorted(second.kept) == [("7", "ansvarlig"), ("7", "markedsdialog")]
    record = json.loads(patch["generert"])
    assert record["kontraktstart"] == "2027-02-01"
    # Nothing new is created for an entry the list already has.
    assert [e.key for e, _ in second.create] == ["kontrakt:2026-003", "kontrakt:2026-004"]


def test_an_entry_whose_contract_start_has_passed_says_so() -> None:
    entry = manual("x", "Vaskeritjenester", "renhold", date(2026, 11, 1),
                   "lars.berg@innkjop.example.no", None, TABLE, LIMITS)  # fmt: skip
    [flagged_entry] = flagged([entry], TODAY)
    assert flagged_entry.flags == ("past",)


def test_an_entry_by_hand_is_checked_before_it_is_saved() -> None:
    from skills.plan.manual_entry import check_entry

    refused = check_entry(
        {"need": "", "contract_start": "01.11.2026", "responsible": "Lars", "value": "mye"},
        [], TODAY, TABLE, LIMITS, "nb",
    )  # fmt: skip
    assert refused.entry is None
    assert refused.refusals == (
        "Skriv hva som skal anskaffes.",
        "Hvem er ansvarlig? Oppgi e-postadressen.",
        "Kontraktstarten 01.11.2026 er passert: oppgi en dato fram i tid.",
        "«mye» er ikke et beløp i kroner.",
    )
    register = read_register_file(REGISTER)
    existing = flagged(from_register(register.contracts, TODAY, TABLE, LIMITS), TODAY)
    draft = check_entry(
        {"need": "Vaskeritjenester", "category": "Renhold", "contract_start": "2027-03-01",
         "responsible": "marte.solberg@innkjop.example.no", "value": "900 000"},
        existing, TODAY, TABLE, LIMITS, "nn",
    )  # fmt: skip
    assert draft.entry is not None and draft.refusals == ()
    # 900 000 is under the national threshold: part I (no market dialogue, 10 working days
    # of preparation and of tender period, 5 of evaluation, no standstill). Signing Friday
    # 26 February 2027; evaluation back to 19 February; tender period to 5 February;
    # preparation from 22 January.
    assert draft.entry.procedure == "below"
    assert draft.entry.schedule.milestones() == (
        ("preparation", date(2027, 1, 22)),
        ("notice", date(2027, 2, 5)),
        ("tender_deadline", date(2027, 2, 19)),
        ("award", date(2027, 2, 26)),
        ("signing", date(2027, 2, 26)),
        ("contract_start", date(2027, 3, 1)),
    )
    # The register's cleaning contract 2025-001 needs a successor from 1 January 2027:
    # within six months, so the person is asked, in nynorsk.
    assert draft.warnings == (
        "Planen har alt «Renholdstjenester» i Renhold med kontrakt frå 01.01.2027: er dette "
        "same behov?",
    )


def test_people_in_the_list_move_dates_and_nothing_is_doubled() -> None:
    from dataclasses import replace as with_

    from skills.plan.sync import apply_people, read_items

    register = read_register_file(REGISTER)
    entries = from_register(register.contracts, TODAY, TABLE, LIMITS)
    [(_, fields)] = [(e, f) for e, f in plan_changes(entries, [], {}).create
                     if f["kilde_id"] == "kontrakt:2025-001"]  # fmt: skip
    # A person moves the cleaning contract's start to 1 March 2027 and marks it "manuell"
    # by mistake; another item's record of what the assistant wrote was wiped.
    moved = ListItem("7", {**fields, "kontraktstart": "2027-03-01", "kilde": "manuell"})
    wiped = next(f for e, f in plan_changes(entries, [], {}).create
                 if f["kilde_id"] == "kontrakt:2026-003")  # fmt: skip
    wiped_item = ListItem("8", {**wiped, "generert": "", "ansvarlig": "henrik.dahl@x.no"})
    manual_entries, current, problems = read_items([moved, wiped_item], TABLE, LIMITS)
    assert manual_entries == [] and problems == []  # still the register's entries, once
    people = {e.key: e for e in apply_people(entries, current, TABLE)}
    cleaning = people["kontrakt:2025-001"]
    # The schedule follows the person's date: signing Friday 26 February 2027.
    assert cleaning.contract_start == date(2027, 3, 1)
    assert cleaning.schedule.signing == date(2027, 2, 26)
    changes = plan_changes(list(people.values()), [moved, wiped_item], {})
    # The moved start is theirs; the responsible on the item without a record is too.
    assert ("7", "kontraktstart") in changes.kept and ("8", "ansvarlig") in changes.kept
    assert all("ansvarlig" not in patch for _, _, patch in changes.update)
    assert [e.key for e, _ in changes.create] == ["kontrakt:2026-004"]
    # A contract ended 20 November and still "aktiv": in the plan, flagged as past.
    ended = with_(register.contracts[0], contract_id="2024-900", period_end=date(2026, 11, 20))
    [late] = flagged(from_register([ended], TODAY, TABLE, LIMITS), TODAY)
    assert late.flags == ("past",)
