"""Texts of the demo documents: market-dialogue invitations and the invitation template.

Documents are lists of (kind, text) paragraphs, kind one of title, h1, h2, p, bullet,
which `docxwrite` and `pdfwrite` both render. Dates are written as placeholders
relative to today ("{+12}", "{-30}") or to a contract ("{end:skolemobler}",
"{start:kontor-240}", "{notice:renhold}") and filled in by `fill`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from graph.localtenant.demo_contracts import PEOPLE, Contract, notice_date

Block = tuple[str, str]

MAILBOX = "postmottak-innkjop@innkjop.example.no"
BUYER = "Felles innkjøp for fylkeskommunene"

_MONTHS = (
    "januar", "februar", "mars", "april", "mai", "juni",
    "juli", "august", "september", "oktober", "november", "desember",
)  # fmt: skip
_PLACEHOLDER = re.compile(r"\{(?:(start|end|notice):([a-z]+))?([+-]\d+)?\}")


def nb_date(day: date) -> str:
    """'3. mars 2026'."""
    return f"{day.day}. {_MONTHS[day.month - 1]} {day.year}"


def _resolve(match: re.Match[str], today: date, contracts: dict[str, Contract]) -> date:
    which, key, offset = match.groups()
    base = today
    if which is not None:
        contract = contracts[key]
        if which == "start":
            base = contract.start
        elif which == "end":
            base = contract.end
        else:
            base = notice_date(contract)
    return base + timedelta(days=int(offset or 0))


def placeholder_date(text: str, today: date, contracts: dict[str, Contract]) -> date:
    """The date a single placeholder such as "{-30}" or "{start:kontor-240}" stands for."""
    match = _PLACEHOLDER.fullmatch(text)
    if match is None:
        raise ValueError(f"not a date placeholder: {text!r}")
    return _resolve(match, today, contracts)


def fill(text: str, today: date, contracts: dict[str, Contract]) -> str:
    """Replace date placeholders with Norwegian dates."""

    def replace(match: re.Match[str]) -> str:
        if match.group(1) is None and match.group(3) is None:
            return match.group(0)
        return nb_date(_resolve(match, today, contracts))

    return _PLACEHOLDER.sub(replace, text)


@dataclass(frozen=True)
class Invitation:
    case: str
    name: str
    kind: str  # what the suppliers are invited to: "markedsdialog", "dialogkonferanse", ...
    subject: str  # the procurement, as in "rammeavtale for skolemøbler"
    published: str
    background: tuple[str, ...]
    need: tuple[str, ...]
    questions: tuple[str, ...]
    formats: tuple[str, ...]
    schedule: tuple[str, ...]
    contact: int  # index into PEOPLE

    @property
    def file_name(self) -> str:
        return f"Invitasjon til {self.kind} - {self.name}.docx"

    @property
    def title(self) -> str:
        return f"Invitasjon til {self.kind} – {self.subject}"


_INTRO_QUESTIONS = (
    "Vi ber om skriftlige innspill på spørsmålene under. Det er ikke nødvendig å svare på "
    "alle, og svarene kan gjerne være korte. Vis til spørsmålsnummeret i svaret."
)


def invitation_blocks(inv: Invitation) -> list[Block]:
    """The invitation with the sections the office always uses."""
    person = PEOPLE[inv.contact]
    tag = f"{inv.case} {inv.name}"
    blocks: list[Block] = [
        ("title", inv.title),
        ("p", f"Saksnummer {inv.case} · {BUYER} · Kunngjort på Doffin {inv.published}"),
        ("h1", "Bakgrunn"),
        *(("p", text) for text in inv.background),
        ("h1", "Behov og formål"),
        *(("p", text) for text in inv.need),
        ("h1", "Hva vi ønsker innspill på"),
        ("p", _INTRO_QUESTIONS),
        *(("p", f"{n}. {q}") for n, q in enumerate(inv.questions, start=1)),
        ("h1", "Dialogformer og program"),
        *(("bullet", text) for text in inv.formats),
        ("h1", "Tidsplan"),
        *(("bullet", text) for text in inv.schedule),
        ("p", "Tidsplanen er veiledende og kan bli endret."),
        ("h1", "Påmelding"),
        (
            "p",
            f"Påmelding sendes på e-post til {MAILBOX}. Merk e-posten med «{tag}» og oppgi "
            "firmanavn, organisasjonsnummer, kontaktperson og hvem som deltar. Leverandører "
            "kan gjerne gå sammen, og underleverandører er velkomne.",
        ),
        ("h1", "Praktisk informasjon"),
        (
            "p",
            f"Skriftlige innspill sendes som e-post eller vedlegg (Word eller PDF) til {MAILBOX}. "
            "Deltakelse er frivillig, og det gis ingen godtgjørelse for tid eller kostnader.",
        ),
        (
            "p",
            "Dette er en veiledende kunngjøring. Den forplikter ikke oppdragsgiver til å "
            "gjennomføre en konkurranse, og den forkorter ikke senere tilbudsfrister.",
        ),
        ("h1", "Likebehandling og informasjonsdeling"),
        (
            "p",
            "Alle leverandører behandles likt. Deltakelse i markedsdialogen gir ingen fordel i "
            "en senere konkurranse, og det er ingen ulempe å ikke delta. Presentasjonen, "
            "spørsmål og svar fra dialogen gjøres tilgjengelig for alle på Doffin. Vi deler "
            "ikke den enkelte leverandørs innspill med andre leverandører.",
        ),
        ("h1", "Forretningshemmeligheter"),
        (
            "p",
            "Innspill vi mottar, er i utgangspunktet offentlige etter offentleglova. "
            "Opplysninger som er forretningshemmeligheter, er underlagt taushetsplikt etter "
            "forvaltningsloven § 13. Merk slike opplysninger tydelig og begrunn hvorfor de er "
            "konkurransesensitive. Taushetsplikten gjelder opplysningene, ikke hele dokumentet.",
        ),
        ("h1", "Kontaktperson"),
        ("p", f"{person.name}, {person.job_title.lower()}, {person.mail}"),
    ]
    return blocks


INVITATIONS = (
    Invitation(
        case="2026-014",
        name="Skolemøbler",
        kind="markedsdialog",
        subject="rammeavtale for skolemøbler",
        published="{-30}",
        background=(
            "Felles innkjøp gjennomfører anskaffelser på vegne av fylkeskommunene og "
            "kommunene i samarbeidet. Dagens rammeavtale for skolemøbler utløper "
            "{end:skolemobler}, og alle opsjoner er brukt.",
            "Vi forbereder derfor en ny konkurranse om rammeavtale for skolemøbler til "
            "grunnskoler, videregående skoler og voksenopplæring. Avtalen vil gjelde for om "
            "lag 180 skoler, og det årlige innkjøpet er anslått til 25–35 millioner kroner "
            "ekskl. mva.",
        ),
        need=(
            "Skolene trenger slitesterke, ergonomiske og fleksible møbler som støtter ulike "
            "læringsformer: elevpulter og elevstoler med høyderegulering, lærerarbeidsplasser, "
            "oppbevaring, møbler til spesialrom (naturfag, kunst og håndverk) og fellesarealer.",
            "Formålet med dialogen er å få innspill før vi ferdigstiller konkurransegrunnlaget, "
            "slik at kravene blir realistiske og etterprøvbare, konkurransen blir god og små og "
            "mellomstore leverandører kan delta. Vi vil særlig lære mer om miljøkrav og ombruk.",
        ),
        questions=(
            "Delkontrakter: Bør avtalen deles inn etter produktgrupper (elevmøbler, lærer- og "
            "kontormøbler, oppbevaring, spesialrom) eller geografisk? Hvordan påvirker "
            "inndelingen muligheten for små og mellomstore leverandører til å delta?",
            "Bærekraft og miljøkrav: Hvilke miljøkrav er realistiske og etterprøvbare, for "
            "eksempel miljømerking (Svanemerket, Möbelfakta eller tilsvarende), tilgang til "
            "reservedeler, reparasjon og ombruk av brukte møbler og retur av emballasje?",
            "Prismodell: Bør vi bruke faste enhetspriser med årlig indeksregulering eller rabatt "
            "på listepris? Hvordan bør frakt, montering og ombruk prises?",
            "Levering og montering: Hvilke leveringstider og krav til montering er realistiske, "
            "særlig ved store leveranser før skolestart og ved skoler med begrensede "
            "mottaksforhold?",
            "Varighet og opsjoner: Er 2 år med opsjon på forlengelse 1 + 1 år hensiktsmessig? "
            "Hvordan bør utgåtte produkter og nye produkter håndteres i avtaleperioden?",
        ),
        formats=(
            "Skriftlige innspill på spørsmålene over innen {-3}.",
            "Digital dialogkonferanse {-20} kl. 09.00–11.00 på Teams. Vi presenterer behovet "
            "og planene, og leverandørene kan stille spørsmål.",
            "En-til-en-møter på inntil én time med hver leverandør i perioden {-7}–{+7}. Alle "
            "som melder seg på, får tilbud om møte, og alle møter har samme agenda.",
        ),
        schedule=(
            "{-30}: Kunngjøring av markedsdialog på Doffin",
            "{-20}: Dialogkonferanse (digital)",
            "{-10}: Frist for påmelding til en-til-en-møter",
            "{-3}: Frist for skriftlige innspill",
            "{-7}–{+7}: En-til-en-møter",
            "{+60}: Planlagt kunngjøring av konkurransen",
            "{end:skolemobler+1}: Planlagt oppstart av ny rammeavtale",
        ),
        contact=0,
    ),
    Invitation(
        case="2025-031",
        name="Renholdstjenester",
        kind="markedsdialog",
        subject="renholdstjenester for administrasjonsbygg",
        published="{-40}",
        background=(
            "Kontrakten om renhold av administrasjonsbyggene fornyes automatisk med ett år om "
            "gangen. Vi vurderer å si den opp og konkurranseutsette renholdet på nytt, med "
            "oppstart {end:renhold+1}.",
        ),
        need=(
            "Vi trenger daglig renhold, periodisk renhold og vinduspuss i om lag 42 000 m² "
            "kontorarealer fordelt på 14 bygg. Formålet med dialogen er å få råd om "
            "kvalitetsnivå, prismodell og hvordan vi sikrer ordnede lønns- og arbeidsvilkår.",
        ),
        questions=(
            "Kvalitet: Bør vi beskrive renholdet som kvalitetsnivåer etter NS-INSTA 800 eller "
            "som frekvenser? Hvordan bør kvaliteten kontrolleres?",
            "Lønns- og arbeidsvilkår: Hvilke krav og kontrolltiltak er effektive uten å bli "
            "uforholdsmessig byrdefulle?",
            "Miljø: Hvilke krav til kjemikalier, utstyr og transport er realistiske?",
            "Prismodell: Fast pris per m² per år, timepris eller en kombinasjon?",
            "Oppstart: Hvor lang tid trenger dere fra kontraktsinngåelse til oppstart, og "
            "hvordan bør overtakelse av personell håndteres?",
        ),
        formats=(
            "Skriftlige innspill innen {-10}.",
            "En-til-en-møter på Teams etter avtale i uken etter fristen.",
        ),
        schedule=(
            "{-40}: Kunngjøring på Doffin",
            "{-10}: Frist for skriftlige innspill",
            "{notice:renhold}: Frist for å si opp dagens kontrakt",
            "{+45}: Planlagt kunngjøring av konkurransen",
        ),
        contact=1,
    ),
    Invitation(
        case="2025-022",
        name="IKT-driftstjenester",
        kind="dialogkonferanse",
        subject="IKT-driftstjenester",
        published="{-130}",
        background=(
            "Rammeavtalen om IKT-driftstjenester har opsjon på forlengelse. Før vi bestemmer om "
            "opsjonen skal brukes, vil vi kartlegge markedet for drift av servere, "
            "skytjenester og brukerstøtte.",
        ),
        need=(
            "Vi trenger stabil drift av fagsystemer for 6 000 brukere, døgnkontinuerlig "
            "overvåking og en trygg overgang mellom leverandører. Formålet med konferansen er "
            "å forstå hvilke tjenestemodeller markedet tilbyr og hva som gir lavest risiko.",
        ),
        questions=(
            "Tjenestenivå: Hvilke nivåer for oppetid og responstid er vanlige, og hvordan "
            "bør de måles?",
            "Informasjonssikkerhet: Hvordan dokumenterer dere sikkerhet og personvern, og hvor "
            "lagres data?",
            "Skytjenester: Hvilken andel av driften bør flyttes til skytjenester?",
            "Exit: Hvordan sikrer vi en ryddig overgang ved avtalens slutt?",
            "Prismodell: Fastpris per bruker, per server eller forbruksbasert?",
        ),
        formats=(
            "Dialogkonferanse {-110} kl. 12.00–15.00 i fylkeshuset og på Teams.",
            "Skriftlige innspill innen {-95}.",
        ),
        schedule=(
            "{-130}: Kunngjøring på Doffin",
            "{-110}: Dialogkonferanse",
            "{-95}: Frist for skriftlige innspill",
        ),
        contact=3,
    ),
    Invitation(
        case="2024-009",
        name="Kontorrekvisita",
        kind="markedsdialog",
        subject="rammeavtale for kontorrekvisita og papir",
        published="{start:kontor-240}",
        background=(
            "Den forrige rammeavtalen for kontorrekvisita og kopipapir nærmet seg utløp, og vi "
            "forberedte en ny konkurranse for alle virksomhetene i samarbeidet.",
        ),
        need=(
            "Vi trenger et bredt sortiment av kontorrekvisita og papir med levering til om "
            "lag 400 adresser, enkel bestilling i e-handelssystemet og færre, samlede "
            "leveranser for å redusere transport.",
        ),
        questions=(
            "Sortiment: Bør vi ha et fast kjernesortiment, og hvor stort bør det være?",
            "Miljø: Hvilke krav til miljømerkede produkter og samlede leveranser er realistiske?",
            "Prismodell: Faste priser på kjernesortimentet og rabatt på resten?",
            "Bestilling: Hvilke krav til elektronisk katalog og EHF-faktura er vanlige?",
        ),
        formats=("Skriftlige innspill innen {start:kontor-210}.",),
        schedule=(
            "{start:kontor-240}: Kunngjøring på Doffin",
            "{start:kontor-210}: Frist for skriftlige innspill",
            "{start:kontor}: Oppstart av ny rammeavtale",
        ),
        contact=2,
    ),
)

TEMPLATE = Invitation(
    case="[saksnummer]",
    name="[navn]",
    kind="markedsdialog",
    subject="[navn på anskaffelsen]",
    published="[dato]",
    background=("[Hvorfor anskaffelsen gjøres, dagens avtale og når den utløper.]",),
    need=(
        "[Hva virksomhetene trenger, omtrentlig volum og verdi.]",
        "[Formålet med dialogen: hva vi ønsker å lære før konkurransegrunnlaget ferdigstilles.]",
    ),
    questions=(
        "[Delkontrakter og muligheten for små og mellomstore leverandører.]",
        "[Miljø- og bærekraftskrav.]",
        "[Prismodell.]",
        "[Levering, kvalitet og oppfølging.]",
        "[Varighet og opsjoner.]",
    ),
    formats=(
        "Skriftlige innspill innen [dato].",
        "Dialogkonferanse [dato og sted].",
        "En-til-en-møter på inntil én time i perioden [periode].",
    ),
    schedule=(
        "[dato]: Kunngjøring på Doffin",
        "[dato]: Frist for skriftlige innspill",
        "[dato]: Planlagt kunngjøring av konkurransen",
    ),
    contact=0,
)
