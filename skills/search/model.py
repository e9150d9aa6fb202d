"""What the document index stores and returns, and the interface every store meets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class IndexedDocument:
    """A library file as text; `version` is the file's eTag, so a sync skips unchanged files."""

    id: str
    name: str
    path: str
    url: str
    version: str
    text: str


@dataclass(frozen=True)
class SearchHit:
    """A ranked match; `score` only orders hits within one answer of one store."""

    id: str
    name: str
    path: str
    url: str
    score: float
    text: str


class SearchIndexError(Exception):
    """The index store refused or failed an operation."""


class DocumentIndex(Protocol):
    async def upsert(self, documents: Sequence[IndexedDocument]) -> None: ...

    async def delete(self, ids: Sequence[str]) -> None: ...

    async def versions(self) -> dict[str, str]:
        """id -> version of everything indexed, to sync only new and changed files."""
        ...

    async def search(self, query: str, top: int = 5) -> list[SearchHit]: ...

    async def close(self) -> None: ...
