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
from collections.abc import Iterator
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from pathlib import PurePosixPath
from typing import Any

from skills.i18n import N_, Lang, tr

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

REASONS = {
    "empty": N_("the file is empty or has no text"),
    "broken": N_("the file is damaged and cannot be opened"),
    "encrypted": N_("the file is password-protected"),
    "too_large": N_("the file is too large"),
    "unsupported": N_("the file type is not supported (only .docx, .pdf and .txt)"),
    "scanned": N_("a scanned document without text: it needs OCR (Tesseract is not installed)"),
    "missing_attachment": N_("the mail refers to an attachment that is not there"),
    "attachments_unavailable": N_("its attachments could not be fetched from Microsoft 365"),
}


def reason_text(reason: str, lang: Lang) -> str:
    """Why a file was not read, in the reader's language (an unknown reason as given)."""
    return tr(lang, REASONS[reason]) if reason in REASONS else reason


@dataclass(frozen=True)
class Passage:
    text: str
    page: int | None  # 1-based page for PDF, None for formats without pages
    paragraph: int  # 1-based; within the page for PDF, within the document otherwise
    # What Word knows and the text does not say: "heading" for a heading style, "row" for
    # a table row (its cells in `cells`), "" otherwise; `number` is the list number Word
    # shows in front of the paragraph ("3" for the third item), which is not in the text.
    kind: str = ""
    number: str = ""
    cells: tuple[str, ...] = ()

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
    """A document that yields no text; `reason` is one of the keys of REASONS."""

    def __init__(self, name: str, reason: str, detail: str = "") -> None:
        super().__init__(f"{name}: {reason}{': ' + detail if detail else ''}")
        self.name = name
        self.reason = reason
        self.detail = detail

    def message(self, lang: Lang) -> str:
        return f"{self.name}: {reason_text(self.reason, lang)}"


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
    """Paragraphs are separated by blank lines; single line breaks inside are joined,
    except in a block of short lines without sentence punctuation (a signature or an
    address: name, title, company, org. no.), where each line is a passage of its own."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    passages: list[Passage] = []
    for block in blocks:
        lines = [_clean(line) for line in block.split("\n") if _clean(line)]
        if _is_line_block(lines):
            passages.extend(
                Passage(line, page, len(passages) + n) for n, line in enumerate(lines, 1)
            )
            continue
        cleaned = _clean(" ".join(lines))
        if cleaned:
            passages.append(Passage(cleaned, page, len(passages) + 1))
    return passages


def _is_line_block(lines: list[str]) -> bool:
    return len(lines) >= 2 and all(
        len(line.split()) <= 6 and not line.endswith((".", "?", "!", ",")) for line in lines
    )


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
    return _docx_passages(document)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


def _xml_text(element: Any) -> str:
    """The text of a paragraph or cell as Word shows it, including what python-docx's
    `.text` leaves out: content controls (a date picker in a template), fields, tracked
    insertions. Deleted text (`w:delText`) is not shown, so it is not read."""
    parts: list[str] = []
    # A text box is stored twice (a drawing and a fallback for old readers): read it once.
    fallback = {id(n) for box in element.iter(f"{_MC}Fallback") for n in box.iter()}
    for node in element.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}p"):
        if id(node) in fallback:
            continue
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}p":
            if parts:
                parts.append("\n")
        else:
            parts.append(" " if node.tag == f"{_W}tab" else "\n")
    return "".join(parts)


def _body_blocks(document: Any) -> Iterator[Any]:
    """Paragraphs and tables in reading order, also those inside block-level content
    controls (`w:sdt`), which python-docx's `iter_inner_content` skips."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    body = document.element.body

    def walk(parent: Any) -> Iterator[Any]:
        for child in parent.iterchildren():
            if child.tag == f"{_W}p":
                yield Paragraph(child, document._body)
            elif child.tag == f"{_W}tbl":
                yield Table(child, document._body)
            elif child.tag == f"{_W}sdt":
                content = child.find(f"{_W}sdtContent")
                if content is not None:
                    yield from walk(content)

    yield from walk(body)


def _docx_passages(document: Any) -> list[Passage]:
    """Paragraphs and table rows in the order they stand in the document."""
    from docx.table import Table

    numbering = _ListNumbers(document)
    passages: list[Passage] = []
    for block in _body_blocks(document):
        if isinstance(block, Table):
            for row in block.rows:
                cells = tuple(_clean(_xml_text(cell._tc)) for cell in row.cells)
                unique = tuple(c for i, c in enumerate(cells) if c not in cells[:i] or not c)
                text = " | ".join(c for c in unique if c)
                if text:
                    passages.append(Passage(text, None, len(passages) + 1, "row", "", unique))
            continue
        cleaned = _clean(_xml_text(block._p))
        number = numbering.number_of(block)
        if cleaned:
            kind = "heading" if _is_heading_style(block) else ""
            passages.append(Passage(cleaned, None, len(passages) + 1, kind, number))
    return passages


def _is_heading_style(paragraph: Any) -> bool:
    """Word's built-in headings (`Heading 1`, localised `Overskrift 1`) and the title."""
    style = paragraph.style
    name = (getattr(style, "name", "") or "").lower()
    style_id = (getattr(style, "style_id", "") or "").lower()
    return name.startswith(("heading", "overskrift", "title", "tittel")) or style_id.startswith(
        ("heading", "overskrift")
    )


class _ListNumbers:
    """The numbers Word renders in front of numbered paragraphs, from the document's
    numbering definitions: a decimal list item gets 1, 2, 3 … per list (and level),
    whether the numbering is on the paragraph or on its style (numbered headings)."""

    _W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def __init__(self, document: Any) -> None:
        self._formats: dict[tuple[str, int], str] = {}
        self._starts: dict[tuple[str, int], int] = {}
        self._counters: dict[tuple[str, int], int] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        w = self._W
        abstract: dict[str, dict[int, tuple[str, int]]] = {}
        for node in root.findall(f"{w}abstractNum"):
            levels: dict[int, tuple[str, int]] = {}
            for level in node.findall(f"{w}lvl"):
                fmt = level.find(f"{w}numFmt")
                start = level.find(f"{w}start")
                levels[int(level.get(f"{w}ilvl", "0"))] = (
                    fmt.get(f"{w}val", "") if fmt is not None else "",
                    int(start.get(f"{w}val", "1")) if start is not None else 1,
                )
            abstract[node.get(f"{w}abstractNumId", "")] = levels
        for num in root.findall(f"{w}num"):
            ref = num.find(f"{w}abstractNumId")
            levels = abstract.get(ref.get(f"{w}val", "") if ref is not None else "", {})
            for ilvl, (fmt, start) in levels.items():
                key = (num.get(f"{w}numId", ""), ilvl)
                self._formats[key] = fmt
                self._starts[key] = start

    def _num_pr(self, paragraph: Any) -> tuple[str, int] | None:
        w = self._W
        for owner in (paragraph._p.pPr, getattr(paragraph.style, "element", None)):
            if owner is None:
                continue
            ppr = owner if owner.tag == f"{w}pPr" else owner.find(f"{w}pPr")
            num_pr = ppr.find(f"{w}numPr") if ppr is not None else None
            if num_pr is None:
                continue
            num_id = num_pr.find(f"{w}numId")
            ilvl = num_pr.find(f"{w}ilvl")
            if num_id is None:
                return None
            return num_id.get(f"{w}val", ""), int(
                ilvl.get(f"{w}val", "0")
            ) if ilvl is not None else 0
        return None

    def number_of(self, paragraph: Any) -> str:
        if not self._formats:
            return ""
        found = self._num_pr(paragraph)
        if found is None or found[0] == "0":
            return ""
        num_id, ilvl = found
        fmt = self._formats.get((num_id, ilvl), "")
        count = self._counters.get((num_id, ilvl), self._starts.get((num_id, ilvl), 1) - 1) + 1
        self._counters[(num_id, ilvl)] = count
        for deeper in [k for k in self._counters if k[0] == num_id and k[1] > ilvl]:
            del self._counters[deeper]
        return str(count) if fmt in ("decimal", "decimalZero") else ""


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
        pages = [_pdf_page(page, number) for number, page in enumerate(reader.pages, start=1)]
        scanned = [
            number
            for number, (page, found) in enumerate(zip(reader.pages, pages, strict=True), start=1)
            if not found and _has_images(page)
        ]
    except UnreadableDocument:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise UnreadableDocument(name, "broken", type(exc).__name__) from exc
    if scanned:
        read = ocr_pages(data, scanned)
        if read is None and not any(pages):
            raise UnreadableDocument(name, "scanned", f"{len(scanned)} pages")
        if read is None:
            # Some pages have text, the scanned ones cannot be read here: say so in place.
            for number in scanned:
                pages[number - 1] = [Passage(SCANNED_PAGE, number, 1, "unread")]
        for number, text in (read or {}).items():
            pages[number - 1] = [
                Passage(p.text, number, p.paragraph, "ocr")
                for p in _plain(_OCR_BREAKS.sub(r"\n\n\1", text), number)
            ]
    return _joined_across_pages(_without_running_lines(pages))


_SENTENCE_END = (".", "!", "?", ":", ";")


def _joined_across_pages(pages: list[list[Passage]]) -> list[Passage]:
    """Passages in reading order, with a sentence that a page break cut in two joined
    again ("… til og med" | "31. desember 2027."): the last passage of a page ends
    without punctuation and the next page goes on with a small letter or a number. It is
    cited where it begins."""
    out: list[Passage] = []
    for page in pages:
        for index, passage in enumerate(page):
            previous = out[-1] if out else None
            if (
                index == 0
                and previous is not None
                and previous.page is not None
                and passage.page == previous.page + 1
                and not previous.kind
                and not passage.kind
                and not previous.text.endswith(_SENTENCE_END)
                and passage.text[:1].isalnum()
                and not passage.text[:1].isupper()
            ):
                out[-1] = replace(previous, text=f"{previous.text} {passage.text}")
                continue
            out.append(passage)
    return out


def _has_images(page: Any) -> bool:
    try:
        resources = page.get("/Resources") or {}
        objects = resources.get("/XObject") or {}
        return any(objects[key].get_object().get("/Subtype") == "/Image" for key in objects)
    except Exception:  # a damaged resource dictionary: no images we can use
        return False


_DIGITS = re.compile(r"\d+")
_NAMES_FIRM = re.compile(r"org\.?\s*n(?:r|ummer)|\bMVA\b", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^(?:side|page|s\.|p\.)?\s*#\s*(?:(?:av|of|/)\s*#)?$")
# OCR output loses paragraph spacing: a numbered or labelled line starts a paragraph.
_OCR_BREAKS = re.compile(r"\n(\s*(?:\d{1,2}\s*[.)]\s|spørsmål\s*\d|question\s*\d))", re.IGNORECASE)


def _without_running_lines(pages: list[list[Passage]]) -> list[list[Passage]]:
    """Drop page headers and footers: a passage among the first or last two of a page
    whose text (numbers aside: "Side 2 av 5") recurs there on most pages. Left in, a
    running header splits an answer that continues onto the next page. A one-page
    document loses only its page number line ("Side 1 av 1")."""
    if len(pages) < 2:
        return [
            [
                p
                for i, p in enumerate(page)
                if not (i < 2 or i >= len(page) - 2)
                or not _PAGE_NUMBER.match(_DIGITS.sub("#", p.text.lower()))
            ]
            for page in pages
        ]

    def edges(page: list[Passage]) -> list[Passage]:
        return page[:2] + page[-2:] if len(page) > 4 else page

    exact: dict[str, int] = {}
    numbered: dict[str, int] = {}
    for page in pages:
        for key in {p.text.lower() for p in edges(page)}:
            exact[key] = exact.get(key, 0) + 1
        for key in {_DIGITS.sub("#", p.text.lower()) for p in edges(page)}:
            numbered[key] = numbered.get(key, 0) + 1
    # The same words on three pages in five; with only the numbers changing ("Side 2 av
    # 5"), on four in five and at least three pages, so "Spørsmål 1" and "Spørsmål 2"
    # at the top of two pages stay.
    same = {k for k, n in exact.items() if n >= max(2, -(-len(pages) * 3 // 5))}
    renumbered = {
        k
        for k, n in numbered.items()
        if "#" in k and (n >= max(3, -(-len(pages) * 4 // 5)) or (_PAGE_NUMBER.match(k) and n >= 2))
    }
    if not same and not renumbered:
        return pages
    kept = []
    for number, page in enumerate(pages):
        at_edge = {id(p) for p in edges(page)}
        kept.append(
            [
                p
                for p in page
                if id(p) not in at_edge
                or (
                    p.text.lower() not in same
                    and _DIGITS.sub("#", p.text.lower()) not in renumbered
                )
                # A running line that names the firm ("… AS, org.nr. …") is kept once: it
                # may be the only place the document says who wrote it.
                or (number == 0 and _NAMES_FIRM.search(p.text) is not None)
            ]
        )
    return kept


def ocr_available() -> bool:
    """Tesseract with Norwegian data, and poppler's pdftoppm to render pages."""
    import shutil
    import subprocess

    if not (shutil.which("tesseract") and shutil.which("pdftoppm")):
        return False
    try:
        found = subprocess.run(
            ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return "nor" in found.stdout.split()


OCR_SECONDS_PER_PAGE = 60
# Stands in for a scanned page that OCR could not read (Tesseract missing).
SCANNED_PAGE = "[skannet side uten tekst: trenger OCR]"


def ocr_pages(data: bytes, numbers: list[int]) -> dict[int, str] | None:
    """Text of the scanned pages `numbers` by Tesseract (Norwegian, then English), or None
    when OCR is not installed. Pages are rendered at 300 dpi by pdftoppm."""
    import subprocess
    import tempfile
    from pathlib import Path

    if not ocr_available():
        return None
    found: dict[int, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "in.pdf"
        pdf.write_bytes(data)
        for number in numbers:
            image = Path(tmp) / f"p{number}"
            try:
                subprocess.run(
                    ["pdftoppm", "-r", "300", "-gray", "-png", "-singlefile",
                     "-f", str(number), "-l", str(number), str(pdf), str(image)],
                    capture_output=True, timeout=OCR_SECONDS_PER_PAGE, check=True,
                )  # fmt: skip
                result = subprocess.run(
                    ["tesseract", f"{image}.png", "stdout", "-l", "nor+eng", "--psm", "4"],
                    capture_output=True, timeout=OCR_SECONDS_PER_PAGE, check=True,
                )  # fmt: skip
            except (OSError, subprocess.SubprocessError):
                log.warning("OCR failed on page %d", number, exc_info=True)
                continue
            found[number] = result.stdout.decode("utf-8", errors="replace")
    return found


# A chunk of text that starts this many font sizes after where the previous chunk on the
# same line would end (estimated at half an em per character) is in the next table cell.
_CELL_GAP_EM = 3.0
_EM_PER_CHAR = 0.5


@dataclass
class _PdfLine:
    y: float
    size: float
    cells: list[str]
    end_x: float  # estimated x where the line's text ends so far
    starts: list[float]  # x where each cell begins

    @property
    def is_row(self) -> bool:
        return len([c for c in self.cells if c.strip()]) >= 2


def _pdf_page(page: Any, number: int) -> list[Passage]:
    """Paragraphs of one page, found from the layout: PDF text has no paragraphs, only
    positioned lines. A vertical gap wider than about one and a half lines, or a change
    of font size (a heading), starts a new paragraph. A line whose text stands in
    columns far apart (a key-terms table: "Løpetid" … "2 år") is a table row of its own,
    with its cells, as a .docx table row is."""
    lines: list[_PdfLine] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if not text.strip():
            return
        y = float(tm[5]) * float(cm[3]) + float(cm[5])
        x = float(tm[4]) * float(cm[0]) + float(cm[4])
        height = abs(float(size) * float(tm[3])) or float(size) or 1.0
        width = len(text) * height * _EM_PER_CHAR
        if lines and abs(lines[-1].y - y) < height * 0.3:
            line = lines[-1]
            if x - line.end_x > height * _CELL_GAP_EM:
                line.cells.append(text)
                line.starts.append(x)
            else:
                line.cells[-1] += text
            line.end_x = max(line.end_x, x + width)
        else:
            lines.append(_PdfLine(y, height, [text], x + width, [x]))

    raw = page.extract_text(visitor_text=visit) or ""
    if not lines:
        return _plain(raw, number)
    blocks: list[list[_PdfLine]] = []
    previous: _PdfLine | None = None
    for line in lines:
        gap = previous.y - line.y if previous else 0.0
        row = line.is_row
        if (
            previous is not None
            and previous.is_row
            and not row
            and 0 < gap <= previous.size * 1.6
            and abs(line.starts[0] - previous.starts[-1]) < previous.size
        ):
            # A value that wraps onto the next line under its own column belongs to the
            # row's last cell ("Opsjoner | … forlengelse av avtalen i" / "inntil 1 + 1 år").
            previous.cells[-1] = f"{previous.cells[-1].rstrip()} {line.cells[0].strip()}"
            previous.y = line.y
            continue
        if (
            previous is not None
            and previous.is_row
            and row
            and len(line.cells) == len(previous.cells)
            and 0 < gap <= previous.size * 1.6
            and all(
                abs(a - b) < previous.size
                for a, b in zip(line.starts, previous.starts, strict=True)
            )
            and all(c.strip()[:1].islower() or c.strip()[:1].isdigit() for c in line.cells)
        ):
            # Label and value both wrap: each cell goes on under its own column.
            previous.cells = [
                f"{a.rstrip()} {b.strip()}" for a, b in zip(previous.cells, line.cells, strict=True)
            ]
            previous.y = line.y
            continue
        new = (
            previous is None
            or row
            or previous.is_row
            or abs(line.size - previous.size) > 0.5
            or gap > previous.size * 1.6
            or gap < 0  # a new column or a jump up the page
        )
        if new:
            blocks.append([])
        blocks[-1].append(line)
        previous = line
    passages: list[Passage] = []
    for block in blocks:
        cells = tuple(_clean(c) for c in block[0].cells if _clean(c))
        if len(block) == 1 and len(cells) >= 2:
            passages.append(Passage(" | ".join(cells), number, len(passages) + 1, "row", "", cells))
            continue
        cleaned = _clean(" ".join(" ".join(line.cells).strip() for line in block))
        if cleaned:
            passages.append(Passage(cleaned, number, len(passages) + 1))
    return passages
