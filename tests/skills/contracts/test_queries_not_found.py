"""When a question names no contract in the register: the nearest contracts to offer."""

from __future__ import annotations

from datetime import date

from skills.contracts.model import Contract
from skills.contracts.queries import matching_contracts, nearest_contracts, until_end


def contract(contract_id: str, title: str, supplier: str, category: str = "") -> Contract:
    return Contract(
        contract_id, title, supplier, "", "a@x.no", category, True, date(2025, 1, 1),
        date(2027, 1, 1), (),
    )  # fmt: skip


REGISTER = [
    contract("2025-017", "Rammeavtale IKT-driftstjenester", "Driftspartner Innlandet AS", "IKT"),
    contract("2025-031", "Renholdstjenester for administrasjonsbygg", "Rent & Klart AS", "renhold"),
    contract("2024-009", "Rammeavtale kontorrekvisita og papir", "Papir & Penn AS"),
    contract("2025-107", "Snøbrøyting og strøing", "Vinterdrift AS", "bygg og anlegg"),
]


def test_an_id_one_keystroke_away_is_offered_nearest_first() -> None:
    assert matching_contracts(REGISTER, "2025-0177") == []
    assert [c.contract_id for c in nearest_contracts(REGISTER, "2025-0177")] == [
        "2025-017",
        "2025-107",
    ]
    assert nearest_contracts(REGISTER, "2099-999") == []


def test_words_offer_contracts_sharing_a_word_even_with_a_typo() -> None:
    assert matching_contracts(REGISTER, "renholdstjenestr") == []
    assert [c.contract_id for c in nearest_contracts(REGISTER, "renholdstjenestr")] == ["2025-031"]
    assert nearest_contracts(REGISTER, "do we buy most without a") == []


OWNED = [
    Contract(
        "2025-035", "Vindusvask", "Klarsyn Vinduspuss AS", "", "marte.solberg@innkjop.example.no",
        "renhold", True, date(2025, 1, 1), date(2027, 1, 1), (),
    ),
    Contract(
        "2024-102", "Kontorrekvisita", "Papir & Penn AS", "", "lars.berg@innkjop.example.no",
        "", True, date(2025, 1, 1), date(2027, 1, 1), (),
    ),
    Contract(
        "2026-048", "Kurs i anskaffelsesregelverket", "Regelverkskompetanse AS", "",
        "ingrid.haugen@innkjop.example.no", "", True, date(2025, 1, 1), date(2027, 1, 1), (),
    ),
    Contract(
        "2024-101", "Skolemøbler", "Kontormøbel Nord AS", "", "ingrid.haugen@innkjop.example.no",
        "", True, date(2025, 1, 1), date(2027, 1, 1), (),
    ),
]  # fmt: skip


def ids(text: str) -> list[str]:
    return [c.contract_id for c in matching_contracts(OWNED, text)]


def test_words_match_whole_words_or_the_ends_of_a_compound_never_the_middle() -> None:
    assert ids("kaffe") == []  # not inside "anskaffelsesregelverket"
    assert ids("it") == []  # not inside "Kontorrekvisita"
    assert ids("lars") == ["2024-102"]  # the owner's first name, not "Klarsyn"
    assert ids("berg") == ["2024-102"]
    assert ids("møbler") == ["2024-101"]  # the end of "Skolemøbler"
    assert ids("skole") == ["2024-101"]  # the start
    assert ids("anskaffelse") == ["2026-048"]  # the start of "anskaffelsesregelverket"
    assert ids("vindus") == ["2025-035"]  # a start: "Vindusvask", "Vinduspuss"
    assert ids("ingrid møbler") == ["2024-101"]  # every word must match


def test_ids_as_people_type_them_are_looked_up_exactly_then_offered_nearest() -> None:
    assert ids("2024/102") == []  # no contract has that id: not a search over everything
    assert [c.contract_id for c in nearest_contracts(OWNED, "2024/102")] == ["2024-102", "2024-101"]
    assert [c.contract_id for c in nearest_contracts(OWNED, "24-102")] == ["2024-102"]
    odd = [*OWNED, Contract("2024/017", "Saksnummer-id", "X AS", "", "a@x.no", "", True,
                            date(2025, 1, 1), date(2027, 1, 1), ())]  # fmt: skip
    assert [c.contract_id for c in matching_contracts(odd, "kontrakt 2024/017")] == ["2024/017"]


def test_to_the_end_of_this_week_month_quarter_year_or_a_named_year() -> None:
    wednesday = date(2026, 11, 25)
    assert until_end(wednesday, "week") == date(2026, 11, 29)  # Sunday
    assert until_end(wednesday, "month") == date(2026, 11, 30)
    assert until_end(wednesday, "quarter") == date(2026, 12, 31)
    assert until_end(wednesday, "year") == date(2026, 12, 31)
    assert until_end(wednesday, "2027") == date(2027, 12, 31)
    assert until_end(wednesday, "2020") is None  # past: not a window
    assert until_end(wednesday, "soon") is None
    assert until_end(date(2026, 2, 10), "quarter") == date(2026, 3, 31)
    assert until_end(date(2026, 12, 31), "month") == date(2026, 12, 31)
    assert until_end(date(2026, 12, 31), "week") == date(2027, 1, 3)
