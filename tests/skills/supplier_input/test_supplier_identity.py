"""Who a supplier is: a free-mail domain is never an identity, two valid organisation
numbers that differ are never one supplier, and every Norwegian company form is a name."""

from __future__ import annotations

import pytest

from skills.documents.text import Passage
from skills.supplier_input.model import SourceDocument
from skills.supplier_input.suppliers import group_by_supplier, identify


def _mail(name: str, sender: str, *texts: str) -> SourceDocument:
    passages = tuple(Passage(t, None, n) for n, t in enumerate(texts, start=1))
    return SourceDocument(name, "", passages, sender=sender, origin="mail")


@pytest.mark.parametrize(
    "domain",
    [
        "gmail.com",
        "outlook.com",
        "hotmail.com",
        "online.no",
        "live.no",
        "yahoo.com",
        "icloud.com",
        "proton.me",
    ],
)
def test_suppliers_sharing_a_free_mail_domain_stay_apart(domain: str) -> None:
    one = _mail("a.eml", f"ola.snekker@{domain}", "Vi foreslår to delkontrakter.")
    two = _mail("b.eml", f"kari.mobel@{domain}", "Vi foreslår fastpris.")
    three = _mail("c.eml", f"Ola.Snekker@{domain.upper()}", "Et tillegg om levering.")
    grouped = group_by_supplier([one, two, three])
    names = [identity.name for identity, _ in grouped]
    assert names == [f"ola.snekker@{domain}", f"kari.mobel@{domain}"]
    assert [len(docs) for _, docs in grouped] == [2, 1]
    assert all(identity.domain != domain for identity, _ in grouped)


def test_a_company_domain_still_joins_a_suppliers_mails() -> None:
    one = _mail("a.eml", "ola@fjordmobler.no", "Vi foreslår to delkontrakter.")
    two = _mail("b.eml", "kari@fjordmobler.no", "Vi foreslår fastpris.")
    assert len(group_by_supplier([one, two])) == 1


def test_units_with_different_valid_org_numbers_are_never_merged() -> None:
    one = _mail("a.eml", "post@nordmobler.no", "Hilsen Nordmøbler AS, org.nr. 923 609 008")
    two = _mail("b.eml", "salg@nordmobler.no", "Hilsen Nordmøbler AS, org.nr. 923 609 016")
    three = _mail("c.eml", "post@nordmobler.no", "Mvh Nordmøbler AS, org.nr. 923609008")
    grouped = group_by_supplier([one, two, three])
    assert [(i.name, i.org_nr) for i, _ in grouped] == [
        ("Nordmøbler AS", "923609008"),
        ("Nordmøbler AS", "923609016"),
    ]
    assert [[d.name for d in docs] for _, docs in grouped] == [["a.eml", "c.eml"], ["b.eml"]]


@pytest.mark.parametrize(
    "name",
    [
        "Ola Hansen Snekkerverksted ENK",
        "Nordic Desks NUF",
        "Berg og Dal Møbler DA",
        "Vestlandske Innredning ANS",
        "Bygdemøbler SA",
        "Kontorhuset ASA",
        "Pult Partner AS",
    ],
)
def test_norwegian_company_forms_are_names(name: str) -> None:
    document = _mail("a.eml", "firma@gmail.com", f"Med vennlig hilsen {name}, org.nr. 923 609 024")
    identity = identify([document])
    assert (identity.name, identity.org_nr) == (name, "923609024")
