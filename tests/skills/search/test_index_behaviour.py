"""What every document index must do, run against the local index and Azure AI Search."""

from __future__ import annotations

import pytest

from skills.search.model import DocumentIndex, IndexedDocument


def doc(doc_id: str, text: str, name: str = "", version: str = "v1") -> IndexedDocument:
    return IndexedDocument(
        id=doc_id,
        name=name or f"{doc_id}.docx",
        path=f"Saker/{doc_id}.docx",
        url=f"https://innkjop.example.no/Delte dokumenter/Saker/{doc_id}.docx",
        version=version,
        text=text,
    )


CORPUS = [
    doc("a", "Denne kontrakt gjelder renhold av skolebygg."),
    doc("b", "Invitasjon til dialogkonferanse om skolemøbler til videregående skoler."),
    doc("c", "Leverandørene inviteres til en-til-en-møter om elevtransport med buss."),
    doc("d", "Kontraktene for IKT-drift fornyes. Kontrakter skal følges opp, kontrakten signeres."),
]


async def test_plural_query_finds_singular_and_the_other_way_round(index: DocumentIndex) -> None:
    await index.upsert(CORPUS)
    assert "a" in [h.id for h in await index.search("kontrakter")]
    await index.upsert([doc("e", "Alle kontraktene ble evaluert.")])
    found = [h.id for h in await index.search("kontrakt")]
    assert "e" in found and "a" in found
    assert "b" not in found and "c" not in found


async def test_definite_plural_compound_finds_indefinite_plural(index: DocumentIndex) -> None:
    await index.upsert(CORPUS)
    hits = await index.search("skolemøblene")
    assert [h.id for h in hits] == ["b"]
    assert hits[0].name == "b.docx" and hits[0].path == "Saker/b.docx"
    assert hits[0].url.endswith("/Saker/b.docx") and "dialogkonferanse" in hits[0].text


async def test_the_most_relevant_document_comes_first(index: DocumentIndex) -> None:
    await index.upsert(CORPUS)
    hits = await index.search("kontrakt for IKT-drift")
    assert hits[0].id == "d"
    assert hits[0].score > hits[1].score
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


async def test_top_limits_the_hits(index: DocumentIndex) -> None:
    await index.upsert([doc(f"n{n}", f"Markedsdialog nummer {n} om møbler.") for n in range(8)])
    assert len(await index.search("møbler", top=3)) == 3
    assert len(await index.search("møbler")) == 5
    with pytest.raises(ValueError):
        await index.search("møbler", top=0)


async def test_upsert_replaces_and_versions_track_it(index: DocumentIndex) -> None:
    await index.upsert(CORPUS)
    assert await index.versions() == {"a": "v1", "b": "v1", "c": "v1", "d": "v1"}
    await index.upsert([doc("a", "Nå handler dokumentet om snøbrøyting.", version="v2")])
    assert (await index.versions())["a"] == "v2"
    assert [h.id for h in await index.search("snøbrøyting")] == ["a"]
    assert "a" not in [h.id for h in await index.search("renhold")]


async def test_deleted_documents_leave_the_index(index: DocumentIndex) -> None:
    await index.upsert(CORPUS)
    await index.delete(["b", "unknown-id"])
    assert "b" not in await index.versions()
    assert await index.search("skolemøbler") == []


async def test_ids_and_queries_with_odd_characters_are_data(index: DocumentIndex) -> None:
    odd = doc("01ABC!/ø:=+?", 'Tilbud "IKT" - (drift) OR NOT * | ~ renhold')
    await index.upsert([odd])
    assert set(await index.versions()) == {"01ABC!/ø:=+?"}
    hits = await index.search('"IKT" -drift OR NOT * | (renhold')
    assert [h.id for h in hits] == ["01ABC!/ø:=+?"]
    assert await index.search("og i på") == []
    assert await index.search("   ") == []


async def test_many_documents_are_listed_across_pages(index: DocumentIndex) -> None:
    await index.upsert([doc(f"m{n:03d}", f"Dokument {n}.", version=str(n)) for n in range(120)])
    versions = await index.versions()
    assert len(versions) == 120 and versions["m119"] == "119"
