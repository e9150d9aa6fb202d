"""Check cards with the real Adaptive Cards library (npm `adaptivecards`)."""

from __future__ import annotations

import json
import subprocess
from typing import Any

from tests.support.procs import ROOT


def card_errors(cards: list[dict[str, Any]]) -> list[list[str]]:
    result = subprocess.run(
        ["node", str(ROOT / "tests" / "support" / "validate_cards.cjs")],
        input=json.dumps(cards),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=True,
    )
    errors: list[list[str]] = json.loads(result.stdout)
    return errors
