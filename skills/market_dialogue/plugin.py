"""The market-dialogue plugin: from a chat request (or a contract about to run out) to a
form, and from the submitted form to an invitation in the case folder, the Doffin text
and an Outlook draft to suppliers.

The plugin only wires the I/O: the brief, the schedule, the texts and the document are
built by the pure modules beside it.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Annotated

from semantic_kernel.functions import KernelArguments, kernel_function

from graph.errors import GraphGatewayError, NotFoundError
from graph.mail import DraftFile, MailGateway, MailMessage
from graph.sharepoint import SharePointGateway, SiteRef, SiteResolver
from graph.users import UsersGateway
from skills.cases import match_cases
from skills.contracts.model import Contract
from skills.contracts.plugin import SharePointRegister
from skills.contracts.register import RegisterFormatError
from skills.graph_reasons import graph_reason
from skills.i18n import Lang, current_lang, tr
from skills.market_dialogue.brief import (
    Brief,
    BriefError,
    missing_fields,
    parse_brief,
)
from skills.market_dialogue.draft import Draft, build_draft
from skills.market_dialogue.eforms import BuyerProfile
from skills.market_dialogue.form import (
    DialogueForm,
    DraftFields,
    brief_data,
    formats_of,
    from_contract,
    safe_name,
    schedule_values,
    split_list,
)
from skills.market_dialogue.holiday_periods import HolidayPeriods
from skills.market_dialogue.invitation import (
    draft_mail_fingerprint,
    made_by_the_assistant,
    mail_fingerprint,
    untouched_draft_for,
)
from skills.market_dialogue.names import DRAFT, START
from skills.market_dialogue.prose import Example, ProseWriter
from skills.market_dialogue.request import month_day, parse_request
from skills.market_dialogue.schedule import (
    ScheduleDefaults,
    ScheduleError,
    propose_schedule,
)
from skills.market_dialogue.thresholds import ThresholdTable
from skills.progress import report_progress
from skills.search.model import DocumentIndex
from skills.search.sync import sync_library
from skills.turn import current_asker

log = logging.getLogger(__name__)

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_INVITATION = re.compile(r"invitasjon|invitation|(^|/)maler/", re.IGNORECASE)
_ADDRESS = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_EMAIL = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[a-z]{2,}$", re.IGNORECASE)


@dataclass(frozen=True)
class InvitationReady:
    lang: Lang
    brief: Brief
    draft: Draft
    folder: str
    document_url: str
    mail_to: tuple[str, ...]
    mail_link: str
    notes: tuple[str, ...] = field(default_factory=tuple)
    # Why the notice is (not) also in English, in the reader's language.
    reasons: tuple[str, ...] = field(default_factory=tuple)
    notice_url: str = ""  # the eForms XML in the case folder, when one was made

    def __str__(self) -> str:
        return (
            f"invitation '{self.brief.title}' saved as {self.folder}/{self.draft.file_name}; "
            f"Outlook draft to {len(self.mail_to)} suppliers"
        )


class MarketDialoguePlugin:
    """Plugin name `market_dialogue`."""

    def __init__(
        self,
        sharepoint: SharePointGateway,
        site: SiteResolver,
        mail: MailGateway,
        mailbox: str,
        *,
        index: DocumentIndex | None = None,
        users: UsersGateway | None = None,
        register: SharePointRegister | None = None,
        writer: ProseWriter | None = None,
        buyer: str = "",
        library_folders: Sequence[str] = ("Maler", "Saker"),
        supplier_lists_folder: str = "Leverandørlister",
        defaults: ScheduleDefaults | None = None,
        thresholds: ThresholdTable | None = None,
        holidays: HolidayPeriods | None = None,
        buyer_profile: BuyerProfile | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        self._buyer_profile = buyer_profile or BuyerProfile()
        self._thresholds = thresholds
        self._holidays = holidays
        self._lists_folder = supplier_lists_folder.strip("/")
        self._defaults = defaults
        self._sharepoint = sharepoint
        self._site = site
        self._mail = mail
        self._mailbox = mailbox
        self._index = index
        self._users = users
        self._register = register
        self._writer = writer
        self._buyer = buyer
        self._folders = tuple(library_folders)
        self._today = today
        self._sync_lock = asyncio.Lock()

    # --- the form ------------------------------------------------------------------------

    @kernel_function(
        name=START.name,
        description=(
            "Start drafting an invitation to a market dialogue (markedsdialog): shows a form "
            "pre-filled with what the user's request says."
        ),
    )
    async def start(
        self,
        request: Annotated[str, "The user's request in their own words"] = "",
        contract_id: Annotated[str, "A contract whose replacement is being procured"] = "",
    ) -> DialogueForm:
        lang = current_lang()
        today = self._today()
        facts = parse_request(request or "")
        values: dict[str, str] = {"buyer": self._buyer}
        found = facts.as_fields()
        for key in ("title", "kind"):
            if found.get(key):
                values[key] = str(found[key])
        if facts.estimated_value_nok is not None:
            values["estimated_value_nok"] = str(facts.estimated_value_nok)
        formats = list(facts.formats)
        notes: list[str] = []
        if contract_id:
            contract = await self._contract(contract_id)
            if contract is None:
                notes.append(
                    tr(
                        lang,
                        "Contract {contract_id} is not in the register.",
                        contract_id=contract_id,
                    )
                )
            else:
                values.update(from_contract(contract))
        values.update(await self._contact())
        if values.get("title"):
            values["case_folder"] = await self._case_folder(values["title"])
        values["formats"] = ",".join(formats or ["written", "one_to_one"])
        fixed: dict[str, date] = {}
        for fmt, month in facts.months.items():
            slot = {"conference": "conference", "one_to_one": "meetings"}.get(fmt)
            if slot:
                fixed[slot] = month_day(today, month)
        values.update(self._schedule_values(values["formats"], today, fixed, notes, lang))
        missing = tuple(missing_fields(brief_data(values)))
        return await self._form(lang, values, missing, tuple(notes), contract_id)

    async def _free_name(self, site: SiteRef, folder: str, name: str) -> str:
        """`name`, or "name (2).docx" when the case folder already holds a file by that
        name: an invitation someone has edited is never overwritten. The assistant's own
        draft for this case that nobody has saved since is replaced, so a retried click
        updates the draft instead of adding another."""
        try:
            entries = {e.name.lower(): e async for e in self._sharepoint.list_folder(site, folder)}
        except NotFoundError:
            return name  # a new folder: nothing to collide with
        stem, dot, suffix = name.rpartition(".")
        number = 1
        candidate = name
        while (entry := entries.get(candidate.lower())) is not None:
            # The first of "name", "name (2)" … that is the assistant's untouched draft
            # for this case is replaced; one a person saved is passed over.
            if not entry.is_folder and untouched_draft_for(
                await self._sharepoint.download(site, entry.id), folder
            ):
                return entry.name
            number += 1
            candidate = f"{stem} ({number}){dot}{suffix}"
        return candidate

    async def _case_folder(self, title: str) -> str:
        """The case's existing folder under Saker/ when exactly one is named by the
        title's own words ("2026-014 Skolemøbler" for "Markedsdialog om skolemøbler"), so a
        later summary of the input finds one case, not two; else a new folder's name."""
        new = f"Saker/{safe_name('Markedsdialog ' + title)}"
        try:
            site = await self._site.get()
            folders = [
                entry.name
                async for entry in self._sharepoint.list_folder(site, "Saker")
                if entry.is_folder
            ]
        except GraphGatewayError:
            return new
        found = match_cases(title, folders)
        return f"Saker/{found[0]}" if len(found) == 1 else new

    async def _form(
        self,
        lang: Lang,
        values: dict[str, str],
        missing: tuple[str, ...],
        errors: tuple[str, ...],
        origin: str,
    ) -> DialogueForm:
        if not values.get("buyer_org_no"):
            values["buyer_org_no"] = self._buyer_profile.org_no
        lists = tuple(sorted(await self._saved_lists()))
        return DialogueForm(lang, values, missing, errors, origin, lists)

    async def _saved_lists(self) -> dict[str, str]:
        """Saved supplier lists: list name -> file id, from the library folder."""
        if not self._lists_folder:
            return {}
        try:
            site = await self._site.get()
            return {
                entry.name.rsplit(".", 1)[0]: entry.id
                async for entry in self._sharepoint.list_folder(site, self._lists_folder)
                if not entry.is_folder and entry.name.lower().endswith((".txt", ".csv"))
            }
        except GraphGatewayError:
            log.info("no saved supplier lists in %s", self._lists_folder, exc_info=True)
            return {}

    async def _list_addresses(self, names: Sequence[str]) -> tuple[list[str], list[str]]:
        """The addresses in the chosen saved lists, and the names that do not exist."""
        saved = await self._saved_lists()
        site = await self._site.get()
        addresses: list[str] = []
        unknown: list[str] = []
        for name in names:
            if name not in saved:
                unknown.append(name)
                continue
            text = (await self._sharepoint.download(site, saved[name])).decode(
                "utf-8", errors="replace"
            )
            addresses.extend(_ADDRESS.findall(text))
        return addresses, unknown

    def _schedule_values(
        self, formats: str, today: date, fixed: dict[str, date], notes: list[str], lang: Lang
    ) -> dict[str, str]:
        chosen = split_list(formats)
        try:
            schedule = propose_schedule(
                formats_of(chosen), today, fixed, self._defaults, self._holidays
            )
        except ScheduleError as exc:
            # A month from the chat that cannot fit: propose without it and say so.
            notes.append(exc.message(lang))
            schedule = propose_schedule(
                formats_of(chosen), today, None, self._defaults, self._holidays
            )
        return schedule_values(schedule)

    async def _contract(self, contract_id: str) -> Contract | None:
        if self._register is None:
            return None
        try:
            register = await self._register.load()
        except RegisterFormatError:
            return None
        return next((c for c in register.contracts if c.contract_id == contract_id), None)

    async def _contact(self) -> dict[str, str]:
        asker = current_asker()
        if asker is None or not asker.aad_object_id or self._users is None:
            return {"contact_name": asker.name} if asker and asker.name else {}
        try:
            person = await self._users.resolve(asker.aad_object_id)
        except GraphGatewayError:
            log.warning("could not look up the asking user", exc_info=True)
            return {"contact_name": asker.name} if asker.name else {}
        return {
            "contact_name": person.display_name or asker.name,
            "contact_email": person.mail or person.user_principal_name,
        }

    # --- the draft -----------------------------------------------------------------------

    @kernel_function(
        name=DRAFT.name,
        description=(
            "Draft the market-dialogue invitation from the completed form: save the .docx in "
            "the case folder, prepare the Doffin notice text and an Outlook draft to suppliers."
        ),
    )
    async def draft(
        self, arguments: KernelArguments | None = None
    ) -> DialogueForm | InvitationReady:
        """Semantic Kernel hands a card's whole data over as `arguments`; it becomes one
        typed form at once (unknown keys are not fields), so nothing below reads raw data."""
        form = DraftFields.from_values(arguments or {})
        if not form.buyer:
            form = replace(form, buyer=self._buyer)
        return await self._draft(form)

    async def _draft(self, form: DraftFields) -> DialogueForm | InvitationReady:
        lang = current_lang()
        origin = form.origin
        values = form.values()
        chosen_lists = split_list(form.supplier_lists)
        if chosen_lists:
            listed, unknown = await self._list_addresses(chosen_lists)
            if unknown:
                message = tr(lang, "Supplier list not found: {lists}", lists=", ".join(unknown))
                return await self._form(lang, values, ("suppliers",), (message,), origin)
            typed = split_list(form.suppliers.replace(" ", ","))
            merged = list(dict.fromkeys(a.lower() for a in [*typed, *listed]))
            form = replace(form, suppliers=", ".join(merged), supplier_lists="")
            values = form.values()
        data = brief_data(values)
        missing = tuple(missing_fields(data))
        if missing:
            return await self._form(lang, values, missing, (), origin)
        bad = [s for s in data.get("suppliers", []) if not _EMAIL.match(s)]
        if bad:
            message = tr(
                lang,
                "These supplier addresses do not look like e-mail addresses: {addresses}",
                addresses=", ".join(bad),
            )
            return await self._form(lang, values, ("suppliers",), (message,), origin)
        try:
            brief = parse_brief(data)
        except BriefError as exc:
            return await self._form(lang, values, (exc.field,), (exc.message(lang),), origin)
        if not brief.case_folder:
            brief = replace(brief, case_folder=await self._case_folder(brief.title))
        step = tr(lang, "Drafting the invitation: step")
        await report_progress(1, 3, step)
        examples, notes = await self._examples(brief, lang)
        try:
            await report_progress(2, 3, step)
            made = await build_draft(
                brief,
                self._today(),
                examples=examples,
                writer=self._writer,
                defaults=self._defaults,
                thresholds=self._thresholds,
                holidays=self._holidays,
                buyer=self._buyer_profile,
                lang=lang,
            )
        except ScheduleError as exc:
            return await self._form(lang, values, (exc.field,), (exc.message(lang),), origin)
        await report_progress(3, 3, step)
        notes.extend(made.schedule.note_texts(lang))
        try:
            site = await self._site.get()
            name = await self._free_name(site, brief.case_folder, made.file_name)
            if name != made.file_name:
                made = replace(made, file_name=name)
            saved = await self._sharepoint.upload(site, brief.case_folder, name, made.docx)
        except GraphGatewayError as exc:
            # Nothing was saved: give the form back as filled in, with the reason.
            log.warning("invitation not saved in %s", brief.case_folder, exc_info=True)
            message = tr(
                lang,
                "Could not save the invitation in SharePoint ({exc}). Nothing was saved; try "
                "again, or choose another case folder.",
                exc=graph_reason(exc),
            )
            return await self._form(lang, values, (), (message,), origin)
        notice_url = ""
        if made.eforms is not None and made.eforms.xml is not None:
            try:
                notice_url = (
                    await self._sharepoint.upload(
                        site, brief.case_folder, made.notice_file_name, made.eforms.xml
                    )
                ).web_url
            except GraphGatewayError:
                log.warning("eForms notice not saved in %s", brief.case_folder, exc_info=True)
                notes.append(
                    tr(lang, "The invitation is saved, but the eForms notice could not be saved.")
                )
        if made.eforms is not None:
            notes.extend(f"{f.label(lang)}: {f.problem(lang)}" for f in made.eforms.problems)
            notes.extend(note.say(lang) for note in made.eforms.notes)
        mail_link = ""
        if brief.suppliers:
            mail_link = await self._mail_draft(brief, made, notes, lang)
        else:
            notes.append(tr(lang, "No supplier addresses given, so no Outlook draft was made."))
        reasons = made.doffin.reasons
        return InvitationReady(
            lang,
            brief,
            made,
            brief.case_folder,
            saved.web_url,
            brief.suppliers,
            mail_link,
            tuple(notes),
            reasons,
            notice_url,
        )

    async def _own_untouched_draft(self, made: Draft, case_folder: str) -> MailMessage | None:
        """The Outlook draft the assistant made for this case, if nobody has changed it:
        same subject, one attachment that is the assistant's untouched .docx for this case,
        and a body whose text still matches the fingerprint that .docx carries. Anything
        else (a colleague's edit, another case with the same title) gets a new draft."""
        earlier = await self._mail.draft_by_subject(self._mailbox, made.mail_subject)
        if earlier is None:
            return None
        visible, bcc, attached = await self._mail.draft_envelope(self._mailbox, earlier.id)
        if attached != 1 or visible != [self._mailbox.lower()]:
            return None  # a file or link added, or someone put in To or Cc
        files = await self._mail.attachments(self._mailbox, earlier.id)
        if len(files) != 1 or not untouched_draft_for(files[0].content, case_folder):
            return None
        if draft_mail_fingerprint(files[0].content) != mail_fingerprint(earlier.body, bcc):
            return None  # the text or the suppliers in Bcc were changed
        return earlier

    async def _mail_draft(self, brief: Brief, made: Draft, notes: list[str], lang: Lang) -> str:
        """The Outlook draft's link, or "" with a note when Graph refused it."""
        try:
            # Suppliers in Bcc, the procurement mailbox in To: no supplier learns who
            # else was invited (equal treatment, and their identities are not shared).
            files = [DraftFile(made.file_name, DOCX_TYPE, made.docx)]
            # The draft this case already has (a retried click) is updated, not repeated,
            # but only while it is exactly as the assistant made it.
            earlier = await self._own_untouched_draft(made, brief.case_folder)
            if earlier is not None:
                draft_mail = await self._mail.update_draft(
                    self._mailbox,
                    earlier.id,
                    made.mail_subject,
                    made.mail_html,
                    [self._mailbox],
                    files,
                    bcc=list(brief.suppliers),
                )
            else:
                draft_mail = await self._mail.create_draft(
                    self._mailbox,
                    made.mail_subject,
                    made.mail_html,
                    [self._mailbox],
                    files,
                    bcc=list(brief.suppliers),
                )
        except GraphGatewayError as exc:
            log.warning("no Outlook draft for %s", brief.title, exc_info=True)
            notes.append(
                tr(
                    lang,
                    "The invitation is saved, but the Outlook draft could not be made ({exc}). "
                    "Make it in Outlook, or try again.",
                    exc=graph_reason(exc),
                )
            )
            return ""
        return draft_mail.web_link

    async def _examples(self, brief: Brief, lang: Lang) -> tuple[list[Example], list[str]]:
        """The closest earlier invitations and templates; drafting goes on without them."""
        if self._index is None:
            return [], []
        try:
            async with self._sync_lock:
                site = await self._site.get()
                synced = await sync_library(self._sharepoint, site, self._folders, self._index)
                log.info(
                    "library index synced: added=%d updated=%d deleted=%d unreadable=%d",
                    synced.added,
                    synced.updated,
                    synced.deleted,
                    len(synced.unreadable),
                )
            hits = await self._index.search(f"markedsdialog {brief.title} {brief.need}", top=12)
        except Exception:
            log.warning("the document index could not be used for this draft", exc_info=True)
            return [], [
                tr(
                    lang,
                    "Earlier invitations could not be searched now; the draft follows the "
                    "standard template.",
                )
            ]
        # Only the office's own invitations and templates are style examples: supplier
        # answers and contracts in the same case folders are not.
        candidates = [h for h in hits if _INVITATION.search(f"{h.path} {h.name}")]
        examples: list[Example] = []
        for hit in candidates:
            if len(examples) == 3:
                break
            if hit.name.lower().endswith(".docx"):
                try:
                    if made_by_the_assistant(await self._sharepoint.download(site, hit.id)):
                        continue  # the assistant's own earlier draft is not an example
                except GraphGatewayError:
                    continue
            examples.append(Example(hit.name, hit.url, hit.text))
        return examples, []
