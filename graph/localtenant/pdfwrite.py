"""A tiny PDF writer: Helvetica text in WinAnsiEncoding, wrapped lines, several pages.

Enough for demo documents whose text must come back out of `pypdf` intact, æøå
included. No images, no compression, no dependencies; the output is byte-for-byte
the same for the same input.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

PAGE_WIDTH = 595.0  # A4 in points
PAGE_HEIGHT = 842.0
MARGIN = 64.0

# Helvetica advance widths (per 1000 em) for the printable ASCII range 32..126 (Adobe AFM).
_ASCII_WIDTHS = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)  # fmt: skip
_OTHER_WIDTHS = {"æ": 889, "Æ": 1000, "ø": 611, "Ø": 778, "å": 556, "Å": 667, "–": 556}
_DEFAULT_WIDTH = 556
_BOLD_FACTOR = 1.08  # Helvetica-Bold is a little wider; close enough for wrapping

# Paragraph kinds: (font resource, size, leading, space before, indent).
_STYLES: dict[str, tuple[str, float, float, float, float]] = {
    "title": ("F2", 18.0, 23.0, 0.0, 0.0),
    "h1": ("F2", 13.5, 18.0, 12.0, 0.0),
    "h2": ("F2", 11.5, 15.0, 8.0, 0.0),
    "p": ("F1", 10.5, 14.0, 5.0, 0.0),
    "bullet": ("F1", 10.5, 14.0, 2.0, 14.0),
}


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Width of `text` in points at font size `size`."""
    total = 0
    for char in text:
        code = ord(char)
        if 32 <= code <= 126:
            total += _ASCII_WIDTHS[code - 32]
        else:
            total += _OTHER_WIDTHS.get(char, _DEFAULT_WIDTH)
    return total * size / 1000.0 * (_BOLD_FACTOR if bold else 1.0)


def _words(text: str) -> list[str]:
    """Words to wrap at; a lone "§" stays with the number after it."""
    words: list[str] = []
    for word in text.split():
        if words and words[-1] == "§":
            words[-1] = f"§ {word}"
        else:
            words.append(word)
    return words


def wrap(text: str, size: float, width: float, *, bold: bool = False) -> list[str]:
    """Break `text` into lines no wider than `width`; explicit newlines are kept."""
    lines: list[str] = []
    for raw in text.split("\n"):
        current = ""
        for word in _words(raw):
            candidate = f"{current} {word}" if current else word
            if current and text_width(candidate, size, bold=bold) > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    return lines


def _literal(text: str) -> bytes:
    """A PDF string literal in WinAnsiEncoding; bytes outside ASCII as octal escapes."""
    out = bytearray(b"(")
    for byte in text.encode("cp1252", errors="replace"):
        if byte in (0x28, 0x29, 0x5C):  # ( ) \
            out += b"\\" + bytes([byte])
        elif 32 <= byte <= 126:
            out.append(byte)
        else:
            out += f"\\{byte:03o}".encode("ascii")
    out += b")"
    return bytes(out)


def _info_date(moment: datetime) -> str:
    return moment.strftime("D:%Y%m%d%H%M%SZ")


class PdfDocument:
    """Collects paragraphs, lays them out on A4 pages and serialises the file."""

    def __init__(self, title: str, *, author: str = "", created: datetime | None = None) -> None:
        self.title = title
        self.author = author
        self.created = created
        self._pages: list[list[bytes]] = [[]]
        self._y = PAGE_HEIGHT - MARGIN

    @property
    def page_count(self) -> int:
        return len(self._pages)

    def _new_page(self) -> None:
        self._pages.append([])
        self._y = PAGE_HEIGHT - MARGIN

    def add(self, kind: str, text: str) -> None:
        """Add one paragraph of the given kind ("title", "h1", "h2", "p", "bullet")."""
        font, size, leading, before, indent = _STYLES[kind]
        bold = font == "F2"
        first_prefix = "\u2022 " if kind == "bullet" else ""
        lines = wrap(text, size, PAGE_WIDTH - 2 * MARGIN - indent, bold=bold)
        if self._y < PAGE_HEIGHT - MARGIN:
            self._y -= before
        # Keep a heading together with at least two lines of what follows it.
        needed = leading * (3 if kind in ("h1", "h2") else 1)
        for number, line in enumerate(lines):
            if self._y - needed < MARGIN:
                self._new_page()
            needed = leading
            self._y -= leading
            x = MARGIN + (indent - 10.0 if first_prefix and number == 0 else indent)
            shown = (first_prefix if number == 0 else "") + line
            if shown:
                self._pages[-1].append(
                    b"BT /%s %.1f Tf 1 0 0 1 %.2f %.2f Tm " % (font.encode(), size, x, self._y)
                    + _literal(shown)
                    + b" Tj ET"
                )

    def extend(self, blocks: Iterable[tuple[str, str]]) -> None:
        for kind, text in blocks:
            self.add(kind, text)

    def to_bytes(self) -> bytes:
        objects: list[bytes] = []

        def reserve() -> int:
            objects.append(b"")
            return len(objects)

        catalog, pages, regular, bold, info = (reserve() for _ in range(5))
        page_ids: list[int] = []
        for number, ops in enumerate(self._pages, start=1):
            footer = b"BT /F1 8 Tf 1 0 0 1 %.2f 36 Tm " % (PAGE_WIDTH - MARGIN - 60) + _literal(
                f"Side {number} av {len(self._pages)}"
            )
            stream = b"\n".join([*ops, footer + b" Tj ET"])
            content = reserve()
            objects[content - 1] = (
                b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
            )
            page = reserve()
            objects[page - 1] = (
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] "
                b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> /Contents %d 0 R >>"
                % (pages, PAGE_WIDTH, PAGE_HEIGHT, regular, bold, content)
            )
            page_ids.append(page)
        kids = b" ".join(b"%d 0 R" % p for p in page_ids)
        objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages
        objects[pages - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids))
        for obj, name in ((regular, b"Helvetica"), (bold, b"Helvetica-Bold")):
            objects[obj - 1] = (
                b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>" % name
            )
        meta = b"<< /Title " + _literal(self.title) + b" /Producer (graph.localtenant.pdfwrite)"
        if self.author:
            meta += b" /Author " + _literal(self.author)
        if self.created is not None:
            stamp = _literal(_info_date(self.created))
            meta += b" /CreationDate " + stamp + b" /ModDate " + stamp
        objects[info - 1] = meta + b" >>"

        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets: list[int] = []
        for number, body in enumerate(objects, start=1):
            offsets.append(len(out))
            out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        for offset in offsets:
            out += b"%010d 00000 n \n" % offset
        out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\n" % (
            len(objects) + 1,
            catalog,
            info,
        )
        out += b"startxref\n%d\n%%%%EOF\n" % xref
        return bytes(out)

    def save(self, path: Path) -> None:
        path.write_bytes(self.to_bytes())


def render_pdf(
    blocks: Iterable[tuple[str, str]],
    *,
    title: str,
    author: str = "",
    created: datetime | None = None,
) -> bytes:
    """The PDF bytes for a list of (kind, text) paragraphs."""
    document = PdfDocument(title, author=author, created=created)
    document.extend(blocks)
    return document.to_bytes()
