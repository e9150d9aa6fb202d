"""The demo contract register: about 40 rows whose dates are placed relative to `today`.

Each row names one date (an option notice, a termination notice, the end date or the
start of the next procurement) and how many days from today it falls; every other date
is derived from it, so reminders are always due in the next days, weeks and months.
"""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from graph.localtenant.orgnr import make_orgnr

COLUMNS = (
    "kontrakt_id",
    "tittel",
    "leverandor",
    "org_nr",
    "eier",
    "kategori",
    "avtaletype",
    "start",
    "slutt",
    "opsjoner",
    "opsjon_varsel_mnd",
    "fornyes_automatisk",
    "oppsigelse_mnd",
    "ledetid_mnd",
    "status",
    "endringer",
    "verdi",
    "maksverdi",
)


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    mail: str
    job_title: str


# The six people of bot/playground.yml (same aadObjectIds, names and addresses).
PEOPLE = (
    Person("0b1e8a52-3c4d-4e5f-8a9b-100000000001", "Ingrid Haugen",
           "ingrid.haugen@innkjop.example.no", "Seniorrådgiver anskaffelser"),
    Person("0b1e8a52-3c4d-4e5f-8a9b-100000000002", "Lars Berg",
           "lars.berg@innkjop.example.no", "Kontraktsforvalter"),
    Person("0b1e8a52-3c4d-4e5f-8a9b-100000000003", "Sofie Nilsen",
           "sofie.nilsen@innkjop.example.no", "Innkjøpsrådgiver"),
    Person("0b1e8a52-3c4d-4e5f-8a9b-100000000004", "Henrik Dahl",
           "henrik.dahl@innkjop.example.no", "Fagleder kontraktsoppfølging"),
    Person("0b1e8a52-3c4d-4e5f-8a9b-100000000005", "Marte Solberg",
           "marte.solberg@innkjop.example.no", "Rådgiver anskaffelser"),
    Person("0b1e8a52-3c4d-4e5f-8a9b-100000000006", "Jonas Lie",
           "jonas.lie@innkjop.example.no", "Innkjøpssjef"),
)  # fmt: skip
OWNERS = tuple(person.mail for person in PEOPLE)

DEFAULT_NOTICE_MONTHS = 3

# Two lines per row: seq|tittel|leverandør, then, indented: kategori|R (rammeavtale) or
# K (kontrakt)|months in the current period|options left|option notice months|renews (j/-)|
# termination notice months|re-tender lead months|status|owner index|anchor (v = option
# notice, o = termination notice, s = end, a = re-tender start) with its offset in days
# from today|flags (no = DD.MM.YYYY dates, bad-date, bad-opt, bad-org, @key = the row is
# described by documents in the library).
_TABLE = """
17|Rammeavtale IKT-driftstjenester|Driftspartner Innlandet AS
    IKT|R|24|1+1|3|-||12|aktiv|0|v+5|@ikt
31|Renholdstjenester for administrasjonsbygg|Rent & Klart Renhold AS
    renhold|K|36|||j|6|9|aktiv|1|o+9|@renhold
9|Rammeavtale kontorrekvisita og papir|Papir & Penn Norge AS
    kontorrekvisita|R|24|1+1||-||9|aktiv|2|v+12|@kontor
44|Kaffe- og vannautomater med service|Bryggeriet Kaffeservice AS
    mat og drikke|K|36|||j|3|6|aktiv|3|o+4
52|Konsulentbistand kategoristrategi|Innsikt Rådgivning AS
    konsulenttjenester|K|10|||-||4|aktiv|4|s+7
23|Elevtransport med ekspressbuss|Fjordbuss Transport AS
    transport|R|48|||-||12|aktiv|5|a+10|@buss
12|Rammeavtale strøm og kraftforvaltning|Fjellkraft Energi AS
    energi|R|24|1|6|-||12|aktiv|3|v+30
38|Trygghetsalarmer og responstjeneste|Omsorgsteknikk Norge AS
    helse- og velferdstjenester|K|48|2|6|-||15|aktiv|4|v+45
27|Rådgivende ingeniørtjenester (RIB/RIV)|Vestfjell Rådgivning AS
    bygg og anlegg|R|24|1+1|3|-||9|aktiv|5|v+60|no
61|Budtjenester og internpost|Bybud Ekspress AS
    transport|K|12|6m+6m|2|-||4|aktiv|1|v+20
19|Matvarer til kantiner og kurs|Nordlys Matgrossist AS
    mat og drikke|R|24|1+1|3|-||9|aktiv|2|v+130
71|Lisenser for kontorstøtteprogramvare|Skylager Lisens AS
    IKT|K|12|||j|3|4|aktiv|0|o+50
35|Vinduspuss og fasadevask|Klarsyn Vinduspuss AS
    renhold|K|24|1|3|-||6|aktiv|1|v+70
48|Kurs i anskaffelsesregelverket|Regelverkskompetanse AS
    konsulenttjenester|K|6|||-||3|aktiv|2|s+110
14|Vikartjenester helse og omsorg|Pleiepartner Bemanning AS
    helse- og velferdstjenester|R|24|1+1|4|-||12|aktiv|4|v+25
4|Rammeavtale skolemøbler|Kontormøbel Nord AS
    skolemøbler|R|48|||-||9|aktiv|0|s+200|@skolemobler
21|Rammeavtale PC-er og nettbrett|Datapunkt Norge AS
    IKT|R|24|1+1|3|-||12|aktiv|3|v+160
66|Datakommunikasjon og fiberlinjer|Nettlinje Fjord AS
    IKT|K|36|1|6|-||12|aktiv|0|v+260
29|Rammeavtale vaktmestertjenester|Trygg Eiendomsservice AS
    bygg og anlegg|R|24|1+1|3|-||9|aktiv|5|v+320
57|Snøbrøyting og strøing|Vinterdrift Innlandet AS
    bygg og anlegg|K|36|1+1|3|-||9|aktiv|5|v+180
40|Laboratorieinnredning til naturfagrom|Labinventar Norden AS
    skolemøbler|K|24|||-||6|aktiv|2|s+150
33|Printere og multifunksjonsmaskiner|Printpartner AS
    IKT|R|36|1|3|-||9|aktiv|1|v+400|@printer
8|Drivstoff og elbillading|Veiladen Energi AS
    energi|R|24|1+1|3|-||9|aktiv|3|v+210
75|Fjernvarme til skolebygg|Varmeverket Innlandet AS
    energi|K|60|||j|12|12|aktiv|3|o+300|no
46|Arbeidsklær og verneutstyr|Verneklær Norge AS
    arbeidsklær og verneutstyr|R|24|1+1|3|-||9|aktiv|3|v+170
53|Bedriftshelsetjeneste|Arbeidshelse Vest AS
    helse- og velferdstjenester|K|24|1+1|3|-||9|aktiv|4|v+240
26|Frukt og grønt til skolekantiner|Grøntgrossisten AS
    mat og drikke|R|24|1|3|-||9|aktiv|2|v+150
11|Juridisk bistand i offentlige anskaffelser|Advokatfirmaet Lind & Moe AS
    konsulenttjenester|R|24|1+1|2|-||9|aktiv|0|v+330
62|Drosjetjenester|Byens Taxisentral AS
    transport|R|24|1+1|3|-||9|aktiv|1|v+120
37|Byggevarer til vedlikehold|Byggmarked Innlandet AS
    bygg og anlegg|R|24|1+1||-||9|aktiv|5|v+140|no
15|Tolketjenester|Språkbro Tolk AS
    helse- og velferdstjenester|R|24|1+1|3|-||9|aktiv|4|v+190|bad-org
3|Rammeavtale kopipapir|Papir & Penn Norge AS
    kontorrekvisita|R|48|||-||9|utløpt|2|s-45
42|Prosjektledelse skolebygg nord|Vestfjell Rådgivning AS
    bygg og anlegg|K|18|||-||6|utløpt|5|s-120
6|Mobiltelefoni og mobilt bredbånd|Mobilnett Norge AS
    IKT|R|48|||-||12|utløpt|0|s-300
24|Renhold av skolebygg, sone sør|Glans Renhold AS
    renhold|K|24|1|3|-||9|avsluttet|1|s-60
55|Kantinedrift i fylkeshuset|Smak & Behag Catering AS
    mat og drikke|K|36|||j|3|6|avsluttet|3|s-200
49|Vakt- og sikkerhetstjenester|Vaktvern Norge AS
    konsulenttjenester|K|24|1+1|3|-||9|aktiv|4|v+100|bad-date
36|Digitale læremidler|Læremiddelhuset AS
    kontorrekvisita|R|24|x+1|3|-||9|aktiv|2|v+95|bad-opt
59|Ombruk og reparasjon av møbler|Grønn Innredning AS
    skolemøbler|K|24|1|3|-||6|aktiv|0|v+230
68|Flytte- og lagertjenester|Flyttelaget Midt AS
    transport|R|24|1+1|3|-||9|aktiv|1|v+280|no
"""


# Framework agreements' estimated value and, for some, maximum value (NOK excl. VAT), by
# row number: the spend demo (demo_spend.py) pays register suppliers about 80 % of the
# estimate's yearly share, so consumption is plausible. The IKT operations framework (17)
# is the exception: its fixed invoices pass its maximum, the story of an overrun.
_VALUES = {
    17: ("10000000", "11000000"),
    9: ("12000000", "16000000"),
    23: ("120000000", "160000000"),
    12: ("72000000", ""),
    27: ("16000000", "24000000"),
    19: ("18000000", "24000000"),
    14: ("28000000", ""),
    4: ("32000000", "40000000"),
    21: ("48000000", "60000000"),
    29: ("14000000", ""),
    33: ("12000000", ""),
    8: ("10000000", ""),
    46: ("6000000", "8000000"),
    26: ("4800000", ""),
    11: ("8000000", "10000000"),
    62: ("6000000", ""),
    37: ("12000000", ""),
    15: ("4000000", ""),
    3: ("8000000", ""),
    6: ("16000000", ""),
    36: ("10000000", ""),
    68: ("4000000", ""),
}


@dataclass(frozen=True)
class Contract:
    """One register row, plus what the document generator needs to describe it."""

    fields: dict[str, str]
    key: str
    start: date
    end: date

    @property
    def contract_id(self) -> str:
        return self.fields["kontrakt_id"]


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months; the day of month is clamped to the month's length."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def option_months(options: str) -> int:
    """Total months in an option string: "1+1" are years, "6m+6m" months, "" none."""
    total = 0
    for part in filter(None, (p.strip() for p in options.split("+"))):
        total += int(part[:-1]) if part.endswith("m") else int(part) * 12
    return total


def notice_date(contract: Contract) -> date:
    """The first notice date of a row: option notice, termination notice or the end itself."""
    f = contract.fields
    if f["opsjoner"]:
        return add_months(contract.end, -int(f["opsjon_varsel_mnd"] or DEFAULT_NOTICE_MONTHS))
    if f["fornyes_automatisk"] == "ja":
        return add_months(contract.end, -int(f["oppsigelse_mnd"]))
    return contract.end


def format_date(day: date, style: str) -> str:
    return day.strftime("%d.%m.%Y") if style == "no" else day.isoformat()


def _end_date(today: date, anchor: str, cols: list[str]) -> date:
    """The end of the current period, placed so the anchored date is today + offset."""
    kind, offset = anchor[0], int(anchor[1:])
    target = today + timedelta(days=offset)
    notice = int(cols[7] or DEFAULT_NOTICE_MONTHS)
    if kind == "v":
        return add_months(target, notice)
    if kind == "o":
        return add_months(target, int(cols[9]))
    if kind == "a":
        return add_months(add_months(target, int(cols[10])), -option_months(cols[6]))
    return target


def _iso_z(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _stamp(rng: random.Random, day: date) -> datetime:
    clock = time(rng.randrange(7, 16), rng.randrange(60), rng.randrange(60))
    return datetime.combine(day, clock, tzinfo=UTC)


def build_contracts(today: date) -> list[Contract]:
    """The register rows for `today`, in a stable order."""
    lines = _TABLE.strip().splitlines()
    rows = [f"{head}|{tail.strip()}" for head, tail in zip(lines[::2], lines[1::2], strict=True)]
    contracts: list[Contract] = []
    for line in rows:
        cols = line.split("|")
        flags = cols[14:]
        key = next((f[1:] for f in flags if f.startswith("@")), "")
        style = "no" if "no" in flags else "iso"
        end = _end_date(today, cols[13], cols)
        start = add_months(end + timedelta(days=1), -int(cols[5]))
        orgnr = make_orgnr(cols[2])
        if "bad-org" in flags:
            orgnr = orgnr[:8] + str((int(orgnr[8]) + 1) % 10)
        fields = {
            "kontrakt_id": f"{start.year}-{int(cols[0]):03d}",
            "tittel": cols[1],
            "leverandor": cols[2],
            "org_nr": orgnr,
            "eier": OWNERS[int(cols[12])],
            "kategori": cols[3],
            "avtaletype": "rammeavtale" if cols[4] == "R" else "kontrakt",
            "start": format_date(start, style),
            "slutt": "31.13.2025" if "bad-date" in flags else format_date(end, style),
            "opsjoner": cols[6],
            "opsjon_varsel_mnd": cols[7],
            "fornyes_automatisk": "ja" if cols[8] == "j" else "nei",
            "oppsigelse_mnd": cols[9],
            "ledetid_mnd": cols[10],
            "status": cols[11],
            "endringer": "",
            "verdi": _VALUES.get(int(cols[0]), ("", ""))[0],
            "maksverdi": _VALUES.get(int(cols[0]), ("", ""))[1],
        }
        contracts.append(Contract(fields=fields, key=key, start=start, end=end))
    return contracts


def register_list(today: date) -> dict[str, Any]:
    """The SharePoint list `kontraktsregister` as the local tenant stores it."""
    rng = random.Random(f"listitems:{today.isoformat()}")
    items: list[dict[str, Any]] = []
    for number, contract in enumerate(build_contracts(today), start=1):
        created_day = min(contract.start, today) - timedelta(days=rng.randrange(5, 40))
        created = _stamp(rng, created_day)
        span = max((today - created_day).days - 1, 0)
        modified = max(_stamp(rng, created_day + timedelta(days=rng.randint(0, span))), created)
        items.append(
            {
                "id": str(number),
                "createdDateTime": _iso_z(created),
                "lastModifiedDateTime": _iso_z(modified),
                "fields": {"Title": contract.fields["tittel"], **contract.fields},
            }
        )
    return {
        "id": "33333333-aaaa-4bbb-8ccc-000000000001",
        "name": "kontraktsregister",
        "displayName": "Kontraktsregister",
        "columns": list(COLUMNS),
        # Created with these internal names, then given Norwegian titles in SharePoint.
        "columnTitles": COLUMN_TITLES,
        "items": items,
    }


COLUMN_TITLES = {
    "Title": "Tittel",
    "kontrakt_id": "Kontrakt-ID",
    "tittel": "Avtalenavn",
    "leverandor": "Leverandør",
    "org_nr": "Org.nr.",
    "eier": "Kontraktseier",
    "kategori": "Kategori",
    "avtaletype": "Avtaletype",
    "start": "Startdato",
    "slutt": "Sluttdato",
    "opsjoner": "Opsjoner",
    "opsjon_varsel_mnd": "Varsel opsjon (mnd)",
    "fornyes_automatisk": "Automatisk fornyelse",
    "oppsigelse_mnd": "Oppsigelsestid (mnd)",
    "ledetid_mnd": "Ledetid (mnd)",
    "status": "Status",
    "endringer": "Endringer",
    "verdi": "Estimert verdi",
    "maksverdi": "Maksverdi",
}

# A register list created in SharePoint with Norwegian titles from the start, the way an
# office builds one: SharePoint derives internal names by escaping (`Leverand_x00f8_r`)
# or, for some titles, numbers them (`field_6`). Graph keys fields by internal name, date
# columns come as the UTC instant of midnight in Oslo, numbers as floats, yes/no as
# booleans. Fixed dates, so tests can state the deadlines by hand.
IMPORT_COLUMNS = {
    "Title": "Avtalenavn",
    "Kontrakt_x002d_ID": "Kontrakt-ID",
    "Leverand_x00f8_r": "Leverandør",
    "Org_x002e_nr_x002e_": "Org.nr.",
    "Kontraktseier": "Kontraktseier",
    "Avtaletype": "Avtaletype",
    "field_6": "Startdato",
    "field_7": "Sluttdato",
    "Opsjoner": "Opsjoner",
    "Varsel_x0020_opsjon_x0020__x0028_mnd_x0029_": "Varsel opsjon (mnd)",
    "Automatisk_x0020_fornyelse": "Automatisk fornyelse",
    "Oppsigelsestid": "Oppsigelsestid",
    "Ledetid_x0020__x0028_mnd_x0029_": "Ledetid (mnd)",
    "Endringer": "Endringer",
}
_IMPORT_ROWS = (
    ("2024-101", "Skolemøbler", "Kontormøbel Nord AS", "NO 987 654 325 MVA",
     "ingrid.haugen@innkjop.example.no", "Rammeavtale", "2024-02-29T23:00:00Z",
     "2027-02-27T23:00:00Z", "1+1", 3.0, False, None, 12.0),
    ("2024-102", "Kontorrekvisita", "Papir & Penn AS", "974760673",
     "lars.berg@innkjop.example.no", "Rammeavtale", "2024-12-31T23:00:00Z",
     "2026-12-30T23:00:00Z", "opsjon 1+1+1", 3.0, False, None, None),
    ("2024-103", "Renholdsmidler", "Rent & Klart AS", None, "sofie.nilsen@innkjop.example.no",
     "Rammeavtale", "2025-01-31T23:00:00Z", "2027-01-30T23:00:00Z", "2x1 år", 3.0, False, None,
     12.0),
    ("2025-201", "Kantinedrift", "Mat & Miljø AS", "982 525 608",
     "marte.solberg@innkjop.example.no", "Enkeltkontrakt", "2025-02-28T23:00:00Z",
     "2027-04-29T22:00:00Z", "ingen", None, True, "3 mnd", None),
    ("2025-202", "Vaktmestertjenester", "Bygg & Drift AS", None, "henrik.dahl@innkjop.example.no",
     "Tjenestekontrakt", "2025-05-31T22:00:00Z", "2027-05-30T22:00:00Z", None, None, True, None,
     None),
    ("2025-203", "Leasing av tjenestebiler", "Bilpartner AS", None, "jonas.lie@innkjop.example.no",
     "Leieavtale", "2025-08-14T22:00:00Z", "2028-08-13T22:00:00Z", "6+6 mnd", 2.0, False, None,
     None),
)  # fmt: skip


def import_register_list() -> dict[str, Any]:
    """The list `kontraktsregister-import` as the local tenant stores it."""
    names = [name for name in IMPORT_COLUMNS if name != "Title"]
    items = []
    for number, row in enumerate(_IMPORT_ROWS, start=1):
        contract_id, title, *rest = row
        fields: dict[str, Any] = {"Title": title, "Kontrakt_x002d_ID": contract_id}
        fields.update({k: v for k, v in zip(names[1:-1], rest, strict=True) if v is not None})
        items.append(
            {
                "id": str(number),
                "createdDateTime": "2025-09-01T08:00:00Z",
                "lastModifiedDateTime": "2025-09-01T08:00:00Z",
                "fields": fields,
            }
        )
    return {
        "id": "33333333-aaaa-4bbb-8ccc-000000000002",
        "name": "kontraktsregister-import",
        "displayName": "Kontraktsregister (importert fra Excel)",
        "columns": names,
        "columnTitles": IMPORT_COLUMNS,
        "items": items,
    }
