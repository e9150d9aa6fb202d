"""SharePoint through msgraph-sdk against the running local tenant."""

from __future__ import annotations

import os

import pytest
from msgraph.graph_service_client import GraphServiceClient

from graph.errors import ForbiddenError, NotFoundError
from graph.sharepoint import SharePointGateway
from tests.support.tenant import SITE_ID, TenantProcess

pytestmark = pytest.mark.timeout(120)


async def test_resolve_site_by_host_and_path(client: GraphServiceClient) -> None:
    site = await SharePointGateway(client).resolve_site("innkjop.example.no", "/sites/innkjop")
    assert site.id == SITE_ID and site.name == "Felles innkjøp"
    assert site.drive_id.startswith("b!drv-")


@pytest.mark.items(2500)
async def test_register_read_in_pages_then_delta_sees_one_change(
    client: GraphServiceClient, tenant: TenantProcess
) -> None:
    gateway = SharePointGateway(client)
    site = await gateway.resolve_site("innkjop.example.no", "/sites/innkjop")
    tenant.admin("POST", "stats/reset")

    items = [item async for item in gateway.read_items(site, "kontraktsregister", page_size=999)]
    assert len(items) == 2500 and len({i.id for i in items}) == 2500
    assert items[41].fields["kontrakt_id"] == "2026-00042"
    assert tenant.requests_made() == 3  # 999 + 999 + 502

    first = await gateway.delta(site, "kontraktsregister")
    assert len(first.items) == 2500 and first.delta_link and first.requests == 3

    updated = await gateway.update_fields(site, "kontraktsregister", "42", {"slutt": "2028-06-30"})
    assert updated["slutt"] == "2028-06-30"

    tenant.admin("POST", "stats/reset")
    second = await gateway.delta(site, "kontraktsregister", first.delta_link)
    assert [(i.id, i.fields["slutt"]) for i in second.items] == [("42", "2028-06-30")]
    assert tenant.requests_made() == 1 and second.delta_link

    third = await gateway.delta(site, "kontraktsregister", second.delta_link)
    assert third.items == []


async def test_unknown_field_update_is_an_invalid_request(client: GraphServiceClient) -> None:
    from graph.errors import InvalidRequestError

    gateway = SharePointGateway(client)
    site = await gateway.resolve_site("innkjop.example.no", "/sites/innkjop")
    with pytest.raises(InvalidRequestError, match="not recognized"):
        await gateway.update_fields(site, "kontraktsregister", "1", {"nope": "x"})


async def test_large_upload_goes_through_an_upload_session(
    client: GraphServiceClient, tenant: TenantProcess
) -> None:
    gateway = SharePointGateway(client)
    site = await gateway.resolve_site("innkjop.example.no", "/sites/innkjop")
    content = os.urandom(10 * 1024 * 1024)
    tenant.admin("POST", "stats/reset")
    entry = await gateway.upload(site, "Saker/2026-014 Skolemøbler", "Stor fil.bin", content)
    assert entry.size == len(content) and entry.name == "Stor fil.bin"
    stats = tenant.admin("GET", "stats")["byRoute"]
    assert any("createUploadSession" in route for route in stats)
    assert await gateway.download(site, entry.id) == content

    names = {e.name async for e in gateway.list_folder(site, "Saker/2026-014 Skolemøbler")}
    assert names == {"Notat.txt", "Stor fil.bin"}


async def test_small_upload_and_paged_folder_listing(
    client: GraphServiceClient, tenant: TenantProcess
) -> None:
    gateway = SharePointGateway(client)
    site = await gateway.resolve_site("innkjop.example.no", "/sites/innkjop")
    for n in range(7):
        await gateway.upload(site, "Saker/Ny sak", f"fil-{n}.txt", f"innhold {n}".encode())
    tenant.admin("POST", "stats/reset")
    entries = [e async for e in gateway.list_folder(site, "Saker/Ny sak", page_size=3)]
    assert [e.name for e in entries] == [f"fil-{n}.txt" for n in range(7)]
    assert tenant.requests_made() == 3
    assert await gateway.download(site, entries[4].id) == b"innhold 4"


async def test_delete_item_removes_a_file_and_then_it_is_not_found(
    client: GraphServiceClient, tenant: TenantProcess
) -> None:
    gateway = SharePointGateway(client)
    site = await gateway.resolve_site("innkjop.example.no", "/sites/innkjop")
    kept = await gateway.upload(site, "Saker/Ny sak", "behold.txt", b"behold")
    gone = await gateway.upload(site, "Saker/Ny sak", "slett.txt", b"slett")
    await gateway.delete_item(site, gone.id)
    names = [e.name async for e in gateway.list_folder(site, "Saker/Ny sak")]
    assert names == ["behold.txt"]
    assert not (tenant.data / "sites" / SITE_ID / "drive/root/Saker/Ny sak/slett.txt").exists()
    with pytest.raises(NotFoundError):
        await gateway.download(site, gone.id)
    with pytest.raises(NotFoundError):
        await gateway.delete_item(site, gone.id)
    assert await gateway.download(site, kept.id) == b"behold"


async def test_throttling_is_retried_honouring_retry_after(
    client: GraphServiceClient, tenant: TenantProcess
) -> None:
    gateway = SharePointGateway(client)
    site = await gateway.resolve_site("innkjop.example.no", "/sites/innkjop")
    tenant.admin("POST", "faults", {"path": "/items$", "status": 429, "retryAfter": 1})
    tenant.admin("POST", "faults", {"path": "/items$", "status": 503, "retryAfter": 1})
    tenant.admin("POST", "stats/reset")
    items = [i async for i in gateway.read_items(site, "kontraktsregister")]
    assert len(items) == 25
    assert tenant.requests_made() == 3  # 429, 503, then the answer


async def test_forbidden_names_the_missing_permission(
    client: GraphServiceClient, tenant: TenantProcess
) -> None:
    gateway = SharePointGateway(client)
    tenant.admin("POST", "faults", {"path": "^/sites/", "status": 403})
    with pytest.raises(ForbiddenError) as caught:
        await gateway.resolve_site("innkjop.example.no", "/sites/innkjop")
    assert "Sites.Selected" in caught.value.permission
    assert "Sites.Selected" in str(caught.value)


async def test_missing_site_is_not_found(client: GraphServiceClient) -> None:
    with pytest.raises(NotFoundError):
        await SharePointGateway(client).resolve_site("innkjop.example.no", "/sites/finnesikke")


async def test_slow_responses_are_waited_for(
    client: GraphServiceClient, tenant: TenantProcess
) -> None:
    import time

    gateway = SharePointGateway(client)
    tenant.admin("POST", "faults", {"path": "^/sites/", "status": 200, "delaySeconds": 0.6})
    began = time.perf_counter()
    site = await gateway.resolve_site("innkjop.example.no", "/sites/innkjop")
    assert site.id == SITE_ID and time.perf_counter() - began >= 0.6
