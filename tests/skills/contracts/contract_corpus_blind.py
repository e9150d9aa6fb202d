"""A second held-out corpus: fifteen contracts written the way Norwegian public buyers
and their suppliers write them, with the register values a contract manager would type
in, written by hand (never computed).

The wordings and layouts differ from contract_corpus.py on purpose: KS-style municipal
templates ("Kontraktens varighet" / "Kontrakten gjelder for perioden …"), a leasing
contract ("leieperiode", "minste leietid"), a fixed-term BPA contract that "opphører
uten oppsigelse", options in a lettered list, "Varighet: … (24 mnd.)", a telecom
"bindingstid", an option notice that is a calendar date ("innen 1. oktober året før
utløp"), "en måneds varsel til utgangen av en måned", nynorsk ("gjeld i fire år",
"forlengjast"), an English "Commencement Date", a PDF key-terms table whose cells wrap,
a signed amendment that changes only the option notice, an unsigned draft amendment,
a long "Prisregulering" section and an SSA-K consultancy contract whose start date sits
in a Word date-picker content control, as Digdir's templates have them.

The Case dataclass, the register fields and the writers (`docx_bytes`, `pdf_bytes`,
`ContractPdf`) come from the first corpus and tests/support/contract_pdf.py. Layouts the
shared writer does not make (three-column tables with a header row, merged cells, tab
stops, bold labels typed in front of the text, lettered lists, content controls) are
built here with python-docx directly.

Rules the expected values follow (a contract manager's):

    slutt                 the day before the same date N months after the start
    notices               in weeks or days rounded UP to whole months; those fields are
                          listed in ROUNDED and must carry the check "rounded"
    "ved signering"       the latest date in the signature block
    varighet_mnd          only when a term length is stated (a date range is not one)
"""

from __future__ import annotations

import io
from collections.abc import Callable

import docx
from docx.document import Document as WordDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt

from tests.skills.contracts.contract_corpus import CREATED, Block, Case, docx_bytes, pdf_bytes

# field names whose expected value was rounded up from weeks or days, per case id
ROUNDED: dict[str, tuple[str, ...]] = {}


# --- a Word writer for the layouts the shared one does not make -----------------------------


class Word:
    """A python-docx document with a few office habits as methods."""

    def __init__(self, *, header: str = "") -> None:
        self.document: WordDocument = docx.Document()
        if header:
            self.document.sections[0].header.paragraphs[0].text = header

    def title(self, text: str) -> None:
        self.document.add_heading(text, 0)

    def h1(self, text: str) -> None:
        self.document.add_heading(text, 1)

    def h2(self, text: str) -> None:
        self.document.add_heading(text, 2)

    def p(self, text: str, style: str | None = None) -> None:
        self.document.add_paragraph(text, style=style)

    def labelled(self, label: str, text: str) -> None:
        """A bold label typed in front of ordinary text in one paragraph ("Term: …")."""
        paragraph = self.document.add_paragraph()
        paragraph.add_run(label).bold = True
        paragraph.add_run(text)

    def runs(self, *parts: str) -> None:
        """One paragraph written in several runs, as Word splits text after edits."""
        paragraph = self.document.add_paragraph()
        for part in parts:
            paragraph.add_run(part)

    def bold(self, text: str) -> None:
        run = self.document.add_paragraph().add_run(text)
        run.bold = True
        run.font.size = Pt(12)

    def table(
        self,
        rows: list[tuple[str, ...]],
        *,
        header: tuple[str, ...] | None = None,
        style: str = "Table Grid",
        merged_title: str = "",
    ) -> None:
        """A real Word table; an optional header row, an optional first row whose cells
        are merged into one title cell."""
        cols = len(header or rows[0])
        table = self.document.add_table(rows=0, cols=cols)
        table.style = self.document.styles[style]
        if merged_title:
            cells = table.add_row().cells
            merged = cells[0].merge(cells[-1])
            merged.paragraphs[0].add_run(merged_title).bold = True
        if header:
            for cell, text in zip(table.add_row().cells, header, strict=True):
                cell.paragraphs[0].add_run(text).bold = True
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.paragraphs[0].add_run(text)
        self.document.add_paragraph()

    def table_with_date_control(
        self, rows: list[tuple[str, str]], date_label: str, iso: str, shown: str
    ) -> None:
        """A two-column table whose row `date_label` has its value in a date-picker
        content control (w:sdt with w:date), the way Digdir's SSA templates ask for
        dates; the other rows are plain text."""
        table = self.document.add_table(rows=0, cols=2)
        table.style = self.document.styles["Table Grid"]
        for label, value in rows:
            cells = table.add_row().cells
            cells[0].paragraphs[0].add_run(label).bold = True
            if label != date_label:
                cells[1].paragraphs[0].add_run(value)
                continue
            control = parse_xml(
                f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="{label}"/>'
                f'<w:tag w:val="dato_{label.lower()}"/><w:id w:val="-1736052815"/>'
                f'<w:date w:fullDate="{iso}T00:00:00Z"><w:dateFormat w:val="dd.MM.yyyy"/>'
                '<w:lid w:val="nb-NO"/><w:storeMappedDataAs w:val="dateTime"/>'
                '<w:calendar w:val="gregorian"/></w:date></w:sdtPr>'
                f"<w:sdtContent><w:r><w:t>{shown}</w:t></w:r></w:sdtContent></w:sdt>"
            )
            cells[1].paragraphs[0]._p.append(control)
        self.document.add_paragraph()

    def sign(self, rows: list[tuple[str, str]]) -> None:
        table = self.document.add_table(rows=0, cols=2)
        for left, right in rows:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = left, right

    def bytes(self, title: str) -> bytes:
        props = self.document.core_properties
        props.title = title
        props.author = "Innkjøp og kontraktsoppfølging"
        props.created = CREATED
        props.modified = CREATED
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()


def _one(name: str, build: Callable[[], bytes]) -> Callable[[], list[tuple[str, bytes]]]:
    return lambda: [(name, build())]


# --- b01. KS-style municipal template: "Kontrakten gjelder for perioden …" -----------------


def _ks_matombringing() -> bytes:
    w = Word(header="Gjøvik kommune – Kontrakt 2025/3318")
    w.title("KONTRAKT")
    w.p("om levering av middag til hjemmeboende – matombringing")
    w.p("Saksnummer: 2025/3318")
    w.h1("1 Generelt")
    w.h2("1.1 Kontraktens parter")
    w.table(
        [
            ("Oppdragsgiver", "Gjøvik kommune, org.nr. 944 073 787, Postboks 630, 2810 Gjøvik"),
            ("Leverandør", "Mjøsmat AS, org.nr. 918 441 207, Storgata 12, 2815 Gjøvik"),
        ]
    )
    w.h2("1.2 Kontraktsdokumenter")
    w.p("Kontrakten består av følgende dokumenter, som ved motstrid gjelder i denne rekkefølgen:")
    w.p("Denne kontrakten med bilag", style="List Number")
    w.p("Konkurransegrunnlaget med kravspesifikasjon, datert 14.08.2025", style="List Number")
    w.p("Avklaringer i konkurranseperioden, datert 05.09.2025", style="List Number")
    w.p("Leverandørens tilbud, datert 25.09.2025", style="List Number")
    w.h2("1.3 Kontraktens varighet")
    w.p("Kontrakten gjelder for perioden 01.01.2026 – 31.12.2027.")
    w.p(
        "Oppdragsgiver har rett til å forlenge kontrakten med 1 år + 1 år på samme vilkår. "
        "Forlengelse skal varsles skriftlig senest 3 måneder før kontraktens utløp."
    )
    w.p("Kontraktens samlede varighet, inkludert opsjoner, er maksimalt 4 år.")
    w.h2("1.4 Oppsigelse")
    w.p(
        "Oppdragsgiver kan si opp kontrakten med 3 måneders skriftlig varsel. Fristen løper "
        "fra den første dagen i måneden etter at oppsigelsen er mottatt."
    )
    w.h1("2 Leveransen")
    w.p(
        "Middag leveres alle dager mellom kl. 10.30 og 13.00. Menyen skal gå i en syklus på "
        "minst 6 uker. Bestillinger mottatt innen kl. 12.00 leveres neste dag. Endringer i "
        "antall porsjoner meldes senest 2 dager i forveien."
    )
    w.h1("3 Vederlag og prisendring")
    w.p(
        "Prisene er faste til og med 31.12.2026. Deretter reguleres prisene 1. januar hvert "
        "år etter endringen i SSBs konsumprisindeks for matvarer de siste 12 månedene."
    )
    w.p("Faktura sendes månedlig etterskuddsvis. Betalingsfrist er 30 dager.")
    w.h1("4 Underskrifter")
    w.p("Kontrakten er undertegnet i to eksemplarer, hvorav partene beholder hvert sitt.")
    w.sign(
        [
            ("Sted og dato: Gjøvik, 02.12.2025", "Sted og dato: Gjøvik, 28.11.2025"),
            ("for Oppdragsgiver", "for Leverandør"),
            ("Marte Skogli, kommunalsjef", "Anders Hov, daglig leder"),
        ]
    )
    return w.bytes("Kontrakt matombringing")


B01 = Case(
    "b01_ks_kontraktens_varighet",
    "KS-style contract (docx, Heading 2 '1.3 Kontraktens varighet'): 'Kontrakten gjelder for "
    "perioden 01.01.2026 – 31.12.2027', '1 år + 1 år', 'samlede varighet … maksimalt 4 år', "
    "prices fixed 'til og med 31.12.2026', dated tender documents in a Word numbered list",
    _one("Kontrakt matombringing Gjøvik kommune signert.docx", _ks_matombringing),
    {
        "start": "2026-01-01",
        "slutt": "2027-12-31",
        "varighet_mnd": None,
        "opsjoner": "1+1",
        "opsjon_varsel_mnd": "3",
        "fornyes_automatisk": None,
        "oppsigelse_mnd": "3",
    },
)


# --- b02. Leasing: "leieperiode", "minste leietid", automatic extension --------------------


def _leasing() -> bytes:
    w = Word()
    w.title("LEIEAVTALE nr. 40021587")
    w.p("Leie av multifunksjonsmaskiner (skriver/kopi/skann) til kommunens tjenestesteder")
    w.bold("Partene")
    w.p("Leietaker:\tHamar kommune, org.nr. 970 540 008, Postboks 4063, 2306 Hamar")
    w.p("Utleier:\tKontorfinans Norge AS, org.nr. 987 654 321, Postboks 120, 0051 Oslo")
    w.p("Leverandør:\tPrintPartner Innlandet AS, org.nr. 912 345 670, 2317 Hamar")
    w.bold("Leieobjekt og leiebetingelser")
    w.p(
        "Leieobjektet er 14 stk. multifunksjonsmaskiner med etterbehandler, som spesifisert i "
        "vedlegg A, levert og installert av Leverandøren."
    )
    w.table(
        [
            ("Leiestart", "01.04.2025"),
            ("Leieperiode", "48 måneder"),
            ("Minste leietid", "36 måneder"),
            ("Månedlig leie", "9 870 kr eks. mva."),
            ("Fakturering", "Kvartalsvis forskuddsvis"),
            ("Etableringsgebyr", "1 500 kr"),
        ],
        style="Light Grid Accent 1",
        merged_title="Leiebetingelser",
    )
    w.bold("Leieperiode, forlengelse og oppsigelse")
    w.p(
        "Leieperioden regnes fra leiestart. Leietaker kan tidligst si opp avtalen med "
        "virkning fra utløpet av minste leietid, med 3 måneders skriftlig varsel."
    )
    w.p(
        "Dersom avtalen ikke er sagt opp skriftlig senest 3 måneder før leieperioden "
        "utløper, forlenges den automatisk med 12 måneder av gangen på samme vilkår."
    )
    w.p(
        "Ved førtidig innfrielse betaler Leietaker gjenværende leie for minste leietid, "
        "neddiskontert med 3 måneders NIBOR."
    )
    w.bold("Leieregulering")
    w.p(
        "Utleier kan regulere leien dersom 3 måneders NIBOR endres med mer enn 0,5 "
        "prosentpoeng i forhold til nivået ved leiestart. Regulering varsles 30 dager før den "
        "får virkning."
    )
    w.bold("Service")
    w.p(
        "Leverandøren utfører service og leverer forbruksmateriell etter serviceavtale i "
        "vedlegg B. Responstid er 8 arbeidstimer. Utstyret byttes ved mer enn 3 feil i løpet "
        "av 2 måneder."
    )
    w.bold("Tilbakelevering")
    w.p(
        "Ved leieperiodens slutt skal utstyret tilbakeleveres innen 14 dager, med "
        "harddisker slettet etter Utleiers rutine."
    )
    w.sign(
        [
            ("Hamar, 12.03.2025", "Oslo, 10.03.2025"),
            ("for Leietaker", "for Utleier"),
            ("Siri Bakken, innkjøpsrådgiver", "Per Aas, kredittsjef"),
        ]
    )
    return w.bytes("Leieavtale 40021587")


B02 = Case(
    "b02_leieavtale_minste_leietid",
    "Leasing contract (docx, table with a merged title row, tab-separated party lines): "
    "'Leiestart | 01.04.2025', 'Leieperiode | 48 måneder', 'Minste leietid | 36 måneder' "
    "(not the term), automatic extension by 12 months, '3 måneders NIBOR' twice",
    _one("Leieavtale 40021587 multifunksjonsmaskiner signert.docx", _leasing),
    {
        "start": "2025-04-01",
        "slutt": "2029-03-31",
        "varighet_mnd": "48",
        "opsjoner": None,
        "opsjon_varsel_mnd": None,
        "fornyes_automatisk": "ja",
        "oppsigelse_mnd": "3",
    },
)


# --- b03. A fixed-term BPA contract that ends without notice (PDF) --------------------------


def _bpa() -> bytes:
    blocks: list[Block] = [
        ("title", "Avtale om kjøp av brukerstyrt personlig assistanse (BPA)"),
        ("p", "mellom Ringsaker kommune og Assistansepartner Innlandet AS"),
        ("h2", "§ 1 Parter"),
        ("p", "Kommunen: Ringsaker kommune, org.nr. 970 169 717, Postboks 13, 2381 Brumunddal"),
        (
            "p",
            "Leverandøren: Assistansepartner Innlandet AS, org.nr. 923 456 781, "
            "Kirkegata 4, 2317 Hamar",
        ),
        ("h2", "§ 2 Formål og omfang"),
        (
            "p",
            "Leverandøren skal yte brukerstyrt personlig assistanse til brukere som har "
            "vedtak om BPA og som har valgt Leverandøren som arbeidsgiver for sine assistenter. "
            "Omfanget for den enkelte bruker følger av kommunens vedtak. Eksempelvis har "
            "bruker nr. 1 vedtak om 42 timer per uke, som gjelder til 30.06.2026 og kan "
            "fornyes etter ny vurdering.",
        ),
        ("h2", "§ 3 Avtaleperiode"),
        ("p", "Avtalen trer i kraft 1. januar 2025."),
        ("p", "Avtalen er tidsbegrenset og opphører uten oppsigelse 31.12.2027."),
        (
            "p",
            "Det er ikke avtalt opsjon på forlengelse. En eventuell ny avtale forutsetter ny "
            "konkurranse.",
        ),
        ("h2", "§ 4 Opplæring og oppfølging"),
        (
            "p",
            "Arbeidsledere skal ha gjennomført Leverandørens opplæring innen 3 måneder etter "
            "oppstart. Leverandøren skal gjennomføre oppfølgingssamtale med hver arbeidsleder "
            "minst hver 6. måned.",
        ),
        ("h2", "§ 5 Timelister og betaling"),
        (
            "p",
            "Timelister sendes kommunen innen 5 dager etter utgangen av hver måned. "
            "Kommunen betaler timesats etter prisskjemaet innen 30 dager etter mottatt faktura.",
        ),
        ("h2", "§ 6 Endringer i avtaleperioden"),
        (
            "p",
            "Ingen av partene kan si opp avtalen i avtaleperioden, med mindre det foreligger "
            "vesentlig mislighold, jf. § 7.",
        ),
        ("h2", "§ 7 Mislighold og heving"),
        (
            "p",
            "Ved vesentlig mislighold kan den andre parten heve avtalen med 14 dagers skriftlig "
            "varsel, dersom forholdet ikke er rettet innen fristen.",
        ),
        ("h2", "§ 8 Underskrift"),
        (
            "sign",
            [
                ("For Ringsaker kommune", "For Assistansepartner Innlandet AS"),
                ("Brumunddal, 11.12.2024", "Hamar, 09.12.2024"),
                ("Liv Mæhlum, enhetsleder", "Tor Nyhus, daglig leder"),
            ],
        ),
    ]
    return pdf_bytes(
        blocks, title="BPA-avtale Ringsaker kommune", header="BPA-avtale – Ringsaker kommune"
    )


B03 = Case(
    "b03_tidsbegrenset_opphorer",
    "BPA contract (pdf, running header, '§' headings): 'trer i kraft 1. januar 2025', "
    "'Avtalen er tidsbegrenset og opphører uten oppsigelse 31.12.2027', 'ikke avtalt opsjon', "
    "no right to terminate in the period; a user's decision 'gjelder til 30.06.2026 og kan "
    "fornyes', hevingsvarsel 14 dager",
    _one("BPA-avtale Ringsaker 2025-2027 signert.pdf", _bpa),
    {
        "start": "2025-01-01",
        "slutt": "2027-12-31",
        "varighet_mnd": None,
        "opsjoner": "",
        "opsjon_varsel_mnd": None,
        "fornyes_automatisk": "nei",
        "oppsigelse_mnd": None,
    },
)


# --- b04. Framework agreement, options as a lettered list ----------------------------------


def _rorlegger() -> bytes:
    w = Word()
    w.title("Rammeavtale")
    w.p("Rammeavtale om kjøp av rørleggertjenester – Drammen kommune, avtale nr. 25/0077")
    w.h1("1 Parter")
    w.p("Oppdragsgiver: Drammen kommune, org.nr. 921 234 554, Postboks 7500, 3008 Drammen")
    w.p("Leverandør: Rør & Varme Drammen AS, org.nr. 914 762 336, Tordenskioldsgate 8")
    w.h1("2 Omfang")
    w.p(
        "Rammeavtalen omfatter service, vedlikehold og mindre rehabiliteringsarbeider på "
        "sanitær- og varmeanlegg i kommunens bygg. Arbeider over 500 000 kroner eks. mva. "
        "konkurranseutsettes særskilt."
    )
    w.h1("3 Avtalens varighet")
    w.p("Rammeavtalen gjelder i 2 år fra 1. mai 2025.")
    w.p("Oppdragsgiver kan ensidig forlenge rammeavtalen på uendrede vilkår slik:")
    w.p("a)\tførste opsjon: 12 måneder", style="List Paragraph")
    w.p("b)\tandre opsjon: 12 måneder", style="List Paragraph")
    w.p(
        "Oppdragsgiver skal gi Leverandøren skriftlig beskjed om at en opsjon benyttes "
        "senest 90 dager før rammeavtalen utløper."
    )
    w.p(
        "Rammeavtalens samlede varighet kan ikke overstige 4 år. Avrop som er inngått i "
        "rammeavtalens løpetid, kan gjennomføres i inntil 6 måneder etter at rammeavtalen "
        "er utløpt."
    )
    w.h1("4 Oppsigelse")
    w.p("Oppdragsgiver kan si opp rammeavtalen med seks måneders skriftlig varsel.")
    w.h1("5 Utførelse")
    w.p(
        "Ved akutte lekkasjer skal Leverandøren være på stedet innen 2 timer, hele døgnet. "
        "Øvrige oppdrag påbegynnes innen 5 virkedager. Leverandøren gir 3 års garanti på "
        "utført arbeid."
    )
    w.h1("6 Priser")
    w.p(
        "Timeprisene er faste de første 12 månedene. Deretter reguleres de årlig per 1. mai "
        "etter SSBs byggekostnadsindeks for rørleggerarbeid."
    )
    w.h1("7 Signatur")
    w.sign(
        [
            ("For Oppdragsgiver", "For Leverandøren"),
            ("Drammen, 22.04.2025", "Drammen, 16.04.2025"),
        ]
    )
    return w.bytes("Rammeavtale rørleggertjenester")


B04 = Case(
    "b04_opsjoner_i_liste",
    "Framework agreement (docx): options in a typed lettered list 'a)\\tførste opsjon: 12 "
    "måneder', 'b)\\tandre opsjon: 12 måneder'; notice 90 dager (-> 3, rounded); 'samlede "
    "varighet … 4 år', call-offs 'inntil 6 måneder etter', 3 års garanti",
    _one("Rammeavtale rørleggertjenester Drammen signert.docx", _rorlegger),
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
ROUNDED[B04.id] = ("opsjon_varsel_mnd",)


# --- b05. "Varighet: 01.04.2025 – 31.03.2027 (24 mnd.)" in a PDF info block ----------------


def _gront() -> bytes:
    blocks: list[Block] = [
        ("title", "Kontrakt – skjøtsel av grøntanlegg"),
        ("p", "Sandnes kommune, Bymiljø – Kontrakt nr. 2025/0412"),
        ("h2", "Kontraktsinformasjon"),
        ("p", "Kontraktsnummer: 2025/0412"),
        ("p", "Varighet: 01.04.2025 – 31.03.2027 (24 mnd.)"),
        ("p", "Opsjon: 1 år + 1 år"),
        ("p", "Varsel om opsjon: senest 4 mnd. før utløp"),
        ("p", "Stilltiende forlengelse: Nei"),
        ("p", "Oppsigelse: 3 mnd. gjensidig, skriftlig"),
        ("p", "Prisfast til: 31.03.2026"),
        ("p", "Garanti på planter: 24 mnd. etter planting"),
        ("p", "Betaling: 30 dager netto"),
        ("h2", "Parter"),
        ("p", "Oppdragsgiver: Sandnes kommune, org.nr. 964 965 137, Postboks 583, 4302 Sandnes"),
        ("p", "Entreprenør: Jærgrønt AS, org.nr. 915 222 118, Austråttveien 30, 4306 Sandnes"),
        ("h2", "Arbeidets omfang"),
        (
            "p",
            "Skjøtsel av parker, lekeplasser og grøntrabatter i sentrum og Ganddal. Arbeidet "
            "utføres i sesongen 15. april – 31. oktober. Gressklipping skal skje ukentlig i "
            "perioden mai–august, og hver 14. dag ellers i sesongen.",
        ),
        (
            "p",
            "Entreprenøren skal levere månedlig rapport innen den 5. i påfølgende måned. "
            "Avvik skal utbedres innen 3 virkedager.",
        ),
        ("h2", "Underskrifter"),
        (
            "sign",
            [
                ("Sandnes, 20.03.2025", "Sandnes, 18.03.2025"),
                ("For Sandnes kommune", "For Jærgrønt AS"),
            ],
        ),
    ]
    return pdf_bytes(blocks, title="Kontrakt 2025/0412 grøntanlegg")


B05 = Case(
    "b05_varighet_med_mnd",
    "Grøntanlegg contract (pdf): info block lines 'Varighet: 01.04.2025 – 31.03.2027 (24 "
    "mnd.)', 'Opsjon: 1 år + 1 år', 'senest 4 mnd. før utløp', 'Stilltiende forlengelse: "
    "Nei', 'Oppsigelse: 3 mnd. gjensidig'; 'Prisfast til: 31.03.2026', 'Garanti … 24 mnd.'",
    _one("Kontrakt 2025-0412 skjøtsel grøntanlegg signert.pdf", _gront),
    {
        "start": "2025-04-01",
        "slutt": "2027-03-31",
        "varighet_mnd": "24",
        "opsjoner": "1+1",
        "opsjon_varsel_mnd": "4",
        "fornyes_automatisk": "nei",
        "oppsigelse_mnd": "3",
    },
)


# --- b06. Telecom: "bindingstid 36 måneder", start at signing ------------------------------


def _mobil() -> bytes:
    w = Word()
    w.title("Avtale om mobiltelefoni og mobilt bredbånd")
    w.p("Skien kommune – avtale nr. 2025-MOB-01")
    w.h1("Parter")
    w.p("Kunde: Skien kommune, org.nr. 938 583 986, Postboks 3158, 3707 Skien")
    w.p("Leverandør: Nordnett Mobil AS, org.nr. 976 543 210, Snarøyveien 30, 1360 Fornebu")
    w.h1("Avtalevilkår")
    w.table(
        [
            ("1", "Avtalestart", "Ved signering av begge parter"),
            ("2", "Bindingstid", "36 måneder fra avtalestart"),
            ("3", "Opsjon", "Kunden kan forlenge avtalen med 12 måneder på samme vilkår"),
            ("4", "Frist for å benytte opsjon", "2 måneder før bindingstidens utløp"),
            ("5", "Fornyelse", "Ingen automatisk fornyelse etter bindingstiden"),
            (
                "6",
                "Oppsigelse",
                "1 måneds varsel. Ved oppsigelse i bindingstiden faktureres gjenstående "
                "fastavgift for abonnementene.",
            ),
            ("7", "Fakturaperiode", "Månedlig"),
            ("8", "Nummerportering", "Innen 5 virkedager etter bestilling"),
            ("9", "Garanti på mobiltelefoner", "24 måneder"),
            ("10", "Prisendringer", "Varsles minst 2 måneder før de trer i kraft"),
        ],
        header=("Nr.", "Vilkår", "Avtalt"),
        style="Light List Accent 1",
    )
    w.h1("Abonnementer")
    w.table(
        [
            ("Ansattabonnement 20 GB", "159 kr/mnd", "ca. 1 900"),
            ("Mobilt bredbånd 100 GB", "199 kr/mnd", "ca. 350"),
            ("M2M/IoT-abonnement", "19 kr/mnd", "ca. 1 200"),
        ],
        header=("Abonnement", "Pris eks. mva.", "Antall"),
    )
    w.p("Abonnementsprisene er faste i 12 måneder fra avtalestart.")
    w.h1("Signatur")
    w.sign(
        [
            ("For Kunden", "For Leverandøren"),
            ("Sted/dato: Skien, 19.05.2025", "Sted/dato: Fornebu, 23.05.2025"),
            ("Knut Hegna, IT-sjef", "Maria Lunde, key account manager"),
        ]
    )
    return w.bytes("Avtale mobiltelefoni Skien kommune")


B06 = Case(
    "b06_bindingstid",
    "Telecom contract (docx, three-column table with header 'Nr. | Vilkår | Avtalt'): "
    "'Avtalestart | Ved signering av begge parter' (signed 19.05 and 23.05.2025), "
    "'Bindingstid | 36 måneder fra avtalestart', option 12 months; 20 GB/mnd, garanti 24 "
    "måneder, price changes 2 months",
    _one("Avtale mobiltelefoni Skien kommune signert.docx", _mobil),
    {
        "start": "2025-05-23",
        "slutt": "2028-05-22",
        "varighet_mnd": "36",
        "opsjoner": "1",
        "opsjon_varsel_mnd": "2",
        "fornyes_automatisk": "nei",
        "oppsigelse_mnd": "1",
    },
)


# --- b07. Option notice as a calendar date: "innen 1. oktober året før utløp" -------------


def _slam() -> list[tuple[str, bytes]]:
    blocks: list[Block] = [
        ("title", "Avtale om tømming av slamavskillere"),
        ("p", "Innsamling og transport av slam fra private avløpsanlegg i Valdres"),
        ("bold", "§ 1 Avtalens parter"),
        ("p", "Oppdragsgiver: Valdres kommunale renovasjon IKS, org.nr. 979 538 774, Fagernes"),
        ("p", "Entreprenør: Slamteknikk Innlandet AS, org.nr. 913 664 250, 2900 Fagernes"),
        ("bold", "§ 2 Avtaleperiode"),
        ("p", "Avtaleperioden er 1. januar 2026 – 31. desember 2028."),
        (
            "p",
            "Oppdragsgiver kan forlenge avtalen med ett år av gangen, inntil to ganger. "
            "Melding om forlengelse skal være mottatt av Entreprenøren innen 1. oktober året "
            "før utløp.",
        ),
        ("bold", "§ 3 Oppsigelse"),
        ("p", "Oppdragsgiver kan si opp avtalen med fire måneders skriftlig varsel."),
        ("bold", "§ 4 Tømmefrekvens og sesong"),
        (
            "p",
            "Slamavskillere ved helårsboliger tømmes hvert annet år, ved fritidsboliger hvert "
            "fjerde år. Tømmesesongen er 1. mai – 31. oktober. Tømmelister oversendes "
            "Entreprenøren innen 15. mars hvert år.",
        ),
        ("bold", "§ 5 Rapportering og betaling"),
        (
            "p",
            "Fakturagrunnlag med tømmerapport sendes innen 10 dager etter utgangen av hver "
            "måned. Betalingsfrist er 30 dager.",
        ),
        ("bold", "§ 6 Underskrift"),
        (
            "sign",
            [
                ("Fagernes, 14.11.2025", "Fagernes, 12.11.2025"),
                ("for Oppdragsgiver", "for Entreprenør"),
            ],
        ),
    ]
    return [
        (
            "Avtale tømming slamavskillere VKR signert.docx",
            docx_bytes(blocks, title="Avtale tømming av slamavskillere"),
        )
    ]


B07 = Case(
    "b07_varsel_kalenderdato",
    "Slam contract (docx, bold '§' headings): 'Avtaleperioden er 1. januar 2026 – 31. "
    "desember 2028', 'ett år av gangen, inntil to ganger', option notice 'innen 1. oktober "
    "året før utløp' (no month count: None), 'fire måneders'; seasons and yearly dates",
    _slam,
    {
        "start": "2026-01-01",
        "slutt": "2028-12-31",
        "varighet_mnd": None,
        "opsjoner": "1+1",
        "opsjon_varsel_mnd": None,
        "fornyes_automatisk": None,
        "oppsigelse_mnd": "4",
    },
)


# --- b08. "en måneds varsel til utgangen av en måned", automatic renewal (PDF) ------------


def _heis() -> list[tuple[str, bytes]]:
    blocks: list[Block] = [
        ("title", "Serviceavtale – heis og løfteplattformer"),
        ("p", "Avtalenr. SA-22871"),
        ("p", "Kunde: Kongsberg kommune, Eiendomsavdelingen, org.nr. 942 402 465"),
        ("p", "Leverandør: Nordic Heis Service AS, org.nr. 917 330 118, 3611 Kongsberg"),
        ("h2", "1. Omfang"),
        (
            "p",
            "Avtalen omfatter 23 personheiser og 6 løfteplattformer i kommunens bygg, se "
            "anleggsliste. Periodisk vedlikehold utføres 4 ganger per år. Sakkyndig kontroll "
            "bestilles hver 12. måned i samsvar med forskrift om heis.",
        ),
        ("h2", "2. Avtaleperiode"),
        (
            "p",
            "Avtalen gjelder fra 01.02.2025 til 31.01.2026. Avtalen forlenges deretter "
            "automatisk med 12 måneder om gangen dersom den ikke er sagt opp.",
        ),
        ("h2", "3. Oppsigelse"),
        (
            "p",
            "Avtalen kan sies opp av begge parter med en måneds varsel til utgangen av en "
            "måned. Oppsigelsen skal være skriftlig.",
        ),
        ("h2", "4. Feilretting"),
        (
            "p",
            "Ved personinnesperring skal tekniker være på stedet innen 1 time, hele døgnet. "
            "Andre feil utbedres innen 24 timer på hverdager.",
        ),
        ("h2", "5. Pris og betaling"),
        (
            "p",
            "Fastpris per anlegg etter prisbilaget. Prisene reguleres 1. januar hvert år. "
            "Faktura sendes ved utgangen av hver måned med 20 dagers betalingsfrist.",
        ),
        ("h2", "6. Signatur"),
        (
            "sign",
            [
                ("Kongsberg, 24.01.2025", "Kongsberg, 21.01.2025"),
                ("Kongsberg kommune", "Nordic Heis Service AS"),
            ],
        ),
    ]
    return [
        (
            "Serviceavtale heis SA-22871 signert.pdf",
            pdf_bytes(blocks, title="Serviceavtale SA-22871"),
        )
    ]


B08 = Case(
    "b08_utgangen_av_en_maned",
    "Lift service agreement (pdf, supplier template): 'fra 01.02.2025 til 31.01.2026', "
    "'forlenges deretter automatisk med 12 måneder om gangen', 'en måneds varsel til "
    "utgangen av en måned'; 4 times a year, every 12th month, 1 hour, 24 hours, invoices "
    "'ved utgangen av hver måned'",
    _heis,
    {
        "start": "2025-02-01",
        "slutt": "2026-01-31",
        "varighet_mnd": None,
        "opsjoner": None,
        "opsjon_varsel_mnd": None,
        "fornyes_automatisk": "ja",
        "oppsigelse_mnd": "1",
    },
)


# --- b09. Nynorsk: "gjeld i fire år", "forlengjast med inntil 1+1 år" (PDF) ----------------


def _vaskeri() -> list[tuple[str, bytes]]:
    blocks: list[Block] = [
        ("title", "Tenesteavtale om vask av tøy og tekstilar"),
        ("p", "for pleie- og omsorgstenestene i Sunnfjord kommune"),
        ("h1", "1 Partane"),
        ("p", "Oppdragsgjevar: Sunnfjord kommune, org.nr. 924 015 497, Postboks 338, 6801 Førde"),
        ("p", "Leverandør: Vestvask AS, org.nr. 985 432 109, Hafstadvegen 40, 6800 Førde"),
        ("h1", "2 Avtaleperiode"),
        ("p", "Avtala gjeld i fire år frå 1. september 2025."),
        (
            "p",
            "Avtala kan forlengjast med inntil 1+1 år på same vilkår. Oppdragsgjevar skal gje "
            "skriftleg varsel seinast seks månader før avtala går ut dersom ho skal "
            "forlengjast.",
        ),
        ("h1", "3 Oppseiing"),
        ("p", "Kvar av partane kan seie opp avtala med tre månaders skriftleg varsel."),
        ("h1", "4 Levering"),
        (
            "p",
            "Tøy vert henta to gonger i veka og skal leverast tilbake innan 48 timar. "
            "Leverandøren skal ha beredskap for ekstra henting ved utbrot av smitte.",
        ),
        ("h1", "5 Pris og betaling"),
        (
            "p",
            "Prisane er faste dei fyrste tolv månadene. Deretter vert dei regulerte årleg per "
            "1. september etter konsumprisindeksen. Betalingsfristen er 30 dagar.",
        ),
        ("h1", "6 Reklamasjon"),
        ("p", "Reklamasjon skal setjast fram innan to veker etter at mangelen vart oppdaga."),
        ("h1", "7 Underskrift"),
        (
            "sign",
            [
                ("For oppdragsgjevar", "For leverandøren"),
                ("Stad/dato: Førde, 18.08.2025", "Stad/dato: Førde, 15.08.2025"),
            ],
        ),
    ]
    return [
        (
            "Tenesteavtale vask Sunnfjord signert.pdf",
            pdf_bytes(blocks, title="Tenesteavtale vask av tøy", header="Sunnfjord kommune"),
        )
    ]


B09 = Case(
    "b09_nynorsk_fire_ar",
    "Nynorsk service contract (pdf): 'Avtala gjeld i fire år frå 1. september 2025', "
    "'forlengjast med inntil 1+1 år', 'varsel seinast seks månader før avtala går ut', "
    "'tre månaders'; 48 timar, tolv månadene, to veker",
    _vaskeri,
    {
        "start": "2025-09-01",
        "slutt": "2029-08-31",
        "varighet_mnd": "48",
        "opsjoner": "1+1",
        "opsjon_varsel_mnd": "6",
        "fornyes_automatisk": None,
        "oppsigelse_mnd": "3",
    },
)


# --- b10. English: "Term: 24 months from the Commencement Date (1 May 2025)" --------------


def _english() -> bytes:
    w = Word()
    w.title("Framework Agreement")
    w.p("for the provision of a digital learning platform and related services")
    w.h1("1. Parties")
    w.p("Customer: Oslo kommune, Utdanningsetaten, org. no. 974 778 742")
    w.p("Supplier: Learnwise Europe B.V., Amsterdam, Chamber of Commerce no. 74210834")
    w.h1("2. Definitions")
    w.p('"Effective Date" means the date on which this Agreement has been signed by both Parties.')
    w.p('"Commencement Date" means 1 May 2025.')
    w.p('"Transition Period" means the 8 weeks following the Commencement Date.')
    w.h1("3. Term and extension")
    w.labelled("Term: ", "24 months from the Commencement Date (1 May 2025).")
    w.labelled(
        "Extensions: ",
        "The Customer has two optional extensions of 12 months each, exercisable at its "
        "sole discretion.",
    )
    w.labelled(
        "Notice of extension: ",
        "at least 60 days before the expiry of the then-current term.",
    )
    w.h1("4. Termination")
    w.p(
        "The Customer may terminate this Agreement for convenience on three (3) months' "
        "written notice. The Supplier may not terminate this Agreement for convenience."
    )
    w.h1("5. Prices and payment")
    w.p(
        "Prices are firm until 30 April 2026 and may thereafter be adjusted once a year by "
        "the change in the Norwegian consumer price index. Invoices are payable within 30 "
        "days."
    )
    w.h1("6. Warranty and service levels")
    w.p(
        "Defects reported within 90 days of delivery are remedied free of charge. Critical "
        "incidents shall be responded to within 2 hours."
    )
    w.h1("7. Signatures")
    w.sign(
        [
            ("For the Customer", "For the Supplier"),
            ("Oslo, 10 April 2025", "Amsterdam, 14 April 2025"),
        ]
    )
    return w.bytes("Framework Agreement learning platform")


B10 = Case(
    "b10_english_commencement_date",
    "English framework agreement (docx, bold labels typed before the text): 'Term: 24 "
    "months from the Commencement Date (1 May 2025)', 'two optional extensions of 12 months "
    "each', 'at least 60 days' (-> 2, rounded); 'Effective Date' = signing (14 April 2025), "
    "8 weeks transition, prices firm until 30 April 2026",
    _one("Framework Agreement learning platform signed.docx", _english),
    {
        "start": "2025-05-01",
        "slutt": "2027-04-30",
        "varighet_mnd": "24",
        "opsjoner": "1+1",
        "opsjon_varsel_mnd": "2",
        "fornyes_automatisk": None,
        "oppsigelse_mnd": "3",
    },
)
ROUNDED[B10.id] = ("opsjon_varsel_mnd",)


# --- b11. PDF key-terms table whose cells wrap onto two lines ------------------------------

B11_PERIOD = "Fra og med 1. september 2025 til og med 31. august 2027"
B11_NOTICE_LABEL = "Frist for skriftlig varsel om bruk av opsjon"


def _lab() -> list[tuple[str, bytes]]:
    blocks: list[Block] = [
        ("title", "Rammeavtale – laboratorieutstyr"),
        ("p", "Helse Fonna HF – avtale nr. HF-2025-031"),
        ("h1", "1. Nøkkelopplysninger"),
        (
            "table",
            [
                ("Avtaleperiode", B11_PERIOD),
                (
                    "Opsjoner",
                    "Oppdragsgiver har rett til å forlenge avtalen med 1 + 1 år på uendrede vilkår",
                ),
                (
                    B11_NOTICE_LABEL,
                    "Skriftlig, senest 3 måneder før utløpet av gjeldende avtaleperiode",
                ),
                (
                    "Oppsigelse",
                    "Oppdragsgiver kan si opp avtalen med 6 måneders skriftlig varsel. "
                    "Leverandøren kan ikke si opp avtalen.",
                ),
                ("Betalingsbetingelser", "30 dager etter mottatt elektronisk faktura (EHF)"),
                ("Leveringstid", "Lagervarer innen 3 virkedager, øvrige varer innen 6 uker"),
                ("Garanti", "Minimum 24 måneder fra installasjon for instrumenter"),
                (
                    "Prisregulering",
                    "Årlig per 1. september, første gang 1. september 2026, etter KPI",
                ),
            ],
        ),
        ("h1", "2. Parter"),
        ("p", "Oppdragsgiver: Helse Fonna HF, org.nr. 983 974 791, Postboks 2170, 5504 Haugesund"),
        ("p", "Leverandør: LabNord AS, org.nr. 910 876 543, 7041 Trondheim"),
        ("h1", "3. Omfang"),
        (
            "p",
            "Rammeavtalen omfatter pipetter, sentrifuger, inkubatorer og forbruksmateriell "
            "til laboratoriene ved Haugesund, Stord og Odda sjukehus.",
        ),
        ("h1", "4. Signatur"),
        (
            "sign",
            [
                ("For Helse Fonna HF", "For LabNord AS"),
                ("Haugesund, 21.08.2025", "Trondheim, 19.08.2025"),
            ],
        ),
    ]
    return [
        (
            "Rammeavtale HF-2025-031 laboratorieutstyr signert.pdf",
            pdf_bytes(
                blocks,
                title="Rammeavtale HF-2025-031",
                header="Helse Fonna HF – Rammeavtale HF-2025-031",
            ),
        )
    ]


B11 = Case(
    "b11_pdf_tabell_brytes",
    "Framework agreement (pdf, running header): key-terms rows whose value cells wrap, "
    "'… til og med 31. august' / '2027'; the option-notice row wraps in both cells; "
    "delivery 6 uker, warranty 24 måneder, first price adjustment 1. september 2026",
    _lab,
    {
        "start": "2025-09-01",
        "slutt": "2027-08-31",
        "varighet_mnd": None,
        "opsjoner": "1+1",
        "opsjon_varsel_mnd": "3",
        "fornyes_automatisk": None,
        "oppsigelse_mnd": "6",
    },
)


# --- b12. A signed amendment that changes only the option notice ---------------------------


def _vakt_kontrakt() -> bytes:
    blocks: list[Block] = [
        ("title", "Avtale om vakt- og sikringstjenester"),
        ("p", "Innlandet fylkeskommune – avtale 2025/118"),
        ("h1", "1. Parter"),
        ("p", "Oppdragsgiver: Innlandet fylkeskommune, org.nr. 920 717 152, 2317 Hamar"),
        ("p", "Leverandør: Trygg Vakt Innlandet AS, org.nr. 919 554 663, 2609 Lillehammer"),
        ("h1", "2. Varighet"),
        ("p", "Avtalen har en løpetid på 24 måneder fra 1. mars 2025."),
        (
            "p",
            "Oppdragsgiver har opsjon på å forlenge avtalen med 1 + 1 år. Melding om bruk av "
            "opsjon skal gis senest 2 måneder før avtalens utløp.",
        ),
        ("h1", "3. Oppsigelse"),
        ("p", "Hver av partene kan si opp avtalen med 3 måneders skriftlig varsel."),
        ("h1", "4. Tjenestene"),
        (
            "p",
            "Leverandøren utfører nattlige runderinger ved 14 videregående skoler og rykker "
            "ut på alarm innen 20 minutter. Vekterne skal ha gjennomført opplæring etter "
            "vaktvirksomhetsloven.",
        ),
        ("h1", "5. Signatur"),
        (
            "sign",
            [
                ("For Oppdragsgiver", "For Leverandøren"),
                ("Sted/dato: Hamar, 13.02.2025", "Sted/dato: Lillehammer, 11.02.2025"),
            ],
        ),
    ]
    return docx_bytes(blocks, title="Avtale 2025/118 vakt og sikring")


def _vakt_endring() -> bytes:
    blocks: list[Block] = [
        ("title", "Endringsavtale nr. 1"),
        (
            "p",
            "til avtale 2025/118 om vakt- og sikringstjenester mellom Innlandet fylkeskommune "
            "og Trygg Vakt Innlandet AS",
        ),
        ("h2", "1. Bakgrunn"),
        (
            "p",
            "Oppdragsgiver trenger mer tid til å vurdere om opsjonen skal benyttes, fordi en "
            "ny konkurranse må kunngjøres i god tid før avtalen løper ut.",
        ),
        ("h2", "2. Endring"),
        (
            "p",
            "Avtalens punkt 2, andre ledd, andre setning endres slik: «Melding om bruk av "
            "opsjon skal gis senest 5 måneder før avtalens utløp.»",
        ),
        ("h2", "3. Forholdet til avtalen for øvrig"),
        (
            "p",
            "Avtalens løpetid, opsjoner og oppsigelsesfrist er uendret. Endringen trer i kraft "
            "ved signering av denne endringsavtalen.",
        ),
        ("h2", "4. Signatur"),
        (
            "sign",
            [
                ("For Oppdragsgiver", "For Leverandøren"),
                ("Hamar, 12.09.2025", "Lillehammer, 15.09.2025"),
            ],
        ),
    ]
    return pdf_bytes(blocks, title="Endringsavtale nr. 1 til avtale 2025/118")


B12 = Case(
    "b12_endring_opsjonsvarsel",
    "Signed contract (docx: 24 måneder fra 1. mars 2025, 1 + 1, option notice 2 months, "
    "3 months) + signed Endringsavtale nr. 1 (pdf) changing only the option notice to 5 "
    "months, 'trer i kraft ved signering' (12.09 and 15.09.2025), rest 'uendret'",
    lambda: [
        ("Avtale 2025-118 vakt og sikring signert.docx", _vakt_kontrakt()),
        ("Endringsavtale 1 til avtale 2025-118 signert.pdf", _vakt_endring()),
    ],
    {
        "start": "2025-03-01",
        "slutt": "2027-02-28",
        "varighet_mnd": "24",
        "opsjoner": "1+1",
        "opsjon_varsel_mnd": "5",
        "fornyes_automatisk": None,
        "oppsigelse_mnd": "3",
    },
)


# --- b13. An unsigned draft amendment next to the signed contract --------------------------


def _lunsj_kontrakt() -> bytes:
    blocks: list[Block] = [
        ("title", "Avtale om levering av lunsj til kommunale barnehager"),
        ("p", "Asker kommune – avtale 24/2211"),
        ("h1", "1. Parter"),
        ("p", "Kunden: Asker kommune, org.nr. 925 890 602, Postboks 353, 1372 Asker"),
        ("p", "Leverandøren: Barnas Kjøkken AS, org.nr. 921 003 118, 1383 Asker"),
        ("h1", "2. Avtalens varighet"),
        (
            "p",
            "Avtalen gjelder i 3 år fra 1. januar 2025, med opsjon på forlengelse i ytterligere "
            "1 år. Kommunen skal varsle om bruk av opsjonen senest 3 måneder før utløp.",
        ),
        ("h1", "3. Oppsigelse"),
        ("p", "Avtalen kan sies opp med 6 måneders skriftlig varsel."),
        ("h1", "4. Leveranse"),
        (
            "p",
            "Lunsj leveres til 31 barnehager hver virkedag innen kl. 10.30. Menyen skal "
            "følge Helsedirektoratets retningslinjer og gå over minst 4 uker.",
        ),
        ("h1", "5. Signatur"),
        (
            "sign",
            [
                ("For Kunden", "For Leverandøren"),
                ("Sted/dato: Asker, 04.12.2024", "Sted/dato: Asker, 02.12.2024"),
            ],
        ),
    ]
    return pdf_bytes(blocks, title="Avtale 24/2211 lunsj barnehager")


def _lunsj_utkast() -> bytes:
    blocks: list[Block] = [
        ("p", "UTKAST – ikke godkjent av kommunen. Til drøfting i møte 18.09.2027."),
        ("title", "Tilleggsavtale nr. 1"),
        ("p", "til avtale 24/2211 om levering av lunsj til kommunale barnehager"),
        ("h1", "1. Forlengelse"),
        (
            "p",
            "Kommunen benytter opsjonen på forlengelse. Avtalen gjelder etter dette til og med "
            "31.12.2028.",
        ),
        ("h1", "2. Oppsigelse"),
        ("p", "Oppsigelsesfristen endres til 3 måneder."),
        ("h1", "3. Signatur"),
        (
            "sign",
            [
                ("For Kunden", "For Leverandøren"),
                ("Sted/dato:", "Sted/dato:"),
            ],
        ),
    ]
    return docx_bytes(blocks, title="Tilleggsavtale 1 til avtale 24-2211 – utkast")


B13 = Case(
    "b13_usignert_utkast_endring",
    "Signed contract (pdf: 3 år fra 1. januar 2025, opsjon 1 år, 3 months notice, 6 "
    "months termination) + a later UNSIGNED draft Tilleggsavtale (docx) using the option "
    "(to 31.12.2028) and cutting termination to 3 months; the signed values hold",
    lambda: [
        ("Avtale 24-2211 lunsj barnehager signert.pdf", _lunsj_kontrakt()),
        ("Tilleggsavtale 1 til avtale 24-2211 UTKAST.docx", _lunsj_utkast()),
    ],
    {
        "start": "2025-01-01",
        "slutt": "2027-12-31",
        "varighet_mnd": "36",
        "opsjoner": "1",
        "opsjon_varsel_mnd": "3",
        "fornyes_automatisk": None,
        "oppsigelse_mnd": "6",
    },
)


# --- b14. A "Prisregulering" section full of dates and months, before the term -----------


def _matvarer() -> list[tuple[str, bytes]]:
    blocks: list[Block] = [
        ("title", "Rammeavtale om levering av næringsmidler"),
        ("p", "til institusjonskjøkkenene i Tromsø kommune – avtale 2025-NM-04"),
        ("h1", "1. Parter"),
        ("p", "Oppdragsgiver: Tromsø kommune, org.nr. 940 101 808, Postboks 6900, 9299 Tromsø"),
        ("p", "Leverandør: Nordkost Engros AS, org.nr. 955 662 341, 9016 Tromsø"),
        ("h1", "2. Omfang"),
        (
            "p",
            "Rammeavtalen omfatter tørrvarer, meieriprodukter, kjøtt, fisk, frukt og grønt til "
            "sykehjem og kantiner. Estimert årlig omsetning er 28 millioner kroner.",
        ),
        ("h1", "3. Prisregulering"),
        ("p", "Prisene er faste i 12 måneder fra avtalestart."),
        (
            "p",
            "Deretter kan prisene på varer i kjerneutvalget reguleres to ganger per år, per "
            "1. april og 1. oktober, første gang 1. april 2026.",
        ),
        (
            "p",
            "Krav om prisregulering skal være mottatt av Oppdragsgiver senest 2 måneder før "
            "reguleringstidspunktet, det vil si innen 1. februar og 1. august.",
        ),
        (
            "p",
            "Reguleringen kan ikke overstige endringen i SSBs konsumprisindeks for matvarer "
            "(delindeks 01.1) de siste 6 månedene før kravet fremsettes, for første regulering "
            "perioden september 2025 – februar 2026.",
        ),
        (
            "p",
            "Har indeksen økt med mer enn 8 % siden forrige regulering, kan Leverandøren kreve "
            "ekstraordinær regulering med 1 måneds varsel. Kampanjepriser gjelder i minst 4 "
            "uker. Regulering kan ikke kreves for tiden før kravet ble mottatt.",
        ),
        ("h1", "4. Avtalens varighet"),
        (
            "p",
            "Rammeavtalen gjelder i tre år fra 1. april 2025. Oppdragsgiver kan forlenge "
            "rammeavtalen med inntil ett år. Beslutning om forlengelse meddeles Leverandøren "
            "senest seks måneder før utløpsdato.",
        ),
        ("h1", "5. Oppsigelse"),
        ("p", "Oppdragsgiver kan si opp rammeavtalen med tre måneders skriftlig varsel."),
        ("h1", "6. Bestilling og levering"),
        (
            "p",
            "Bestillinger mottatt innen kl. 13.00 leveres neste virkedag. Ferskvarer skal ha "
            "minst 5 dagers gjenværende holdbarhet ved levering.",
        ),
        ("h1", "7. Signatur"),
        (
            "sign",
            [
                ("For Oppdragsgiver", "For Leverandøren"),
                ("Sted/dato: Tromsø, 17.03.2025", "Sted/dato: Tromsø, 14.03.2025"),
            ],
        ),
    ]
    return [
        (
            "Rammeavtale næringsmidler Tromsø kommune signert.docx",
            docx_bytes(blocks, title="Rammeavtale næringsmidler 2025-NM-04"),
        )
    ]


B14 = Case(
    "b14_prisregulering_forst",
    "Food framework agreement (docx): a 'Prisregulering' section BEFORE the term with 12 "
    "months fixed, 1. april/1. oktober, 'senest 2 måneder før reguleringstidspunktet', 6 "
    "months of index, '1 måneds varsel', 4 uker; then 'tre år fra 1. april 2025', "
    "'inntil ett år', 'senest seks måneder før utløpsdato', 'tre måneders'",
    _matvarer,
    {
        "start": "2025-04-01",
        "slutt": "2028-03-31",
        "varighet_mnd": "36",
        "opsjoner": "1",
        "opsjon_varsel_mnd": "6",
        "fornyes_automatisk": None,
        "oppsigelse_mnd": "3",
    },
)


# --- b15. SSA-K consultancy: "Oppdraget skal være avsluttet innen 31.08.2026" ------------


def _ssa_k() -> bytes:
    w = Word(header="SSA-K Avtale om kjøp av konsulenttjenester")
    w.title("Avtale om kjøp av konsulenttjenester (SSA-K)")
    w.p(
        "Kartlegging av universell utforming i kommunale formålsbygg – Trondheim kommune, "
        "saksnr. 25/14520"
    )
    w.h1("1. Avtalens parter")
    w.table(
        [
            ("Kunde", "Trondheim kommune, org.nr. 942 110 464, Postboks 2300 Torgarden"),
            ("Leverandør", "Tilgjengelig Rådgivning AS, org.nr. 926 113 557, 7011 Trondheim"),
        ]
    )
    w.h1("2. Oppdraget")
    w.p(
        "Leverandøren skal kartlegge 64 formålsbygg etter kravene i TEK17 og utarbeide en "
        "prioritert tiltaksplan. Oppdraget er nærmere beskrevet i bilag 1 (Kundens "
        "beskrivelse) og bilag 2 (Leverandørens løsningsbeskrivelse)."
    )
    w.h2("2.1 Tidsplan")
    w.table_with_date_control(
        [
            ("Oppstart", ""),
            ("Delrapport", "Innen 15.02.2026"),
            ("Sluttrapport", "Senest 2 uker før avslutning"),
        ],
        date_label="Oppstart",
        iso="2025-10-01",
        shown="01.10.2025",
    )
    w.p("Oppdraget skal være avsluttet innen 31.08.2026.")
    w.h1("3. Vederlag")
    w.p(
        "Timepris er 1 350 kroner eks. mva. Estimert omfang er 420 timer. Det faktureres "
        "månedlig etterskuddsvis med 30 dagers betalingsfrist."
    )
    w.h1("4. Personell")
    w.p(
        "Leverandøren skal bruke de konsulentene som er navngitt i bilag 2 gjennom hele "
        "oppdraget. Bytte av personell krever Kundens samtykke og skal varsles minst 4 uker "
        "i forveien."
    )
    w.h1("5. Oppsigelse")
    w.p("Kunden kan si opp avtalen med 30 dagers skriftlig varsel.")
    w.h1("6. Taushetsplikt")
    w.p("Taushetsplikten gjelder også i 5 år etter at avtalen er opphørt.")
    w.h1("7. Underskrifter")
    w.sign(
        [
            ("For Kunden", "For Leverandøren"),
            ("Trondheim, 24.09.2025", "Trondheim, 22.09.2025"),
        ]
    )
    return w.bytes("SSA-K Trondheim kommune universell utforming")


B15 = Case(
    "b15_ssa_k_avsluttet_innen",
    "SSA-K consultancy (docx): 'Oppstart' in a Word date-picker content control (01.10.2025), "
    "'Oppdraget skal være avsluttet innen 31.08.2026', delrapport 'Innen 15.02.2026', "
    "sluttrapport 2 uker, '30 dagers skriftlig varsel' (-> 1, rounded), 4 uker, 5 år",
    _one("SSA-K universell utforming Trondheim signert.docx", _ssa_k),
    {
        "start": "2025-10-01",
        "slutt": "2026-08-31",
        "varighet_mnd": None,
        "opsjoner": None,
        "opsjon_varsel_mnd": None,
        "fornyes_automatisk": None,
        "oppsigelse_mnd": "1",
    },
)
ROUNDED[B15.id] = ("oppsigelse_mnd",)


CASES: tuple[Case, ...] = (
    B01, B02, B03, B04, B05, B06, B07, B08, B09, B10, B11, B12, B13, B14, B15,
)  # fmt: skip
