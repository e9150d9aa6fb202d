"""How to reach Microsoft Graph: the local tenant, or the real one via azure-identity."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

GRAPH_SCOPE = "https://graph.microsoft.com/.default"
LOCAL_TOKEN = "local-tenant-token"


class GraphSettingsError(ValueError):
    pass


@dataclass(frozen=True)
class GraphSettings:
    """`local_url` set means the local tenant; otherwise a credential is built for
    graph.microsoft.com from the first of: managed identity, certificate, secret."""

    local_url: str = ""
    local_token: str = field(default=LOCAL_TOKEN, repr=False)
    tenant_id: str = ""
    client_id: str = ""
    client_secret: str = field(default="", repr=False)
    certificate_path: str = ""
    managed_identity_client_id: str = ""
    site_host: str = "innkjop.example.no"
    site_path: str = "/sites/innkjop"
    register_list: str = "kontraktsregister"
    mailbox: str = "postmottak-innkjop@innkjop.example.no"
    timeout_seconds: float = 30.0

    @property
    def local(self) -> bool:
        return bool(self.local_url)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> GraphSettings:
        def get(name: str, default: str = "") -> str:
            return env.get(name, default).strip() or default

        settings = cls(
            local_url=get("GRAPH_LOCAL_URL").rstrip("/"),
            local_token=get("GRAPH_LOCAL_TOKEN", LOCAL_TOKEN),
            tenant_id=get("GRAPH_TENANT_ID") or get("MicrosoftAppTenantId"),
            client_id=get("GRAPH_CLIENT_ID"),
            client_secret=get("GRAPH_CLIENT_SECRET"),
            certificate_path=get("GRAPH_CERTIFICATE_PATH"),
            managed_identity_client_id=get("GRAPH_MANAGED_IDENTITY_CLIENT_ID"),
            site_host=get("SHAREPOINT_HOST", cls.site_host),
            site_path=get("SHAREPOINT_SITE_PATH", cls.site_path),
            register_list=get("CONTRACT_REGISTER_LIST", cls.register_list),
            mailbox=get("PROCUREMENT_MAILBOX", cls.mailbox),
        )
        if settings.local:
            return settings
        if settings.managed_identity_client_id:
            return settings
        if settings.client_secret or settings.certificate_path:
            missing = [
                name
                for name, value in (
                    ("GRAPH_TENANT_ID", settings.tenant_id),
                    ("GRAPH_CLIENT_ID", settings.client_id),
                )
                if not value
            ]
            if missing:
                raise GraphSettingsError(
                    f"{' and '.join(missing)} required with a Graph client secret or certificate"
                )
        return settings

    @property
    def configured(self) -> bool:
        return self.local or bool(
            self.managed_identity_client_id or self.client_secret or self.certificate_path
        )
