"""Which column of a ledger extract holds what, by the headers municipalities export.

Offices export their ledger from Visma, Unit4 (Agresso) or Xledger with their own headers
("Bilagsdato", "Bilagsnr", "Lev.nr", "Leverandør", "Org.nr.", "Art", "Konto", "Ansvar",
"Tjeneste", "Funksjon", "Prosjekt", "Beløp"). A header is compared by the contract
register's key (case, spacing, punctuation and æøå do not count).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from skills.contracts.columns import header_key

# The fields of a ledger line, in the order they are stored.
FIELDS = (
    "bilagsdato",
    "bilagsnr",
    "leverandornr",
    "leverandor",
    "org_nr",
    "art",
    "ansvar",
    "tjeneste",
    "prosjekt",
    "belop",
    "fakturanr",
)
REQUIRED = ("bilagsdato", "art", "belop")

_HEADERS: dict[str, tuple[str, ...]] = {
    "bilagsdato": (
        "Bilagsdato", "Dato", "Posteringsdato", "Regnskapsdato", "Bokført dato", "Voucher date",
        "Posting date", "Date",
    ),
    "bilagsnr": ("Bilagsnr", "Bilagsnummer", "Bilag", "Voucher no", "Voucher"),
    "leverandornr": (
        "Leverandørnr", "Lev.nr", "Levnr", "Leverandørnummer", "Reskontronr", "Supplier no",
    ),
    "leverandor": (
        "Leverandør", "Leverandørnavn", "Lev.navn", "Levnavn", "Supplier", "Supplier name",
    ),
    "org_nr": (
        "Org.nr.", "Org nr", "Orgnr", "Organisasjonsnummer", "Leverandørens org.nr.",
        "Org.nr. leverandør", "Organisation number",
    ),
    "art": ("Art", "Konto", "Kontonr", "Art/Konto", "Konto/Art", "Kostnadsart", "Account"),
    "ansvar": ("Ansvar", "Ansvarssted", "Responsibility"),
    "tjeneste": ("Tjeneste", "Funksjon", "Tjeneste/Funksjon", "Function"),
    "prosjekt": ("Prosjekt", "Prosjektnr", "Project"),
    "fakturanr": (
        "Fakturanr", "Fakturanummer", "Faktura nr", "Leverandørens fakturanr", "Eksternt bilagsnr",
        "Invoice no", "Invoice number",
    ),
    "belop": ("Beløp", "Beløp NOK", "Beløp eks. mva", "Beløp ekskl. mva", "Sum", "Amount"),
}  # fmt: skip
_KNOWN = {header_key(h): field for field, hs in _HEADERS.items() for h in (field, *hs)}


@dataclass(frozen=True)
class LedgerColumns:
    """Field -> position in the row, and the headers as the file wrote them."""

    positions: dict[str, int]
    headers: tuple[str, ...]

    @property
    def missing(self) -> tuple[str, ...]:
        wanted = [f for f in REQUIRED if f not in self.positions]
        if "leverandor" not in self.positions and "org_nr" not in self.positions:
            wanted.append("leverandor")
        return tuple(wanted)


def match_ledger_columns(headers: Sequence[object]) -> LedgerColumns:
    """The first column that names a field takes it."""
    positions: dict[str, int] = {}
    for index, cell in enumerate(headers):
        field = _KNOWN.get(header_key(str(cell or "")))
        if field is not None and field not in positions:
            positions[field] = index
    return LedgerColumns(positions, tuple(str(h or "").strip() for h in headers))
