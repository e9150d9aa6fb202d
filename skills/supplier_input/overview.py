"""Across suppliers: what the themes mean for the tender documents and what to follow up.

Built only from the suppliers' shared points and the themes, never from flagged passages.
"""

from __future__ import annotations

from collections.abc import Sequence

from skills.i18n import Lang, current_lang, tr
from skills.supplier_input.extractive import SupplierInput, question_label
from skills.supplier_input.model import InputSummary, SourceDocument, SupplierSummary, Theme
from skills.supplier_input.suppliers import group_by_supplier
from skills.supplier_input.text_units import Sentence
from skills.supplier_input.themes import find_themes, theme_of_question

MAX_SUPPLIER_QUESTIONS = 5


def implications(themes: Sequence[Theme], lang: Lang) -> list[str]:
    lines = []
    for theme in themes:
        if theme.differ:
            lines.append(
                tr(
                    lang,
                    "{theme}: suppliers point in different directions. The tender documents "
                    "should explain the choice and how the input was weighed.",
                    theme=theme.theme,
                )
            )
        elif theme.agree:
            lines.append(
                tr(
                    lang,
                    "{theme}: several suppliers point the same way. Consider whether the "
                    "requirements should reflect it.",
                    theme=theme.theme,
                )
            )
    return lines


def follow_up(
    questions: Sequence[str],
    suppliers: Sequence[SupplierSummary],
    asked: Sequence[tuple[str, Sequence[Sentence]]],
    lang: Lang,
) -> list[str]:
    """Questions nobody (or only some) answered, and questions the suppliers asked us."""
    lines = []
    for index, question in enumerate(questions):
        missing = [s.name for s in suppliers if s.answers and s.answers[index].answer is None]
        if missing:
            topic = question_label(question) or question
            lines.append(
                tr(
                    lang,
                    "Question {number} ({topic}) was not answered by: {names}.",
                    number=index + 1,
                    topic=topic,
                    names=", ".join(missing),
                )
            )
    raised = [(name, s) for name, found in asked for s in found if s.text.rstrip().endswith("?")][
        :MAX_SUPPLIER_QUESTIONS
    ]
    for name, sentence in raised:
        lines.append(
            tr(
                lang,
                "{name} asks: “{question}” ({source}). The answer should be shared with all "
                "suppliers.",
                name=name,
                question=sentence.text,
                source=sentence.ref.label(lang),
            )
        )
    return lines


def supplier_inputs(documents: Sequence[SourceDocument]) -> list[SupplierInput]:
    return [SupplierInput.of(identity, docs) for identity, docs in group_by_supplier(documents)]


def _answered(
    per_supplier: Sequence[tuple[str, Sequence[Sentence]]],
    suppliers: Sequence[SupplierSummary],
    questions: Sequence[str],
) -> list[dict[str, list[Sentence]]]:
    """Per supplier, per theme a question asks about, the sentences of its answer to it:
    a stance is counted from what the supplier answered, not from a passing mention."""
    topics = [theme_of_question(q) for q in questions]
    result: list[dict[str, list[Sentence]]] = []
    for (_, found), summary in zip(per_supplier, suppliers, strict=True):
        by_theme: dict[str, list[Sentence]] = {}
        for topic, answer in zip(topics, summary.answers, strict=False):
            if not topic or answer.answer is None or answer.matched_by != "label":
                continue
            refs = set(answer.answer.sources)
            text = answer.answer.text
            chosen = [s for s in found if s.ref in refs and s.text in text]
            if chosen:
                by_theme.setdefault(topic, []).extend(chosen)
        result.append(by_theme)
    return result


def assemble(
    inputs: Sequence[SupplierInput],
    suppliers: Sequence[SupplierSummary],
    questions: Sequence[str],
    dropped_points: int = 0,
) -> InputSummary:
    """The cross-supplier part, from the rules over each supplier's usable sentences."""
    lang = current_lang()
    per_supplier = [(s.identity.name, s.sentences(questions)) for s in inputs]
    themes = find_themes(per_supplier, lang, _answered(per_supplier, suppliers, questions))
    return InputSummary(
        suppliers=tuple(suppliers),
        themes=tuple(themes),
        implications=tuple(implications(themes, lang)),
        follow_up=tuple(follow_up(questions, suppliers, per_supplier, lang)),
        not_read=(),
        dropped_points=dropped_points,
    )
