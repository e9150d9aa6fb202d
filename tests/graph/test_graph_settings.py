from __future__ import annotations

import pytest

from graph.client import StaticTokenProvider, build_credential
from graph.settings import GraphSettings, GraphSettingsError


def test_local_mode_from_env() -> None:
    settings = GraphSettings.from_env({"GRAPH_LOCAL_URL": "http://127.0.0.1:5050/"})
    assert settings.local and settings.configured and settings.local_url == "http://127.0.0.1:5050"


def test_nothing_configured_means_off() -> None:
    settings = GraphSettings.from_env({})
    assert not settings.configured
    with pytest.raises(GraphSettingsError, match="GRAPH_LOCAL_URL"):
        build_credential(settings)


def test_secret_needs_tenant_and_client() -> None:
    with pytest.raises(GraphSettingsError, match="GRAPH_TENANT_ID and GRAPH_CLIENT_ID"):
        GraphSettings.from_env({"GRAPH_CLIENT_SECRET": "s"})
    settings = GraphSettings.from_env(
        {"GRAPH_CLIENT_SECRET": "hush-42", "GRAPH_CLIENT_ID": "c", "MicrosoftAppTenantId": "t"}
    )
    assert settings.tenant_id == "t" and "hush-42" not in repr(settings)


def test_managed_identity_is_preferred() -> None:
    settings = GraphSettings.from_env(
        {"GRAPH_MANAGED_IDENTITY_CLIENT_ID": "mi", "GRAPH_CLIENT_SECRET": "s"}
    )
    assert type(build_credential(settings)).__name__ == "ManagedIdentityCredential"


async def test_static_token_is_only_sent_to_the_local_tenant() -> None:
    provider = StaticTokenProvider("secret-token", "127.0.0.1:5050")
    assert await provider.get_authorization_token("http://127.0.0.1:5050/v1.0/users") == (
        "secret-token"
    )
    assert await provider.get_authorization_token("https://evil.example/v1.0/users") == ""
    assert await provider.get_authorization_token("http://127.0.0.1:5051/v1.0/users") == ""
