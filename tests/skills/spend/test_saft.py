"""SAF-T Financial files: the official examples, a county's export, and the refusals.

Every expected figure here was read off the XML by hand, never computed by the reader.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from skills.spend.rows import LedgerRow
from skills.spend.saft import read_saft
from skills.spend.saft_rules import Account, analysis_field, expense_art
from skills.spend.store import LedgerFileError

FIXTURES = Path(__file__).parents[2] / "fixtures" / "spend" / "saft"
NAMESPACE = 'xmlns="urn:StandardAuditFile-Taxation-Financial:NO" '


def _namespaced_example(tmp_path: Path) -> Path:
    """The official 1.30 example with the one thing it lacks: the SAF-T namespace."""
    data = (FIXTURES / "example-1.30.xml").read_bytes()
    fixed = tmp_path / "example-1.30-namespaced.xml"
    fixed.write_bytes(data.replace(b"<AuditFile ", b"<AuditFile " + NAMESPACE.encode(), 1))
    return fixed


def test_official_130_example_as_published_has_no_namespace() -> None:
    with pytest.raises(LedgerFileError) as refused:
        read_saft(FIXTURES / "example-1.30.xml", "example-1.30.xml")
    assert "example-1.30.xml is not a SAF-T Financial file" in str(refused.value)
    assert "urn:StandardAuditFile-Taxation-Financial:NO" in str(refused.value)


def test_official_130_example_with_namespace_validates(tmp_path: Path) -> None:
    extract = read_saft(_namespaced_example(tmp_path), "example.xml")
    assert extract.version == "1.30"
    assert (extract.org_nr, extract.company) == ("a", "a")
    assert (extract.period_start, extract.period_end) == (date(1957, 8, 13), date(1957, 8, 13))
    # Its one line is on account "a", grouped "a"/"a": neither KOSTRA nor an NS 4102 cost.
    assert extract.rows == ()


def test_official_110_example_is_read_against_the_110_schema() -> None:
    extract = read_saft(FIXTURES / "example-1.10-888888888.xml", "eksempel.xml")
    assert extract.version == "1.10"
    assert (extract.org_nr, extract.company) == ("888888888", "Tøyen Lekefabrikk AS")
    assert (extract.period_start, extract.period_end) == (date(2017, 1, 1), date(2017, 4, 30))
    # Overpriset Strøm AS (2003): two electricity invoices on 6200, 20 000 each excl. VAT;
    # its payables lines (2400) and the bank payments in vouchers 1023 and 1040 are not rows.
    power = [row for row in extract.rows if row.leverandornr == "2003"]
    assert power == [
        LedgerRow(
            date(2017, 1, 5),
            "1003",
            "2003",
            "Overpriset Strøm AS",
            "984561321",
            "6200",
            "",
            "",
            "",
            Decimal("20000"),
            "1234",
            1236,
        ),
        LedgerRow(
            date(2017, 3, 8),
            "1031",
            "2003",
            "Overpriset Strøm AS",
            "984561321",
            "6200",
            "",
            "",
            "",
            Decimal("20000"),
            "1288",
            2848,
        ),
    ]
    assert sum(row.belop for row in power) == Decimal("40000")
    assert all(row.art[0] in "4567" for row in extract.rows)


def test_county_export() -> None:
    extract = read_saft(FIXTURES / "fjordheim-2025.xml", "fjordheim-2025.xml")
    assert extract.version == "1.30"
    assert (extract.org_nr, extract.company) == ("817544320", "Fjordheim fylkeskommune")
    assert (extract.period_start, extract.period_end) == (date(2025, 1, 1), date(2025, 2, 28))
    kontor = ("30001", "Vestland Kontorrekvisita AS", "976543211")
    buss = ("30002", "Fjordbuss Transport AS", "NO 981 234 561 MVA")
    reinhald = ("30003", "Bergen Reinhald AS", "993456780")
    mobler = ("30004", "Nordisk Skolemøbler AS", "963001207")
    assert list(extract.rows) == [
        LedgerRow(
            date(2025, 1, 14),
            "25000101",
            *kontor,
            "100",
            "3100",
            "515",
            "",
            Decimal("8000.00"),
            "F-88231",
            266,
        ),
        LedgerRow(
            date(2025, 1, 20),
            "25000102",
            *buss,
            "170",
            "5200",
            "730",
            "",
            Decimal("125400.00"),
            "2024-1187",
            336,
        ),
        LedgerRow(
            date(2025, 2, 3),
            "25000103",
            *reinhald,
            "270",
            "3100",
            "510",
            "",
            Decimal("18500.00"),
            "55120",
            381,
        ),
        LedgerRow(
            date(2025, 2, 3),
            "25000103",
            *reinhald,
            "270",
            "3200",
            "510",
            "",
            Decimal("6500.00"),
            "55120",
            398,
        ),
        LedgerRow(
            date(2025, 2, 10),
            "25000104",
            *kontor,
            "100",
            "3100",
            "515",
            "",
            Decimal("-1200.00"),
            "K-1042",
            443,
        ),
        LedgerRow(
            date(2025, 2, 18),
            "25000105",
            *mobler,
            "200",
            "3100",
            "510",
            "P1001",
            Decimal("64000.00"),
            "900417",
            488,
        ),
    ]


def test_not_xml(tmp_path: Path) -> None:
    path = tmp_path / "hovudbok.xml"
    path.write_text("Bilagsdato;Konto;Beløp\n14.01.2025;10000;8000,00\n", encoding="utf-8")
    with pytest.raises(LedgerFileError, match=r"hovudbok\.xml is not well-formed XML \(line 1\)"):
        read_saft(path, "hovudbok.xml")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "tom.xml"
    path.write_bytes(b"")
    with pytest.raises(LedgerFileError, match=r"tom\.xml"):
        read_saft(path, "tom.xml")


def test_wrong_root(tmp_path: Path) -> None:
    path = tmp_path / "faktura.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<Invoice xmlns="urn:oasis:names:specification:ubl:schema:'
        'xsd:Invoice-2"><ID>1</ID></Invoice>\n',
        encoding="utf-8",
    )
    with pytest.raises(LedgerFileError) as refused:
        read_saft(path, "faktura.xml")
    assert "faktura.xml is not a SAF-T Financial file: its root element is " in str(refused.value)
    assert "Invoice-2}Invoice" in str(refused.value)


def test_schema_error_names_line_and_element(tmp_path: Path) -> None:
    source = (FIXTURES / "fjordheim-2025.xml").read_text(encoding="utf-8")
    # The first ledger line's required Description (line 278) is taken away.
    broken = source.replace("<Description>Kopipapir og toner</Description>", "", 1)
    path = tmp_path / "broken.xml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(LedgerFileError) as refused:
        read_saft(path, "broken.xml")
    message = str(refused.value)
    assert message.startswith(
        "broken.xml does not follow the SAF-T Financial 1.30 schema (line 279): "
        "Element 'DebitAmount': This element is not expected."
    )


def test_no_entity_is_expanded(tmp_path: Path) -> None:
    path = tmp_path / "entity.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE AuditFile [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        '<AuditFile xmlns="urn:StandardAuditFile-Taxation-Financial:NO">&x;</AuditFile>\n',
        encoding="utf-8",
    )
    with pytest.raises(LedgerFileError) as refused:
        read_saft(path, "entity.xml")
    assert "root:" not in str(refused.value)


@pytest.mark.parametrize(
    ("account", "art"),
    [
        (Account("10000", "KA_KS", "100"), "100"),
        (Account("10100", "ka_k", "010"), "010"),
        (Account("23500", "KA_KS", "35"), None),  # accounts payable
        (Account("21000", "KA_K", "10"), None),  # bank
        (Account("14290", "KA_KS", "429"), None),  # VAT under the compensation scheme
        (Account("17290", "KA_KS", "729"), None),  # income
        (Account("24510", "KA_KS", "451"), None),  # a loan: balance, though three digits
        (Account("6200", "RF-1167", "6200"), "6200"),
        (Account("2400", "RF-1167", "2400"), None),
        (Account("2710", "", ""), None),
        (Account("a", "a", "a"), None),
    ],
)
def test_which_accounts_are_spending(account: Account, art: str | None) -> None:
    assert expense_art(account) == art


@pytest.mark.parametrize(
    ("kind", "description", "field"),
    [
        ("A", "Ansvar", "ansvar"),
        ("A", "ANSVARSSTED", "ansvar"),
        ("F", "Funksjon", "tjeneste"),
        ("T", "Tjeneste", "tjeneste"),
        ("P", "prosjekt", "prosjekt"),
        ("ANSVAR", "", "ansvar"),
        ("A", "Avdeling", None),
    ],
)
def test_analysis_types(kind: str, description: str, field: str | None) -> None:
    assert analysis_field(kind, description) == field
