"""A held-out set of contracts for the contract-terms extractor.

Written without looking at the extractor or its own tests: the contracts are worded the
way Norwegian public buyers and their suppliers write them (DFØ-style framework
agreements with numbered clauses, bespoke contracts, call-offs, amendments, nynorsk,
English SaaS terms), and the expected values are what a contract manager types into the
register, by hand, in the register syntax described in contract_corpus.py:

    start, slutt          ISO dates; slutt = the day before the same date N months after
                          the start when only a term length is given
    varighet_mnd          only when a term length is stated
    opsjoner              "1+1" (years), "6m+6m" (months), "" = the contract says none
    opsjon_varsel_mnd,
    oppsigelse_mnd        months; weeks and days rounded up
    fornyes_automatisk    "ja" / "nei"

None means the documents do not say. A start "ved signering" is the later signature date.
Every case carries numbers that are not contract terms: version histories, the term of
the framework agreement a call-off is made under, warranties, price indexation dates,
the offer's binding period, notices for price changes, response times.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

import docx
from docx.shared import Pt

from tests.skills.contracts.contract_corpus import (
    BERGEN,
    RFK,
    STAVANGER,
    VLFK,
    Block,
    Case,
    docx_bytes,
    pdf_bytes,
)

# --- a Word document with multi-column tables ----------------------------------------------

Grid = Sequence[Sequence[str]]


def docx_with_grids(
    blocks: Sequence[Block],
    grids: Mapping[str, Grid],
    *,
    title: str,
    header: str = "",
) -> bytes:
    """`docx_bytes`, then every paragraph whose whole text is a key of `grids` is replaced
    by a real Word table (Table Grid style) with that many columns; the first row is a
    header row in bold, as Word users make them."""
    document = docx.Document(io.BytesIO(docx_bytes(blocks, title=title, header=header)))
    for paragraph in list(document.paragraphs):
        rows = grids.get(paragraph.text)
        if rows is None:
            continue
        table = document.add_table(rows=0, cols=len(rows[0]))
        table.style = document.styles["Table Grid"]
        for number, row in enumerate(rows):
            cells = table.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                run = cell.paragraphs[0].add_run(text)
                run.bold = number == 0
                run.font.size = Pt(10)
        paragraph._p.addprevious(table._tbl)
        paragraph._p.getparent().remove(paragraph._p)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


SUNNFJORD = "Sunnfjord kommune, org.nr. 924 997 503"
SFVL = "Statsforvaltaren i Vestland, org.nr. 974 760 983"


# --- h01. DFØ-style framework agreement, numbered clauses 2.1 and 2.2 ----------------------


def _dfo_mobler() -> list[tuple[str, bytes]]:
    blocks: list[Block] = [
        ("title", "Rammeavtale for kjøp av møbler og inventar"),
        ("p", "Saksnummer 2024/11873 – Rammeavtale nr. SFVL-2025-02"),
        ("h1", "1 Generelt"),
        ("h2", "1.1 Avtalens parter"),
        ("p", f"Oppdragsgiver: {SFVL}, Njøsavegen 2, 6863 Leikanger"),
        ("p", "Leverandør: Kontorinnredning Vest AS, org.nr. 913 620 417, Sandviksveien 2, Bergen"),
        ("h2", "1.2 Avtalens omfang"),
        (
            "p",
            "Rammeavtalen omfatter kjøp av kontormøbler, møteromsmøbler og inventar til "
            "Oppdragsgivers kontorsteder i Leikanger, Bergen og Førde. Oppdragsgiver forplikter "
            "seg ikke til å kjøpe et bestemt volum. Estimert verdi over avtalens maksimale "
            "løpetid er 6 millioner kroner eks. mva.",
        ),
        ("h2", "1.3 Avtaledokumenter"),
        (
            "p",
            "Avtalen består av denne avtaleteksten og bilag 1 Kravspesifikasjon, bilag 2 "
            "Leverandørens besvarelse og bilag 3 Prisskjema. Ved motstrid gjelder avtaleteksten "
            "foran bilagene.",
        ),
        ("h1", "2 Avtaleperiode"),
        ("h2", "2.1 Avtalens varighet"),
        ("p", "Rammeavtalen gjelder fra 01.05.2025 og har en varighet på 2 år."),
        ("h2", "2.2 Opsjon på forlengelse"),
        ("p", "Oppdragsgiver kan forlenge avtalen med inntil 1 år + 1 år på uendrede vilkår."),
        (
            "p",
            "Melding om forlengelse skal gis skriftlig senest 3 måneder før avtalen utløper. "
            "Rammeavtalens samlede varighet kan ikke overstige 4 år, jf. anskaffelsesforskriften "
            "§ 26-2 (1).",
        ),
        ("h2", "2.3 Oppsigelse"),
        (
            "p",
            "Oppdragsgiver kan si opp rammeavtalen med 6 måneders skriftlig varsel. Leverandøren "
            "kan ikke si opp avtalen i avtaleperioden.",
        ),
        ("h1", "3 Avrop og levering"),
        (
            "p",
            "Avrop skal bekreftes skriftlig innen 2 virkedager. Leveringstid er 6 uker fra "
            "avrop, montert og med emballasje fjernet. Reklamasjonsfristen er 5 år for møbler, "
            "jf. kjøpsloven § 32.",
        ),
        ("h1", "4 Priser og prisregulering"),
        (
            "p",
            "Prisene er faste i 12 måneder fra avtalens ikrafttredelse. Deretter kan prisene "
            "justeres én gang årlig med virkning fra 1. mai, etter endringen i SSBs "
            "konsumprisindeks. Krav om prisjustering skal fremsettes skriftlig senest 1 måned "
            "før justeringen.",
        ),
        ("h1", "5 Underskrifter"),
        ("p", "Avtalen er signert elektronisk."),
        (
            "sign",
            [
                ("For Oppdragsgiver", "For Leverandøren"),
                ("Leikanger, 22.04.2025", "Bergen, 23.04.2025"),
                ("Ingrid Vikøren, seksjonssjef", "Tor Ellingsen, daglig leder"),
            ],
        ),
    ]
    return [
        (
            "Rammeavtale møbler og inventar SFVL-2025-02 signert.docx",
            docx_bytes(blocks, title="Rammeavtale for kjøp av møbler og inventar"),
        )
    ]


H01 = Case(
    "h01_dfo_nummererte_punkt",
    "DFØ-style rammeavtale (docx): '2.1 Avtalens varighet' 'gjelder fra 01.05.2025 og har en "
    "varighet på 2 år', '2.2' 'inntil 1 år + 1 år på uendrede vilkår' on its own paragraph; "
    "'samlede varighet kan ikke overstige 4 år', fixed prices 12 months, 1 month notice of "
    "price change",
    _dfo_mobler,
    {
        "start": "2025-05-01",
        "slutt": "2027-04-30",
        "varighet_mnd": "24",
        "opsjoner": "1+1",
        "opsjon_varsel_mnd": "3",
        "fornyes_automatisk": None,
        "oppsigelse_mnd": "6",
    },
)


# --- h02. Bespoke contract: "Kontraktsperioden starter … og varer til …" (pdf) -------------


def _pasienttransport() -> list[tuple[str, bytes]]:
    blocks: list[Block] = [
        ("title", "KONTRAKT"),
        ("p", "om kjøp av pasienttransport med drosje i Nordhordland – saksnr. 2024/4411"),
        ("h1", "1 Kontraktens parter"),
        (
            "p",
            "Oppdragsgiver: Helse Bergen HF, org.nr. 983 974 724, Haukeland universitetssjukehus",
        ),
        ("p", "Leverandør: Nordhordland Taxi AS, org.nr. 931 456 220, 5914 Isdalstø"),
        ("h1", "2 Kontraktsperiode"),
        (
            "p",
            "Kontraktsperioden starter 01.08.2025 og varer til 31.07.2028. Oppdragsgiver har "
            "rett, men ikke plikt, til å forlenge kontrakten med ett år, inntil to ganger, på "
            "samme vilkår. Beslutning om forlengelse meddeles Leverandøren skriftlig senest seks "
            "måneder før kontraktsperiodens utløp.",
        ),
        ("h1", "3 Forberedelser"),
        (
            "p",
            "Leverandøren skal innen 01.07.2025 dokumentere at alle sjåfører har gjennomført "
            "kurs i pasientbehandling, og at kjøretøyene er godkjent for rullestol. Bestillinger "
            "mottas fra Pasientreiser Vest hele døgnet; hentetid for haster er 30 minutter.",
        ),
        ("h1", "4 Vederlag og prisregulering"),
        (
            "p",
            "Vederlaget beregnes etter prisskjemaet i bilag 3. Prisene reguleres 1. august hvert "
            "år etter NHO Transports kostnadsindeks for drosje. Faktura sendes månedlig "
            "etterskuddsvis med 30 dagers betalingsfrist.",
        ),
        ("h1", "5 Oppsigelse og heving"),
        (
            "p",
            "Oppdragsgiver kan si opp kontrakten med tre måneders skriftlig varsel. Ved "
            "vesentlig mislighold kan den annen part heve kontrakten med 14 dagers skriftlig "
            "varsel dersom forholdet ikke er rettet innen fristen.",
        ),
        ("h1", "6 Underskrift"),
        (
            "sign",
            [
                ("For Oppdragsgiver", "For Leverandøren"),
                ("Bergen, 16.06.2025", "Isdalstø, 13.06.2025"),
                ("Marit Hope, innkjøpsleder", "Rune Kvamme, daglig leder"),
            ],
        ),
    ]
    return [
        (
            "Kontrakt pasienttransport Nordhordland signert.pdf",
            pdf_bytes(blocks, title="Kontrakt pasienttransport", header="Helse Bergen HF"),
        )
    ]


H02 = Case(
    "h02_kontraktsperioden_starter_varer_til",
    "Bespoke contract (pdf): 'Kontraktsperioden starter 01.08.2025 og varer til 31.07.2028', "
    "'forlenge … med ett år, inntil to ganger', 'seks måneder før'; a preparation deadline "
    "01.07.2025, price regulation 1. august, heving with 14 days",
    _pasienttransport,
    {
        "start": "2025-08-01",
        "slutt": "2028-07-31",
        "varighet_mnd": None,
        "opsjoner": "1+1",
        "opsjon_varsel_mnd": "6",
        "fornyes_automatisk": None,
        "oppsigelse_mnd": "3",
    },
)


# --- h03. "Avtaleperiode: 2 år med opsjon på ytterligere 2 x 1 år" as label lines ---------


def _bht() -> list[tuple[str, bytes]]:
    blocks: list[Block] = [
        ("title", "Avtale om bedriftshelsetjeneste"),
        ("p", f"mellom {STAVANGER} (Kunden) og Arbeidshelse Sør-Vest AS, org.nr. 912 004 118"),
        ("bold", "Avtalevilkår"),
        ("p", "Avtaleperiode: 2 år med opsjon på ytterligere 2 x 1 år"),
        ("p", "Oppstart: 1. september 2025"),
        (
            "p",
            "Opsjon: Kunden gir melding om bruk av opsjon senest 2 måneder før utløpet av "
            "gjeldende periode.",
        ),
        ("p", "Oppsigelse: 3 måneder for begge parter"),
        ("bold", "Tjenestens innhold"),
        (
            "p",
            "Leverandøren skal gjennomføre lovpålagt kartlegging av arbeidsmiljøet ved alle "
            "kommunens enheter innen 6 måneder etter oppstart, og levere årsrapport innen 1. "
            "mars hvert år. Helsekontroller for nattarbeidere gjennomføres hvert 2. år.",
        ),
        ("bold", "Pris"),
        (
            "p",
            "Fast årlig honorar er 1 940 000 kroner eks. mva, fakturert kvartalsvis. Timepris "
            "for tilleggstjenester er 1 150 kroner.",
        ),
        ("bold", "Underskrift"),
        ("p", "Stavanger, 21. august 2025"),
        ("p", "Stavanger kommune v/ HR-direktør"),
        ("p", "Arbeidshelse Sør-Vest AS v/ daglig leder"),
    ]
    return [
        (
            "Avtale bedriftshelsetjeneste Stavanger signert.docx",
            docx_bytes(blocks, title="Avtale om bedriftshelsetjeneste"),
        )
    ]


H03 = Case(
    "h03_avtaleperiode_2_ar_med_opsjon_2x1",
    "BHT avtale (docx): label lines in the body 'Avtaleperiode: 2 år med opsjon på "
    "ytterligere 2 x 1 år', 'Oppstart: 1. september 2025', 'Oppsigelse: 3 måneder for "
    "begge parter'; kartlegging within 6 months, checks every 2nd year",
    _bht,
    {
        "start": "2025-09-01",
        "slutt": "2027-08-31",
        "varighet_mnd": "24",
        "opsjoner": "1+1",
        "opsjon_varsel_mnd": "2",
        "fornyes_automatisk": None,
        "oppsigelse_mnd": "3",
    },
)


# --- h04. Runs until terminated ---------------------------------------------------------------


def _vaskeri() -> list[tuple[str, bytes]]:
    blocks: list[Block] = [
        ("title", "Avtale om vask og leie av tøy"),
        ("p", "Sykehjemmene i Stavanger kommune – leie av sengetøy, håndklær og arbeidstøy"),
        ("h1", "1. Partene"),
        ("p", f"Kunden: {STAVANGER}, Helse og velferd"),
        ("p", "Leverandøren: Rogaland Vaskeri AS, org.nr. 986 120 553, 4313 Sandnes"),
        ("h1", "2. Avtalens varighet og oppsigelse"),
        (
            "p",
            "Avtalen gjelder fra 1. november 2025 og løper til den sies opp. Avtalen har en "
            "gjensidig oppsigelsesfrist på 3 måneder, regnet fra den første i måneden etter at "
            "oppsigelsen er mottatt.",
        ),
        (
            "p",
            "Avtalen erstatter avtale om vaskeritjenester datert 12.03.2019, som opphører "
            "31.10.2025.",
        ),
        ("h1", "3. Henting og levering"),
        (
            "p",
            "Tøy hentes to ganger per uke og leveres tilbake innen 48 timer. Mangler ved levert "
            "tøy meldes innen 5 virkedager.",
        ),
        ("h1", "4. Priser"),
        (
            "p",
            "Prisene følger prislisten i bilag 1. Leverandøren kan justere prisene én gang per "
            "år med 2 måneders skriftlig varsel. Betalingsfrist er 30 dager.",
        ),
        ("h1", "5. Signatur"),
        (
            "sign",
            [
                ("For Kunden", "For Leverandøren"),
                ("Stavanger, 08.10.2025", "Sandnes, 06.10.2025"),
            ],
        ),
    ]
    return [("Avtale vask og leie av tøy signert.docx", docx_bytes(blocks, title="Vaskeri"))]


H04 = Case(
    "h04_loper_til_den_sies_opp",
    "Vaskeri (docx): 'gjelder fra 1. november 2025 og løper til den sies opp', "
    "'gjensidig oppsigelsesfrist på 3 måneder'; the replaced contract 'opphører 31.10.2025'; "
    "2 months notice of price change",
    _vaskeri,
    {
        "start": "2025-11-01",
        "slutt": None,
        "varighet_mnd": None,
        "opsjoner": None,
        "opsjon_varsel_mnd": None,
        "fornyes_automatisk": None,
        "oppsigelse_mnd": "3",
    },
)


# --- h05. Renews automatically, 90 days' notice ---------------------------------------------


def _heis() -> list[tuple[str, bytes]]:
    blocks: list[Block] = [
        ("title", "Serviceavtale for heisanlegg"),
        ("p", "Service og vedlikehold av 34 heiser i kommunale bygg, Bergen kommune"),
        ("h1", "1. Partene"),
        ("p", f"Kunde: {BERGEN}, Etat for bygg og eiendom"),
        ("p", "Leverandør: Vest Heis AS, org.nr. 917 355 630, 5254 Sandsli"),
        ("h1", "2. Tjenesten"),
        (
            "p",
            "Leverandøren utfører forebyggende vedlikehold fire ganger per år. Periodisk "
            "kontroll av heisene skal gjennomføres hver 12. måned av akkreditert kontrollorgan. "
            "Ved personfast heis skal montør være på stedet innen 30 minutter, ellers innen 4 "
            "timer. Reservedeler har 6 måneders garanti.",
        ),
        ("h1", "3. Avtaleperiode"),
        (
            "p",
            "Avtalen gjelder fra 01.01.2026 til 31.12.2026. Den fornyes automatisk for 12 "
            "måneder av gangen, med mindre den sies opp skriftlig med 90 dagers varsel før "
            "utløpet av avtaleperioden.",
        ),
        ("h1", "4. Vederlag"),
        (
            "p",
            "Fast årlig vederlag er 612 000 kroner eks. mva, fakturert halvårlig forskuddsvis. "
            "Vederlaget reguleres ved hver fornyelse etter SSBs byggekostnadsindeks.",
        ),
        ("h1", "5. Signatur"),
        (
            "sign",
            [
                ("For Kunden", "For Leverandøren"),
                ("Bergen, 27.11.2025", "Sandsli, 25.11.2025"),
            ],
        ),
    ]
    return [("Serviceavtale heis 2026 signert.docx", docx_bytes(blocks, title="Serviceavtale"))]


H05 = Case(
    "h05_fornyes_automatisk_90_dager",
    "Heisservice (docx): 'fornyes automatisk for 12 måneder av gangen, med mindre den sies "
    "opp skriftlig med 90 dagers varsel' (-> 3, rounded); 'hver 12. måned' inspection, 30 "
    "minutes, 6 months' warranty",
    _heis,
    {
        "start": "2026-01-01",
        "slutt": "2026-12-31",
        "varighet_mnd": None,
        "opsjoner": None,
        "opsjon_varsel_mnd": None,
        "fornyes_automatisk": "ja",
        "oppsigelse_mnd": "3",
    },
    must_check={"oppsigelse_mnd": "rounded"},
)


# --- h06. Nynorsk kontrakt from a Vestland municipality --------------------------------------


def _nynorsk_vaktmeister() -> list[tuple[str, bytes]]:
    blocks: list[Block] = [
        ("title", "Kontrakt"),
        ("p", "om kjøp av vaktmeistertenester til kommunale bustader i Førde"),
        ("h1", "1 Partar"),
        ("p", f"Oppdragsgjevar: {SUNNFJORD}, Postboks 338, 6802 Førde"),
        ("p", "Leverandør: Førde Eigedomsservice AS, org.nr. 919 446 870, 6800 Førde"),
        ("h1", "2 Kontraktsperiode"),
        ("p", "Kontrakten gjeld frå 1. januar 2026 til og med 31. desember 2027."),
        (
            "p",
            "Oppdragsgjevar kan forlengje kontrakten med inntil eitt år på same vilkår. Melding "
            "om forlenging skal givast skriftleg seinast fire månader før kontrakten går ut.",
        ),
        ("h1", "3 Oppseiing"),
        ("p", "Oppseiingsfrist: 3 månader."),
        (
            "p",
            "Oppseiinga skal vere skriftleg og gjeld frå den første i månaden etter at ho er "
            "motteken.",
        ),
        ("h1", "4 Utføring"),
        (
            "p",
            "Akutte oppdrag skal startast innan 2 timar. Andre oppdrag skal utførast innan 10 "
            "arbeidsdagar etter bestilling.",
        ),
        ("h1", "5 Pris"),
        (
            "p",
            "Timeprisane er faste i 12 månader. Deretter vert dei regulerte 1. januar kvart år "
            "etter konsumprisindeksen.",
        ),
        ("h1", "6 Reklamasjon"),
        ("p", "Reklamasjonsfristen er to år etter at arbeidet er utført."),
        ("h1", "7 Underskrift"),
        (
            "sign",
            [
                ("For oppdragsgjevar", "For leverandøren"),
                ("Stad/dato: Førde, 02.12.2025", "Stad/dato: Førde, 01.12.2025"),
            ],
        ),
    ]
    return [
        (
            "Kontrakt vaktmeistertenester Sunnfjord signert.docx",
            docx_bytes(blocks, title="Kontrakt vaktmeistertenester", header="Sunnfjord kommune"),
        )
    ]


H06 = Case(
    "h06_nynorsk_kontrakt",
    "Vaktmeister (docx, nynorsk): 'Kontrakten gjeld frå 1. januar 2026 til og med 31. "
    "desember 2027', 'forlengje kontrakten med inntil eitt år', 'seinast fire månader', "
    "'Oppseiingsfrist: 3 månader.'; 12 månader fixed prices, two-year reklamasjon",
    _nynorsk_vaktmeister,
    {
        "start": "2026-01-01",
        "slutt": "2027-12-31",
        "varighet_mnd": None,
        "opsjoner": "1",
        "opsjon_varsel_mnd": "4",
        "fornyes_automatisk": None,
        "oppsigelse_mnd": "3",
    },
)


# --- h07. English SaaS subscription, Effective Date = both signatures ------------------------


def _saas() -> list[tuple[str, bytes]]:
    blocks: list[Block] = [
        ("title", "Subscription Agreement"),
        ("p", "Cloud-based case management platform for the Child Welfare Services"),
        ("h1", "1. Parties"),
        ("p", f"Customer: City of Bergen ({BERGEN.replace('org.nr.', 'org. no.')})"),
        ("p", "Supplier: CaseFlow Software Ltd, company no. 10234567, London, United Kingdom"),
        ("h1", "2. Definitions"),
        (
            "p",
            "“Effective Date” means the date on which this Agreement has been signed by both "
            "parties. “Subscription Fees” means the fees set out in Schedule 2.",
        ),
        ("h1", "3. Term and Renewal"),
        (
            "p",
            "3.1 This Agreement commences on the Effective Date and continues for an Initial "
            "Term of 36 months.",
        ),
        (
            "p",
            "3.2 Thereafter the Agreement renews automatically for successive 12-month periods "
            "(each a “Renewal Term”) unless either party gives the other at least 60 days' "
            "written notice of non-renewal before the end of the Initial Term or the "
            "then-current Renewal Term.",
        ),
        ("h1", "4. Fees"),
        (
            "p",
            "Subscription Fees are invoiced annually in advance and payable within 30 days of "
            "the invoice date. The Supplier may increase the fees for a Renewal Term by giving "
            "at least 90 days' notice; any increase is capped at the change in the Norwegian "
            "consumer price index.",
        ),
        ("h1", "5. Service Levels"),
        (
            "p",
            "The platform shall be available 99.9% of each month. Critical incidents shall be "
            "responded to within 1 hour.",
        ),
        ("h1", "6. Customer Data"),
        (
            "p",
            "Customer Data can be exported for 30 days after termination or expiry and is "
            "deleted within 90 days thereafter.",
        ),
        ("h1", "7. Signatures"),
        (
            "sign",
            [
                ("For the Customer", "For the Supplier"),
                ("Date: 3 March 2025", "Date: 28 February 2025"),
                ("Name: Kari Haugland", "Name: James Whitfield"),
            ],
        ),
    ]
    return [
        (
            "Subscription Agreement CaseFlow signed.pdf",
            pdf_bytes(blocks, title="Subscription Agreement"),
        )
    ]


H07 = Case(
    "h07_english_saas_initial_term",
    "SaaS subscription (pdf, English): 'Effective Date' = signed by both parties (3 March "
    "2025 and 28 February 2025), 'Initial Term of 36 months', 'renews automatically for "
    "successive 12-month periods unless … at least 60 days' written notice' (-> 2, rounded); "
    "90 days' notice of a price increase, data deleted within 90 days",
    _saas,
    {
        "start": "2025-03-03",
        "slutt": "2028-03-02",
        "varighet_mnd": "36",
        "opsjoner": None,
        "opsjon_varsel_mnd": None,
        "fornyes_automatisk": "ja",
        "oppsigelse_mnd": "2",
    },
    must_check={"start": "signature", "oppsigelse_mnd": "rounded"},
)


# --- h08. PDF: two pages of general terms, the key terms on page 3 --------------------------

H08_NAME = "Kontrakt 2025-118 kvalitetssikring reguleringsplaner signert.pdf"


def _del_a_b() -> bytes:
    general: list[Block] = [
        ("title", "Kontrakt om kjøp av rådgivningstjenester"),
        ("p", "Del A – Alminnelige kontraktsbestemmelser"),
        ("h2", "A.1 Kontraktens omfang"),
        (
            "p",
            "Kontrakten regulerer Leverandørens levering av rådgivningstjenester til "
            "Oppdragsgiver slik dette er beskrevet i del B og bilagene. Del B går foran del A. "
            "Bilagene gjelder i nummerrekkefølge. Endringer i kontrakten skal avtales skriftlig.",
        ),
        ("h2", "A.2 Leverandørens plikter"),
        (
            "p",
            "Leverandøren skal utføre oppdraget i samsvar med god faglig praksis og med den "
            "bemanningen som er angitt i tilbudet. Utskifting av nøkkelpersonell krever "
            "Oppdragsgivers skriftlige samtykke, som ikke kan nektes uten saklig grunn. "
            "Leverandøren skal varsle uten ugrunnet opphold om forhold som kan medføre "
            "forsinkelse, og senest innen 5 virkedager etter at forholdet ble kjent.",
        ),
        ("h2", "A.3 Varighet"),
        (
            "p",
            "Kontraktens varighet, eventuelle opsjoner og frister for varsel fremgår av de "
            "særskilte bestemmelsene i del B.",
        ),
        ("h2", "A.4 Oppdragsgivers plikter"),
        (
            "p",
            "Oppdragsgiver skal stille til rådighet den informasjon og dokumentasjon som er "
            "nødvendig for oppdraget, og skal behandle Leverandørens forespørsler innen 10 "
            "virkedager. Oppdragsgiver skal utpeke en kontaktperson med fullmakt til å treffe "
            "beslutninger i det løpende arbeidet.",
        ),
        ("h2", "A.5 Vederlag og betaling"),
        (
            "p",
            "Vederlaget betales etter medgått tid, med de timeprisene som fremgår av del B. "
            "Faktura sendes månedlig etterskuddsvis som EHF, med timelister. Betalingsfristen er "
            "30 dager. Ved forsinket betaling svares forsinkelsesrente etter "
            "forsinkelsesrenteloven. Timeprisene er faste i 12 måneder og kan deretter "
            "reguleres årlig etter SSBs konsumprisindeks.",
        ),
        ("h2", "A.6 Underleverandører"),
        (
            "p",
            "Bruk av underleverandører krever Oppdragsgivers skriftlige godkjenning. "
            "Leverandøren er ansvarlig for underleverandørenes oppfyllelse som for egen "
            "oppfyllelse. Leverandøren skal sørge for at lønns- og arbeidsvilkår er i samsvar "
            "med forskrift om lønns- og arbeidsvilkår i offentlige kontrakter.",
        ),
        ("pagebreak", ""),
        ("h2", "A.7 Oppsigelse"),
        (
            "p",
            "Med mindre annet er avtalt i del B, kan Oppdragsgiver si opp kontrakten med 3 "
            "måneders skriftlig varsel. Ved oppsigelse har Leverandøren krav på betaling for "
            "utført arbeid og dokumenterte kostnader som følge av avviklingen.",
        ),
        ("h2", "A.8 Forsinkelse"),
        (
            "p",
            "Ved forsinkelse som skyldes Leverandøren, løper dagmulkt med 1 promille av "
            "kontraktens estimerte verdi per virkedag, begrenset til 100 virkedager. Dersom "
            "forsinkelsen varer ut over 30 dager, kan Oppdragsgiver heve kontrakten.",
        ),
        ("h2", "A.9 Mangler"),
        (
            "p",
            "Oppdragsgiver skal reklamere skriftlig innen 2 måneder etter at mangelen ble eller "
            "burde ha blitt oppdaget. Leverandøren skal rette mangelen uten kostnad for "
            "Oppdragsgiver innen rimelig tid.",
        ),
        ("h2", "A.10 Taushetsplikt"),
        (
            "p",
            "Leverandøren og dets personell har taushetsplikt etter forvaltningsloven § 13. "
            "Taushetsplikten gjelder også i 5 år etter at kontrakten er opphørt.",
        ),
        ("h2", "A.11 Forsikring"),
        (
            "p",
            "Leverandøren skal ha ansvarsforsikring med en forsikringssum på minst 10 millioner "
            "kroner per skadetilfelle i hele kontraktsperioden og i 3 år etterpå.",
        ),
        ("h2", "A.12 Tvister"),
        (
            "p",
            "Tvister søkes løst ved forhandlinger. Fører ikke forhandlinger frem innen 30 dager, "
            "kan hver av partene bringe tvisten inn for de ordinære domstolene med "
            "Oppdragsgivers hjemting som verneting.",
        ),
        ("pagebreak", ""),
        ("h1", "Del B – Særskilte bestemmelser"),
        ("p", "Kontraktens nøkkelopplysninger. Del B går foran del A."),
        (
            "table",
            [
                ("Oppdrag", "Kvalitetssikring av reguleringsplaner"),
                ("Kontraktsperiode", "12 måneder"),
                ("Oppstart", "15.04.2025"),
                ("Opsjoner", "Forlengelse i inntil 6 + 6 måneder"),
                ("Frist for å utløse opsjon", "1 måned før utløp"),
                ("Oppsigelse", "2 måneders skriftlig varsel (fraviker A.7)"),
                ("Timepris", "1 290 kr eks. mva"),
            ],
        ),
        (
            "sign",
            [
                ("For Oppdragsgiver", "For Leverandøren"),
                ("Stavanger, 07.04.2025", "Sandnes, 04.04.2025"),
            ],
        ),
    ]
    return pdf_bytes(general, title="Kontrakt 2025-118", header="Kontrakt 2025-118 – Stavanger")


H08 = Case(
    "h08_pdf_nokkelopplysninger_side_3",
    "Rådgivning (pdf, 3 pages): Del A general terms on pages 1–2 (default 'Med mindre annet "
    "er avtalt i del B … 3 måneders' notice, dagmulkt 100 virkedager, 5 years' "
    "confidentiality), Del B key terms on page 3: 'Kontraktsperiode 12 måneder', 'Oppstart "
    "15.04.2025', '6 + 6 måneder', 'Oppsigelse 2 måneders … (fraviker A.7)'",
    lambda: [(H08_NAME, _del_a_b())],
    {
        "start": "2025-04-15",
        "slutt": "2026-04-14",
        "varighet_mnd": "12",
        "opsjoner": "6m+6m",
        "opsjon_varsel_mnd": "1",
        "fornyes_automatisk": None,
        "oppsigelse_mnd": "2",
    },
    must_not={"oppsigelse_mnd": "3"},
)


# --- h09. A version history table (Endringslogg) ----------------------------------------------

H09_LOG = "[[endringslogg]]"


def _printere() -> list[tuple[str, bytes]]:
    blocks: list[Block] = [
        ("title", "Avtale om leie av multifunksjonsmaskiner"),
        ("p", "Leie, service og forbruksmateriell for skriver- og kopiløsning"),
        ("bold", "Endringslogg"),
        ("p", H09_LOG),
        ("h1", "1 Partene"),
        ("p", f"Kunden: {RFK}"),
        ("p", "Leverandøren: Print Partner Norge AS, org.nr. 988 221 947, 0668 Oslo"),
        ("h1", "2 Varighet"),
        ("p", "Avtalen gjelder fra 1. desember 2025 og i 3 år."),
        ("p", "Det er ikke avtalt opsjoner på forlengelse."),
        ("p", "Kunden kan si opp avtalen med 6 måneders skriftlig varsel."),
        ("h1", "3 Maskiner og leie"),
        (
            "p",
            "Leien omfatter 240 maskiner ved fylkeskommunens skoler og kontorer. Maskiner som "
            "installeres i avtaleperioden, leies for 48 måneder fra installasjonsdato, også om "
            "leieperioden går ut over avtalens utløp.",
        ),
        ("h1", "4 Service"),
        (
            "p",
            "Teknikker skal være på stedet innen 8 timer etter melding om feil. Toner og "
            "forbruksmateriell leveres innen 3 virkedager.",
        ),
        ("h1", "5 Signatur"),
        (
            "sign",
            [
                ("For Kunden", "For Leverandøren"),
                ("Stavanger, 24.10.2025", "Oslo, 22.10.2025"),
            ],
        ),
    ]
    log = [
        ("Versjon", "Dato", "Endring", "Ansvarlig"),
        ("0.1", "12.09.2025", "Første utkast etter tildeling", "H. Sola"),
        ("0.2", "03.10.2025", "Innspill fra forhandlingsmøte 01.10.2025 innarbeidet", "H. Sola"),
        ("1.0", "20.10.2025", "Endelig versjon til signering", "K. Haugland"),
    ]
    return [
        (
            "Avtale leie multifunksjonsmaskiner v1.0 signert.docx",
            docx_with_grids(
                blocks,
                {H09_LOG: log},
                title="Avtale om leie av multifunksjonsmaskiner",
                header="Versjon 1.0 – 20.10.2025",
            ),
        )
    ]


H09 = Case(
    "h09_endringslogg",
    "Printer lease (docx): a 4-column 'Endringslogg' table (Versjon | Dato | Endring | "
    "Ansvarlig, 12.09.2025 … 20.10.2025) before the terms, 'gjelder fra 1. desember 2025 og "
    "i 3 år', 'Det er ikke avtalt opsjoner', machines leased '48 måneder fra "
    "installasjonsdato'",
    _printere,
    {
        "start": "2025-12-01",
        "slutt": "2028-11-30",
        "varighet_mnd": "36",
        "opsjoner": "",
        "opsjon_varsel_mnd": None,
        "fornyes_automatisk": None,
        "oppsigelse_mnd": "6",
    },
    must_not={"start": "2025-09-12", "varighet_mnd": "48"},
)


# --- h10. Two signed amendments, the end date moves twice ------------------------------------


TRYKK_PARTIES = (
    "til rammeavtale 2023-021 om kjøp av trykksaker mellom Bergen kommune og Bergen Trykk AS"
)


def _trykk_original() -> bytes:
    blocks: list[Block] = [
        ("title", "Rammeavtale 2023-021"),
        ("p", "Kjøp av trykksaker og grafisk produksjon"),
        ("h1", "1. Parter"),
        ("p", f"Oppdragsgiver: {BERGEN}"),
        ("p", "Leverandør: Bergen Trykk AS, org.nr. 914 778 271, 5089 Bergen"),
        ("h1", "2. Varighet"),
        (
            "p",
            "Rammeavtalen gjelder i 2 år fra 1. juni 2023. Oppdragsgiver har opsjon på "
            "forlengelse i 1 + 1 år. Varsel om forlengelse sendes senest 3 måneder før utløp.",
        ),
        ("h1", "3. Oppsigelse"),
        ("p", "Partene kan si opp avtalen med 3 måneders skriftlig varsel."),
        ("h1", "4. Levering"),
        (
            "p",
            "Standard leveringstid er 5 virkedager etter godkjent korrektur. Hasteoppdrag "
            "leveres innen 48 timer mot tillegg.",
        ),
        ("h1", "5. Signatur"),
        (
            "sign",
            [
                ("For Oppdragsgiver", "For Leverandøren"),
                ("Bergen, 15.05.2023", "Bergen, 12.05.2023"),
            ],
        ),
    ]
    return pdf_bytes(blocks, title="Rammeavtale 2023-021")


def _trykk_ta1() -> bytes:
    blocks: list[Block] = [
        ("title", "Tilleggsavtale nr. 1"),
        ("p", TRYKK_PARTIES),
        ("h1", "1. Endring"),
        (
            "p",
            "Oppdragsgiver utløser opsjon 1. Rammeavtalen forlenges med ett år, til og med "
            "31.05.2026.",
        ),
        ("h1", "2. Øvrige vilkår"),
        ("p", "Øvrige vilkår i rammeavtalen gjelder uendret."),
        (
            "sign",
            [
                ("For Oppdragsgiver", "For Leverandøren"),
                ("Bergen, 10.02.2025", "Bergen, 11.02.2025"),
            ],
        ),
    ]
    return docx_bytes(blocks, title="Tilleggsavtale nr. 1 til 2023-021")


def _trykk_ta2() -> bytes:
    blocks: list[Block] = [
        ("title", "Tilleggsavtale nr. 2"),
        ("p", TRYKK_PARTIES),
        ("h1", "1. Bakgrunn"),
        (
            "p",
            "Rammeavtalen ble inngått for 2 år fra 1. juni 2023 med opsjon på 1 + 1 år. Ved "
            "tilleggsavtale nr. 1 ble avtalen forlenget til 31.05.2026.",
        ),
        ("h1", "2. Endring"),
        (
            "p",
            "Oppdragsgiver utløser opsjon 2, som er den siste opsjonen i avtalen. Avtalen "
            "forlenges til og med 31. mai 2027 og kan ikke forlenges ytterligere.",
        ),
        ("h1", "3. Priser"),
        ("p", "Prisene reguleres med 4,1 % fra 1. juni 2026."),
        (
            "sign",
            [
                ("For Oppdragsgiver", "For Leverandøren"),
                ("Bergen, 16.02.2026", "Bergen, 16.02.2026"),
            ],
        ),
    ]
    return docx_bytes(blocks, title="Tilleggsavtale nr. 2 til 2023-021")


def _trykk() -> list[tuple[str, bytes]]:
    return [
        ("Rammeavtale 2023-021 trykksaker signert.pdf", _trykk_original()),
        ("Tilleggsavtale 1 rammeavtale 2023-021 signert.docx", _trykk_ta1()),
        ("Tilleggsavtale 2 rammeavtale 2023-021 signert.docx", _trykk_ta2()),
    ]


H10 = Case(
    "h10_to_tilleggsavtaler",
    "Trykksaker: signed rammeavtale (pdf, 2 år fra 1. juni 2023, 1 + 1) + Tilleggsavtale nr. "
    "1 (docx, to 31.05.2026) + Tilleggsavtale nr. 2 (docx, last option, to 31. mai 2027, "
    "'kan ikke forlenges ytterligere'); TA2's Bakgrunn repeats 31.05.2026",
    _trykk,
    {
        "start": "2023-06-01",
        "slutt": "2027-05-31",
        "varighet_mnd": "24",
        "opsjoner": "",
        "opsjon_varsel_mnd": "3",
        "fornyes_automatisk": None,
        "oppsigelse_mnd": "3",
    },
    must_not={"slutt": "2026-05-31", "opsjoner": "1"},
    kinds=("contract", "amendment", "amendment"),
)


# --- h11. Indexed prices, a 36-month warranty and the offer's binding period ----------------


def _varebiler() -> list[tuple[str, bytes]]:
    blocks: list[Block] = [
        ("title", "Rammeavtale om kjøp av elektriske varebiler"),
        ("p", "med service og dekkhotell – Bergen kommune, saksnr. 24/9931"),
        ("h1", "1 Grunnlag"),
        (
            "p",
            "Avtalen bygger på konkurransegrunnlaget av 02.12.2024 og Leverandørens tilbud av "
            "15.01.2025. Tilbudet har bindingstid til og med 30.04.2025.",
        ),
        ("h1", "2 Parter"),
        ("p", f"Oppdragsgiver: {BERGEN}"),
        ("p", "Leverandør: Vestlandsbil Næring AS, org.nr. 936 011 209, 5143 Fyllingsdalen"),
        ("h1", "3 Avtaleperiode"),
        ("p", "Avtaleperioden er fire år fra 01.03.2025. Avtalen kan ikke forlenges."),
        ("h1", "4 Priser"),
        (
            "p",
            "Prisene er faste ut 2025 og indeksreguleres fra 1. januar hvert år etter SSBs "
            "konsumprisindeks, første gang 1. januar 2026.",
        ),
        ("h1", "5 Garanti"),
        (
            "p",
            "Leverandøren gir 36 måneders fabrikkgaranti på kjøretøyene og 8 år eller 160 000 km "
            "på batteriet.",
        ),
        ("h1", "6 Levering"),
        ("p", "Leveringstid er 16 uker fra avrop. Service utføres innen 5 virkedager."),
        ("h1", "7 Heving"),
        (
            "p",
            "Ved vesentlig mislighold kan Oppdragsgiver heve avtalen dersom forholdet ikke er "
            "rettet innen 30 dager etter skriftlig varsel.",
        ),
        ("h1", "8 Signatur"),
        (
            "sign",
            [
                ("For Oppdragsgiver", "For Leverandøren"),
                ("Bergen, 20.02.2025", "Fyllingsdalen, 19.02.2025"),
            ],
        ),
    ]
    return [
        (
            "Rammeavtale elektriske varebiler signert.pdf",
            pdf_bytes(blocks, title="Rammeavtale elektriske varebiler"),
        )
    ]


H11 = Case(
    "h11_indeks_garanti_bindingstid",
    "Varebiler (pdf): 'Avtaleperioden er fire år fra 01.03.2025. Avtalen kan ikke "
    "forlenges.'; offer 'bindingstid til og med 30.04.2025', 'indeksreguleres fra 1. januar "
    "hvert år', '36 måneders fabrikkgaranti', heving after 30 days; no termination clause",
    _varebiler,
    {
        "start": "2025-03-01",
        "slutt": "2029-02-28",
        "varighet_mnd": "48",
        "opsjoner": "",
        "opsjon_varsel_mnd": None,
        "fornyes_automatisk": None,
        "oppsigelse_mnd": None,
    },
    must_not={"slutt": "2025-04-30", "varighet_mnd": "36", "oppsigelse_mnd": "1"},
)


# --- h12. Call-off under a national framework agreement, key terms in a table -------------


def _avrop_ski() -> list[tuple[str, bytes]]:
    blocks: list[Block] = [
        ("title", "Avropsavtale"),
        ("p", "Avrop nr. 7 under rammeavtale om kjøp av IT-konsulenttjenester (SKI 2023-04)"),
        ("bold", "1 Bakgrunn"),
        (
            "p",
            "Rammeavtalen mellom KS Innkjøp (SKI) og Leverandøren gjelder fra 01.10.2023 og "
            "løper i 4 år. Dette avropet er gjort etter rammeavtalens punkt 4 (konkurranse "
            "mellom rammeavtaleleverandørene).",
        ),
        ("bold", "2 Parter"),
        ("p", f"Kunde: {VLFK}"),
        ("p", "Leverandør: Fjordkonsult AS, org.nr. 990 245 118, 5003 Bergen"),
        ("bold", "3 Avropets nøkkelopplysninger"),
        (
            "table",
            [
                ("Oppdrag", "Prosjektleder for innføring av nytt økonomisystem"),
                ("Oppstart", "2. mars 2026"),
                ("Avropets varighet", "9 måneder"),
                ("Opsjon", "Kunden kan forlenge avropet med 3 + 3 måneder"),
                ("Oppsigelse", "30 dagers skriftlig varsel"),
                ("Timepris", "1 350 kr eks. mva"),
                ("Estimert omfang", "1 200 timer"),
            ],
        ),
        ("bold", "4 Forholdet til rammeavtalen"),
        ("p", "Rammeavtalens vilkår gjelder. Ved motstrid går denne avropsavtalen foran."),
        (
            "sign",
            [
                ("For Kunden", "For Leverandøren"),
                ("Bergen, 18.02.2026", "Bergen, 17.02.2026"),
            ],
        ),
    ]
    return [("Avrop 7 prosjektleder økonomisystem signert.docx", docx_bytes(blocks, title="Avrop"))]


H12 = Case(
    "h12_avrop_ski",
    "Avropsavtale (docx): key-terms table 'Oppstart | 2. mars 2026', 'Avropets varighet | 9 "
    "måneder', '3 + 3 måneder', '30 dagers' (-> 1, rounded), next to the framework "
    "agreement's 'gjelder fra 01.10.2023 og løper i 4 år'",
    _avrop_ski,
    {
        "start": "2026-03-02",
        "slutt": "2026-12-01",
        "varighet_mnd": "9",
        "opsjoner": "3m+3m",
        "opsjon_varsel_mnd": None,
        "fornyes_automatisk": None,
        "oppsigelse_mnd": "1",
    },
    must_check={"oppsigelse_mnd": "rounded"},
    must_not={"start": "2023-10-01", "varighet_mnd": "48"},
)


# --- h13. "Avtalen utløper 30.06.2027" and the start in a table (unsigned file name) ------


def _frukt() -> list[tuple[str, bytes]]:
    blocks: list[Block] = [
        ("title", "Avtale om kjøp av frukt og grønt"),
        ("p", "til kantinene ved de videregående skolene i Rogaland"),
        (
            "table",
            [
                ("Avtalenummer", "2025-031"),
                ("Oppstartsdato", "01.07.2025"),
                ("Kontaktperson", "Hilde Sola, tlf. 51 51 66 00"),
            ],
        ),
        ("h1", "1 Parter"),
        ("p", f"Kunde: {RFK}"),
        ("p", "Leverandør: Jæren Grønt AS, org.nr. 921 003 889, 4340 Bryne"),
        ("h1", "2 Varighet"),
        (
            "p",
            "Avtalen utløper 30.06.2027. Kunden har opsjon på forlengelse i ett år av gangen, "
            "til sammen maksimalt to år. Melding om forlengelse gis senest 2 måneder før utløp.",
        ),
        ("h1", "3 Levering"),
        (
            "p",
            "Første leveranse skal skje innen 15.08.2025, før skolestart. Varene leveres to "
            "ganger per uke innen kl. 07.30. Prisene i bilag 2 gjelder til 31.12.2025 og "
            "justeres deretter hvert halvår.",
        ),
        ("h1", "4 Signatur"),
        (
            "sign",
            [
                ("For Kunden", "For Leverandøren"),
                ("Stavanger, 24.06.2025", "Bryne, 20.06.2025"),
            ],
        ),
    ]
    return [
        (
            "Avtale frukt og grønt 2025-031.pdf",
            pdf_bytes(blocks, title="Avtale frukt og grønt", header="Rogaland fylkeskommune"),
        )
    ]


H13 = Case(
    "h13_utloper_og_start_i_tabell",
    "Frukt og grønt (pdf, file name without 'signert'): start only as 'Oppstartsdato "
    "01.07.2025' in a table at the top, end only as 'Avtalen utløper 30.06.2027'; options "
    "'ett år av gangen, til sammen maksimalt to år'; first delivery 15.08.2025, prices "
    "valid to 31.12.2025",
    _frukt,
    {
        "start": "2025-07-01",
        "slutt": "2027-06-30",
        "varighet_mnd": None,
        "opsjoner": "1+1",
        "opsjon_varsel_mnd": "2",
        "fornyes_automatisk": None,
        "oppsigelse_mnd": None,
    },
    must_not={"slutt": "2025-12-31"},
)


# --- h14. A three-column table with a header row "Vilkår | Verdi | Merknad" ----------------

H14_TERMS = "[[vilkår]]"


def _dental() -> list[tuple[str, bytes]]:
    blocks: list[Block] = [
        ("title", "Avtale om kjøp av dentalt forbruksmateriell"),
        ("p", "Tannhelsetenesta i Vestland fylkeskommune"),
        ("h1", "1. Partene"),
        ("p", f"Kunden: {VLFK}"),
        ("p", "Leverandøren: Dentalhuset Norge AS, org.nr. 979 512 404, 0484 Oslo"),
        ("h1", "2. Avtalevilkår"),
        ("p", "Følgende vilkår gjelder for avtalen:"),
        ("p", H14_TERMS),
        ("h1", "3. Bestilling"),
        (
            "p",
            "Bestilling skjer i Kundens e-handelsløsning. Restordre skal meldes samme dag og "
            "leveres innen 10 virkedager.",
        ),
        ("h1", "4. Signatur"),
        (
            "sign",
            [
                ("For Kunden", "For Leverandøren"),
                ("Bergen, 05.12.2025", "Oslo, 03.12.2025"),
            ],
        ),
    ]
    terms = [
        ("Vilkår", "Verdi", "Merknad"),
        ("Avtalens løpetid", "3 år", "Regnet fra oppstartsdato"),
        ("Oppstartsdato", "01.01.2026", ""),
        ("Opsjon på forlengelse", "Ingen", ""),
        ("Automatisk fornyelse", "Nei", ""),
        ("Oppsigelsesfrist", "6 uker", "Gjelder begge parter"),
        ("Betalingsfrist", "30 dager", "Fra mottatt EHF-faktura"),
        ("Leveringstid", "48 timer", "Hasteordre: 24 timer"),
        ("Holdbarhet ved levering", "Minst 12 måneder", "Gjelder legemidler og bedøvelse"),
    ]
    return [
        (
            "Avtale dentalt forbruksmateriell signert.docx",
            docx_with_grids(blocks, {H14_TERMS: terms}, title="Avtale dentalt forbruksmateriell"),
        )
    ]


H14 = Case(
    "h14_tabell_med_overskriftsrad",
    "Dental supplies (docx): a 3-column table with header row 'Vilkår | Verdi | Merknad', "
    "'Avtalens løpetid | 3 år', 'Opsjon på forlengelse | Ingen', 'Automatisk fornyelse | Nei', "
    "'Oppsigelsesfrist | 6 uker' (-> 2, rounded); shelf life 'Minst 12 måneder'",
    _dental,
    {
        "start": "2026-01-01",
        "slutt": "2028-12-31",
        "varighet_mnd": "36",
        "opsjoner": "",
        "opsjon_varsel_mnd": None,
        "fornyes_automatisk": "nei",
        "oppsigelse_mnd": "2",
    },
    must_check={"oppsigelse_mnd": "rounded"},
    must_not={"varighet_mnd": "12"},
)


# --- h15. Abbreviations: "f.o.m. … t.o.m.", "12 mnd. + 12 mnd." ------------------------------


def _middag() -> list[tuple[str, bytes]]:
    blocks: list[Block] = [
        ("title", "Avtale om levering av middag til hjemmeboende"),
        ("p", f"Kunde: {STAVANGER}, Hjemmebaserte tjenester"),
        ("p", "Leverandør: Matsentralen Sør AS, org.nr. 925 801 577, 4016 Stavanger"),
        ("h2", "Avtaleperiode"),
        ("p", "Avtaleperiode f.o.m. 01.01.2026 t.o.m. 31.12.2028."),
        (
            "p",
            "Avtalen kan forlenges med 12 mnd. + 12 mnd. etter Kundens valg. Opsjon utløses ved "
            "skriftlig varsel senest 6 mnd. før utløp.",
        ),
        ("h2", "Oppsigelse"),
        ("p", "Oppsigelse: 3 mnd. skriftlig, regnet fra den 1. i påfølgende mnd."),
        ("h2", "Levering"),
        (
            "p",
            "Menyen settes opp for 4 uker om gangen. Bestilling skjer innen kl. 10.00 to "
            "virkedager før levering. Maten skal ha holdbarhet på minst 3 dager etter levering.",
        ),
        ("h2", "Underskrift"),
        ("p", "Stavanger, 10.12.2025 – Stavanger kommune"),
        ("p", "Stavanger, 09.12.2025 – Matsentralen Sør AS"),
    ]
    return [("Avtale middag hjemmeboende signert.docx", docx_bytes(blocks, title="Middag"))]


H15 = Case(
    "h15_forkortelser_fom_tom_mnd",
    "Middagslevering (docx): 'Avtaleperiode f.o.m. 01.01.2026 t.o.m. 31.12.2028.', "
    "'12 mnd. + 12 mnd.', 'senest 6 mnd. før utløp', 'Oppsigelse: 3 mnd. skriftlig'; menu "
    "for 4 weeks, 3 days' shelf life",
    _middag,
    {
        "start": "2026-01-01",
        "slutt": "2028-12-31",
        "varighet_mnd": None,
        "opsjoner": "1+1",
        "opsjon_varsel_mnd": "6",
        "fornyes_automatisk": None,
        "oppsigelse_mnd": "3",
    },
)


HELDOUT: tuple[Case, ...] = (
    H01, H02, H03, H04, H05, H06, H07, H08, H09, H10, H11, H12, H13, H14, H15,
)  # fmt: skip
