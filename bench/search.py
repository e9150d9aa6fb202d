"""Indexing 2,000 generated Norwegian documents into the local index and timing queries,
beside bm25s (a BM25 library with sparse matrices) over the same stems as the baseline.

    .venv/bin/python -m bench.search [--documents 2000] [--queries 300]
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path

from skills.search.local_index import LocalIndex
from skills.search.model import IndexedDocument
from skills.search.norwegian import terms

SUBJECTS = [
    "skolemøbler",
    "renholdstjenester",
    "kontorrekvisita",
    "elevtransport",
    "IKT-driftstjenester",
    "snøbrøyting",
    "arbeidsklær",
    "legemidler",
    "byggevarer",
    "kantinedrift",
]
# Nouns in several inflections, so the stemmer does real work on both sides.
NOUNS = [
    "kontrakt kontrakten kontrakter kontraktene",
    "leverandør leverandøren leverandører leverandørene",
    "avtale avtalen avtaler avtalene",
    "tilbud tilbudet tilbudene",
    "invitasjon invitasjonen invitasjoner",
    "dialogkonferanse dialogkonferansen",
    "marked markedet",
    "krav kravet kravene",
    "behov behovet behovene",
    "opsjon opsjonen opsjoner",
    "frist fristen frister fristene",
    "møbel møbler møblene",
    "forretningshemmelighet forretningshemmeligheter",
]
GLUE = [
    "og",
    "for",
    "til",
    "om",
    "med",
    "av",
    "på",
    "i",
    "som",
    "skal",
    "kan",
    "vil",
    "blir",
    "er",
    "det",
    "den",
    "de",
    "en",
    "et",
]
VERBS = [
    "inviteres",
    "gjelder",
    "beskriver",
    "ønsker",
    "vurderer",
    "leverer",
    "signeres",
    "fornyes",
]


def generated_documents(count: int, seed: int = 7) -> list[IndexedDocument]:
    rng = random.Random(seed)
    words = [w for group in NOUNS for w in group.split()] + VERBS
    documents = []
    for n in range(count):
        subject = rng.choice(SUBJECTS)
        sentences = []
        for _ in range(rng.randint(30, 60)):
            length = rng.randint(6, 14)
            sentence = [rng.choice(words if rng.random() < 0.6 else GLUE) for _ in range(length)]
            if rng.random() < 0.3:
                sentence.append(subject)
            sentences.append(" ".join(sentence).capitalize() + ".")
        name = f"Invitasjon til markedsdialog - {subject} {n}.docx"
        documents.append(
            IndexedDocument(
                id=f"doc-{n:05d}",
                name=name,
                path=f"Saker/{2020 + n % 7}-{n:03d}/{name}",
                url=f"https://innkjop.example.no/sites/innkjop/Delte dokumenter/{n}",
                version="1",
                text=" ".join(sentences),
            )
        )
    return documents


def queries(count: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    words = [w for group in NOUNS for w in group.split()] + SUBJECTS
    return [" ".join(rng.sample(words, rng.randint(1, 4))) for _ in range(count)]


async def bench_search(count: int = 2000, query_count: int = 300) -> None:
    documents = generated_documents(count)
    characters = sum(len(d.text) for d in documents)
    with tempfile.TemporaryDirectory() as tmp:
        index = LocalIndex(Path(tmp) / "index.sqlite3")
        try:
            began = time.perf_counter()
            for start in range(0, count, 100):
                await index.upsert(documents[start : start + 100])
            elapsed = time.perf_counter() - began
            size = (Path(tmp) / "index.sqlite3").stat().st_size
            print(
                f"search index: {count} documents ({characters / count:,.0f} characters each) "
                f"in {elapsed:.2f}s = {count / elapsed:,.0f} documents/s, "
                f"{size / 1024 / 1024:.1f} MB on disk"
            )
            timings = []
            hits = 0
            for query in queries(query_count):
                began = time.perf_counter()
                found = await index.search(query, top=5)
                timings.append((time.perf_counter() - began) * 1000)
                hits += len(found)
        finally:
            await index.close()
    base_index_seconds, base_timings = _bm25s_baseline(documents, queries(query_count))
    p95 = _p95(timings)
    base_p95 = _p95(base_timings)
    print(
        f"search queries (top 5 of {count}), {query_count} queries: "
        f"median {statistics.median(timings):.2f} ms, p95 {p95:.2f} ms, "
        f"max {max(timings):.2f} ms, {hits / query_count:.1f} hits per query"
    )
    print(
        f"  bm25s baseline, same stems: indexed in {base_index_seconds:.2f}s, "
        f"median {statistics.median(base_timings):.3f} ms, p95 {base_p95:.3f} ms; "
        f"local index p95 / bm25s p95 = {p95 / base_p95:.1f}x (target ≤ 10x)"
    )


def _p95(timings: list[float]) -> float:
    ordered = sorted(timings)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


def _bm25s_baseline(
    documents: list[IndexedDocument], query_texts: list[str]
) -> tuple[float, list[float]]:
    """bm25s over the same stemmed name and text, queried in process (no thread hop)."""
    import bm25s

    began = time.perf_counter()
    corpus = [terms(f"{d.name} {d.text}") for d in documents]
    retriever = bm25s.BM25()
    retriever.index(corpus, show_progress=False)
    index_seconds = time.perf_counter() - began
    timings = []
    for query in query_texts:
        wanted = [t for t in terms(query) if t in retriever.vocab_dict] or ["-"]
        began = time.perf_counter()
        if wanted != ["-"]:
            retriever.retrieve([wanted], k=5, show_progress=False)
        timings.append((time.perf_counter() - began) * 1000)
    return index_seconds, timings


def main() -> None:
    import argparse
    import asyncio

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    asyncio.run(bench_search(args.documents, args.queries))


if __name__ == "__main__":
    main()
