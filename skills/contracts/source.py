"""Where the register comes from: the SharePoint list, read through `graph/`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph.sharepoint import SharePointGateway, SiteRef
from skills.contracts.register import Register, read_rows


async def register_from_sharepoint(
    gateway: SharePointGateway,
    site: SiteRef,
    list_name: str,
    mapping: Mapping[str, str] | None = None,
) -> Register:
    """Problems name each item by its ID, as the list shows it; the list's column titles
    decide which column is which."""
    titles = await gateway.list_columns(site, list_name)
    rows: list[tuple[int, Mapping[str, Any], str | None]] = []
    async for item in gateway.read_items(site, list_name):
        rows.append((int(item.id) if item.id.isdigit() else 0, item.fields, item.id))
    return read_rows(rows, mapping, titles, list_name, place="item")
