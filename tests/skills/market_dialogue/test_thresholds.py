"""Thresholds as dated data: values at and around each threshold, and replaceable files."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from skills.market_dialogue.brief import Brief, ProcurementKind, parse_brief
from skills.market_dialogue.doffin import english_needed
from skills.market_dialogue.thresholds import ThresholdError, load_thresholds
from tests.skills.market_dialogue.helpers import example_data

G, S, W = ProcurementKind.GOODS, ProcurementKind.SERVICES, ProcurementKind.WORKS
ON = date(2025, 6, 2)


def brief(kind: ProcurementKind, value: int) -> Brief:
    return parse_brief(example_data(kind=kind.value, estimated_value_nok=value))


def test_bundled_values_for_2024_to_2026() -> None:
    table = load_thresholds()
    for on in (date(2024, 1, 1), ON, date(2026, 12, 31)):
        assert table.eea_threshold(G, on) == 2_300_000
        assert table.eea_threshold(S, on) == 2_300_000
        assert table.eea_threshold(W, on) == 57_800_000
        assert table.national_threshold(on) == 1_300_000
    assert table.eea_lookup(G, ON).confirmed
    assert not table.eea_lookup(G, date(2026, 3, 2)).confirmed  # 2026 on: not confirmed
    assert not table.eea_lookup(G, date(2028, 3, 2)).confirmed  # past the table: carried
    with pytest.raises(ThresholdError, match="2023-12-31"):
        table.eea_threshold(G, date(2023, 12, 31))


@pytest.mark.parametrize(
    ("kind", "value", "needed", "relation"),
    [
        (G, 2_299_999, False, "er under"),
        (G, 2_300_000, True, "er lik"),
        (G, 2_300_001, True, "er over"),
        (S, 2_299_999, False, "er under"),
        (S, 2_300_000, True, "er lik"),
        (S, 2_300_001, True, "er over"),
        (W, 2_300_001, False, "er under"),
        (W, 57_799_999, False, "er under"),
        (W, 57_800_000, True, "er lik"),
        (W, 57_800_001, True, "er over"),
    ],
)
def test_english_at_and_above_the_eea_threshold(
    kind: ProcurementKind, value: int, needed: bool, relation: str
) -> None:
    got, reasons = english_needed(brief(kind, value), ON, load_thresholds())
    assert got is needed
    assert len(reasons) == 1 and relation in reasons[0]
    limit = "57 800 000" if kind is W else "2 300 000"
    assert f"EØS-terskelverdien {limit} kr" in reasons[0]


def test_the_reason_says_why_in_either_language() -> None:
    table = load_thresholds()
    _, nb = english_needed(brief(G, 12_000_000), ON, table)
    assert nb == (
        "Anslått verdi 12 000 000 kr er over EØS-terskelverdien 2 300 000 kr for varer og "
        "tjenester (2024–2026): kunngjøringen bør også være på engelsk",
    )
    _, en = english_needed(brief(W, 1_000_000), date(2026, 6, 1), table, "en")
    assert en[0] == (
        "Estimated value NOK 1 000 000 is below the EEA threshold NOK 57 800 000 for works "
        "(2024–2026): a Norwegian notice is enough"
    )
    assert "2026 is not confirmed" in en[1]


def write_table(path: Path, periods: list[dict[str, object]]) -> Path:
    path.write_text(json.dumps({"periods": periods}), encoding="utf-8")
    return path


NEW = {
    "valid_from": "2027-01-01",
    "valid_to": "2028-12-31",
    "national": 1_400_000,
    "eea_goods_services": 2_400_000,
    "eea_works": 60_000_000,
}


def test_another_file_replaces_the_bundled_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_table(tmp_path / "t.json", [NEW])
    table = load_thresholds(path)
    assert table.eea_threshold(G, date(2027, 3, 1)) == 2_400_000
    assert table.eea_lookup(W, date(2028, 3, 1)).confirmed  # no confirmed_until: all confirmed
    assert table.national_threshold(date(2027, 3, 1)) == 1_400_000
    # A value between the thresholds decides differently under the new table.
    needed, _ = english_needed(brief(G, 2_350_000), date(2027, 3, 1), table)
    assert needed is False
    # The environment is read by the settings alone: the loader does not look at it.
    monkeypatch.setenv("MARKET_DIALOGUE_THRESHOLDS", str(path))
    assert load_thresholds().national_threshold(date(2027, 3, 1)) != 1_400_000


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        (json.dumps({"periods": []}), "non-empty list"),
        (json.dumps({"periods": [{**NEW, "eea_works": "mange"}]}), "periods[0].eea_works"),
        (json.dumps({"periods": [{**NEW, "valid_from": "2027-13-01"}]}), "valid_from"),
        (json.dumps({"periods": [{k: v for k, v in NEW.items() if k != "national"}]}), "national"),
        (json.dumps({"periods": [NEW, {**NEW, "valid_from": "2028-01-01"}]}), "overlap"),
    ],
)
def test_a_broken_table_is_a_clear_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "broken.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ThresholdError) as caught:
        load_thresholds(path)
    assert message in str(caught.value) and "broken.json" in str(caught.value)
    with pytest.raises(ThresholdError, match="cannot read"):
        load_thresholds(tmp_path / "missing.json")
