"""Asking for contract deadlines in Teams, answered from the local tenant's register."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.cards import card_errors
from tests.support.procs import BotProcess
from tests.support.teams import TeamsClient, card_of, card_texts
from tests.support.tenant import DEMO_TODAY, TenantProcess, tenant_env

TODAY = DEMO_TODAY


@pytest.fixture
def bot(tmp_path: Path, tenant: TenantProcess) -> Iterator[BotProcess]:
    process = BotProcess(tmp_path, tenant_env(tenant))
    process.start()
    try:
        yield process
    finally:
        process.stop()


def _deadline_card(event: dict[str, Any]) -> bool:
    card = card_of(event)
    return card is not None and "Kontraktsfrister" in card_texts(card)


async def test_deadlines_next_two_weeks_in_norwegian(
    bot: BotProcess, tenant: TenantProcess, teams: TeamsClient
) -> None:
    await teams.custom_activity(teams.personal_activity("frister neste 14 dager", locale="nb-NO"))
    event = await teams.wait_for(_deadline_card, within=30)
    card = card_of(event) or {}
    texts = card_texts(card)
    assert "neste 14 dager" in texts
    due_lines = [
        t
        for t in texts
        if t.startswith(
            ("Opsjonsfrist", "Oppsigelsesfrist", "Utløp", "Endelig utløp", "Start ny anskaffelse")
        )
    ]
    assert len(due_lines) >= 3
    assert all("dager)" in t or "(i dag)" in t for t in due_lines)
    # The count, and behind a button the detail: row, the list's own column title, why.
    assert (
        "1 rad i registeret er ikke med; 2 felt kunne ikke leses. Se «Vis hva som må rettes»."
        in texts
    )
    detail = next(a for a in card.get("actions", []) if a["type"] == "Action.ShowCard")
    assert detail["title"] == "Vis hva som må rettes"
    register = json.loads(
        next((tenant.data / "sites").glob("*/lists/kontraktsregister.json")).read_text()
    )
    items = register["items"]
    # A list item is named by its ID, as SharePoint shows it.
    bad_date = next(i for i in items if i["fields"]["slutt"] == "31.13.2025")
    lines = card_texts(detail["card"])
    assert (
        f"Element-ID {bad_date['id']} ({bad_date['fields']['kontrakt_id']}), «Sluttdato»: "
        "«31.13.2025» er ikke en dato som finnes (ikke med)"
    ) in lines
    bad_options = next(i for i in items if i["fields"]["opsjoner"] == "x+1")
    assert any(
        t.startswith(f"Element-ID {bad_options['id']} (") and "«Opsjoner»" in t for t in lines
    )
    links = [c["selectAction"]["url"] for c in card["body"] if "selectAction" in c]
    assert links and all("/Lists/kontraktsregister/DispForm.aspx?ID=" in u for u in links)
    assert card_errors([card]) == [[]]


async def test_my_contracts_only_show_the_asking_owner(
    bot: BotProcess, tenant: TenantProcess, teams: TeamsClient
) -> None:
    await teams.send(teams.personal_chat, "my contracts in the next 12 months")
    event = await teams.wait_for(
        lambda e: card_of(e) is not None and "Contract deadlines" in card_texts(card_of(e) or {}),
        within=30,
    )
    card = card_of(event) or {}
    texts = card_texts(card)
    assert "next 360 days, your contracts" in texts
    assert [a["title"] for a in card.get("actions", [])] == ["Show what to fix"]
    assert not any("I could not tell who you are" in t for t in texts)
    # Ingrid Haugen (user-id-0) owns some demo contracts; none of anyone else's show up.
    register = json.loads(
        next((tenant.data / "sites").glob("*/lists/kontraktsregister.json")).read_text()
    )
    mine = {
        i["fields"]["kontrakt_id"]
        for i in register["items"]
        if i["fields"]["eier"] == "ingrid.haugen@innkjop.example.no"
    }
    others = {i["fields"]["kontrakt_id"] for i in register["items"]} - mine
    shown = {t.split(" ")[0] for t in texts if t[:4].isdigit() and "-" in t[:9]}
    assert shown and shown <= mine and not shown & others
    # Every contract she owns is listed, not only those with a deadline in the window,
    # each opening its own contract card.
    active = {
        i["fields"]["kontrakt_id"]
        for i in register["items"]
        if i["fields"]["eier"] == "ingrid.haugen@innkjop.example.no"
        and i["fields"]["status"] == "aktiv"
    }
    assert f"Your contracts ({len(active)})" in texts
    listed = [t.split(" ")[0] for t in texts if t[:4].isdigit() and "(ends " in t]
    assert set(listed) == active


async def test_option_used_is_proposed_then_written_back_after_confirmation(
    bot: BotProcess, tenant: TenantProcess, teams: TeamsClient
) -> None:
    import json

    from skills.contracts.calendar import add_months, parse_date
    from skills.contracts.register import parse_options

    path = next((tenant.data / "sites").glob("*/lists/kontraktsregister.json"))
    items = json.loads(path.read_text())["items"]
    item = next(
        i
        for i in items
        if i["fields"]["opsjoner"]
        and (i["fields"]["status"] or "aktiv") == "aktiv"
        and "x" not in i["fields"]["opsjoner"]
    )
    fields = item["fields"]
    options = parse_options(fields["opsjoner"])
    new_end = add_months(parse_date(fields["slutt"]), options[0]).isoformat()

    await teams.send(teams.personal_chat, "help")
    anchor = await teams.wait_for(lambda e: card_of(e) is not None)
    message_id = anchor["message"]["messageId"]

    status, body = await teams.invoke(
        teams.personal_chat, message_id, "option.propose", {"contract_id": fields["kontrakt_id"]}
    )
    assert status == 200, body
    proposal = body["value"]
    assert "Nothing changes until you confirm" in card_texts(proposal)[0]
    assert json.loads(path.read_text())["items"] == items  # nothing written yet

    confirm = proposal["actions"][0]
    assert confirm["data"] == {"contract_id": fields["kontrakt_id"], "expected_end": new_end}
    status, body = await teams.invoke(
        teams.personal_chat, message_id, "option.confirm", confirm["data"]
    )
    assert status == 200, body
    assert "The register is updated" in card_texts(body["value"])[0]
    updated = next(i for i in json.loads(path.read_text())["items"] if i["id"] == item["id"])
    assert updated["fields"]["slutt"] == new_end
    assert parse_options(updated["fields"]["opsjoner"]) == options[1:]
    # The change is recorded as an amendment line in `endringer`.
    assert updated["fields"]["endringer"].startswith(
        f"{TODAY.isoformat()}; opsjon brukt; slutt {parse_date(fields['slutt']).isoformat()} "
        f"-> {new_end}"
    )

    # Confirming the same stale proposal again is refused, not applied twice.
    status, body = await teams.invoke(
        teams.personal_chat, message_id, "option.confirm", confirm["data"]
    )
    assert status == 200
    assert "The register changed since the proposal" in card_texts(body["value"])[0]
    again = next(i for i in json.loads(path.read_text())["items"] if i["id"] == item["id"])
    assert again["fields"]["slutt"] == new_end


async def test_a_button_meeting_missing_access_says_what_to_do(
    bot: BotProcess, tenant: TenantProcess, teams: TeamsClient
) -> None:
    await teams.send(teams.personal_chat, "help")
    anchor = await teams.wait_for(lambda e: card_of(e) is not None)
    tenant.admin("POST", "faults", {"path": "delta", "status": 403, "times": 5})
    status, body = await teams.invoke(
        teams.personal_chat,
        anchor["message"]["messageId"],
        "option.propose",
        {"contract_id": "2025-017"},
    )
    assert status == 200, body
    text = card_texts(body["value"])[0]
    assert text.startswith("I have no access to this in Microsoft 365")
    assert "Sites.Selected" in text


def _due_lines(card: dict[str, Any]) -> list[str]:
    return [
        t
        for t in card_texts(card)
        if t.startswith(
            ("Opsjonsfrist", "Oppsigelsesfrist", "Utløp", "Endelig utløp", "Start ny anskaffelse")
        )
    ]


async def test_nynorsk_and_typos_give_the_same_deadlines_and_an_unknown_id_is_named(
    bot: BotProcess, tenant: TenantProcess, teams: TeamsClient
) -> None:
    answers = []
    for phrase in ("frister neste 30 dager", "frister neste 30 dagar", "fristr neste 30 dagr"):
        start = len(teams.events)
        await teams.custom_activity(teams.personal_activity(phrase, locale="nb-NO"))
        event = await teams.wait_for(_deadline_card, within=30, start=start)
        card = card_of(event) or {}
        assert "neste 30 dager" in card_texts(card), phrase
        answers.append(_due_lines(card))
    assert answers[0] and answers[0] == answers[1] == answers[2]

    # An id that is not in the register is named as not found, never "no deadlines",
    # with the nearest ids as buttons that ask again.
    start = len(teams.events)
    await teams.custom_activity(teams.personal_activity("kontrakt 2025-0177", locale="nb-NO"))
    event = await teams.wait_for(_deadline_card, within=30, start=start)
    card = card_of(event) or {}
    texts = card_texts(card)
    assert "Finner ingen kontrakt 2025-0177 i kontraktsregisteret." in texts
    assert "Ingen frister i perioden." not in texts
    buttons = [a for a in card.get("actions", []) if a.get("verb") == "contracts.deadlines"]
    assert buttons and buttons[0]["data"] == {"contract": "2025-017"}
    assert buttons[0]["title"].startswith("2025-017 ")
    assert card_errors([card]) == [[]]
    status, body = await teams.invoke(
        teams.personal_chat, event["message"]["messageId"], "contracts.deadlines",
        buttons[0]["data"],
    )  # fmt: skip
    assert status == 200, body
    chosen = card_texts(body["value"])
    assert "all coming deadlines, “2025-017”" in chosen
    assert any(t.startswith("2025-017 ") for t in chosen)
    # The contract itself: its facts and what can be done with it.
    assert any(t.startswith("Supplier: Driftspartner Innlandet AS (") for t in chosen)
    assert "Options left: 1 yr + 1 yr" in chosen and "Status: aktiv" in chosen
    verbs = [a.get("verb") for a in body["value"].get("actions", [])]
    assert verbs[:3] == ["terms.propose", "option.propose", "market_dialogue.start"]
    assert card_errors([body["value"]]) == [[]]

    # A question the assistant has no capability for: no deadlines card for its words.
    start = len(teams.events)
    await teams.custom_activity(
        teams.personal_activity("how much did we spend on contracts?", locale="en-US")
    )
    event = await teams.wait_for(lambda e: card_of(e) is not None, within=30, start=start)
    texts = card_texts(card_of(event) or {})
    assert texts[0] == "I can't answer that yet: “how much did we spend on contracts?”."
    assert "What I can help with" in texts
    assert not _due_lines(card_of(event) or {})
    assert not any(t.startswith("No contract") for t in texts)


def _owners(tenant: TenantProcess) -> dict[str, str]:
    register = json.loads(
        next((tenant.data / "sites").glob("*/lists/kontraktsregister.json")).read_text()
    )
    return {i["fields"]["kontrakt_id"]: i["fields"]["eier"] for i in register["items"]}


async def _ask(teams: TeamsClient, phrase: str) -> dict[str, Any]:
    start = len(teams.events)
    await teams.custom_activity(teams.personal_activity(phrase, locale="nb-NO"))
    event = await teams.wait_for(lambda e: card_of(e) is not None, within=30, start=start)
    return card_of(event) or {}


async def test_words_are_matched_as_words_and_what_was_understood_is_said(
    bot: BotProcess, tenant: TenantProcess, teams: TeamsClient
) -> None:
    # "kaffe" names the coffee machines (2024-044, "Kaffe- og vannautomater"), not the
    # course 2026-048 "Kurs i anskaffelsesregelverket" that merely holds the letters; one
    # contract named by words gets its facts, as an id would.
    card = await _ask(teams, "frister for kaffe")
    texts = card_texts(card)
    assert "2024-044 Kaffe- og vannautomater med service" in texts
    assert not any(t.startswith("2026-048") for t in texts)
    assert any(t.startswith("Leverandør: Bryggeriet Kaffeservice AS") for t in texts)

    # Words that name nothing: said so, with what was understood and a button for the
    # question without those words.
    card = await _ask(teams, "frister for blomster neste 30 dager")
    texts = card_texts(card)
    assert "Finner ingen kontrakt, leverandør eller kontraktseier som passer «blomster»." in texts
    assert "Jeg forsto: frister neste 30 dager." in texts
    assert not _due_lines(card)
    everything = [a for a in card["actions"] if a["title"] == "Alle frister, neste 30 dager"]
    assert everything and everything[0]["data"] == {"within_days": "30", "mine": "False"}

    # An owner by first name: Lars's contracts only (the supplier "Klarsyn" holds "lars").
    owners = _owners(tenant)
    card = await _ask(teams, "hvilke frister har Lars neste 12 måneder?")
    shown = {t.split(" ")[0] for t in card_texts(card) if t[:4].isdigit() and "-" in t[:9]}
    assert shown and all(owners[c] == "lars.berg@innkjop.example.no" for c in shown), shown

    # A case-number style id: not a search over everything, the contract it may be.
    card = await _ask(teams, "kontrakt 2025/017")
    assert "Finner ingen kontrakt 2025/017 i kontraktsregisteret." in card_texts(card)
    assert [a["data"] for a in card["actions"]][:1] == [{"contract": "2025-017"}]

    # A calendar period, in nynorsk, about the asker's own contracts.
    card = await _ask(teams, "kva fristar har eg i år")
    assert "i år (til 31.12.2026), dine kontrakter" in card_texts(card)

    # A message with nothing to act on: the help card, saying it was not understood.
    card = await _ask(teams, "blåbærsyltetøy")
    assert card_texts(card)[0] == (
        "Jeg forsto ikke «blåbærsyltetøy». Skriv det gjerne på en annen måte."
    )
