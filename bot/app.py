"""The app factory: wires settings, adapter, storage, kernel and routes."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from aiohttp import web
from botbuilder.core import MessageFactory, TurnContext
from botbuilder.integration.aiohttp import (
    CloudAdapter,
    ConfigurationBotFrameworkAuthentication,
)
from botbuilder.schema import Activity, ActivityTypes
from msgraph.graph_service_client import GraphServiceClient
from semantic_kernel.connectors.ai.chat_completion_client_base import ChatCompletionClientBase

from bot.cards import Card
from bot.conversation_store import ConversationStore
from bot.diagnostics import Check, CheckOutcome, DiagnosticsPlugin
from bot.handler import TURN_STARTED, ProcurementBot, TurnStarted
from bot.http_guard import Rejected, check_local_caller, check_shape, read_activity
from bot.model_turn import ModelLimits
from bot.plan_cards import plan_card
from bot.proactive import ProactiveMessenger
from bot.reminders import MonthlyPlan, ReminderScheduler
from bot.routing import TurnRouter, build_chat_service, quiet_semantic_kernel
from bot.settings import Settings
from bot.signing_keys import SigningKeys, degraded, install
from bot.state import describe_state, open_state
from bot.telemetry import request_spans
from graph.calendar import CalendarGateway
from graph.client import build_graph_client, close_graph_client
from graph.mail import MailGateway
from graph.sharepoint import SharePointGateway, SiteResolver
from graph.users import UsersGateway
from skills.assistant.names import DIAGNOSTICS
from skills.contracts.actions import ReminderActionsPlugin
from skills.contracts.ledger import Ledger
from skills.contracts.names import CONTRACTS, OPTIONS, REMINDERS, TERMS
from skills.contracts.plugin import ContractsPlugin, OptionActionsPlugin, SharePointRegister
from skills.contracts.terms_plugin import TermsPlugin
from skills.i18n import N_, Lang, lang_from_locale, speaking, tr
from skills.kernel import build_kernel
from skills.market_dialogue.names import MARKET_DIALOGUE
from skills.market_dialogue.plugin import MarketDialoguePlugin
from skills.market_dialogue.prose import ModelProse
from skills.plan.names import PLAN
from skills.plan.plugin import PlanPlugin
from skills.search.model import DocumentIndex
from skills.spend.names import SPEND
from skills.spend.plugin import SpendFolders, SpendPlugin
from skills.supplier_input.model_engine import ModelSummarizer
from skills.supplier_input.names import SUPPLIER_INPUT
from skills.supplier_input.plugin import SupplierInputPlugin

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BotServices:
    """What a running bot is made of, each part built once in `build_services`; the
    clients that hold connections are closed once, in reverse order, by `resources`."""

    settings: Settings
    adapter: CloudAdapter
    bot: ProcurementBot
    store: ConversationStore
    router: TurnRouter
    messenger: ProactiveMessenger
    resources: contextlib.AsyncExitStack
    graph: GraphServiceClient | None = None
    scheduler: ReminderScheduler | None = None
    index: DocumentIndex | None = None
    ledger: Ledger | None = None


SERVICES = web.AppKey("services", BotServices)
SIGNING_KEYS = web.AppKey("signing_keys", dict[str, SigningKeys])
RUNNING_TURNS = web.AppKey("running_turns", set[asyncio.Future[Any]])


class _AdapterConfig:
    """The attribute names botbuilder's configuration-based auth reads."""

    def __init__(self, settings: Settings) -> None:
        self.APP_ID = settings.bot.app_id
        self.APP_PASSWORD = settings.bot.app_password
        self.APP_TYPE = settings.bot.app_type
        self.APP_TENANTID = settings.bot.app_tenant_id


def build_adapter(settings: Settings) -> CloudAdapter:
    adapter = CloudAdapter(ConfigurationBotFrameworkAuthentication(_AdapterConfig(settings)))

    async def on_error(context: TurnContext, error: Exception) -> None:
        correlation_id = uuid.uuid4().hex[:12]
        log.error(
            "turn failed correlation_id=%s activity_type=%s conversation=%s",
            correlation_id,
            context.activity.type,
            context.activity.conversation.id if context.activity.conversation else None,
            exc_info=error,
        )
        if context.activity.type in (ActivityTypes.message, ActivityTypes.invoke):
            lang = lang_from_locale(context.activity.locale)
            try:
                await context.send_activity(
                    MessageFactory.text(
                        tr(
                            lang,
                            "Sorry, something went wrong and I could not finish. Please try "
                            "again shortly. If it keeps happening, give this code to IT: "
                            "{correlation_id}",
                            correlation_id=correlation_id,
                        )
                    )
                )
            except Exception:
                log.exception("could not tell the user about correlation_id=%s", correlation_id)

    adapter.on_turn_error = on_error
    return adapter


def monthly_plan_card(plan: PlanPlugin) -> MonthlyPlan:
    """The month's plan message as the scheduler asks for it: a card in the channel's
    language, or None when nothing must start."""

    async def card(today: date, lang: Lang) -> Card | None:
        with speaking(lang):
            answer = await plan.soon(today, lang)
        return plan_card(answer) if answer is not None else None

    return card


def build_index(settings: Settings, resources: contextlib.AsyncExitStack) -> DocumentIndex:
    """Azure AI Search when configured (key, else the managed identity), else on disk;
    closed (with its credential) by `resources`."""
    if settings.search.azure_endpoint:
        from azure.core.credentials import AzureKeyCredential
        from azure.core.credentials_async import AsyncTokenCredential
        from azure.identity.aio import DefaultAzureCredential

        from skills.search.azure_index import AzureSearchIndex

        credential: AzureKeyCredential | AsyncTokenCredential
        if settings.search.azure_key:
            credential = AzureKeyCredential(settings.search.azure_key)
        else:
            credential = DefaultAzureCredential()
            resources.push_async_callback(credential.close)
        index: DocumentIndex = AzureSearchIndex(
            settings.search.azure_endpoint, settings.search.azure_index, credential
        )
    else:
        from skills.search.local_index import LocalIndex

        index = LocalIndex(settings.search.index_path)
    resources.push_async_callback(index.close)
    return index


def build_services(
    settings: Settings, chat_service: ChatCompletionClientBase | None = None
) -> BotServices:
    resources = contextlib.AsyncExitStack()
    state = open_state(settings)
    resources.push_async_callback(state.resources.aclose)
    store, ledger = state.store, state.ledger
    if chat_service is None and settings.model is not None:
        chat_service = build_chat_service(settings.model, resources)
    model_name = settings.model.deployment if settings.model is not None else ""
    engine = f"model:{model_name}" if chat_service is not None else "offline"

    async def check_store() -> CheckOutcome:
        await store.all()
        return "ok", describe_state(settings)

    async def check_model() -> CheckOutcome:
        return ("ok", model_name) if chat_service is not None else ("off", "")

    graph_client = build_graph_client(settings.graph) if settings.graph.configured else None
    if graph_client is not None:
        resources.push_async_callback(close_graph_client, graph_client)
    # One gateway of each kind over the one Graph client, and the office's site looked up
    # once, shared by every skill.
    sharepoint = SharePointGateway(graph_client) if graph_client is not None else None
    mail = MailGateway(graph_client) if graph_client is not None else None
    users = UsersGateway(graph_client) if graph_client is not None else None
    site = (
        SiteResolver(sharepoint, settings.graph.site_host, settings.graph.site_path)
        if sharepoint is not None
        else None
    )

    async def check_graph() -> CheckOutcome:
        if sharepoint is None:
            return "off", ""
        # Asked afresh: a status check must not answer from what was looked up before.
        found = await sharepoint.resolve_site(settings.graph.site_host, settings.graph.site_path)
        return "ok", found.name or found.web_url

    checks = [
        Check(N_("Storage"), check_store),
        Check(N_("Language model"), check_model),
        Check(N_("Microsoft 365 (Graph)"), check_graph),
    ]
    today = settings.today or date.today
    plugins: dict[str, object] = {
        DIAGNOSTICS: DiagnosticsPlugin(checks, engine),
    }
    register: SharePointRegister | None = None
    plan: PlanPlugin | None = None
    index: DocumentIndex | None = None
    if graph_client is not None and sharepoint and mail and users and site:
        register = SharePointRegister(
            sharepoint,
            site,
            settings.graph.register_list,
            settings.contracts.register_columns,
        )
        plugins[CONTRACTS] = ContractsPlugin(register, users, today)
        plugins[REMINDERS] = ReminderActionsPlugin(ledger, today, register)
        plugins[OPTIONS] = OptionActionsPlugin(register, ledger, today)
        index = build_index(settings, resources)
        plugins[MARKET_DIALOGUE] = MarketDialoguePlugin(
            sharepoint,
            site,
            mail,
            settings.graph.mailbox,
            index=index,
            users=users,
            register=register,
            writer=ModelProse(chat_service) if chat_service is not None else None,
            buyer=settings.market_dialogue.buyer_name,
            defaults=settings.market_dialogue.schedule,
            thresholds=settings.market_dialogue.thresholds,
            holidays=settings.market_dialogue.holiday_periods,
            buyer_profile=settings.market_dialogue.buyer_profile,
            today=today,
        )
        plugins[SUPPLIER_INPUT] = SupplierInputPlugin(
            sharepoint,
            site,
            mail,
            settings.graph.mailbox,
            mail_root=settings.supplier_input.mail_folder,
            input_folder=settings.supplier_input.input_folder,
            summarizer=ModelSummarizer(chat_service) if chat_service is not None else None,
            today=today,
        )
        plugins[TERMS] = TermsPlugin(register, sharepoint)
        spend = SpendPlugin(
            sharepoint,
            site,
            register,
            settings.spend.database,
            settings.market_dialogue.thresholds,
            SpendFolders(root=settings.spend.folder),
            today,
        )
        resources.callback(spend.close)
        plugins[SPEND] = spend
        plan = PlanPlugin(
            sharepoint,
            site,
            register,
            settings.plan.lead_times,
            settings.market_dialogue.thresholds,
            spend,
            list_name=settings.plan.list_name,
            folder=settings.plan.folder,
            today=today,
            calendar=CalendarGateway(graph_client) if settings.plan.calendar_events else None,
        )
        plugins[PLAN] = plan
    else:
        plugins[REMINDERS] = ReminderActionsPlugin(ledger, today)
    kernel = build_kernel(plugins)
    limits = ModelLimits(turn_seconds=settings.model.turn_seconds) if settings.model else None
    router = TurnRouter(kernel, chat_service, model_name, limits)
    adapter = build_adapter(settings)
    bot = ProcurementBot(settings, store, router)
    messenger = ProactiveMessenger(
        adapter, store, settings.bot.app_id, open_chats=settings.bot.authenticated
    )
    scheduler = None
    if register is not None and graph_client is not None and users is not None:
        scheduler = ReminderScheduler(
            register,
            ledger,
            users,
            messenger,
            today,
            settings.reminders.tiers,
            tenant_id=settings.bot.app_tenant_id or None,
            retry_failed_seconds=settings.reminders.retry_seconds,
            lease_seconds=settings.reminders.lease_seconds,
            digest_weekday=settings.reminders.digest_weekday,
            calendar=CalendarGateway(graph_client) if settings.reminders.calendar_events else None,
            channel=settings.reminders.channel,
            channel_lang=settings.reminders.channel_lang,
            monthly_plan=monthly_plan_card(plan) if plan is not None else None,
            plan_channel=settings.plan.channel,
        )
    return BotServices(
        settings=settings,
        adapter=adapter,
        bot=bot,
        store=store,
        router=router,
        messenger=messenger,
        resources=resources,
        graph=graph_client,
        scheduler=scheduler,
        index=index,
        ledger=ledger,
    )


def _error(status: int, code: str, message: str) -> web.Response:
    return web.json_response({"error": {"code": code, "message": message}}, status=status)


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@web.middleware
async def error_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """No stack trace ever leaves the process; the log keeps it with a correlation id."""
    try:
        return await handler(request)
    except web.HTTPException:
        raise
    except Exception:
        correlation_id = uuid.uuid4().hex[:12]
        log.exception("request failed correlation_id=%s path=%s", correlation_id, request.path)
        return _error(500, "InternalError", f"internal error, correlation id {correlation_id}")


async def messages(request: web.Request) -> web.StreamResponse:
    services = request.app[SERVICES]
    settings = services.settings
    try:
        body = await read_activity(request, settings.bot.max_body_bytes)
        check_shape(body)
        if not settings.bot.authenticated:
            check_local_caller(request, body, settings.bot.local_connectors)
        try:
            Activity().deserialize(body)
        except Exception:
            raise Rejected(
                400, "BadRequest", "the activity does not match the Bot Framework schema"
            ) from None
    except Rejected as rejected:
        log.info("refused %s %s: %s", rejected.status, request.path, rejected.message)
        return rejected.response()
    started = TurnStarted()
    token = TURN_STARTED.set(started)
    try:
        turn = asyncio.ensure_future(services.adapter.process(request, services.bot))
        if await _still_working(turn, started, settings.bot.turn_ack_seconds, body):
            # A long turn (a summary, a slow model) is acknowledged now and answers in the
            # conversation when done; an invoke's answer is its response, so it waits, and
            # so does a request still being authenticated (it may yet be refused: 401).
            _keep_running(request.app, turn)
            log.info("turn still working after %.0f s: acknowledged", settings.bot.turn_ack_seconds)
            return web.Response(status=202)
        response = await turn
    except Exception as exc:
        if started.value or not settings.bot.authenticated:
            raise
        # Nothing of the turn ran, so the token did not validate (or its keys could not
        # be fetched): closed, with one line and no traceback.
        log.warning("refused 401 %s: the token did not validate (%s)", request.path, _brief(exc))
        return _error(401, "Unauthorized", "the request is not authorized")
    finally:
        TURN_STARTED.reset(token)
    return response if response is not None else web.Response(status=201)


def _quick_retry_policy() -> None:
    """botbuilder makes two msrest clients per turn, and each builds its retry policy by
    testing 999 status codes against a 500-item list (about 5 ms, a fifth of a turn).
    The same codes as a frozenset give the same policy in microseconds."""
    from msrest.universal_http.requests import ClientRetryPolicy

    if not isinstance(ClientRetryPolicy.safe_codes, frozenset):
        ClientRetryPolicy.safe_codes = frozenset(ClientRetryPolicy.safe_codes)  # type: ignore[assignment]


async def _still_working(
    turn: asyncio.Future[Any], started: TurnStarted, ack_seconds: float, body: dict[str, Any]
) -> bool:
    """Whether the turn should be acknowledged now: it has been running for
    `ack_seconds` since it was authenticated and is not an invoke. Checked every quarter
    of a second, so a slow authentication does not use up the turn's time."""
    if body.get("type") == "invoke":
        return False
    loop = asyncio.get_running_loop()
    since: float | None = None
    while not turn.done():
        now = loop.time()
        if started.value and since is None:
            since = now
        if since is not None and now - since >= ack_seconds:
            return True
        await asyncio.wait({turn}, timeout=0.25)
    return False


def _keep_running(app: web.Application, turn: asyncio.Future[Any]) -> None:
    running = app[RUNNING_TURNS]
    running.add(turn)

    def finished(task: asyncio.Future[Any]) -> None:
        running.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("acknowledged turn failed", exc_info=task.exception())

    turn.add_done_callback(finished)


async def _running_turns(app: web.Application) -> AsyncIterator[None]:
    """Acknowledged turns finish before the services close (bounded by their own
    deadlines), or are cancelled when the process stops."""
    running: set[asyncio.Future[Any]] = set()
    app[RUNNING_TURNS] = running
    yield
    pending = set(running)
    if pending:
        _, late = await asyncio.wait(pending, timeout=30)
        for task in late:
            task.cancel()


def _brief(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {str(exc)[:200]}"


async def healthz(request: web.Request) -> web.Response:
    """Always answers (200): a key endpoint that is down makes the bot refuse tokens, not
    die, so a liveness probe must not restart it; the outage is reported here."""
    services = request.app[SERVICES]
    body: dict[str, Any] = {
        "status": "ok",
        "engine": services.router.engine,
        "auth": services.settings.bot.authenticated,
    }
    if degraded(request.app[SIGNING_KEYS]):
        body["status"] = "degraded"
        body["signing_keys"] = "unavailable"
    return web.json_response(body)


async def _reminders(app: web.Application) -> AsyncIterator[None]:
    """Run the reminder scheduler beside the web server, stopped with it."""
    services = app[SERVICES]
    task = None
    if services.scheduler is not None and services.settings.reminders.interval_seconds > 0:
        task = asyncio.create_task(
            services.scheduler.run(
                services.settings.reminders.interval_seconds,
                services.settings.reminders.first_delay_seconds,
            )
        )
        log.info(
            "reminders on: every %ss, tiers %s",
            services.settings.reminders.interval_seconds,
            services.settings.reminders.tiers,
        )
    yield
    if task is not None:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def close_services(services: BotServices) -> None:
    """Close every client that holds connections (Graph, the index, the state stores),
    each once, the last opened first."""
    await services.resources.aclose()


async def _services(app: web.Application) -> AsyncIterator[None]:
    """The services live as long as the app: closed after everything that uses them
    (cleanup contexts unwind in reverse, and this one is first)."""
    yield
    await close_services(app[SERVICES])


def create_app(
    settings: Settings, *, chat_service: ChatCompletionClientBase | None = None
) -> web.Application:
    app = web.Application(
        client_max_size=settings.bot.max_body_bytes, middlewares=[request_spans, error_middleware]
    )
    quiet_semantic_kernel()
    _quick_retry_policy()
    app[SERVICES] = build_services(settings, chat_service)
    app[SIGNING_KEYS] = (
        install(settings.bot.openid_metadata_url) if settings.bot.authenticated else {}
    )
    app.router.add_post("/api/messages", messages)
    app.router.add_get("/healthz", healthz)
    app.cleanup_ctx.append(_services)
    app.cleanup_ctx.append(_reminders)
    app.cleanup_ctx.append(_running_turns)
    if not settings.bot.authenticated:
        log.warning(
            "no MicrosoftAppId configured: running UNAUTHENTICATED for local development "
            "on %s only",
            settings.bot.host,
        )
    log.info("answer engine: %s", app[SERVICES].router.engine)
    return app


__all__ = ["SERVICES", "BotServices", "close_services", "create_app"]
