"""Spend against the register, on a small ledger whose every figure is worked out by hand.

The fixture (tests/fixtures/spend/analysis/) is two county municipalities: Østfjord's
ledger as a CSV export with a title row, four-digit accounts and a credit note, plus
earlier years; Nordvik's as an Excel workbook with real dates and numbers. The register
has four contracts; the office's mapping file has three rules. Each expected figure
below is summed in its comment from the fixture lines (numbered as in ostfjord_2026.csv:
line 3 is the first ledger line).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from skills.contracts.register_files import read_register_file
from skills.spend.analysis import Period, SpendAnalysis
from skills.spend.rules import load_rules
from skills.spend.store import SpendStore

FIXTURES = Path(__file__).parents[2] / "fixtures" / "spend" / "analysis"
YEAR = Period.year(2026)


def nordvik_workbook(path: Path) -> Path:
    """As Excel saves it: a title row, real dates and numbers, an org. no. as a number."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Hovedbok"
    sheet.append(["Nordvik fylkeskommune - leverandørposter 2026"])
    sheet.append(["Bilagsdato", "Bilagsnr", "Leverandørnavn", "Organisasjonsnummer", "Art",
                  "Ansvar", "Beløp"])  # fmt: skip
    sheet.append([datetime(2026, 3, 1), 7001, "Konsulentgruppen AS", 978901239, 2700, 300, 500000])
    sheet.append([datetime(2026, 4, 1), 7002, "Renhold Øst AS", 923456783, 2600, 300, 200000.0])
    sheet.append([datetime(2026, 5, 1), 7003, "Storkjøkken AS", 989012347, 1150, 310, 30000])
    book.save(path)
    return path


@pytest.fixture(scope="module")
def analysis(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SpendAnalysis]:
    scratch = tmp_path_factory.mktemp("spend")
    store = SpendStore(scratch / "spend.duckdb")
    store.load(FIXTURES / "ostfjord_2026.csv", "Østfjord")
    store.load(FIXTURES / "ostfjord_tidligere.csv", "Østfjord")
    store.load(nordvik_workbook(scratch / "Nordvik hovedbok 2026.xlsx"), "Nordvik")
    register = read_register_file(FIXTURES / "kontraktsregister.csv")
    assert not register.errors
    result = SpendAnalysis(store, register.contracts, load_rules(FIXTURES / "kategorier.csv"))
    yield result
    result.close()
    store.close()


def test_coverage_of_all_purchasing_in_a_year(analysis: SpendAnalysis) -> None:
    overview = analysis.overview(YEAR)
    # Purchases 2026: Østfjord lines 3-13 and 15 (line 14 is salary, art 010; line 16 a
    # transfer, art 470) and Nordvik's three. 100 000 + 100 000 - 20 000 + 50 000
    # + 200 000 + 80 000 + 300 000 + 12 000 + 400 000 + 350 000 + 8 500 + 60 000
    # + 500 000 + 200 000 + 30 000 = 2 370 500.
    assert overview.total.spend == Decimal("2370500.00")
    # Covered: Renhold Øst under 2025-001 (100 000 + 100 000 - 20 000 + Nordvik 200 000),
    # Kontormøbel Nord's January line under 2024-002 (200 000; the April line is after it
    # ended), Datahuset under 2026-003 (300 000 + 12 000), Storkjøkken under 2026-004
    # (30 000): 922 000.
    assert overview.total.covered == Decimal("922000.00")
    assert overview.total.coverage == pytest.approx(922000 / 2370500)
    assert overview.total.lines == 15
    # Byggmester Hansen (art 240, no org. no., no rule) is the only unclassified line.
    assert overview.unclassified == Decimal("60000.00")
    assert overview.unclassified_share == pytest.approx(60000 / 2370500)
    # Fjordkafé's 912345670 fails mod-11.
    assert overview.invalid_org_nr == 1


def test_figures_per_category_and_loyalty(analysis: SpendAnalysis) -> None:
    categories = {f.name: f for f in analysis.overview(YEAR).categories}
    # The register's spelling is shown ("Renhold", "Mat og drikke"), not the rules'.
    assert set(categories) == {
        "konsulenttjenester", "Renhold", "IKT", "skolemøbler", "Mat og drikke",
    }  # fmt: skip
    # Renhold: 100 000 + 100 000 - 20 000 + 50 000 (Glans Vask, no contract) + 200 000.
    renhold = categories["Renhold"]
    assert (renhold.spend, renhold.covered, renhold.contracted) == (
        Decimal("430000.00"), Decimal("380000.00"), Decimal("430000.00"),
    )  # fmt: skip
    assert renhold.loyalty == pytest.approx(380000 / 430000)
    # Konsulentgruppen: 400 000 + 350 000 + Nordvik 500 000, never under a contract, and
    # no contract for the category: no loyalty to measure.
    consulting = categories["konsulenttjenester"]
    assert (consulting.spend, consulting.covered) == (Decimal("1250000.00"), Decimal(0))
    assert consulting.loyalty is None
    # Skolemøbler: 200 000 while 2024-002 ran (covered) + 80 000 after it ended.
    furniture = categories["skolemøbler"]
    assert (furniture.spend, furniture.covered, furniture.contracted) == (
        Decimal("280000.00"), Decimal("200000.00"), Decimal("200000.00"),
    )  # fmt: skip
    assert furniture.loyalty == 1.0
    # Mat og drikke: Fjordkafé 8 500 off the contract in force + Storkjøkken 30 000 on it.
    food = categories["Mat og drikke"]
    assert food.loyalty == pytest.approx(30000 / 38500)
    assert categories["IKT"].spend == Decimal("312000.00")


def test_the_rules_are_tried_in_order(analysis: SpendAnalysis) -> None:
    rules = dict(analysis.overview(YEAR).by_rule)
    # The office's sheet: Datahuset by org. no. (300 000 + 12 000; line 10's art 130
    # would have said IKT too, but the sheet comes first) and Konsulentgruppen by name
    # (400 000 + 350 000 + 500 000), before the sheet's own later row for art 270.
    assert rules["kontor"] == Decimal("1562000.00")
    # The art: renhold 260 (430 000) and matvarer 115 (8 500 + 30 000).
    assert rules["art"] == Decimal("468500.00")
    # Kontormøbel Nord's art 200 names nothing, nor do its other lines; its contract's
    # category in the register does, and is counted apart as the assumption it is.
    assert rules["avtale"] == Decimal("280000.00")
    assert rules["leverandør"] == Decimal(0)
    assert rules["faktura"] == Decimal(0)


def test_one_supplier_one_name(analysis: SpendAnalysis) -> None:
    # "Datahuset A/S" and "Datahuset AS" are one supplier by org. no.: the register's name.
    assert analysis.find_suppliers("945 678 909") == [("945678909", "Datahuset AS")]
    categories, entities = analysis.supplier("945678909", YEAR)
    assert [(f.name, f.spend, f.covered) for f in categories] == [
        ("IKT", Decimal("312000.00"), Decimal("312000.00"))
    ]
    assert [e.key for e in entities] == ["Østfjord"]


def test_spend_without_contract(analysis: SpendAnalysis) -> None:
    categories, suppliers = analysis.without_contract(YEAR)
    assert [(f.name, f.uncovered) for f in categories] == [
        ("konsulenttjenester", Decimal("1250000.00")),
        ("skolemøbler", Decimal("80000.00")),
        ("", Decimal("60000.00")),  # unclassified
        ("Renhold", Decimal("50000.00")),
        ("Mat og drikke", Decimal("8500.00")),
    ]
    assert [(f.name, f.uncovered) for f in suppliers] == [
        ("Konsulentgruppen AS", Decimal("1250000.00")),
        ("Kontormøbel Nord AS", Decimal("80000.00")),
        ("Byggmester Hansen", Decimal("60000.00")),
        ("Glans Vask AS", Decimal("50000.00")),
        ("Fjordkafé", Decimal("8500.00")),
    ]


def test_per_entity(analysis: SpendAnalysis) -> None:
    entities = {f.key: f for f in analysis.overview(YEAR).entities}
    # Nordvik: 500 000 + 200 000 + 30 000, of which 200 000 + 30 000 covered.
    assert (entities["Nordvik"].spend, entities["Nordvik"].covered) == (
        Decimal("730000.00"), Decimal("230000.00"),
    )  # fmt: skip
    assert (entities["Østfjord"].spend, entities["Østfjord"].covered) == (
        Decimal("1640500.00"), Decimal("692000.00"),
    )  # fmt: skip
    only = analysis.overview(YEAR, entity="Nordvik")
    assert only.total.spend == Decimal("730000.00")


def test_threshold_risk_per_entity_over_12_and_48_months(analysis: SpendAnalysis) -> None:
    from datetime import date

    risks = analysis.threshold_risks(date(2026, 12, 31), national=1_300_000)
    # Østfjord's consulting off contract: 400 000 + 350 000 in the last 12 months and
    # 600 000 in October 2025: 1 350 000 over 48 months, over the national 1 300 000.
    # December 2022 is more than 48 months back. Nordvik's 500 000 is its own, below.
    assert [(r.entity, r.category, r.spend_12, r.spend_48) for r in risks] == [
        ("Østfjord", "konsulenttjenester", Decimal("750000.00"), Decimal("1350000.00"))
    ]
    assert [(line.bilagsnr, line.belop) for line in risks[0].lines] == [
        ("900", Decimal("600000.00")),
        ("1009", Decimal("400000.00")),
        ("1010", Decimal("350000.00")),
    ]
    assert risks[0].lines[1].line == 11  # as the spreadsheet numbers it


def test_framework_consumption(analysis: SpendAnalysis) -> None:
    from datetime import date

    found = [
        (c.contract.contract_id, c.used, c.ceiling, c.basis)
        for c in analysis.consumption(date(2026, 12, 31))
    ]
    # 2024-002: 200 000 of its estimated 500 000; 2025-001: 380 000 of its maximum
    # 2 000 000. 2026-004 has no value; 2026-003 is not a framework agreement.
    assert found == [
        ("2024-002", Decimal("200000.00"), Decimal("500000"), "verdi"),
        ("2025-001", Decimal("380000.00"), Decimal("2000000"), "maksverdi"),
    ]
