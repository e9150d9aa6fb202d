"""Which SAF-T ledger lines are spending, and which analysis dimension is which.

A voucher for a supplier invoice posts the cost, the VAT and the payable; a payment
posts the payable and the bank. Only the cost is spending, so every line is judged by
its account:

- An account grouped in a KOSTRA category (GroupingCategory starting "KA_", as KA_K for
  municipalities and KA_KS for county municipalities in Skatteetaten's code lists) is an
  expense account when its GroupingCode is a three-digit expense art, 010-599. Balance
  codes in those lists are two or four digits (10 bank, 16 receivables, 35 accounts
  payable, 5990 ...) or one of the three-digit capital-account codes 411, 412, 431,
  451-453, 580 and 581, which the KOSTRA lists write as 2.411 and so on; income arts
  are 600-999. Art 429 is left out as well: it is the VAT that the VAT compensation
  scheme pays back (against art 729), not a price paid for goods or services.
- Any other account (version 1.10 files, or companies grouping by RF codes) is read by
  the Norwegian standard chart of accounts NS 4102: classes 4-7 are costs; 1-2 are the
  balance sheet (bank, payables, VAT), 3 income and 8 financial items.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

KOSTRA_PREFIX = "KA_"
KOSTRA_EXPENSE = ("010", "599")
KOSTRA_NOT_EXPENSE = frozenset({"411", "412", "431", "451", "452", "453", "580", "581", "429"})
NS4102_COST_CLASSES = frozenset("4567")

Dimension = Literal["ansvar", "tjeneste", "prosjekt"]
# Words that name a dimension in AnalysisTypeDescription (or the type code itself).
_DIMENSION_WORDS: tuple[tuple[str, Dimension], ...] = (
    ("ansvar", "ansvar"),
    ("funksjon", "tjeneste"),
    ("tjeneste", "tjeneste"),
    ("teneste", "tjeneste"),  # nynorsk
    ("prosjekt", "prosjekt"),
)


class Account(NamedTuple):
    account_id: str
    grouping_category: str
    grouping_code: str


def expense_art(account: Account) -> str | None:
    """The art a line on this account is spent on, or None when it is not spending."""
    if account.grouping_category.upper().startswith(KOSTRA_PREFIX):
        code = account.grouping_code
        low, high = KOSTRA_EXPENSE
        if len(code) == 3 and code.isdigit() and low <= code <= high:
            return None if code in KOSTRA_NOT_EXPENSE else code
        return None
    account_id = account.account_id
    if account_id[:1] in NS4102_COST_CLASSES and account_id.isdigit():
        return account_id
    return None


def analysis_field(analysis_type: str, description: str) -> Dimension | None:
    """The ledger field an analysis type fills, judged by its description.

    Descriptions are matched case-insensitively as words contained ("Ansvarssted" is
    ansvar, "FUNKSJON" tjeneste); the type code is tried when the table has no
    description for it, since some systems name the type itself "ANSVAR".
    """
    for candidate in (description, analysis_type):
        lowered = candidate.lower()
        for word, field in _DIMENSION_WORDS:
            if word in lowered:
                return field
    return None
