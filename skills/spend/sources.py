"""Which reader a file needs, decided by what the file is, not only by its name.

A ledger extract is .csv/.txt or .xlsx; an .xml file is a SAF-T Financial export
(root `AuditFile`) or an EHF invoice or credit note (UBL `Invoice`/`CreditNote`). A file
whose content is not what its name says is refused with the reason.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from skills.spend.errors import LedgerFileError
from skills.spend.store import LoadResult, SpendStore

_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(AuditFile|Invoice|CreditNote)[\s>]")
LEDGER_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm")
SUFFIXES = (*LEDGER_SUFFIXES, ".xml")


def xml_kind(data: bytes) -> str:
    """'saft', 'ehf' or '' from the first element of the document."""
    found = _ROOT.search(data[:8192])
    if found is None:
        return ""
    return "saft" if found.group(1) == b"AuditFile" else "ehf"


def load_file(store: SpendStore, path: Path, entity: str, source: str = "") -> LoadResult:
    """`source` names where the file lives (a SharePoint item); by default the entity and
    the file name, so a corrected file of the same name replaces the earlier one."""
    suffix = path.suffix.lower()
    if suffix in LEDGER_SUFFIXES:
        return store.load(path, entity, source)
    if suffix != ".xml":
        raise LedgerFileError(
            "ledger",
            "{name}: purchasing analysis reads ledger extracts (.csv, .xlsx), SAF-T files and "
            "EHF invoices (.xml).",
            name=path.name,
        )
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    kind = xml_kind(data)
    if kind == "saft":
        from skills.spend.saft import read_saft

        known = store.loaded(sha)
        if known is not None:
            return LoadResult(path.name, entity, known, already=True)
        extract = read_saft(path, path.name)
        if extract.rows and not any(len(row.art) == 3 for row in extract.rows):
            # Accounts without KOSTRA grouping (NS 4102, as in private companies' files):
            # their four-digit numbers are no KOSTRA art, and read as one would be wrong.
            raise LedgerFileError(
                "ledger",
                "{name}: the accounts carry no KOSTRA grouping (GroupingCategory KA_K or "
                "KA_KS), so purchases cannot be told from other costs. Export the SAF-T file "
                "with the KOSTRA grouping of accounts.",
                name=path.name,
            )
        return store.load_rows(extract.rows, path.name, sha, entity, source)
    if kind == "ehf":
        from skills.spend.ehf import read_ehf

        return store.load_invoice(read_ehf(data, path.name), path.name, sha, entity, source)
    raise LedgerFileError(
        "ledger",
        "{name} is XML but neither a SAF-T Financial file nor an EHF invoice.",
        name=path.name,
    )
