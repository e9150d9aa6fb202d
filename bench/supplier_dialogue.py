"""Supplier answers put under the right question: the deterministic engine against a plain
BM25 baseline, on a generated dialogue whose ground truth is known.

Each supplier answers five questions in one of the forms suppliers use (headings,
"Til spørsmål N:", numbered paragraphs, "(spørsmål 4 og 5)", English "Question N (…)",
an answer template table, or unlabelled prose), leaves some questions unanswered, and
writes the company-profile and closing sentences real answers have, several of which
share words with the questions. Each answer carries one key phrase.

- engine: `summarize_input` (labels first, BM25 fallback marked "by content");
- baseline: for each supplier and question, the two sentences of the supplier's own text
  that BM25 ranks best for the question (about the same length as the engine's answers).

Printed per engine: key points found under the right question, answers given where the
supplier gave none (invented), and seconds; plus the CLI's start-up time beside a bare
`python -c pass`.

    .venv/bin/python -m bench.supplier_dialogue [--suppliers 40]
"""

from __future__ import annotations

import argparse
import asyncio
import io
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from skills.documents.text import read_document, read_text  # noqa: E402
from skills.supplier_input.bm25 import bm25_scores  # noqa: E402
from skills.supplier_input.model import SourceDocument  # noqa: E402
from skills.supplier_input.summarize import summarize_input  # noqa: E402
from skills.supplier_input.text_units import sentences  # noqa: E402

QUESTIONS = [
    "Delkontrakter: Bør avtalen deles i delkontrakter etter geografi eller etter produktgruppe?",
    "Prismodell: Hvilken prismodell anbefaler dere?",
    "Leveringstid: Hvilken leveringstid er realistisk for større bestillinger?",
    "Miljøkrav: Hvilke miljøkrav er realistiske å stille til møblene?",
    "Avtaleperiode: Hvor lang bør avtaleperioden være, med opsjoner?",
]
# Per question: (answer sentence with {key}, keys to draw from).
ANSWERS = [
    ("Vi anbefaler {key}, slik at flere leverandører kan delta.",
     ["delkontrakter etter produktgrupper", "geografiske delkontrakter nord og sør",
      "én samlet kontrakt uten delkontrakter", "egen delkontrakt for spesialrom"]),
    ("Vår anbefaling er {key} gjennom hele perioden.",
     ["fastpris per produkt", "rabatt på listepris", "indeksregulert fastpris",
      "timepris for montering"]),
    ("For større bestillinger er {key} realistisk i skolesesongen.",
     ["fire uker leveringstid", "seks uker leveringstid", "åtte uker leveringstid",
      "tre uker leveringstid"]),
    ("Et realistisk nivå er {key} for alle produktgrupper.",
     ["Svanemerket eller tilsvarende", "Möbelfakta-sertifisering", "reservedeler i ti år",
      "krav om ombruk av deler av volumet"]),
    ("Vi foreslår {key} for avtalen.",
     ["to år med opsjon på ett pluss ett år", "fire år inkludert opsjoner",
      "tre år med opsjon på ett år", "to pluss to år"]),
]  # fmt: skip
FILLER = [
    "Vi har levert skolemøbler til kommuner i hele regionen i over tjue år.",
    "Vi har egne montører og lager i flere byer, og leverer til skoler over hele landet.",
    "Prisene våre er konkurransedyktige, og vi tilbyr gratis frakt på store bestillinger.",
    "Miljø er viktig for oss, og vi jobber kontinuerlig med å redusere utslipp.",
    "Vi ser fram til en god dialog og deltar gjerne på et møte.",
    "Avtalen med fylkeskommunen har vært viktig for oss i mange år.",
]
FORMS = ("heading", "til", "numbered", "paren", "english", "table", "prose")
EN = [
    "We recommend {key}.",
    "Our recommendation is {key}.",
    "For larger orders {key} is realistic.",
    "A realistic level is {key}.",
    "We propose {key}.",
]


_FIRST = ["Nord", "Vest", "Fjord", "Kyst", "Skole", "Stol", "Bord", "Lys", "Berg", "Dal"]
_SECOND = ["Møbler", "Inventar", "Interiør", "Kontor", "Innredning"]


def _name(n: int) -> str:
    """A company name as the texts write it (no digits: real firm names have none)."""
    first = _FIRST[n % len(_FIRST)]
    second = _SECOND[(n // len(_FIRST)) % len(_SECOND)]
    return f"{first} {second} {chr(65 + n // 50)}{'' if n < 50 else ''} AS".replace(" A AS", " AS")


def _supplier(n: int, rng: random.Random) -> tuple[list[SourceDocument], list[str | None]]:
    form = FORMS[n % len(FORMS)]
    keys: list[str | None] = []
    for number in range(5):
        answered = rng.random() > 0.2
        keys.append(rng.choice(ANSWERS[number][1]) if answered else None)
    name = _name(n)
    filler = rng.sample(FILLER, 3)
    texts: list[str] = [f"Innspill fra {name}", filler[0], filler[1]]
    if form == "table":
        import docx

        document = docx.Document()
        document.add_paragraph(f"Svarskjema fra {name}")
        document.add_paragraph(filler[0])
        table = document.add_table(rows=1, cols=2)
        table.rows[0].cells[0].text = "Spørsmål"
        table.rows[0].cells[1].text = "Svar"
        for number, key in enumerate(keys):
            cells = table.add_row().cells
            cells[0].text = QUESTIONS[number]
            cells[1].text = ANSWERS[number][0].format(key=key) if key else ""
        raw = io.BytesIO()
        document.save(raw)
        passages = read_document("svar.docx", raw.getvalue()).passages
        return [SourceDocument(f"{name}.docx", "", passages, group=name)], keys
    for number, key in enumerate(keys, start=1):
        if key is None:
            continue
        sentence = (
            EN[number - 1].format(key=key)
            if form == "english"
            else ANSWERS[number - 1][0].format(key=key)
        )
        if form == "heading":
            texts += [f"Spørsmål {number} – {QUESTIONS[number - 1].split(':')[0]}", sentence]
        elif form == "til":
            texts.append(f"Til spørsmål {number}: {sentence}")
        elif form == "numbered":
            texts.append(f"{number}. {sentence}")
        elif form == "paren":
            texts.append(f"{QUESTIONS[number - 1].split(':')[0]} (spørsmål {number})")
            texts.append(sentence)
        elif form == "english":
            texts.append(f"Question {number} ({QUESTIONS[number - 1].split(':')[0]}): {sentence}")
        else:
            texts.append(sentence)
    texts += [filler[2], "Med vennlig hilsen", f"{name}"]
    passages = read_text(f"{name}.txt", "\n\n".join(texts)).passages
    return [SourceDocument(f"{name}.txt", "", passages, group=name)], keys


def _score(cells: list[tuple[str | None, str | None]]) -> tuple[int, int, int]:
    """(key points under the right question, answers where none was given, key points)."""
    found = invented = total = 0
    for key, answer in cells:
        if key is None:
            invented += answer is not None
            continue
        total += 1
        found += answer is not None and key.lower() in answer.lower()
    return found, invented, total


def _baseline(documents: list[SourceDocument]) -> list[str | None]:
    units = [s for d in documents for p in d.passages for s in sentences(p.text)]
    answers: list[str | None] = []
    for question in QUESTIONS:
        scores = bm25_scores(question, units)
        ranked = sorted(range(len(units)), key=lambda i: -scores[i])[:2]
        chosen = [units[i] for i in sorted(ranked) if scores[i] > 0]
        answers.append(" ".join(chosen) or None)
    return answers


def bench_supplier_dialogue(suppliers: int = 40) -> None:
    rng = random.Random(7)
    generated = [_supplier(n, rng) for n in range(suppliers)]
    documents = [d for docs, _ in generated for d in docs]
    began = time.perf_counter()
    summary = asyncio.run(summarize_input(documents, QUESTIONS))
    engine_seconds = time.perf_counter() - began
    by_name = {s.name: s for s in summary.suppliers}
    engine_cells = []
    baseline_cells = []
    began = time.perf_counter()
    baseline = [_baseline(docs) for docs, _ in generated]
    baseline_seconds = time.perf_counter() - began
    for n, (_, keys) in enumerate(generated):
        found = by_name.get(_name(n))
        answers = [a.answer.text if a.answer else None for a in found.answers] if found else []
        answers += [None] * (5 - len(answers))
        engine_cells += list(zip(keys, answers, strict=True))
        baseline_cells += list(zip(keys, baseline[n], strict=True))
    for label, cells, seconds in (
        ("engine", engine_cells, engine_seconds),
        ("BM25 baseline", baseline_cells, baseline_seconds),
    ):
        hits, invented, total = _score(cells)
        print(
            f"supplier dialogue, {label}: {hits}/{total} key points under the right question, "
            f"{invented} answers invented for unanswered questions, {seconds:.2f}s "
            f"({suppliers} suppliers)"
        )
    cli = _startup([sys.executable, "-m", "skills.supplier_input", "--help"])
    bare = _startup([sys.executable, "-c", "pass"])
    print(
        f"supplier input CLI start-up: {cli:.2f}s beside a bare interpreter {bare:.2f}s "
        f"({cli / bare:.1f}x)"
    )


def _startup(command: list[str], runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(command, cwd=ROOT, capture_output=True, check=True)
        best = min(best, time.perf_counter() - began)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.supplier_dialogue")
    parser.add_argument("--suppliers", type=int, default=40)
    args = parser.parse_args()
    bench_supplier_dialogue(args.suppliers)


if __name__ == "__main__":
    main()
