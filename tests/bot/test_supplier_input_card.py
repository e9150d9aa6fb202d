"""The supplier-input card stays under Teams' size limit however many suppliers answer."""

from __future__ import annotations

import json
from typing import Any

from bot.cards import MAX_CARD_BYTES
from bot.supplier_input_cards import supplier_input_card
from skills.supplier_input.model import (
    Answer,
    InputSummary,
    Point,
    SourceRef,
    SupplierSummary,
    Theme,
)
from skills.supplier_input.plugin import SupplierInputReport
from tests.support.cards import card_errors
from tests.support.teams import card_texts

URL = (
    "https://innkjop.example.no/sites/innkjop/Delte dokumenter/Saker/2026-014 Skolemøbler/Innspill"
)


def supplier(number: int) -> SupplierSummary:
    ref = SourceRef(f"Innspill fra Leverandør {number} AS.docx", f"{URL}/{number}.docx", None, 3)
    point = Point(
        "Vi anbefaler delkontrakter per produktgruppe, faste priser med årlig indeksregulering "
        "og krav om reservedeler i ti år, fordi det gir lavere totalkostnad for skolene.",
        (ref,),
    )
    return SupplierSummary(
        name=f"Leverandør {number} AS",
        org_nr="",
        summary=(point, point, point),
        answers=(Answer("Delkontrakter?", point), Answer("Prismodell?", None)),
        concerns=(point, point),
        suggestions={},
        confidential=(Point("Merket som forretningshemmelighet", (ref,)),),
        injection_flags=(Point("Forsøk på å instruere assistenten", (ref,)),)
        if number == 3
        else (),
        sources=(ref,),
    )


def report(count: int) -> SupplierInputReport:
    names = tuple(f"Leverandør {n} AS" for n in range(count))
    summary = InputSummary(
        suppliers=tuple(supplier(n) for n in range(count)),
        themes=(Theme("Delkontrakter", names, ()),),
        implications=("Delkontrakter: leverandørene peker i ulike retninger.",),
        follow_up=(),
        not_read=(),
    )
    return SupplierInputReport(
        "nb", "2026-014 Skolemøbler", summary, "r.docx", URL, count, True, "Innspill"
    )


def size(card: dict[str, Any]) -> int:
    return len(json.dumps(card, ensure_ascii=False).encode())


def test_few_suppliers_get_points_with_linked_sources() -> None:
    card = supplier_input_card(report(3))
    texts = card_texts(card)
    assert size(card) <= MAX_CARD_BYTES
    assert any(t.startswith("- Vi anbefaler delkontrakter") and "](https://" in t for t in texts)
    assert not any(t.startswith("Mange leverandører") for t in texts)
    assert card_errors([card]) == [[]]


def test_many_suppliers_get_the_short_form_under_the_limit() -> None:
    card = supplier_input_card(report(50))
    texts = card_texts(card)
    assert size(card) <= MAX_CARD_BYTES, size(card)
    assert any(t.startswith("Mange leverandører: kortet viser en kortversjon") for t in texts)
    assert sum(t.startswith("Leverandør ") for t in texts) == 50  # every supplier is named
    assert any(t.startswith("Forretningshemmeligheter merket: 1") for t in texts)
    assert any("prøver å gi assistenten instrukser" in t for t in texts)
    assert card_errors([card]) == [[]]


def test_which_case_offers_the_cases_as_buttons() -> None:
    from bot.supplier_input_cards import supplier_input_problem_card
    from skills.supplier_input.plugin import SupplierInputProblem

    cases = ("2026-014 Skolemøbler", "Markedsdialog Skolemøbler")
    card = supplier_input_problem_card(SupplierInputProblem("nb", "Hvilken sak?", cases))
    buttons = card["actions"]
    assert [(b["verb"], b["data"]["case"], b["title"]) for b in buttons] == [
        ("supplier_input.summarize", case, case) for case in cases
    ]
    assert card_errors([card]) == [[]]
