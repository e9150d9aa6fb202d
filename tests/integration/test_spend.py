"""Purchasing analysis from Teams, end to end in the local loop: ledger files and the
office's category sheet in SharePoint read through msgraph-sdk, the demo contract
register, the card with its chart, and the workbook saved beside the extracts.

The ledger is small and written here, so every figure is summed by hand below. Its
suppliers are the demo register's (org. nos as the demo makes them) on DEMO_TODAY,
2026-11-25: Rent & Klart Renhold AS holds the cleaning contract 2024-031 (2024-06-05 to
2027-06-04); Glans Renhold AS held 2024-024, which ended 2026-09-26.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from graph.sharepoint import SharePointGateway
from tests.support.cards import card_errors
from tests.support.procs import BotProcess
from tests.support.teams import TeamsClient, card_of, card_texts
from tests.support.tenant import TenantProcess, tenant_env

ROOT = "Testanalyse"
NBSP = "\u00a0"
# Visma-style export in Windows-1252, as Excel's "CSV (semikolondelt)" saves it.
LEDGER = """\
Hovedbok 2026;;;;;;;
Bilagsdato;Bilagsnr;Lev.nr;Leverandør;Org.nr.;Konto;Ansvar;Beløp
02.10.2026;5001;301;Rent & Klart Renhold AS;844 556 349;2600;1100;150 000,00
05.10.2026;5002;302;Glans Renhold AS;815218027;2600;1100;50 000,00
10.03.2026;5003;303;Kursfabrikken AS;993717525;1500;1200;1 400 000,00
15.11.2026;5004;;Lønn november;;0100;1100;500 000,00
"""
BROKEN = "Bilagsdato;Leverandør;Konto;Beløp\n01.02.2026;Feil AS;2600;tolv tusen\n"
CATEGORIES = "Org.nr.;Kategori\n993717525;kurs og opplæring\n"


@pytest.fixture
def bot(
    tmp_path: Path, tenant: TenantProcess, request: pytest.FixtureRequest
) -> Iterator[BotProcess]:
    """The bot reads this module's own small ledger from `Testanalyse`; the demo test
    (named for it) reads the demo's `Innkjøpsanalyse` folder."""
    folder = {} if request.node.name.startswith("test_the_demo") else {"SPEND_FOLDER": ROOT}
    env = tenant_env(tenant, REMINDER_INTERVAL_SECONDS="0",
                     SPEND_DB=str(tmp_path / "spend.duckdb"), **folder)  # fmt: skip
    process = BotProcess(tmp_path, env)
    process.start()
    try:
        yield process
    finally:
        process.stop()


def _card_with(title: str) -> Any:
    def found(event: dict[str, Any]) -> bool:
        card = card_of(event)
        return card is not None and any(t.startswith(title) for t in card_texts(card))

    return found


async def _ask(teams: TeamsClient, text: str, title: str, locale: str = "nb-NO") -> dict[str, Any]:
    start = len(teams.events)
    await teams.custom_activity(teams.personal_activity(text, locale=locale))
    event = await teams.wait_for(_card_with(title), within=90, start=start)
    card = card_of(event) or {}
    assert card_errors([card]) == [[]]
    return card


async def test_purchasing_analysis_card_chart_and_workbook(
    bot: BotProcess, tenant: TenantProcess, teams: TeamsClient, graph: Any
) -> None:
    sharepoint = SharePointGateway(graph)
    site = await sharepoint.resolve_site("innkjop.example.no", "/sites/innkjop")
    folder = f"{ROOT}/Regnskap/Østfjord"
    await sharepoint.upload(site, folder, "hovedbok 2026.csv", LEDGER.encode("cp1252"))
    await sharepoint.upload(site, folder, "feil.csv", BROKEN.encode("utf-8"))
    await sharepoint.upload(site, ROOT, "kategorier.csv", CATEGORIES.encode("utf-8"))

    start = len(teams.events)
    card = await _ask(teams, "innkjøpsanalyse 2026", "Innkjøpsanalyse 2026")
    # While the files load, the message under the question says how far it has come.
    progress = [
        e["message"].get("text", "")
        for e in teams.events[start:]
        if e.get("action") in ("createMessage", "updateMessage") and "message" in e
    ]
    assert any(t.startswith("Leser regnskapsfiler (0 linjer lastet): fil 1 av 2") for t in progress)
    texts = card_texts(card)
    assert texts[0] == "Innkjøpsanalyse 2026 – alle enheter"
    # Purchases: 150 000 + 50 000 + 1 400 000 (the salary line is not a purchase).
    assert f"Innkjøp: 1{NBSP}600{NBSP}000{NBSP}kr" in texts
    # Under a contract: Rent & Klart's 150 000 only (Glans Renhold's contract had ended).
    assert f"Under avtale: 150{NBSP}000{NBSP}kr" in texts
    assert f"Avtaledekning: 9,4{NBSP}%" in texts  # 150 000 / 1 600 000
    assert "Terskelrisiko (antall): 1" in texts
    # Kursfabrikken: 1 400 000 off contract in 2026, over the national 1 300 000. The
    # office's sheet (kategorier.csv) names its category.
    assert any(
        t.startswith(f"Bør undersøkes: Østfjord kjøpte kurs og opplæring for 1{NBSP}400{NBSP}000")
        for t in texts
    )
    # The broken file is named with its line and kept out entirely.
    assert any("feil.csv" in t and "linje 2" in t and "tolv tusen" in t for t in texts)
    image = next(e for e in card["body"] if e.get("type") == "Image")
    png = base64.b64decode(image["url"].removeprefix("data:image/png;base64,"))
    assert png.startswith(b"\x89PNG")

    # The workbook beside the extracts, linked from the card, with the invoice behind
    # the threshold figure.
    reports = [e async for e in sharepoint.list_folder(site, f"{ROOT}/Rapporter")]
    assert [r.name for r in reports] == ["Innkjøpsanalyse 2026 - 2026-11-25.xlsx"]
    assert card["actions"][0]["url"] == reports[0].web_url
    book = load_workbook(io.BytesIO(await sharepoint.download(site, reports[0].id)))
    risk = list(book["Terskelverdirisiko"].iter_rows(min_row=2, values_only=True))
    assert risk[0][:2] == ("Østfjord", "kurs og opplæring")
    assert [(r[6], r[9]) for r in risk[1:]] == [("5003", 1400000)]

    # Loyalty in cleaning: 150 000 of 200 000 bought while a cleaning contract was in force.
    card = await _ask(teams, "avtalelojalitet renhold", "Avtalelojalitet for renhold")
    assert f"Avtalelojalitet: 75,0{NBSP}%" in card_texts(card)

    # One supplier by org. no., as people type it; then one the ledger does not know.
    card = await _ask(teams, "kjøp fra 815 218 027 i 2026", "Kjøp fra Glans Renhold AS")
    assert f"Innkjøp: 50{NBSP}000{NBSP}kr" in card_texts(card)
    card = await _ask(teams, "kjøp fra Finnesikke AS", "Finner ingen kjøp")
    assert card_texts(card) == ["Finner ingen kjøp fra «finnesikke as» i regnskapet."]

    # English by the Teams locale.
    card = await _ask(teams, "purchasing analysis 2026", "Purchasing analysis", locale="en-US")
    assert f"Purchasing spend: NOK{NBSP}1,600,000" in card_texts(card)


async def test_the_demo_ledger_shows_its_one_threshold_risk(
    bot: BotProcess, tenant: TenantProcess, teams: TeamsClient
) -> None:
    """The demo's three counties (two CSV exports and a SAF-T file, about 200,000 lines)
    and its EHF invoices, as `make run` shows them: one clear threshold risk, designed as
    12 invoices of 135 000 for courses in Østfjord (graph/localtenant/demo_spend.py)."""
    card = await _ask(teams, "innkjøpsanalyse 2026", "Innkjøpsanalyse 2026")
    texts = card_texts(card)
    assert "Terskelrisiko (antall): 1" in texts
    assert any(
        t.startswith("Bør undersøkes: Østfjord fylkeskommune kjøpte Kurs og opplæring for "
                     f"1{NBSP}620{NBSP}000{NBSP}kr")
        for t in texts
    )  # fmt: skip
    counties = [t for t in texts if "fylkeskommune: " in t]
    assert len(counties) == 3  # spend and coverage per county
