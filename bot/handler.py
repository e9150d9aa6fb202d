"""The Teams activity handler: thin glue between Teams events and the router.

Per turn it checks the tenant, remembers the conversation for proactive
messages, picks the user's language, strips the bot's own @-mention and hands
the text to the router. Procurement logic lives in `skills/`.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections import OrderedDict
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from botbuilder.core import InvokeResponse, MessageFactory, TurnContext
from botbuilder.core.teams import TeamsActivityHandler
from botbuilder.schema import (
    ActivityTypes,
    AdaptiveCardInvokeResponse,
    AdaptiveCardInvokeValue,
    ChannelAccount,
)
from semantic_kernel.exceptions import KernelException

from bot.cards import as_attachment, message_card, welcome_card
from bot.conversation_store import ConversationStore, stored_reference
from bot.mentions import strip_own_mention
from bot.progress import TurnProgress
from bot.render import card_for, render, sized_card
from bot.routing import TurnRouter
from bot.settings import Settings
from graph.errors import (
    ForbiddenError,
    GraphGatewayError,
    NotFoundError,
    ThrottledError,
    graph_problem,
)
from skills.assistant.names import HELP, STATUS
from skills.contracts.names import (
    ACKNOWLEDGE,
    CONFIRM_OPTION,
    CONFIRM_TERMS,
    DEADLINES,
    PROPOSE_OPTION,
    PROPOSE_TERMS,
    SNOOZE,
)
from skills.function_names import Fn
from skills.i18n import Lang, current_lang, lang_from_locale, speaking, tr
from skills.market_dialogue.names import DRAFT, START
from skills.plan.names import ADD_ENTRY, CHECK_ENTRY, MARK_STARTED, NEW_ENTRY, SAVE
from skills.progress import progress_to
from skills.supplier_input.names import SUMMARIZE
from skills.turn import Asker, asked_by

log = logging.getLogger(__name__)

CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
WELCOME_WINDOW_SECONDS = 120.0
# Conversation references remembered as saved, so an unchanged one is not written again.
SAVED_REFERENCES = 10_000

# A card button verb -> the kernel function it runs; each verb is declared on its `Fn`.
VERBS: dict[str, Fn] = {
    fn.verb: fn
    for fn in (
        HELP,
        STATUS,
        DEADLINES,
        SUMMARIZE,
        ACKNOWLEDGE,
        SNOOZE,
        PROPOSE_OPTION,
        CONFIRM_OPTION,
        START,
        DRAFT,
        PROPOSE_TERMS,
        CONFIRM_TERMS,
        MARK_STARTED,
        SAVE,
        NEW_ENTRY,
        CHECK_ENTRY,
        ADD_ENTRY,
    )
}


@dataclass
class TurnStarted:
    """Set once the adapter hands a turn to the bot, i.e. once the request's token (if
    any) validated: an exception before that is an authentication failure."""

    value: bool = False


TURN_STARTED: ContextVar[TurnStarted | None] = ContextVar("turn_started", default=None)


def tenant_of(context: TurnContext) -> str | None:
    """Teams puts the tenant in channelData; botbuilder maps `conversation.tenantId` to
    nothing (its model expects `tenantID`), so channelData is read first."""
    activity = context.activity
    channel_data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
    tenant = channel_data.get("tenant") or {}
    value = tenant.get("id") if isinstance(tenant, dict) else None
    if value:
        return str(value)
    conversation = activity.conversation
    if conversation is None:
        return None
    extra = getattr(conversation, "additional_properties", None) or {}
    value = conversation.tenant_id or extra.get("tenantId")
    return str(value) if value else None


def raw_locale_of(context: TurnContext) -> str | None:
    """The Teams locale as sent (`en-US`, `nb-NO`), from the activity or its clientInfo."""
    activity = context.activity
    locale = activity.locale
    if not locale:
        for entity in activity.entities or []:
            props = getattr(entity, "additional_properties", None) or {}
            if getattr(entity, "type", None) == "clientInfo" and props.get("locale"):
                locale = props["locale"]
    return str(locale) if locale else None


class ProcurementBot(TeamsActivityHandler):  # type: ignore[misc]
    def __init__(self, settings: Settings, store: ConversationStore, router: TurnRouter) -> None:
        super().__init__()
        self._settings = settings
        self._store = store
        self._router = router
        self._saved: OrderedDict[str, str] = OrderedDict()

    async def on_turn(self, turn_context: TurnContext) -> None:
        if (started := TURN_STARTED.get()) is not None:
            started.value = True
        tenant = tenant_of(turn_context)
        if not self._settings.bot.tenant_allowed(tenant):
            log.warning(
                "ignored %s activity from tenant %s (not on ALLOWED_TENANT_IDS)",
                turn_context.activity.type,
                tenant,
            )
            return
        await self._remember(turn_context)
        with speaking(lang_from_locale(self._locale(turn_context))):
            await super().on_turn(turn_context)

    def _locale(self, turn_context: TurnContext) -> str | None:
        """The turn's locale: LOCAL_LOCALE in local mode (the Playground always says
        en-US), otherwise what Teams sent."""
        return self._settings.bot.local_locale or raw_locale_of(turn_context)

    async def _remember(self, turn_context: TurnContext) -> None:
        activity = turn_context.activity
        if activity.conversation is None or not activity.conversation.id:
            return
        if activity.type not in (
            ActivityTypes.message,
            ActivityTypes.conversation_update,
            ActivityTypes.installation_update,
            ActivityTypes.invoke,
        ):
            return
        kind = activity.conversation.conversation_type or "personal"
        reference = TurnContext.get_conversation_reference(activity)
        # The locale goes with the reference: reminders later speak the user's language.
        locale = self._locale(turn_context)
        tenant = tenant_of(turn_context)
        # Written only when it changed: most turns repeat the last one's reference.
        key = activity.conversation.id
        # What is stored (keyed by the channel, without the message id that every turn has
        # anew), so an unchanged reference is recognised as unchanged.
        stored = stored_reference(reference).serialize()
        fingerprint = json.dumps([stored, kind, tenant, locale], sort_keys=True)
        if self._saved.get(key) == fingerprint:
            self._saved.move_to_end(key)
            return
        await self._store.save(reference, kind, tenant, locale)
        self._saved[key] = fingerprint
        if len(self._saved) > SAVED_REFERENCES:
            self._saved.popitem(last=False)

    # --- messages -------------------------------------------------------------

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        activity = turn_context.activity
        lang = current_lang()  # set once per turn in on_turn
        bot_id = activity.recipient.id if activity.recipient is not None else ""
        text = strip_own_mention(activity.text or "", activity.entities or [], bot_id)
        if not text:
            await turn_context.send_activity(
                MessageFactory.text(
                    tr(lang, "The message was empty. Tell me what you need, or type “help”.")
                )
            )
            return
        progress = TurnProgress(turn_context, lang)
        progress.start()
        sender = activity.from_property
        asker = Asker(sender.aad_object_id or "", sender.name or "") if sender is not None else None
        try:
            with progress_to(progress), asked_by(asker):
                outcome = await self._router.route(text, lang)
        except Exception as exc:
            problem = graph_problem(exc)
            if problem is None:
                await progress.finish([])
                raise
            await progress.finish([MessageFactory.text(m365_message(problem, lang))])
            return
        await progress.finish(render(outcome.results, outcome.text, lang))

    # --- installation and membership -------------------------------------------

    async def on_installation_update_add(self, turn_context: TurnContext) -> None:
        await self._welcome(turn_context)

    async def on_teams_members_added_dispatch(
        self,
        members_added: list[ChannelAccount],
        team_info: Any,
        turn_context: TurnContext,
    ) -> None:
        # Overridden so no roster look-up happens: only the bot joining matters here.
        await self.on_members_added_activity(members_added, turn_context)

    async def on_members_added_activity(
        self, members_added: list[ChannelAccount], turn_context: TurnContext
    ) -> None:
        # Teams also sends installationUpdate, which carries the locale; greet from that
        # one there. Other channels only have conversationUpdate.
        if turn_context.activity.channel_id == "msteams":
            return
        bot_id = turn_context.activity.recipient.id
        if any(m.id == bot_id for m in members_added):
            await self._welcome(turn_context)

    async def _welcome(self, turn_context: TurnContext) -> None:
        """Teams sends installationUpdate and conversationUpdate together: greet once."""
        key = turn_context.activity.conversation.id
        if not await self._store.claim_welcome(key, WELCOME_WINDOW_SECONDS):
            return
        lang = current_lang()  # set once per turn in on_turn
        await turn_context.send_activity(
            MessageFactory.attachment(as_attachment(welcome_card(lang)))
        )

    # --- card actions -----------------------------------------------------------

    async def on_invoke_activity(self, turn_context: TurnContext) -> InvokeResponse:
        # botbuilder's own adaptiveCard/action path serialises the body twice, which
        # CloudAdapter cannot send; answer Universal Actions here with a model body.
        if turn_context.activity.name != "adaptiveCard/action":
            return await self._other_invoke(turn_context)
        value = turn_context.activity.value
        if not isinstance(value, dict) or not isinstance(value.get("action"), dict):
            return _bad_invoke("missing action")
        response = await self.on_adaptive_card_invoke(
            turn_context, AdaptiveCardInvokeValue(action=value["action"])
        )
        return InvokeResponse(status=200, body=response)

    async def _other_invoke(self, turn_context: TurnContext) -> InvokeResponse:
        """Invokes this app does not declare (message extensions, task modules …) or
        whose value botbuilder cannot read: a 400 and one log line, never a 5xx."""
        name = turn_context.activity.name
        try:
            response = await super().on_invoke_activity(turn_context)
        except (ValueError, TypeError, AttributeError, KeyError) as exc:
            log.info("invoke %r refused: %s", name, type(exc).__name__)
            return _bad_invoke("the invoke's value cannot be read")
        if response is None or response.status == 501:
            log.info("invoke %r refused: not supported by this app", str(name)[:60])
            return _bad_invoke("this app does not support that invoke")
        return response

    async def on_adaptive_card_invoke(
        self, turn_context: TurnContext, invoke_value: AdaptiveCardInvokeValue
    ) -> AdaptiveCardInvokeResponse:
        lang = current_lang()  # set once per turn in on_turn
        action = _as_dict(invoke_value.action)
        verb = action.get("verb")
        target = VERBS.get(verb) if isinstance(verb, str) else None
        if target is None:
            log.warning("unknown card verb %r", str(verb)[:60])
            return _invoke_message(
                tr(lang, "This button is no longer in use. Type “help” to see what I can do.")
            )
        data = _named_inputs(_as_dict(action.get("data")))
        arguments = _verb_arguments(data)
        refusal = self._router.refusal(target.plugin, target.name, arguments)
        if refusal:
            # A button from another version of the app, or data made up: one line, no
            # traceback, and nothing runs.
            log.info("card action %s refused: %s (fields %s)", verb, refusal, sorted(arguments))
            return _invoke_message(
                tr(lang, "The button lacked details I need. Ask me again, e.g. “deadlines”.")
            )
        sender = turn_context.activity.from_property
        asker = Asker(sender.aad_object_id or "", sender.name or "") if sender else None
        try:
            with asked_by(asker):
                results = await self._router.invoke(target.plugin, target.name, **arguments)
        except Exception as exc:
            problem = graph_problem(exc)
            if problem is not None:
                return _invoke_message(m365_message(problem, lang))
            if not isinstance(exc, KernelException | ValueError | TypeError):
                raise
            # Field names only: the values can be form text or supplier details.
            log.warning(
                "card action %s failed: %s (fields %s)", verb, type(exc).__name__, sorted(data)
            )
            return _invoke_message(
                tr(lang, "The button lacked details I need. Ask me again, e.g. “deadlines”.")
            )
        for result in results:
            card = card_for(result)
            if card is not None:
                return AdaptiveCardInvokeResponse(
                    status_code=200, type=CARD_CONTENT_TYPE, value=sized_card(card, lang)
                )
        return _invoke_message(
            tr(lang, "I did not quite understand that. Type “help” to see what I can do.")
        )


def m365_message(problem: GraphGatewayError, lang: Lang) -> str:
    """What the person can do about a Microsoft 365 failure, in their language."""
    if isinstance(problem, ForbiddenError | ThrottledError | NotFoundError):
        log.warning("Microsoft 365 refused the turn: %s", problem)
    if isinstance(problem, ForbiddenError):
        return tr(
            lang,
            "I have no access to this in Microsoft 365 (the permission {permission} is "
            "missing). Ask IT to grant it to the assistant.",
            permission=problem.permission,
        )
    if isinstance(problem, ThrottledError):
        return tr(lang, "Microsoft 365 is busy right now. Please try again in a couple of minutes.")
    if isinstance(problem, NotFoundError):
        return tr(
            lang,
            "I could not find what I looked for in Microsoft 365: {detail}",
            detail=str(problem),
        )
    correlation_id = uuid.uuid4().hex[:12]
    log.error("Microsoft 365 failure correlation_id=%s", correlation_id, exc_info=problem)
    return tr(
        lang,
        "Microsoft 365 did not answer as expected. Please try again shortly. If it keeps "
        "happening, give this code to IT: {correlation_id}",
        correlation_id=correlation_id,
    )


def _as_dict(value: Any) -> dict[str, Any]:
    """botbuilder hands the invoke action over as a dict or as a model, depending on path."""
    if isinstance(value, dict):
        return value
    if value is None:
        return {}
    serialize = getattr(value, "serialize", None)
    result = serialize() if callable(serialize) else {}
    return result if isinstance(result, dict) else {}


def _bad_invoke(message: str) -> InvokeResponse:
    return InvokeResponse(
        status=400,
        body=AdaptiveCardInvokeResponse(
            status_code=400,
            type="application/vnd.microsoft.error",
            value={"code": "BadRequest", "message": message},
        ),
    )


def _invoke_message(text: str) -> AdaptiveCardInvokeResponse:
    """Answer a button with a card holding `text` (Teams replaces the clicked card)."""
    return AdaptiveCardInvokeResponse(
        status_code=200, type=CARD_CONTENT_TYPE, value=message_card(text)
    )


def _named_inputs(data: dict[str, Any]) -> dict[str, Any]:
    """A card with several inputs of one kind (a grouped reminder's snooze choices) gives
    each its own id; the button names the one it reads as `inputs: {argument: input id}`."""
    inputs = data.get("inputs")
    if not isinstance(inputs, dict):
        return data
    named = {k: v for k, v in data.items() if k != "inputs"}
    for argument, input_id in inputs.items():
        if isinstance(argument, str) and isinstance(input_id, str) and input_id in data:
            named[argument] = data[input_id]
    return named


def _verb_arguments(data: dict[str, Any]) -> dict[str, Any]:
    """Only plain values from card data reach kernel functions, as strings: Teams sends
    a number input as a number, and kernel functions take every card value as text."""
    return {
        k: v if isinstance(v, str) else str(v)
        for k, v in data.items()
        if isinstance(k, str) and isinstance(v, str | int | float) and not isinstance(v, bool)
    }
