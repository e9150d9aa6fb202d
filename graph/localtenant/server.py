"""The local tenant's HTTP server: Graph v1.0 routes, a static bearer token, and
fault injection (429 with Retry-After, 503, 403, slow responses) for tests.

Admin routes under `/_localtenant/` add faults and read request counts; like
Azurite, the server is a development tool and binds loopback by default.
"""

from __future__ import annotations

import asyncio
import logging
import re
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiohttp import web

from graph.localtenant.browse import WEB, BrowseRoutes
from graph.localtenant.data import TenantData
from graph.localtenant.odata import GraphError, error_response
from graph.localtenant.routes_mail import MailRoutes
from graph.localtenant.routes_sites import SiteRoutes

log = logging.getLogger(__name__)

DEFAULT_TOKEN = "local-tenant-token"

Handler = Callable[[web.Request, dict[str, str]], Awaitable[Any]]

SITE = r"(?P<site>[^/:]+:/[^:]+:|[^/:]+:/[^:]+$|[^/]+)"
DRIVE = rf"(?:/sites/{SITE}/drive|/drives/(?P<drive>[^/]+))"
ITEM = r"(?P<item>root:/[^:]*:|root|[^/:]+)"
CHILD = r"(?P<item>[^/:]+):/(?P<name>[^/:]+):"
USER = r"/users/(?P<user>[^/]+)"
LIST = rf"/sites/{SITE}/lists/(?P<list>[^/]+)"


@dataclass
class Fault:
    path: re.Pattern[str]
    status: int
    method: str | None = None
    retry_after: int | None = None
    delay: float = 0.0
    times: int = 1
    code: str = ""
    message: str = ""


class LocalTenant:
    def __init__(self, data: TenantData, token: str = DEFAULT_TOKEN, browse: bool = False) -> None:
        self.data = data
        self.token = token
        self.faults: list[Fault] = []
        self.requests: Counter[str] = Counter()
        sites = SiteRoutes(data, browse)
        mail = MailRoutes(data, browse)
        self.sites = sites
        table: list[tuple[str, str, Handler]] = [
            ("GET", rf"^/sites/{SITE}$", sites.get_site),
            ("GET", rf"^/sites/{SITE}/lists$", sites.get_lists),
            ("GET", rf"^{LIST}$", sites.get_list),
            ("GET", rf"^{LIST}/columns$", sites.get_columns),
            ("GET", rf"^{LIST}/items$", sites.get_items),
            ("POST", rf"^{LIST}/items$", sites.create_item),
            ("GET", rf"^{LIST}/items/delta(?:\(\))?$", sites.delta),
            ("GET", rf"^{LIST}/items/(?P<item>[^/]+)$", sites.get_item),
            ("PATCH", rf"^{LIST}/items/(?P<item>[^/]+)/fields$", sites.patch_fields),
            ("GET", rf"^{DRIVE}$", sites.get_drive),
            ("GET", rf"^{DRIVE}/items/{ITEM}$", sites.get_drive_item),
            ("DELETE", rf"^{DRIVE}/items/{ITEM}$", sites.delete_item),
            ("GET", rf"^{DRIVE}/items/{ITEM}/children$", sites.get_children),
            ("GET", rf"^{DRIVE}/items/{ITEM}/content$", sites.get_content),
            ("PUT", rf"^{DRIVE}/items/{CHILD}/content$", sites.put_content),
            ("PUT", rf"^{DRIVE}/items/{ITEM}/content$", sites.put_content),
            ("POST", rf"^{DRIVE}/items/{CHILD}/createUploadSession$", sites.create_upload_session),
            ("POST", rf"^{DRIVE}/items/{ITEM}/createUploadSession$", sites.create_upload_session),
            ("GET", r"^/users$", mail.get_users),
            ("GET", rf"^{USER}$", mail.get_user),
            ("GET", rf"^{USER}/mailFolders$", mail.get_root_folders),
            ("GET", rf"^{USER}/mailFolders/(?P<folder>[^/]+)$", mail.get_folder),
            (
                "GET",
                rf"^{USER}/mailFolders/(?P<folder>[^/]+)/childFolders$",
                mail.get_child_folders,
            ),
            ("GET", rf"^{USER}/mailFolders/(?P<folder>[^/]+)/messages$", mail.get_messages),
            ("POST", rf"^{USER}/messages$", mail.create_draft),
            ("GET", rf"^{USER}/messages/(?P<message>[^/]+)$", mail.get_message),
            ("GET", rf"^{USER}/messages/(?P<message>[^/]+)/attachments$", mail.get_attachments),
            (
                "GET",
                rf"^{USER}/messages/(?P<message>[^/]+)/attachments/(?P<attachment>[^/]+)$",
                mail.get_attachment,
            ),
            ("POST", rf"^{USER}/messages/(?P<message>[^/]+)/attachments$", mail.add_attachment),
            ("PATCH", rf"^{USER}/messages/(?P<message>[^/]+)$", mail.patch_draft),
            (
                "DELETE",
                rf"^{USER}/messages/(?P<message>[^/]+)/attachments/(?P<attachment>[^/]+)$",
                mail.delete_attachment,
            ),
            ("GET", rf"^{USER}/events$", mail.get_events),
            ("POST", rf"^{USER}/events$", mail.create_event),
            ("PATCH", rf"^{USER}/events/(?P<event>[^/]+)$", mail.patch_event),
        ]
        self.routes = [(m, re.compile(p), h) for m, p, h in table]

    # --- dispatch ------------------------------------------------------------------------

    async def graph(self, request: web.Request) -> web.StreamResponse:
        request_id = str(uuid.uuid4())
        path = request.path[len("/v1.0") :] or "/"
        path = re.sub(r"(/drive|/drives/[^/]+)/root(?=[:/]|$)", r"\1/items/root", path)
        self.requests[f"{request.method} {path}"] += 1
        try:
            await self._apply_faults(request.method, path)
            if request.headers.get("Authorization") != f"Bearer {self.token}":
                raise GraphError(
                    401, "InvalidAuthenticationToken", "Access token is empty or invalid."
                )
            for method, pattern, handler in self.routes:
                match = pattern.match(path)
                if match is not None and method == request.method:
                    groups = {k: v for k, v in match.groupdict().items() if v is not None}
                    result = await handler(request, groups)
                    if isinstance(result, web.StreamResponse):
                        return result
                    return web.json_response(result)
            raise GraphError(
                400, "BadRequest", f"The local tenant does not serve {request.method} {path}."
            )
        except GraphError as error:
            return error_response(error, request_id)

    async def _apply_faults(self, method: str, path: str) -> None:
        for fault in list(self.faults):
            if fault.method not in (None, method) or not fault.path.search(path):
                continue
            if fault.times > 0:
                fault.times -= 1
                if fault.times == 0:
                    self.faults.remove(fault)
            if fault.delay:
                await asyncio.sleep(fault.delay)
            if fault.status < 400:
                return
            headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after else {}
            code = fault.code or {
                429: "TooManyRequests",
                503: "serviceNotAvailable",
                403: "accessDenied",
            }.get(fault.status, "generalException")
            message = fault.message or {
                429: "Too many requests. Retry after the period in Retry-After.",
                503: "The service is temporarily unavailable.",
                403: "Either scp or roles claim need to be present in the token.",
            }.get(fault.status, "Injected failure.")
            raise GraphError(fault.status, code, message, headers)

    async def upload(self, request: web.Request) -> web.StreamResponse:
        try:
            return await self.sites.upload_chunk(request, request.match_info["session"])
        except GraphError as error:
            return error_response(error, str(uuid.uuid4()))

    # --- admin -----------------------------------------------------------------------------

    async def add_faults(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.load_faults(body if isinstance(body, list) else [body])
        return web.json_response({"faults": len(self.faults)})

    def load_faults(self, rules: list[dict[str, Any]]) -> None:
        for rule in rules:
            self.faults.append(
                Fault(
                    path=re.compile(rule.get("path", ".*")),
                    status=int(rule.get("status", 200)),
                    method=rule.get("method"),
                    retry_after=rule.get("retryAfter"),
                    delay=float(rule.get("delaySeconds", 0)),
                    times=int(rule.get("times", 1)),
                    code=rule.get("code", ""),
                    message=rule.get("message", ""),
                )
            )

    async def clear_faults(self, request: web.Request) -> web.Response:
        self.faults.clear()
        return web.json_response({"faults": 0})

    async def stats(self, request: web.Request) -> web.Response:
        return web.json_response(
            {"requests": sum(self.requests.values()), "byRoute": dict(self.requests)}
        )

    async def reset_stats(self, request: web.Request) -> web.Response:
        self.requests.clear()
        return web.json_response({"requests": 0})

    async def health(self, request: web.Request) -> web.Response:
        return web.json_response({"status": "ok", "tenantId": self.data.tenant_id})


def create_tenant_app(
    data_dir: Path,
    token: str = DEFAULT_TOKEN,
    faults: list[dict[str, Any]] | None = None,
    browse: bool = False,
) -> web.Application:
    """`browse`: links (`webUrl`, `webLink`) point at read-only pages of this server
    instead of the stable SharePoint and Outlook addresses the tests compare."""
    data = TenantData(data_dir)
    tenant = LocalTenant(data, token, browse)
    tenant.load_faults(faults or [])
    app = web.Application(client_max_size=300 * 1024 * 1024)
    app.router.add_route("*", "/v1.0/{tail:.*}", tenant.graph)
    if browse:
        app.router.add_get(WEB + "/{tail:.*}", BrowseRoutes(data).page)
    app.router.add_put("/_upload/{session}", tenant.upload)
    app.router.add_get("/_localtenant/health", tenant.health)
    app.router.add_post("/_localtenant/faults", tenant.add_faults)
    app.router.add_delete("/_localtenant/faults", tenant.clear_faults)
    app.router.add_get("/_localtenant/stats", tenant.stats)
    app.router.add_post("/_localtenant/stats/reset", tenant.reset_stats)
    return app
