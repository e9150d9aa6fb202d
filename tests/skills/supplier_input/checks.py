"""Checks every supplier-input test makes on a summary."""

from __future__ import annotations

from collections.abc import Sequence

from skills.search.norwegian import words
from skills.supplier_input.flags import passage_exists
from skills.supplier_input.model import InputSummary, Point, SourceDocument, SourceRef


def every_point(summary: InputSummary) -> list[Point]:
    points: list[Point] = []
    for supplier in summary.suppliers:
        points += supplier.shared_points()
        points += [*supplier.confidential, *supplier.injection_flags]
    return points


def cited_text(ref: SourceRef, documents: Sequence[SourceDocument]) -> str:
    """The text of the passage `ref` points to; fails when it does not exist."""
    document = next((d for d in documents if d.name == ref.document), None)
    assert document is not None, f"no document {ref.document}"
    passage = passage_exists(document, ref.page, ref.paragraph)
    assert passage is not None, f"no passage {ref.label()}"
    return passage.text


def assert_sources_exist(
    summary: InputSummary, documents: Sequence[SourceDocument], *, extractive: bool = True
) -> None:
    """Every cited passage exists; for extractive points, every word of the point is in the
    passages it cites (the point is taken from them, not made up)."""
    for point in every_point(summary):
        assert point.sources
        texts = [cited_text(ref, documents) for ref in point.sources]
        if extractive and not point.text.startswith(("Merket", "Teksten", "Marked", "The text")):
            cited = set(words(" ".join(texts)))
            assert set(words(point.text)) <= cited, point.text
    for theme in summary.themes:
        for ref in theme.sources:
            cited_text(ref, documents)
