"""The catalogue of capabilities the help card and the model both read.

A capability can be marked as not available (coming): it is then listed as such, so
users learn what is planned without being offered something that would fail. Titles,
texts and examples are message ids; an example is a command the user can type, so each
translation of it is one the offline router understands (a test holds them to it).
"""

from __future__ import annotations

from dataclasses import dataclass

from skills.i18n import N_, Lang, tr


@dataclass(frozen=True)
class Capability:
    key: str
    title_id: str
    text_id: str
    example_ids: tuple[str, ...]
    available: bool

    def title(self, lang: Lang) -> str:
        return tr(lang, self.title_id)

    def text(self, lang: Lang) -> str:
        return tr(lang, self.text_id)

    def examples(self, lang: Lang) -> tuple[str, ...]:
        return tuple(tr(lang, example) for example in self.example_ids)


CAPABILITIES: tuple[Capability, ...] = (
    Capability(
        key="deadlines",
        title_id=N_("Contract deadlines"),
        text_id=N_(
            "Shows option and termination notices, expiry and when to start the next "
            "procurement, from the contract register, and reminds the owner in Teams."
        ),
        example_ids=(
            N_("deadlines in the next 90 days"),
            N_("my contracts"),
            N_("deadlines for renhold"),
            N_("extract terms from contract 2025-017"),
        ),
        available=True,
    ),
    Capability(
        key="market_dialogue",
        title_id=N_("Market-dialogue invitation"),
        text_id=N_(
            "Drafts the invitation, the Doffin notice text and an e-mail draft to suppliers, "
            "and saves the invitation in the case folder."
        ),
        example_ids=(N_("draft a market dialogue invitation for school furniture"),),
        available=True,
    ),
    Capability(
        key="supplier_input",
        title_id=N_("Supplier input summary"),
        text_id=N_(
            "Summarises input per supplier and across suppliers, with a source for every point "
            "and business secrets flagged."
        ),
        example_ids=(N_("summarise the input for case 2026-014"),),
        available=True,
    ),
    Capability(
        key="spend",
        title_id=N_("Purchasing analysis"),
        text_id=N_(
            "Reads the counties' ledger extracts, SAF-T files and EHF invoices from SharePoint "
            "and shows spend, contract coverage and loyalty, what is bought without a contract, "
            "and purchases that may need a competition, with a chart and a workbook."
        ),
        example_ids=(
            N_("purchasing analysis 2026"),
            N_("what do we buy most without a contract?"),
            N_("contract loyalty renhold"),
            N_("purchases from 987654325 in 2026"),
        ),
        available=True,
    ),
    Capability(
        key="plan",
        title_id=N_("Procurement plan"),
        text_id=N_(
            "Plans every contract that ends and every category bought without a contract, "
            "backwards from the day the new contract must start: when work must begin, who "
            "carries what, what is late, with a timeline and the contract portfolio's risk."
        ),
        example_ids=(
            N_("procurement plan 2027"),
            N_("what must we start in January?"),
            N_("plan for IKT"),
            N_("what must we start this quarter?"),
        ),
        available=True,
    ),
    Capability(
        key="status",
        title_id=N_("Service status"),
        text_id=N_(
            "Checks that storage, the language model and the Microsoft 365 connection work."
        ),
        example_ids=(N_("status"),),
        available=True,
    ),
)
