"""Find a contract's own documents in the SharePoint library's case folders.

Case folders are named by case number and subject ("2025-022 IKT-driftstjenester"),
and the case number is not the contract id, so a folder is chosen by the contract id
or the distinctive words of the contract's title. Inside it, only files that look like
the contract itself are read: the contract id in the name, or "avtale"/"kontrakt" in
it; market-dialogue invitations and supplier input are left alone. A document counts
when its text or path names the contract id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from graph.sharepoint import DriveEntry, SharePointGateway, SiteRef
from skills.contracts.model import Contract

CASE_ROOT = "Saker"
MAX_FOLDERS = 4
MAX_DEPTH = 2
CONTRACT_SUFFIXES = (".docx", ".pdf")
_GENERIC = {
    "rammeavtale", "avtale", "kontrakt", "for", "og", "med", "av", "i", "til", "på",
    "levering", "kjøp", "innkjøp", "tjenester", "the", "of", "and",
}  # fmt: skip
_CONTRACT_NAME = re.compile(r"avtale|kontrakt|contract|agreement", re.IGNORECASE)
_SIGNED = re.compile(r"signert|signed|undertegnet|underskrevet", re.IGNORECASE)
_WORD = re.compile(r"[a-zæøå0-9]+")


@dataclass(frozen=True)
class LibraryFile:
    path: str  # below the drive root, e.g. "Saker/2025-022 IKT/Rammeavtale.docx"
    entry: DriveEntry

    @property
    def name(self) -> str:
        return self.entry.name

    @property
    def signed(self) -> bool:
        return bool(_SIGNED.search(self.name))

    @property
    def modified(self) -> datetime | None:
        return self.entry.modified


def title_words(contract: Contract) -> set[str]:
    return {w for w in _WORD.findall(contract.title.lower()) if w not in _GENERIC and len(w) > 2}


def folder_score(name: str, contract: Contract) -> int:
    if contract.contract_id in name:
        return 100
    return len(title_words(contract) & set(_WORD.findall(name.lower())))


def looks_like_contract(file: LibraryFile, contract: Contract) -> bool:
    return file.name.lower().endswith(CONTRACT_SUFFIXES) and (
        contract.contract_id in file.path or bool(_CONTRACT_NAME.search(file.name))
    )


async def _walk(
    gateway: SharePointGateway, site: SiteRef, path: str, depth: int
) -> list[LibraryFile]:
    files: list[LibraryFile] = []
    async for entry in gateway.list_folder(site, path):
        child = f"{path}/{entry.name}"
        if entry.is_folder:
            if depth < MAX_DEPTH:
                files.extend(await _walk(gateway, site, child, depth + 1))
        else:
            files.append(LibraryFile(child, entry))
    return files


async def candidate_files(
    gateway: SharePointGateway, site: SiteRef, contract: Contract, root: str = CASE_ROOT
) -> list[LibraryFile]:
    """The contract-like files of the best-matching case folders, best candidates first."""
    folders: list[tuple[int, DriveEntry]] = []
    files: list[LibraryFile] = []
    async for entry in gateway.list_folder(site, root):
        if entry.is_folder:
            score = folder_score(entry.name, contract)
            if score:
                folders.append((score, entry))
        else:
            files.append(LibraryFile(f"{root}/{entry.name}", entry))
    folders.sort(key=lambda pair: pair[0], reverse=True)
    best = folders[0][0] if folders else 0
    for score, folder in folders[:MAX_FOLDERS]:
        if score == best:
            files.extend(await _walk(gateway, site, f"{root}/{folder.name}", 1))
    found = [f for f in files if looks_like_contract(f, contract)]
    found.sort(
        key=lambda f: (
            contract.contract_id in f.path,
            f.signed,
            f.modified.timestamp() if f.modified else 0.0,
        ),
        reverse=True,
    )
    return found
