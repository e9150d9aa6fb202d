"""What an officer's chat message already says about the market dialogue they want."""

from __future__ import annotations

from datetime import date

import pytest

from skills.market_dialogue.request import month_day, parse_request


def test_the_example_request_from_the_issue() -> None:
    facts = parse_request(
        "lag en invitasjon til markedsdialog om rammeavtale for skolemøbler, ca. 12 millioner, "
        "dialogkonferanse i januar"
    )
    assert facts.title == "Rammeavtale for skolemøbler"
    assert facts.estimated_value_nok == 12_000_000
    assert facts.formats == ("conference",)
    assert facts.months == {"conference": 1}
    assert facts.kind == ""  # not said, so not guessed


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("markedsdialog om renhold, 800 000 kr", 800_000),
        ("markedsdialog om renhold, verdi kr 1.500.000", 1_500_000),
        ("market dialogue on school furniture, about 3.5 MNOK", 3_500_000),
        ("markedsdialog om ny skole, ca 1,2 mrd", 1_200_000_000),
        ("markedsdialog om bygg 2027 verdi 60 mill", 60_000_000),
        ("markedsdialog om kantine for 3 skoler i 2027", None),
        ("markedsdialog om varebiler, 25 biler", None),
    ],
)
def test_values_need_a_unit_or_a_money_word(text: str, value: int | None) -> None:
    assert parse_request(text).estimated_value_nok == value


@pytest.mark.parametrize(
    ("text", "formats", "kind"),
    [
        ("markedsdialog for renholdstjenester med en-til-en-møter", ("one_to_one",), "services"),
        (
            "markedsdialog om rehabilitering av Tromsø skole, skriftlige innspill",
            ("written",),
            "works",
        ),
        ("høring av konkurransegrunnlag for skoleskyss", ("consultation",), ""),
        (
            "market dialogue on cleaning services, conference and one-to-one meetings",
            ("conference", "one_to_one"),
            "services",
        ),
    ],
)
def test_formats_and_kind_from_words(text: str, formats: tuple[str, ...], kind: str) -> None:
    facts = parse_request(text)
    assert facts.formats == formats
    assert facts.kind == kind


def test_title_stops_before_the_value_and_nothing_is_invented() -> None:
    assert parse_request("markedsdialog om renhold 800 000 kr").title == "Renhold"
    empty = parse_request("lag en invitasjon til markedsdialog")
    assert empty.as_fields() == {}


def test_month_day_is_never_in_the_past() -> None:
    assert month_day(date(2026, 11, 25), 1) == date(2027, 1, 15)
    assert month_day(date(2026, 11, 25), 12) == date(2026, 12, 15)
    assert month_day(date(2026, 11, 25), 11, 20) == date(2027, 11, 20)
