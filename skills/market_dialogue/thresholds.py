"""Procurement thresholds as dated data, so an office can update them without a release.

The bundled table is `data/thresholds.json`; `MARKET_DIALOGUE_THRESHOLDS` (or a path
argument) points to another file. A date past the last period reuses its values but is
reported as unconfirmed, so a stale table shows rather than breaks a draft.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from skills.market_dialogue.brief import ProcurementKind, Regime
from skills.market_dialogue.dated_table import iso_date, read_periods

BUNDLED = Path(__file__).parent / "data" / "thresholds.json"


class ThresholdError(ValueError):
    """The threshold file is unreadable or inconsistent, or has no value for a date."""


@dataclass(frozen=True)
class ThresholdPeriod:
    valid_from: date
    valid_to: date
    confirmed_until: date
    national: int
    eea_goods_services: int
    eea_works: int
    # The special regime (Annex XIV services) and the utilities sectors; None when an
    # office's older table does not give them.
    eea_special: int | None = None
    utilities_goods_services: int | None = None
    utilities_works: int | None = None
    utilities_special: int | None = None

    @property
    def years(self) -> str:
        """`2024–2026`, as the period is named in guidance and in our texts."""
        if self.valid_from.year == self.valid_to.year:
            return str(self.valid_from.year)
        return f"{self.valid_from.year}–{self.valid_to.year}"

    def eea(self, kind: ProcurementKind) -> int:
        return self.eea_works if kind is ProcurementKind.WORKS else self.eea_goods_services

    def for_regime(self, kind: ProcurementKind, regime: Regime, special: bool) -> int | None:
        """The EEA threshold for this kind under this regime; special-regime services
        (Annex XIV CPV) have their own. None when the table does not give it."""
        works = kind is ProcurementKind.WORKS
        if regime is Regime.UTILITIES:
            if works:
                return self.utilities_works
            return self.utilities_special if special else self.utilities_goods_services
        if works:
            return self.eea_works
        return self.eea_special if special else self.eea_goods_services


@dataclass(frozen=True)
class ThresholdLookup:
    """One value with where it came from and whether it is confirmed for that date."""

    value: int
    period: ThresholdPeriod
    confirmed: bool


@dataclass(frozen=True)
class ThresholdTable:
    periods: tuple[ThresholdPeriod, ...]
    source: str = ""

    def period_on(self, on: date) -> tuple[ThresholdPeriod, bool]:
        """The period covering `on` and whether its values are confirmed for that date."""
        for period in self.periods:
            if period.valid_from <= on <= period.valid_to:
                return period, on <= period.confirmed_until
        last = self.periods[-1]
        if on > last.valid_to:
            return last, False
        raise ThresholdError(f"no threshold values for {on.isoformat()} in the table")

    def eea_lookup(self, kind: ProcurementKind, on: date) -> ThresholdLookup:
        period, confirmed = self.period_on(on)
        return ThresholdLookup(period.eea(kind), period, confirmed)

    def regime_lookup(
        self, kind: ProcurementKind, regime: Regime, special: bool, on: date
    ) -> ThresholdLookup:
        period, confirmed = self.period_on(on)
        value = period.for_regime(kind, regime, special)
        if value is None:
            raise ThresholdError(
                f"the threshold table has no {regime.value}{' special-regime' if special else ''} "
                f"value for {on.isoformat()}"
            )
        return ThresholdLookup(value, period, confirmed)

    def eea_threshold(self, kind: ProcurementKind, on: date) -> int:
        return self.eea_lookup(kind, on).value

    def national_threshold(self, on: date) -> int:
        return self.period_on(on)[0].national


def _date(raw: Any, where: str) -> date:
    return iso_date(raw, where, ThresholdError)


def _amount(raw: Any, where: str) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or raw <= 0:
        raise ThresholdError(f"{where}: '{raw}' is not a positive whole number of NOK")
    return raw


def _period(raw: Any, index: int, origin: Path) -> ThresholdPeriod:
    where = f"{origin}: periods[{index}]"
    if not isinstance(raw, dict):
        raise ThresholdError(f"{where} must be an object")
    try:
        valid_from = _date(raw["valid_from"], f"{where}.valid_from")
        valid_to = _date(raw["valid_to"], f"{where}.valid_to")
        confirmed_until = _date(
            raw.get("confirmed_until", raw["valid_to"]), f"{where}.confirmed_until"
        )
        period = ThresholdPeriod(
            valid_from=valid_from,
            valid_to=valid_to,
            confirmed_until=confirmed_until,
            national=_amount(raw["national"], f"{where}.national"),
            eea_goods_services=_amount(raw["eea_goods_services"], f"{where}.eea_goods_services"),
            eea_works=_amount(raw["eea_works"], f"{where}.eea_works"),
            **{
                name: _amount(raw[name], f"{where}.{name}")
                for name in (
                    "eea_special",
                    "utilities_goods_services",
                    "utilities_works",
                    "utilities_special",
                )
                if name in raw
            },
        )
    except KeyError as missing:
        raise ThresholdError(f"{where}: missing {missing}") from None
    if valid_to < valid_from:
        raise ThresholdError(f"{where}: valid_to is before valid_from")
    return period


def load_thresholds(path: Path | None = None) -> ThresholdTable:
    """From `path` (an office's own copy), else the bundled table. The settings say which."""
    origin = path or BUNDLED
    data, raw_periods = read_periods(origin, "threshold table", ThresholdError)
    periods = sorted(
        (_period(raw, i, origin) for i, raw in enumerate(raw_periods)),
        key=lambda p: p.valid_from,
    )
    for before, after in zip(periods, periods[1:], strict=False):
        if after.valid_from <= before.valid_to:
            raise ThresholdError(
                f"{origin}: periods from {before.valid_from} and {after.valid_from} overlap"
            )
    return ThresholdTable(tuple(periods), str(data.get("source", "")))
