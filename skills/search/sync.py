"""Keep a document index in step with folders of the SharePoint library.

Only what changed is downloaded: a file whose eTag equals the version in the index is
left alone, a new or changed one is downloaded, read and indexed, and an index entry
whose file is gone from the folders is deleted. The index therefore mirrors exactly
the folders given; point one index at one set of folders.

A file that cannot be read (damaged, encrypted, empty, too large) is listed with the
reason code of `skills.documents.text` and the rest goes on. If it was indexed before
it changed, the stale entry is removed, since drafts must not follow text the file no
longer has. Unreadable files are tried again on every sync, as nothing records them.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from graph.errors import NotFoundError
from graph.sharepoint import DriveEntry, SharePointGateway, SiteRef
from skills.documents.text import MAX_DOCUMENT_BYTES, UnreadableDocument, read_document
from skills.search.model import DocumentIndex, IndexedDocument

log = logging.getLogger(__name__)

INDEXED_SUFFIXES = (".docx", ".pdf")
UPSERT_BATCH = 50

TextReader = Callable[[str, bytes], str]


@dataclass
class SyncResult:
    added: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)


def document_text(name: str, data: bytes) -> str:
    """The default reader: the whole text of a .docx or .pdf."""
    return read_document(name, data).text


def _indexed(name: str) -> bool:
    return PurePosixPath(name.lower()).suffix in INDEXED_SUFFIXES


async def _files(
    gateway: SharePointGateway, site: SiteRef, folder: str
) -> AsyncIterator[tuple[str, DriveEntry]]:
    """Every file below `folder`, with its path inside the library."""
    pending = [folder.strip("/")]
    while pending:
        current = pending.pop(0)
        async for entry in gateway.list_folder(site, current):
            path = f"{current}/{entry.name}" if current else entry.name
            if entry.is_folder:
                pending.append(path)
            else:
                yield path, entry


async def sync_library(
    gateway: SharePointGateway,
    site: SiteRef,
    folders: Sequence[str],
    index: DocumentIndex,
    read: TextReader = document_text,
) -> SyncResult:
    result = SyncResult()
    known = await index.versions()
    seen: set[str] = set()
    stale: list[str] = []
    pending: list[IndexedDocument] = []

    async def flush() -> None:
        if pending:
            await index.upsert(pending)
            pending.clear()

    for folder in folders:
        async for path, entry in _files(gateway, site, folder):
            if not _indexed(entry.name) or entry.id in seen:
                continue
            seen.add(entry.id)
            version = entry.etag or (entry.modified.isoformat() if entry.modified else "")
            before = known.get(entry.id)
            if before is not None and before == version and version:
                result.unchanged += 1
                continue
            text = await _read(gateway, site, entry, path, read, result)
            if text is None:
                if before is not None:
                    stale.append(entry.id)
                continue
            pending.append(
                IndexedDocument(entry.id, entry.name, path, entry.web_url, version, text)
            )
            if before is None:
                result.added += 1
            else:
                result.updated += 1
            if len(pending) >= UPSERT_BATCH:
                await flush()
    await flush()
    gone = [doc_id for doc_id in known if doc_id not in seen] + stale
    if gone:
        await index.delete(gone)
    result.deleted = len(gone)
    log.info(
        "library sync: %d added, %d updated, %d deleted, %d unchanged, %d unreadable",
        result.added,
        result.updated,
        result.deleted,
        result.unchanged,
        len(result.unreadable),
    )
    return result


async def _read(
    gateway: SharePointGateway,
    site: SiteRef,
    entry: DriveEntry,
    path: str,
    read: TextReader,
    result: SyncResult,
) -> str | None:
    """The file's text, or None after listing it as unreadable (or finding it gone)."""
    if entry.size > MAX_DOCUMENT_BYTES:
        result.unreadable.append((path, "too_large"))
        return None
    try:
        data = await gateway.download(site, entry.id)
    except NotFoundError:
        log.info("%s was deleted while the library was synced", path)
        return None
    try:
        # Parsing a PDF is CPU work: keep it off the event loop.
        text = await asyncio.to_thread(read, entry.name, data)
    except UnreadableDocument as error:
        result.unreadable.append((path, error.reason))
        return None
    if not text.strip():
        result.unreadable.append((path, "empty"))
        return None
    return text
