"""Term proposals from the demo tenant's real .docx and .pdf contracts, through
msgraph-sdk against the running local tenant, and confirmation written to its list."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from semantic_kernel.functions import KernelArguments

from bot.terms_cards import terms_card
from graph.client import build_graph_client, close_graph_client
from graph.localtenant.demo import generate
from graph.settings import GraphSettings
from graph.sharepoint import SharePointGateway, SiteRef, SiteResolver
from skills.contracts.plugin import SharePointRegister
from skills.contracts.terms_plugin import TermsConfirmation, TermsPlugin, TermsReview
from skills.i18n import speaking
from skills.kernel import build_kernel
from tests.support.cards import card_errors
from tests.support.tenant import DEMO_TODAY, TOKEN, TenantProcess

HOST, SITE_PATH, LIST = "innkjop.example.no", "/sites/innkjop", "kontraktsregister"
IKT = "2025-017"  # a .docx and a signed .pdf in "Saker/2025-022 IKT-driftstjenester"
IKT_FOLDER = "Saker/2025-022 IKT-driftstjenester"


@dataclass
class Setup:
    gateway: SharePointGateway
    site: SiteRef
    plugin: TermsPlugin

    async def item(self, contract_id: str) -> dict[str, str]:
        async for item in self.gateway.read_items(self.site, LIST):
            if item.fields.get("kontrakt_id") == contract_id:
                return {"id": item.id, **{k: str(v) for k, v in item.fields.items()}}
        raise AssertionError(f"{contract_id} not in the list")

    async def set(self, contract_id: str, fields: dict[str, str]) -> None:
        item = await self.item(contract_id)
        await self.gateway.update_fields(self.site, LIST, item["id"], fields)


@pytest.fixture
async def setup(tmp_path: Path) -> AsyncIterator[Setup]:
    generate(tmp_path / "tenant", DEMO_TODAY)
    tenant = TenantProcess(tmp_path / "tenant").start()
    client = build_graph_client(GraphSettings(local_url=tenant.url, local_token=TOKEN))
    try:
        gateway = SharePointGateway(client)
        site = await gateway.resolve_site(HOST, SITE_PATH)
        register = SharePointRegister(gateway, SiteResolver(gateway, HOST, SITE_PATH), LIST)
        yield Setup(gateway, site, TermsPlugin(register, gateway))
    finally:
        await close_graph_client(client)
        tenant.stop()


def rows(review: TermsReview) -> dict[str, tuple[str | None, str, bool]]:
    return {r.field: (r.proposed, r.current, r.changed) for r in review.rows}


async def test_proposal_from_docx_and_signed_pdf_then_confirmed_into_the_list(
    setup: Setup,
) -> None:
    # Someone typed the options wrongly into the register; the contract says 1 + 1 years.
    await setup.set(IKT, {"opsjoner": "", "opsjon_varsel_mnd": "6"})
    review = await setup.plugin.propose_terms(IKT)
    assert not review.message, review.message
    assert set(review.documents) == {
        "Rammeavtale - IKT-driftstjenester.docx",
        "Rammeavtale - IKT-driftstjenester (signert).pdf",
    }
    found = rows(review)
    assert found["start"] == ("2025-03-01", "2025-03-01", False)
    assert found["slutt"] == ("2027-02-28", "2027-02-28", False)
    assert found["opsjoner"] == ("1+1", "", True)
    assert found["opsjon_varsel_mnd"] == ("3", "6", True)
    assert found["oppsigelse_mnd"] == ("3", "", True)
    assert found["fornyes_automatisk"] == (None, "nei", False)
    options = next(r for r in review.rows if r.field == "opsjoner")
    assert options.evidence is not None
    # Both documents say the same, so the .docx is quoted, with its paragraph.
    assert options.evidence.document.endswith(".docx")
    assert (options.evidence.page, options.evidence.paragraph) == (None, 9)
    assert "opsjon på forlengelse 1 + 1 år" in options.evidence.quote
    assert card_errors([terms_card(review)]) == [[]]
    before = await setup.item(IKT)
    assert before["opsjoner"] == ""  # proposing wrote nothing

    result = await setup.plugin.confirm_terms(
        IKT,
        json.dumps(review.changes),
        json.dumps(review.expected),
        fields="opsjoner,opsjon_varsel_mnd",
    )
    assert result.status == "updated", result.message
    after = await setup.item(IKT)
    assert (after["opsjoner"], after["opsjon_varsel_mnd"]) == ("1+1", "3")
    assert after["oppsigelse_mnd"] == ""  # not ticked, not written
    assert after["slutt"] == before["slutt"]


async def test_a_stale_confirmation_is_refused_and_writes_nothing(setup: Setup) -> None:
    await setup.set(IKT, {"opsjoner": "1"})
    review = await setup.plugin.propose_terms(IKT)
    assert review.changes == {"opsjoner": "1+1", "oppsigelse_mnd": "3"}
    await setup.set(IKT, {"opsjoner": "2"})  # someone else edits the row meanwhile
    with speaking("en"):
        result = await setup.plugin.confirm_terms(
            IKT, json.dumps(review.changes), json.dumps(review.expected)
        )
    assert result.status == "stale"
    assert "The register changed since the proposal (Options)" in result.message
    item = await setup.item(IKT)
    assert (item["opsjoner"], item["oppsigelse_mnd"]) == ("2", "")


async def test_invalid_values_are_refused_in_the_users_language(setup: Setup) -> None:
    result = await setup.plugin.confirm_terms(
        IKT, json.dumps({"opsjoner": "x+y"}), json.dumps({"opsjoner": "1+1"})
    )
    assert result.status == "invalid"
    assert result.message == "Ingenting er skrevet. Opsjoner: «x+y» er ikke en gyldig verdi."
    result = await setup.plugin.confirm_terms(
        IKT, json.dumps({"start": "2030-01-01"}), json.dumps({"start": "2025-03-01"})
    )
    assert result.status == "invalid" and "ugyldig" in result.message
    assert (await setup.item(IKT))["start"] == "2025-03-01"


async def test_auto_renewing_contract_in_a_pdf_matches_the_register(setup: Setup) -> None:
    review = await setup.plugin.propose_terms("2024-031")
    assert review.documents == ("Gjeldende kontrakt - Renholdstjenester.pdf",)
    found = rows(review)
    assert found["fornyes_automatisk"] == ("ja", "ja", False)
    # The renewal's own notice (6 months), not the general termination clause (3).
    assert found["oppsigelse_mnd"] == ("6", "6", False)
    renewal = next(r for r in review.rows if r.field == "oppsigelse_mnd")
    assert renewal.evidence is not None and renewal.evidence.page == 1
    assert review.changes == {}
    card = terms_card(review)
    assert "actions" not in card or all(a["type"] != "Action.Execute" for a in card["actions"])


async def test_unreadable_and_missing_documents_get_a_clear_message(setup: Setup) -> None:
    await setup.gateway.upload(
        setup.site, IKT_FOLDER, "Rammeavtale - IKT (utkast).pdf", b"%PDF-1.7 broken"
    )
    review = await setup.plugin.propose_terms(IKT)
    assert review.rows and any("utkast" in u and "skadet" in u for u in review.unread)

    review = await setup.plugin.propose_terms("konsulentbistand kategoristrategi")
    assert review.contract is not None and not review.rows
    assert review.message.startswith("Fant ingen kontraktsdokumenter for")
    with speaking("en"):
        review = await setup.plugin.propose_terms("1999-001")
    assert review.message == "Contract “1999-001” is not in the contract register."
    assert card_errors([terms_card(review)]) == [[]]


async def test_the_plugin_runs_through_the_kernel(setup: Setup) -> None:
    kernel = build_kernel({"terms": setup.plugin})
    assert {"propose_terms", "confirm_terms"} <= set(kernel.plugins["terms"].functions)
    result = await kernel.invoke(
        plugin_name="terms",
        function_name="propose_terms",
        arguments=KernelArguments(contract_id="2025-009"),
    )
    assert result is not None
    review = result.value
    assert isinstance(review, TermsReview)
    assert review.documents == ("Rammeavtale - Kontorrekvisita og papir.docx",)
    assert rows(review)["opsjoner"] == ("1+1", "1+1", False)
    result = await kernel.invoke(
        plugin_name="terms",
        function_name="confirm_terms",
        arguments=KernelArguments(
            contract_id="2025-009",
            values=json.dumps(review.changes),
            expected=json.dumps(review.expected),
        ),
    )
    assert result is not None and isinstance(result.value, TermsConfirmation)
    assert result.value.written == {"oppsigelse_mnd": "3"}
    assert (await setup.item("2025-009"))["oppsigelse_mnd"] == "3"


async def test_a_signed_amendment_changes_the_period_and_its_background_does_not(
    setup: Setup,
) -> None:
    # The demo's printer agreement 2025-033 (31.03.2025–30.03.2028, one option of a year)
    # has a signed "Tilleggsavtale nr. 1" that uses the option, extends it to 30.03.2029,
    # leaves no options, and changes the notice to eight weeks. Its background repeats the
    # old end date and the option; those must not be proposed.
    with speaking("nb"):
        review = await setup.plugin.propose_terms("2025-033")
    found = {r.field: r for r in review.rows}
    assert review.documents == (
        "Tilleggsavtale nr. 1 - Printere (signert).docx",
        "Rammeavtale - Printere og multifunksjonsmaskiner.pdf",
    )
    assert (found["slutt"].proposed, found["slutt"].how) == ("2029-03-30", "amendment")
    assert found["slutt"].evidence is not None
    assert found["slutt"].evidence.quote == "Avtalen forlenges til og med 30.03.2029."
    assert [(c.document, c.value) for c in found["slutt"].superseded] == [
        ("Rammeavtale - Printere og multifunksjonsmaskiner.pdf", "2028-03-30")
    ]
    assert (found["opsjoner"].proposed, found["opsjoner"].how) == ("", "amendment")
    assert found["opsjoner"].checks == () and found["opsjoner"].conflicts == ()
    notice = found["oppsigelse_mnd"]
    assert (notice.proposed, notice.stated, notice.checks) == ("2", "8 ukers", ("rounded",))
    assert notice.proposable and not notice.preticked
    # The start and option notice still come from the contract itself, unchanged.
    assert (found["start"].proposed, found["start"].changed) == ("2025-03-31", False)
    # A signed amendment restates little: the contract's own values are not doubted for
    # being only in the contract, whose file name does not say it is signed.
    assert found["start"].checks == () and found["opsjon_varsel_mnd"].checks == ()
    assert found["start"].evidence is not None
    assert found["start"].evidence.section == "3. Avtaleperiode, opsjoner og fornyelse"
    assert review.changes == {"slutt": "2029-03-30", "opsjoner": "", "oppsigelse_mnd": "2"}
    assert review.preticked == ("slutt", "opsjoner")
    card = terms_card(review)
    assert card_errors([card]) == [[]]
    texts = json.dumps(card, ensure_ascii=False)
    assert "Oppsigelsestid (måneder) – endres, sjekk først" in texts
    assert "Sjekk: rundet opp til hele måneder" in texts
    assert (
        "Endret ved tilleggsavtale: Rammeavtale - Printere og multifunksjonsmaskiner.pdf" in texts
    )
    choice = next(b for b in card["body"] if b.get("type") == "Input.ChoiceSet")
    assert choice["value"] == "slutt,opsjoner"
    assert [c["value"] for c in choice["choices"]] == ["slutt", "opsjoner", "oppsigelse_mnd"]


def test_a_document_that_says_two_things_is_shown_with_both_places() -> None:
    from datetime import date

    from skills.contracts.model import Contract
    from skills.contracts.terms import extract_terms
    from skills.contracts.terms_review import DocumentTerms, choose_findings, review_rows
    from skills.documents.text import Passage

    passages = [
        Passage("2. Varighet", None, 1, "heading"),
        Passage("Avtalen gjelder i 2 år fra 1. mars 2025.", None, 2),
        Passage("Bilag 1", None, 3, "heading"),
        Passage("Varighet | 3 år", None, 4, "row", "", ("Varighet", "3 år")),
    ]
    proposal = extract_terms(passages, "Avtale.docx")
    contract = Contract(
        "2025-099", "Test", "Firma AS", "", "a@x.no", "IKT", True, date(2025, 3, 1),
        date(2027, 2, 28), (),
    )  # fmt: skip
    rows = review_rows(
        contract, choose_findings([DocumentTerms("Avtale.docx", None, True, proposal)])
    )
    review = TermsReview("nb", "2025-099", contract, rows, ("Avtale.docx",))
    card = json.dumps(terms_card(review), ensure_ascii=False)
    assert "Merk: dokumentet sier også 36 (Avtale.docx, under «Bilag 1», avsn. 4)." in card
    assert "Sjekk: det står ulike verdier i dokumentene" in card
    # The end computed from the first statement inherits the doubt and is not ticked.
    slutt = next(r for r in rows if r.field == "slutt")
    assert slutt.proposed == "2027-02-28" and not slutt.changed
