"""The local index ranks in memory by the BM25 FTS5 computes: its top hits are FTS5's own,
checked against SQLite's `bm25()` over the same stored stems."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bench.search import generated_documents, queries
from skills.search.local_index import LocalIndex
from skills.search.norwegian import terms


def _fts5_top(path: Path, query: str, top: int) -> list[str]:
    expression = " OR ".join(f'"{t}"' for t in dict.fromkeys(terms(query)))
    with sqlite3.connect(path) as db:
        rows = db.execute(
            "SELECT d.id FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
            "WHERE documents_fts MATCH ? ORDER BY bm25(documents_fts, 2.0, 1.0), d.rowid "
            "LIMIT ?",
            (expression, top),
        ).fetchall()
    return [str(r[0]) for r in rows]


async def test_the_top_hits_are_fts5s_own(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite3"
    index = LocalIndex(path)
    try:
        documents = generated_documents(300)
        await index.upsert(documents[:200])
        await index.search("kontrakt", top=5)  # builds the ranking, then a change:
        await index.upsert(documents[200:])
        await index.delete([documents[0].id, documents[150].id])
        for query in [*queries(60), "skolemøbler kontrakter", "ingen treff her"]:
            found = [hit.id for hit in await index.search(query, top=5)]
            assert found == _fts5_top(path, query, 5), query
    finally:
        await index.close()
