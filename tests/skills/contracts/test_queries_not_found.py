"""When a question names no contract in the register: the nearest contracts to offer."""

from __future__ import annotations

from datetime import date

from skills.contracts.model import Contract
from skills.contracts.queries import matching_contracts, nearest_contracts


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
