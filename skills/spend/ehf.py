"""EHF invoices and credit notes (Peppol BIS Billing 3.0, UBL 2.1) read for their lines.

Invoices are what carry an item classification, so they say what was bought where the
ledger only says on which art. There is no UBL schema offline, so the document is
checked by structure: the root, the CustomizationID, the supplier's org. no. and every
amount read; the Peppol validation rules are the sender's access point's business.

Classification: of each line's ItemClassificationCode elements, a CPV code is kept
first, else UNSPSC, else the first given. The listID values are those of UNCL 7143 as
Peppol publishes it: "STI" is CPV and "TST" is UNSPSC, reported as "CPV" and "UNSPSC".
"MP" is "product/service identification number", a scheme of the sender's own, and is
kept as "MP", like every other listID.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from lxml import etree

from skills.spend.store import LedgerFileError
from skills.spend.xmlsafe import PARSER_OPTIONS, not_xml, shorten, text

_UBL = "urn:oasis:names:specification:ubl:schema:xsd:"
_ROOTS: dict[str, Literal["invoice", "credit_note"]] = {
    f"{{{_UBL}Invoice-2}}Invoice": "invoice",
    f"{{{_UBL}CreditNote-2}}CreditNote": "credit_note",
}
_NS = {
    "cac": f"{_UBL}CommonAggregateComponents-2",
    "cbc": f"{_UBL}CommonBasicComponents-2",
}
PEPPOL_BILLING_3 = "urn:fdc:peppol.eu:2017:poacc:billing:3.0"
NORWEGIAN_ORG_SCHEME = "0192"  # ICD for Enhetsregisteret (Brønnøysund)
LIST_NAMES = {"STI": "CPV", "TST": "UNSPSC"}
_PREFERRED = ("CPV", "UNSPSC")


@dataclass(frozen=True)
class InvoiceLine:
    line_id: str
    amount: Decimal  # LineExtensionAmount excl. VAT; negative on a credit note
    description: str
    scheme: str  # "CPV", "UNSPSC", another listID as given, or ""
    code: str


@dataclass(frozen=True)
class Invoice:
    invoice_id: str
    kind: Literal["invoice", "credit_note"]
    issue_date: date
    supplier_org_nr: str  # nine digits
    supplier_name: str
    buyer_org_nr: str  # nine digits, or "" when the buyer gave none
    currency: str
    total_excl_vat: Decimal  # negative on a credit note
    lines: tuple[InvoiceLine, ...]


def read_ehf(data: bytes, name: str) -> Invoice:
    """One EHF document, or a refusal saying why it cannot be used."""
    try:
        root = etree.fromstring(data, etree.XMLParser(**PARSER_OPTIONS))
    except etree.XMLSyntaxError as error:
        raise not_xml(name, error) from None
    kind = _ROOTS.get(str(root.tag))
    if kind is None:
        raise LedgerFileError(
            "ledger",
            "{name} is not an EHF invoice or credit note: its root element is {root}.",
            name=name,
            root=shorten(str(root.tag)),
        )
    customization = text(root, "cbc:CustomizationID", _NS)
    if PEPPOL_BILLING_3 not in customization:
        raise LedgerFileError(
            "ledger",
            "{name} is not an EHF 3 (Peppol BIS Billing 3.0) document: its CustomizationID "
            "is “{value}”.",
            name=name,
            value=customization,
        )
    sign = Decimal(-1) if kind == "credit_note" else Decimal(1)
    supplier = root.find("cac:AccountingSupplierParty/cac:Party", _NS)
    supplier_org_nr = _org_nr(supplier)
    if not supplier_org_nr:
        raise LedgerFileError(
            "ledger",
            "{name}: the supplier's Norwegian organisation number is missing (PartyLegalEntity "
            "CompanyID or EndpointID with scheme 0192).",
            name=name,
        )
    line_path = "cac:InvoiceLine" if kind == "invoice" else "cac:CreditNoteLine"
    return Invoice(
        invoice_id=text(root, "cbc:ID", _NS),
        kind=kind,
        issue_date=_date(root, "cbc:IssueDate", name),
        supplier_org_nr=supplier_org_nr,
        supplier_name=_party_name(supplier),
        buyer_org_nr=_org_nr(root.find("cac:AccountingCustomerParty/cac:Party", _NS)),
        currency=text(root, "cbc:DocumentCurrencyCode", _NS),
        total_excl_vat=sign * _amount(root, "cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount", name),
        lines=tuple(_line(line, sign, name) for line in root.findall(line_path, _NS)),
    )


def _line(line: Any, sign: Decimal, name: str) -> InvoiceLine:
    item = line.find("cac:Item", _NS)
    scheme, code = _classification(item)
    description = ""
    if item is not None:
        description = text(item, "cbc:Name", _NS) or text(item, "cbc:Description", _NS)
    return InvoiceLine(
        line_id=text(line, "cbc:ID", _NS),
        amount=sign * _amount(line, "cbc:LineExtensionAmount", name),
        description=description,
        scheme=scheme,
        code=code,
    )


def _classification(item: Any) -> tuple[str, str]:
    if item is None:
        return "", ""
    found: list[tuple[str, str]] = []
    for element in item.findall("cac:CommodityClassification/cbc:ItemClassificationCode", _NS):
        list_id = str(element.get("listID", "")).strip()
        found.append((LIST_NAMES.get(list_id, list_id), str(element.text or "").strip()))
    for wanted in _PREFERRED:
        for scheme, code in found:
            if scheme == wanted:
                return scheme, code
    return found[0] if found else ("", "")


def _org_nr(party: Any) -> str:
    """Nine digits from the legal entity, or from a 0192 endpoint; "" when neither has them.

    A CompanyID without a scheme counts when it reads as a Norwegian number ("NO
    123456785 MVA" included); a foreign one (GB983294) does not.
    """
    if party is None:
        return ""
    for element in party.findall("cac:PartyLegalEntity/cbc:CompanyID", _NS):
        scheme = str(element.get("schemeID", "")).strip()
        if scheme in ("", NORWEGIAN_ORG_SCHEME):
            digits = _norwegian_digits(str(element.text or ""), bare=scheme == "")
            if digits:
                return digits
    endpoint = party.find("cbc:EndpointID", _NS)
    if endpoint is not None and endpoint.get("schemeID") == NORWEGIAN_ORG_SCHEME:
        return _norwegian_digits(str(endpoint.text or ""), bare=False)
    return ""


def _norwegian_digits(value: str, *, bare: bool) -> str:
    compact = "".join(value.split()).upper()
    if bare:
        compact = compact.removeprefix("NO").removesuffix("MVA")
    return compact if len(compact) == 9 and compact.isdigit() else ""


def _party_name(party: Any) -> str:
    if party is None:
        return ""
    return text(party, "cac:PartyLegalEntity/cbc:RegistrationName", _NS) or text(
        party, "cac:PartyName/cbc:Name", _NS
    )


def _amount(element: Any, path: str, name: str) -> Decimal:
    value = text(element, path, _NS)
    try:
        amount = Decimal(value)
    except InvalidOperation:
        amount = Decimal("NaN")
    if not amount.is_finite():
        raise LedgerFileError(
            "ledger",
            "{name}: the amount {element} “{value}” cannot be read.",
            name=name,
            element=path.rsplit(":", 1)[-1],
            value=value,
        )
    return amount


def _date(element: Any, path: str, name: str) -> date:
    value = text(element, path, _NS)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise LedgerFileError(
            "ledger",
            "{name}: the date {element} “{value}” cannot be read.",
            name=name,
            element=path.rsplit(":", 1)[-1],
            value=value,
        ) from None
