"""Summarising 50 generated supplier answers of about five pages each with the
deterministic engine: seconds and peak memory (tracemalloc)."""

from __future__ import annotations

import asyncio
import random
import time
import tracemalloc

from skills.documents.text import Passage
from skills.supplier_input.model import SourceDocument
from skills.supplier_input.summarize import summarize_input

QUESTIONS = [
    "Delkontrakter: Bør avtalen deles inn etter produktgrupper eller geografisk?",
    "Bærekraft og miljøkrav: Hvilke miljøkrav er realistiske?",
    "Prismodell: Faste enhetspriser eller rabatt på listepris?",
    "Levering og montering: Hvilke leveringstider er realistiske?",
    "Varighet og opsjoner: Er 2 + 1 + 1 år hensiktsmessig?",
]
_SENTENCES = [
    "Vi anbefaler inndeling etter produktgrupper, ikke geografi.",
    "Geografiske delkontrakter gir lokale leverandører en mulighet.",
    "Ombruk bør vektes som tildelingskriterium.",
    "Reservedeler i ti år vil øke prisene.",
    "Faste priser med årlig indeksregulering gir forutsigbarhet.",
    "Rabatt på listepris gjør det vanskelig å sammenligne tilbud.",
    "Leveringstiden er 6–8 uker, og montering er inkludert.",
    "Dagmulkt fra første dag er urimelig.",
    "Vi foreslår 2 + 1 + 1 år.",
    "Skolene trenger møbler som tåler daglig bruk i mange år.",
]
# About 3,000 characters a page, five pages, in paragraphs of three to five sentences.
PARAGRAPHS_PER_PAGE = 10


def generated_answers(count: int) -> list[SourceDocument]:
    rng = random.Random(14)
    documents = []
    for n in range(count):
        supplier = f"Møbel{chr(65 + n // 26)}{chr(97 + n % 26)} Skole AS"
        passages = [Passage(f"Innspill fra {supplier}.", 1, 1)]
        for page in range(1, 6):
            for number in range(1, PARAGRAPHS_PER_PAGE + 1):
                if number == 1 and page > 1:
                    passages.append(Passage(f"{page}. Tema {page}", page, number))
                    continue
                text = " ".join(rng.choice(_SENTENCES) for _ in range(rng.randint(3, 5)))
                passages.append(Passage(text, page, number + (1 if page == 1 else 0)))
        name = f"Innspill {n:02d}.pdf"
        documents.append(SourceDocument(name, "", tuple(passages), f"post@lev{n}.example"))
    return documents


def bench_supplier_input(count: int = 50) -> None:
    documents = generated_answers(count)
    chars = sum(len(p.text) for d in documents for p in d.passages)
    tracemalloc.start()
    started = time.perf_counter()
    summary = asyncio.run(summarize_input(documents, QUESTIONS))
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"supplier input: {count} answers ({chars / count / 1000:.1f}k chars each, "
        f"{len(summary.suppliers)} suppliers) summarised in {elapsed:.2f}s, "
        f"peak memory {peak / 1_000_000:.1f} MB"
    )


if __name__ == "__main__":
    bench_supplier_input()
