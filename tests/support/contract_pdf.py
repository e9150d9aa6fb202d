"""Contract PDFs for tests, laid out the way word processors export them.

`ContractPdf` extends the local tenant's tiny writer (graph/localtenant/pdfwrite.py,
which already puts "Side N av M" at the foot of every page) with what signed contracts
have and plain reports do not:

- a running header line on every page ("Driftsavtale SSA-D – Rogaland fylkeskommune");
- an explicit page break;
- key-terms rows: the label at x = MARGIN and the value at x = MARGIN + 200 on the same
  baseline, each cell wrapped in its own column, a thin rule under the row;
- a paragraph forced to break across a page at a given point, so that page 1 ends with
  "… til og med" and page 2 starts "31. desember 2027.".

It uses the base class's page list and y position (`_pages`, `_y`); the base class is not
changed.
"""

from __future__ import annotations

from datetime import datetime

from graph.localtenant.pdfwrite import (
    _STYLES,
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    PdfDocument,
    _literal,
    wrap,
)

HEADER_Y = PAGE_HEIGHT - 36.0  # mirrors the base class's footer at y = 36
HEADER_SIZE = 8.0
VALUE_X = MARGIN + 200.0  # the value column of a key-terms row
ROW_SIZE = 10.5
ROW_LEADING = 13.0  # between the wrapped lines of one cell
ROW_PADDING = 9.0  # above and below a row's text, as a table cell has


class ContractPdf(PdfDocument):
    """A `PdfDocument` with a running header, page breaks, key-terms rows and forced
    breaks inside a paragraph."""

    def __init__(
        self,
        title: str,
        *,
        header: str = "",
        author: str = "",
        created: datetime | None = None,
    ) -> None:
        super().__init__(title, author=author, created=created)
        self.header = header
        self._draw_header()

    # --- pages ---------------------------------------------------------------------------

    def _draw_header(self) -> None:
        if self.header:
            self._pages[-1].append(_text_op("F1", HEADER_SIZE, MARGIN, HEADER_Y, self.header))

    def _new_page(self) -> None:
        super()._new_page()
        self._draw_header()

    def page_break(self) -> None:
        """Start a new page (Ctrl+Enter in Word), unless the current page is still empty."""
        if self._y < PAGE_HEIGHT - MARGIN:
            self._new_page()

    def lines_left(self, kind: str = "p") -> int:
        """How many more lines of `kind` fit on the current page."""
        _font, _size, leading, before, _indent = _STYLES[kind]
        room = self._y - MARGIN - (before if self._y < PAGE_HEIGHT - MARGIN else 0.0)
        return max(0, int(room // leading))

    # --- text ----------------------------------------------------------------------------

    def _lines(self, kind: str, lines: list[str], *, space_before: bool) -> None:
        font, size, leading, before, indent = _STYLES[kind]
        if space_before and self._y < PAGE_HEIGHT - MARGIN:
            self._y -= before
        for line in lines:
            if self._y - leading < MARGIN:
                self._new_page()
            self._y -= leading
            if line:
                self._pages[-1].append(_text_op(font, size, MARGIN + indent, self._y, line))

    def add_broken(self, kind: str, text: str, break_after: str) -> None:
        """One paragraph whose text continues on the next page right after `break_after`
        (its first occurrence): the first part ends the current page, the rest starts
        the next one without the space a new paragraph would get."""
        font, size, _leading, _before, indent = _STYLES[kind]
        at = text.index(break_after) + len(break_after)
        head, tail = text[:at].rstrip(), text[at:].strip()
        width = PAGE_WIDTH - 2 * MARGIN - indent
        head_lines = wrap(head, size, width, bold=font == "F2")
        if self.lines_left(kind) < len(head_lines):
            self._new_page()
        self._lines(kind, head_lines, space_before=True)
        self._new_page()
        self._lines(kind, wrap(tail, size, width, bold=font == "F2"), space_before=False)

    def key_terms_row(self, label: str, value: str, *, bold_label: bool = True) -> None:
        """A two-column table row: `label` at the left margin, `value` 200 pt to the right
        on the same baseline; a long cell wraps within its column."""
        label_font = "F2" if bold_label else "F1"
        label_lines = wrap(label, ROW_SIZE, VALUE_X - MARGIN - 10.0, bold=bold_label)
        value_lines = wrap(value, ROW_SIZE, PAGE_WIDTH - MARGIN - VALUE_X)
        rows = max(len(label_lines), len(value_lines))
        height = ROW_PADDING * 2 + ROW_LEADING * (rows - 1) + ROW_SIZE
        if self._y - height < MARGIN:
            self._new_page()
        top = self._y
        first = top - ROW_PADDING - ROW_SIZE
        ops = self._pages[-1]
        for number in range(rows):
            y = first - ROW_LEADING * number
            if number < len(label_lines) and label_lines[number]:
                ops.append(_text_op(label_font, ROW_SIZE, MARGIN, y, label_lines[number]))
            if number < len(value_lines) and value_lines[number]:
                ops.append(_text_op("F1", ROW_SIZE, VALUE_X, y, value_lines[number]))
        self._y = top - height
        ops.append(
            b"0.5 w %.2f %.2f m %.2f %.2f l S" % (MARGIN, self._y, PAGE_WIDTH - MARGIN, self._y)
        )


def _text_op(font: str, size: float, x: float, y: float, text: str) -> bytes:
    return (
        b"BT /%s %.1f Tf 1 0 0 1 %.2f %.2f Tm " % (font.encode(), size, x, y)
        + _literal(text)
        + b" Tj ET"
    )
