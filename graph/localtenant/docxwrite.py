"""Word documents from (kind, text) paragraphs, with byte-for-byte repeatable output."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from datetime import datetime

import docx

# Paragraph kinds shared with pdfwrite: title, h1, h2, p, bullet.
_HEADING_LEVELS = {"title": 0, "h1": 1, "h2": 2}


def render_docx(
    blocks: Iterable[tuple[str, str]],
    *,
    title: str,
    author: str,
    created: datetime,
) -> bytes:
    """The .docx bytes; core properties and zip timestamps come from `created`."""
    document = docx.Document()
    for kind, text in blocks:
        if kind in _HEADING_LEVELS:
            document.add_heading(text, _HEADING_LEVELS[kind])
        elif kind == "bullet":
            document.add_paragraph(text, style="List Bullet")
        elif kind == "p":
            document.add_paragraph(text)
        else:
            raise ValueError(f"unknown paragraph kind {kind!r}")
    props = document.core_properties
    props.title = title
    props.author = author
    props.last_modified_by = author
    props.created = created
    props.modified = created
    props.revision = 1
    props.language = "nb-NO"
    raw = io.BytesIO()
    document.save(raw)
    return _normalise_zip(raw.getvalue(), created)


def _normalise_zip(data: bytes, moment: datetime) -> bytes:
    """Rewrite the archive with a fixed timestamp on every member (python-docx uses now)."""
    stamp = (max(moment.year, 1980), moment.month, moment.day, moment.hour, moment.minute, 0)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(member.filename))
    return out.getvalue()
