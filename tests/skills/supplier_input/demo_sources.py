"""The 2026-014 Skolemøbler dialogue from the generated demo tenant, as SourceDocuments."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from graph.localtenant.demo import generate
from skills.documents.text import read_document, read_text
from skills.supplier_input.model import SourceDocument

TODAY = date(2026, 3, 2)
MAIL_FOLDER = "Innboks/Markedsdialog/2026-014 Skolemøbler"
CASE_FOLDER = "Saker/2026-014 Skolemøbler"


def demo_tenant(root: Path) -> Path:
    generate(root, TODAY)
    return root


def _drive(root: Path) -> Path:
    return next((root / "sites").iterdir()) / "drive" / "root"


def mail_documents(root: Path) -> list[SourceDocument]:
    """Each message body and its attachments, grouped by message, as the Graph side gives them."""
    mailbox = next((root / "mailboxes").iterdir()) / MAIL_FOLDER
    documents: list[SourceDocument] = []
    for folder in sorted(mailbox.iterdir()):
        message = json.loads((folder / "message.json").read_text(encoding="utf-8"))
        sender = message["from"]["address"]
        name = f"E-post: {message['subject']}"
        url = f"https://outlook.example/mail/{message['id']}"
        body = read_text(name, message["body"])
        documents.append(SourceDocument(name, url, body.passages, sender, "mail", message["id"]))
        for file in sorted(folder.iterdir()):
            if file.name == "message.json":
                continue
            text = read_document(file.name, file.read_bytes())
            documents.append(
                SourceDocument(
                    file.name,
                    f"{url}/{file.name}",
                    text.passages,
                    sender,
                    "attachment",
                    message["id"],
                )
            )
    return documents


def case_documents(root: Path) -> list[SourceDocument]:
    """The uploaded answers and meeting notes in the case folder's Innspill sub-folder."""
    folder = _drive(root) / CASE_FOLDER / "Innspill"
    documents = []
    for file in sorted(folder.iterdir()):
        text = read_document(file.name, file.read_bytes())
        url = f"https://sharepoint.example/{CASE_FOLDER}/Innspill/{file.name}"
        documents.append(SourceDocument(file.name, url, text.passages, origin="sharepoint"))
    return documents


def invitation_path(root: Path) -> Path:
    return _drive(root) / CASE_FOLDER / "Invitasjon til markedsdialog - Skolemøbler.docx"
