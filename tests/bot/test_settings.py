from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import Settings, SettingsError


def load(env: dict[str, str], env_file: Path | None = None) -> Settings:
    return Settings.from_env(env, env_file=env_file)


def test_defaults_are_local_and_unauthenticated() -> None:
    settings = load({})
    assert settings.bot.host == "127.0.0.1" and settings.bot.port == 3978
    assert not settings.bot.authenticated
    assert settings.model is None
    assert settings.bot.tenant_allowed("any-tenant")


def test_unauthenticated_bot_refuses_a_public_address() -> None:
    with pytest.raises(SettingsError, match="BOT_HOST=0.0.0.0"):
        load({"BOT_HOST": "0.0.0.0"})
    assert load({"BOT_HOST": "::1"}).bot.host == "::1"


def test_single_tenant_names_the_missing_variable() -> None:
    with pytest.raises(SettingsError, match="MicrosoftAppTenantId"):
        load(
            {
                "MicrosoftAppId": "id",
                "MicrosoftAppPassword": "pw",
                "MicrosoftAppType": "SingleTenant",
            }
        )
    with pytest.raises(SettingsError, match="MicrosoftAppPassword"):
        load(
            {
                "MicrosoftAppId": "id",
                "MicrosoftAppType": "SingleTenant",
                "MicrosoftAppTenantId": "t",
            }
        )


def test_managed_identity_needs_no_password_and_allows_its_own_tenant() -> None:
    settings = load(
        {
            "MicrosoftAppId": "id",
            "MicrosoftAppType": "userassignedmsi",
            "MicrosoftAppTenantId": "tenant-a",
            "BOT_HOST": "0.0.0.0",
        }
    )
    assert settings.bot.app_type == "UserAssignedMSI"
    assert settings.bot.authenticated
    assert settings.bot.tenant_allowed("tenant-a") and not settings.bot.tenant_allowed("tenant-b")
    assert not settings.bot.tenant_allowed(None)


def test_multitenant_app_requires_an_allow_list() -> None:
    with pytest.raises(SettingsError, match="ALLOWED_TENANT_IDS"):
        load({"MicrosoftAppId": "id", "MicrosoftAppPassword": "pw"})
    settings = load(
        {"MicrosoftAppId": "id", "MicrosoftAppPassword": "pw", "ALLOWED_TENANT_IDS": "a, b"}
    )
    assert settings.bot.allowed_tenant_ids == {"a", "b"}


def test_unknown_app_type_and_bad_numbers_are_named() -> None:
    with pytest.raises(SettingsError, match="MicrosoftAppType"):
        load({"MicrosoftAppType": "Sometimes"})
    with pytest.raises(SettingsError, match="BOT_PORT"):
        load({"BOT_PORT": "eighty"})
    with pytest.raises(SettingsError, match="MAX_BODY_BYTES"):
        load({"MAX_BODY_BYTES": "10"})


def test_model_settings() -> None:
    with pytest.raises(SettingsError, match="MODEL_DEPLOYMENT"):
        load({"MODEL_ENDPOINT": "https://x.openai.azure.com"})
    azure = load({"MODEL_ENDPOINT": "https://x.openai.azure.com", "MODEL_DEPLOYMENT": "gpt"})
    assert azure.model is not None and azure.model.provider == "azure_openai"
    local = load({"MODEL_ENDPOINT": "http://127.0.0.1:8000/v1", "MODEL_DEPLOYMENT": "llama"})
    assert local.model is not None and local.model.provider == "openai_compatible"
    assert "MODEL_API_KEY" not in repr(local) and "sk-" not in repr(
        load({"MODEL_ENDPOINT": "http://h/v1", "MODEL_DEPLOYMENT": "m", "MODEL_API_KEY": "sk-1"})
    )


def test_env_file_is_read_and_environment_wins(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text('# local\nBOT_PORT=4000\nexport LOG_LEVEL="debug"\n', encoding="utf-8")
    assert load({}, env_file).bot.port == 4000
    assert load({}, env_file).bot.log_level == "DEBUG"
    assert load({"BOT_PORT": "4001"}, env_file).bot.port == 4001


def test_broken_env_file_line_is_reported(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("BOT_PORT 4000\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"\.env:1"):
        load({}, env_file)


def test_market_dialogue_settings() -> None:
    settings = load(
        {
            "MARKET_DIALOGUE_REGISTRATION_DAYS": "15",
            "BUYER_NAME": "Innlandet fylkeskommune",
            "AZURE_SEARCH_ENDPOINT": "https://sok.search.windows.net/",
        }
    )
    assert settings.market_dialogue.schedule.registration_days == 15
    assert settings.market_dialogue.buyer_name == "Innlandet fylkeskommune"
    assert settings.search.azure_endpoint == "https://sok.search.windows.net"
    with pytest.raises(SettingsError, match="MARKET_DIALOGUE_REGISTRATION_DAYS"):
        load({"MARKET_DIALOGUE_REGISTRATION_DAYS": "ti"})
    with pytest.raises(SettingsError, match="AZURE_SEARCH_ENDPOINT must be an https"):
        load({"AZURE_SEARCH_ENDPOINT": "http://sok.example.no"})


def test_the_offices_own_register_columns() -> None:
    settings = load({"CONTRACT_REGISTER_COLUMNS": "kontrakt_id=Avtalenr; Sluttdato=Utløper"})
    assert settings.contracts.register_columns == {"kontrakt_id": "Avtalenr", "slutt": "Utløper"}
    assert load({}).contracts.register_columns == {}
    with pytest.raises(SettingsError, match="CONTRACT_REGISTER_COLUMNS: “utgang” is not a field"):
        load({"CONTRACT_REGISTER_COLUMNS": "utgang=Utløper"})
    with pytest.raises(SettingsError, match="CONTRACT_REGISTER_COLUMNS: “kontrakt_id” is neither"):
        load({"CONTRACT_REGISTER_COLUMNS": "kontrakt_id"})
    with pytest.raises(SettingsError, match="CONTRACT_REGISTER_COLUMNS: .*lacks “=”"):
        load({"CONTRACT_REGISTER_COLUMNS": "kontrakt_id=Nr; slutt"})


def test_the_example_env_file_is_valid_and_holds_no_secret() -> None:
    example = Path(__file__).parents[2] / ".env.example"
    settings = load({}, env_file=example)
    assert settings.supplier_input.mail_folder == "Innboks/Markedsdialog"
    assert settings.state.db == Path("var/state.sqlite3")
    assert not settings.bot.app_password and not settings.search.azure_key


def test_an_updated_threshold_table_comes_from_the_env_file(tmp_path: Path) -> None:
    from datetime import date

    from skills.market_dialogue.brief import ProcurementKind

    table = tmp_path / "terskler.json"
    table.write_text(
        '{"periods": [{"valid_from": "2027-01-01", "valid_to": "2028-12-31", '
        '"confirmed_until": "2028-12-31", "national": 1400000, '
        '"eea_goods_services": 2500000, "eea_works": 60000000}]}',
        encoding="utf-8",
    )
    env_file = tmp_path / ".env"
    env_file.write_text(f"MARKET_DIALOGUE_THRESHOLDS={table}\n", encoding="utf-8")
    settings = load({}, env_file=env_file)
    on = date(2027, 6, 1)
    assert settings.market_dialogue.thresholds.eea_threshold(ProcurementKind.GOODS, on) == 2_500_000
    with pytest.raises(SettingsError, match="MARKET_DIALOGUE_THRESHOLDS"):
        load({"MARKET_DIALOGUE_THRESHOLDS": str(tmp_path / "missing.json")})


def test_local_locale_is_for_local_mode_only_and_must_be_a_locale() -> None:
    assert load({}).bot.local_locale == ""
    assert load({"LOCAL_LOCALE": "nb-NO"}).bot.local_locale == "nb-NO"
    authenticated = load(
        {
            "MicrosoftAppId": "id",
            "MicrosoftAppPassword": "pw",
            "ALLOWED_TENANT_IDS": "a",
            "LOCAL_LOCALE": "nb-NO",
        }
    )
    assert authenticated.bot.local_locale == ""  # Teams' own locale decides
    with pytest.raises(SettingsError, match="LOCAL_LOCALE: 'bokmål please'"):
        load({"LOCAL_LOCALE": "bokmål please"})


def test_defaults_are_written_once_on_the_sections() -> None:
    """Reading an empty environment gives exactly the sections' own defaults."""
    assert load({}) == Settings()


def test_each_variable_lands_in_its_section() -> None:
    settings = load(
        {
            "BOT_PORT": "4100",
            "STATE_DB": "/data/state.sqlite3",
            "REMINDER_INTERVAL_SECONDS": "0",
            "REMINDER_DIGEST_WEEKDAY": "off",
            "REMINDER_CALENDAR_EVENTS": "ja",
            "REMINDER_CHANNEL_LANG": "NN",
            "BUYER_NAME": "Vestland fylkeskommune",
            "DIALOGUE_INPUT_FOLDER": "/Innspel/",
            "AZURE_SEARCH_INDEX": "dokument",
            "OTEL_SERVICE_NAME": "assistent",
        }
    )
    assert settings.bot.port == 4100
    assert str(settings.state.db) == "/data/state.sqlite3" and not settings.state.in_table
    assert settings.reminders.interval_seconds == 0
    assert settings.reminders.digest_weekday is None
    assert settings.reminders.calendar_events is True
    assert settings.reminders.channel_lang == "nn"
    assert settings.reminders.tiers == (180, 90, 30, 14, 7, 1)  # untouched: the default
    assert settings.market_dialogue.buyer_name == "Vestland fylkeskommune"
    assert settings.supplier_input.input_folder == "Innspel"
    assert settings.supplier_input.mail_folder == "Innboks/Markedsdialog"
    assert settings.search.azure_index == "dokument"
    assert settings.telemetry.service_name == "assistent"


@pytest.mark.parametrize(
    "name, value",
    [
        ("REMINDER_CALENDAR_EVENTS", "kanskje"),
        ("REMINDER_LEASE_SECONDS", "2"),
        ("REMINDER_DIGEST_WEEKDAY", "7"),
        ("TURN_ACK_SECONDS", "15"),
        ("MODEL_TURN_SECONDS", "x"),
        ("AZURE_SEARCH_ENDPOINT", "http://search.example.net"),
    ],
)
def test_a_bad_value_names_its_variable(name: str, value: str) -> None:
    env = {name: value}
    if name.startswith("MODEL_"):
        env |= {"MODEL_ENDPOINT": "https://m.openai.azure.com", "MODEL_DEPLOYMENT": "gpt"}
    with pytest.raises(SettingsError, match=name):
        load(env)
