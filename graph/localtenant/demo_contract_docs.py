"""The text of a contract document, stating the same dates and terms as its register row."""

from __future__ import annotations

from datetime import date, timedelta

from graph.localtenant.demo_contracts import PEOPLE, Contract, add_months
from graph.localtenant.demo_texts import BUYER, Block
from graph.localtenant.orgnr import spaced


def _options_text(options: str) -> str:
    parts = [p.strip() for p in options.split("+")]
    if all(p.endswith("m") for p in parts):
        return " + ".join(p[:-1] for p in parts) + " måneder"
    return " + ".join(parts) + " år"


def contract_blocks(contract: Contract) -> list[Block]:
    """A contract text that states the same dates and terms as the register row."""
    f = contract.fields
    start, end = contract.start.strftime("%d.%m.%Y"), contract.end.strftime("%d.%m.%Y")
    period = f"Avtalen gjelder fra {start} til og med {end}."
    if f["opsjoner"]:
        notice = f["opsjon_varsel_mnd"] or "3"
        period += (
            f" Oppdragsgiver har opsjon på forlengelse {_options_text(f['opsjoner'])}. "
            "Oppdragsgiver skal gi skriftlig varsel om bruk av opsjon senest "
            f"{notice} måneder før avtalens utløp."
        )
    elif f["fornyes_automatisk"] == "ja":
        period += (
            " Avtalen fornyes automatisk med ett år om gangen dersom den ikke sies opp "
            f"skriftlig senest {f['oppsigelse_mnd']} måneder før utløpet av avtaleperioden."
        )
    else:
        period += " Avtalen kan ikke forlenges utover dette tidspunktet."
    owner = next(p for p in PEOPLE if p.mail == f["eier"])
    kind = "Rammeavtale" if f["avtaletype"] == "rammeavtale" else "Kontrakt"
    title = f["tittel"]
    scope = title.removeprefix("Rammeavtale ")
    scope = scope[:1].lower() + scope[1:]
    if not title.startswith(kind):
        title = f"{kind} – {title}"
    signed = (contract.start - timedelta(days=14)).strftime("%d.%m.%Y")
    return [
        ("title", title),
        ("p", f"Avtalenummer {f['kontrakt_id']} · Kategori: {f['kategori']}"),
        ("h1", "1. Parter"),
        ("p", f"Oppdragsgiver: {BUYER}, på vegne av de deltakende virksomhetene."),
        ("p", f"Leverandør: {f['leverandor']}, org.nr. {spaced(f['org_nr'])}."),
        ("h1", "2. Avtalens formål og omfang"),
        (
            "p",
            f"Avtalen gjelder {scope} til oppdragsgivers virksomheter, som "
            "beskrevet i bilag 1 (kravspesifikasjon) og bilag 2 (leverandørens besvarelse). "
            "Oppdragsgiver garanterer ikke et bestemt volum.",
        ),
        ("h1", "3. Avtaleperiode, opsjoner og fornyelse"),
        ("p", period),
        ("h1", "4. Priser og prisregulering"),
        (
            "p",
            "Prisene er faste det første avtaleåret. Deretter kan de reguleres én gang per år "
            "med inntil endringen i konsumprisindeksen (SSB) de siste tolv månedene. Krav om "
            "regulering fremmes skriftlig senest én måned før den skal gjelde.",
        ),
        ("h1", "5. Bestilling, levering og fakturering"),
        (
            "p",
            "Bestillinger gjøres av de deltakende virksomhetene. Faktura sendes elektronisk i "
            "EHF-format og merkes med bestillers referanse. Betalingsfristen er 30 dager.",
        ),
        ("h1", "6. Oppsigelse"),
        (
            "p",
            "Oppdragsgiver kan si opp avtalen med tre måneders skriftlig varsel. Ved vesentlig "
            "mislighold kan avtalen heves med umiddelbar virkning.",
        ),
        ("h1", "7. Lønns- og arbeidsvilkår"),
        (
            "p",
            "Leverandøren skal sikre at egne ansatte og ansatte hos underleverandører som "
            "medvirker til å oppfylle avtalen, har lønns- og arbeidsvilkår i samsvar med "
            "forskrift om lønns- og arbeidsvilkår i offentlige kontrakter.",
        ),
        ("h1", "8. Taushetsplikt"),
        (
            "p",
            "Partene har taushetsplikt om opplysninger som er forretningshemmeligheter, jf. "
            "forvaltningsloven § 13. Taushetsplikten gjelder også etter avtalens opphør.",
        ),
        ("h1", "9. Mislighold og tvister"),
        (
            "p",
            "Ved forsinket levering påløper dagmulkt på 0,15 % av bestillingens verdi per "
            "virkedag, begrenset til 15 %. Tvister søkes løst ved forhandlinger, ellers ved de "
            "alminnelige domstoler med oppdragsgivers verneting.",
        ),
        ("h1", "10. Bilag"),
        ("bullet", "Bilag 1: Kravspesifikasjon"),
        ("bullet", "Bilag 2: Leverandørens besvarelse"),
        ("bullet", "Bilag 3: Prisskjema"),
        ("bullet", "Bilag 4: Generelle vilkår"),
        ("h1", "Bilag 4: Generelle vilkår"),
        *(("p", text) for text in _GENERAL_TERMS),
        ("h1", "Signatur"),
        ("p", f"For oppdragsgiver: {owner.name}, {owner.job_title.lower()}, {signed}"),
        ("p", f"For leverandøren: daglig leder, {f['leverandor']}, {signed}"),
    ]


_GENERAL_TERMS = (
    "4.1 Partenes plikter. Leverandøren skal utføre leveransene i samsvar med avtalen, gjeldende "
    "lover og forskrifter og god bransjepraksis. Oppdragsgiver skal medvirke og gi den "
    "informasjonen leverandøren trenger for å oppfylle avtalen.",
    "4.2 Underleverandører. Leverandøren kan bruke underleverandører etter skriftlig melding til "
    "oppdragsgiver. Leverandøren er ansvarlig for underleverandørenes oppfyllelse som for sin "
    "egen og skal sørge for at kravene i avtalen også gjelder for dem.",
    "4.3 Forsikring. Leverandøren skal ha forsikringer som dekker ansvaret etter avtalen, "
    "særlig ansvar for skade på person og eiendom, og skal på forespørsel dokumentere dette.",
    "4.4 Personvern og informasjonssikkerhet. Behandler leverandøren personopplysninger på vegne "
    "av oppdragsgiver, skal partene inngå en databehandleravtale. Leverandøren skal melde fra "
    "uten ugrunnet opphold om avvik som berører oppdragsgivers opplysninger.",
    "4.5 Endringer. Endringer i avtalen skal avtales skriftlig. Vesentlige endringer kan ikke "
    "gjøres uten ny konkurranse, jf. anskaffelsesregelverket.",
    "4.6 Overdragelse. Ingen av partene kan overdra rettigheter eller plikter etter avtalen "
    "uten skriftlig samtykke fra den andre parten.",
    "4.7 Samfunnsansvar. Leverandøren skal ha rutiner for aktsomhetsvurderinger etter "
    "åpenhetsloven og på forespørsel gjøre rede for hvordan risiko for brudd på grunnleggende "
    "menneskerettigheter og anstendige arbeidsforhold håndteres i leverandørkjeden.",
    "4.8 Kontraktsoppfølging. Partene møtes minst én gang per år for å gå gjennom leveranser, "
    "avvik, priser, miljøtiltak og forbedringer. Oppdragsgiver fører referat.",
)


def amendment_blocks(contract: Contract, signed_on: date) -> list[Block]:
    """A signed amendment that uses the contract's one option and shortens the notice:
    its background repeats the original terms, as amendments do, and only its second
    section changes anything."""
    f = contract.fields
    start, end = contract.start.strftime("%d.%m.%Y"), contract.end.strftime("%d.%m.%Y")
    extended = add_months(contract.end, 12).strftime("%d.%m.%Y")
    owner = next(p for p in PEOPLE if p.mail == f["eier"])
    signed = signed_on.strftime("%d.%m.%Y")
    return [
        ("title", f"Tilleggsavtale nr. 1 til rammeavtale {f['kontrakt_id']}"),
        ("p", f"{f['tittel']} mellom {BUYER} og {f['leverandor']}, org.nr. {spaced(f['org_nr'])}."),
        ("h1", "1. Bakgrunn"),
        (
            "p",
            f"Rammeavtalen ble inngått for perioden {start} til og med {end}, med opsjon på "
            "forlengelse i ett år. Oppdragsgiver har varslet leverandøren om at opsjonen "
            "benyttes.",
        ),
        ("h1", "2. Endringer"),
        (
            "p",
            f"Oppdragsgiver utløser opsjonen på forlengelse i ett år. Avtalen forlenges til og "
            f"med {extended}. Etter dette er det ingen gjenværende opsjoner.",
        ),
        ("p", "Oppsigelsestiden endres til åtte ukers skriftlig varsel."),
        ("h1", "3. Øvrige vilkår"),
        ("p", "Rammeavtalens øvrige vilkår gjelder uendret."),
        ("h1", "Signatur"),
        ("p", f"For oppdragsgiver: {owner.name}, {owner.job_title.lower()}, {signed}"),
        ("p", f"For leverandøren: daglig leder, {f['leverandor']}, {signed}"),
    ]
