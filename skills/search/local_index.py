"""The local document index: one SQLite file with FTS5 over text our analyser has stemmed.

FTS5's own tokenizers know no Norwegian, so words are stemmed here before they are
stored and before a query is matched; FTS5 then only splits on spaces and ranks with
BM25 (a match in the file name counts double). SQLite work runs in a worker thread so
the event loop never waits on disk; one connection, guarded by a lock, serves it.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

from skills.search.model import IndexedDocument, SearchHit, SearchIndexError
from skills.search.norwegian import terms

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
    path TEXT NOT NULL, url TEXT NOT NULL, version TEXT NOT NULL, text TEXT NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
    name_terms, text_terms, tokenize = 'unicode61 remove_diacritics 0'
);
"""
_NAME_WEIGHT = 2.0
_TEXT_WEIGHT = 1.0


def _stemmed(text: str) -> str:
    return " ".join(terms(text))


def _match_expression(query: str) -> str:
    """Any stemmed query word may match; BM25 puts documents with more of them first.
    Stems hold only letters and digits, so quoting them is enough to keep FTS5 syntax out.
    """
    unique = dict.fromkeys(terms(query))
    return " OR ".join(f'"{term}"' for term in unique)


class LocalIndex:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = sqlite3.connect(
            path, timeout=15, isolation_level=None, check_same_thread=False
        )
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)

    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            raise SearchIndexError("the local index is closed")
        return self._db

    async def upsert(self, documents: Sequence[IndexedDocument]) -> None:
        # Stemming is CPU work too: keep it off the event loop with the writes.
        await asyncio.to_thread(self._upsert, list(documents))

    def _upsert(self, documents: list[IndexedDocument]) -> None:
        rows = [(doc, _stemmed(doc.name), _stemmed(doc.text)) for doc in documents]
        with self._lock:
            db = self._conn()
            db.execute("BEGIN")
            try:
                for doc, name_terms, text_terms in rows:
                    found = db.execute("SELECT rowid FROM documents WHERE id = ?", (doc.id,))
                    existing = found.fetchone()
                    if existing is not None:
                        db.execute("DELETE FROM documents_fts WHERE rowid = ?", existing)
                        db.execute("DELETE FROM documents WHERE rowid = ?", existing)
                    cursor = db.execute(
                        "INSERT INTO documents (id, name, path, url, version, text) "
                        "VALUES (?, ?, ?, ?, ?, ?)",
                        (doc.id, doc.name, doc.path, doc.url, doc.version, doc.text),
                    )
                    db.execute(
                        "INSERT INTO documents_fts (rowid, name_terms, text_terms) "
                        "VALUES (?, ?, ?)",
                        (cursor.lastrowid, name_terms, text_terms),
                    )
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    async def delete(self, ids: Sequence[str]) -> None:
        await asyncio.to_thread(self._delete, list(ids))

    def _delete(self, ids: list[str]) -> None:
        with self._lock:
            db = self._conn()
            db.execute("BEGIN")
            try:
                for doc_id in ids:
                    found = db.execute("SELECT rowid FROM documents WHERE id = ?", (doc_id,))
                    existing = found.fetchone()
                    if existing is not None:
                        db.execute("DELETE FROM documents_fts WHERE rowid = ?", existing)
                        db.execute("DELETE FROM documents WHERE rowid = ?", existing)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    async def versions(self) -> dict[str, str]:
        return await asyncio.to_thread(self._versions)

    def _versions(self) -> dict[str, str]:
        with self._lock:
            rows = self._conn().execute("SELECT id, version FROM documents").fetchall()
        return {str(doc_id): str(version) for doc_id, version in rows}

    async def search(self, query: str, top: int = 5) -> list[SearchHit]:
        if top < 1:
            raise ValueError("top must be at least 1")
        return await asyncio.to_thread(self._search, query, top)

    def _search(self, query: str, top: int) -> list[SearchHit]:
        expression = _match_expression(query)
        if not expression:
            return []
        with self._lock:
            rows = (
                self._conn()
                .execute(
                    "SELECT d.id, d.name, d.path, d.url, d.text, "
                    "bm25(documents_fts, ?, ?) AS rank "
                    "FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
                    "WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
                    (_NAME_WEIGHT, _TEXT_WEIGHT, expression, top),
                )
                .fetchall()
            )
        # FTS5's bm25() is lower for better matches; hits carry "higher is better".
        return [
            SearchHit(id=r[0], name=r[1], path=r[2], url=r[3], score=-float(r[5]), text=r[4])
            for r in rows
        ]

    async def close(self) -> None:
        await asyncio.to_thread(self._close)

    def _close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
