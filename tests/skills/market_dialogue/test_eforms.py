"""The market-dialogue notice in eForms: subtype 4 above the EEA threshold and E2 below,
checked against the eForms SDK's XSD and its field rules for that subtype (mandatory,
forbidden, maximum length, pattern, code list), as `fields.json` defines them."""

from __future__ import annotations

import json
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from skills.market_dialogue.brief import Brief, parse_brief
from skills.market_dialogue.doffin import above_threshold, doffin_notice
from skills.market_dialogue.eforms import BuyerProfile, EformsNotice, eforms_notice
from skills.market_dialogue.schedule import propose_schedule
from skills.market_dialogue.thresholds import load_thresholds
from tests.skills.market_dialogue.helpers import example_data

SUPPORT = Path(__file__).parents[2] / "support" / "eforms"
DATA = Path(__file__).parents[3] / "skills" / "market_dialogue" / "data"
TODAY = date(2026, 12, 1)
BUYER = BuyerProfile(
    org_no="821311632", city="Bergen", postcode="5020", nuts="NO0A2", phone="+47 55 63 90 00"
)
NS = {
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "ext": "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2",
    "efac": "http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1",
    "efbc": "http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1",
    "efext": "http://data.europa.eu/p27/eforms-ubl-extensions/1",
}
# The SDK code lists the notices use, as the SDK 1.14.2 `codelists/` give them (the
# values this product can write; cpv and nuts are checked against the vendored lists).
CODE_LISTS: dict[str, set[str]] = {
    "notice-subtype": {"4", "E2"},
    "notice-type": {"pin-only"},
    "form-type": {"planning"},
    "contract-nature": {"supplies", "services", "works"},
    "classification-type": {"cpv"},
    "country": {"NOR"},
    "legal-basis-4": {"32014L0024", "32018R1046"},
    "legal-basis-e2": {"other"},
    # The Norwegian SDK adds NOR, NOB and NNO to the EU's official languages.
    "eu-official-language": {"ENG", "NOR"},
    "buyer-legal-type": {"ra", "la", "cga", "body-pl-ra", "body-pl-la"},
    "authority-activity": {"gen-pub", "educ", "health", "soc-pro"},
}


def _brief(**changes: Any) -> Brief:
    return parse_brief(example_data(**changes))


SCHOOL_TRANSPORT = dict(
    title="Skoleskyss for videregående skoler",
    need="Elever i videregående skole som har rett til skyss, trenger transport med buss og "
    "drosje mellom hjem og skole fra skolestart 2028.",
    kind="services",
    estimated_value_nok=40_000_000,
    formats=["written", "conference"],
    dates={},
    cpv_main="60130000",
    cpv_extra=["60112000"],
    place_nuts="NO0A2",
    buyer="Vestland fylkeskommune",
    buyer_org_no="821 311 632",
    competition_planned="2027-05-03",
)
CLEANING = dict(
    title="Renhold av tannklinikker",
    kind="services",
    estimated_value_nok=900_000,
    formats=["written"],
    dates={},
    cpv_main="90911000",
    place_nuts="NO0A2",
)
RESPITE = dict(
    title="Avlastning for barn og unge",
    kind="services",
    estimated_value_nok=6_000_000,
    formats=["one_to_one"],
    dates={},
    cpv_main="85311200",
    place_nuts="NO0A2",
)


def _notice(brief: Brief, buyer: BuyerProfile = BUYER) -> EformsNotice:
    schedule = propose_schedule(brief.formats, TODAY, brief.dates)
    table = load_thresholds()
    text = doffin_notice(brief, schedule, TODAY, table)
    above = above_threshold(brief, schedule.publication, table)
    national = table.national_threshold(schedule.publication)
    return eforms_notice(
        brief, text, schedule, buyer, above, national, "1e0c4f5a-2b3d-4c5e-8f70-0a1b2c3d4e5f"
    )


@cache
def _schema() -> Any:
    path = SUPPORT / "schemas" / "maindoc" / "UBL-PriorInformationNotice-2.3.xsd"
    return etree.XMLSchema(etree.parse(str(path)))


@cache
def _fields() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SUPPORT / "fields-4-E2.json").read_text(encoding="utf-8"))
    return data


def _rule(prop: dict[str, Any] | None, subtype: str) -> Any:
    """The value of a mandatory/forbidden/codeList property for the subtype, unconditionally."""
    if not prop:
        return None
    value = prop.get("value")
    for constraint in prop.get("constraints", []):
        if subtype in constraint["noticeTypes"] and "condition" not in constraint:
            value = constraint["value"]
    return value


@cache
def _cpv_codes() -> set[str]:
    lines = (DATA / "cpv.csv").read_text(encoding="utf-8").splitlines()[1:]
    return {line.split(",", 1)[0] for line in lines}


@cache
def _nuts_codes() -> set[str]:
    lines = (DATA / "nuts_no.csv").read_text(encoding="utf-8").splitlines()[1:]
    return {line.split(",", 1)[0] for line in lines}


def _values(doc: Any, xpath: str) -> list[str] | None:
    try:
        found = doc.xpath(xpath, namespaces=NS)
    except etree.XPathError:
        return None
    if not isinstance(found, list):
        return [str(found)]
    return [item if isinstance(item, str) else (item.text or "") for item in found]


def field_rule_violations(xml: bytes, subtype: str) -> list[str]:
    """Every unconditional rule of fields.json for this subtype that the notice breaks."""
    doc = etree.fromstring(xml)
    nodes = {node["id"]: node for node in _fields()["xmlStructure"]}
    broken: list[str] = []
    unreadable = 0
    for spec in _fields()["fields"]:
        values = _values(doc, spec["xpathAbsolute"])
        if values is None:
            unreadable += 1
            continue
        parent = nodes.get(spec.get("parentNodeId", ""), {}).get("xpathAbsolute", "/*")
        parent_there = bool(_values(doc, parent))
        # A mandatory field that a conditional "forbidden" can cancel (OPP-050 with one
        # buyer, BT-803(t) without BT-803(d)) depends on the notice's content: not checked.
        cancelled = any(
            subtype in c["noticeTypes"] and "condition" in c
            for c in (spec.get("forbidden") or {}).get("constraints", [])
        )
        if _rule(spec.get("mandatory"), subtype) and parent_there and not values and not cancelled:
            broken.append(f"{spec['id']} is mandatory in {subtype} but missing")
        if _rule(spec.get("forbidden"), subtype) and values:
            broken.append(f"{spec['id']} is forbidden in {subtype} but present")
        for value in values:
            if spec["id"] == "OPT-002-notice":
                # Doffin's Norwegian suffix is removed before the notice goes to TED.
                value = value.split("#extended#", 1)[0]
            if spec.get("maxLength") and len(value) > spec["maxLength"]:
                broken.append(f"{spec['id']} is {len(value)} long, max {spec['maxLength']}")
            pattern = (spec.get("pattern") or {}).get("value")
            if pattern and not re.search(pattern, value):
                broken.append(f"{spec['id']} '{value}' does not match {pattern}")
            code_list = _rule(spec.get("codeList"), subtype)
            list_id = code_list["id"] if code_list else None
            allowed = (
                _cpv_codes()
                if list_id == "cpv"
                else _nuts_codes()
                if list_id in ("nuts", "nuts-lvl3")
                else CODE_LISTS.get(list_id or "")
            )
            if list_id and allowed is not None and value not in allowed:
                broken.append(f"{spec['id']} '{value}' is not in code list {list_id}")
            if list_id and allowed is None:
                broken.append(f"{spec['id']} uses code list {list_id}, which this test lacks")
    assert unreadable < 20, f"{unreadable} field XPaths could not be evaluated"
    return broken


def _validate(xml: bytes) -> list[str]:
    schema = _schema()
    ok = schema.validate(etree.fromstring(xml))
    return [] if ok else [f"{e.line}: {e.message}" for e in schema.error_log]


def test_school_transport_above_the_threshold_is_subtype_4_and_valid() -> None:
    notice = _notice(_brief(**SCHOOL_TRANSPORT))
    assert notice.subtype == "4"
    assert notice.problems == []
    assert notice.xml is not None
    assert _validate(notice.xml) == []
    assert field_rule_violations(notice.xml, "4") == []
    doc = etree.fromstring(notice.xml)

    def one(path: str) -> str:
        values = _values(doc, path)
        assert values is not None and len(values) == 1, (path, values)
        return values[0]

    assert one("/*/cbc:CustomizationID") == (
        "eforms-sdk-1.14#extended#urn:fdc:anskaffelser.no:2023:eforms:eu"
    )
    assert one("/*/cbc:RegulatoryDomain") == "32014L0024"
    assert (
        one("/*/cac:ProcurementProject/cac:MainCommodityClassification/cbc:ItemClassificationCode")
        == "60130000"
    )
    assert one("/*/cbc:PlannedDate") == "2027-05-03+02:00"  # summer time in May
    assert one("/*/cbc:IssueDate") == "2026-12-04+01:00"  # 2, 3, 4 December
    assert one("//efac:Company/cac:PartyLegalEntity/cbc:CompanyID") == "821311632"
    assert one("/*/cbc:NoticeLanguageCode") == "ENG"
    assert one("/*/cac:AdditionalNoticeLanguage/cbc:ID") == "NOR"
    names = _values(doc, "/*/cac:ProcurementProject/cbc:Name/@languageID")
    assert names == ["ENG", "NOR"]


@pytest.mark.parametrize(
    ("case", "basis"),
    [
        (CLEANING, "NOR — Anskaffelsesforskriften Del 1"),
        # Respite care is a special-regime service: 6 MNOK is under its 7.8 MNOK threshold.
        (RESPITE, "NOR — Anskaffelsesforskriften Del 1"),
        (dict(CLEANING, estimated_value_nok=1_500_000), "NOR — Anskaffelsesforskriften Del 1 og 2"),
    ],
)
def test_below_the_threshold_is_national_e2_and_valid(case: dict[str, Any], basis: str) -> None:
    notice = _notice(_brief(**case))
    assert notice.subtype == "E2"
    assert notice.xml is not None
    assert _validate(notice.xml) == []
    assert field_rule_violations(notice.xml, "E2") == []
    doc = etree.fromstring(notice.xml)
    assert _values(doc, "/*/cbc:CustomizationID") == [
        "eforms-sdk-1.14#extended#urn:fdc:anskaffelser.no:2026:eforms:national-e"
    ]
    assert _values(doc, "/*/cbc:RegulatoryDomain") == ["other"]
    reference = "/*/cac:TenderingTerms/cac:ProcurementLegislationDocumentReference"
    assert _values(doc, f"{reference}/cbc:ID") == ["https://lovdata.no/eli/forskrift/2016/8/12/974"]
    assert _values(doc, f"{reference}/cbc:DocumentDescription") == [basis]
    assert _values(doc, "/*/cbc:NoticeLanguageCode") == ["NOR"]


def test_the_respite_brief_needs_no_english() -> None:
    brief = _brief(**RESPITE)
    schedule = propose_schedule(brief.formats, TODAY, brief.dates)
    text = doffin_notice(brief, schedule, TODAY, load_thresholds())
    assert text.title_en is None
    assert "7 800 000 kr for helse- og sosialtjenester" in text.reasons[0]


def test_a_description_over_6000_characters_is_refused_with_its_length() -> None:
    long_need = "Behovet er beskrevet grundig. " * 130  # 3 900 characters of need
    notice = _notice(_brief(**dict(SCHOOL_TRANSPORT, need=long_need, purpose=long_need[:2000])))
    problems = {f.term: f.problem("nb") for f in notice.problems}
    assert list(problems) == ["BT-24"]
    assert "eForms tillater 6 000 (BT-24)" in problems["BT-24"]
    assert notice.xml is None


def test_missing_cpv_and_buyer_details_are_named_not_guessed() -> None:
    brief = _brief(**dict(SCHOOL_TRANSPORT, cpv_main="", cpv_extra=[], buyer_org_no=""))
    notice = _notice(brief, BuyerProfile(nuts="NO0A2"))
    terms = [f.term for f in notice.problems]
    assert terms == ["BT-501", "BT-262", "BT-513", "BT-512", "BT-503"]
    assert notice.xml is None


def test_a_utilities_buyer_above_the_threshold_gets_subtype_5_fields_without_xml() -> None:
    notice = _notice(_brief(**dict(SCHOOL_TRANSPORT, regime="utilities")))
    assert notice.subtype == "5"
    assert notice.xml is None
    assert any("undertype 5" in nb for nb in (n.say("nb") for n in notice.notes))
    # 40 MNOK is over the utilities threshold of 4.6 MNOK for services.
    assert notice.fields[1].value.startswith("32014L0025")


def test_bad_codes_are_refused_by_field() -> None:
    from skills.market_dialogue.brief import BriefError

    with pytest.raises(BriefError) as caught:
        _brief(cpv_main="99999999")
    assert caught.value.field == "cpv_main"
    with pytest.raises(BriefError) as caught:
        _brief(place_nuts="SE110")
    assert caught.value.field == "place_nuts" and "NO0A2 Vestland" in caught.value.message("nb")
    with pytest.raises(BriefError) as caught:
        _brief(buyer_org_no="821311633")
    assert caught.value.field == "buyer_org_no"


def test_services_without_a_cpv_code_between_the_thresholds_are_not_guessed() -> None:
    """6 MNOK of services is over 2.3 MNOK but under the special regime's 7.8 MNOK: which
    applies depends on the CPV code, so neither English nor a subtype is claimed."""
    brief = _brief(**dict(RESPITE, cpv_main=""))
    schedule = propose_schedule(brief.formats, TODAY, brief.dates)
    text = doffin_notice(brief, schedule, TODAY, load_thresholds())
    assert text.title_en is None
    assert text.reasons[0].startswith("Uten hoved-CPV-kode kan jeg ikke avgjøre")
    assert "7 800 000 kr" in text.reasons[0]
    notice = _notice(brief)
    assert notice.subtype == "4/E2"
    assert [f.term for f in notice.problems] == ["BT-262"]
    assert notice.xml is None


def test_a_works_code_with_goods_is_named() -> None:
    notice = _notice(_brief(**dict(CLEANING, kind="goods", cpv_main="45214220")))
    problems = {f.term: f.problem("nb") for f in notice.problems}
    assert "CPV-koden 45214220" in problems["BT-23"] and notice.xml is None


def test_the_english_description_is_held_to_6000_too() -> None:
    from skills.market_dialogue.doffin import DoffinNotice
    from skills.market_dialogue.eforms import notice_fields

    brief = _brief(**SCHOOL_TRANSPORT)
    schedule = propose_schedule(brief.formats, TODAY, brief.dates)
    text = DoffinNotice("Tittel", "Kort.", "Title", "x" * 6_100, ())
    fields = {f.term: f for f in notice_fields(brief, text, schedule, BUYER, "4", 1_300_000)}
    assert fields["BT-24"].problem("en") == (
        "English text: 6,100 characters; eForms allows 6,000 (BT-24). Shorten the text."
    )


def test_part_ii_follows_the_national_threshold_in_the_table() -> None:
    from skills.market_dialogue.eforms import legal_basis

    brief = _brief(**dict(CLEANING, estimated_value_nok=1_350_000))
    assert legal_basis(brief, "E2", 1_300_000)[2] == "NOR — Anskaffelsesforskriften Del 1 og 2"
    assert legal_basis(brief, "E2", 1_400_000)[2] == "NOR — Anskaffelsesforskriften Del 1"


async def test_a_planned_competition_before_the_dialogue_ends_is_refused() -> None:
    from skills.market_dialogue.draft import build_draft
    from skills.market_dialogue.schedule import ScheduleError

    brief = _brief(**dict(SCHOOL_TRANSPORT, competition_planned="2027-01-01"))
    with pytest.raises(ScheduleError) as caught:
        await build_draft(brief, TODAY)
    # Notice 04.12.2026 (2, 3, 4 Dec), registration 18.12 (ten days), conference 06.01.2027
    # (Christmas skipped: 4, 5, 6 Jan), written input 13.01 (7, 8, 11, 12, 13 Jan).
    assert caught.value.field == "competition_planned"
    assert "dialogen varer til 13.01.2027" in caught.value.message("nb")


def test_cpv_suggestions_for_unambiguous_titles() -> None:
    from skills.market_dialogue.cpv import cpv_list

    codes = cpv_list()
    cleaning = [c.code for c in codes.suggest("Renholdstjenester", "Renhold av kontorer")]
    assert "90911000" in cleaning  # Renholdstjenester for lokaler, bygninger og vinduer
    school = [c.code for c in codes.suggest("Bygging av ny videregående skole")]
    assert school[0] == "45214220"  # … Ungdomsskole/Videregående skole
    furniture = [c.code for c in codes.suggest("Rammeavtale for skolemøbler")]
    assert furniture[0] == "39160000"  # Skolemøbler
    assert codes.suggest("xyzzy") == []
