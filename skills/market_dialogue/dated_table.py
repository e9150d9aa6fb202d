"""Reading the tables an office may replace without a release (thresholds, holiday
periods): a JSON file with a non-empty `periods` list of dated entries."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any


def read_periods(
    origin: Path, what: str, error: type[ValueError]
) -> tuple[dict[str, Any], list[Any]]:
    """The file's top level and its `periods`; anything unreadable is `error` naming the file."""
    try:
        data = json.loads(origin.read_text(encoding="utf-8"))
    except OSError as exc:
        raise error(f"cannot read the {what} {origin}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise error(f"{origin} is not valid JSON: {exc}") from None
    periods = data.get("periods") if isinstance(data, dict) else None
    if not isinstance(periods, list) or not periods:
        raise error(f"{origin}: 'periods' must be a non-empty list")
    return data, periods


def iso_date(raw: Any, where: str, error: type[ValueError]) -> date:
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        raise error(f"{where}: '{raw}' is not a YYYY-MM-DD date") from None
