"""One GraphServiceClient per process, built from settings.

Production uses azure-identity (managed identity, certificate or secret) with the
`.default` scope; local mode points the same SDK at the local tenant with a
static token. Both keep the SDK's default middleware, so kiota's retry handler
deals with 429/503 and honours Retry-After.
"""

from __future__ import annotations

import weakref
from urllib.parse import urlsplit

import httpx
from azure.core.credentials_async import AsyncTokenCredential
from kiota_abstractions.authentication import (
    AccessTokenProvider,
    AllowedHostsValidator,
    BaseBearerTokenAuthenticationProvider,
)
from kiota_authentication_azure.azure_identity_authentication_provider import (
    AzureIdentityAuthenticationProvider,
)
from msgraph.graph_request_adapter import GraphRequestAdapter
from msgraph.graph_service_client import GraphServiceClient
from msgraph_core import GraphClientFactory

from graph.settings import GRAPH_SCOPE, GraphSettings, GraphSettingsError


class StaticTokenProvider(AccessTokenProvider):
    """The local tenant accepts one fixed token; it is sent only to its own host."""

    def __init__(self, token: str, host: str) -> None:
        self._token = token
        self._host = host
        self._validator = AllowedHostsValidator([host])

    async def get_authorization_token(
        self, uri: str, additional_authentication_context: dict[str, object] | None = None
    ) -> str:
        return self._token if urlsplit(uri).netloc == self._host else ""

    def get_allowed_hosts_validator(self) -> AllowedHostsValidator:
        return self._validator


def build_credential(settings: GraphSettings) -> AsyncTokenCredential:
    from azure.identity.aio import (
        CertificateCredential,
        ClientSecretCredential,
        ManagedIdentityCredential,
    )

    if settings.managed_identity_client_id:
        return ManagedIdentityCredential(client_id=settings.managed_identity_client_id)
    if settings.certificate_path:
        return CertificateCredential(
            settings.tenant_id, settings.client_id, certificate_path=settings.certificate_path
        )
    if settings.client_secret:
        return ClientSecretCredential(
            settings.tenant_id, settings.client_id, settings.client_secret
        )
    raise GraphSettingsError(
        "Microsoft Graph is not configured: set GRAPH_LOCAL_URL for the local tenant, or "
        "GRAPH_MANAGED_IDENTITY_CLIENT_ID (or a client secret/certificate) for a real tenant"
    )


# The credential behind each real-tenant client, closed with it (kiota does not close it).
_CREDENTIALS: weakref.WeakKeyDictionary[GraphServiceClient, AsyncTokenCredential] = (
    weakref.WeakKeyDictionary()
)


def build_graph_client(settings: GraphSettings) -> GraphServiceClient:
    http = httpx.AsyncClient(timeout=settings.timeout_seconds)
    if settings.local:
        base = f"{settings.local_url}/v1.0"
        http.base_url = httpx.URL(base)
        auth = BaseBearerTokenAuthenticationProvider(
            StaticTokenProvider(settings.local_token, urlsplit(settings.local_url).netloc)
        )
    else:
        credential = build_credential(settings)
        auth = AzureIdentityAuthenticationProvider(credential, scopes=[GRAPH_SCOPE])
        base = "https://graph.microsoft.com/v1.0"
        http.base_url = httpx.URL(base)
    client = GraphClientFactory.create_with_default_middleware(client=http)
    adapter = GraphRequestAdapter(auth, client=client)
    adapter.base_url = base
    graph = GraphServiceClient(request_adapter=adapter)
    if not settings.local:
        _CREDENTIALS[graph] = credential
    return graph


async def close_graph_client(client: GraphServiceClient) -> None:
    """Close the connection pool. kiota's middleware transport does not forward
    `aclose` to the transport it wraps, so the wrapped ones are closed here, and the
    credential with them."""
    credential = _CREDENTIALS.pop(client, None)
    if credential is not None:
        await credential.close()
    http = getattr(client.request_adapter, "_http_client", None)
    if not isinstance(http, httpx.AsyncClient):
        return
    transports = [getattr(http, "_transport", None), *getattr(http, "_mounts", {}).values()]
    for transport in transports:
        inner = getattr(transport, "transport", None)
        if isinstance(inner, httpx.AsyncBaseTransport):
            await inner.aclose()
    await http.aclose()
