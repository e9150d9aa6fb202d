"""Every sentence the bot itself says, in bokmål and English."""

from __future__ import annotations

from skills.i18n import Lang

_TEXTS: dict[str, tuple[str, str]] = {
    "welcome.title": (
        "Hei! Jeg er anskaffelsesassistenten.",
        "Hi! I am the procurement assistant.",
    ),
    "welcome.body": (
        "Jeg tar rutinearbeid i innkjøp: kontraktsfrister, invitasjoner til markedsdialog og "
        "oppsummering av leverandørinnspill. Skriv «hjelp» når som helst for å se hva jeg kan. "
        "I en kanal nevner du meg med @.",
        "I take routine procurement work off your hands: contract deadlines, market-dialogue "
        "invitations and supplier input summaries. Type “help” at any time to see what I can "
        "do. In a channel, @-mention me.",
    ),
    "action.help": ("Vis hva jeg kan", "Show what I can do"),
    "action.status": ("Sjekk status", "Check status"),
    "help.title": ("Dette kan jeg hjelpe med", "What I can help with"),
    "help.coming": ("Kommer snart", "Coming soon"),
    "help.unanswered": (
        "Det kan jeg ikke svare på ennå: «{question}».",
        "I can't answer that yet: “{question}”.",
    ),
    "help.not_understood": (
        "Jeg forsto ikke «{question}». Skriv det gjerne på en annen måte.",
        "I did not understand “{question}”. Please put it another way.",
    ),
    "help.examples": ("Prøv for eksempel", "Try for example"),
    "help.footer": (
        "Jeg er et hjelpemiddel: dere tar beslutningene, og jeg sender aldri e-post uten at "
        "en person har godkjent den.",
        "I am a support tool: you make the decisions, and I never send e-mail without a "
        "person approving it.",
    ),
    "unknown": (
        "Jeg forsto ikke helt hva du mener. Skriv «hjelp» for å se hva jeg kan gjøre.",
        "I did not quite understand that. Type “help” to see what I can do.",
    ),
    "card.too_large": (
        "Svaret ble for stort til å vises i Teams. Spør gjerne smalere, for eksempel om én "
        "kontrakt eller en kortere periode.",
        "The answer is too large to show in Teams. Please ask more narrowly, for example "
        "about one contract or a shorter period.",
    ),
    "model.partial": (
        "Noe av det du ba om kunne jeg ikke gjøre. Her er det jeg fikk til; ingenting annet "
        "er endret.",
        "I could not do all of what you asked. Here is what I could do; nothing else was changed.",
    ),
    "empty": (
        "Meldingen var tom. Skriv hva du vil ha hjelp med, eller «hjelp».",
        "The message was empty. Tell me what you need, or type “help”.",
    ),
    "error": (
        "Beklager, noe gikk galt og jeg fikk ikke fullført. Prøv igjen om litt. Hvis feilen "
        "vedvarer, gi denne koden til IT: {correlation_id}",
        "Sorry, something went wrong and I could not finish. Please try again shortly. If it "
        "keeps happening, give this code to IT: {correlation_id}",
    ),
    "m365.forbidden": (
        "Jeg har ikke tilgang til dette i Microsoft 365 (mangler tillatelsen {permission}). "
        "Be IT om å gi assistenten tilgangen.",
        "I have no access to this in Microsoft 365 (the permission {permission} is missing). "
        "Ask IT to grant it to the assistant.",
    ),
    "m365.throttled": (
        "Microsoft 365 er opptatt akkurat nå. Prøv igjen om et par minutter.",
        "Microsoft 365 is busy right now. Please try again in a couple of minutes.",
    ),
    "m365.not_found": (
        "Fant ikke det jeg lette etter i Microsoft 365: {detail}",
        "I could not find what I looked for in Microsoft 365: {detail}",
    ),
    "m365.failed": (
        "Fikk ikke svar fra Microsoft 365 som ventet. Prøv igjen om litt. Hvis feilen "
        "vedvarer, gi denne koden til IT: {correlation_id}",
        "Microsoft 365 did not answer as expected. Please try again shortly. If it keeps "
        "happening, give this code to IT: {correlation_id}",
    ),
    "card.unknown_verb": (
        "Denne knappen er ikke lenger i bruk. Skriv «hjelp» for å se hva jeg kan.",
        "This button is no longer in use. Type “help” to see what I can do.",
    ),
    "card.bad_data": (
        "Knappen manglet opplysninger jeg trenger. Spør meg på nytt, f.eks. «frister».",
        "The button lacked details I need. Ask me again, e.g. “deadlines”.",
    ),
    "progress.start": ("Jobber med saken …", "Working on it …"),
    "progress.step": ("{label} {done} av {total} …", "{label} {done} of {total} …"),
    "status.title": ("Driftsstatus", "Service status"),
    "status.ok": ("OK", "OK"),
    "status.failed": ("Feil", "Failed"),
    "status.off": ("Ikke konfigurert", "Not configured"),
    "status.checking": ("Sjekker", "Checking"),
    "status.engine": ("Svarmotor", "Answer engine"),
    "status.engine.offline": (
        "Regelbasert (ingen språkmodell konfigurert)",
        "Rule-based (no language model configured)",
    ),
    "status.engine.model": ("Språkmodell", "Language model"),
    "status.see_log": (
        "{state} (detaljer i driftsloggen, ref. {reference})",
        "{state} (details in the service log, ref. {reference})",
    ),
}


def t(key: str, lang: Lang, **values: object) -> str:
    nb, en = _TEXTS[key]
    text = en if lang == "en" else nb
    return text.format(**values) if values else text
