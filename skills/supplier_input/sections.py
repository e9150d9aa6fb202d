"""Which part of a supplier's answer answers which question, as suppliers really lay it out.

Suppliers label answers in many ways: a heading "Spørsmål 2 – Prismodell" (by text or by
Word's heading style), "Til spørsmål 5:", "Question 4 (lots)", "(spørsmål 4 og 5)" for
one paragraph that answers two questions, Word's own list numbering (the digit is not in
the text), a numbered paragraph "1. Vi meiner …", the invitation's question copied in
above the answer, or a table with the questions in one column. Each form starts a
section; the section runs until the next label or heading. The invitation's own text is
never supplier content: a copied question is a label, and a table cell left blank under
a question is an unanswered question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from skills.search.norwegian import terms
from skills.supplier_input.flags import is_heading
from skills.supplier_input.model import SourceDocument, SourceRef
from skills.supplier_input.text_units import is_boilerplate

_MONTHS = "januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember"
_NUMBERS = r"(\d{1,2}(?:\s*(?:,|og|and|&|\+|/|-|–)\s*\d{1,2})*)"
_WORD = r"(?:spørsmål|spørsmal|sporsmal|spm\.?|spurnad|question|q|punkt|pkt\.?)"
# "Spørsmål 2", "Til spørsmål 5", "Svar på spørsmål 3", "Question 4", "Spm. 1 og 2".
_LABEL = re.compile(
    rf"^\s*[(\[]?\s*(?:(?:korrigering|korrigert|rettelse|oppdatert|correction|corrected)"
    rf"(?:\s+(?:av|til|på|to|of))?\s+)?(?:(?:svar(?:et)?\s+(?:på|til|pa)|til|ad|vedr\.?|"
    rf"vedrørende|gjeld(?:ande|er)?|re|answer\s+to|reply\s+to|regarding)\s+)?"
    rf"{_WORD}\s*(?:nr\.?\s*)?{_NUMBERS}\b\s*[)\]]?",
    re.IGNORECASE,
)
# "(spørsmål 4 og 5)" or "(jf. spørsmål 2)" anywhere in a passage.
_IN_PARENTHESES = re.compile(
    rf"[(\[]\s*(?:jf\.?|se|sjå|see|cf\.?)?\s*{_WORD}\s*{_NUMBERS}\s*[)\]]", re.IGNORECASE
)
# "1. Vi meiner …", "2) Fastpris …"; a date ("1. januar 2027") is not a number.
_NUMBERED = re.compile(rf"^\s*(\d{{1,2}})\s*[.)]\s+(?!(?:{_MONTHS})\b)(?=\S)", re.IGNORECASE)
_SEPARATOR = re.compile(r"^\s*(?:[:.)\-–—]\s*)?")
_SENTENCE_END = re.compile(r"[.!?]\s*$")
_TABLE_HEADINGS = re.compile(
    r"^(spørsmål|spørsmal|question|svar|answer|leverandørens svar|svar fra leverandør|"
    r"kommentar|merknad|nr\.?|#)$",
    re.IGNORECASE,
)
_STOP = frozenset(
    terms(
        "bør hvilke hvilken hvordan hva er eller for eksempel særlig ved og vi dere kva "
        "korleis kva for what which how should would could please you your"
    )
)


@dataclass(frozen=True)
class Section:
    """What a supplier wrote for one or more questions (`numbers`, 1-based).

    `blank` marks a template cell the supplier left empty: the question is unanswered,
    whatever other text might share its words."""

    numbers: frozenset[int]
    label: str
    parts: tuple[tuple[str, SourceRef], ...]
    blank: bool = False


def numbers_in(text: str) -> frozenset[int]:
    """'4 og 5' -> {4, 5}; '2-4' -> {2, 3, 4}."""
    found: set[int] = set()
    for start, dash, end in re.findall(r"(\d{1,2})\s*([-–]?)\s*(?=(\d{1,2})?)", text):
        found.add(int(start))
        if dash and end and int(start) < int(end) <= int(start) + 10:
            found.update(range(int(start), int(end) + 1))
    return frozenset(found)


def _stems(text: str) -> set[str]:
    return {t for t in terms(text) if t not in _STOP and len(t) > 2}


@dataclass(frozen=True)
class _Question:
    number: int
    text: str
    stems: frozenset[str]
    prefixes: tuple[str, ...]  # its words, lower-cased: "copied in front of the answer"
    label: str  # "Prismodell" of "Prismodell: Hvilken …"


def _questions(questions: Sequence[str]) -> list[_Question]:
    found = []
    for number, text in enumerate(questions, start=1):
        head, sep, body = text.partition(":")
        label = head.strip() if sep and len(head) <= 60 else ""
        # The whole question, and its body when a template copies it without the label.
        whole = " ".join(re.findall(r"[^\W_]+", text.lower()))
        rest = " ".join(re.findall(r"[^\W_]+", body.lower())) if label else ""
        prefixes = tuple(p for p in (whole, rest) if len(p.split()) >= 3)
        found.append(_Question(number, text, frozenset(_stems(text)), prefixes, label))
    return found


@dataclass(frozen=True)
class _Label:
    numbers: frozenset[int]
    rest: str  # the text after the label: content when inline, a title when a heading
    heading: bool
    # A bare number ("1. …", Word's list number): a label only where the document has no
    # clearer ones, and only counting upwards (a list inside an answer starts again at 1).
    weak: bool = False


def _copied_question(text: str, questions: Sequence[_Question]) -> _Label | None:
    """The invitation's question copied in: alone (a label) or in front of the answer."""
    words = " ".join(re.findall(r"[^\W_]+", text.lower()))
    bare = re.sub(r"^(?:\d{1,2}\s+|(?:spørsmål|question)\s+\d{1,2}\s+)", "", words)
    skipped = len(words.split()) - len(bare.split())
    for question in questions:
        for prefix in question.prefixes:
            if bare.startswith(prefix):
                # Cut the question off the passage's own text (punctuation included).
                rest = _after_words(text, len(prefix.split()) + skipped)
                return _Label(frozenset({question.number}), rest, not rest)
    stems = _stems(text)
    for question in questions:
        if question.stems and len(question.stems) >= 3:
            shared = len(stems & question.stems)
            if shared >= 0.85 * len(question.stems) and len(stems) <= len(question.stems) + 2:
                return _Label(frozenset({question.number}), "", True)
    return None


def _after_words(text: str, count: int) -> str:
    matches = list(re.finditer(r"[^\W_]+", text))
    if count >= len(matches):
        return ""
    return _SEPARATOR.sub("", text[matches[count - 1].end() :].lstrip(" ?:.)–-—")).strip()


def _looks_like_heading(text: str, styled: bool) -> bool:
    return styled or is_heading(text) or (len(text.split()) <= 8 and not _SENTENCE_END.search(text))


def read_label(
    text: str, kind: str, list_number: str, questions: Sequence[_Question]
) -> _Label | None:
    """The question numbers a passage starts (or, in parentheses, names), if any."""
    count = len(questions)
    styled = kind == "heading"

    def valid(numbers: frozenset[int]) -> frozenset[int]:
        return frozenset(n for n in numbers if 1 <= n <= count) if count else numbers

    if match := _LABEL.match(text):
        numbers = valid(numbers_in(match.group(1)))
        if numbers:
            rest = _SEPARATOR.sub("", text[match.end() :]).strip()
            # "Question 4 (lots): …" and "Spørsmål 2 (Prismodell) – …": the title goes.
            titled = re.match(r"^[(\[][^)\]]{1,60}[)\]]\s*", rest)
            if titled:
                rest = _SEPARATOR.sub("", rest[titled.end() :]).strip()
            heading = styled or not rest or _looks_like_heading(rest, False)
            return _Label(numbers, rest, heading)
    copied = _copied_question(text, questions)
    if copied is not None:
        return copied
    if match := _IN_PARENTHESES.search(text):
        numbers = valid(numbers_in(match.group(1)))
        if numbers:
            rest = (text[: match.start()] + text[match.end() :]).strip()
            heading = _looks_like_heading(rest, styled)
            return _Label(numbers, "" if heading else _SEPARATOR.sub("", rest), heading)
    if styled or is_heading(text):
        # A heading with a question's own label ("Prismodell", "Om varighet") names it.
        key = text.strip().rstrip(":").lower()
        for question in questions:
            if question.label and question.label.lower() == key:
                return _Label(frozenset({question.number}), "", True)
        stems = _stems(text)
        named = [q.number for q in questions if q.label and _stems(q.label) & stems]
        if len(named) == 1 and len(text.split()) <= 6:
            return _Label(frozenset(named), "", True)
    if match := _NUMBERED.match(text):
        numbers = valid(frozenset({int(match.group(1))}))
        if numbers:
            rest = text[match.end() :].strip()
            title, sep, after = rest.partition(":")
            if sep and len(title.split()) <= 4 and after.strip():
                return _Label(numbers, after.strip(), False, weak=True)
            return _Label(numbers, rest, _looks_like_heading(rest, styled), weak=True)
    if list_number and list_number.isdigit():
        numbers = valid(frozenset({int(list_number)}))
        if numbers:
            return _Label(numbers, text, _looks_like_heading(text, styled), weak=True)
    return None


def _row_section(
    cells: Sequence[str], ref: SourceRef, questions: Sequence[_Question]
) -> Section | None:
    """A template row: the question (or its number) in one cell, the answer in the others."""
    for index, cell in enumerate(cells):
        if not cell:
            continue
        label = read_label(cell, "", "", questions)
        if label is None and cell.strip().rstrip(".").isdigit():
            number = int(cell.strip().rstrip("."))
            if 1 <= number <= len(questions):
                label = _Label(frozenset({number}), "", True)
        if label is None:
            continue
        others = [
            c for i, c in enumerate(cells) if i != index and c and not _TABLE_HEADINGS.match(c)
        ]
        others = [c for c in others if read_label(c, "", "", questions) is None]
        if label.rest and not label.heading:
            others.insert(0, label.rest)
        if not others:
            return Section(label.numbers, "", (), blank=True)
        return Section(label.numbers, "", tuple((c, ref) for c in others))
    return None


def answer_sections(
    documents: Sequence[SourceDocument],
    usable: Sequence[Sequence[bool]],
    questions: Sequence[str],
) -> list[Section]:
    """Every labelled answer in the supplier's documents, in document order."""
    known = _questions(questions)
    found: list[Section] = []
    for document, keep in zip(documents, usable, strict=True):
        current: tuple[frozenset[int], str, list[tuple[str, SourceRef]]] | None = None

        def close() -> None:
            nonlocal current
            if current is not None:
                found.append(Section(current[0], current[1], tuple(current[2])))
            current = None

        labels = [
            read_label(p.text, p.kind, p.number, known) if p.kind != "row" else None
            for p in document.passages
        ]
        clear = any(label is not None and not label.weak for label in labels)
        last_weak = 0
        for passage, ok, label in zip(document.passages, keep, labels, strict=True):
            ref = document.ref(passage)
            if passage.kind == "row":
                close()
                row = _row_section(passage.cells, ref, known)
                if row is not None and (ok or row.blank):
                    found.append(row if ok else Section(row.numbers, "", (), True))
                continue
            if label is not None and label.weak:
                number = min(label.numbers)
                counts_up = number > last_weak
                if (clear and not label.heading) or not counts_up:
                    label = None  # a numbered list inside an answer
                else:
                    last_weak = number
            if label is not None:
                close()
                current = (label.numbers, label.rest if label.heading else "", [])
                if not label.heading and ok and label.rest:
                    current[2].append((label.rest, ref))
                continue
            # A line without a full stop right under a label is its answer ("Seks uker"),
            # and a long line is a sentence broken by a page, not a heading.
            plain_heading = is_heading(passage.text) and (
                current is None or (bool(current[2]) and len(passage.text.split()) <= 6)
            )
            if passage.kind == "heading" or plain_heading or is_boilerplate(passage.text):
                close()
                continue
            # Under a label even a short answer counts ("Nei.", "Seks uker").
            if current is not None and ok and passage.text.strip():
                current[2].append((passage.text, ref))
        close()
    return [s for s in found if s.parts or s.blank]


def without_invitation_cells(
    documents: Sequence[SourceDocument], questions: Sequence[str]
) -> list[SourceDocument]:
    """The documents with each template row reduced to the supplier's own cells, so a
    question copied into a table is never read as the supplier's words."""
    known = _questions(questions)
    cleaned = []
    for document in documents:
        passages = []
        for passage in document.passages:
            if passage.kind == "row":
                row = _row_section(passage.cells, document.ref(passage), known)
                if row is not None:
                    passage = replace(passage, text=" ".join(text for text, _ in row.parts))
            passages.append(passage)
        cleaned.append(replace(document, passages=tuple(passages)))
    return cleaned


def invitation_passages(
    documents: Sequence[SourceDocument], questions: Sequence[str]
) -> list[list[bool]]:
    """True for passages that are the invitation's own text (a question copied in, alone):
    never the supplier's content."""
    known = _questions(questions)
    marks: list[list[bool]] = []
    for document in documents:
        row: list[bool] = []
        for passage in document.passages:
            copied = _copied_question(passage.text, known) if passage.kind != "row" else None
            row.append(copied is not None and not copied.rest)
        marks.append(row)
    return marks
