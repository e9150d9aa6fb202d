"""The local document index: one SQLite file with FTS5 over text our analyser has stemmed.

FTS5's own tokenizers know no Norwegian, so words are stemmed here before they are
stored and before a query is matched. SQLite keeps the documents and their stems (the
index survives restarts and is updated incrementally by the sync); queries are ranked
in memory, with numpy, by the same BM25 that FTS5's `bm25()` computes (k1 1.2, b 0.75,
a row's length over all columns, a match in the file name counting double), so a query costs a few
array operations instead of an FTS5 scan. The in-memory postings are rebuilt from the
stored stems after a change. SQLite work runs in a worker thread so the event loop
never waits on disk; one connection, guarded by a lock, serves it.
"""

from __future__ import annotations

import asyncio
import math
import sqlite3
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

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
_K1 = 1.2
_B = 0.75


@dataclass(frozen=True)
class _Postings:
    """Per stem: the documents (positions in `_Ranker.rowids`) holding it, with its
    frequency in the name and in the text."""

    docs: NDArray[np.int64]
    in_name: NDArray[np.float64]
    in_text: NDArray[np.float64]


class _Ranker:
    """FTS5's BM25 over the stored stems, held in memory."""

    def __init__(self, rows: list[tuple[int, str, str]]) -> None:
        self.rowids = np.array([r[0] for r in rows], dtype=np.int64)
        names = [r[1].split() for r in rows]
        texts = [r[2].split() for r in rows]
        # FTS5 counts a row's length over all its columns, and the average likewise.
        self.lengths = np.array(
            [len(n) + len(t) for n, t in zip(names, texts, strict=True)], dtype=np.float64
        )
        count = len(rows)
        self.average = float(self.lengths.sum()) / count if count else 1.0
        found: dict[str, tuple[list[int], list[float], list[float]]] = {}
        for position, (name, text) in enumerate(zip(names, texts, strict=True)):
            name_counts, text_counts = Counter(name), Counter(text)
            for term in name_counts.keys() | text_counts.keys():
                docs, in_name, in_text = found.setdefault(term, ([], [], []))
                docs.append(position)
                in_name.append(float(name_counts.get(term, 0)))
                in_text.append(float(text_counts.get(term, 0)))
        self.postings = {
            term: _Postings(np.array(d, dtype=np.int64), np.array(n, dtype=np.float64), np.array(t))
            for term, (d, n, t) in found.items()
        }

    def top(self, query_terms: Sequence[str], top: int) -> list[tuple[int, float]]:
        """(rowid, score) of the best `top` documents holding any query stem, best first
        (ties by rowid)."""
        count = len(self.rowids)
        if not count:
            return []
        scores = np.zeros(count, dtype=np.float64)
        matched = np.zeros(count, dtype=bool)
        for term in query_terms:
            postings = self.postings.get(term)
            if postings is None:
                continue
            hits = len(postings.docs)
            idf = max(math.log((count - hits + 0.5) / (hits + 0.5)), 1e-6)
            docs = postings.docs
            # A column's weight multiplies its count of the term, as in FTS5's bm25().
            frequency = _NAME_WEIGHT * postings.in_name + _TEXT_WEIGHT * postings.in_text
            norm = _K1 * (1 - _B + _B * self.lengths[docs] / self.average)
            scores[docs] += idf * frequency * (_K1 + 1) / (frequency + norm)
            matched[docs] = True
        candidates = np.flatnonzero(matched)
        if not len(candidates):
            return []
        if len(candidates) > top:
            # The best `top` (and any tied with the last of them), then an exact sort.
            kept = scores[candidates]
            cut = kept[np.argpartition(kept, len(kept) - top)[len(kept) - top]]
            candidates = candidates[kept >= cut]
        order = sorted(candidates.tolist(), key=lambda i: (-scores[i], self.rowids[i]))
        return [(int(self.rowids[i]), float(scores[i])) for i in order[:top]]


def _stemmed(text: str) -> str:
    return " ".join(terms(text))


class LocalIndex:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = sqlite3.connect(
            path, timeout=15, isolation_level=None, check_same_thread=False
        )
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)
        self._ranker: _Ranker | None = None  # built on the first query after a change

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
            finally:
                self._ranker = None

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
            finally:
                self._ranker = None

    async def versions(self) -> dict[str, str]:
        return await asyncio.to_thread(self._versions)

    def _versions(self) -> dict[str, str]:
        with self._lock:
            rows = self._conn().execute("SELECT id, version FROM documents").fetchall()
        return {str(doc_id): str(version) for doc_id, version in rows}

    async def search(self, query: str, top: int = 5) -> list[SearchHit]:
        if top < 1:
            raise ValueError("top must be at least 1")
        # With the ranking in memory a query takes well under a millisecond: answered
        # here, unless a write holds the lock (then in a worker thread, as is building).
        if self._ranker is not None and self._lock.acquire(blocking=False):
            try:
                return self._search_locked(query, top)
            finally:
                self._lock.release()
        return await asyncio.to_thread(self._search, query, top)

    def _search(self, query: str, top: int) -> list[SearchHit]:
        with self._lock:
            return self._search_locked(query, top)

    def _search_locked(self, query: str, top: int) -> list[SearchHit]:
        wanted = list(dict.fromkeys(terms(query)))
        if not wanted:
            return []
        db = self._conn()
        if self._ranker is None:
            stored = db.execute(
                "SELECT rowid, name_terms, text_terms FROM documents_fts ORDER BY rowid"
            ).fetchall()
            self._ranker = _Ranker([(int(r[0]), str(r[1]), str(r[2])) for r in stored])
        best = self._ranker.top(wanted, top)
        if not best:
            return []
        marks = ",".join("?" * len(best))
        rows = db.execute(
            f"SELECT rowid, id, name, path, url, text FROM documents WHERE rowid IN ({marks})",
            [rowid for rowid, _ in best],
        ).fetchall()
        by_rowid = {int(r[0]): r for r in rows}
        return [
            SearchHit(
                id=str(by_rowid[rowid][1]),
                name=str(by_rowid[rowid][2]),
                path=str(by_rowid[rowid][3]),
                url=str(by_rowid[rowid][4]),
                score=score,
                text=str(by_rowid[rowid][5]),
            )
            for rowid, score in best
            if rowid in by_rowid
        ]

    async def close(self) -> None:
        await asyncio.to_thread(self._close)

    def _close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
