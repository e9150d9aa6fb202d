"""What AzureSearchIndex sends to Azure AI Search, checked at the HTTP wire."""

from __future__ import annotations

from typing import Any

import pytest
from azure.core.credentials import AccessToken, AzureKeyCredential

from skills.search.azure_index import AzureSearchIndex, decode_key, encode_key
from skills.search.model import IndexedDocument, SearchIndexError
from tests.support.fake_search import API_KEY, FakeSearch


def doc(doc_id: str, text: str, version: str = "v1") -> IndexedDocument:
    return IndexedDocument(doc_id, f"{doc_id}.docx", f"Maler/{doc_id}.docx", "u", version, text)


class StaticToken:
    async def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        return AccessToken("token", 2_000_000_000)

    async def close(self) -> None:
        return None

    async def __aenter__(self) -> StaticToken:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None


async def test_creates_the_index_once_with_a_norwegian_analyzer(fake_search: FakeSearch) -> None:
    index = AzureSearchIndex(fake_search.endpoint, "maler", AzureKeyCredential(API_KEY))
    try:
        await index.upsert([doc("a", "Kontraktene")])
        await index.search("kontrakt")
        await index.versions()
    finally:
        await index.close()
    assert len(fake_search.requests_to("GET", "/indexes('maler')")) == 1
    created = fake_search.requests_to("POST", "/indexes")
    assert len(created) == 1
    fields = {f["name"]: f for f in created[0].body["fields"]}
    assert fields["id"]["key"] is True
    assert fields["text"]["analyzer"] == "nb.microsoft" and fields["text"]["searchable"]
    assert fields["name"]["analyzer"] == "nb.microsoft"
    assert all(r.headers.get("api-key") == API_KEY for r in fake_search.requests)
    assert all("api-version" in r.query for r in fake_search.requests)


async def test_an_existing_index_is_used_as_it_is(fake_search: FakeSearch) -> None:
    first = AzureSearchIndex(fake_search.endpoint, "maler", AzureKeyCredential(API_KEY))
    await first.upsert([doc("a", "Renhold")])
    await first.close()
    second = AzureSearchIndex(fake_search.endpoint, "maler", AzureKeyCredential(API_KEY))
    try:
        assert [h.id for h in await second.search("renholdet")] == ["a"]
    finally:
        await second.close()
    assert len(fake_search.requests_to("POST", "/indexes")) == 1


async def test_upsert_delete_and_search_requests(fake_search: FakeSearch) -> None:
    index = AzureSearchIndex(fake_search.endpoint, "maler", AzureKeyCredential(API_KEY))
    try:
        await index.upsert([doc("Saker/1", "Skolemøbler"), doc("Saker/2", "Renhold")])
        await index.delete(["Saker/1"])
        hits = await index.search("renholdet -skolemøbler", top=3)
    finally:
        await index.close()
    batches = fake_search.requests_to("POST", "/docs/search.index")
    upload, delete = batches[0].body["value"], batches[1].body["value"]
    assert {a["@search.action"] for a in upload} == {"mergeOrUpload"}
    assert [decode_key(a["id"]) for a in upload] == ["Saker/1", "Saker/2"]
    assert upload[0]["version"] == "v1" and upload[0]["text"] == "Skolemøbler"
    assert delete == [{"@search.action": "delete", "id": encode_key("Saker/1")}]
    search = fake_search.requests_to("POST", "/docs/search.post.search")[-1].body
    assert search["search"] == "renholdet skolemøbler"  # operators never reach the service
    assert search["top"] == 3 and search["searchMode"] == "any"
    assert set(search["select"].split(",")) == {"id", "name", "path", "url", "version", "text"}
    assert [(h.id, h.score > 0) for h in hits] == [("Saker/2", True)]


async def test_versions_follow_the_service_paging(fake_search: FakeSearch) -> None:
    index = AzureSearchIndex(fake_search.endpoint, "maler", AzureKeyCredential(API_KEY))
    try:
        await index.upsert([doc(f"d{n}", "tekst", str(n)) for n in range(120)])
        versions = await index.versions()
    finally:
        await index.close()
    assert len(versions) == 120
    pages = fake_search.requests_to("POST", "/docs/search.post.search")
    assert [p.body.get("skip") for p in pages] == [None, 50, 100]
    assert pages[0].body["select"] == "id,version"


async def test_large_uploads_are_split_into_batches(fake_search: FakeSearch) -> None:
    index = AzureSearchIndex(fake_search.endpoint, "maler", AzureKeyCredential(API_KEY))
    try:
        await index.upsert([doc(f"d{n}", "skolemøbler " * 25_000) for n in range(10)])
    finally:
        await index.close()
    sizes = [len(r.body["value"]) for r in fake_search.requests_to("POST", "/docs/search.index")]
    assert sum(sizes) == 10 and max(sizes) < 10
    assert all(r.size < 1_000_000 for r in fake_search.requests_to("POST", "/search.index"))


async def test_a_wrong_key_is_our_error_not_the_sdks(fake_search: FakeSearch) -> None:
    index = AzureSearchIndex(fake_search.endpoint, "maler", AzureKeyCredential("wrong"))
    try:
        with pytest.raises(SearchIndexError, match="Azure AI Search"):
            await index.upsert([doc("a", "tekst")])
        with pytest.raises(SearchIndexError):
            await index.search("tekst")
    finally:
        await index.close()


def test_plain_http_is_refused_unless_a_key_goes_to_loopback() -> None:
    with pytest.raises(ValueError, match="in the clear"):
        AzureSearchIndex("http://search.example.no", "maler", AzureKeyCredential(API_KEY))
    with pytest.raises(ValueError, match="https"):
        AzureSearchIndex("http://127.0.0.1:9", "maler", StaticToken())
    with pytest.raises(ValueError, match="https"):
        AzureSearchIndex("search.example.no", "maler", AzureKeyCredential(API_KEY))


async def test_a_token_credential_is_accepted_with_https() -> None:
    index = AzureSearchIndex(
        "https://innkjop.search.windows.net", "maler", StaticToken(), analyzer="nb.lucene"
    )
    try:
        text = next(f for f in index.definition().fields if f.name == "text")
        assert text.analyzer_name == "nb.lucene" and text.searchable
    finally:
        await index.close()
