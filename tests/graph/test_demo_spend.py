"""The spend demo data: the exports load, and the analysis tells the designed story.

Every expected figure below is written from the design in graph/localtenant/demo_spend.py
(its STORY series and line budgets), not computed by the generator: 12 invoices of
135 000 NOK are 1 620 000 NOK, and so on.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from graph.localtenant.demo import SITE_ID, generate
from graph.localtenant.demo_contracts import COLUMN_TITLES, register_list
from skills.contracts.model import Contract
from skills.contracts.orgnr import is_valid_orgnr
from skills.contracts.register_files import read_csv_text
from skills.spend.analysis import Period, SpendAnalysis
from skills.spend.rules import load_rules
from skills.spend.sources import load_file
from skills.spend.store import SpendStore

TODAY = date(2026, 3, 2)
LAST_12 = Period(date(2025, 3, 3), TODAY)
OSTFJORD, NORDVIK, VESTMARK = (
    "Østfjord fylkeskommune",
    "Nordvik fylkeskommune",
    "Vestmark fylkeskommune",
)
XSD = (
    Path(__file__).parents[2]
    / "skills/spend/data/saf-t/Norwegian_SAF-T_Financial_Schema_v_1.30.xsd"
)
SAFT = "{urn:StandardAuditFile-Taxation-Financial:NO}"
UBL = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
BAD_ORG_SUPPLIER = "Kafé Fjordglimt"


@dataclass
class Demo:
    root: Path  # Innkjøpsanalyse/
    store: SpendStore
    analysis: SpendAnalysis


def _contracts() -> list[Contract]:
    """The demo register as an office would export it, read by the register reader."""
    items = register_list(TODAY)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([COLUMN_TITLES[c] for c in items["columns"]])
    for item in items["items"]:
        writer.writerow([item["fields"][c] for c in items["columns"]])
    register = read_csv_text(buffer.getvalue())
    return list(register.contracts)


def _ledger(root: Path, entity: str, suffix: str) -> Path:
    found = list((root / "Regnskap" / entity).glob(f"*{suffix}"))
    assert len(found) == 1, found
    return found[0]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    out = tmp_path_factory.mktemp("tenant")
    generate(out, TODAY)
    root = out / "sites" / SITE_ID / "drive" / "root" / "Innkjøpsanalyse"
    store = SpendStore(out / "spend.duckdb")
    load_file(store, _ledger(root, OSTFJORD, ".csv"), OSTFJORD)
    load_file(store, _ledger(root, NORDVIK, ".csv"), NORDVIK)
    load_file(store, _ledger(root, VESTMARK, ".xml"), VESTMARK)
    for folder in (root / "Fakturaer").iterdir():
        for invoice in folder.glob("*.xml"):
            load_file(store, invoice, folder.name)
    analysis = SpendAnalysis(
        store,
        _contracts(),
        load_rules(root / "kategorier.xlsx"),
    )
    yield Demo(root, store, analysis)
    analysis.close()
    store.close()


def test_files_and_line_counts(demo: Demo) -> None:
    visma = _ledger(demo.root, OSTFJORD, ".csv").read_bytes()
    text = visma.decode("cp1252")
    rows = text.splitlines()
    assert rows[0].startswith("Østfjord fylkeskommune - Hovedbok")
    assert rows[1] == (
        "Bilagsdato;Bilagsnr;Lev.nr;Leverandør;Org.nr.;Konto;Ansvar;Tjeneste;Prosjekt;"
        "Fakturanr;Beløp"
    )
    assert len(rows) == 2 + 110_000
    with pytest.raises(UnicodeDecodeError):
        visma.decode("utf-8")  # Windows-1252, as Visma writes it
    unit4 = _ledger(demo.root, NORDVIK, ".csv").read_text(encoding="utf-8").splitlines()
    assert unit4[0].startswith("Posteringsdato,Bilagsnummer,Reskontronr,Leverandørnavn,")
    assert len(unit4) == 1 + 80_000
    counts = dict(
        demo.store.connection.execute(
            "SELECT entity, count(*) FROM lines GROUP BY entity"
        ).fetchall()
    )
    # Vestmark's SAF-T: the lines on accounts whose KOSTRA grouping is a three-digit art
    # (payables, bank and other balance accounts have two digits), counted here with lxml.
    tree = etree.parse(str(_ledger(demo.root, VESTMARK, ".xml")))
    arts = {
        a.findtext(f"{SAFT}AccountID"): a.findtext(f"{SAFT}GroupingCode") or ""
        for a in tree.iter(f"{SAFT}Account")
    }
    expense = sum(
        len(arts[line.findtext(f"{SAFT}AccountID")]) == 3 for line in tree.iter(f"{SAFT}Line")
    )
    assert 9_000 < expense < 10_000
    assert counts == {OSTFJORD: 110_000, NORDVIK: 80_000, VESTMARK: expense}
    years = demo.store.connection.execute(
        "SELECT min(bilagsdato), max(bilagsdato) FROM lines"
    ).fetchone()
    assert years == (date(2025, 3, 3), TODAY)  # the previous and the current year


def test_saft_file_is_valid_and_has_its_lines(demo: Demo) -> None:
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    tree = etree.parse(str(_ledger(demo.root, VESTMARK, ".xml")))
    assert schema.validate(tree), schema.error_log
    root = tree.getroot()
    transactions = root.findall(f".//{SAFT}Transaction")
    assert len(transactions) == 10_000
    assert len(root.findall(f".//{SAFT}Transaction/{SAFT}Line")) == 20_000
    assert root.findtext(f".//{SAFT}NumberOfEntries") == "10000"
    groupings = {a.findtext(f"{SAFT}GroupingCategory") for a in root.iter(f"{SAFT}Account")}
    assert groupings == {"KA_KS"}
    suppliers = root.findall(f".//{SAFT}Suppliers/{SAFT}Supplier")
    assert len(suppliers) > 100
    for supplier in suppliers:
        number = supplier.findtext(f"{SAFT}RegistrationNumber") or ""
        assert is_valid_orgnr(number), supplier.findtext(f"{SAFT}Name")


def test_one_threshold_risk(demo: Demo) -> None:
    risks = demo.analysis.threshold_risks(TODAY, national=1_300_000)
    # Østfjord's courses: 7 + 5 invoices of 135 000 = 1 620 000, above the national
    # threshold (1 300 000) and below the EEA threshold (2 300 000).
    assert [(r.entity, r.category, r.spend_12, r.spend_48) for r in risks] == [
        (OSTFJORD, "Kurs og opplæring", Decimal("1620000.00"), Decimal("1620000.00"))
    ]
    assert [(s.name, s.spend) for s in risks[0].suppliers] == [
        ("Kompetansehuset Vest AS", Decimal("945000.00")),
        ("Lederskolen Norge AS", Decimal("675000.00")),
    ]
    assert len(risks[0].lines) == 12
    assert {line.belop for line in risks[0].lines} == {Decimal("135000.00")}
    assert demo.analysis.threshold_risks(TODAY, national=1_300_000, entity=NORDVIK) == ()


def test_off_contract_spend_is_the_designed_one(demo: Demo) -> None:
    expected = {
        OSTFJORD: [
            ("Kurs og opplæring", Decimal("1620000.00")),  # 12 x 135 000
            ("renhold", Decimal("873000.00")),  # Skinnende Rent: 18 x 48 500
            ("Annonser og kunngjøringer", Decimal("450000.00")),  # 24 x 18 750
        ],
        NORDVIK: [
            ("IKT", Decimal("868000.00")),  # Datakjeden Nord: 14 x 62 000
            ("Kurs og opplæring", Decimal("360000.00")),  # 8 x 45 000
            ("renhold", Decimal("312000.00")),  # Glans Renhold after its end: 6 x 52 000
            ("Annonser og kunngjøringer", Decimal("300000.00")),  # 20 x 15 000
            ("mat og drikke", Decimal("294000.00")),  # Kafé Fjordglimt: 30 x 9 800
        ],
    }
    for entity, figures in expected.items():
        categories, _ = demo.analysis.without_contract(LAST_12, entity, top=50)
        assert [(f.name, f.uncovered) for f in categories if f.key] == figures


def test_coverage_and_framework_over_its_maximum(demo: Demo) -> None:
    overview = demo.analysis.overview(LAST_12)
    coverage = overview.total.coverage
    assert coverage is not None and 0.2 < coverage < 0.8
    assert overview.invalid_org_nr == 1  # Kafé Fjordglimt
    used = {c.contract.supplier: c for c in demo.analysis.consumption(TODAY)}
    operations = used["Driftspartner Innlandet AS"]
    # 12 monthly invoices of 520 000 (Østfjord) and of 430 000 (Nordvik).
    assert (operations.used, operations.ceiling, operations.basis) == (
        Decimal("11400000.00"),
        Decimal("11000000"),
        "maksverdi",
    )
    assert operations.share > 1


def test_org_numbers(demo: Demo) -> None:
    rows = demo.store.connection.execute(
        "SELECT DISTINCT leverandor, org_nr FROM lines WHERE leverandor IS NOT NULL"
    ).fetchall()
    bad = {name for name, org in rows if not (org and is_valid_orgnr(org))}
    assert bad == {BAD_ORG_SUPPLIER}
    spellings = {name for name, org in rows if name.startswith("Papir")}
    assert spellings == {"Papir & Penn Norge AS", "Papir og Penn Norge AS"}
    assert len({org for name, org in rows if name in spellings}) == 1
    assert len({org for _, org in rows}) > 150


def test_ehf_invoices_match_ledger_lines(demo: Demo) -> None:
    invoices = sorted((demo.root / "Fakturaer").rglob("*.xml"))
    assert len(invoices) == 7
    list_ids: set[str | None] = set()
    for path in invoices:
        entity = path.parent.name
        root = etree.parse(str(path)).getroot()
        assert root.findtext("cbc:CustomizationID", namespaces=UBL) == (
            "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
        )
        number = root.findtext("cbc:ID", namespaces=UBL)
        org = root.findtext("cac:AccountingSupplierParty/cac:Party/cbc:EndpointID", namespaces=UBL)
        total = root.findtext("cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount", namespaces=UBL)
        matched = demo.store.connection.execute(
            "SELECT belop FROM lines WHERE entity = ? AND org_nr = ? AND fakturanr = ?",
            [entity, org, number],
        ).fetchall()
        assert matched == [(Decimal(str(total)),)], path.name
        codes = root.findall(".//cac:CommodityClassification/cbc:ItemClassificationCode", UBL)
        assert codes
        list_ids.update(code.get("listID") for code in codes)
    assert list_ids == {"STI", "TST"}  # UNTDID 7143: CPV and UNSPSC


def test_the_ehf_invoices_classify_their_ledger_lines(demo: Demo) -> None:
    # Seven invoices, each matching one ledger line by org. no. and invoice number.
    found = demo.analysis._db.execute("SELECT count(*) FROM spend WHERE how = 'faktura'").fetchone()
    assert found == (7,)
