"""The procurement plan from Teams, end to end in the local loop: the demo register and
spend (DEMO_TODAY 2026-11-25) through msgraph-sdk, the card with its images and buttons,
the plan saved to the SharePoint list only on a press, a person's edit in the list kept
by the next save, and an entry marked started."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from msgraph.graph_service_client import GraphServiceClient

from graph.sharepoint import SharePointGateway
from tests.support.cards import card_errors
from tests.support.procs import BotProcess
from tests.support.teams import TeamsClient, card_elements, card_of, card_texts
from tests.support.tenant import TenantProcess, tenant_env

SITE = ("innkjop.example.no", "/sites/innkjop")


@pytest.fixture
def bot(tmp_path: Path, tenant: TenantProcess) -> Iterator[BotProcess]:
    env = tenant_env(tenant, REMINDER_INTERVAL_SECONDS="0", PLAN_CALENDAR_EVENTS="ja",
                     SPEND_DB=str(tmp_path / "spend.duckdb"))  # fmt: skip
    process = BotProcess(tmp_path, env)
    process.start()
    try:
        yield process
    finally:
        process.stop()


async def _items(graph: GraphServiceClient) -> list[Any]:
    sharepoint = SharePointGateway(graph)
    site = await sharepoint.resolve_site(*SITE)
    return [i async for i in sharepoint.read_items(site, "Anskaffelsesplan")]


async def _plan_events(graph: GraphServiceClient, user: str) -> list[Any]:
    found = await graph.users.by_user_id(user).events.get()
    return [
        e for e in (found.value if found and found.value else [])
        if (e.subject or "").startswith("Start the procurement: ")
    ]  # fmt: skip


async def test_plan_card_save_keeps_a_persons_edit_and_marks_started(
    bot: BotProcess, tenant: TenantProcess, teams: TeamsClient, graph: GraphServiceClient
) -> None:
    start = len(teams.events)
    await teams.custom_activity(teams.personal_activity("anskaffelsesplan 2027"))

    def plan_card(event: dict[str, Any]) -> bool:
        card = card_of(event)
        return card is not None and "Anskaffelsesplan 2027" in card_texts(card)

    event = await teams.wait_for(plan_card, within=120, start=start)
    card = card_of(event) or {}
    assert card_errors([card]) == [[]]
    texts = card_texts(card)
    assert any(t.startswith("Oppføringer: ") for t in texts)
    # The demo's courses in Østfjord (1 620 000) and Nordvik (360 000) have no contract:
    # 1 980 000 a year is over the national threshold, so the plan proposes one.
    assert "Ny avtale: Kurs og opplæring (Kurs og opplæring)" in texts
    # The entry a person made in the list is part of the plan (its work starts in the
    # third quarter), and overdue work is listed first.
    assert "2027 K3: 1 skal starte (1 lagt inn manuelt)" in texts
    assert "Kaffe- og vannautomater med service (mat og drikke)" in texts
    assert "for sent: arbeidet burde allerede ha startet" in texts
    images = [e for e in card_elements(card) if e.get("type") == "Image"]
    assert len(images) == 2  # the timeline and the portfolio matrix
    # Nothing is written before a person presses the button.
    assert len(await _items(graph)) == 1
    # "Start markedsdialog" opens the market-dialogue form, filled from the entry.
    start_button = next(
        e for e in card_elements(card)
        if e.get("verb") == "market_dialogue.start" and e["data"].get("contract_id")
    )  # fmt: skip
    status, body = await teams.invoke(
        teams.personal_chat, event["message"]["messageId"], "market_dialogue.start",
        start_button["data"],
    )  # fmt: skip
    assert status == 200, body
    form = body["value"]
    assert card_texts(form)[0] == "Market-dialogue invitation"
    filled = {e["id"]: e.get("value") for e in card_elements(form) if "id" in e}
    # The first entry with buttons (the overdue coffee machines): its title, and the need
    # written from its contract in the register.
    assert filled["title"] == "Kaffe- og vannautomater med service"
    assert "utløper endelig" in str(filled["need"])
    save = next(a for a in card.get("actions", []) if a.get("verb") == "plan.save")
    assert save["title"].startswith("Lagre planen i SharePoint (")
    message_id = event["message"]["messageId"]

    status, body = await teams.invoke(teams.personal_chat, message_id, "plan.save", {})
    assert status == 200, body
    saved = card_texts(body["value"])[0]
    assert saved.startswith("Saved the plan in SharePoint: ") and " 0 updated" in saved
    assert saved.endswith(" starts put in calendars.")
    events_before = await _plan_events(graph, "lars.berg@innkjop.example.no")
    assert events_before and all(e.is_all_day for e in events_before)
    items = await _items(graph)
    created = [i for i in items if i.fields.get("kilde_id")]
    assert len(created) == len(items) - 1 >= 10
    assert {i.fields["status"] for i in created} == {"planlagt"}
    assert any(i.fields["kilde_id"] == "analyse:kurs og opplæring" for i in created)

    # A person gives one entry to Marte in SharePoint.
    chosen = next(i for i in created if i.fields["kilde_id"].startswith("kontrakt:"))
    sharepoint = SharePointGateway(graph)
    site = await sharepoint.resolve_site(*SITE)
    await sharepoint.update_fields(site, "Anskaffelsesplan", chosen.id,
                                   {"ansvarlig": "marte.solberg@innkjop.example.no"})  # fmt: skip
    status, body = await teams.invoke(teams.personal_chat, message_id, "plan.save", {})
    assert status == 200, body
    assert card_texts(body["value"])[0].startswith(
        "Saved the plan in SharePoint: 0 new, 0 updated; 1 values people set were kept."
    )
    # Saved again: the calendar events are found again, not added a second time.
    assert len(await _plan_events(graph, "lars.berg@innkjop.example.no")) == len(events_before)
    after = {i.id: i for i in await _items(graph)}
    assert after[chosen.id].fields["ansvarlig"] == "marte.solberg@innkjop.example.no"
    assert len(after) == len(items)  # updated, never duplicated

    # Marked started from the card: the list says so.
    status, body = await teams.invoke(
        teams.personal_chat, message_id, "plan.mark_started", {"key": chosen.fields["kilde_id"]}
    )
    assert status == 200, body
    assert card_texts(body["value"])[0].startswith("Marked as started: ")
    after = {i.id: i for i in await _items(graph)}
    assert after[chosen.id].fields["status"] == "startet"

    # A need added by hand on a card: checked, shown, saved only on the button.
    status, body = await teams.invoke(
        teams.personal_chat, message_id, "plan.check_entry",
        {"need": "Vaskeritjenester", "contract_start": "2026-10-01", "responsible": ""},
    )  # fmt: skip
    assert status == 200, body
    refused = card_texts(body["value"])
    assert "Who is responsible? Give their e-mail address." in refused
    assert "The contract start 2026-10-01 has passed: give a date ahead." in refused
    fields = {"need": "Vaskeritjenester", "category": "renhold", "contract_start": "2027-09-01",
              "responsible": "lars.berg@innkjop.example.no", "value": "900000"}  # fmt: skip
    status, body = await teams.invoke(teams.personal_chat, message_id, "plan.check_entry", fields)
    assert status == 200, body
    checked = body["value"]
    assert [a["verb"] for a in checked["actions"]] == ["plan.check_entry", "plan.add_entry"]
    count = len(await _items(graph))
    status, body = await teams.invoke(teams.personal_chat, message_id, "plan.add_entry", fields)
    assert status == 200, body
    assert card_texts(body["value"])[0].startswith("Added to the plan: Vaskeritjenester")
    added = [i for i in await _items(graph) if i.fields.get("Title") == "Vaskeritjenester"]
    assert len(await _items(graph)) == count + 1 and len(added) == 1
    assert (added[0].fields["kilde"], added[0].fields["kontraktstart"]) == ("manuell", "2027-09-01")
