"""The market-dialogue notice in eForms, as Doffin takes it since 2023.

A market dialogue is announced as a prior information notice used only for information:
subtype 4 (the classic directive) at or above the EEA threshold, and Doffin's national
subtype E2 below it. The same data gives (a) the fields an officer enters in Doffin's
form, labelled with their eForms business terms and checked against their limits, and
(b) the notice as eForms XML, to keep in the case folder or hand to a system that submits
notices. Nothing is submitted from here.

Utilities buyers above the threshold need subtype 5 (directive 2014/25/EU), not 4; its
XML is not produced yet, and the fields say so. The Norwegian customisation identifiers
and legal-basis texts are those of DFØ's Norwegian eForms SDK (anskaffelser/eforms-sdk-nor).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from lxml import etree

from skills.contracts.orgnr import is_valid_orgnr
from skills.i18n import N_, DateText, Lang, Phrase, Said, is_norwegian, tr
from skills.market_dialogue.brief import Brief, ProcurementKind, Regime
from skills.market_dialogue.cpv import cpv_list, nuts_regions
from skills.market_dialogue.doffin import KIND_NB, DoffinNotice, special_regime
from skills.market_dialogue.schedule import Schedule

SDK = "eforms-sdk-1.14"
CUSTOMIZATION_EU = f"{SDK}#extended#urn:fdc:anskaffelser.no:2023:eforms:eu"
CUSTOMIZATION_NATIONAL = f"{SDK}#extended#urn:fdc:anskaffelser.no:2026:eforms:national-e"
MAX_TITLE = 400  # BT-21
MAX_DESCRIPTION = 6000  # BT-24
MAX_NAME = 400  # BT-500
OSLO = ZoneInfo("Europe/Oslo")

NS = {
    None: "urn:oasis:names:specification:ubl:schema:xsd:PriorInformationNotice-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "ext": "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2",
    "efac": "http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1",
    "efbc": "http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1",
    "efext": "http://data.europa.eu/p27/eforms-ubl-extensions/1",
}
_NATURE = {
    ProcurementKind.GOODS: "supplies",
    ProcurementKind.SERVICES: "services",
    ProcurementKind.WORKS: "works",
}
# National legal bases (BT-01(c)/(d)) as the Norwegian SDK lists them; the dash is U+2014.
_ELI_CLASSIC = "https://lovdata.no/eli/forskrift/2016/8/12/974"
_ELI_UTILITIES = "https://lovdata.no/eli/forskrift/2016/8/12/975"


@dataclass(frozen=True)
class BuyerProfile:
    """What eForms asks about the buyer beyond its name: set once for the office."""

    org_no: str = ""
    city: str = ""
    postcode: str = ""
    nuts: str = ""
    phone: str = ""
    legal_type: str = "ra"  # BT-11: regional authority (a county municipality)
    activity: str = "gen-pub"  # BT-10: general public services


# BT-11 values a Norwegian buyer may give on Doffin (the Norwegian SDK refuses body-pl and
# pub-undert without their level).
LEGAL_TYPES = frozenset(
    {
        "body-pl-cga", "body-pl-la", "body-pl-ra", "cga", "def-cont", "grp-p-aut", "la",
        "org-sub-cga", "org-sub-la", "org-sub-ra", "pub-undert-cga", "pub-undert-la",
        "pub-undert-ra", "ra", "rl-aut", "spec-rights-entity",
    }
)  # fmt: skip


def buyer_profile_from_env(environ: Mapping[str, str]) -> BuyerProfile:
    """BUYER_ORG_NO, BUYER_CITY, BUYER_POSTCODE, BUYER_NUTS, BUYER_PHONE, BUYER_LEGAL_TYPE;
    a value eForms would refuse is a ValueError naming the setting."""

    def get(name: str) -> str:
        return environ.get(name, "").strip()

    profile = BuyerProfile(
        org_no=get("BUYER_ORG_NO").replace(" ", ""),
        city=get("BUYER_CITY"),
        postcode=get("BUYER_POSTCODE"),
        nuts=get("BUYER_NUTS").upper(),
        phone=get("BUYER_PHONE"),
        legal_type=get("BUYER_LEGAL_TYPE") or "ra",
    )
    if profile.org_no and not is_valid_orgnr(profile.org_no):
        raise ValueError(f"BUYER_ORG_NO: '{profile.org_no}' is not a valid organisation number")
    if profile.nuts and profile.nuts not in nuts_regions():
        raise ValueError(f"BUYER_NUTS: '{profile.nuts}' is not a Norwegian NUTS-3 code")
    if len(profile.phone) > 30:
        raise ValueError("BUYER_PHONE: eForms allows at most 30 characters (BT-503)")
    if len(profile.city) > 400:
        raise ValueError("BUYER_CITY: eForms allows at most 400 characters (BT-513)")
    if profile.legal_type not in LEGAL_TYPES:
        known = ", ".join(sorted(LEGAL_TYPES))
        raise ValueError(f"BUYER_LEGAL_TYPE: '{profile.legal_type}' is not one of {known}")
    return profile


@dataclass(frozen=True)
class NoticeField:
    term: str  # the eForms business term, e.g. BT-21
    label_id: str  # a message id
    value: str
    limit: int | None = None
    issue: Phrase | None = None  # what is missing or too long
    # How the value reads to the officer when it is not the notice's own text.
    said: Phrase | None = None

    def label(self, lang: Lang) -> str:
        return tr(lang, self.label_id)

    def value_in(self, lang: Lang) -> str:
        return self.said.say(lang) if self.said is not None else self.value

    def problem(self, lang: Lang) -> str:
        return self.issue.say(lang) if self.issue else ""


@dataclass(frozen=True)
class EformsNotice:
    subtype: str  # "4", "5" or "E2"
    fields: tuple[NoticeField, ...]
    xml: bytes | None  # None while a field has a problem, or for subtype 5
    notes: tuple[Phrase, ...] = field(default=())

    @property
    def problems(self) -> list[NoticeField]:
        return [f for f in self.fields if f.issue]

    def as_json(self) -> dict[str, object]:
        return {
            "subtype": self.subtype,
            "fields": [
                {
                    "term": f.term,
                    "label": f.label("nb"),
                    "value": f.value,
                    "limit": f.limit,
                    "problem": f.problem("nb") or None,
                }
                for f in self.fields
            ],
            "xml": self.xml is not None,
            "notes": [note.say("nb") for note in self.notes],
        }


def legal_basis(brief: Brief, subtype: str, national: int) -> tuple[str, str, str]:
    """(BT-01 code, ELI reference or "", Norwegian description) for the notice; part II of
    anskaffelsesforskriften applies from the national threshold, except to special-regime
    services."""
    if subtype == "4/E2":
        return "", "", "avhenger av hoved-CPV-koden"
    if subtype == "4":
        return "32014L0024", "", "Direktiv 2014/24/EU (anskaffelsesforskriften del III)"
    if subtype == "5":
        return "32014L0025", "", "Direktiv 2014/25/EU (forsyningsforskriften del III)"
    if brief.regime is Regime.UTILITIES:
        return "other", _ELI_UTILITIES, "NOR — Forsyningsforskriften Del 1"
    if special_regime(brief) or brief.estimated_value_nok < national:
        return "other", _ELI_CLASSIC, "NOR — Anskaffelsesforskriften Del 1"
    return "other", _ELI_CLASSIC, "NOR — Anskaffelsesforskriften Del 1 og 2"


def subtype_for(brief: Brief, above: bool | None) -> str:
    if above is None:
        return "4/E2"
    if not above:
        return "E2"
    return "5" if brief.regime is Regime.UTILITIES else "4"


def planned_competition(brief: Brief, schedule: Schedule) -> tuple[date, bool]:
    """BT-127: the officer's date, else eight weeks after the dialogue's last date
    (proposed, and said to be so)."""
    if brief.competition_planned is not None:
        return brief.competition_planned, False
    last = max(day for _, day in schedule.items())
    return last + timedelta(weeks=8), True


# What each notice subtype is: the notice's Norwegian wording, and a message id to say it.
_SUBTYPE_NB = {
    "unsettled": "avhenger av hoved-CPV-koden",
    "eu": "veiledende kunngjøring kun til informasjon (EU)",
    "national": "nasjonal veiledende kunngjøring kun til informasjon",
}
_SUBTYPE = {
    "unsettled": N_("depends on the main CPV code"),
    "eu": N_("prior information notice for information only (EU)"),
    "national": N_("national prior information notice for information only"),
}


def _need(value: str, term: str, what: str) -> Phrase | None:
    """`what` (a message id) is missing, unless `value` is there."""
    if value:
        return None
    return Phrase("{what} is missing ({term}).", what=_capitalised(what), term=term)


def _capitalised(message: str) -> Said:
    """A message id said at the start of a sentence."""

    def say(lang: Lang) -> str:
        text = tr(lang, message)
        return text[:1].upper() + text[1:]

    return Said(say)


def _length(value: str, limit: int, term: str, english: str | None = None) -> Phrase | None:
    """Each language version counts on its own: the English one too, when there is one."""
    if len(value) > limit:
        return Phrase(
            "{count} characters; eForms allows {limit} ({term}). Shorten the text.",
            count=Said(lambda lang: _number(len(value), lang)),
            limit=Said(lambda lang: _number(limit, lang)),
            term=term,
        )
    if english and len(english) > limit:
        return Phrase(
            "English text: {count} characters; eForms allows {limit} ({term}). Shorten the text.",
            count=Said(lambda lang: _number(len(english), lang)),
            limit=Said(lambda lang: _number(limit, lang)),
            term=term,
        )
    return None


def _number(n: int, lang: Lang) -> str:
    """4 000 in Norwegian, 4,000 in English."""
    return f"{n:,}".replace(",", " ") if is_norwegian(lang) else f"{n:,}"


def _nature(brief: Brief) -> Phrase | None:
    """CPV division 45 is construction work: a main nature that disagrees is a slip."""
    works_code = brief.cpv_main.startswith("45")
    if not brief.cpv_main or works_code == (brief.kind is ProcurementKind.WORKS):
        return None
    return Phrase(
        "The main nature ({kind}) does not fit CPV code {cpv}; codes starting with 45 are "
        "construction work.",
        kind=Said(lambda lang: KIND_NB[brief.kind] if is_norwegian(lang) else brief.kind.value),
        cpv=brief.cpv_main,
    )


def notice_fields(
    brief: Brief,
    notice: DoffinNotice,
    schedule: Schedule,
    buyer: BuyerProfile,
    subtype: str,
    national: int,
) -> list[NoticeField]:
    """The Doffin form's fields in its order, with what is missing or too long."""
    cpv = cpv_list().get(brief.cpv_main) if brief.cpv_main else None
    org_no = brief.buyer_org_no or buyer.org_no
    nuts = brief.place_nuts or buyer.nuts
    planned, proposed = planned_competition(brief, schedule)
    code, eli, basis = legal_basis(brief, subtype, national)
    eu = subtype in ("4", "5")
    kind = "unsettled" if subtype == "4/E2" else "eu" if eu else "national"
    rows: list[NoticeField] = [
        NoticeField(
            "OPP-070",
            N_("Notice subtype"),
            f"{subtype}: {_SUBTYPE_NB[kind]}",
            said=Phrase("{subtype}: {kind}", subtype=subtype, kind=Phrase(_SUBTYPE[kind])),
        ),
        NoticeField("BT-01", N_("Legal basis"), f"{code} – {basis}" if code else basis),
        NoticeField(
            "BT-500",
            N_("Buyer"),
            brief.buyer,
            MAX_NAME,
            _length(brief.buyer, MAX_NAME, "BT-500"),
        ),  # fmt: skip
        NoticeField(
            "BT-501",
            N_("Organisation number"),
            org_no,
            None,
            _need(org_no, "BT-501", N_("the organisation number")) if eu else None,
        ),
        NoticeField(
            "BT-21",
            N_("Title"),
            notice.title_nb,
            MAX_TITLE,
            _length(notice.title_nb, MAX_TITLE, "BT-21", notice.title_en),
        ),
        NoticeField(
            "BT-24",
            N_("Description"),
            notice.description_nb,
            MAX_DESCRIPTION,
            _length(notice.description_nb, MAX_DESCRIPTION, "BT-24", notice.description_en),
        ),
        NoticeField(
            "BT-23",
            N_("Main nature"),
            f"{KIND_NB[brief.kind]} ({_NATURE[brief.kind]})",
            None,
            _nature(brief),
        ),
        NoticeField(
            "BT-262",
            N_("Main CPV code"),
            f"{cpv.code} {cpv.name_nb}" if cpv else "",
            None,
            _need(brief.cpv_main, "BT-262", N_("the main CPV code")),
        ),
    ]
    if brief.cpv_extra:
        extra = [cpv_list().get(c) for c in brief.cpv_extra]
        rows.append(
            NoticeField(
                "BT-263",
                N_("Additional CPV codes"),
                "; ".join(f"{c.code} {c.name_nb}" for c in extra if c),
            )
        )
    rows.append(
        NoticeField(
            "BT-5071",
            N_("Place of performance (NUTS)"),
            f"{nuts} {nuts_regions().get(nuts, '')}".strip(),
            None,
            _need(nuts, "BT-5071", N_("the place of performance")),
        )
    )
    rows.append(
        NoticeField(
            "BT-127",
            N_("Planned date of the competition notice"),
            planned.strftime("%d.%m.%Y") + (" (forslag)" if proposed else ""),
            said=Phrase("{date} (proposed)", date=DateText(planned)) if proposed else None,
        )
    )
    if eu:
        for term, value, what in (
            ("BT-513", buyer.city, N_("the buyer's city")),
            ("BT-512", buyer.postcode, N_("the buyer's postcode")),
            ("BT-507", buyer.nuts or nuts, N_("the buyer's region (NUTS)")),
            ("BT-503", buyer.phone, N_("the buyer's telephone")),
        ):
            rows.append(NoticeField(term, what, value, None, _need(value, term, what)))
    return rows


def _offset(day: date) -> str:
    delta = datetime.combine(day, time(12), OSLO).utcoffset() or timedelta(0)
    hours = int(delta.total_seconds() // 3600)
    return f"+{hours:02d}:00"


def eforms_notice(
    brief: Brief,
    notice: DoffinNotice,
    schedule: Schedule,
    buyer: BuyerProfile,
    above: bool | None,
    national: int,
    notice_id: str | None = None,
) -> EformsNotice:
    """The fields always; the XML when every field it needs is there and within limits."""
    subtype = subtype_for(brief, above)
    fields = notice_fields(brief, notice, schedule, buyer, subtype, national)
    notes: list[Phrase] = []
    _, proposed = planned_competition(brief, schedule)
    if proposed:
        notes.append(
            Phrase(
                "The planned competition notice (BT-127) is set eight weeks after the "
                "dialogue; change it if the plan differs."
            )
        )
    if subtype == "5":
        notes.append(
            Phrase(
                "Utilities above the EEA threshold use subtype 5; its eForms XML is not made "
                "here yet. Enter the fields in Doffin."
            )
        )
        return EformsNotice(subtype, tuple(fields), None, tuple(notes))
    if any(f.issue for f in fields):
        return EformsNotice(subtype, tuple(fields), None, tuple(notes))
    basis = legal_basis(brief, subtype, national)
    xml = _xml(brief, notice, schedule, buyer, subtype, basis, notice_id or str(uuid.uuid4()))
    return EformsNotice(subtype, tuple(fields), xml, tuple(notes))


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    prefix, _, name = tag.rpartition(":")
    element = etree.SubElement(parent, f"{{{NS[prefix or None]}}}{name}", attrs)
    if text is not None:
        element.text = text
    return element


def _texts(parent: etree._Element, tag: str, texts: list[tuple[str, str]]) -> None:
    for lang, text in texts:
        _el(parent, tag, text, languageID=lang)


def _project(
    parent: etree._Element,
    names: list[tuple[str, str]],
    descriptions: list[tuple[str, str]],
    brief: Brief,
    nuts: str,
) -> None:
    _texts(parent, "cbc:Name", names)
    _texts(parent, "cbc:Description", descriptions)
    _el(parent, "cbc:ProcurementTypeCode", _NATURE[brief.kind], listName="contract-nature")
    main = _el(parent, "cac:MainCommodityClassification")
    _el(main, "cbc:ItemClassificationCode", brief.cpv_main, listName="cpv")
    for code in brief.cpv_extra:
        extra = _el(parent, "cac:AdditionalCommodityClassification")
        _el(extra, "cbc:ItemClassificationCode", code, listName="cpv")
    address = _el(_el(parent, "cac:RealizedLocation"), "cac:Address")
    _el(address, "cbc:CountrySubentityCode", nuts, listName="nuts")
    _el(_el(address, "cac:Country"), "cbc:IdentificationCode", "NOR", listName="country")


def _xml(
    brief: Brief,
    notice: DoffinNotice,
    schedule: Schedule,
    buyer: BuyerProfile,
    subtype: str,
    basis: tuple[str, str, str],
    notice_id: str,
) -> bytes:
    eu = subtype == "4"
    # Subtype 4 needs an EU official language and a Norwegian one: English first, every
    # text in both. E2 is Norwegian.
    languages = ["ENG", "NOR"] if eu else ["NOR"]
    titles = {"NOR": notice.title_nb, "ENG": notice.title_en or notice.title_nb}
    descriptions = {"NOR": notice.description_nb, "ENG": notice.description_en or ""}
    nuts = brief.place_nuts or buyer.nuts
    root = etree.Element(f"{{{NS[None]}}}PriorInformationNotice", nsmap=NS)
    extension = _el(
        _el(_el(_el(root, "ext:UBLExtensions"), "ext:UBLExtension"), "ext:ExtensionContent"),
        "efext:EformsExtension",
    )
    _el(_el(extension, "efac:NoticeSubType"), "cbc:SubTypeCode", subtype, listName="notice-subtype")
    company = _el(_el(_el(extension, "efac:Organizations"), "efac:Organization"), "efac:Company")
    _el(_el(company, "cac:PartyIdentification"), "cbc:ID", "ORG-0001", schemeName="organization")
    party_name = _el(company, "cac:PartyName")
    _el(party_name, "cbc:Name", brief.buyer, languageID="NOR")
    postal = _el(company, "cac:PostalAddress")
    if buyer.city:
        _el(postal, "cbc:CityName", buyer.city)
    if buyer.postcode:
        _el(postal, "cbc:PostalZone", buyer.postcode)
    if buyer.nuts or nuts:
        _el(postal, "cbc:CountrySubentityCode", buyer.nuts or nuts, listName="nuts")
    _el(_el(postal, "cac:Country"), "cbc:IdentificationCode", "NOR", listName="country")
    org_no = brief.buyer_org_no or buyer.org_no
    if org_no:
        _el(_el(company, "cac:PartyLegalEntity"), "cbc:CompanyID", org_no)
    contact = _el(company, "cac:Contact")
    if buyer.phone:
        _el(contact, "cbc:Telephone", buyer.phone)
    _el(contact, "cbc:ElectronicMail", brief.contact.email)

    issued = schedule.publication
    _el(root, "cbc:UBLVersionID", "2.3")
    _el(root, "cbc:CustomizationID", CUSTOMIZATION_EU if eu else CUSTOMIZATION_NATIONAL)
    _el(root, "cbc:ID", notice_id, schemeName="notice-id")
    _el(root, "cbc:IssueDate", f"{issued.isoformat()}{_offset(issued)}")
    _el(root, "cbc:IssueTime", f"12:00:00{_offset(issued)}")
    _el(root, "cbc:VersionID", "01")
    planned, _ = planned_competition(brief, schedule)
    _el(root, "cbc:PlannedDate", f"{planned.isoformat()}{_offset(planned)}")
    code, eli, description = basis
    _el(root, "cbc:RegulatoryDomain", code)
    _el(root, "cbc:NoticeTypeCode", "pin-only", listName="planning")
    _el(root, "cbc:NoticeLanguageCode", languages[0])
    for extra_language in languages[1:]:
        _el(_el(root, "cac:AdditionalNoticeLanguage"), "cbc:ID", extra_language)
    party = _el(root, "cac:ContractingParty")
    _el(
        _el(party, "cac:ContractingPartyType"),
        "cbc:PartyTypeCode",
        buyer.legal_type,
        listName="buyer-legal-type",
    )
    if eu:
        _el(
            _el(party, "cac:ContractingActivity"),
            "cbc:ActivityTypeCode",
            buyer.activity,
            listName="authority-activity",
        )
    _el(
        _el(_el(party, "cac:Party"), "cac:PartyIdentification"),
        "cbc:ID",
        "ORG-0001",
        schemeName="organization",
    )
    if eli:
        reference = _el(
            _el(root, "cac:TenderingTerms"), "cac:ProcurementLegislationDocumentReference"
        )
        _el(reference, "cbc:ID", eli, schemeName="ELI")
        _el(reference, "cbc:DocumentDescription", description, languageID="NOR")
    name_texts = [(lang, titles[lang]) for lang in languages]
    description_texts = [(lang, descriptions[lang]) for lang in languages]
    _project(_el(root, "cac:ProcurementProject"), name_texts, description_texts, brief, nuts)
    lot = _el(root, "cac:ProcurementProjectLot")
    _el(lot, "cbc:ID", "PAR-0000", schemeName="Part")
    _project(_el(lot, "cac:ProcurementProject"), name_texts, description_texts, brief, nuts)
    xml: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return xml
