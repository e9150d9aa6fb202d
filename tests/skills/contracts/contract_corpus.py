"""Contracts as Norwegian public buyers write them, with the terms a contract manager
would enter in the register, written by hand.

Each case is one contract: one or more files (.docx built with python-docx, .pdf built
with tests/support/contract_pdf.py), in the order a person would hand them over (a later
file is newer). `expected` holds, for every register field, the value a contract manager
reads out of the documents, in register syntax, or None when the documents do not say:

    start, slutt          ISO date; slutt also when it follows from start + term
                          (1 March 2025 + 24 months -> 2027-02-28)
    varighet_mnd          only when the documents state a term length
    opsjoner              "1+1" (years), "6m+6m" (months), "" = the contract says none
    opsjon_varsel_mnd     months; weeks and days rounded up
    fornyes_automatisk    "ja" / "nei"
    oppsigelse_mnd        months; weeks and days rounded up

The values are typed in, never computed: they are what the extractor is measured against.
`must`, `must_check` and `must_not` name the regressions a case exists for.

The texts carry the numbers that are *not* contract terms the way real contracts do:
payment terms, warranties, delivery times, response times, price adjustment dates,
the end of an earlier contract, the date an amendment takes effect.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import docx
from docx.enum.text import WD_BREAK
from docx.shared import Pt

from tests.support.contract_pdf import ContractPdf

FIELDS = (
    "start",
    "slutt",
    "varighet_mnd",
    "opsjoner",
    "opsjon_varsel_mnd",
    "fornyes_automatisk",
    "oppsigelse_mnd",
)

# A block of a document: (kind, content). Kinds:
#   "title", "h1", "h2"   headings (Word heading styles; bold and larger in the PDF)
#   "p"                   a paragraph
#   "bold"                a paragraph in bold body text (a heading typed by hand in Word)
#   "numbered"            a paragraph in Word's "List Number" style (the number is not text)
#   "table"               key-terms rows [(label, value), …]: a real Word table, or in a
#                         PDF label and value on one baseline at two x positions
#   "sign"                a signature block [(left, right), …], two columns
#   "pagebreak"           a page break
#   "broken"              (text, after): in a PDF, the paragraph continues on the next
#                         page right after `after`; in Word an ordinary paragraph
Block = tuple[str, Any]


@dataclass(frozen=True)
class Case:
    id: str
    covers: str
    build: Callable[[], list[tuple[str, bytes]]]
    expected: dict[str, str | None]
    # field -> the value that must be found (a miss or a checked wrong value fails)
    must: dict[str, str] = field(default_factory=dict)
    # field -> a reason that must be among the field's checks (the field must be found)
    must_check: dict[str, str] = field(default_factory=dict)
    # field -> a value that must never be proposed without a check
    must_not: dict[str, str] = field(default_factory=dict)
    # phrases that must come back inside one passage when the files are read
    reads: tuple[str, ...] = ()
    # what each file is, when that matters: "contract" or "amendment", in file order
    kinds: tuple[str, ...] = ()

    def files(self) -> list[tuple[str, bytes]]:
        return self.build()

    def stated(self) -> dict[str, str]:
        return {k: v for k, v in self.expected.items() if v is not None}


# --- writers -----------------------------------------------------------------------------

CREATED = datetime(2025, 2, 10, 9, 0)


def docx_bytes(blocks: Sequence[Block], *, title: str, header: str = "") -> bytes:
    """A Word document: headings in heading styles, key terms and signatures as real
    tables, an optional page header (which a reader of the body does not see)."""
    document = docx.Document()
    if header:
        document.sections[0].header.paragraphs[0].text = header
    for kind, content in blocks:
        if kind == "title":
            document.add_heading(str(content), 0)
        elif kind == "h1":
            document.add_heading(str(content), 1)
        elif kind == "h2":
            document.add_heading(str(content), 2)
        elif kind == "p":
            document.add_paragraph(str(content))
        elif kind == "broken":
            document.add_paragraph(str(content[0]))
        elif kind == "bold":
            paragraph = document.add_paragraph()
            run = paragraph.add_run(str(content))
            run.bold = True
            run.font.size = Pt(12)
        elif kind == "numbered":
            document.add_paragraph(str(content), style="List Number")
        elif kind in ("table", "sign"):
            table = document.add_table(rows=0, cols=2)
            if kind == "table":
                table.style = document.styles["Table Grid"]
            for left, right in content:
                cells = table.add_row().cells
                cells[0].paragraphs[0].add_run(left).bold = kind == "table"
                cells[1].paragraphs[0].add_run(right)
            document.add_paragraph()
        elif kind == "pagebreak":
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:
            raise ValueError(f"unknown block kind {kind!r}")
    props = document.core_properties
    props.title = title
    props.author = "Innkjøpsavdelingen"
    props.created = CREATED
    props.modified = CREATED
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_bytes(blocks: Sequence[Block], *, title: str, header: str = "") -> bytes:
    """A PDF as a word processor exports it: running header (optional), "Side N av M"
    footer, key-terms rows and signatures in two columns."""
    pdf = ContractPdf(title, header=header, author="Innkjøpsavdelingen", created=CREATED)
    for kind, content in blocks:
        if kind in ("title", "h1", "h2", "p"):
            pdf.add(kind, str(content))
        elif kind == "bold":
            pdf.add("h2", str(content))
        elif kind == "numbered":
            pdf.add("p", str(content))
        elif kind == "table":
            for label, value in content:
                pdf.key_terms_row(label, value)
        elif kind == "sign":
            pdf.add("p", "")
            for left, right in content:
                pdf.key_terms_row(left, right, bold_label=False)
        elif kind == "pagebreak":
            pdf.page_break()
        elif kind == "broken":
            text, after = content
            pdf.add_broken("p", text, after)
        else:
            raise ValueError(f"unknown block kind {kind!r}")
    return pdf.to_bytes()


# --- parties used in several cases ---------------------------------------------------------

VLFK = "Vestland fylkeskommune, org.nr. 821 311 632"
RFK = "Rogaland fylkeskommune, org.nr. 971 045 698"
BERGEN = "Bergen kommune, org.nr. 964 338 531"
STAVANGER = "Stavanger kommune, org.nr. 964 965 226"


# --- 1. SSA-L, key terms in a table in the body -------------------------------------------


def _ssa_l_renhold() -> list[tuple[str, bytes]]:
    blocks: list[Block] = [
        ("title", "Avtale om løpende tjenestekjøp (SSA-L)"),
        ("p", "Renhold av Fylkeshuset i Bergen – saksnr. 24/18342"),
        ("h1", "1. Avtalens parter"),
        ("p", "Avtalen er inngått mellom:"),
        ("p", f"Kunden: {VLFK}, Postboks 7900, 5020 Bergen"),
        ("p", "Leverandøren: Rein Vest AS, org.nr. 919 730 609, Kokstaddalen 4, 5257 Kokstad"),
        ("h1", "2. Avtalens omfang"),
        (
            "p",
            "Avtalen gjelder daglig renhold, periodisk renhold og vindusvask av Fylkeshuset, "
            "Agnes Mowinckels gate 5, om lag 21 000 m² gulvflate. Tjenesten er nærmere "
            "beskrevet i bilag 2 (Kundens kravspesifikasjon) og bilag 3 (Leverandørens "
            "løsningsbeskrivelse).",
        ),
        ("h1", "3. Avtalens nøkkelinformasjon"),
        (
            "p",
            "Tabellen under gjelder foran andre bestemmelser i avtalen om de samme forholdene.",
        ),
        (
            "table",
            [
                ("Avtalens varighet", "24 måneder"),
                ("Oppstart", "01.03.2025"),
                ("Opsjoner", "1 + 1 år"),
                ("Varsel om opsjon", "Senest 3 måneder før utløp"),
                ("Automatisk fornyelse", "Nei"),
                ("Oppsigelse", "3 (tre) måneders skriftlig varsel"),
                ("Betalingsfrist", "30 dager etter mottatt faktura"),
                ("Prisjustering", "Årlig, første gang 01.03.2026, etter SSBs konsumprisindeks"),
                ("Responstid ved avvik", "4 timer på hverdager"),
            ],
        ),
        ("h1", "4. Bemanning"),
        (
            "p",
            "Leverandøren skal stille med fast renholder i hver etasje. Bytte av personell "
            "skal varsles Kunden minst 14 dager i forveien.",
        ),
        ("h1", "5. Reklamasjon og kvalitetskontroll"),
        (
            "p",
            "Kunden skal reklamere skriftlig innen rimelig tid og senest 3 måneder etter at "
            "avviket ble eller burde ha blitt oppdaget. Kvalitetskontroll etter NS-INSTA 800 "
            "gjennomføres hver måned.",
        ),
        ("h1", "6. Signatur"),
        ("p", "Avtalen er utferdiget i to eksemplarer, ett til hver av partene."),
        (
            "sign",
            [
                ("For Kunden", "For Leverandøren"),
                ("Sted/dato: Bergen, 14.02.2025", "Sted/dato: Bergen, 12.02.2025"),
                ("Kari Haugland, innkjøpssjef", "Ole Ravnanger, daglig leder"),
            ],
        ),
    ]
    return [
        (
            "SSA-L Renhold Fylkeshuset signert.docx",
            docx_bytes(
                blocks,
                title="SSA-L Renhold Fylkeshuset",
                header="Vestland fylkeskommune · Saksnr. 24/18342",
            ),
        )
    ]


C01 = Case(
    "c01_ssa_l_nokkeltabell",
    "SSA-L renhold (docx): key terms in a body table, 'Automatisk fornyelse | Nei', "
    "'3 (tre) måneders', price adjustment date and response time as distractors",
    _ssa_l_renhold,
    {
        "start": "2025-03-01",
        "slutt": "2027-02-28",
        "varighet_mnd": "24",
        "opsjoner": "1+1",
        "opsjon_varsel_mnd": "3",
        "fornyes_automatisk": "nei",
        "oppsigelse_mnd": "3",
    },
    must={"fornyes_automatisk": "nei"},
    reads=("Automatisk fornyelse | Nei", "Oppstart | 01.03.2025"),
)


# --- 2. Framework agreement whose terms are only in Bilag 1 -----------------------------


def _kontorrekvisita_bilag() -> list[tuple[str, bytes]]:
    blocks: list[Block] = [
        ("title", "Rammeavtale"),
        ("p", "Rammeavtale nr. 2025-003 om kjøp av kontorrekvisita og kopipapir"),
        ("bold", "1. Avtalens parter"),
        ("p", f"Oppdragsgiver: {RFK}, Arkitekt Eckhoffs gate 1, 4010 Stavanger"),
        (
            "p",
            "Leverandør: Kontorpartner Vest AS, org.nr. 925 792 403, Luramyrveien 40, 4313 Sandnes",
        ),
        ("bold", "2. Avtalens formål og omfang"),
        (
            "p",
            "Rammeavtalen gjelder kjøp av kontorrekvisita, kopipapir og rekvisita til møterom "
            "for fylkeskommunens virksomheter, herunder de videregående skolene. Estimert "
            "årlig volum er 4,2 millioner kroner eks. mva. Estimatet er ikke bindende.",
        ),
        ("bold", "3. Avtalens varighet"),
        (
            "p",
            "Avtalens varighet, opsjoner og frister for varsel og oppsigelse fremgår av "
            "Bilag 1 Avtalens nøkkelinformasjon.",
        ),
        ("bold", "4. Bestilling og levering"),
        (
            "p",
            "Bestilling skjer i Leverandørens nettbutikk. Leveringstid er 2 virkedager for "
            "lagervarer. Varer som ikke er på lager, skal leveres innen 8 uker.",
        ),
        ("bold", "5. Priser og betaling"),
        (
            "p",
            "Prisene er faste de første 12 månedene av avtaleperioden. Deretter kan prisene "
            "justeres én gang per år etter endringen i SSBs konsumprisindeks. Betalingsfrist "
            "er 30 dager etter mottatt faktura (EHF).",
        ),
        ("bold", "6. Mislighold"),
        (
            "p",
            "Ved vesentlig mislighold kan den andre parten heve avtalen dersom forholdet ikke "
            "er rettet innen 30 dager etter skriftlig varsel.",
        ),
        ("bold", "7. Signatur"),
        ("p", "For Oppdragsgiver: Rogaland fylkeskommune"),
        ("p", "Sted/dato: Stavanger, 20.03.2025"),
        ("p", "Hilde Sola, innkjøpsleder"),
        ("p", "For Leverandøren: Kontorpartner Vest AS"),
        ("p", "Sted/dato: Sandnes, 18.03.2025"),
        ("p", "Per Tjelta, daglig leder"),
        ("pagebreak", ""),
        ("h1", "Bilag 1 Avtalens nøkkelinformasjon"),
        (
            "table",
            [
                ("Vilkår", "Avtalt"),
                ("Avtalenummer", "2025-003"),
                ("Avtaleperiode", "01.04.2025 – 31.03.2027"),
                ("Opsjon på forlengelse", "2 x 12 måneder"),
                ("Frist for varsel om bruk av opsjon", "3 måneder før avtalens utløp"),
                ("Automatisk fornyelse", "Nei"),
                ("Oppsigelsesfrist", "6 måneder"),
                ("Kontaktperson hos Oppdragsgiver", "Hilde Sola, tlf. 51 51 66 00"),
            ],
        ),
    ]
    return [
        (
            "Rammeavtale 2025-003 kontorrekvisita signert.docx",
            docx_bytes(blocks, title="Rammeavtale 2025-003"),
        )
    ]


C02 = Case(
    "c02_bilag1_nokkelinformasjon",
    "Rammeavtale kontorrekvisita (docx): terms only in the Bilag 1 table at the end, "
    "date range, '2 x 12 måneder'; bold-typed headings; fixed prices 12 months",
    _kontorrekvisita_bilag,
    {
        "start": "2025-04-01",
        "slutt": "2027-03-31",
        "varighet_mnd": None,
        "opsjoner": "1+1",
        "opsjon_varsel_mnd": "3",
        "fornyes_automatisk": "nei",
        "oppsigelse_mnd": "6",
    },
    reads=("Avtaleperiode | 01.04.2025 – 31.03.2027",),
)


# --- 3. SSA-B, the terms in sentences; "… er ikke aktuelt" ------------------------------


def _ssa_b_bistand() -> list[tuple[str, bytes]]:
    blocks: list[Block] = [
        ("title", "Bistandsavtale (SSA-B)"),
        (
            "p",
            "Avtale om kjøp av rådgivning ved anskaffelse og innføring av nytt sak- og arkivsystem",
        ),
        ("h1", "1. Avtalens parter"),
        (
            "sign",
            [
                ("Kunde", f"{BERGEN}, Rådhusgaten 10, 5014 Bergen"),
                ("Leverandør", "Arkivrådgivning Nord AS, org.nr. 981 222 504, 9008 Tromsø"),
            ],
        ),
        ("h1", "2. Avtalens varighet"),
        ("p", "Avtaleperiode: 01.09.2025–31.08.2026"),
        (
            "p",
            "Kunden har rett til å forlenge avtalen med inntil 2 x 6 måneder på uendrede "
            "vilkår. Kunden skal gi skriftlig melding om forlengelse senest 1 måned før "
            "avtalens utløp.",
        ),
        ("p", "Automatisk fornyelse av avtalen er ikke aktuelt."),
        ("h1", "3. Oppsigelse"),
        (
            "p",
            "Kunden kan si opp avtalen med tre (3) måneders skriftlig varsel. Leverandøren "
            "kan ikke si opp avtalen i avtaleperioden.",
        ),
        ("h1", "4. Vederlag"),
        (
            "p",
            "Timepris for seniorrådgiver er 1 450 kroner eks. mva. Estimert omfang er 600 "
            "timer i løpet av 12 måneder. Det faktureres månedlig etterskuddsvis med 30 "
            "dagers betalingsfrist.",
        ),
        ("h1", "5. Taushetsplikt"),
        (
            "p",
            "Leverandørens personell skal undertegne taushetserklæring før oppstart. "
            "Taushetsplikten gjelder også etter at avtalen er opphørt.",
        ),
        ("h1", "6. Underskrifter"),
        (
            "sign",
            [
                ("For Kunden", "For Leverandøren"),
                ("Sted/dato: Bergen, 22.08.2025", "Sted/dato: Tromsø, 21.08.2025"),
            ],
        ),
    ]
    return [
        (
            "Bistandsavtale SSA-B sak-arkiv signert.docx",
            docx_bytes(blocks, title="Bistandsavtale SSA-B"),
        )
    ]


C03 = Case(
    "c03_ssa_b_ikke_aktuelt",
    "SSA-B rådgivning (docx): 'Automatisk fornyelse av avtalen er ikke aktuelt.', "
    "'Avtaleperiode: 01.09.2025–31.08.2026' in a line, 'inntil 2 x 6 måneder', "
    "'tre (3) måneders'; 600 timer i løpet av 12 måneder",
    _ssa_b_bistand,
    {
        "start": "2025-09-01",
        "slutt": "2026-08-31",
        "varighet_mnd": None,
        "opsjoner": "6m+6m",
        "opsjon_varsel_mnd": "1",
        "fornyes_automatisk": "nei",
        "oppsigelse_mnd": "3",
    },
    must={"fornyes_automatisk": "nei"},
    reads=("Avtaleperiode: 01.09.2025–31.08.2026",),
)


# --- 4. Original contract + Tilleggsavtale nr. 1 using the first option -----------------


def _arbeidsklaer_original() -> bytes:
    blocks: list[Block] = [
        ("title", "Rammeavtale 2024-011"),
        ("p", "Kjøp av arbeidsklær og personlig verneutstyr"),
        ("h1", "1. Avtalens parter"),
        ("p", f"Oppdragsgiver: {VLFK}, Postboks 7900, 5020 Bergen"),
        ("p", "Leverandør: Verneutstyr Vest AS, org.nr. 916 290 721, Fjellvegen 3, 6800 Førde"),
        ("h1", "2. Avtalens varighet"),
        ("p", "Rammeavtalen gjelder i to år fra 1. mars 2024 til og med 28. februar 2026."),
        (
            "p",
            "Oppdragsgiver har opsjon på forlengelse i 1 + 1 år. Oppdragsgiver skal varsle "
            "Leverandøren skriftlig om bruk av opsjon senest 3 måneder før avtalens utløp.",
        ),
        ("h1", "3. Oppsigelse"),
        ("p", "Hver av partene kan si opp rammeavtalen med 6 måneders skriftlig varsel."),
        ("h1", "4. Levering og garanti"),
        (
            "p",
            "Leveringstid er 10 virkedager fra bestilling. Leverandøren gir 2 års garanti på "
            "alle produkter. Returrett gjelder i 30 dager for ubrukte varer i original "
            "emballasje.",
        ),
        ("h1", "5. Priser"),
        (
            "p",
            "Prisene er faste det første avtaleåret. Deretter kan prisene reguleres én gang "
            "årlig per 1. mars etter SSBs konsumprisindeks, med skriftlig varsel senest 1 "
            "måned før reguleringen.",
        ),
        ("h1", "6. Signatur"),
        (
            "sign",
            [
                ("For Oppdragsgiver", "For Leverandøren"),
                ("Sted/dato: Bergen, 12.02.2024", "Sted/dato: Førde, 09.02.2024"),
                ("Kari Haugland", "Eirik Solheim"),
            ],
        ),
    ]
    return pdf_bytes(
        blocks,
        title="Rammeavtale 2024-011",
        header="Rammeavtale 2024-011 – Arbeidsklær og verneutstyr",
    )


def _arbeidsklaer_tillegg() -> bytes:
    blocks: list[Block] = [
        ("title", "Tilleggsavtale nr. 1"),
        (
            "p",
            "til rammeavtale 2024-011 om kjøp av arbeidsklær og personlig verneutstyr mellom "
            "Vestland fylkeskommune (org.nr. 821 311 632) og Verneutstyr Vest AS (org.nr. "
            "916 290 721)",
        ),
        ("h1", "1. Bakgrunn"),
        (
            "p",
            "Avtalen ble inngått for to år med opsjon på forlengelse 1 + 1 år, med oppstart "
            "1. mars 2024 og utløp 28. februar 2026. Oppdragsgiver varslet Leverandøren 14. "
            "oktober 2025 om at den første opsjonen tas i bruk.",
        ),
        ("h1", "2. Endringer"),
        (
            "p",
            "Oppdragsgiver benytter den første opsjonen på forlengelse. Avtalen forlenges med "
            "ett år og gjelder til og med 28.02.2027.",
        ),
        ("p", "Etter dette gjenstår én opsjon på ett år."),
        (
            "table",
            [
                ("Avtaleperiode etter endringen", "01.03.2024 – 28.02.2027"),
                ("Gjenværende opsjon", "1 år"),
            ],
        ),
        ("h1", "3. Øvrige bestemmelser"),
        (
            "p",
            "Alle øvrige bestemmelser i rammeavtalen gjelder uendret. Prisene reguleres fra "
            "1. mars 2026 med 3,8 prosent i samsvar med rammeavtalens punkt 5.",
        ),
        ("h1", "4. Signatur"),
        (
            "sign",
            [
                ("For Oppdragsgiver", "For Leverandøren"),
                ("Sted/dato: Bergen, 20.11.2025", "Sted/dato: Førde, 18.11.2025"),
            ],
        ),
    ]
    return docx_bytes(blocks, title="Tilleggsavtale nr. 1 til 2024-011")


C04_ORIGINAL = "Rammeavtale 2024-011 arbeidsklær signert.pdf"
C04_AMENDMENT = "Tilleggsavtale 1 til 2024-011 signert.docx"


def _arbeidsklaer() -> list[tuple[str, bytes]]:
    return [(C04_ORIGINAL, _arbeidsklaer_original()), (C04_AMENDMENT, _arbeidsklaer_tillegg())]


C04 = Case(
    "c04_tilleggsavtale_opsjon",
    "Signed rammeavtale (pdf, 1+1, ends 28.02.2026) + signed Tilleggsavtale nr. 1 (docx) "
    "whose 'Bakgrunn' repeats the old terms and whose 'Endringer' extends to 28.02.2027 "
    "with one option of one year left",
    _arbeidsklaer,
    {
        "start": "2024-03-01",
        "slutt": "2027-02-28",
        "varighet_mnd": "24",
        "opsjoner": "1",
        "opsjon_varsel_mnd": "3",
        "fornyes_automatisk": None,
        "oppsigelse_mnd": "6",
    },
    must={"opsjoner": "1", "slutt": "2027-02-28"},
    must_not={"slutt": "2026-02-28", "opsjoner": "1+1"},
    reads=("Gjenværende opsjon | 1 år",),
    kinds=("contract", "amendment"),
)


# --- 5. Endringsavtale that changes only the termination notice ---------------------------


def _ssa_d_stavanger() -> bytes:
    blocks: list[Block] = [
        ("title", "Driftsavtale (SSA-D)"),
        (
            "p",
            "Avtale om drift av kommunens fagsystemer for helse og omsorg, avtale nr. 2023-007",
        ),
        ("h1", "1. Avtalens parter"),
        (
            "table",
            [
                ("Kunde", f"{STAVANGER}, Olav Kyrres gate 19, 4005 Stavanger"),
                ("Leverandør", "Driftspartner Rogaland AS, org.nr. 922 152 799, 4033 Stavanger"),
            ],
        ),
        ("h1", "2. Avtalens varighet"),
        ("p", "Avtalen gjelder fra 1. juni 2023 og løper i fire år, til og med 31. mai 2027."),
        ("p", "Kunden har ikke opsjon på forlengelse. Avtalen fornyes ikke automatisk."),
        ("h1", "3. Oppsigelse"),
        ("p", "Kunden kan si opp avtalen helt eller delvis med 3 (tre) måneders skriftlig varsel."),
        ("h1", "4. Tjenestenivå"),
        (
            "p",
            "Tjenestene skal ha en oppetid på minst 99,5 % per måned. Responstid for feil i "
            "kategori A er 1 time, i kategori B 4 timer.",
        ),
        ("h1", "5. Bistand ved opphør"),
        (
            "p",
            "Ved avtalens opphør skal Leverandøren bistå Kunden med overføring av driften til "
            "ny leverandør i inntil 6 måneder.",
        ),
        ("h1", "6. Signatur"),
        (
            "sign",
            [
                ("For Kunden", "For Leverandøren"),
                ("Sted/dato: Stavanger, 10.05.2023", "Sted/dato: Stavanger, 10.05.2023"),
            ],
        ),
    ]
    return docx_bytes(blocks, title="Driftsavtale 2023-007")


def _ssa_d_endring() -> bytes:
    blocks: list[Block] = [
        ("title", "Endringsavtale nr. 2"),
        (
            "p",
            "til driftsavtale 2023-007 (SSA-D) mellom Stavanger kommune og Driftspartner "
            "Rogaland AS",
        ),
        ("h1", "1. Bakgrunn"),
        (
            "p",
            "Partene er enige om at Kundens oppsigelsesfrist skal forlenges, slik at en "
            "overgang til ny leverandør kan planlegges bedre. Endringsavtale nr. 1 (utvidelse "
            "med nytt fagsystem) gjelder uendret.",
        ),
        ("h1", "2. Endring"),
        (
            "p",
            "Punkt 3 i avtalen endres slik: Oppsigelsesfristen endres fra 3 (tre) måneder til "
            "6 (seks) måneder.",
        ),
        ("h1", "3. Ikrafttredelse"),
        (
            "p",
            "Endringen gjelder fra 1. september 2025. Øvrige bestemmelser i avtalen gjelder "
            "uendret.",
        ),
        ("p", "Stavanger, 28.08.2025"),
        ("p", "For Kunden: Stavanger kommune"),
        ("p", "For Leverandøren: Driftspartner Rogaland AS"),
    ]
    return docx_bytes(blocks, title="Endringsavtale nr. 2 til 2023-007")


def _ssa_d_med_endring() -> list[tuple[str, bytes]]:
    return [
        ("Driftsavtale 2023-007 signert.docx", _ssa_d_stavanger()),
        ("Endringsavtale 2 til driftsavtale 2023-007 signert.docx", _ssa_d_endring()),
    ]


C05 = Case(
    "c05_endringsavtale_oppsigelse",
    "SSA-D drift (docx) + Endringsavtale nr. 2 (docx) changing only the termination "
    "notice 3 -> 6 months; 'Endringen gjelder fra 1. september 2025'; no options stated",
    _ssa_d_med_endring,
    {
        "start": "2023-06-01",
        "slutt": "2027-05-31",
        "varighet_mnd": "48",
        "opsjoner": "",
        "opsjon_varsel_mnd": None,
        "fornyes_automatisk": "nei",
        "oppsigelse_mnd": "6",
    },
    must={"oppsigelse_mnd": "6"},
    must_not={"start": "2025-09-01", "oppsigelse_mnd": "3"},
    kinds=("contract", "amendment"),
)


# --- 6. A reference to the contract this one replaces --------------------------------------


def _kantine() -> list[tuple[str, bytes]]:
    blocks: list[Block] = [
        ("title", "Kontrakt om kantinedrift"),
        ("p", "Drift av personalkantina i Fylkeshuset i Bergen"),
        ("h1", "1. Partene"),
        ("p", f"Oppdragsgiver: {VLFK}"),
        ("p", "Leverandør: Matglede Kantiner AS, org.nr. 930 770 523"),
        ("h1", "2. Bakgrunn"),
        (
            "p",
            "Oppdragsgiver har gjennomført en åpen anbudskonkurranse om drift av kantina. "
            "Avtalen erstatter tidligere rammeavtale 2021-004 med samme leverandør, som "
            "utløper 28. februar 2025.",
        ),
        ("h1", "3. Kontraktsperiode"),
        (
            "p",
            "Avtalen gjelder fra 1. mars 2025 og har en varighet på 2 år. Oppdragsgiver har "
            "opsjon på forlengelse i 1 + 1 år, til sammen maksimalt 4 år.",
        ),
        ("p", "Melding om bruk av opsjon gis skriftlig senest 60 dager før utløp."),
        ("h1", "4. Åpningstider og priser"),
        (
            "p",
            "Kantina holder åpent kl. 08.00–14.00 på virkedager. Prisene på faste retter "
            "justeres årlig per 1. januar etter SSBs prisindeks for matvarer.",
        ),
        ("h1", "5. Oppsigelse"),
        ("p", "Partene kan si opp kontrakten med 4 måneders skriftlig varsel."),
        ("h1", "6. Underskrift"),
        (
            "sign",
            [
                ("For Oppdragsgiver", "For Leverandøren"),
                ("Sted/dato: Bergen, 10.02.2025", "Sted/dato: Bergen, 11.02.2025"),
            ],
        ),
    ]
    return [
        (
            "Kontrakt kantinedrift Fylkeshuset signert.docx",
            docx_bytes(blocks, title="Kontrakt kantinedrift"),
        )
    ]


C06 = Case(
    "c06_erstatter_tidligere_avtale",
    "Kantinedrift (docx): 'Avtalen erstatter tidligere rammeavtale 2021-004 …, som utløper "
    "28. februar 2025' before this contract's start 1. mars 2025; 'til sammen maksimalt "
    "4 år'; option notice 60 dager",
    _kantine,
    {
        "start": "2025-03-01",
        "slutt": "2027-02-28",
        "varighet_mnd": "24",
        "opsjoner": "1+1",
        "opsjon_varsel_mnd": "2",
        "fornyes_automatisk": None,
        "oppsigelse_mnd": "4",
    },
    must_not={"slutt": "2025-02-28"},
)


# --- 7. "trer i kraft ved signering og gjelder i to år" -----------------------------------


def _tolk() -> list[tuple[str, bytes]]:
    blocks: list[Block] = [
        ("title", "Avtale om kjøp av tolketjenester"),
        ("h1", "1. Avtalens parter"),
        ("p", f"Kunden: {BERGEN}"),
        ("p", "Leverandøren: Tolkesenteret Vest AS, org.nr. 919 917 091"),
        ("h1", "2. Avtalens omfang"),
        (
            "p",
            "Avtalen gjelder fremmøtetolking og skjermtolking for kommunens tjenester. Bestilling "
            "av tolk skal bekreftes innen 24 timer. Avbestilling senere enn 48 timer før "
            "oppdraget faktureres med 50 prosent.",
        ),
        ("h1", "3. Avtalens varighet"),
        (
            "p",
            "Avtalen trer i kraft ved signering og gjelder i to år. Det er ikke opsjon på "
            "forlengelse av avtalen.",
        ),
        ("h1", "4. Oppsigelse"),
        ("p", "Kommunen kan si opp avtalen med én måneds skriftlig varsel."),
        ("h1", "5. Betaling"),
        ("p", "Leverandøren fakturerer månedlig. Betalingsfrist er 30 dager."),
        ("h1", "6. Signatur"),
        (
            "sign",
            [
                ("For Kunden", "For Leverandøren"),
                ("Sted/dato: Bergen, 14.02.2025", "Sted/dato: Oslo, 17.02.2025"),
                ("Navn: Kari Haugland", "Navn: Amir Haddad"),
            ],
        ),
    ]
    return [("Avtale tolketjenester signert.docx", docx_bytes(blocks, title="Tolketjenester"))]


C07 = Case(
    "c07_ved_signering_setning",
    "Tolketjenester (docx): 'Avtalen trer i kraft ved signering og gjelder i to år.', "
    "signed 14.02.2025 and 17.02.2025 (start = the later); 'Det er ikke opsjon på "
    "forlengelse'; 'én måneds'",
    _tolk,
    {
        "start": "2025-02-17",
        "slutt": "2027-02-16",
        "varighet_mnd": "24",
        "opsjoner": "",
        "opsjon_varsel_mnd": None,
        "fornyes_automatisk": None,
        "oppsigelse_mnd": "1",
    },
    must_check={"start": "signature"},
    must_not={"start": "2025-02-14"},
)


# --- 8. "gjelder fra … og løper i tre år", 2 x 12 måneder (PDF) ---------------------------


def _skoleskyss() -> list[tuple[str, bytes]]:
    blocks: list[Block] = [
        ("title", "Rammeavtale om skoleskyss med drosje"),
        ("p", "Område Ryfylke – Rogaland fylkeskommune, Kolumbus AS som bestiller"),
        ("h1", "1. Avtalens parter"),
        ("p", f"Oppdragsgiver: {RFK}"),
        ("p", "Transportør: Ryfylke Taxi AS, org.nr. 976 240 391, 4130 Hjelmeland"),
        ("h1", "2. Avtaleperiode"),
        (
            "p",
            "Avtalen gjelder fra 1. januar 2025 og løper i tre år, med mulighet for forlengelse "
            "i inntil 2 x 12 måneder.",
        ),
        ("p", "Varsel om forlengelse gis senest 4 måneder før utløp."),
        ("h1", "3. Oppsigelse"),
        ("p", "Hver av partene kan si opp avtalen med tre (3) måneders skriftlig varsel."),
        ("h1", "4. Utførelse"),
        (
            "p",
            "Eleven skal ikke vente mer enn 15 minutter på skolen før eller etter skoletid. "
            "Reisetiden for den enkelte elev skal ikke overstige 45 minutter hver vei. Endringer "
            "i skyssbehovet meldes Transportøren minst 5 virkedager i forveien.",
        ),
        ("h1", "5. Priser og regulering"),
        (
            "p",
            "Prisene reguleres årlig per 1. januar etter SSBs kostnadsindeks for drosje, første "
            "gang 1. januar 2026. Betalingsfrist er 30 dager.",
        ),
        ("h1", "6. Signatur"),
        (
            "sign",
            [
                ("For Oppdragsgiver", "For Transportøren"),
                ("Sted/dato: Stavanger, 05.12.2024", "Sted/dato: Hjelmeland, 03.12.2024"),
            ],
        ),
    ]
    return [
        (
            "Rammeavtale skoleskyss Ryfylke signert.pdf",
            pdf_bytes(blocks, title="Rammeavtale skoleskyss Ryfylke"),
        )
    ]


C08 = Case(
    "c08_gjelder_fra_og_loper",
    "Skoleskyss (pdf, one page): 'Avtalen gjelder fra 1. januar 2025 og løper i tre år, med "
    "mulighet for forlengelse i inntil 2 x 12 måneder.'; 'tre (3) måneders'; first price "
    "adjustment 1. januar 2026",
    _skoleskyss,
    {
        "start": "2025-01-01",
        "slutt": "2027-12-31",
        "varighet_mnd": "36",
        "opsjoner": "1+1",
        "opsjon_varsel_mnd": "4",
        "fornyes_automatisk": None,
        "oppsigelse_mnd": "3",
    },
    must_not={"slutt": "2026-01-01"},
)


# --- 9. SSA-D PDF, the term sentence broken by a page break --------------------------------

C09_HEADER = "Driftsavtale SSA-D – Rogaland fylkeskommune"
C09_BREAK_AFTER = "til og med"


def _ssa_d_rogaland() -> list[tuple[str, bytes]]:
    blocks: list[Block] = [
        ("title", "Driftsavtale (SSA-D)"),
        (
            "p",
            "Avtale om drift og forvaltning av skoleadministrativt system for de videregående "
            "skolene",
        ),
        ("h1", "1. Avtalens parter"),
        ("p", f"Kunden: {RFK}, Arkitekt Eckhoffs gate 1, 4010 Stavanger"),
        ("p", "Leverandøren: Skoledrift Norge AS, org.nr. 950 376 554, Postboks 250, 0103 Oslo"),
        ("h1", "2. Avtalens omfang"),
        (
            "p",
            "Avtalen gjelder Leverandørens drift og forvaltning av Kundens skoleadministrative "
            "system med tilhørende integrasjoner mot Visma InSchool, Feide, FINT og "
            "fylkeskommunens arkivsystem. Driften omfatter overvåking, sikkerhetskopiering, "
            "oppdateringer, brukerstøtte på andre linje og forvaltning av tilganger for om lag "
            "21 000 elever og 3 400 ansatte ved 26 videregående skoler.",
        ),
        (
            "p",
            "Tjenestene er nærmere beskrevet i bilag 1 (Kundens beskrivelse av driftsobjektet) "
            "og bilag 2 (Leverandørens løsningsbeskrivelse). Ved motstrid gjelder avtaleteksten "
            "foran bilagene, og bilag 1 foran bilag 2, med mindre annet fremgår uttrykkelig.",
        ),
        (
            "p",
            "Leverandøren skal i etableringsfasen overta driften fra Kundens nåværende "
            "leverandør etter en omforent plan. Etableringen skal være fullført innen 8 uker "
            "etter avtaleinngåelse. Kunden skal stille nødvendig informasjon og tilgang til "
            "rådighet, og skal besvare spørsmål fra Leverandøren innen 5 virkedager.",
        ),
        (
            "p",
            "Leverandøren skal utpeke en fast driftsansvarlig som er Kundens kontaktpunkt. "
            "Driftsansvarlig skal delta i månedlige driftsmøter og legge frem rapport om "
            "tjenestenivå, hendelser, endringer og planlagt vedlikehold. Planlagt vedlikehold "
            "som medfører nedetid skal varsles minst 10 virkedager i forveien og legges utenfor "
            "skolenes åpningstid.",
        ),
        (
            "p",
            "Leverandøren skal behandle personopplysninger på vegne av Kunden i samsvar med "
            "databehandleravtalen i bilag 8. Personopplysninger skal ikke overføres til land "
            "utenfor EØS uten Kundens skriftlige samtykke.",
        ),
        ("h1", "3. Tjenestenivå"),
        (
            "p",
            "Tjenesten skal være tilgjengelig 99,7 % av tiden målt per måned, utenom avtalt "
            "vedlikehold. Responstid for kritiske feil er 4 timer, også i helger i "
            "eksamensperioden. Ved brudd på tjenestenivået betaler Leverandøren standardisert "
            "erstatning etter bilag 6.",
        ),
        (
            "p",
            "Sikkerhetskopi tas hver natt og oppbevares i 35 dager. Gjenoppretting av enkeltfiler "
            "skal skje innen 1 virkedag etter bestilling.",
        ),
        (
            "p",
            "Endringer i tjenesten bestilles skriftlig etter endringsprosedyren i bilag 5. "
            "Leverandøren skal innen 10 virkedager gi et skriftlig estimat over konsekvenser for "
            "pris, tjenestenivå og fremdrift. Endringer skal ikke iverksettes før Kunden har "
            "godkjent estimatet skriftlig.",
        ),
        (
            "p",
            "Leverandøren skal ha et styringssystem for informasjonssikkerhet i samsvar med "
            "NS-EN ISO/IEC 27001 og melde sikkerhetsbrudd til Kunden uten ugrunnet opphold, og "
            "senest innen 24 timer etter at bruddet ble oppdaget. Kunden kan gjennomføre revisjon "
            "hos Leverandøren med 4 ukers varsel, inntil én gang per år.",
        ),
        ("h1", "4. Avtalens varighet"),
        (
            "broken",
            (
                "Avtalen omfatter både etableringen og den løpende driften av tjenestene i "
                "bilag 1, også tjenester som legges til etter endringsprosedyren i bilag 5, og "
                "bistand fra Leverandørens fagmiljø ved behov. "
                "Avtalen gjelder fra og med 1. mars 2025 til og med 31. desember 2027. Kunden "
                "har opsjon på forlengelse av avtalen i 12 måneder. Varsel om bruk av opsjonen "
                "skal gis skriftlig senest 3 måneder før avtalens utløp.",
                C09_BREAK_AFTER,
            ),
        ),
        ("h1", "5. Oppsigelse"),
        (
            "p",
            "Kunden kan si opp avtalen med 6 måneders skriftlig varsel. Leverandøren kan ikke "
            "si opp avtalen i avtaleperioden.",
        ),
        ("h1", "6. Bistand ved opphør"),
        (
            "p",
            "Ved avtalens opphør skal Leverandøren i inntil 3 måneder bistå Kunden og ny "
            "leverandør med tilbakeføring av data og dokumentasjon.",
        ),
        ("pagebreak", ""),
        ("h1", "7. Signatur"),
        ("p", "Avtalen er signert elektronisk av begge parter."),
        (
            "sign",
            [
                ("For Kunden", "For Leverandøren"),
                ("Sted/dato: Stavanger, 11.02.2025", "Sted/dato: Oslo, 10.02.2025"),
                ("Trude Risa, fylkesdirektør", "Jon Berg, administrerende direktør"),
            ],
        ),
    ]
    return [
        (
            "Driftsavtale SSA-D Rogaland fylkeskommune signert.pdf",
            pdf_bytes(blocks, title="Driftsavtale SSA-D", header=C09_HEADER),
        )
    ]


C09 = Case(
    "c09_pdf_sideskift",
    "SSA-D drift (pdf, 3 pages, running header and 'Side N av 3' footer): 'gjelder fra og "
    "med 1. mars 2025 til og med' | page break | '31. desember 2027.'; SLA 99,7 %, 4 timer, "
    "3 months of exit assistance",
    _ssa_d_rogaland,
    {
        "start": "2025-03-01",
        "slutt": "2027-12-31",
        "varighet_mnd": None,
        "opsjoner": "1",
        "opsjon_varsel_mnd": "3",
        "fornyes_automatisk": None,
        "oppsigelse_mnd": "6",
    },
    must={"slutt": "2027-12-31"},
    reads=("fra og med 1. mars 2025 til og med 31. desember 2027",),
)


# --- 10. Notices in weeks and working days -------------------------------------------------


def _broyting() -> list[tuple[str, bytes]]:
    blocks: list[Block] = [
        ("title", "Avtale om brøyting og strøing"),
        ("p", "Vinterdrift av uteområdene ved de videregående skolene i Nordhordland"),
        ("h1", "1. Partene"),
        ("p", f"Oppdragsgiver: {VLFK}, Eiendomsavdelingen"),
        ("p", "Entreprenør: Nordhordland Maskin AS, org.nr. 947 453 289, 5914 Isdalstø"),
        ("h1", "2. Avtaleperiode"),
        (
            "p",
            "Avtalen gjelder for vintersesongene 2025/2026 og 2026/2027, fra 1. oktober 2025 "
            "til 30. april 2027.",
        ),
        (
            "p",
            "Oppdragsgiver har opsjon på forlengelse i 1 + 1 år. Melding om bruk av opsjon "
            "gis senest 10 virkedager før utløp.",
        ),
        ("h1", "3. Oppsigelse"),
        ("p", "Hver av partene kan si opp avtalen med 8 ukers skriftlig varsel."),
        ("h1", "4. Utførelse"),
        (
            "p",
            "Brøyting starter når snødybden er 5 cm og skal være ferdig innen kl. 07.00. Ved "
            "snøfall på dagtid skal utrykning skje innen 2 timer. Entreprenøren skal ha "
            "utstyret klart innen 15. oktober hvert år.",
        ),
        ("h1", "5. Vederlag"),
        (
            "p",
            "Fastpris per sesong er 185 000 kroner eks. mva. Ekstra oppdrag faktureres med "
            "1 250 kroner per time. Faktura sendes månedlig med 30 dagers betalingsfrist.",
        ),
        ("h1", "6. Signatur"),
        (
            "sign",
            [
                ("For Oppdragsgiver", "For Entreprenøren"),
                ("Sted/dato: Bergen, 01.09.2025", "Sted/dato: Isdalstø, 29.08.2025"),
            ],
        ),
    ]
    return [
        (
            "Avtale brøyting og strøing 2025-2027 signert.docx",
            docx_bytes(blocks, title="Brøyting og strøing"),
        )
    ]


C10 = Case(
    "c10_uker_og_virkedager",
    "Brøyting (docx): '8 ukers skriftlig varsel' (-> 2, rounded), 'senest 10 virkedager "
    "før utløp' (-> 1, rounded); season dates; 'innen 2 timer', '15. oktober hvert år'",
    _broyting,
    {
        "start": "2025-10-01",
        "slutt": "2027-04-30",
        "varighet_mnd": None,
        "opsjoner": "1+1",
        "opsjon_varsel_mnd": "1",
        "fornyes_automatisk": None,
        "oppsigelse_mnd": "2",
    },
    must={"oppsigelse_mnd": "2", "opsjon_varsel_mnd": "1"},
    must_check={"oppsigelse_mnd": "rounded", "opsjon_varsel_mnd": "rounded"},
)


# --- 11. Nynorsk ----------------------------------------------------------------------------


def _nynorsk() -> list[tuple[str, bytes]]:
    blocks: list[Block] = [
        ("title", "Rammeavtale om reinhaldstenester"),
        ("p", "for dei vidaregåande skulane i Sogn"),
        ("h1", "1. Partane i avtala"),
        ("p", f"Oppdragsgjevar: {VLFK}, Askedalen 2, 6863 Leikanger"),
        ("p", "Leverandør: Sogn Reinhald AS, org.nr. 946 020 370, 6854 Kaupanger"),
        ("h1", "2. Varigheit"),
        (
            "p",
            "Avtala gjeld i to år frå 1. april 2025 med høve til forlenging i eitt pluss eitt år.",
        ),
        ("p", "Varsel om bruk av opsjon skal sendast seinast tre månader før utløp."),
        ("p", "Avtala vert ikkje fornya automatisk."),
        ("h1", "3. Oppseiing"),
        ("p", "Oppseiingstida er seks månader. Oppseiinga skal vere skriftleg."),
        ("h1", "4. Betaling og prisregulering"),
        (
            "p",
            "Leverandøren fakturerer månadleg. Betalingsfristen er 30 dagar. Prisane vert "
            "regulerte årleg etter konsumprisindeksen, fyrste gong 1. april 2026.",
        ),
        ("h1", "5. Reklamasjon"),
        (
            "p",
            "Oppdragsgjevar skal reklamere innan rimeleg tid og seinast to veker etter at "
            "mangelen vart oppdaga.",
        ),
        ("h1", "6. Underskrift"),
        (
            "sign",
            [
                ("For oppdragsgjevar", "For leverandøren"),
                ("Stad/dato: Leikanger, 05.03.2025", "Stad/dato: Kaupanger, 04.03.2025"),
            ],
        ),
    ]
    return [
        (
            "Rammeavtale reinhald Sogn signert.docx",
            docx_bytes(blocks, title="Rammeavtale reinhald Sogn"),
        )
    ]


C11 = Case(
    "c11_nynorsk",
    "Rammeavtale reinhald (docx, nynorsk): 'Avtala gjeld i to år frå 1. april 2025 med høve "
    "til forlenging i eitt pluss eitt år', 'seinast tre månader før utløp', 'vert ikkje "
    "fornya automatisk', 'Oppseiingstida er seks månader'",
    _nynorsk,
    {
        "start": "2025-04-01",
        "slutt": "2027-03-31",
        "varighet_mnd": "24",
        "opsjoner": "1+1",
        "opsjon_varsel_mnd": "3",
        "fornyes_automatisk": "nei",
        "oppsigelse_mnd": "6",
    },
)


# --- 12. English -----------------------------------------------------------------------------


def _english() -> list[tuple[str, bytes]]:
    blocks: list[Block] = [
        ("title", "Framework Agreement"),
        ("p", "for consultancy services on cloud platforms"),
        ("h1", "1. Parties"),
        ("p", f"The Customer: Rogaland County Council ({RFK.replace('org.nr.', 'org. no.')})"),
        ("p", "The Supplier: Nordic Cloud Advisory AS, org. no. 982 753 678, Oslo"),
        ("h1", "2. Term"),
        (
            "p",
            "This Agreement enters into force on 1 April 2025 and shall remain in force for "
            "three (3) years.",
        ),
        (
            "p",
            "The Customer may extend the Agreement by up to two (2) periods of twelve (12) "
            "months each. Notice of extension shall be given no later than three (3) months "
            "before expiry.",
        ),
        ("p", "The Agreement shall not be renewed automatically."),
        ("h1", "3. Termination"),
        ("p", "Either party may terminate the Agreement with six (6) months' written notice."),
        ("h1", "4. Prices and payment"),
        (
            "p",
            "Hourly rates are fixed for the first twelve (12) months and may thereafter be "
            "adjusted annually in line with the consumer price index. Invoices are payable 30 "
            "days from receipt.",
        ),
        ("h1", "5. Warranty and support"),
        (
            "p",
            "The Supplier warrants its deliverables for a period of 12 months from acceptance. "
            "The response time for critical incidents is 4 hours.",
        ),
        ("h1", "6. Signatures"),
        (
            "sign",
            [
                ("For the Customer", "For the Supplier"),
                ("Place/date: Stavanger, 20 March 2025", "Place/date: Oslo, 18 March 2025"),
            ],
        ),
    ]
    return [
        (
            "Framework Agreement cloud consultancy signed.docx",
            docx_bytes(blocks, title="Framework Agreement"),
        )
    ]


C12 = Case(
    "c12_english",
    "Framework agreement (docx, English): 'enters into force on 1 April 2025 … three (3) "
    "years', 'two (2) periods of twelve (12) months', 'no later than three (3) months', "
    "'shall not be renewed automatically', 'six (6) months' written notice'",
    _english,
    {
        "start": "2025-04-01",
        "slutt": "2028-03-31",
        "varighet_mnd": "36",
        "opsjoner": "1+1",
        "opsjon_varsel_mnd": "3",
        "fornyes_automatisk": "nei",
        "oppsigelse_mnd": "6",
    },
)


# --- 13. A licence that renews automatically --------------------------------------------------


def _lisens() -> list[tuple[str, bytes]]:
    blocks: list[Block] = [
        ("title", "Lisensavtale"),
        ("p", "Abonnement på digitalt læringsverktøy for de videregående skolene"),
        ("numbered", "Avtalens parter"),
        ("p", f"Kunde: {RFK}"),
        ("p", "Leverandør: Læringsverket AS, org.nr. 924 419 555, 7030 Trondheim"),
        ("numbered", "Avtaleperiode og fornyelse"),
        ("p", "Avtalen gjelder fra 1. august 2025 til 31. juli 2026."),
        (
            "p",
            "Avtalen fornyes automatisk for ett år av gangen med mindre den sies opp med tre "
            "måneders varsel før utløp.",
        ),
        ("numbered", "Lisenser og pris"),
        (
            "p",
            "Lisensen omfatter 4 800 elever og 650 lærere. Årlig lisensavgift er 312 000 "
            "kroner eks. mva og faktureres forskuddsvis hvert år med 30 dagers "
            "betalingsfrist. Prisen kan justeres ved fornyelse, med minst 2 måneders varsel.",
        ),
        ("numbered", "Support"),
        (
            "p",
            "Support er tilgjengelig på hverdager kl. 08–16. Responstid for kritiske feil er "
            "4 timer.",
        ),
        ("numbered", "Data ved opphør"),
        ("p", "Ved opphør kan Kunden hente ut sine data i 90 dager. Deretter slettes dataene."),
        ("numbered", "Signatur"),
        (
            "sign",
            [
                ("For Kunden", "For Leverandøren"),
                ("Sted/dato: Stavanger, 24.06.2025", "Sted/dato: Trondheim, 20.06.2025"),
            ],
        ),
    ]
    return [
        (
            "Lisensavtale læringsverktøy signert.docx",
            docx_bytes(blocks, title="Lisensavtale"),
        )
    ]


C13 = Case(
    "c13_automatisk_fornyelse",
    "Software licence (docx, Word-numbered headings): 'Avtalen fornyes automatisk for ett "
    "år av gangen med mindre den sies opp med tre måneders varsel før utløp.'; price "
    "change notice 2 months, data export 90 days",
    _lisens,
    {
        "start": "2025-08-01",
        "slutt": "2026-07-31",
        "varighet_mnd": None,
        "opsjoner": None,
        "opsjon_varsel_mnd": None,
        "fornyes_automatisk": "ja",
        "oppsigelse_mnd": "3",
    },
    must={"fornyes_automatisk": "ja"},
)


# --- 14. PDF key-terms table ---------------------------------------------------------------


C14_NAME = "Rammeavtale 2025-014 signert.pdf"


def _pdf_table_bytes() -> bytes:
    blocks: list[Block] = [
        ("title", "Rammeavtale 2025-014"),
        ("p", "Kjøp av PC-er, skjermer og tilbehør til Vestland fylkeskommune"),
        ("h1", "1. Nøkkelinformasjon"),
        (
            "table",
            [
                ("Avtalenummer", "2025-014"),
                ("Løpetid", "2 år"),
                ("Avtalestart", "1. juni 2025"),
                ("Opsjoner", "1 + 1 år"),
                ("Varsel om forlengelse", "Senest 3 måneder før utløp"),
                ("Automatisk fornyelse", "Nei"),
                ("Oppsigelse", "6 måneder skriftlig"),
                ("Betalingsbetingelser", "30 dager netto"),
                ("Leveringstid", "8 uker fra bestilling"),
                ("Garanti", "3 år på stedet (on-site)"),
            ],
        ),
        ("h1", "2. Partene"),
        ("p", f"Oppdragsgiver: {VLFK}"),
        ("p", "Leverandør: Datautstyr Norge AS, org.nr. 980 157 644, 0581 Oslo"),
        ("h1", "3. Avtalens omfang"),
        (
            "p",
            "Rammeavtalen omfatter bærbare og stasjonære PC-er, skjermer, dokkingstasjoner og "
            "tilbehør til fylkeskommunens administrasjon og tannhelsetjeneste. Skolene er ikke "
            "omfattet. Estimert volum er 2 600 PC-er over avtalens løpetid, uten forpliktelse.",
        ),
        ("h1", "4. Bestilling og levering"),
        (
            "p",
            "Avrop gjøres i Oppdragsgivers e-handelssystem. Leverandøren skal bekrefte ordre "
            "innen 2 virkedager. Utstyret leveres ferdig installert med fylkeskommunens image.",
        ),
        ("h1", "5. Miljø"),
        (
            "p",
            "Leverandøren skal ta retur av utrangert utstyr og dokumentere sikker sletting "
            "innen 30 dager etter henting.",
        ),
        ("pagebreak", ""),
        ("h1", "6. Signatur"),
        (
            "sign",
            [
                ("For Oppdragsgiver", "For Leverandøren"),
                ("Sted/dato: Bergen, 19.05.2025", "Sted/dato: Oslo, 16.05.2025"),
                ("Kari Haugland, innkjøpssjef", "Lise Andersen, salgsdirektør"),
            ],
        ),
    ]
    return pdf_bytes(
        blocks,
        title="Rammeavtale 2025-014",
        header="Rammeavtale 2025-014 – PC-er og skjermer",
    )


C14 = Case(
    "c14_pdf_nokkeltabell",
    "Rammeavtale IKT-utstyr (pdf, 2 pages, running header): key terms as label/value on "
    "one baseline at two x positions ('Løpetid 2 år', 'Avtalestart 1. juni 2025'); "
    "delivery 8 weeks, warranty 3 years",
    lambda: [(C14_NAME, _pdf_table_bytes())],
    {
        "start": "2025-06-01",
        "slutt": "2027-05-31",
        "varighet_mnd": "24",
        "opsjoner": "1+1",
        "opsjon_varsel_mnd": "3",
        "fornyes_automatisk": "nei",
        "oppsigelse_mnd": "6",
    },
    reads=("Avtalestart 1. juni 2025", "Løpetid 2 år"),
)


# --- 15. SSA-V: "Ikrafttredelse | Ved signering" in the key-terms table ---------------------


def _ssa_v() -> list[tuple[str, bytes]]:
    blocks: list[Block] = [
        ("title", "Vedlikeholdsavtale (SSA-V)"),
        ("p", "Avtale om vedlikehold av programvare – økonomisystem"),
        ("h1", "1. Avtalens parter"),
        (
            "table",
            [
                ("Kunde", f"{RFK}"),
                ("Leverandør", "Regnskapssystemer Vest AS, org.nr. 921 719 795"),
            ],
        ),
        ("h1", "2. Avtalens nøkkelinformasjon"),
        (
            "table",
            [
                ("Ikrafttredelse", "Ved signering"),
                ("Varighet", "36 mnd"),
                ("Opsjon", "Kunden kan forlenge avtalen med inntil 12 måneder"),
                ("Varsel om forlengelse", "Senest 2 måneder før utløp"),
                ("Oppsigelse", "Kunden kan si opp avtalen med 3 måneders varsel"),
                ("Vedlikeholdsvederlag", "148 000 kroner per år eks. mva"),
                ("Responstid", "Kritiske feil: 2 timer"),
            ],
        ),
        ("h1", "3. Nye versjoner"),
        (
            "p",
            "Leverandøren skal levere nye versjoner minst 2 ganger per år. Kunden kan vente "
            "med å ta i bruk en ny versjon i inntil 6 måneder.",
        ),
        ("h1", "4. Signatur"),
        (
            "sign",
            [
                ("For Kunden", "For Leverandøren"),
                ("Sted/dato: Stavanger, 14.02.2025", "Sted/dato: Bergen, 14.02.2025"),
            ],
        ),
    ]
    return [
        (
            "Vedlikeholdsavtale SSA-V økonomisystem signert.docx",
            docx_bytes(blocks, title="Vedlikeholdsavtale SSA-V"),
        )
    ]


C15 = Case(
    "c15_ssa_v_ved_signering_tabell",
    "SSA-V vedlikehold (docx): 'Ikrafttredelse | Ved signering', 'Varighet | 36 mnd', "
    "both parties signed 14.02.2025; option 'inntil 12 måneder'; new versions 'inntil 6 "
    "måneder'",
    _ssa_v,
    {
        "start": "2025-02-14",
        "slutt": "2028-02-13",
        "varighet_mnd": "36",
        "opsjoner": "1",
        "opsjon_varsel_mnd": "2",
        "fornyes_automatisk": None,
        "oppsigelse_mnd": "3",
    },
    must_check={"start": "signature"},
    reads=("Ikrafttredelse | Ved signering",),
)


# --- 16. No term wording at all ------------------------------------------------------------


def _kjop() -> list[tuple[str, bytes]]:
    blocks: list[Block] = [
        ("title", "Kjøpsavtale"),
        (
            "p",
            "Kjøp og levering av 240 elevpulter og 240 elevstoler til Bryne videregående skole",
        ),
        ("h1", "1. Partene"),
        ("p", f"Kjøper: {RFK}"),
        ("p", "Selger: Skolemøbler AS, org.nr. 999 906 087, 6440 Elnesvågen"),
        ("h1", "2. Levering"),
        (
            "p",
            "Leveringstid er 8 uker fra signert avtale. Varene leveres fritt levert skolen, "
            "montert og med emballasje fjernet, innen 1. august 2025.",
        ),
        ("h1", "3. Pris"),
        (
            "table",
            [
                ("Elevpult, høydejusterbar", "2 150 kr per stk."),
                ("Elevstol", "1 290 kr per stk."),
                ("Montering og frakt", "Inkludert"),
                ("Sum eks. mva", "825 600 kr"),
            ],
        ),
        ("p", "Prisene er faste og gjelder til levering er godkjent."),
        ("h1", "4. Betaling"),
        ("p", "Betaling skjer 30 dager etter godkjent levering og mottatt faktura."),
        ("h1", "5. Garanti og reklamasjon"),
        (
            "p",
            "Selger gir 5 års garanti på stel og 2 års garanti på øvrige deler. Reklamasjon "
            "skal fremsettes innen rimelig tid.",
        ),
        ("h1", "6. Signatur"),
        (
            "sign",
            [
                ("For Kjøper", "For Selger"),
                ("Sted/dato: Stavanger, 03.04.2025", "Sted/dato: Elnesvågen, 02.04.2025"),
            ],
        ),
    ]
    return [("Kjøpsavtale elevmøbler Bryne signert.docx", docx_bytes(blocks, title="Kjøpsavtale"))]


C16 = Case(
    "c16_ingen_vilkar",
    "Kjøpsavtale elevmøbler (docx): prices, delivery 'innen 1. august 2025', 8 weeks, "
    "warranty 5 and 2 years, payment 30 days, signatures; no term wording at all",
    _kjop,
    {
        "start": None,
        "slutt": None,
        "varighet_mnd": None,
        "opsjoner": None,
        "opsjon_varsel_mnd": None,
        "fornyes_automatisk": None,
        "oppsigelse_mnd": None,
    },
)


# --- 17. A call-off contract under a framework agreement ------------------------------------


def _avrop() -> list[tuple[str, bytes]]:
    blocks: list[Block] = [
        ("title", "Avropsavtale"),
        ("p", "Kjøp av prosjektlederbistand til ombygging av Kongsgård skolesenter"),
        ("bold", "1. Grunnlag"),
        (
            "p",
            "Kontrakten er inngått under rammeavtale 2023-012 om rådgivende ingeniørtjenester, "
            "som gjelder til 31.12.2026. Rammeavtalens vilkår gjelder så langt ikke annet er "
            "avtalt her.",
        ),
        ("bold", "2. Partene"),
        ("p", f"Oppdragsgiver: {STAVANGER}"),
        ("p", "Rådgiver: Vestvik Prosjekt AS, org.nr. 971 352 418"),
        ("bold", "3. Kontraktsperiode"),
        ("p", "Kontraktsperioden er 6 måneder fra 1. februar 2025."),
        ("p", "Kontrakten kan sies opp med 1 måneds varsel."),
        ("bold", "4. Omfang og honorar"),
        (
            "p",
            "Estimert omfang er 480 timer. Timepris etter rammeavtalens prisskjema, 1 380 "
            "kroner eks. mva. Rådgiveren skal levere statusrapport hver 14. dag.",
        ),
        ("bold", "5. Signatur"),
        ("p", "Stavanger, 27.01.2025"),
        ("p", "For Oppdragsgiver: Stavanger kommune, Bygg og eiendom"),
        ("p", "For Rådgiver: Vestvik Prosjekt AS"),
    ]
    return [
        ("Avropsavtale prosjektleder Kongsgård signert.docx", docx_bytes(blocks, title="Avrop"))
    ]


C17 = Case(
    "c17_avrop_under_rammeavtale",
    "Call-off contract (docx): 'Kontraktsperioden er 6 måneder fra 1. februar 2025' next to "
    "the framework agreement's 'gjelder til 31.12.2026'; '1 måneds varsel'",
    _avrop,
    {
        "start": "2025-02-01",
        "slutt": "2025-07-31",
        "varighet_mnd": "6",
        "opsjoner": None,
        "opsjon_varsel_mnd": None,
        "fornyes_automatisk": None,
        "oppsigelse_mnd": "1",
    },
    must_not={"slutt": "2026-12-31"},
)


# --- 18. An unsigned draft handed over before the signed contract ------------------------


def _vikar_utkast() -> bytes:
    blocks: list[Block] = [
        ("p", "UTKAST – til forhandling 14.11.2025"),
        ("title", "Rammeavtale om kjøp av vikartjenester"),
        ("p", "Vikarer innen helse og omsorg til Bergen kommune"),
        ("h1", "1. Avtalens parter"),
        ("p", f"Kunden: {BERGEN}"),
        ("p", "Leverandøren: Omsorgsvikar Vest AS, org.nr. 935 308 291"),
        ("h1", "2. Avtalens varighet"),
        (
            "p",
            "Rammeavtalen gjelder i 3 år fra 1. januar 2026, med opsjon på forlengelse i 1 år.",
        ),
        ("h1", "3. Oppsigelse"),
        ("p", "Kunden kan si opp avtalen med 6 måneders skriftlig varsel."),
        ("h1", "4. Priser"),
        ("p", "Timepriser etter prisbilaget. Betalingsfrist 30 dager."),
    ]
    return docx_bytes(blocks, title="Rammeavtale vikartjenester – utkast")


def _vikar_signert() -> bytes:
    blocks: list[Block] = [
        ("title", "Rammeavtale om kjøp av vikartjenester"),
        ("p", "Vikarer innen helse og omsorg til Bergen kommune"),
        ("h1", "1. Avtalens parter"),
        ("p", f"Kunden: {BERGEN}"),
        ("p", "Leverandøren: Omsorgsvikar Vest AS, org.nr. 935 308 291"),
        ("h1", "2. Avtalens varighet"),
        (
            "p",
            "Rammeavtalen gjelder i 2 år fra 1. februar 2026, med opsjon på forlengelse i 1 + 1 "
            "år. Varsel om bruk av opsjon gis senest 3 måneder før utløp.",
        ),
        ("h1", "3. Oppsigelse"),
        ("p", "Kunden kan si opp avtalen med 3 måneders skriftlig varsel."),
        ("h1", "4. Priser og betaling"),
        (
            "p",
            "Timepriser etter prisbilaget, regulert etter lønnsoppgjøret i KS-området hvert år "
            "per 1. mai. Vikar skal være på plass innen 2 timer ved akutt behov. Betalingsfrist "
            "30 dager.",
        ),
        ("h1", "5. Signatur"),
        (
            "sign",
            [
                ("For Kunden", "For Leverandøren"),
                ("Sted/dato: Bergen, 12.01.2026", "Sted/dato: Bergen, 09.01.2026"),
            ],
        ),
    ]
    return pdf_bytes(blocks, title="Rammeavtale vikartjenester")


def _vikar() -> list[tuple[str, bytes]]:
    return [
        ("Rammeavtale vikartjenester utkast.docx", _vikar_utkast()),
        ("Rammeavtale vikartjenester signert.pdf", _vikar_signert()),
    ]


C18 = Case(
    "c18_utkast_og_signert",
    "Vikartjenester: an unsigned draft (docx: 3 år fra 1. januar 2026, opsjon 1 år, 6 "
    "måneder) handed over before the signed contract (pdf: 2 år fra 1. februar 2026, 1 + 1, "
    "3 måneder); the signed one counts",
    _vikar,
    {
        "start": "2026-02-01",
        "slutt": "2028-01-31",
        "varighet_mnd": "24",
        "opsjoner": "1+1",
        "opsjon_varsel_mnd": "3",
        "fornyes_automatisk": None,
        "oppsigelse_mnd": "3",
    },
    kinds=("contract", "contract"),
)


CASES: tuple[Case, ...] = (
    C01, C02, C03, C04, C05, C06, C07, C08, C09, C10, C11, C12, C13, C14, C15, C16, C17, C18,
)  # fmt: skip
