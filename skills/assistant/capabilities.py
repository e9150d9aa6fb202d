"""The catalogue of capabilities the help card and the model both read.

A capability can be marked as not available (coming): it is then listed as such, so
users learn what is planned without being offered something that would fail.
"""

from __future__ import annotations

from dataclasses import dataclass

from skills.i18n import Lang, pick


@dataclass(frozen=True)
class Capability:
    key: str
    title_nb: str
    title_en: str
    text_nb: str
    text_en: str
    examples_nb: tuple[str, ...]
    examples_en: tuple[str, ...]
    available: bool

    def title(self, lang: Lang) -> str:
        return pick(lang, self.title_nb, self.title_en)

    def text(self, lang: Lang) -> str:
        return pick(lang, self.text_nb, self.text_en)

    def examples(self, lang: Lang) -> tuple[str, ...]:
        return self.examples_en if lang == "en" else self.examples_nb


CAPABILITIES: tuple[Capability, ...] = (
    Capability(
        key="deadlines",
        title_nb="Kontraktsfrister",
        title_en="Contract deadlines",
        text_nb=(
            "Viser opsjonsfrister, oppsigelsesfrister, utløp og når neste anskaffelse må "
            "starte, fra kontraktsregisteret, og minner kontraktseier på fristene i Teams."
        ),
        text_en=(
            "Shows option and termination notices, expiry and when to start the next "
            "procurement, from the contract register, and reminds the owner in Teams."
        ),
        examples_nb=(
            "frister neste 90 dager",
            "mine kontrakter",
            "frister for renhold",
            "les vilkårene i kontrakt 2025-017",
        ),
        examples_en=(
            "deadlines in the next 90 days",
            "my contracts",
            "deadlines for renhold",
            "extract terms from contract 2025-017",
        ),
        available=True,
    ),
    Capability(
        key="market_dialogue",
        title_nb="Invitasjon til markedsdialog",
        title_en="Market-dialogue invitation",
        text_nb=(
            "Lager utkast til invitasjon, Doffin-tekst og e-postutkast til leverandører, "
            "og lagrer invitasjonen i saksmappen."
        ),
        text_en=(
            "Drafts the invitation, the Doffin notice text and an e-mail draft to suppliers, "
            "and saves the invitation in the case folder."
        ),
        examples_nb=("lag en invitasjon til markedsdialog om skolemøbler",),
        examples_en=("draft a market dialogue invitation for school furniture",),
        available=True,
    ),
    Capability(
        key="supplier_input",
        title_nb="Oppsummering av leverandørinnspill",
        title_en="Supplier input summary",
        text_nb=(
            "Oppsummerer innspill per leverandør og på tvers, med kilde for hvert punkt "
            "og forretningshemmeligheter merket."
        ),
        text_en=(
            "Summarises input per supplier and across suppliers, with a source for every "
            "point and business secrets flagged."
        ),
        examples_nb=("oppsummer innspillene i sak 2026-014",),
        examples_en=("summarise the input for case 2026-014",),
        available=True,
    ),
    Capability(
        key="status",
        title_nb="Driftsstatus",
        title_en="Service status",
        text_nb="Sjekker at lagring, språkmodell og Microsoft 365-tilkoblingen virker.",
        text_en="Checks that storage, the language model and the Microsoft 365 connection work.",
        examples_nb=("status",),
        examples_en=("status",),
        available=True,
    ),
)
