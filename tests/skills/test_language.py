"""The function-word detector on sentences as offices, suppliers and models write them."""

from __future__ import annotations

import pytest

from skills.language import detect

CASES = [
    ("Leverandøren foreslår å dele avtalen i produktgrupper, og vil ha faste priser.", "no"),
    ("Vi ønskjer at avtalen vert delt i to, og at prisane er faste i heile perioden.", "no"),
    ("Fylkeskommunen inviterer til markedsdialog om kjøp av skolemøbler.", "no"),
    ("The supplier wants fixed prices with an annual index adjustment.", "en"),
    ("Only suppliers registered in Norway may take part in the dialogue.", "en"),
    ("Der Lieferant möchte feste Preise und eine jährliche Anpassung der Preise.", "de"),
    ("Rammeavtale 2026-014", ""),  # too short to say
    ("OK", ""),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_detect(text: str, expected: str) -> None:
    assert detect(text) == expected
