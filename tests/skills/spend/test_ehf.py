"""EHF (Peppol BIS Billing 3.0) documents: the official examples, our own, the refusals.

Expected values were read off the XML by hand.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from skills.spend.ehf import Invoice, InvoiceLine, read_ehf
from skills.spend.store import LedgerFileError

FIXTURES = Path(__file__).parents[2] / "fixtures" / "spend" / "ehf"


def _read(name: str) -> Invoice:
    return read_ehf((FIXTURES / name).read_bytes(), name)


def test_norwegian_official_example() -> None:
    invoice = _read("Norwegian-example-1.xml")
    assert invoice == Invoice(
        invoice_id="TOSL108",
        kind="invoice",
        issue_date=date(2013, 6, 30),
        supplier_org_nr="123456785",
        supplier_name="The Sellercompany ASA",
        buyer_org_nr="987654325",
        currency="NOK",
        total_excl_vat=Decimal("1436.5"),
        lines=(
            # Each line has an "MP" and an "STI" code; the CPV (STI) one is kept.
            InvoiceLine("1", Decimal("1273"), "Laptop computer", "CPV", "65434568"),
            InvoiceLine(
                "2", Decimal("-3.96"), 'Returned "Advanced computing" book', "CPV", "65434567"
            ),
            InvoiceLine("3", Decimal("4.96"), '"Computing for dummies" book', "CPV", "65434566"),
            InvoiceLine("4", Decimal("-25"), "Returned IBM 5150 desktop", "CPV", "65434565"),
            InvoiceLine("5", Decimal("187.5"), "Network cable", "CPV", "65434564"),
        ),
    )


def test_base_official_example_has_no_norwegian_supplier() -> None:
    # Its supplier is British: CompanyID GB983294 without a scheme, endpoint scheme 0088.
    with pytest.raises(LedgerFileError) as refused:
        _read("base-example.xml")
    assert str(refused.value).startswith(
        "base-example.xml: the supplier's Norwegian organisation number is missing"
    )


def test_own_invoice_with_unspsc_and_cpv_lines() -> None:
    invoice = _read("vestland-kontor-F-88231.xml")
    assert invoice == Invoice(
        invoice_id="F-88231",
        kind="invoice",
        issue_date=date(2025, 1, 10),
        supplier_org_nr="976543211",
        supplier_name="Vestland Kontorrekvisita AS",
        buyer_org_nr="817544320",
        currency="NOK",
        total_excl_vat=Decimal("8000.00"),
        lines=(
            InvoiceLine("1", Decimal("1900.00"), "Kopipapir A4", "UNSPSC", "14111507"),
            InvoiceLine(
                "2", Decimal("6100.00"), "Toner, svart, til skrivar MX-410", "CPV", "30125100-2"
            ),
        ),
    )


def test_credit_note_is_negative() -> None:
    note = _read("vestland-kontor-K-1042.xml")
    assert note == Invoice(
        invoice_id="K-1042",
        kind="credit_note",
        issue_date=date(2025, 2, 7),
        supplier_org_nr="976543211",  # from "NO 976 543 211 MVA" without a scheme
        supplier_name="Vestland Kontorrekvisita AS",
        buyer_org_nr="817544320",  # only the 0192 endpoint names the buyer
        currency="NOK",
        total_excl_vat=Decimal("-1200.00"),
        lines=(
            InvoiceLine(
                "1", Decimal("-1200.00"), "Toner, svart, returnert (feil modell)", "CPV",
                "30125100-2",
            ),
        ),
    )  # fmt: skip


def _own(replace: str, by: str) -> bytes:
    data = (FIXTURES / "vestland-kontor-F-88231.xml").read_bytes()
    assert replace.encode() in data
    return data.replace(replace.encode(), by.encode())


def test_not_xml() -> None:
    with pytest.raises(LedgerFileError, match=r"faktura\.pdf is not well-formed XML \(line 1\)"):
        read_ehf(b"%PDF-1.7\n", "faktura.pdf")


def test_not_ubl() -> None:
    data = Path(__file__).parents[2] / "fixtures" / "spend" / "saft" / "fjordheim-2025.xml"
    with pytest.raises(LedgerFileError) as refused:
        read_ehf(data.read_bytes(), "fjordheim.xml")
    assert str(refused.value) == (
        "fjordheim.xml is not an EHF invoice or credit note: its root element is AuditFile."
    )


def test_not_peppol_billing_3() -> None:
    ehf2 = "urn:www.cenbii.eu:transaction:biitrns010:ver2.0:extended:urn:www.peppol.eu:bis:"
    data = _own("urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0", ehf2)
    with pytest.raises(LedgerFileError) as refused:
        read_ehf(data, "gammal.xml")
    assert str(refused.value).startswith(
        "gammal.xml is not an EHF 3 (Peppol BIS Billing 3.0) document: its CustomizationID is"
    )


def test_missing_supplier_org_nr() -> None:
    data = _own('<cbc:CompanyID schemeID="0192">976543211</cbc:CompanyID>', "")
    data = data.replace(b'schemeID="0192">976543211', b'schemeID="0088">7080000000001')
    with pytest.raises(LedgerFileError, match="Norwegian organisation number is missing"):
        read_ehf(data, "utan-orgnr.xml")


@pytest.mark.parametrize("bad", ["1 900,00", "", "NaN"])
def test_unreadable_amount(bad: str) -> None:
    data = _own(
        '<cbc:LineExtensionAmount currencyID="NOK">1900.00</cbc:LineExtensionAmount>',
        f'<cbc:LineExtensionAmount currencyID="NOK">{bad}</cbc:LineExtensionAmount>',
    )
    with pytest.raises(LedgerFileError) as refused:
        read_ehf(data, "f.xml")
    assert str(refused.value) == f"f.xml: the amount LineExtensionAmount “{bad}” cannot be read."


def test_unreadable_date() -> None:
    data = _own(
        "<cbc:IssueDate>2025-01-10</cbc:IssueDate>", "<cbc:IssueDate>10.01.2025</cbc:IssueDate>"
    )
    with pytest.raises(LedgerFileError, match="the date IssueDate “10.01.2025” cannot be read"):
        read_ehf(data, "f.xml")


def test_entities_are_not_resolved() -> None:
    doctype = b'<!DOCTYPE Invoice [<!ENTITY secret SYSTEM "file:///etc/hostname">]>\n'
    data = _own("<cbc:ID>F-88231</cbc:ID>", "<cbc:ID>&secret;</cbc:ID>")
    invoice = read_ehf(data.replace(b"<Invoice ", doctype + b"<Invoice ", 1), "f.xml")
    assert invoice.invoice_id == ""
