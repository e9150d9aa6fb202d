"""An invitation never overwrites a file of the same name in the case folder."""

from __future__ import annotations

from collections.abc import AsyncIterator
from types import SimpleNamespace
from typing import Any

from graph.errors import NotFoundError
from skills.cases import match_cases
from skills.market_dialogue.plugin import MarketDialoguePlugin


class Library:
    def __init__(self, names: list[str] | None) -> None:
        self.names = names

    async def list_folder(self, site: Any, folder: str) -> AsyncIterator[Any]:
        if self.names is None:
            raise NotFoundError(f"{folder} not found")
        for name in self.names:
            yield SimpleNamespace(name=name, is_folder=False, id=name)

    async def download(self, site: Any, item_id: str) -> bytes:
        return b"a file a person made"  # not the assistant's draft: never overwritten


async def free(names: list[str] | None, name: str) -> str:
    plugin: Any = SimpleNamespace(_sharepoint=Library(names))
    site: Any = None  # the stand-in library ignores the site
    return await MarketDialoguePlugin._free_name(plugin, site, "Saker/2026-014 Skolemøbler", name)


async def test_a_taken_name_gets_the_next_number_and_a_new_folder_none() -> None:
    name = "Invitasjon til markedsdialog - Skolemøbler.docx"
    assert await free([], name) == name
    assert await free(None, name) == name
    assert await free([name], name) == "Invitasjon til markedsdialog - Skolemøbler (2).docx"
    taken = [name.upper(), "Invitasjon til markedsdialog - Skolemøbler (2).docx"]
    assert await free(taken, name) == "Invitasjon til markedsdialog - Skolemøbler (3).docx"


def test_a_title_names_the_existing_case_without_its_generic_words() -> None:
    folders = ["2026-014 Skolemøbler", "2025-022 IKT-driftstjenester", "2025-031 Renhold"]
    assert match_cases("Rammeavtale for skolemøbler", folders) == ["2026-014 Skolemøbler"]
    assert match_cases("Markedsdialog om kantinedrift", folders) == []
