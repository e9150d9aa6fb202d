"""More demo input: the cleaning-services dialogue, an unrelated e-mail, supplier answers
uploaded to the 2026-014 case folder, and notes from a one-to-one meeting."""

from __future__ import annotations

from graph.localtenant.demo_mail import SKOLEROM
from graph.localtenant.demo_model import Attachment, Document, Message, Supplier, body
from graph.localtenant.demo_texts import Block
from graph.localtenant.orgnr import spaced

RENHOLD_FOLDER = "Innboks/Markedsdialog/2025-031 Renholdstjenester"

RENT_OG_KLART = Supplier(
    "Rent & Klart Renhold AS", "rentogklart.example", "Siri Johansen", "Regionsjef"
)
KLAR_RENHOLD = Supplier(
    "Klar Renhold Innlandet AS", "klar-renhold.example", "Ahmed Karimi", "Daglig leder"
)
GLANS = Supplier("Glans Renhold AS", "glans-renhold.example", "Bente Myhre", "Salgsansvarlig")
FJORDVIK = Supplier(
    "Fjordvik kommune", "fjordvik-kommune.example", "Eva Moen", "Konsulent, regnskap"
)

_KLAR_RENHOLD_ANSWER: tuple[Block, ...] = (
    ("title", "Innspill til markedsdialog – renholdstjenester (sak 2025-031)"),
    ("h1", "1. Kvalitet"),
    (
        "p",
        "Vi anbefaler kvalitetsnivåer etter NS-INSTA 800 for kontorarealer, men frekvenser for "
        "garderober og toaletter, der brukerne forventer fast renhold hver dag.",
    ),
    ("h1", "2. Lønns- og arbeidsvilkår"),
    (
        "p",
        "Krav om HMS-kort, godkjenning i Arbeidstilsynets register og stikkprøver av timelister "
        "og lønnsslipper har god effekt. Krav om at alle underleverandører skal godkjennes på "
        "forhånd, gjør kontrollen enklere.",
    ),
    ("h1", "3. Miljø"),
    (
        "p",
        "Svanemerkede kjemikalier og mikrofiberkluter er standard i bransjen. Krav om utslippsfri "
        "transport er realistisk fra andre avtaleår.",
    ),
    ("h1", "4. Prismodell"),
    ("p", "Fast pris per m² per år for daglig renhold, og timepris for periodisk renhold."),
    ("h1", "5. Oppstart"),
    ("p", "Vi trenger minst tre måneder fra kontraktsinngåelse til oppstart."),
    *KLAR_RENHOLD.signature_blocks(),
)

OTHER_MESSAGES = (
    Message(
        "msg-2025-031-01",
        RENHOLD_FOLDER,
        "Innspill renhold 2025-031 fra Rent & Klart",
        RENT_OG_KLART,
        14,
        body(
            "Hei,",
            "Som dagens leverandør har vi følgende innspill:",
            "1. Kvalitet: NS-INSTA 800 gir best styring, forutsatt at kontrollene gjøres jevnlig "
            "og sammen med leverandøren.",
            "4. Prismodell: Fast pris per m² per år er enklest for begge parter.",
            "5. Oppstart: Tre måneder er nok. Det må avklares tidlig om overtakelse av personell "
            "regnes som virksomhetsoverdragelse, fordi det påvirker prisen.",
            sender=RENT_OG_KLART,
        ),
    ),
    Message(
        "msg-2025-031-02",
        RENHOLD_FOLDER,
        "Markedsdialog renholdstjenester – innspill",
        KLAR_RENHOLD,
        12,
        body("Hei,", "Vedlagt er innspillet vårt til markedsdialogen.", sender=KLAR_RENHOLD),
        (
            Attachment(
                "Innspill renhold - Klar Renhold Innlandet AS.docx",
                "Innspill til markedsdialog – renholdstjenester",
                _KLAR_RENHOLD_ANSWER,
            ),
        ),
    ),
    Message(
        "msg-2025-031-03",
        RENHOLD_FOLDER,
        "Spørsmål om arealoversikt – renhold",
        GLANS,
        11,
        body(
            "Hei,",
            "Vil arealoversikten og dagens bemanning bli delt med alle leverandørene før "
            "konkurransen? Uten den er det vanskelig å gi gode innspill på prismodellen.",
            sender=GLANS,
        ),
    ),
    Message(
        "msg-innboks-01",
        "Innboks",
        "Spørsmål om faktura for kopipapir",
        FJORDVIK,
        2,
        body(
            "Hei,",
            "Vi har fått en faktura for kopipapir med en pris som ikke stemmer med "
            "rammeavtalen. Hvem hos dere kan hjelpe oss med dette?",
            sender=FJORDVIK,
        ),
    ),
)


_NORDISK = Supplier(
    "Nordisk Skoleinventar AS", "nordisk-skoleinventar.example", "Ole Brekke", "Salgsdirektør"
)
_TRE_OG_STAL = Supplier(
    "Tre og Stål Produksjon AS", "treogstal.example", "Ingvild Røed", "Produksjonssjef"
)
_INNSPILL = "Saker/2026-014 Skolemøbler/Innspill"

UPLOADED = (
    Document(
        f"{_INNSPILL}/Innspill fra {_NORDISK.name}.docx",
        "Innspill til markedsdialog – skolemøbler",
        (
            ("title", "Innspill til markedsdialog – skolemøbler"),
            ("p", f"Fra {_NORDISK.name}, org.nr. {spaced(_NORDISK.orgnr)}. Sak 2026-014."),
            ("h1", "1. Delkontrakter"),
            (
                "p",
                "Vi anbefaler én samlet avtale uten delkontrakter. Det gir lavest pris, én "
                "kontaktflate for skolene og enklere kontraktsoppfølging.",
            ),
            ("h1", "2. Bærekraft og miljøkrav"),
            ("p", "Möbelfakta bør være minstekrav for alle produkter."),
            ("h1", "3. Prismodell"),
            ("p", "Rabatt på listepris, med listepriser som oppdateres én gang per år."),
            ("h1", "4. Levering og montering"),
            ("p", "Leveringstiden er 8 uker. Montering bør kunne bestilles som tilleggstjeneste."),
            ("h1", "5. Varighet og opsjoner"),
            ("p", "Vi foreslår 2 + 2 år, slik at opsjonen gir oppdragsgiver færre beslutninger."),
            *_NORDISK.signature_blocks(),
        ),
    ),
    Document(
        f"{_INNSPILL}/Innspill fra {_TRE_OG_STAL.name}.pdf",
        "Innspill fra Tre og Stål Produksjon AS",
        (
            ("title", "Innspill fra Tre og Stål Produksjon AS"),
            ("p", "Norsk møbelprodusent med fabrikk i Gudbrandsdalen. Sak 2026-014 Skolemøbler."),
            ("h1", "1. Delkontrakter"),
            (
                "p",
                "Produktgrupper passer best. En egen delkontrakt for oppbevaring og garderober "
                "gir produsenter som oss mulighet til å gi tilbud direkte.",
            ),
            ("h1", "2. Bærekraft og miljøkrav"),
            (
                "p",
                "Vi foreslår at klimagassutslipp fra transport tas med i miljøkravene, og at "
                "møbler skal kunne repareres med standard reservedeler i ti år.",
            ),
            ("h1", "3. Prismodell"),
            (
                "p",
                "Faste priser med årlig regulering etter en stålprisindeks og konsumprisindeksen, "
                "vektet etter materialinnhold.",
            ),
            ("h1", "4. Levering og montering"),
            ("p", "Vi produserer på bestilling med 6–9 ukers leveringstid, montering inkludert."),
            ("h1", "5. Varighet og opsjoner"),
            ("p", "2 + 1 + 1 år er hensiktsmessig."),
            *_TRE_OG_STAL.signature_blocks(),
        ),
    ),
    Document(
        f"{_INNSPILL}/Referat en-til-en-møte - {SKOLEROM.name}.docx",
        f"Referat en-til-en-møte – {SKOLEROM.name}",
        (
            ("title", f"Referat en-til-en-møte – {SKOLEROM.name}"),
            ("p", "Sak 2026-014 Skolemøbler · Møte på Teams {-5} kl. 13.00–14.00"),
            ("h1", "Deltakere"),
            ("bullet", "Fra Felles innkjøp: Ingrid Haugen (referent) og Sofie Nilsen"),
            ("bullet", f"Fra {SKOLEROM.name}: Per Ove Lunde, daglig leder, og Line Berge, montør"),
            ("h1", "Agenda"),
            ("bullet", "Behovet og planene (samme presentasjon som på dialogkonferansen)"),
            ("bullet", "Leverandørens innspill til spørsmål 1–5 i invitasjonen"),
            ("bullet", "Spørsmål fra leverandøren"),
            ("h1", "Hovedpunkter fra leverandøren"),
            (
                "bullet",
                "1. Delkontrakter: Ønsker tre geografiske delkontrakter. Mener én regional "
                "kontrakt vil utestenge lokale leverandører.",
            ),
            ("bullet", "2. Miljøkrav: Ønsker at miljødeklarasjon (EPD) godtas som dokumentasjon."),
            ("bullet", "3. Prismodell: Foretrekker faste priser med årlig indeksregulering."),
            (
                "bullet",
                "4. Levering og montering: Kan levere og montere innen tre uker i egen region "
                "og følge opp reklamasjoner på stedet.",
            ),
            ("bullet", "5. Varighet: Ingen innvendinger mot 2 + 1 + 1 år."),
            ("h1", "Spørsmål fra leverandøren"),
            (
                "p",
                "Leverandøren spurte om det blir krav om elektronisk katalog. Svar: Ikke avklart. "
                "Spørsmålet og svaret publiseres for alle på Doffin.",
            ),
            ("h1", "Oppfølging"),
            ("bullet", "Referatet sendes leverandøren for kommentarer innen {-2}."),
            ("bullet", "Spørsmål og svar fra alle møtene publiseres samlet på Doffin."),
            (
                "p",
                "Referatet gjengir ikke opplysninger leverandøren har merket som "
                "forretningshemmeligheter.",
            ),
        ),
    ),
)
