"""Plugin `terms`: read a contract's terms from its documents and, once a person has
confirmed them, write the changed ones to the SharePoint register.

Nothing is written by `propose_terms`. `confirm_terms` gets back exactly the values
the card showed and the register values they were compared with; if the register
changed in between, the confirmation is refused rather than overwriting a newer edit.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Annotated

from semantic_kernel.functions import kernel_function

from graph.errors import GraphGatewayError
from graph.sharepoint import SharePointGateway, SiteRef
from skills.contracts.contract_documents import (
    CASE_ROOT,
    LibraryFile,
    candidate_files,
    names_contract_id,
)
from skills.contracts.model import Contract
from skills.contracts.names import CONFIRM_TERMS, PROPOSE_TERMS
from skills.contracts.plugin import SharePointRegister
from skills.contracts.register import RegisterFormatError
from skills.contracts.terms import extract_terms
from skills.contracts.terms_review import (
    DocumentTerms,
    TermRow,
    check_values,
    choose_findings,
    field_label,
    register_values,
    review_rows,
    stale_fields,
)
from skills.documents.text import MAX_DOCUMENT_BYTES, UnreadableDocument, read_document
from skills.i18n import Lang, current_lang, tr
from skills.progress import report_progress

log = logging.getLogger(__name__)

MAX_DOCUMENTS = 6


@dataclass(frozen=True)
class TermsReview:
    """What the contract's documents say next to what the register says."""

    lang: Lang
    query: str
    contract: Contract | None = None
    rows: tuple[TermRow, ...] = ()
    documents: tuple[str, ...] = ()  # the documents the values were read from
    unread: tuple[str, ...] = ()  # "name: reason" for documents that could not be read
    message: str = ""  # why there is nothing to propose, in the user's language
    url: str = ""

    @property
    def changes(self) -> dict[str, str]:
        """The values the card offers to write (ticked in advance or not)."""
        return {r.field: r.proposed for r in self.rows if r.proposable and r.proposed is not None}

    @property
    def preticked(self) -> tuple[str, ...]:
        """The offered fields nothing casts doubt on."""
        return tuple(r.field for r in self.rows if r.preticked)

    @property
    def expected(self) -> dict[str, str]:
        return {r.field: r.current for r in self.rows if r.changed}

    def __str__(self) -> str:
        if self.message:
            return self.message
        lines = [f"Terms for {self.query} from {', '.join(self.documents)}:"]
        for row in self.rows:
            mark = "*" if row.changed else " "
            lines.append(f"{mark} {row.field}: {row.proposed} (register: {row.current})")
        return "\n".join(lines)


@dataclass(frozen=True)
class TermsConfirmation:
    lang: Lang
    contract_id: str
    status: str  # "updated", "stale", "invalid", "nothing", "not_found"
    message: str
    written: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.message


def _json_object(text: str) -> dict[str, str]:
    try:
        value = json.loads(text or "{}")
    except json.JSONDecodeError:
        return {}
    if not isinstance(value, dict):
        return {}
    return {str(k): "" if v is None else str(v) for k, v in value.items()}


class TermsPlugin:
    """Plugin name `terms`."""

    def __init__(
        self, register: SharePointRegister, gateway: SharePointGateway, root: str = CASE_ROOT
    ) -> None:
        self._register = register
        self._gateway = gateway
        self._root = root

    async def _find(self, query: str) -> Contract | None:
        try:
            register = await self._register.load()
        except RegisterFormatError:
            return None
        wanted = query.strip().lower()
        if not wanted:
            return None
        for contract in register.contracts:
            if contract.contract_id.lower() == wanted:
                return contract
        by_title = [c for c in register.contracts if wanted in c.title.lower()]
        return by_title[0] if len(by_title) == 1 else None

    @kernel_function(
        name=PROPOSE_TERMS.name,
        description=(
            "Read a contract's term, options, option notice and termination notice from its "
            "documents in SharePoint and compare them with the contract register. Changes "
            "nothing; the user confirms on the card."
        ),
    )
    async def propose_terms(
        self, contract_id: Annotated[str, "Contract id, e.g. 2025-017, or words of its title"] = ""
    ) -> TermsReview:
        lang = current_lang()
        query = str(contract_id or "").strip()
        if not query:
            return TermsReview(
                lang,
                query,
                message=tr(
                    lang,
                    "Which contract? Write for example “extract terms from contract 2025-017”.",
                ),
            )
        contract = await self._find(query)
        if contract is None:
            return TermsReview(
                lang,
                query,
                message=tr(
                    lang, "Contract “{query}” is not in the contract register.", query=query
                ),
            )
        site = self._register.site
        assert site is not None  # load() resolved it
        try:
            files = await candidate_files(self._gateway, site, contract, self._root)
        except GraphGatewayError:
            log.warning(
                "could not list the case folders for %s", contract.contract_id, exc_info=True
            )
            return TermsReview(
                lang,
                query,
                contract,
                message=tr(
                    lang,
                    "Could not read the document library ({root}/) in SharePoint. Please try "
                    "again shortly.",
                    root=self._root,
                ),
            )
        return await self._review(lang, query, contract, site, files)

    async def _review(
        self, lang: Lang, query: str, contract: Contract, site: SiteRef, files: list[LibraryFile]
    ) -> TermsReview:
        url = self._register.item_url(contract)
        name = f"{contract.contract_id} {contract.title}"
        if not files:
            return TermsReview(
                lang,
                query,
                contract,
                url=url,
                message=tr(
                    lang,
                    "Found no contract documents for {name} in the case folders under {root}/. "
                    "Put the contract (.docx or .pdf) in the case folder and ask again.",
                    name=name,
                    root=self._root,
                ),
            )
        read: list[DocumentTerms] = []
        unread: list[str] = []
        naming: list[DocumentTerms] = []
        chosen = files[:MAX_DOCUMENTS]
        for number, file in enumerate(chosen, start=1):
            await report_progress(number - 1, len(chosen), tr(lang, "Reading document"))
            try:
                if file.entry.size > MAX_DOCUMENT_BYTES:
                    raise UnreadableDocument(file.name, "too_large")
                data = await self._gateway.download(site, file.entry.id)
                document = read_document(file.name, data)
            except UnreadableDocument as exc:
                unread.append(exc.message(lang))
                continue
            except GraphGatewayError:
                log.warning("could not download %s", file.path, exc_info=True)
                unread.append(tr(lang, "{name}: could not be downloaded", name=file.name))
                continue
            terms = DocumentTerms(
                file.name,
                file.modified,
                file.signed,
                extract_terms(document.passages, file.name),
                len(chosen) - number,
            )
            read.append(terms)
            if names_contract_id(file.path, contract.contract_id) or names_contract_id(
                document.text, contract.contract_id
            ):
                naming.append(terms)
        # Documents naming the contract id speak for it; if none does, the contract-like
        # files of its case folder are the best there is.
        used = [d for d in (naming or read) if d.has_say]
        if not any(d.proposal.findings for d in used):
            reason = (
                tr(
                    lang,
                    "Found no contract period, options or notice periods in the documents for "
                    "{name}.",
                    name=name,
                )
                if read
                else tr(lang, "None of the documents for {name} could be read.", name=name)
            )
            return TermsReview(lang, query, contract, (), (), tuple(unread), reason, url)
        rows = review_rows(contract, choose_findings(used))
        return TermsReview(
            lang, query, contract, rows, tuple(d.name for d in used), tuple(unread), "", url
        )

    @kernel_function(
        name=CONFIRM_TERMS.name,
        description=(
            "Write the contract terms the user confirmed on the card to the contract register."
        ),
    )
    async def confirm_terms(
        self,
        contract_id: Annotated[str, "Contract id"],
        values: Annotated[str, "JSON object: register field -> confirmed value"],
        expected: Annotated[str, "JSON object: register field -> value shown as current"],
        fields: Annotated[str, "Comma-separated fields the user ticked; empty for all"] = "",
    ) -> TermsConfirmation:
        lang = current_lang()
        contract = await self._find(str(contract_id or ""))
        if contract is None:
            return TermsConfirmation(
                lang,
                contract_id,
                "not_found",
                tr(
                    lang,
                    "Contract “{contract_id}” is not in the contract register.",
                    contract_id=contract_id,
                ),
            )
        proposed = _json_object(values)
        ticked = {f.strip() for f in str(fields or "").split(",") if f.strip()}
        if ticked:
            proposed = {k: v for k, v in proposed.items() if k in ticked}
        seen = _json_object(expected)
        stale = stale_fields(contract, {k: seen.get(k, "") for k in proposed})
        if stale:
            labels = ", ".join(field_label(f, lang) for f in stale)
            return TermsConfirmation(
                lang,
                contract.contract_id,
                "stale",
                tr(
                    lang,
                    "The register changed since the proposal ({labels}). Nothing was written; "
                    "ask for the terms again.",
                    labels=labels,
                ),
            )
        try:
            clean = check_values(contract, proposed, lang)
        except ValueError as exc:
            return TermsConfirmation(
                lang,
                contract.contract_id,
                "invalid",
                tr(lang, "Nothing was written. {exc}", exc=exc),
            )
        current = register_values(contract)
        changed = {k: v for k, v in clean.items() if current.get(k) != v}
        if not changed:
            return TermsConfirmation(
                lang,
                contract.contract_id,
                "nothing",
                tr(
                    lang,
                    "The register already has these values for {contract_id}.",
                    contract_id=contract.contract_id,
                ),
            )
        await self._register.update(contract, changed)
        summary = ", ".join(f"{field_label(k, lang)}: {v or '–'}" for k, v in changed.items())
        return TermsConfirmation(
            lang,
            contract.contract_id,
            "updated",
            tr(
                lang,
                "The register is updated for {contract_id} {title}: {summary}.",
                contract_id=contract.contract_id,
                title=contract.title,
                summary=summary,
            ),
            changed,
        )
