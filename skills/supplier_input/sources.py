"""Supplier input as `SourceDocument`s: mails (.eml) with their attachments, files, folders,
and the questions the invitation asked.

Anything that cannot be read becomes a `NotRead` with the reason code of
`skills.documents.text`, so one damaged attachment never stops the summary.
"""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import parseaddr, parsedate_to_datetime
from pathlib import Path

from skills.documents.text import (
    MAX_DOCUMENT_BYTES,
    Passage,
    UnreadableDocument,
    html_to_text,
    is_readable_name,
    read_document,
    read_text,
)
from skills.supplier_input.model import NotRead, SourceDocument

FOLDER_SUFFIXES = (".eml", ".docx", ".pdf", ".txt")

_NUMBERED = re.compile(r"^\s*(?:spørsmål\s+|question\s+)?(\d{1,2})\s*[.):]\s*(.+)$", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-*•–]|\d{1,2}\s*[.):])\s*")
_QUESTION_HEADINGS = re.compile(
    r"(ønsker\s+innspill|ber\s+om\s+innspill|spørsmål\s+til\s+markedet|spørsmålene|"
    r"input\s+we\s+(?:would\s+like|want|are\s+looking)|questions)",
    re.IGNORECASE,
)


# Where a reply's quoted mail begins: the invitation quoted below an answer is not the
# supplier's text.
_QUOTE_START = re.compile(
    r"^\s*(?:-{2,}\s*(?:original message|opprinnelig melding|videresendt melding|"
    r"forwarded message|opphavleg melding)\s*-{2,}|"
    r"(?:fra|from|frå)\s*:\s*.+\n\s*(?:sendt|sent|dato|date)\s*:|"
    r"(?:den|on)\s.{5,80}(?:skrev|wrote)\s*:)",
    re.IGNORECASE | re.MULTILINE,
)


def own_words(body: str) -> str:
    """A mail body without the mail it replies to: quoted lines (">") and everything from
    the quoted header ("Fra: … Sendt:", "-----Opprinnelig melding-----") on."""
    match = _QUOTE_START.search(body)
    if match:
        body = body[: match.start()]
    return "\n".join(line for line in body.splitlines() if not line.lstrip().startswith(">"))


def _body_text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    content = part.get_content()
    text = content if isinstance(content, str) else ""
    if "\ufffd" in text and part.get_content_charset() is None:
        # 8-bit text sent without a charset: UTF-8 if it is that, else Windows-1252.
        raw = part.get_payload(decode=True)
        if isinstance(raw, bytes):
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text = raw.decode("cp1252", errors="replace")
    # The same reader as mail through Graph: hidden elements (an injection carrier) are dropped.
    return own_words(html_to_text(text) if part.get_content_type() == "text/html" else text)


def read_eml(name: str, data: bytes) -> tuple[list[SourceDocument], list[NotRead]]:
    """The mail body and its .docx/.pdf/.txt attachments, all in one group (named `name`)."""
    documents: list[SourceDocument] = []
    not_read: list[NotRead] = []
    if len(data) > MAX_DOCUMENT_BYTES:
        return [], [NotRead(name, "too_large")]
    if not data.strip():
        return [], [NotRead(name, "empty")]
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage) or not message.keys():
        return [], [NotRead(name, "broken")]
    sender = parseaddr(str(message.get("From", "")))[1].lower()
    sent = _sent(message)
    subject = str(message.get("Subject", ""))
    body_text = ""
    try:
        body_text = _body_text(message)
        body = read_text(name, body_text)
        documents.append(
            SourceDocument(name, "", body.passages, sender, "mail", name, sent, subject)
        )
    except UnreadableDocument:
        pass  # a mail with only attachments is normal
    except (LookupError, ValueError):
        not_read.append(NotRead(name, "broken"))
    # Pictures shown inside the mail (a signature's logo) are no answer; a forwarded mail
    # is read as one.
    attachments = [
        part
        for part in message.iter_attachments()
        if not (
            part.get_content_maintype() == "image"
            and (part.get_content_disposition() == "inline" or part["Content-ID"])
        )
    ]
    if not attachments and refers_to_attachment(body_text):
        not_read.append(NotRead(name, "missing_attachment"))
    for part in attachments:
        if part.get_content_type() == "message/rfc822":
            inner = part.get_payload(0) if part.is_multipart() else None
            if isinstance(inner, EmailMessage):
                forwarded, missing = read_eml(f"{name} (videresendt)", bytes(inner))
                documents += [replace(d, group=name) for d in forwarded]
                not_read += missing
            continue
        filename = part.get_filename() or "vedlegg"
        if not is_readable_name(filename):
            not_read.append(NotRead(filename, "unsupported"))
            continue
        try:
            payload = part.get_payload(decode=True)
            raw = payload if isinstance(payload, bytes) else b""
            text = read_document(filename, raw)
        except UnreadableDocument as exc:
            not_read.append(NotRead(filename, exc.reason))
            continue
        passages, scanned = readable_part(filename, text.passages)
        not_read += scanned
        documents.append(
            SourceDocument(filename, "", passages, sender, "attachment", name, sent, subject)
        )
    if not documents and not not_read:
        not_read.append(NotRead(name, "empty"))
    return documents, not_read


_ATTACHMENT_CUES = re.compile(
    r"\b(se\s+vedlegg|sjå\s+vedlegg|i\s+vedlegg(?:et)?|vedlagt|vedlagde?|vedlegget|"
    r"vedlagt\s+følger|please\s+find\s+attached|see\s+(?:the\s+)?attach\w*|attached)\b",
    re.IGNORECASE,
)


def refers_to_attachment(body: str) -> bool:
    """The mail says its answer is attached ("se vedlegg", "vedlagt følger", "attached")."""
    return bool(_ATTACHMENT_CUES.search(body))


def _sent(message: EmailMessage) -> datetime | None:
    try:
        stamp = parsedate_to_datetime(str(message.get("Date", "")))
    except (TypeError, ValueError, IndexError):
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def readable_part(
    name: str, passages: Sequence[Passage]
) -> tuple[tuple[Passage, ...], list[NotRead]]:
    """The passages that hold text, and a `NotRead` naming the scanned pages that could not
    be read (no OCR installed) in a PDF whose other pages have text."""
    pages = [p.page for p in passages if p.kind == "unread"]
    kept = tuple(p for p in passages if p.kind != "unread")
    if not pages:
        return kept, []
    where = ", ".join(str(page) for page in pages)
    return kept, [NotRead(f"{name} (s. {where})", "scanned")]


def _read_file(path: Path, label: str, group: str) -> tuple[list[SourceDocument], list[NotRead]]:
    try:
        data = path.read_bytes()
    except OSError:
        return [], [NotRead(label, "broken")]
    if path.suffix.lower() == ".eml":
        docs, missing = read_eml(label, data)
        url = path.resolve().as_uri()
        docs = [replace(d, url=url, group=group or d.group) for d in docs]
        return docs, missing
    try:
        text = read_document(label, data)
    except UnreadableDocument as exc:
        return [], [NotRead(label, exc.reason)]
    passages, scanned = readable_part(label, text.passages)
    return [SourceDocument(label, path.resolve().as_uri(), passages, group=group)], scanned


def load_folder(path: Path) -> tuple[list[SourceDocument], list[NotRead]]:
    """Every readable file below `path`. A sub-folder holds one supplier's files (one group);
    a file at the top is one supplier's answer of its own."""
    documents: list[SourceDocument] = []
    not_read: list[NotRead] = []
    for entry in sorted(path.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            files = sorted(
                p for p in entry.rglob("*") if p.is_file() and not p.name.startswith(".")
            )
            group = entry.name
        else:
            files, group = [entry], ""
        for file in files:
            label = file.relative_to(path).as_posix()
            if file.suffix.lower() not in FOLDER_SUFFIXES:
                not_read.append(NotRead(label, "unsupported"))
                continue
            docs, missing = _read_file(file, label, group)
            documents += docs
            not_read += missing
    return documents, not_read


def questions_from_text(text: str) -> list[str]:
    """One question per non-empty line; a leading number or bullet is dropped."""
    questions = []
    for line in text.splitlines():
        cleaned = _BULLET.sub("", line, count=1).strip()
        if cleaned:
            questions.append(cleaned)
    return questions


def questions_from_invitation(passages: Sequence[Passage]) -> list[str]:
    """The numbered questions following the heading that asks for input
    ("Hva vi ønsker innspill på"); the list ends at the first passage that is not numbered."""
    questions: list[str] = []
    in_section = False
    for passage in passages:
        text = passage.text.strip()
        numbered = _NUMBERED.match(text)
        if not in_section:
            in_section = len(text) <= 80 and bool(_QUESTION_HEADINGS.search(text))
            continue
        if numbered:
            questions.append(numbered.group(2).strip())
        elif questions:
            break
    return questions
