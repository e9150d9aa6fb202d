"""The shapes of the demo input: suppliers, e-mails with attachments, library documents."""

from __future__ import annotations

from dataclasses import dataclass

from graph.localtenant.demo_texts import Block
from graph.localtenant.orgnr import make_orgnr, spaced

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"

_ASCII = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "é": "e"})


@dataclass(frozen=True)
class Supplier:
    name: str
    domain: str
    person: str
    title: str

    @property
    def orgnr(self) -> str:
        return make_orgnr(self.name)

    @property
    def address(self) -> str:
        parts = self.person.lower().translate(_ASCII).split()
        return f"{parts[0]}.{parts[-1]}@{self.domain}"

    def signature(self) -> list[str]:
        return [
            "Med vennlig hilsen",
            self.person,
            self.title,
            self.name,
            f"Org.nr. {spaced(self.orgnr)}",
        ]

    def signature_blocks(self) -> list[Block]:
        return [
            ("p", "Med vennlig hilsen"),
            ("p", f"{self.person}, {self.title.lower()}"),
            ("p", f"{self.name}, org.nr. {spaced(self.orgnr)}"),
        ]


@dataclass(frozen=True)
class Attachment:
    name: str  # file name, ends with .docx or .pdf
    title: str
    blocks: tuple[Block, ...]

    @property
    def content_type(self) -> str:
        return PDF if self.name.endswith(".pdf") else DOCX


@dataclass(frozen=True)
class Message:
    id: str
    folder: str  # mailbox folder path, "/"-separated
    subject: str
    sender: Supplier
    days_ago: int
    body: str
    attachments: tuple[Attachment, ...] = ()


def body(*paragraphs: str, sender: Supplier) -> str:
    return "\n\n".join([*paragraphs, "\n".join(sender.signature())]) + "\n"


@dataclass(frozen=True)
class Document:
    """A file in the document library: path below the drive root, title and paragraphs."""

    path: str
    title: str
    blocks: tuple[Block, ...]
