"""Browser pages behind the links the local tenant hands out, so that in `make run` the
"Åpne i SharePoint" and "Åpne e-postutkastet" buttons open something: a register row, a
folder or file of the document library, a mail draft with its attachments.

Off unless the tenant is started with `--browse` (tests keep the stable
`https://innkjop.example.no/...` addresses). With it, `webUrl` and `webLink` point
at this server under `/_web/`, built from the Host the caller used. Read-only, no
token (a browser sends none), and the tenant binds loopback only.
"""

from __future__ import annotations

import html
import mimetypes
from typing import Any
from urllib.parse import quote

from aiohttp import web

from graph.localtenant.data import TenantData, read_json
from graph.localtenant.odata import GraphError

WEB = "/_web"
LIBRARY = "Delte dokumenter"

_STYLE = (
    "body{font-family:Segoe UI,Arial,sans-serif;margin:2rem;max-width:60rem;color:#242424}"
    "table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.3rem .6rem;"
    "text-align:left;vertical-align:top}th{background:#f5f5f5}"
    ".note{color:#616161;font-size:.9rem}"
)


def web_base(request: web.Request) -> str:
    """`http://127.0.0.1:5050/_web`: the address the caller reached this server by."""
    return f"{request.scheme}://{request.host}{WEB}"


def site_web_url(request: web.Request, site: dict[str, Any]) -> str:
    return f"{web_base(request)}/{str(site['path']).strip('/')}"


def library_web_url(request: web.Request, site: dict[str, Any], rel: str) -> str:
    """A folder or file of the document library, percent-encoded as SharePoint gives it."""
    path = f"{LIBRARY}/{rel.strip('/')}".rstrip("/")
    return f"{site_web_url(request, site)}/{quote(path)}"


def message_web_link(request: web.Request, user: str, message_id: str) -> str:
    return f"{web_base(request)}/mail/{user}/{message_id}"


def _page(title: str, body: str, status: int = 200) -> web.Response:
    text = (
        f"<!doctype html><html lang='nb'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{html.escape(title)}</h1>{body}"
        "<p class='note'>Lokal tenant (utvikling): en lesevisning av filene under "
        "var/tenant/, ikke SharePoint eller Outlook.</p></body></html>"
    )
    return web.Response(text=text, content_type="text/html", status=status)


def _not_found(what: str) -> web.Response:
    return _page("Finnes ikke", f"<p>Finner ikke {html.escape(what)}.</p>", 404)


class BrowseRoutes:
    def __init__(self, data: TenantData) -> None:
        self.data = data

    async def page(self, request: web.Request) -> web.StreamResponse:
        tail = request.match_info.get("tail", "").strip("/")
        try:
            if tail.startswith("mail/"):
                return self._message(request, *tail.split("/")[1:3])
            for site in self.data.directory["sites"]:
                prefix = str(site["path"]).strip("/")
                if tail == prefix or tail.startswith(prefix + "/"):
                    return self._site_page(request, site, tail[len(prefix) :].strip("/"))
        except (GraphError, TypeError, ValueError, KeyError):
            pass
        return _not_found(tail or "siden")

    def _site_page(
        self, request: web.Request, site: dict[str, Any], rest: str
    ) -> web.StreamResponse:
        if not rest:
            lists = [self.data.load_list(p) for p in self.data.list_paths(site["id"])]
            items = "".join(
                f"<li>{html.escape(str(d.get('displayName') or d['name']))} "
                f"({len(d['items'])} rader)</li>"
                for d in lists
            )
            return _page(
                str(site.get("displayName") or site.get("name") or rest),
                f"<h2>Lister</h2><ul>{items}</ul>"
                f"<h2><a href='{html.escape(library_web_url(request, site, ''))}'>{LIBRARY}</a>"
                "</h2>",
            )
        if rest.startswith("Lists/"):
            return self._list_item(site, rest.split("/")[1], request.query.get("ID", ""))
        if rest == LIBRARY or rest.startswith(LIBRARY + "/"):
            return self._library(request, site, rest[len(LIBRARY) :].strip("/"))
        return _not_found(rest)

    def _list_item(self, site: dict[str, Any], name: str, item_id: str) -> web.Response:
        data = self.data.load_list(self.data.list_path(site["id"], name))
        item = next((i for i in data["items"] if str(i.get("id")) == item_id), None)
        if item is None:
            return _not_found(f"rad {item_id} i {name}")
        titles: dict[str, str] = data.get("columnTitles") or {}
        rows = "".join(
            f"<tr><th>{html.escape(titles.get(key, key))}</th>"
            f"<td>{html.escape('' if value is None else str(value))}</td></tr>"
            for key, value in item.get("fields", {}).items()
        )
        title = f"{data.get('displayName') or data['name']}: rad {item_id}"
        return _page(title, f"<table>{rows}</table>")

    def _library(self, request: web.Request, site: dict[str, Any], rel: str) -> web.StreamResponse:
        node = self.data.drive_node(site["id"], f"root:/{rel}:" if rel else "root")
        if node.path.is_file():
            kind = mimetypes.guess_type(node.path.name)[0] or "application/octet-stream"
            return web.FileResponse(
                node.path,
                headers={
                    "Content-Type": kind,
                    "Content-Disposition": f"inline; filename*=UTF-8''{quote(node.path.name)}",
                },
            )
        entries = sorted(node.path.iterdir(), key=lambda p: (p.is_file(), p.name.lower()))
        links = "".join(
            f"<li><a href='{html.escape(library_web_url(request, site, f'{node.rel}/{p.name}'))}'>"
            f"{html.escape(p.name)}{'/' if p.is_dir() else ''}</a></li>"
            for p in entries
        )
        return _page(f"{LIBRARY}/{rel}".rstrip("/"), f"<ul>{links}</ul>")

    def _message(self, request: web.Request, user: str, message_id: str) -> web.Response:
        mailbox = self.data.mailbox(user)
        directory = self.data.message_dir(mailbox, message_id)
        raw = read_json(directory / "message.json")
        people = ", ".join(
            html.escape(str(r.get("address", ""))) for r in raw.get("toRecipients", [])
        )
        body = str(raw.get("body", ""))
        # Mail HTML (a supplier's, say) is shown in a sandbox: no scripts, no same origin.
        shown = (
            f"<iframe sandbox srcdoc='{html.escape(body, quote=True)}' "
            "style='width:100%;height:28rem;border:1px solid #ddd'></iframe>"
            if raw.get("bodyContentType") == "html"
            else f"<pre>{html.escape(body)}</pre>"
        )
        files = "".join(
            f"<li>{html.escape(str(a['name']))} ({(directory / a['file']).stat().st_size} byte) "
            f"– <code>{html.escape(str(directory / a['file']))}</code></li>"
            for a in raw.get("attachments", [])
        )
        state = "Utkast (ikke sendt)" if raw.get("isDraft") else "Melding"
        return _page(
            str(raw.get("subject") or "(uten emne)"),
            f"<p><b>{state}</b> til {people or '–'}</p>{shown}"
            + (f"<h2>Vedlegg</h2><ul>{files}</ul>" if files else ""),
        )
