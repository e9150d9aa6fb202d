"""The form's text inputs become the brief's JSON shape, and back."""

from __future__ import annotations

from datetime import date

from skills.market_dialogue.brief import DialogueFormat, parse_brief
from skills.market_dialogue.form import (
    DraftFields,
    brief_data,
    clean_folder,
    safe_name,
    schedule_values,
    split_list,
)
from skills.market_dialogue.schedule import propose_schedule


def test_form_values_make_a_valid_brief() -> None:
    values = {
        "title": " Rammeavtale for skolemøbler ",
        "need": "Nye pulter",
        "purpose": "Lære av markedet",
        "kind": "goods",
        "estimated_value_nok": "12 000 000",
        "formats": "conference,one_to_one",
        "questions": "1. Delkontrakter?\n\n2) Miljøkrav?\n- Prismodell?",
        "contact_name": "Ingrid Haugen",
        "contact_email": "ingrid.haugen@innkjop.example.no",
        "buyer": "Felles innkjøp",
        "suppliers": "a@x.no; b@y.no\nc@z.no",
        "conference": "2027-01-13",
        "meetings": "",
    }
    data = brief_data(values)
    assert data["questions"] == ["Delkontrakter?", "Miljøkrav?", "Prismodell?"]
    assert data["suppliers"] == ["a@x.no", "b@y.no", "c@z.no"]
    assert data["dates"] == {"conference": "2027-01-13"}
    brief = parse_brief(data)
    assert brief.title == "Rammeavtale for skolemøbler"
    assert brief.estimated_value_nok == 12_000_000
    assert brief.dates == {"conference": date(2027, 1, 13)}


def test_empty_inputs_are_left_out_so_they_are_reported_missing() -> None:
    data = brief_data({"title": "  ", "need": "", "contact_name": "", "contact_email": ""})
    assert "title" not in data and "need" not in data and "contact" not in data


def test_names_safe_for_sharepoint_and_lists() -> None:
    assert safe_name('Markedsdialog: "Skole/møbler"?') == "Markedsdialog Skole møbler"
    assert safe_name("???") == "Markedsdialog"
    assert split_list(" a , ,b;c ") == ["a", "b", "c"]


def test_schedule_values_keep_the_first_meeting_day() -> None:
    schedule = propose_schedule((DialogueFormat.ONE_TO_ONE,), date(2026, 11, 25))
    values = schedule_values(schedule)
    assert values["meetings"] == schedule.meetings[0].isoformat()
    assert values["conference"] == ""


def test_a_typed_case_folder_stays_inside_the_library() -> None:
    assert clean_folder("Saker/2026-014: Skolemøbler #2") == "Saker/2026-014 Skolemøbler 2"
    assert clean_folder("../../Personal/../Saker//X ") == "Personal/Saker/X"
    assert clean_folder("..\\Saker\\Y") == "Saker/Y"
    assert brief_data({"case_folder": " / .. / "}).get("case_folder") is None


def test_the_form_sent_back_is_one_typed_object() -> None:
    """Teams merges every input into the button's data: the fields are kept (numbers as
    text, as typed), anything else is dropped."""
    form = DraftFields.from_values(
        {
            "title": "Skolemøbler",
            "estimated_value_nok": 2_500_000,
            "meeting_minutes": 45,
            "origin": "2025-017",
            "verb": "market_dialogue.draft",
            "inputs": {"days": "days_1"},
        }
    )
    assert form.title == "Skolemøbler"
    assert form.estimated_value_nok == "2500000" and form.meeting_minutes == "45"
    assert form.origin == "2025-017"
    values = form.values()
    assert "verb" not in values and "inputs" not in values and "origin" not in values
    assert values["title"] == "Skolemøbler" and values["need"] == ""
