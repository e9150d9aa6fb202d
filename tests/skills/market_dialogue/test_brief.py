"""Parsing the officer's brief: every problem names its field, in both languages."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from skills.market_dialogue.brief import (
    REQUIRED_FIELDS,
    BriefError,
    DialogueFormat,
    ProcurementKind,
    brief_as_json,
    missing_fields,
    parse_brief,
)
from tests.skills.market_dialogue.helpers import example_data


def test_the_example_brief_parses() -> None:
    brief = parse_brief(example_data())
    assert brief.kind is ProcurementKind.GOODS
    assert brief.estimated_value_nok == 12_000_000
    assert brief.formats == (DialogueFormat.CONFERENCE, DialogueFormat.ONE_TO_ONE)
    assert len(brief.questions) == 4
    assert brief.contact.email == "ingrid.haugen@innkjop.example.no"
    assert brief.dates == {"conference": date(2027, 1, 13)}
    assert len(brief.suppliers) == 2 and brief.case_folder.endswith("Skolemøbler")
    assert parse_brief(brief_as_json(brief)) == brief


@pytest.mark.parametrize("name", REQUIRED_FIELDS)
def test_each_missing_required_field_is_named(name: str) -> None:
    data = example_data()
    if name.startswith("contact."):
        data["contact"] = dict(data["contact"])
        del data["contact"][name.split(".")[1]]
    else:
        del data[name]
    assert missing_fields(data) == [name]
    with pytest.raises(BriefError) as caught:
        parse_brief(data)
    assert caught.value.field == name
    assert f"«{name}»" in caught.value.message("nb") and "mangler" in caught.value.message("nb")
    assert f"'{name}'" in caught.value.message("en") and "missing" in caught.value.message("en")


def test_blank_values_count_as_missing() -> None:
    data = example_data(title="   ", questions=["", " "], formats=[])
    data["contact"] = {"name": "Ingrid Haugen"}
    assert missing_fields(data) == ["title", "formats", "questions", "contact.email"]
    assert missing_fields({}) == list(REQUIRED_FIELDS)


@pytest.mark.parametrize(
    ("changes", "field", "nb_part"),
    [
        ({"kind": "tjenester"}, "kind", "goods, services, works"),
        ({"estimated_value_nok": -5}, "estimated_value_nok", "positivt beløp"),
        ({"estimated_value_nok": "tolv millioner"}, "estimated_value_nok", "positivt beløp"),
        ({"estimated_value_nok": True}, "estimated_value_nok", "positivt beløp"),
        ({"formats": ["conference", "webinar"]}, "formats", "«webinar»"),
        ({"questions": "Hva mener dere?"}, "questions", "liste"),
        ({"contact": {"name": "Ingrid", "email": "ingrid.haugen"}}, "contact.email", "e-post"),
        ({"dates": {"conference": "13.13.2027"}}, "dates.conference", "ikke en dato"),
        ({"dates": {"lunch": "2027-01-13"}}, "dates.lunch", "ukjent dato"),
        ({"suppliers": ["ok@firma.example.no", "ikke-epost"]}, "suppliers", "e-post"),
        ({"title": "x" * 201}, "title", "200 tegn"),
        ({"need": 42}, "need", "tekst"),
    ],
)
def test_invalid_values_are_named(changes: dict[str, Any], field: str, nb_part: str) -> None:
    with pytest.raises(BriefError) as caught:
        parse_brief(example_data(**changes))
    assert caught.value.field == field
    assert nb_part in caught.value.message("nb")
    assert caught.value.message("en").startswith(
        "The field “"
    ) and f"({field}) is invalid" in caught.value.message("en")
    assert f"({field}) er ugyldig" in caught.value.message("nb")


def test_lenient_where_the_meaning_is_clear() -> None:
    brief = parse_brief(
        example_data(
            kind="Services",
            estimated_value_nok="12 000 000",
            formats=["one_to_one", "written", "one_to_one"],
            dates={"publication": "01.12.2026", "written_deadline": ""},
            suppliers=["A@firma.example.no", "a@firma.example.no", ""],
        )
    )
    assert brief.kind is ProcurementKind.SERVICES and brief.estimated_value_nok == 12_000_000
    assert brief.formats == (DialogueFormat.WRITTEN, DialogueFormat.ONE_TO_ONE)
    assert brief.dates == {"publication": date(2026, 12, 1)}
    assert brief.suppliers == ("A@firma.example.no",)


def test_not_an_object() -> None:
    with pytest.raises(BriefError, match="JSON object"):
        parse_brief(["title"])  # type: ignore[arg-type]
