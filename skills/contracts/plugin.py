"""The contracts plugin: answer deadline questions from the live register."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any

from semantic_kernel.functions import kernel_function

from graph.errors import GraphGatewayError
from graph.sharepoint import SharePointGateway, SiteRef, SiteResolver
from graph.users import UsersGateway
from skills.contracts.amendments import COLUMN, OPTION_USED, append_amendment
from skills.contracts.calendar import previous_working_day
from skills.contracts.ledger import Ledger
from skills.contracts.model import Amendment, Contract, Deadline, RowProblem
from skills.contracts.names import CONFIRM_OPTION, DEADLINES, PROPOSE_OPTION
from skills.contracts.queries import (
    ID_LIKE,
    DeadlineQuery,
    find_deadlines,
    kind_text,
    matching_contracts,
    nearest_contracts,
    until_end,
    until_text,
)
from skills.contracts.register import Register, RegisterFormatError, read_rows
from skills.graph_reasons import graph_reason
from skills.i18n import Lang, current_lang, tr
from skills.turn import current_asker

log = logging.getLogger(__name__)


class SharePointRegister:
    """The register list kept in memory and refreshed by delta: only changed rows
    travel after the first read. Its columns are read once, so a list built with
    Norwegian titles is read by the titles people see."""

    def __init__(
        self,
        gateway: SharePointGateway,
        site: SiteResolver,
        list_name: str,
        mapping: Mapping[str, str] | None = None,
    ) -> None:
        self._gateway = gateway
        self._sites = site
        self._list = list_name
        self._mapping = dict(mapping or {})
        self._titles: dict[str, str] | None = None
        self._delta_link = ""
        self._items: dict[str, dict[str, Any]] = {}
        self._names: dict[str, str] = {}

    @property
    def site(self) -> SiteRef | None:
        return self._sites.known

    async def load(self) -> Register:
        """The register, or RegisterFormatError when the list is empty or its columns
        cannot be recognised."""
        site = await self._sites.get()
        if self._titles is None:
            self._titles = await self._gateway.list_columns(site, self._list)
        result = await self._gateway.delta(site, self._list, self._delta_link)
        for item in result.items:
            self._items[item.id] = item.fields
        self._delta_link = result.delta_link
        # Problems name the item's ID: what people see in the list and in its links.
        rows = [
            (_as_int(item_id), fields, item_id)
            for item_id, fields in sorted(self._items.items(), key=lambda pair: _as_int(pair[0]))
        ]
        register = read_rows(rows, self._mapping, self._titles, self._list, place="item")
        self._names = register.names
        return register

    def column(self, name: str) -> str:
        """The list's internal name for a register field (the field's name if unknown)."""
        return self._names.get(name, name)

    async def update(self, contract: Contract, fields: dict[str, str]) -> None:
        """Write changed fields back to the list under the list's own column names; the
        next load sees them by delta. A field the list has no column for is skipped."""
        site = self._sites.known
        if site is None or not contract.item_id:
            raise ValueError(f"{contract.contract_id} has no SharePoint row to update")
        known = self._names or {name: name for name in fields}
        changes = {known[name]: value for name, value in fields.items() if name in known}
        await self._gateway.update_fields(site, self._list, contract.item_id, changes)

    def raw_field(self, contract: Contract, column: str) -> str:
        """A column's text as the list holds it (for appending without rewriting)."""
        fields = self._items.get(contract.item_id or "", {})
        wanted = self.column(column).lower()
        value = next((v for k, v in fields.items() if str(k).lower() == wanted), None)
        return "" if value is None else str(value)

    def item_url(self, contract: Contract) -> str:
        site = self._sites.known
        if site is None or not contract.item_id:
            return ""
        return f"{site.web_url}/Lists/{self._list}/DispForm.aspx?ID={contract.item_id}"


def _as_int(value: str) -> int:
    return int(value) if value.isdigit() else 0


@dataclass(frozen=True)
class DeadlineRow:
    contract: Contract
    deadline: Deadline
    days_left: int
    url: str


@dataclass(frozen=True)
class DeadlineReport:
    lang: Lang
    today: date
    within_days: int
    scope: str
    rows: tuple[DeadlineRow, ...]
    # Rows left out and cells not read, with row number, the office's column and why.
    problems: tuple[RowProblem, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)
    # Set when the register as a whole could not be read (empty, columns not found).
    register_error: str = ""
    # Columns of the register that were not read, said in the user's language.
    column_notes: tuple[str, ...] = ()
    # The contract the person asked about when the register has none by that id or those
    # words, and the contracts they may have meant.
    not_found: str = ""
    suggestions: tuple[Contract, ...] = ()
    # The one contract an id question is about, shown with its facts and actions.
    contract: Contract | None = None
    contract_url: str = ""
    # "mine kontrakter": every contract the asker owns, not only those with a deadline soon.
    owned: tuple[Contract, ...] = ()
    # What was understood besides the contract words ("neste 30 dager, dine kontrakter"),
    # said when those words match nothing, with a button for that much alone.
    understood: str = ""
    mine: bool = False

    @property
    def register_errors(self) -> int:
        """How many rows were left out."""
        return sum(1 for p in self.problems if p.left_out)

    def __str__(self) -> str:
        lines = [f"Deadlines from {self.today.isoformat()} ({self.scope}):"]
        for row in self.rows:
            lines.append(
                f"- {row.deadline.due.isoformat()} ({row.days_left} days) "
                f"{row.contract.contract_id} {row.contract.title}: "
                f"{kind_text(row.deadline.kind, 'en')}"
            )
        if not self.rows:
            lines.append("- none")
        return "\n".join(lines)


class ContractsPlugin:
    """Plugin name `contracts`."""

    def __init__(
        self,
        register: SharePointRegister,
        users: UsersGateway | None,
        today: Callable[[], date] = date.today,
    ) -> None:
        self._register = register
        self._users = users
        self._today = today

    @kernel_function(
        name=DEADLINES.name,
        description=(
            "List contract deadlines (option notices, termination notices, expiry, final "
            "expiry, when to start the next procurement) from the contract register."
        ),
    )
    async def deadlines(
        self,
        within_days: Annotated[int, "How many days ahead to look; 90 unless the user says"] = 90,
        mine: Annotated[bool, "True when the user asks about their own contracts"] = False,
        contract: Annotated[
            str, "A contract id, or words from a title, category or supplier; empty for all"
        ] = "",
        until: Annotated[
            str, "Instead of days: to the end of 'week', 'month', 'quarter', 'year' or a year"
        ] = "",
    ) -> DeadlineReport:
        lang = current_lang()
        within = max(0, min(int(within_days), 3650))
        owner = ""
        notes: list[str] = []
        if _truthy(mine):
            owner = await self._asker_mail()
            if not owner:
                notes.append(
                    tr(
                        lang,
                        "I could not tell who you are in Microsoft 365, so I show all contracts.",
                    )
                )
        today = self._today()
        end = until_end(today, str(until or ""))
        if end is not None:
            within = (end - today).days
        period = until_text(str(until).strip().lower(), end, lang) if end else ""
        text = str(contract or "").strip()
        scope = _scope(lang, within, owner, text, period)
        try:
            register = await self._register.load()
        except RegisterFormatError as exc:
            return DeadlineReport(
                lang, today, within, scope, (), (), tuple(notes), exc.message(lang)
            )
        if text and not matching_contracts(register.contracts, text):
            # Never "no deadlines" for a contract that is not there: say so, and offer
            # the ones the person may have meant.
            return DeadlineReport(
                lang,
                today,
                within,
                scope,
                (),
                tuple(register.problems),
                tuple(notes),
                not_found=text,
                suggestions=tuple(nearest_contracts(register.contracts, text)),
                understood=_scope(lang, within, owner, "", period),
                mine=bool(owner),
            )
        found = find_deadlines(
            register.contracts, today, DeadlineQuery(within, owner, str(contract or ""))
        )
        rows = tuple(
            DeadlineRow(c, d, d.days_left(today), self._register.item_url(c)) for c, d in found
        )
        # One contract named (by id, or words only it matches): its facts and actions too.
        named = matching_contracts(register.contracts, text) if text else []
        one = named[0] if len(named) == 1 else None
        return DeadlineReport(
            lang,
            today,
            within,
            scope,
            rows,
            tuple(register.problems),
            tuple(notes),
            column_notes=tuple(register.column_notes(lang)),
            contract=one,
            contract_url=self._register.item_url(one) if one else "",
            owned=tuple(
                sorted(
                    (c for c in register.contracts if owner and c.owner == owner and c.active),
                    key=lambda c: (c.period_end, c.contract_id),
                )
            )
            if not text
            else (),
        )

    async def _asker_mail(self) -> str:
        asker = current_asker()
        if asker is None or not asker.aad_object_id or self._users is None:
            return ""
        try:
            person = await self._users.resolve(asker.aad_object_id)
        except Exception:
            log.warning("could not resolve the asking user", exc_info=True)
            return ""
        return (person.mail or person.user_principal_name).lower()


def _truthy(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "ja", "yes", "1")
    return bool(value)


def _scope(lang: Lang, within: int, owner: str, text: str, period: str = "") -> str:
    if ID_LIKE.search(text.lower()):
        # An id shows every coming deadline of that contract, whatever the window.
        parts = [tr(lang, "all coming deadlines")]
    elif period:
        parts = [period]
    else:
        parts = [tr(lang, "next {within} days", within=within)]
    if owner:
        parts.append(tr(lang, "your contracts"))
    if text:
        parts.append(tr(lang, "“{text}”", text=text))
    return ", ".join(parts)


@dataclass(frozen=True)
class OptionProposal:
    """What using the next option changes in the register, shown before anything is
    written: a person confirms first."""

    lang: Lang
    contract: Contract
    new_end: date
    remaining: str
    confirmed: bool = False

    def __str__(self) -> str:
        state = "updated" if self.confirmed else "proposed"
        return (
            f"{state}: {self.contract.contract_id} new end {self.new_end.isoformat()}, "
            f"remaining options '{self.remaining}'"
        )


@dataclass(frozen=True)
class OptionProblem:
    """Why an option could not be proposed or recorded; nothing was written."""

    lang: Lang
    text: str

    def __str__(self) -> str:
        return self.text


def _format_options(months: tuple[int, ...]) -> str:
    if all(m % 12 == 0 for m in months):
        return "+".join(str(m // 12) for m in months)
    return "+".join(f"{m}m" for m in months)


class OptionActionsPlugin:
    """Plugin name `options`: record that a contract's next option is used."""

    def __init__(
        self,
        register: SharePointRegister,
        ledger: Ledger,
        today: Callable[[], date] = date.today,
    ) -> None:
        self._register = register
        self._ledger = ledger
        self._today = today

    async def _contract(self, contract_id: str) -> Contract | OptionProblem:
        try:
            register = await self._register.load()
        except RegisterFormatError as exc:
            return OptionProblem(current_lang(), exc.message(current_lang()))
        for contract in register.contracts:
            if contract.contract_id == contract_id:
                return contract
        return _problem("Contract {contract_id} is not in the register.", contract_id=contract_id)

    def _proposal(
        self, contract: Contract, confirmed: bool = False
    ) -> OptionProposal | OptionProblem:
        if not contract.options_months:
            return _problem(
                "{contract_id} has no options left in the register.",
                contract_id=contract.contract_id,
            )
        new_end = contract.extended_by(contract.options_months[0])
        remaining = _format_options(contract.options_months[1:])
        return OptionProposal(current_lang(), contract, new_end, remaining, confirmed)

    @kernel_function(
        name=PROPOSE_OPTION.name, description="Show what using a contract's next option changes."
    )
    async def propose_option(
        self, contract_id: Annotated[str, "Contract id"]
    ) -> OptionProposal | OptionProblem:
        contract = await self._contract(contract_id)
        if isinstance(contract, OptionProblem):
            return contract
        return self._proposal(contract)

    @kernel_function(
        name=CONFIRM_OPTION.name,
        description="Record a confirmed option: move the end date and reduce the options.",
    )
    async def confirm_option(
        self,
        contract_id: Annotated[str, "Contract id"],
        expected_end: Annotated[str, "The end date the person confirmed, YYYY-MM-DD"],
    ) -> OptionProposal | OptionProblem:
        contract = await self._contract(contract_id)
        if isinstance(contract, OptionProblem):
            return contract
        proposal = self._proposal(contract, confirmed=True)
        if isinstance(proposal, OptionProblem):
            return proposal
        if proposal.new_end.isoformat() != expected_end:
            return _problem(
                "The register changed since the proposal, so nothing was written. Press “Option "
                "used” again for {contract_id}.",
                contract_id=contract_id,
            )
        asker = current_asker()
        amendment = Amendment(
            self._today(),
            OPTION_USED,
            contract.period_end,
            proposal.new_end,
            asker.name if asker is not None else "",
        )
        history = append_amendment(self._register.raw_field(contract, COLUMN), amendment)
        try:
            await self._register.update(
                contract,
                {
                    "slutt": proposal.new_end.isoformat(),
                    "opsjoner": proposal.remaining,
                    COLUMN: history,
                },
            )
        except GraphGatewayError as exc:
            log.warning("option for %s not written", contract_id, exc_info=True)
            return _problem(
                "Could not write to the register in SharePoint ({exc}). Nothing changed; try "
                "again later.",
                exc=graph_reason(exc),
            )
        # The option notice this was about is handled: no more reminders for it.
        await self._ledger.acknowledge(
            (
                contract.contract_id,
                "option_notice",
                previous_working_day(contract.option_notice).isoformat(),
            ),
            "option used",
        )
        return proposal


def _problem(message: str, /, **values: object) -> OptionProblem:
    lang = current_lang()
    return OptionProblem(lang, tr(lang, message, **values))
