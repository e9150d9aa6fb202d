"""Typed settings in sections, read once from the environment and an optional `.env` file.

Every field has its embedded default on the section's dataclass, so `make run` works with
no Azure account; combinations that cannot work (an app type that needs a password without
one) fail at start-up with the variable named, instead of failing on the first turn. Each
section reads its own variables through `bot.env.Env`, the one way to read them.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bot.env import Env, SettingsError, given, https_url, is_loopback, read_env_file
from bot.http_guard import ConnectorUrl, parse_connectors
from graph.settings import GraphSettings, GraphSettingsError
from skills.contracts.columns import ColumnMappingError, parse_mapping
from skills.contracts.reminders import DEFAULT_TIERS, parse_tiers
from skills.i18n import LANGS, Lang, as_lang
from skills.market_dialogue.eforms import BuyerProfile, buyer_profile_from_env
from skills.market_dialogue.holiday_periods import BUNDLED as BUNDLED_HOLIDAYS
from skills.market_dialogue.holiday_periods import (
    HolidayPeriodError,
    HolidayPeriods,
    load_holiday_periods,
)
from skills.market_dialogue.schedule import ScheduleDefaults, schedule_defaults_from_env
from skills.market_dialogue.thresholds import (
    BUNDLED,
    ThresholdError,
    ThresholdTable,
    load_thresholds,
)
from skills.plan.lead_times import LeadTimeError, LeadTimeTable, load_lead_times

__all__ = [
    "BotSettings",
    "ContractSettings",
    "MarketDialogueSettings",
    "ModelSettings",
    "ReminderSettings",
    "SearchSettings",
    "Settings",
    "SettingsError",
    "StateSettings",
    "PlanSettings",
    "SpendSettings",
    "SupplierInputSettings",
    "TelemetrySettings",
    "read_env_file",
]

APP_TYPES = ("MultiTenant", "SingleTenant", "UserAssignedMSI")
MODEL_PROVIDERS = ("azure_openai", "openai_compatible")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


@dataclass(frozen=True)
class BotSettings:
    """The Bot Framework identity, who may talk to the bot, and how it listens."""

    app_id: str = ""
    app_password: str = field(default="", repr=False)
    app_type: str = "MultiTenant"
    app_tenant_id: str = ""
    allowed_tenant_ids: frozenset[str] = frozenset()
    host: str = "127.0.0.1"
    port: int = 3978
    max_body_bytes: int = 256 * 1024
    # A message turn still working after this long is acknowledged (202) and answers
    # proactively: Teams treats a bot that holds the request for ~15 s as failing.
    turn_ack_seconds: float = 10.0
    log_level: str = "INFO"
    # The language for every turn in local mode (LOCAL_LOCALE, e.g. nb-NO): the Playground
    # always sends en-US, and a demo at a Norwegian office should speak bokmål. Ignored
    # when an app id is configured: then Teams' own locale decides.
    local_locale: str = ""
    # Local mode only: the connectors the bot may reply to (LOCAL_CONNECTOR_URLS), the
    # Playground's by default; never a serviceUrl a caller made up.
    local_connectors: tuple[ConnectorUrl, ...] = field(default_factory=lambda: parse_connectors(""))
    # Where the Bot Framework's signing keys are described (tests point it at a loopback
    # stand-in); empty: botbuilder's default for the public cloud.
    openid_metadata_url: str = ""

    @property
    def authenticated(self) -> bool:
        """Bot Framework JWTs are checked exactly when an app id is configured."""
        return bool(self.app_id)

    def tenant_allowed(self, tenant_id: str | None) -> bool:
        if not self.allowed_tenant_ids:
            return True
        return tenant_id is not None and tenant_id in self.allowed_tenant_ids

    @classmethod
    def from_env(cls, env: Env) -> BotSettings:
        app_id = env.raw("MicrosoftAppId")
        app_password = env.raw("MicrosoftAppPassword")
        app_type = env.choice("MicrosoftAppType", APP_TYPES) or cls.app_type
        tenant_id = env.raw("MicrosoftAppTenantId")
        if app_id:
            if app_type in ("SingleTenant", "UserAssignedMSI") and not tenant_id:
                raise SettingsError(
                    f"MicrosoftAppTenantId is required when MicrosoftAppType={app_type}"
                )
            if app_type != "UserAssignedMSI" and not app_password:
                raise SettingsError(
                    f"MicrosoftAppPassword is required when MicrosoftAppType={app_type}"
                    " (or use UserAssignedMSI with a managed identity)"
                )
        elif app_password:
            raise SettingsError("MicrosoftAppId is required when MicrosoftAppPassword is set")
        allowed = frozenset(
            t.strip() for t in env.raw("ALLOWED_TENANT_IDS").split(",") if t.strip()
        )
        if app_id and not allowed:
            if not tenant_id:
                raise SettingsError(
                    "ALLOWED_TENANT_IDS is required when MicrosoftAppId is set "
                    "(comma-separated Entra tenant ids the bot may serve)"
                )
            allowed = frozenset({tenant_id})
        host = env.text("BOT_HOST") or cls.host
        if not app_id and not is_loopback(host):
            raise SettingsError(
                f"BOT_HOST={host} is not a loopback address: without MicrosoftAppId the bot "
                "runs unauthenticated and may only listen on 127.0.0.1 or ::1. "
                "Set MicrosoftAppId (and its credentials) to listen on other addresses."
            )
        return cls(
            app_id=app_id,
            app_password=app_password,
            app_type=app_type,
            app_tenant_id=tenant_id,
            allowed_tenant_ids=allowed,
            host=host,
            **given(
                port=env.integer("BOT_PORT", 1, 65535),
                max_body_bytes=env.integer("MAX_BODY_BYTES", 1024, 16 * 1024 * 1024),
                turn_ack_seconds=env.integer("TURN_ACK_SECONDS", 1, 14),
                log_level=env.choice("LOG_LEVEL", LOG_LEVELS),
                local_locale=None if app_id else _locale(env.raw("LOCAL_LOCALE")),
                local_connectors=_connectors(env.raw("LOCAL_CONNECTOR_URLS")),
                openid_metadata_url=env.https_url("BOT_OPENID_METADATA_URL"),
            ),
        )


@dataclass(frozen=True)
class StateSettings:
    """Conversation references and the reminder ledger: SQLite in `db`, or all of it in one
    Table Storage account, so several instances can serve."""

    db: Path = Path("var/state.sqlite3")
    table_endpoint: str = ""
    table_connection_string: str = field(default="", repr=False)
    table_prefix: str = ""

    @property
    def in_table(self) -> bool:
        return bool(self.table_endpoint or self.table_connection_string)

    @classmethod
    def from_env(cls, env: Env) -> StateSettings:
        """Two sources for one thing would leave it to chance which one wins, so that stops."""
        for older in ("LEDGER_TABLE_ENDPOINT", "LEDGER_TABLE_CONNECTION_STRING"):
            if env.text(older):
                newer = older.replace("LEDGER_", "STATE_")
                raise SettingsError(
                    f"{older} is no longer read: set {newer} instead (all state, the reminder "
                    "ledger with it, lives in that account)"
                )
        endpoint = env.https_url("STATE_TABLE_ENDPOINT")
        connection = env.text("STATE_TABLE_CONNECTION_STRING")
        if endpoint and connection:
            raise SettingsError(
                "set STATE_TABLE_ENDPOINT (managed identity) or STATE_TABLE_CONNECTION_STRING, "
                "not both"
            )
        prefix = env.text("STATE_TABLE_PREFIX")
        if prefix and not re.fullmatch(r"[A-Za-z][A-Za-z0-9]{0,39}", prefix):
            raise SettingsError(
                "STATE_TABLE_PREFIX must start with a letter and hold only letters and digits "
                f"(at most 40; Table names allow nothing else), got {prefix!r}"
            )
        if prefix and not (endpoint or connection):
            raise SettingsError(
                "STATE_TABLE_PREFIX needs STATE_TABLE_ENDPOINT or STATE_TABLE_CONNECTION_STRING"
            )
        return cls(
            **given(
                db=env.path("STATE_DB"),
                table_endpoint=endpoint,
                table_connection_string=connection,
                table_prefix=prefix,
            )
        )


@dataclass(frozen=True)
class ReminderSettings:
    # 0 turns reminders off.
    interval_seconds: int = 3600
    first_delay_seconds: float = 10.0
    retry_seconds: int = 300
    # How long a send may take before another instance takes the reminder over (and marks
    # it as possibly repeated); it must outlast a throttled send's waits (4 × 60 s at most).
    lease_seconds: int = 300
    # Weekly digest day (0 = Monday); None turns digests off.
    digest_weekday: int | None = 0
    calendar_events: bool = False
    # A channel (stored conversation id) that also gets every reminder; empty for none.
    channel: str = ""
    # The channel copies' language (REMINDER_CHANNEL_LANG=nb|nn|en): one team reads them.
    channel_lang: Lang = "nb"
    tiers: tuple[int, ...] = DEFAULT_TIERS  # the domain's own default, written there

    @classmethod
    def from_env(cls, env: Env) -> ReminderSettings:
        tiers = None
        if env.text("REMINDER_TIERS"):
            try:
                tiers = parse_tiers(env.raw("REMINDER_TIERS"))
            except ValueError as exc:
                raise SettingsError(f"REMINDER_TIERS: {exc}") from None
        digest = env.text("REMINDER_DIGEST_WEEKDAY") or ""
        first_delay = env.integer("REMINDER_FIRST_DELAY_SECONDS", 0, 3600)
        lang = env.choice("REMINDER_CHANNEL_LANG", LANGS)
        return cls(
            **given(
                interval_seconds=env.integer("REMINDER_INTERVAL_SECONDS", 0, 86400),
                first_delay_seconds=None if first_delay is None else float(first_delay),
                retry_seconds=env.integer("REMINDER_RETRY_SECONDS", 0, 86400),
                lease_seconds=env.integer("REMINDER_LEASE_SECONDS", 5, 3600),
                calendar_events=env.flag("REMINDER_CALENDAR_EVENTS"),
                channel=env.text("REMINDER_CHANNEL_ID"),
                channel_lang=as_lang(lang) if lang else None,
                tiers=tiers,
            ),
            digest_weekday=None
            if digest.lower() in ("off", "none", "nei", "-1")
            else env.integer("REMINDER_DIGEST_WEEKDAY", 0, 6) or cls.digest_weekday,
        )


@dataclass(frozen=True)
class ContractSettings:
    # The office's own register column names (CONTRACT_REGISTER_COLUMNS), field -> header.
    register_columns: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, env: Env) -> ContractSettings:
        try:
            return cls(register_columns=parse_mapping(env.raw("CONTRACT_REGISTER_COLUMNS")))
        except ColumnMappingError as exc:
            raise SettingsError(f"CONTRACT_REGISTER_COLUMNS: {exc.message('en')}") from None


@dataclass(frozen=True)
class MarketDialogueSettings:
    """Who invitations are from, the lead times, thresholds and holiday periods."""

    buyer_name: str = "Felles innkjøp for fylkeskommunene"
    # What eForms asks about the buyer (BUYER_ORG_NO, BUYER_CITY, BUYER_POSTCODE,
    # BUYER_NUTS, BUYER_PHONE, BUYER_LEGAL_TYPE); blank ones are asked for on the notice.
    buyer_profile: BuyerProfile = field(default_factory=BuyerProfile)
    schedule: ScheduleDefaults = field(default_factory=ScheduleDefaults)
    # The dated EEA/national threshold table: the bundled one, or an office's updated copy.
    thresholds: ThresholdTable = field(default_factory=lambda: load_thresholds(BUNDLED))
    # Christmas, Easter week and fellesferie: the bundled dates, or the office's own.
    holiday_periods: HolidayPeriods = field(
        default_factory=lambda: load_holiday_periods(BUNDLED_HOLIDAYS)
    )

    @classmethod
    def from_env(cls, env: Env) -> MarketDialogueSettings:
        try:
            schedule = schedule_defaults_from_env(env.values)
            buyer_profile = buyer_profile_from_env(env.values)
        except ValueError as exc:
            raise SettingsError(str(exc)) from None
        try:
            thresholds = load_thresholds(env.path("MARKET_DIALOGUE_THRESHOLDS") or BUNDLED)
        except ThresholdError as exc:
            raise SettingsError(f"MARKET_DIALOGUE_THRESHOLDS: {exc}") from None
        try:
            holidays = load_holiday_periods(
                env.path("MARKET_DIALOGUE_HOLIDAY_PERIODS") or BUNDLED_HOLIDAYS
            )
        except HolidayPeriodError as exc:
            raise SettingsError(f"MARKET_DIALOGUE_HOLIDAY_PERIODS: {exc}") from None
        return cls(
            schedule=schedule,
            buyer_profile=buyer_profile,
            thresholds=thresholds,
            holiday_periods=holidays,
            **given(buyer_name=env.text("BUYER_NAME")),
        )


@dataclass(frozen=True)
class SupplierInputSettings:
    # Where supplier answers to market dialogues arrive: one sub-folder per case.
    mail_folder: str = "Innboks/Markedsdialog"
    # The sub-folder of a case folder where supplier answers and meeting notes are kept.
    input_folder: str = "Innspill"

    @classmethod
    def from_env(cls, env: Env) -> SupplierInputSettings:
        return cls(
            **given(
                mail_folder=env.folder("DIALOGUE_MAIL_FOLDER"),
                input_folder=env.folder("DIALOGUE_INPUT_FOLDER"),
            )
        )


@dataclass(frozen=True)
class SpendSettings:
    """Purchasing analysis: the DuckDB file of ledger lines and the library folder the
    office keeps its extracts in (one sub-folder per county under `Regnskap`)."""

    database: Path = Path("var/spend.duckdb")
    folder: str = "Innkjøpsanalyse"

    @classmethod
    def from_env(cls, env: Env) -> SpendSettings:
        return cls(**given(database=env.path("SPEND_DB"), folder=env.folder("SPEND_FOLDER")))


@dataclass(frozen=True)
class PlanSettings:
    """The procurement plan: the SharePoint list it is kept in, the library folder for its
    workbooks, and the lead times it schedules with (dated data, checked at start)."""

    list_name: str = "Anskaffelsesplan"
    folder: str = "Anskaffelsesplan"
    lead_times: LeadTimeTable = field(default_factory=load_lead_times)
    # A channel (stored conversation id) that gets the plan once a month; empty for none.
    channel: str = ""
    # Planned starts as events in the responsible person's calendar, on saving the plan.
    calendar_events: bool = False

    @classmethod
    def from_env(cls, env: Env) -> PlanSettings:
        path = env.path("PLAN_LEAD_TIMES")
        try:
            table = load_lead_times(path) if path else load_lead_times()
        except LeadTimeError as exc:
            raise SettingsError(f"PLAN_LEAD_TIMES: {exc}") from None
        return cls(
            lead_times=table,
            **given(
                list_name=env.text("PLAN_LIST"),
                folder=env.folder("PLAN_FOLDER"),
                channel=env.text("PLAN_CHANNEL_ID"),
                calendar_events=env.flag("PLAN_CALENDAR_EVENTS"),
            ),
        )


@dataclass(frozen=True)
class SearchSettings:
    """The document index: a local SQLite file, or Azure AI Search when an endpoint is set."""

    index_path: Path = Path("var/search.sqlite3")
    azure_endpoint: str = ""
    azure_index: str = "anskaffelsesdokumenter"
    azure_key: str = field(default="", repr=False)

    @classmethod
    def from_env(cls, env: Env) -> SearchSettings:
        return cls(
            **given(
                index_path=env.path("SEARCH_INDEX_PATH"),
                azure_endpoint=env.https_url("AZURE_SEARCH_ENDPOINT"),
                azure_index=env.text("AZURE_SEARCH_INDEX"),
                azure_key=env.text("AZURE_SEARCH_KEY"),
            )
        )


@dataclass(frozen=True)
class TelemetrySettings:
    # Application Insights: empty connection string means no exporter is configured.
    connection_string: str = field(default="", repr=False)
    # Entra ID (managed identity) for ingestion, from APPLICATIONINSIGHTS_AUTHENTICATION_STRING;
    # the client id picks a user-assigned identity, empty means the system-assigned one.
    entra_auth: bool = False
    client_id: str = ""
    service_name: str = "anskaffelsesassistenten"

    @classmethod
    def from_env(cls, env: Env) -> TelemetrySettings:
        entra, client_id = _insights_auth(
            env.raw("APPLICATIONINSIGHTS_AUTHENTICATION_STRING"), env.raw("AZURE_CLIENT_ID")
        )
        return cls(
            connection_string=_insights_connection_string(
                env.raw("APPLICATIONINSIGHTS_CONNECTION_STRING")
            ),
            entra_auth=entra,
            client_id=client_id,
            **given(service_name=env.text("OTEL_SERVICE_NAME")),
        )


@dataclass(frozen=True)
class ModelSettings:
    """A chat model for function calling; absent means the offline engine answers."""

    provider: str
    endpoint: str
    deployment: str
    api_key: str = field(default="", repr=False)
    api_version: str = "2024-10-21"
    # One bound for a model-routed turn, retry included; the offline engine answers after.
    turn_seconds: float = 25.0

    @classmethod
    def from_env(cls, env: Env) -> ModelSettings | None:
        endpoint = env.text("MODEL_ENDPOINT")
        if not endpoint:
            return None
        deployment = env.text("MODEL_DEPLOYMENT")
        if not deployment:
            raise SettingsError(
                "MODEL_DEPLOYMENT is required when MODEL_ENDPOINT is set "
                "(the Azure OpenAI deployment or the model name)"
            )
        provider = env.choice("MODEL_PROVIDER", MODEL_PROVIDERS) or (
            "azure_openai" if ".openai.azure.com" in endpoint else "openai_compatible"
        )
        return cls(
            provider=provider,
            endpoint=endpoint,
            deployment=deployment,
            **given(
                api_key=env.text("MODEL_API_KEY"),
                api_version=env.text("MODEL_API_VERSION"),
                turn_seconds=env.integer("MODEL_TURN_SECONDS", 3, 120),
            ),
        )


@dataclass(frozen=True)
class Settings:
    """All settings, one section per part of the product."""

    bot: BotSettings = field(default_factory=BotSettings)
    graph: GraphSettings = field(default_factory=GraphSettings)
    state: StateSettings = field(default_factory=StateSettings)
    reminders: ReminderSettings = field(default_factory=ReminderSettings)
    contracts: ContractSettings = field(default_factory=ContractSettings)
    market_dialogue: MarketDialogueSettings = field(default_factory=MarketDialogueSettings)
    supplier_input: SupplierInputSettings = field(default_factory=SupplierInputSettings)
    spend: SpendSettings = field(default_factory=SpendSettings)
    plan: PlanSettings = field(default_factory=PlanSettings)
    search: SearchSettings = field(default_factory=SearchSettings)
    telemetry: TelemetrySettings = field(default_factory=TelemetrySettings)
    model: ModelSettings | None = None
    # A fixed "today" for demos and tests (ASSISTANT_TODAY=YYYY-MM-DD); None = the real date.
    today: Callable[[], date] | None = None

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, env_file: Path | None = Path(".env")
    ) -> Settings:
        env = Env.load(environ, env_file)
        try:
            graph = GraphSettings.from_env(env.values)
        except GraphSettingsError as exc:
            raise SettingsError(str(exc)) from None
        return cls(
            bot=BotSettings.from_env(env),
            graph=graph,
            state=StateSettings.from_env(env),
            reminders=ReminderSettings.from_env(env),
            contracts=ContractSettings.from_env(env),
            market_dialogue=MarketDialogueSettings.from_env(env),
            supplier_input=SupplierInputSettings.from_env(env),
            spend=SpendSettings.from_env(env),
            plan=PlanSettings.from_env(env),
            search=SearchSettings.from_env(env),
            telemetry=TelemetrySettings.from_env(env),
            model=ModelSettings.from_env(env),
            today=_today(env.text("ASSISTANT_TODAY")),
        )


def _today(raw: str | None) -> Callable[[], date] | None:
    if raw is None:
        return None
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise SettingsError(f"ASSISTANT_TODAY must be YYYY-MM-DD, got {raw!r}") from None
    return lambda: day


def _locale(raw: str) -> str | None:
    """A locale tag such as nb-NO, nn-NO or en-US; anything else is refused at start."""
    if not raw:
        return None
    if not re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*", raw):
        raise SettingsError(f"LOCAL_LOCALE: {raw!r} is not a locale such as nb-NO or en-US")
    return raw


def _connectors(raw: str) -> tuple[ConnectorUrl, ...] | None:
    if not raw:
        return None
    try:
        return parse_connectors(raw)
    except ValueError as exc:
        raise SettingsError(f"LOCAL_CONNECTOR_URLS: {exc}") from None


def _pairs(raw: str, name: str) -> dict[str, str]:
    """`Key=Value;Key=Value` as Azure writes its connection and authentication strings."""
    pairs: dict[str, str] = {}
    for part in raw.split(";"):
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        if not sep or not key.strip():
            raise SettingsError(f"{name} must be Key=Value pairs separated by ';'")
        pairs[key.strip().lower()] = value.strip()
    return pairs


def _insights_connection_string(raw: str) -> str:
    """Checked at start-up so a typo names the variable instead of silently losing telemetry."""
    if not raw:
        return ""
    name = "APPLICATIONINSIGHTS_CONNECTION_STRING"
    pairs = _pairs(raw, name)
    try:
        uuid.UUID(pairs.get("instrumentationkey", ""))
    except ValueError:
        raise SettingsError(f"{name} needs InstrumentationKey=<a GUID>") from None
    endpoint = pairs.get("ingestionendpoint", "")
    if endpoint:
        https_url(endpoint, f"{name} IngestionEndpoint")
    return raw


def _insights_auth(raw: str, azure_client_id: str) -> tuple[bool, str]:
    """`Authorization=AAD[;ClientId=...]` turns on Entra ID ingestion with a managed identity."""
    if not raw:
        return False, ""
    name = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING"
    pairs = _pairs(raw, name)
    if pairs.get("authorization", "").upper() != "AAD":
        raise SettingsError(f"{name} must be Authorization=AAD[;ClientId=<client id>]")
    return True, pairs.get("clientid", "") or azure_client_id
