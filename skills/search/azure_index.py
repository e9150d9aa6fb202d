"""The document index in Azure AI Search, through azure-search-documents.

The index is created on first use when missing, with a Norwegian analyzer on the
searchable fields, so the service does the stemming our local index does itself.
Document keys in Azure AI Search allow only letters, digits, `_`, `-` and `=`, so
SharePoint item ids are stored URL-safe base64 encoded and decoded on the way out.

The SDK sends an API key over any scheme, and a bearer token only over https. A key
over plain http would travel in the clear, so http is accepted only for a loopback
endpoint (a test double on this machine); with a token credential it is refused at
once with a clear message instead of failing on the first request.
"""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from azure.core.credentials import AzureKeyCredential
from azure.core.credentials_async import AsyncTokenCredential
from azure.core.exceptions import AzureError, ResourceNotFoundError
from azure.search.documents.aio import SearchClient
from azure.search.documents.indexes.aio import SearchIndexClient
from azure.search.documents.indexes.models import (
    SearchableField,
    SearchFieldDataType,
    SearchIndex,
    SimpleField,
)

from skills.search.model import IndexedDocument, SearchHit, SearchIndexError
from skills.search.norwegian import words

DEFAULT_ANALYZER = "nb.microsoft"
# The service takes at most 1000 actions and 16 MB per request. Batches stay far below:
# the SDK's own split of an oversized batch cannot be relied on, and aiohttp writes a
# body over 1 MiB in one piece while the event loop waits.
MAX_BATCH_DOCUMENTS = 500
MAX_BATCH_BYTES = 900_000
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}
_FIELDS = ["id", "name", "path", "url", "version", "text"]


def encode_key(doc_id: str) -> str:
    return base64.urlsafe_b64encode(doc_id.encode("utf-8")).decode("ascii")


def decode_key(key: str) -> str:
    return base64.urlsafe_b64decode(key.encode("ascii")).decode("utf-8")


def _check_endpoint(endpoint: str, credential: AzureKeyCredential | AsyncTokenCredential) -> None:
    parts = urlsplit(endpoint)
    if parts.scheme == "https":
        return
    if parts.scheme != "http" or not parts.hostname:
        raise ValueError(f"the search endpoint must be an https URL, got {endpoint!r}")
    if not isinstance(credential, AzureKeyCredential):
        raise ValueError("a token credential needs an https search endpoint")
    if parts.hostname not in _LOOPBACK:
        raise ValueError("plain http would send the search API key in the clear: use https")


def _payload(doc: IndexedDocument) -> dict[str, str]:
    return {
        "id": encode_key(doc.id),
        "name": doc.name,
        "path": doc.path,
        "url": doc.url,
        "version": doc.version,
        "text": doc.text,
    }


def _batches(documents: Sequence[IndexedDocument]) -> list[list[dict[str, str]]]:
    """Documents in request-sized groups; a document bigger than a batch goes alone."""
    batches: list[list[dict[str, str]]] = []
    current: list[dict[str, str]] = []
    size = 0
    for doc in documents:
        payload = _payload(doc)
        weight = len(json.dumps(payload).encode("utf-8"))
        if current and (len(current) >= MAX_BATCH_DOCUMENTS or size + weight > MAX_BATCH_BYTES):
            batches.append(current)
            current, size = [], 0
        current.append(payload)
        size += weight
    if current:
        batches.append(current)
    return batches


class AzureSearchIndex:
    def __init__(
        self,
        endpoint: str,
        index_name: str,
        credential: AzureKeyCredential | AsyncTokenCredential,
        analyzer: str = DEFAULT_ANALYZER,
    ) -> None:
        _check_endpoint(endpoint, credential)
        self._name = index_name
        self._analyzer = analyzer
        self._search = SearchClient(endpoint, index_name, credential)
        self._indexes = SearchIndexClient(endpoint, credential)
        self._ready = False
        self._ready_lock = asyncio.Lock()

    def definition(self) -> SearchIndex:
        return SearchIndex(
            name=self._name,
            fields=[
                SimpleField(name="id", type=SearchFieldDataType.STRING, key=True),
                SearchableField(name="name", analyzer_name=self._analyzer),
                SimpleField(name="path", type=SearchFieldDataType.STRING),
                SimpleField(name="url", type=SearchFieldDataType.STRING),
                SimpleField(name="version", type=SearchFieldDataType.STRING),
                SearchableField(name="text", analyzer_name=self._analyzer),
            ],
        )

    async def _ensure_index(self) -> None:
        if self._ready:
            return
        async with self._ready_lock:
            if self._ready:
                return
            try:
                await self._indexes.get_index(self._name)
            except ResourceNotFoundError:
                await self._indexes.create_index(self.definition())
            self._ready = True

    async def upsert(self, documents: Sequence[IndexedDocument]) -> None:
        if not documents:
            return
        try:
            await self._ensure_index()
            for batch in _batches(documents):
                results = await self._search.merge_or_upload_documents(batch)
                failed = [r for r in results if not r.succeeded]
                if failed:
                    names = ", ".join(decode_key(r.key) for r in failed[:5])
                    raise SearchIndexError(
                        f"Azure AI Search refused {len(failed)} document(s): {names}: "
                        f"{failed[0].error_message}"
                    )
        except AzureError as error:
            raise SearchIndexError(f"indexing in Azure AI Search failed: {error}") from error

    async def delete(self, ids: Sequence[str]) -> None:
        if not ids:
            return
        try:
            await self._ensure_index()
            for start in range(0, len(ids), MAX_BATCH_DOCUMENTS):
                chunk = ids[start : start + MAX_BATCH_DOCUMENTS]
                # Deleting a key that is not there succeeds, as "gone" is what was asked.
                await self._search.delete_documents([{"id": encode_key(i)} for i in chunk])
        except AzureError as error:
            raise SearchIndexError(f"deleting in Azure AI Search failed: {error}") from error

    async def versions(self) -> dict[str, str]:
        try:
            await self._ensure_index()
            found: dict[str, str] = {}
            results = await self._search.search("*", select=["id", "version"])
            async for row in results:
                found[decode_key(str(row["id"]))] = str(row.get("version") or "")
        except AzureError as error:
            raise SearchIndexError(f"reading Azure AI Search failed: {error}") from error
        return found

    async def search(self, query: str, top: int = 5) -> list[SearchHit]:
        if top < 1:
            raise ValueError("top must be at least 1")
        # Only the words go to the service: a query is data, so operators in it
        # (-, |, quotes, wildcards) must not change what it means.
        plain = " ".join(words(query))
        if not plain:
            return []
        try:
            await self._ensure_index()
            results = await self._search.search(
                plain, top=top, select=_FIELDS, search_mode="any", query_type="simple"
            )
            hits = [_hit(row) async for row in results]
        except AzureError as error:
            raise SearchIndexError(f"searching Azure AI Search failed: {error}") from error
        return hits[:top]

    async def close(self) -> None:
        await self._search.close()
        await self._indexes.close()


def _hit(row: dict[str, Any]) -> SearchHit:
    return SearchHit(
        id=decode_key(str(row["id"])),
        name=str(row.get("name") or ""),
        path=str(row.get("path") or ""),
        url=str(row.get("url") or ""),
        score=float(row.get("@search.score") or 0.0),
        text=str(row.get("text") or ""),
    )
