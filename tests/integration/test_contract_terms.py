"""Reading a contract's terms from its documents in Teams, and writing them to the
register only after the person confirms on the card."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.cards import card_errors
from tests.support.procs import BotProcess
from tests.support.teams import TeamsClient, card_of, card_texts
from tests.support.tenant import TenantProcess, tenant_env


@pytest.fixture
def bot(tmp_path: Path, tenant: TenantProcess) -> Iterator[BotProcess]:
    process = BotProcess(tmp_path, tenant_env(tenant))
    process.start()
    try:
        yield process
    finally:
        process.stop()


def _terms_card(event: dict[str, Any]) -> bool:
    card = card_of(event)
    return card is not None and "Vilkår fra kontraktsdokumentet" in card_texts(card)


async def test_terms_are_proposed_on_a_card_and_written_after_confirmation(
    bot: BotProcess, tenant: TenantProcess, teams: TeamsClient
) -> None:
    path = next((tenant.data / "sites").glob("*/lists/kontraktsregister.json"))

    def row() -> dict[str, str]:
        items = json.loads(path.read_text())["items"]
        fields: dict[str, str] = next(
            i["fields"] for i in items if i["fields"]["kontrakt_id"] == "2025-017"
        )
        return fields

    before = row()
    await teams.custom_activity(
        teams.personal_activity("les vilkårene i kontrakt 2025-017", locale="nb-NO")
    )
    event = await teams.wait_for(_terms_card, within=60)
    card = card_of(event) or {}
    texts = card_texts(card)
    assert card_errors([card]) == [[]]
    assert any("Rammeavtale - IKT-driftstjenester.docx" in t for t in texts)
    assert "Opsjoner" in texts and "Oppsigelsestid (måneder) – endres" in texts
    assert any(t.startswith("«") and "opsjon på forlengelse 1 + 1 år" in t for t in texts)
    assert any("avsn. 9" in t for t in texts)
    assert row() == before  # nothing is written before the person confirms

    confirm = next(a for a in card["actions"] if a.get("verb") == "terms.confirm")
    assert confirm["title"] == "Bekreft og oppdater registeret"
    assert json.loads(confirm["data"]["values"]) == {"oppsigelse_mnd": "3"}
    status, body = await teams.invoke(
        teams.personal_chat,
        event["message"]["messageId"],
        "terms.confirm",
        {**confirm["data"], "fields": "oppsigelse_mnd"},
    )
    assert status == 200, body
    # The Playground sends its card actions with locale en-US, so the answer is in English.
    assert card_texts(body["value"])[0].startswith("The register is updated for 2025-017")
    after = row()
    assert after["oppsigelse_mnd"] == "3"
    assert {k: v for k, v in after.items() if k != "oppsigelse_mnd"} == {
        k: v for k, v in before.items() if k != "oppsigelse_mnd"
    }


async def test_an_amendment_and_a_rounded_notice_are_marked_on_the_card(
    bot: BotProcess, tenant: TenantProcess, teams: TeamsClient
) -> None:
    # 2025-033 (printers) has a signed amendment in its case folder that extends it to
    # 30.03.2029, leaves no options and sets the notice to eight weeks.
    path = next((tenant.data / "sites").glob("*/lists/kontraktsregister.json"))

    def row() -> dict[str, str]:
        items = json.loads(path.read_text())["items"]
        fields: dict[str, str] = next(
            i["fields"] for i in items if i["fields"]["kontrakt_id"] == "2025-033"
        )
        return fields

    await teams.custom_activity(
        teams.personal_activity("les vilkårene i kontrakt 2025-033", locale="nb-NO")
    )
    event = await teams.wait_for(_terms_card, within=60)
    card = card_of(event) or {}
    texts = card_texts(card)
    assert card_errors([card]) == [[]]
    assert "Sluttdato – endres" in texts
    assert "Dokumentet: 30.03.2029" in texts and "Funnet i: tilleggsavtale" in texts
    assert (
        "Endret ved tilleggsavtale: Rammeavtale - Printere og multifunksjonsmaskiner.pdf "
        "sa 30.03.2028." in texts
    )
    assert "Opsjoner – endres" in texts and "Dokumentet: ingen" in texts
    assert "Oppsigelsestid (måneder) – endres, sjekk først" in texts
    assert "Dokumentet: 2 (står: 8 ukers)" in texts
    assert "Sjekk: rundet opp til hele måneder" in texts
    choice = next(b for b in card["body"] if b.get("type") == "Input.ChoiceSet")
    assert choice["value"] == "slutt,opsjoner"

    # The person keeps the ticks as they are: only the two sure values are written.
    confirm = next(a for a in card["actions"] if a.get("verb") == "terms.confirm")
    status, body = await teams.invoke(
        teams.personal_chat,
        event["message"]["messageId"],
        "terms.confirm",
        {**confirm["data"], "fields": choice["value"]},
    )
    assert status == 200, body
    after = row()
    assert (after["slutt"], after["opsjoner"], after["oppsigelse_mnd"]) == ("2029-03-30", "", "")
