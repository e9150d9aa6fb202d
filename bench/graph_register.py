"""Reading a 10,000-row contract register from the local tenant through msgraph-sdk."""

from __future__ import annotations

import math
import tempfile
import time
from pathlib import Path

from graph.client import build_graph_client, close_graph_client
from graph.settings import GraphSettings
from graph.sharepoint import SharePointGateway
from tests.support.tenant import TOKEN, TenantProcess, write_tenant


async def bench_register(rows: int = 10_000, page_size: int = 999) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "tenant"
        data.mkdir()
        write_tenant(data, rows)
        tenant = TenantProcess(data).start()
        client = build_graph_client(GraphSettings(local_url=tenant.url, local_token=TOKEN))
        try:
            gateway = SharePointGateway(client)
            site = await gateway.resolve_site("innkjop.example.no", "/sites/innkjop")

            tenant.admin("POST", "stats/reset")
            began = time.perf_counter()
            count = sum([1 async for _ in gateway.read_items(site, "kontraktsregister", page_size)])
            elapsed = time.perf_counter() - began
            requests = tenant.requests_made()
            print(
                f"register read: {count} items, {requests} requests "
                f"(pages needed: {math.ceil(rows / page_size)}), {elapsed:.2f}s, "
                f"{count / elapsed:,.0f} items/s"
            )

            first = await gateway.delta(site, "kontraktsregister", page_size=page_size)
            await gateway.update_fields(site, "kontraktsregister", "7", {"slutt": "2029-01-31"})
            tenant.admin("POST", "stats/reset")
            began = time.perf_counter()
            changes = await gateway.delta(site, "kontraktsregister", first.delta_link)
            elapsed = time.perf_counter() - began
            print(
                f"delta sync after one change: {len(changes.items)} item(s), "
                f"{tenant.requests_made()} request(s), {elapsed * 1000:.1f} ms"
            )
        finally:
            await close_graph_client(client)
            tenant.stop()
