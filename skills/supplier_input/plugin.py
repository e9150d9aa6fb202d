"""The supplier-input plugin: gather a market dialogue's answers from the procurement
mailbox and the case folder, summarise them with every point traced to its source, and
save the report in the case folder.

Only I/O lives here: finding the case, reading mail and files through `graph/`, and
saving the report. Identifying suppliers, summarising and the report are pure modules.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated

from semantic_kernel.functions import kernel_function

from graph.errors import GraphGatewayError, NotFoundError
from graph.mail import MailGateway, MailMessage
from graph.sharepoint import DriveEntry, SharePointGateway, SiteRef, SiteResolver
from skills.cases import match_cases, nearest_cases
from skills.documents.text import (
    MAX_DOCUMENT_BYTES,
    UnreadableDocument,
    html_to_text,
    is_readable_name,
    read_document,
    read_text,
)
from skills.i18n import N_, Lang, current_lang, tr
from skills.progress import report_progress
from skills.supplier_input.model import InputSummary, NotRead, SourceDocument
from skills.supplier_input.names import SUMMARIZE
from skills.supplier_input.report import render_report
from skills.supplier_input.sources import (
    own_words,
    questions_from_invitation,
    readable_part,
    refers_to_attachment,
)
from skills.supplier_input.summarize import Summarizer, summarize_input
from skills.supplier_input.workbook import render_workbook

log = logging.getLogger(__name__)

_INVITATION = re.compile(r"^(invitasjon|invitation)", re.IGNORECASE)


@dataclass(frozen=True)
class SupplierInputReport:
    lang: Lang
    case: str
    summary: InputSummary
    report_name: str
    report_url: str
    documents: int
    mail_folder_found: bool
    # The case's input folder that was read, "" when the case has none.
    input_folder: str = ""
    # The supplier × question matrix saved beside the report (.xlsx).
    matrix_url: str = ""

    def __str__(self) -> str:
        return (
            f"supplier input for {self.case}: {len(self.summary.suppliers)} suppliers, "
            f"{self.documents} documents, report {self.report_name}"
        )


@dataclass(frozen=True)
class SupplierInputProblem:
    """Why nothing could be summarised, with the cases the user can pick from."""

    lang: Lang
    message: str
    cases: tuple[str, ...] = field(default_factory=tuple)

    def __str__(self) -> str:
        return self.message


class SupplierInputPlugin:
    """Plugin name `supplier_input`."""

    def __init__(
        self,
        sharepoint: SharePointGateway,
        site: SiteResolver,
        mail: MailGateway,
        mailbox: str,
        *,
        mail_root: str,
        input_folder: str,
        cases_root: str = "Saker",
        summarizer: Summarizer | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        self._sharepoint = sharepoint
        self._site = site
        self._mail = mail
        self._mailbox = mailbox
        self._cases_root = cases_root.strip("/")
        self._mail_root = mail_root.strip("/")
        self._input_folder = input_folder.strip("/")
        self._summarizer = summarizer
        self._today = today

    @kernel_function(
        name=SUMMARIZE.name,
        description=(
            "Summarise the suppliers' input to a market dialogue (mail and documents in the "
            "case folder), per supplier and across suppliers, with sources."
        ),
    )
    async def summarize(
        self,
        case: Annotated[str, "The case number or name of the market dialogue, e.g. 2026-014"],
    ) -> SupplierInputReport | SupplierInputProblem:
        lang = current_lang()
        site = await self._site.get()
        folders = [
            e.name
            async for e in self._sharepoint.list_folder(site, self._cases_root)
            if e.is_folder
        ]
        # A folder's exact name (a button on the "which case?" card) is that case.
        exact = [f for f in folders if f == (case or "").strip()]
        matches = exact or match_cases(case or "", folders)
        if not matches:
            near = nearest_cases(case or "", folders)
            return _which_case(lang, case, near or folders, found=False, near=bool(near))
        if len(matches) != 1:
            return _which_case(lang, case, matches)
        name = matches[0]
        step = tr(lang, "Reading input: step")
        await report_progress(1, 4, step)
        case_folder = f"{self._cases_root}/{name}"
        questions = await self._questions(site, case_folder)
        input_found = True
        try:
            documents, not_read = await self._input_files(
                site, f"{case_folder}/{self._input_folder}"
            )
        except NotFoundError:
            documents, not_read, input_found = [], [], False
        await report_progress(2, 4, step)
        mail_found = True
        try:
            mail_docs, mail_not_read = await self._mail_folder(f"{self._mail_root}/{name}")
            documents.extend(mail_docs)
            not_read.extend(mail_not_read)
        except NotFoundError:
            mail_found = False
        if not documents:
            return SupplierInputProblem(
                lang,
                tr(
                    lang,
                    "Found no supplier input for {name}: neither in the folder “{input_folder}” "
                    "of the case nor in the case's mail folder.",
                    name=name,
                    input_folder=self._input_folder,
                ),
            )
        await report_progress(3, 4, step)
        summary = await summarize_input(
            documents, questions, not_read=not_read, summarizer=self._summarizer
        )
        await report_progress(4, 4, step)
        today = self._today()
        report_name = f"Oppsummering av innspill - {name} - {today.isoformat()}.docx"
        data = await asyncio.to_thread(render_report, summary, name, today, "nb")
        folder = f"{self._cases_root}/{name}"
        saved = await self._sharepoint.upload(site, folder, report_name, data)
        matrix = await asyncio.to_thread(render_workbook, summary, questions, "nb")
        sheet = await self._sharepoint.upload(
            site, folder, report_name.removesuffix(".docx") + ".xlsx", matrix
        )
        return SupplierInputReport(
            lang,
            name,
            summary,
            report_name,
            saved.web_url,
            len(documents),
            mail_found,
            self._input_folder if input_found else "",
            sheet.web_url,
        )

    async def _questions(self, site: SiteRef, folder: str) -> list[str]:
        """The numbered questions of the case's invitation (top of the case folder)."""
        async for entry in self._sharepoint.list_folder(site, folder):
            if entry.is_folder or not _INVITATION.search(entry.name):
                continue
            if not is_readable_name(entry.name) or entry.size > MAX_DOCUMENT_BYTES:
                continue
            data = await self._sharepoint.download(site, entry.id)
            try:
                text = await asyncio.to_thread(read_document, entry.name, data)
            except UnreadableDocument:
                continue
            questions = questions_from_invitation(text.passages)
            if questions:
                return questions
        return []

    async def _input_files(
        self, site: SiteRef, folder: str
    ) -> tuple[list[SourceDocument], list[NotRead]]:
        """Every file in the case's input folder is supplier input (answers, meeting
        notes); the office's own documents elsewhere in the case are never read as such."""
        documents: list[SourceDocument] = []
        not_read: list[NotRead] = []
        for entry, path in await self._walk(site, folder):
            if not is_readable_name(entry.name):
                not_read.append(NotRead(path, "unsupported"))
                continue
            if entry.size > MAX_DOCUMENT_BYTES:
                not_read.append(NotRead(path, "too_large"))
                continue
            data = await self._sharepoint.download(site, entry.id)
            try:
                text = await asyncio.to_thread(read_document, entry.name, data)
            except UnreadableDocument as exc:
                not_read.append(NotRead(path, exc.reason))
                continue
            passages, scanned = readable_part(path, text.passages)
            not_read.extend(scanned)
            documents.append(
                SourceDocument(entry.name, entry.web_url, passages, origin="sharepoint")
            )
        return documents, not_read

    async def _walk(self, site: SiteRef, folder: str) -> list[tuple[DriveEntry, str]]:
        found: list[tuple[DriveEntry, str]] = []
        pending = [folder]
        while pending:
            current = pending.pop()
            async for entry in self._sharepoint.list_folder(site, current):
                path = f"{current}/{entry.name}"
                if entry.is_folder:
                    pending.append(path)
                else:
                    found.append((entry, path))
        return sorted(found, key=lambda pair: pair[1])

    async def _mail_folder(self, path: str) -> tuple[list[SourceDocument], list[NotRead]]:
        folder_id = await self._mail.folder_id(self._mailbox, path)
        documents: list[SourceDocument] = []
        not_read: list[NotRead] = []
        async for message in self._mail.messages(self._mailbox, folder_id):
            body = own_words(_body_text(message))
            label = message.subject or message.id
            try:
                passages = read_text(label, body).passages
                documents.append(
                    SourceDocument(
                        label,
                        message.web_link,
                        passages,
                        sender=message.sender_address,
                        origin="mail",
                        group=message.id,
                        sent=message.received,
                        subject=message.subject,
                    )
                )
            except UnreadableDocument:
                pass  # an empty body is normal when the answer is attached
            if not message.has_attachments:
                if refers_to_attachment(body):
                    not_read.append(NotRead(label, "missing_attachment"))
                continue
            try:
                files = await self._mail.attachments(self._mailbox, message.id)
            except GraphGatewayError:
                log.warning("attachments of %s could not be fetched", label, exc_info=True)
                not_read.append(NotRead(label, "attachments_unavailable"))
                continue
            if all(f.name.lower().endswith(_PICTURES) for f in files) and refers_to_attachment(
                body
            ):
                not_read.append(NotRead(label, "missing_attachment"))
            for file in files:
                try:
                    text = await asyncio.to_thread(read_document, file.name, file.content)
                except UnreadableDocument as exc:
                    not_read.append(NotRead(file.name, exc.reason))
                    continue
                passages, scanned = readable_part(file.name, text.passages)
                not_read.extend(scanned)
                documents.append(
                    SourceDocument(
                        file.name,
                        message.web_link,
                        passages,
                        sender=message.sender_address,
                        origin="attachment",
                        group=message.id,
                        sent=message.received,
                        subject=message.subject,
                    )
                )
        return documents, not_read


# Pictures in signatures (image001.png) come as attachments; a mail that says "se vedlegg"
# with only those has lost its answer.
_PICTURES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".emz", ".wmz")


def _body_text(message: MailMessage) -> str:
    if message.body_type.lower() == "html":
        return html_to_text(message.body)
    return message.body


def _which_case(
    lang: Lang, asked: str, candidates: Sequence[str], found: bool = True, near: bool = False
) -> SupplierInputProblem:
    """Several cases fit (shown sorted), or none (the nearest first, else all): as
    buttons on the card."""
    shown = tuple((list(candidates) if near else sorted(candidates))[:12])
    if not found and shown:
        message = tr(lang, "No case matches “{asked}”.", asked=asked) + " "
        message += tr(
            lang, N_("Did you mean one of these?") if near else N_("These are the cases:")
        )
        return SupplierInputProblem(lang, message, shown)
    message = (
        tr(
            lang,
            "I could not find one case for “{asked}”. Give the case number, for example "
            "“summarise input for {case}”.",
            asked=asked,
            case=shown[0].split(" ")[0],
        )
        if shown
        else tr(lang, "I found no case folders.")
    )
    return SupplierInputProblem(lang, message, shown)
