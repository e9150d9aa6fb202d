"""Summarise supplier input: group documents per supplier, flag by rules, then summarise
with the deterministic engine or a chat model.

The flags (business secrets, prompt injection) always come from the rules in `flags`,
whichever engine writes the points.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from skills.i18n import current_lang
from skills.supplier_input.extractive import summarize_supplier
from skills.supplier_input.model import InputSummary, NotRead, SourceDocument
from skills.supplier_input.overview import assemble, supplier_inputs

__all__ = [
    "ExtractiveSummarizer",
    "Summarizer",
    "summarize_input",
    "supplier_inputs",
]
# The model engine (and Semantic Kernel under it) is imported only where a model is
# configured: `skills.supplier_input.model_engine.ModelSummarizer`. Importing Semantic
# Kernel costs seconds, which the command line and the offline engine never need.


class Summarizer(Protocol):
    async def summarize(
        self, documents: Sequence[SourceDocument], questions: Sequence[str]
    ) -> InputSummary: ...


class ExtractiveSummarizer:
    """The deterministic engine: no model, the same output for the same input."""

    async def summarize(
        self, documents: Sequence[SourceDocument], questions: Sequence[str]
    ) -> InputSummary:
        lang = current_lang()
        inputs = supplier_inputs(documents)
        suppliers = [summarize_supplier(s, questions, lang) for s in inputs]
        return assemble(inputs, suppliers, questions)


async def summarize_input(
    documents: Sequence[SourceDocument],
    questions: Sequence[str],
    *,
    not_read: Sequence[NotRead] = (),
    summarizer: Summarizer | None = None,
) -> InputSummary:
    engine = summarizer or ExtractiveSummarizer()
    summary = await engine.summarize(documents, questions)
    return InputSummary(
        suppliers=summary.suppliers,
        themes=summary.themes,
        implications=summary.implications,
        follow_up=summary.follow_up,
        not_read=(*summary.not_read, *not_read),
        dropped_points=summary.dropped_points,
    )
