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
# A signing word counts only as a whole word ("usignert", "unsigned" are not signed) and
# not after a negation ("ikke signert", "not yet signed", "ikke_signert").
_SIGNED = re.compile(
    r"(?<![^\W_])(?:signert|signed|undertegnet|underskrevet)(?![^\W_])", re.IGNORECASE
)
_NOT_BEFORE = re.compile(
    r"(?<![^\W_])(?:ikke|not|uten|without)[\W_]+(?:(?:ennå|enda|yet)[\W_]+)?$", re.IGNORECASE
)
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
        return is_signed_name(self.name)

    @property
    def modified(self) -> datetime | None:
        return self.entry.modified


def is_signed_name(name: str) -> bool:
    """Whether a file name says the document is signed ("Avtale signert.pdf")."""
    return any(not _NOT_BEFORE.search(name[: m.start()]) for m in _SIGNED.finditer(name))


def title_words(contract: Contract) -> set[str]:
    return {w for w in _WORD.findall(contract.title.lower()) if w not in _GENERIC and len(w) > 2}


def names_contract_id(text: str, contract_id: str) -> bool:
    """Whether `text` names the id as a whole word: contract 2024-1 is not named by the
    folder "2024-17 Kantinedrift" nor by "12024-1"."""
    if not contract_id:
        return False
    pattern = rf"(?<![^\W_]){re.escape(contract_id)}(?![^\W_])"
    return re.search(pattern, text, re.IGNORECASE) is not None


def folder_score(name: str, contract: Contract) -> int:
    if names_contract_id(name, contract.contract_id):
        return 100
    return len(title_words(contract) & set(_WORD.findall(name.lower())))


def looks_like_contract(file: LibraryFile, contract: Contract) -> bool:
    return file.name.lower().endswith(CONTRACT_SUFFIXES) and (
        names_contract_id(file.path, contract.contract_id) or bool(_CONTRACT_NAME.search(file.name))
    )


def rank_files(files: list[LibraryFile], contract: Contract) -> list[LibraryFile]:
    """Files naming the contract id first, then signed before unsigned, then newest."""
    return sorted(
        files,
        key=lambda f: (
            names_contract_id(f.path, contract.contract_id),
            f.signed,
            f.modified.timestamp() if f.modified else 0.0,
        ),
        reverse=True,
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
    return rank_files([f for f in files if looks_like_contract(f, contract)], contract)
