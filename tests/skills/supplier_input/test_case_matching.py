"""Which case folder a request names."""

from __future__ import annotations

import pytest

from skills.cases import match_cases

FOLDERS = [
    "2024-009 Kontorrekvisita",
    "2025-031 Renholdstjenester",
    "2026-014 Skolemøbler",
    "2026-020 Skolemøbler spesialrom",
]


@pytest.mark.parametrize(
    ("request_text", "expected"),
    [
        ("oppsummer innspill i markedsdialog 2026-014", ["2026-014 Skolemøbler"]),
        ("summarise the supplier input for case 2025-031", ["2025-031 Renholdstjenester"]),
        ("oppsummer innspill om renhold", ["2025-031 Renholdstjenester"]),
        (
            "oppsummer innspill skolemøbler",
            ["2026-014 Skolemøbler", "2026-020 Skolemøbler spesialrom"],
        ),
        ("oppsummer innspill skolemøbler spesialrom", ["2026-020 Skolemøbler spesialrom"]),
        ("oppsummer innspill om fiskeoppdrett", []),
        ("oppsummer", []),
        ("oppsummer innspill 2027-001", []),
    ],
)
def test_match_cases(request_text: str, expected: list[str]) -> None:
    assert match_cases(request_text, FOLDERS) == expected
