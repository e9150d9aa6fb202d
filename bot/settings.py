"""Typed settings read once from the environment and an optional `.env` file.

Everything has an embedded default so `make run` works with no Azure account;
combinations that cannot work (an app type that needs a password without one)
fail at start-up with the variable named, instead of failing on the first turn.
"""

from __future__ import annotations

import ipaddress
import os
import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol, TypedDict
from urllib.parse import urlsplit

from bot.http_guard import ConnectorUrl, parse_connectors
from graph.settings import GraphSettings, GraphSettingsError
from skills.contracts.columns import ColumnMappingError, parse_mapping
from skills.contracts.reminders import parse_tiers
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

APP_TYPES = ("MultiTenant", "SingleTenant", "UserAssignedMSI")
MODEL_PROVIDERS = ("azure_openai", "openai_compatible")


class _Getter(Protocol):
    def __call__(self, name: str, default: str = "", /) -> str: ...


class SettingsError(ValueError):
    """A configuration problem, with the variable to fix in the message."""


def read_env_file(path: Path) -> dict[str, str]:
    """Parse KEY=VALUE lines; the environment always wins over the file."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("export "):
            line = line[len("export ") :]
        key, sep, value = line.partition("=")
        if not sep or not key.strip():
            raise SettingsError(f"{path}:{number}: expected KEY=VALUE, got {raw!r}")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        values[key.strip()] = value
    return values


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


@dataclass(frozen=True)
class Settings:
    app_id: str = ""
    app_password: str = field(default="", repr=False)
    app_type: str = "MultiTenant"
    app_tenant_id: str = ""
    allowed_tenant_ids: frozenset[str] = frozenset()
    host: str = "127.0.0.1"
    port: int = 3978
    state_db: Path = Path("var/state.sqlite3")
    max_body_bytes: int = 256 * 1024
    # A message turn still working after this long is acknowledged (202) and answers
    # proactively: Teams treats a bot that holds the request for ~15 s as failing.
    turn_ack_seconds: float = 10.0
    model: ModelSettings | None = None
    graph: GraphSettings = field(default_factory=GraphSettings)
    # A fixed "today" for demos and tests (ASSISTANT_TODAY=YYYY-MM-DD); None = the real date.
    today: Callable[[], date] | None = None
    reminder_interval_seconds: int = 3600
    # All state (conversation references and the reminder ledger) in Table Storage, so
    # several instances can serve; empty means SQLite in state_db.
    state_table_endpoint: str = ""
    state_table_connection_string: str = field(default="", repr=False)
    state_table_prefix: str = ""
    # The older, ledger-only names: the conversation references stay in SQLite.
    reminder_first_delay_seconds: float = 10.0
    reminder_retry_seconds: int = 300
    # How long a send may take before another instance takes the reminder over (and marks
    # it as possibly repeated); it must outlast a throttled send's waits (4 × 60 s at most).
    reminder_lease_seconds: int = 300
    # Weekly digest day (0 = Monday); None turns digests off.
    reminder_digest_weekday: int | None = 0
    reminder_calendar_events: bool = False
    # A channel (stored conversation id) that also gets every reminder; empty for none.
    reminder_channel: str = ""
    # The channel copies' language (REMINDER_CHANNEL_LANG=nb|nn|en): one team reads them.
    reminder_channel_lang: Lang = "nb"
    reminder_tiers: tuple[int, ...] = (180, 90, 30, 14, 7, 1)
    log_level: str = "INFO"
    # The language for every turn in local mode (LOCAL_LOCALE, e.g. nb-NO): the Playground
    # always sends en-US, and a demo at a Norwegian office should speak bokmål. Ignored
    # when an app id is configured: then Teams' own locale decides.
    local_locale: str = ""
    # Local mode only: the connectors the bot may reply to (LOCAL_CONNECTOR_URLS), the
    # Playground's by default; never a serviceUrl a caller made up.
    # Where the Bot Framework's signing keys are described (tests point it at a loopback
    # stand-in); empty: botbuilder's default for the public cloud.
    openid_metadata_url: str = ""
    local_connectors: tuple[ConnectorUrl, ...] = field(default_factory=lambda: parse_connectors(""))
    # Market-dialogue drafting: who the invitations are from, and the document index.
    buyer_name: str = "Felles innkjøp for fylkeskommunene"
    # What eForms asks about the buyer (BUYER_ORG_NO, BUYER_CITY, BUYER_POSTCODE,
    # BUYER_NUTS, BUYER_PHONE, BUYER_LEGAL_TYPE); blank ones are asked for on the notice.
    buyer_profile: BuyerProfile = field(default_factory=BuyerProfile)
    search_index_path: Path = Path("var/search.sqlite3")
    azure_search_endpoint: str = ""
    azure_search_index: str = "anskaffelsesdokumenter"
    azure_search_key: str = field(default="", repr=False)
    dialogue_schedule: ScheduleDefaults = field(default_factory=ScheduleDefaults)
    # The dated EEA/national threshold table: the bundled one, or an office's updated copy.
    thresholds: ThresholdTable = field(default_factory=lambda: load_thresholds(BUNDLED))
    # Christmas, Easter week and fellesferie: the bundled dates, or the office's own.
    holiday_periods: HolidayPeriods = field(
        default_factory=lambda: load_holiday_periods(BUNDLED_HOLIDAYS)
    )
    # The office's own register column names (CONTRACT_REGISTER_COLUMNS), field -> header.
    register_columns: dict[str, str] = field(default_factory=dict)
    # Where supplier answers to market dialogues arrive: one sub-folder per case.
    dialogue_mail_folder: str = "Innboks/Markedsdialog"
    # The sub-folder of a case folder where supplier answers and meeting notes are kept.
    dialogue_input_folder: str = "Innspill"

    @property
    def state_in_table(self) -> bool:
        return bool(self.state_table_endpoint or self.state_table_connection_string)

    # Application Insights: empty connection string means no exporter is configured.
    applicationinsights_connection_string: str = field(default="", repr=False)
    # Entra ID (managed identity) for ingestion, from APPLICATIONINSIGHTS_AUTHENTICATION_STRING;
    # the client id picks a user-assigned identity, empty means the system-assigned one.
    applicationinsights_entra_auth: bool = False
    applicationinsights_client_id: str = ""
    service_name: str = "anskaffelsesassistenten"

    @property
    def authenticated(self) -> bool:
        """Bot Framework JWTs are checked exactly when an app id is configured."""
        return bool(self.app_id)

    def tenant_allowed(self, tenant_id: str | None) -> bool:
        if not self.allowed_tenant_ids:
            return True
        return tenant_id is not None and tenant_id in self.allowed_tenant_ids

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, env_file: Path | None = Path(".env")
    ) -> Settings:
        env: dict[str, str] = {}
        if env_file is not None:
            env.update(read_env_file(env_file))
        env.update(os.environ if environ is None else environ)

        def get(name: str, default: str = "") -> str:
            return env.get(name, default).strip()

        app_id = get("MicrosoftAppId")
        app_password = get("MicrosoftAppPassword")
        app_type = get("MicrosoftAppType", "MultiTenant") or "MultiTenant"
        tenant_id = get("MicrosoftAppTenantId")
        canonical = {t.lower(): t for t in APP_TYPES}
        if app_type.lower() not in canonical:
            raise SettingsError(
                f"MicrosoftAppType must be one of {', '.join(APP_TYPES)}, got {app_type!r}"
            )
        app_type = canonical[app_type.lower()]
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

        allowed = frozenset(t.strip() for t in get("ALLOWED_TENANT_IDS").split(",") if t.strip())
        if app_id and not allowed:
            if not tenant_id:
                raise SettingsError(
                    "ALLOWED_TENANT_IDS is required when MicrosoftAppId is set "
                    "(comma-separated Entra tenant ids the bot may serve)"
                )
            allowed = frozenset({tenant_id})

        host = get("BOT_HOST", "127.0.0.1")
        port = _int(get("BOT_PORT", "3978"), "BOT_PORT", 1, 65535)
        if not app_id and not _is_loopback(host):
            raise SettingsError(
                f"BOT_HOST={host} is not a loopback address: without MicrosoftAppId the bot "
                "runs unauthenticated and may only listen on 127.0.0.1 or ::1. "
                "Set MicrosoftAppId (and its credentials) to listen on other addresses."
            )

        try:
            graph = GraphSettings.from_env(env)
        except GraphSettingsError as exc:
            raise SettingsError(str(exc)) from None

        fixed_today = get("ASSISTANT_TODAY")
        today: Callable[[], date] | None = None
        if fixed_today:
            try:
                day = date.fromisoformat(fixed_today)
            except ValueError:
                raise SettingsError(
                    f"ASSISTANT_TODAY must be YYYY-MM-DD, got {fixed_today!r}"
                ) from None
            today = lambda: day  # noqa: E731

        try:
            tiers = parse_tiers(get("REMINDER_TIERS", "180,90,30,14,7,1"))
        except ValueError as exc:
            raise SettingsError(f"REMINDER_TIERS: {exc}") from None

        try:
            dialogue_schedule = schedule_defaults_from_env(env)
        except ValueError as exc:
            raise SettingsError(str(exc)) from None
        thresholds_file = get("MARKET_DIALOGUE_THRESHOLDS")
        try:
            thresholds = load_thresholds(Path(thresholds_file) if thresholds_file else BUNDLED)
        except ThresholdError as exc:
            raise SettingsError(f"MARKET_DIALOGUE_THRESHOLDS: {exc}") from None

        try:
            buyer_profile = buyer_profile_from_env(env)
        except ValueError as exc:
            raise SettingsError(str(exc)) from None

        holidays_file = get("MARKET_DIALOGUE_HOLIDAY_PERIODS")
        try:
            holiday_periods = load_holiday_periods(
                Path(holidays_file) if holidays_file else BUNDLED_HOLIDAYS
            )
        except HolidayPeriodError as exc:
            raise SettingsError(f"MARKET_DIALOGUE_HOLIDAY_PERIODS: {exc}") from None

        try:
            register_columns = parse_mapping(get("CONTRACT_REGISTER_COLUMNS"))
        except ColumnMappingError as exc:
            raise SettingsError(f"CONTRACT_REGISTER_COLUMNS: {exc.message('en')}") from None

        digest_raw = get("REMINDER_DIGEST_WEEKDAY", "0").lower()
        digest: int | None = None
        if digest_raw not in ("off", "none", "nei", "-1"):
            digest = _int(digest_raw, "REMINDER_DIGEST_WEEKDAY", 0, 6)
        calendar_raw = get("REMINDER_CALENDAR_EVENTS", "nei").lower()
        if calendar_raw not in ("ja", "yes", "true", "1", "nei", "no", "false", "0"):
            raise SettingsError(f"REMINDER_CALENDAR_EVENTS must be ja or nei, got {calendar_raw!r}")
        channel_lang = get("REMINDER_CHANNEL_LANG", "nb").strip().lower() or "nb"
        if channel_lang not in LANGS:
            raise SettingsError(f"REMINDER_CHANNEL_LANG must be nb, nn or en, got {channel_lang!r}")

        state_tables = _state_tables(get)
        insights_entra, insights_client_id = _insights_auth(
            get("APPLICATIONINSIGHTS_AUTHENTICATION_STRING"), get("AZURE_CLIENT_ID")
        )

        return cls(
            **state_tables,
            applicationinsights_connection_string=_insights_connection_string(
                get("APPLICATIONINSIGHTS_CONNECTION_STRING")
            ),
            applicationinsights_entra_auth=insights_entra,
            applicationinsights_client_id=insights_client_id,
            service_name=get("OTEL_SERVICE_NAME", "anskaffelsesassistenten")
            or "anskaffelsesassistenten",
            reminder_digest_weekday=digest,
            reminder_channel=get("REMINDER_CHANNEL_ID"),
            reminder_channel_lang=as_lang(channel_lang),
            reminder_calendar_events=calendar_raw in ("ja", "yes", "true", "1"),
            reminder_interval_seconds=_int(
                get("REMINDER_INTERVAL_SECONDS", "3600"), "REMINDER_INTERVAL_SECONDS", 0, 86400
            ),
            reminder_first_delay_seconds=float(
                _int(
                    get("REMINDER_FIRST_DELAY_SECONDS", "10"),
                    "REMINDER_FIRST_DELAY_SECONDS",
                    0,
                    3600,
                )
            ),
            reminder_tiers=tiers,
            reminder_lease_seconds=_int(
                get("REMINDER_LEASE_SECONDS", "300"), "REMINDER_LEASE_SECONDS", 5, 3600
            ),
            reminder_retry_seconds=_int(
                get("REMINDER_RETRY_SECONDS", "300"), "REMINDER_RETRY_SECONDS", 0, 86400
            ),
            today=today,
            graph=graph,
            app_id=app_id,
            app_password=app_password,
            app_type=app_type,
            app_tenant_id=tenant_id,
            allowed_tenant_ids=allowed,
            host=host,
            port=port,
            state_db=Path(get("STATE_DB", "var/state.sqlite3")),
            max_body_bytes=_int(
                get("MAX_BODY_BYTES", str(256 * 1024)), "MAX_BODY_BYTES", 1024, 16 * 1024 * 1024
            ),
            turn_ack_seconds=_int(get("TURN_ACK_SECONDS", "10"), "TURN_ACK_SECONDS", 1, 14),
            model=_model_settings(get),
            log_level=get("LOG_LEVEL", "INFO").upper() or "INFO",
            local_locale="" if app_id else _locale(get("LOCAL_LOCALE")),
            local_connectors=_connectors(get("LOCAL_CONNECTOR_URLS")),
            openid_metadata_url=_metadata_url(get("BOT_OPENID_METADATA_URL")),
            buyer_name=get("BUYER_NAME", "Felles innkjøp for fylkeskommunene"),
            buyer_profile=buyer_profile,
            search_index_path=Path(get("SEARCH_INDEX_PATH", "var/search.sqlite3")),
            azure_search_endpoint=_https_url(get("AZURE_SEARCH_ENDPOINT"), "AZURE_SEARCH_ENDPOINT"),
            azure_search_index=get("AZURE_SEARCH_INDEX", "anskaffelsesdokumenter"),
            azure_search_key=get("AZURE_SEARCH_KEY"),
            dialogue_schedule=dialogue_schedule,
            thresholds=thresholds,
            holiday_periods=holiday_periods,
            dialogue_mail_folder=get("DIALOGUE_MAIL_FOLDER", "Innboks/Markedsdialog").strip("/")
            or "Innboks/Markedsdialog",
            dialogue_input_folder=get("DIALOGUE_INPUT_FOLDER", "Innspill").strip("/") or "Innspill",
            register_columns=register_columns,
        )


def _locale(raw: str) -> str:
    """A locale tag such as nb-NO, nn-NO or en-US; anything else is refused at start."""
    value = raw.strip()
    if value and not re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*", value):
        raise SettingsError(f"LOCAL_LOCALE: {value!r} is not a locale such as nb-NO or en-US")
    return value


class _StateTables(TypedDict):
    state_table_endpoint: str
    state_table_connection_string: str
    state_table_prefix: str


def _state_tables(get: _Getter) -> _StateTables:
    """Where state lives: SQLite, or one Table Storage account for all of it. Two sources
    for one thing would leave it to chance which one wins, so that stops."""
    for older in ("LEDGER_TABLE_ENDPOINT", "LEDGER_TABLE_CONNECTION_STRING"):
        if get(older):
            newer = older.replace("LEDGER_", "STATE_")
            raise SettingsError(
                f"{older} is no longer read: set {newer} instead (all state, the reminder "
                "ledger with it, lives in that account)"
            )
    found = {name: get(name) for name in ("STATE_TABLE_ENDPOINT", "STATE_TABLE_CONNECTION_STRING")}
    if all(found.values()):
        raise SettingsError(
            "set STATE_TABLE_ENDPOINT (managed identity) or STATE_TABLE_CONNECTION_STRING, not both"
        )
    state = [name for name, value in found.items() if value]
    prefix = get("STATE_TABLE_PREFIX")
    if prefix and not re.fullmatch(r"[A-Za-z][A-Za-z0-9]{0,39}", prefix):
        raise SettingsError(
            "STATE_TABLE_PREFIX must start with a letter and hold only letters and digits "
            f"(at most 40; Table names allow nothing else), got {prefix!r}"
        )
    if prefix and not state:
        raise SettingsError(
            "STATE_TABLE_PREFIX needs STATE_TABLE_ENDPOINT or STATE_TABLE_CONNECTION_STRING"
        )
    return {
        "state_table_endpoint": _https_url(found["STATE_TABLE_ENDPOINT"], "STATE_TABLE_ENDPOINT"),
        "state_table_connection_string": found["STATE_TABLE_CONNECTION_STRING"],
        "state_table_prefix": prefix,
    }


def _https_url(raw: str, name: str) -> str:
    """Service endpoints carry keys or tokens: only https, except on loopback for tests."""
    if not raw:
        return ""
    if raw.startswith("https://") or raw.startswith(("http://127.0.0.1", "http://localhost")):
        return raw.rstrip("/")
    raise SettingsError(f"{name} must be an https:// URL, got {raw!r}")


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
    key = pairs.get("instrumentationkey", "")
    try:
        uuid.UUID(key)
    except ValueError:
        raise SettingsError(f"{name} needs InstrumentationKey=<a GUID>") from None
    endpoint = pairs.get("ingestionendpoint", "")
    if endpoint:
        _https_url(endpoint, f"{name} IngestionEndpoint")
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


def _int(raw: str, name: str, low: int, high: int) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, got {raw!r}") from None
    if not low <= value <= high:
        raise SettingsError(f"{name} must be between {low} and {high}, got {value}")
    return value


def _metadata_url(raw: str) -> str:
    """https, or http on loopback (a test's stand-in); never plain http elsewhere."""
    url = raw.strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme == "https" or (parts.scheme == "http" and _is_loopback(parts.hostname or "")):
        return url
    raise SettingsError(f"BOT_OPENID_METADATA_URL must be an https URL, got {raw!r}")


def _connectors(raw: str) -> tuple[ConnectorUrl, ...]:
    try:
        return parse_connectors(raw)
    except ValueError as exc:
        raise SettingsError(f"LOCAL_CONNECTOR_URLS: {exc}") from None


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _model_settings(get: _Getter) -> ModelSettings | None:
    endpoint = get("MODEL_ENDPOINT")
    if not endpoint:
        return None
    deployment = get("MODEL_DEPLOYMENT")
    if not deployment:
        raise SettingsError(
            "MODEL_DEPLOYMENT is required when MODEL_ENDPOINT is set "
            "(the Azure OpenAI deployment or the model name)"
        )
    provider = get("MODEL_PROVIDER") or (
        "azure_openai" if ".openai.azure.com" in endpoint else "openai_compatible"
    )
    if provider not in MODEL_PROVIDERS:
        raise SettingsError(
            f"MODEL_PROVIDER must be one of {', '.join(MODEL_PROVIDERS)}, got {provider!r}"
        )
    return ModelSettings(
        provider=provider,
        endpoint=endpoint,
        deployment=deployment,
        api_key=get("MODEL_API_KEY"),
        api_version=get("MODEL_API_VERSION", "2024-10-21") or "2024-10-21",
        turn_seconds=_int(get("MODEL_TURN_SECONDS", "25") or "25", "MODEL_TURN_SECONDS", 3, 120),
    )
