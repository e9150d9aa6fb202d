"""Plain text out of the documents the office keeps (.docx, .pdf, .txt), in passages.

Every passage remembers where it came from (page for PDF, paragraph number), so a
term proposed from a contract or a point summarised from a supplier's answer can be
traced back to the place in the document. Files that cannot be read raise
`UnreadableDocument` with a short reason code, so callers can list them as not read
and go on with the rest instead of failing the whole job.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import PurePosixPath
from typing import Any

log = logging.getLogger(__name__)

MAX_DOCUMENT_BYTES = 25 * 1024 * 1024
# A PDF with thousands of pages is not a supplier answer; reading it would stall a turn.
MAX_PDF_PAGES = 500
# A .docx is a zip: a few kilobytes can unpack to gigabytes of XML ("zip bomb"), and the
# XML parser needs many times that in memory. The declared sizes are checked before parsing
# (zipfile never inflates a member beyond its declared size).
MAX_UNPACKED_XML_BYTES = 50 * 1024 * 1024
# Word's XML compresses about 5-20 times; a large part inflating over 100 times is no document.
MAX_COMPRESSION_RATIO = 100
RATIO_CHECK_FROM_BYTES = 5 * 1024 * 1024
# More paragraphs than any answer or contract has; refused rather than cut, so nothing is
# silently lost.
MAX_PASSAGES = 10_000

READABLE_SUFFIXES = (".docx", ".pdf", ".txt")

_SPACE = re.compile(r"[ \t\u00a0]+")

REASONS_NB = {
    "empty": "filen er tom eller har ingen tekst",
    "broken": "filen er skadet og kan ikke åpnes",
    "encrypted": "filen er passordbeskyttet",
    "too_large": "filen er for stor",
    "unsupported": "filtypen støttes ikke (bare .docx, .pdf og .txt)",
}
REASONS_EN = {
    "empty": "the file is empty or has no text",
    "broken": "the file is damaged and cannot be opened",
    "encrypted": "the file is password-protected",
    "too_large": "the file is too large",
    "unsupported": "the file type is not supported (only .docx, .pdf and .txt)",
}


@dataclass(frozen=True)
class Passage:
    text: str
    page: int | None  # 1-based page for PDF, None for formats without pages
    paragraph: int  # 1-based; within the page for PDF, within the document otherwise

    @property
    def location(self) -> str:
        """A short place marker, `s. 2, avsn. 3` style, language-neutral: `p2 ¶3`."""
        return f"p{self.page} ¶{self.paragraph}" if self.page else f"¶{self.paragraph}"


@dataclass(frozen=True)
class DocumentText:
    name: str
    passages: tuple[Passage, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.passages)


class UnreadableDocument(Exception):
    """A document that yields no text; `reason` is one of the keys of REASONS_NB."""

    def __init__(self, name: str, reason: str, detail: str = "") -> None:
        super().__init__(f"{name}: {reason}{': ' + detail if detail else ''}")
        self.name = name
        self.reason = reason
        self.detail = detail

    def message(self, lang: str) -> str:
        reasons = REASONS_EN if lang == "en" else REASONS_NB
        return f"{self.name}: {reasons.get(self.reason, self.reason)}"


def is_readable_name(name: str) -> bool:
    return PurePosixPath(name.lower()).suffix in READABLE_SUFFIXES


def read_document(name: str, data: bytes, max_bytes: int = MAX_DOCUMENT_BYTES) -> DocumentText:
    """Passages of `data`, chosen by the file name's suffix."""
    if len(data) > max_bytes:
        raise UnreadableDocument(name, "too_large", f"{len(data)} bytes")
    if not data.strip():
        raise UnreadableDocument(name, "empty")
    suffix = PurePosixPath(name.lower()).suffix
    if suffix == ".docx":
        passages = _docx(name, data)
    elif suffix == ".pdf":
        passages = _pdf(name, data)
    elif suffix == ".txt":
        passages = _plain(decode_text(data))
    else:
        raise UnreadableDocument(name, "unsupported", suffix or "no suffix")
    return _document(name, passages)


def read_text(name: str, text: str) -> DocumentText:
    """Passages of a text already in hand (a mail body), one per paragraph."""
    return _document(name, _plain(text))


def _document(name: str, passages: list[Passage]) -> DocumentText:
    if not passages:
        raise UnreadableDocument(name, "empty")
    if len(passages) > MAX_PASSAGES:
        raise UnreadableDocument(name, "too_large", f"{len(passages)} paragraphs")
    return DocumentText(name, tuple(passages))


_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode_text(data: bytes) -> str:
    """Text of a .txt file: by its byte order mark (Notepad writes UTF-16 with one), else
    UTF-8, else the Windows code page older Norwegian editors save in."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


# Inline styles that hide an element: hidden text in a mail is a classic carrier for
# instructions aimed at an AI, and a reader never sees it. (Text coloured like its
# background is not detected.)
_HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all|"
    r"font-size\s*:\s*(?:0+(?:\.0*)?|\.0+)(?:px|pt|em|rem|%)?\s*(?:;|!|$)",
    re.IGNORECASE,
)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


class _HtmlText(HTMLParser):
    """Visible text of an HTML mail body, with block elements as paragraph breaks."""

    BLOCKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "table", "ul", "ol"})
    INVISIBLE = frozenset({"script", "style", "head", "template", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        # Open elements and whether each hides its content; an end tag closes everything
        # opened after its start tag, so a missing end tag cannot hide the rest of the mail.
        self._open: list[tuple[str, bool]] = []

    def _hidden(self) -> bool:
        return any(hides for _, hides in self._open)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS and not self._hidden():
            self.parts.append("\n\n")
        if tag in _VOID:
            return
        values = dict(attrs)
        hides = (
            tag in self.INVISIBLE
            or "hidden" in values
            or bool(_HIDDEN_STYLE.search(values.get("style") or ""))
        )
        self._open.append((tag, hides))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                break
        if tag in self.BLOCKS and not self._hidden():
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden():
            self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _plain(text: str, page: int | None = None) -> list[Passage]:
    """Paragraphs are separated by blank lines; single line breaks inside are joined."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    passages: list[Passage] = []
    for block in blocks:
        cleaned = _clean(" ".join(line.strip() for line in block.split("\n")))
        if cleaned:
            passages.append(Passage(cleaned, page, len(passages) + 1))
    return passages


def _docx(name: str, data: bytes) -> list[Passage]:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    if data[:4] == b"\xd0\xcf\x11\xe0":
        # An OLE container: how Office stores password-protected .docx files.
        raise UnreadableDocument(name, "encrypted")
    _check_unpacked_size(name, data)
    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableDocument(name, "broken", type(exc).__name__) from exc
    except Exception as exc:  # python-docx raises lxml errors on damaged XML
        log.info("could not open %s", name, exc_info=True)
        raise UnreadableDocument(name, "broken", type(exc).__name__) from exc
    texts: list[str] = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            cells = [_clean(cell.text) for cell in row.cells]
            unique = [c for i, c in enumerate(cells) if c and c not in cells[:i]]
            if unique:
                texts.append(" | ".join(unique))
    passages: list[Passage] = []
    for text in texts:
        cleaned = _clean(text)
        if cleaned:
            passages.append(Passage(cleaned, None, len(passages) + 1))
    return passages


def _check_unpacked_size(name: str, data: bytes) -> None:
    """Refuse a .docx whose parts would unpack to more than a document ever holds."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise UnreadableDocument(name, "broken", type(exc).__name__) from exc
    xml_bytes = 0
    for member in members:
        if member.filename.lower().endswith((".xml", ".rels")):
            xml_bytes += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size >= RATIO_CHECK_FROM_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise UnreadableDocument(name, "too_large", f"{member.filename} inflates {ratio:.0f}x")
    if xml_bytes > MAX_UNPACKED_XML_BYTES:
        raise UnreadableDocument(name, "too_large", f"{xml_bytes} bytes of XML unpacked")


def _pdf(name: str, data: bytes) -> list[Passage]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # An empty user password still opens many "protected" PDFs.
            try:
                if not reader.decrypt(""):
                    raise UnreadableDocument(name, "encrypted")
            except UnreadableDocument:
                raise
            except Exception as exc:
                raise UnreadableDocument(name, "encrypted", type(exc).__name__) from exc
        if len(reader.pages) > MAX_PDF_PAGES:
            raise UnreadableDocument(name, "too_large", f"{len(reader.pages)} pages")
        passages: list[Passage] = []
        for number, page in enumerate(reader.pages, start=1):
            passages.extend(_pdf_page(page, number))
    except UnreadableDocument:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise UnreadableDocument(name, "broken", type(exc).__name__) from exc
    return passages


def _pdf_page(page: Any, number: int) -> list[Passage]:
    """Paragraphs of one page, found from the layout: PDF text has no paragraphs, only
    positioned lines. A vertical gap wider than about one and a half lines, or a change
    of font size (a heading), starts a new paragraph."""
    lines: list[tuple[float, float, str]] = []  # (baseline y, font size, text)

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if not text.strip():
            return
        y = float(tm[5]) * float(cm[3]) + float(cm[5])
        height = abs(float(size) * float(tm[3])) or float(size) or 1.0
        if lines and abs(lines[-1][0] - y) < height * 0.3:
            last_y, last_size, last_text = lines[-1]
            lines[-1] = (last_y, last_size, f"{last_text}{text}")
        else:
            lines.append((y, height, text))

    raw = page.extract_text(visitor_text=visit) or ""
    if not lines:
        return _plain(raw, number)
    blocks: list[list[str]] = []
    previous: tuple[float, float] | None = None
    for y, size, text in lines:
        gap = previous[0] - y if previous else 0.0
        new = (
            previous is None
            or abs(size - previous[1]) > 0.5
            or gap > previous[1] * 1.6
            or gap < 0  # a new column or a jump up the page
        )
        if new:
            blocks.append([])
        blocks[-1].append(text.strip())
        previous = (y, size)
    passages: list[Passage] = []
    for block in blocks:
        cleaned = _clean(" ".join(block))
        if cleaned:
            passages.append(Passage(cleaned, number, len(passages) + 1))
    return passages
