"""Every kind of source through one door (`load_file`): a county's SAF-T export and the
supplier's EHF invoices for the same purchases, classified together.

The SAF-T file (tests/fixtures/spend/saft/fjordheim-2025.xml) books six expense lines in
2025 (test_saft.py lists them); Vestland Kontorrekvisita AS's invoice F-88231 and credit
note K-1042 (tests/fixtures/spend/ehf/) are two of them, by org. no. and invoice number.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from skills.spend.analysis import Period, SpendAnalysis
from skills.spend.errors import LedgerFileError
from skills.spend.rules import load_rules
from skills.spend.sources import load_file
from skills.spend.store import SpendStore

FIXTURES = Path(__file__).parents[2] / "fixtures" / "spend"


def test_saft_and_ehf_classify_together(tmp_path: Path) -> None:
    store = SpendStore(tmp_path / "spend.duckdb")
    try:
        saft = load_file(store, FIXTURES / "saft" / "fjordheim-2025.xml", "Fjordheim")
        assert (saft.lines, saft.kind) == (6, "ledger")
        for name in ("vestland-kontor-F-88231.xml", "vestland-kontor-K-1042.xml"):
            invoice = load_file(store, FIXTURES / "ehf" / name, "Fjordheim")
            assert invoice.kind == "invoice" and not invoice.already
        again = load_file(store, FIXTURES / "ehf" / "vestland-kontor-K-1042.xml", "Fjordheim")
        assert again.already
        analysis = SpendAnalysis(store, (), load_rules())
        view = analysis.overview(Period.year(2025))
        # 8 000 + 125 400 + 18 500 + 6 500 - 1 200 + 64 000.
        assert view.total.spend == Decimal("221200.00")
        rules = dict(view.by_rule)
        # The invoice and the credit note: their CPV 30125100 (toner) says kontorrekvisita,
        # before the art (100) could: 8 000 - 1 200.
        assert rules["faktura"] == Decimal("6800.00")
        assert rules["art"] == Decimal("125400.00")  # art 170, transport
        # Bergen Reinhald (art 270) and Nordisk Skolemøbler (art 200): nothing names them.
        assert view.unclassified == Decimal("89000.00")
        assert {f.name: f.spend for f in view.categories} == {
            "transport": Decimal("125400.00"),
            "kontorrekvisita": Decimal("6800.00"),
        }
        analysis.close()
    finally:
        store.close()


def test_a_file_that_is_not_what_its_name_says(tmp_path: Path) -> None:
    store = SpendStore(tmp_path / "spend.duckdb")
    try:
        other = tmp_path / "ordre.xml"
        other.write_text('<?xml version="1.0"?><Order xmlns="urn:x"><ID>1</ID></Order>')
        with pytest.raises(LedgerFileError) as caught:
            load_file(store, other, "Fjordheim")
        assert caught.value.message("nb") == (
            "ordre.xml er XML, men verken en SAF-T Financial-fil eller en EHF-faktura."
        )
        fake = tmp_path / "hovedbok.xlsx"
        fake.write_text("Bilagsdato;Beløp\n", encoding="utf-8")
        with pytest.raises(LedgerFileError) as caught:
            load_file(store, fake, "Fjordheim")
        assert "heter som en arbeidsbok, men er ikke det" in caught.value.message("nb")
        pdf = tmp_path / "faktura.pdf"
        pdf.write_bytes(b"%PDF-1.4")
        with pytest.raises(LedgerFileError) as caught:
            load_file(store, pdf, "Fjordheim")
        assert caught.value.message("en").startswith("faktura.pdf: purchasing analysis reads")
        assert store.line_count() == 0
    finally:
        store.close()


def test_a_saft_file_without_kostra_grouping_is_refused(tmp_path: Path) -> None:
    """The official 1.10 example is a company's books (NS 4102 accounts, RF grouping):
    read as KOSTRA arts its 6200 would be "620", income. Refused, saying why."""
    store = SpendStore(tmp_path / "spend.duckdb")
    try:
        with pytest.raises(LedgerFileError) as caught:
            load_file(store, FIXTURES / "saft" / "example-1.10-888888888.xml", "Firma")
        assert "ingen KOSTRA-gruppering" in caught.value.message("nb")
        assert store.line_count() == 0
    finally:
        store.close()
