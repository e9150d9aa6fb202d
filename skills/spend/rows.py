"""One ledger line as every source gives it, before the store types and keeps it.

Ledger extracts are read by DuckDB straight from the file; SAF-T files and EHF invoices
are XML, read in Python into these rows and handed to the store the same way, so every
source ends in the same table with the same rules.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import NamedTuple


class LedgerRow(NamedTuple):
    bilagsdato: date
    bilagsnr: str
    leverandornr: str
    leverandor: str
    org_nr: str  # as written; the store keeps nine digits or nothing
    art: str  # the account or KOSTRA art (three or more digits); the store keeps three
    ansvar: str
    tjeneste: str
    prosjekt: str
    belop: Decimal  # NOK excl. VAT; a credit is negative
    fakturanr: str = ""  # the supplier's invoice number, where the source has it
    line: int = 0  # where in the source file the row came from, for messages
