"""SharePoint: sites, lists (paged, delta, field updates) and the document library."""

from __future__ import annotations

import mimetypes
import shutil
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from aiohttp import web

from graph.localtenant.browse import LIBRARY, library_web_url, site_web_url
from graph.localtenant.data import DriveNode, TenantData, now_iso, write_json
from graph.localtenant.odata import (
    GraphError,
    apply_select,
    expand_fields_select,
    link,
    paged,
    query,
    select_fields,
)

Groups = dict[str, str]


@dataclass
class UploadSession:
    target: DriveNode
    site_id: str
    size: int | None
    buffer: Path
    received: int = 0
    expires: datetime = field(default_factory=lambda: datetime.now(UTC) + timedelta(hours=1))


class SiteRoutes:
    def __init__(self, data: TenantData, browse: bool = False) -> None:
        self.data = data
        self.browse = browse
        self.sessions: dict[str, UploadSession] = {}

    def web_url(self, request: web.Request, site: dict[str, Any]) -> str:
        """The stored SharePoint address, or this server's page for it (`--browse`)."""
        return site_web_url(request, site) if self.browse else str(site.get("webUrl"))

    # --- sites ---------------------------------------------------------------------------

    def site_body(self, request: web.Request, site: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": site["id"],
            "name": site.get("name"),
            "displayName": site.get("displayName"),
            "webUrl": self.web_url(request, site),
            "siteCollection": {"hostname": site["hostname"]},
        }

    async def get_site(self, request: web.Request, g: Groups) -> dict[str, Any]:
        site = self.data.site(g["site"])
        return apply_select(self.site_body(request, site), select_fields(query(request, "select")))

    # --- lists --------------------------------------------------------------------------

    def _list(self, g: Groups) -> tuple[str, Path, dict[str, Any]]:
        site_id = self.data.site(g["site"])["id"]
        path = self.data.list_path(site_id, g["list"])
        return site_id, path, self.data.load_list(path)

    def _item_body(self, request: web.Request, item: dict[str, Any]) -> dict[str, Any]:
        body: dict[str, Any] = {
            "id": item["id"],
            "createdDateTime": item.get("createdDateTime"),
            "lastModifiedDateTime": item.get("lastModifiedDateTime"),
            "@odata.etag": f'"{item["id"]},{item["_seq"]}"',
        }
        body = apply_select(body, select_fields(query(request, "select")))
        expand, selected = expand_fields_select(query(request, "expand"))
        if expand:
            fields = dict(item["fields"])
            if selected is not None:
                fields = {k: v for k, v in fields.items() if k in selected}
            fields["id"] = item["id"]
            body["fields"] = fields
        return body

    async def get_lists(self, request: web.Request, g: Groups) -> dict[str, Any]:
        site_id = self.data.site(g["site"])["id"]
        lists = []
        for path in self.data.list_paths(site_id):
            data = self.data.load_list(path)
            lists.append(
                {"id": data["id"], "name": data["name"], "displayName": data.get("displayName")}
            )
        return paged(request, lists)

    async def get_list(self, request: web.Request, g: Groups) -> dict[str, Any]:
        _, _, data = self._list(g)
        body = {"id": data["id"], "name": data["name"], "displayName": data.get("displayName")}
        return apply_select(body, select_fields(query(request, "select")))

    async def get_columns(self, request: web.Request, g: Groups) -> dict[str, Any]:
        """Column definitions: the internal `name` Graph keys fields by, and the
        `displayName` people see (lists built in Norwegian have names like
        `Leverand_x00f8_r` or `field_3`), after SharePoint's own built-in columns."""
        _, _, data = self._list(g)
        titles = data.get("columnTitles", {})
        builtin = [
            {"name": "Title", "displayName": titles.get("Title", "Title"), "readOnly": False},
            {"name": "ID", "displayName": "ID", "readOnly": True},
            {"name": "DocIcon", "displayName": "Type", "readOnly": True, "hidden": False},
            {"name": "ContentType", "displayName": "Content Type", "columnGroup": "_Hidden"},
            {"name": "Attachments", "displayName": "Attachments", "readOnly": False},
            {"name": "Modified", "displayName": "Modified", "readOnly": True},
            {"name": "Created", "displayName": "Created", "readOnly": True},
            {"name": "_UIVersionString", "displayName": "Version", "readOnly": True},
        ]
        own = [
            {
                "name": name,
                "displayName": titles.get(name, name),
                "readOnly": False,
                "hidden": False,
                "columnGroup": "Custom Columns",
            }
            for name in data.get("columns", [])
            if name != "Title"
        ]
        columns = [{"id": f"{data['id'][:24]}{n:012d}", **c} for n, c in enumerate(builtin + own)]
        return paged(
            request, [apply_select(c, select_fields(query(request, "select"))) for c in columns]
        )

    async def get_items(self, request: web.Request, g: Groups) -> dict[str, Any]:
        _, _, data = self._list(g)
        return paged(request, [self._item_body(request, i) for i in data["items"]])

    async def get_item(self, request: web.Request, g: Groups) -> dict[str, Any]:
        _, _, data = self._list(g)
        for item in data["items"]:
            if item["id"] == g["item"]:
                return self._item_body(request, item)
        raise GraphError(404, "itemNotFound", f"Item {g['item']} not found.")

    async def delta(self, request: web.Request, g: Groups) -> dict[str, Any]:
        """Changes since `token` (everything without one); the last page carries the
        deltaLink to use next time."""
        _, _, data = self._list(g)
        token = request.query.get("token", "")
        if token and not token.isdigit():
            raise GraphError(410, "resyncRequired", "The delta token is no longer valid.")
        since = int(token) if token else 0
        changed = [i for i in data["items"] if i["_seq"] > since]
        changed.sort(key=lambda i: i["_seq"])
        body = paged(request, [self._item_body(request, i) for i in changed], {"token": str(since)})
        if "@odata.nextLink" not in body:
            params = {k: v for k, v in request.query.items() if k not in ("$skiptoken", "token")}
            params["token"] = str(data["seq"])
            body["@odata.deltaLink"] = link(request, request.path, params)
        return body

    async def create_item(self, request: web.Request, g: Groups) -> dict[str, Any]:
        """POST items with `{"fields": {...}}`, as Graph creates a list item."""
        _, path, data = self._list(g)
        body = await request.json()
        fields = body.get("fields") if isinstance(body, dict) else None
        if not isinstance(fields, dict) or not fields:
            raise GraphError(400, "invalidRequest", "Send the new item's fields as an object.")
        allowed = set(data.get("columns", [])) | {"Title"}
        unknown = sorted(set(fields) - allowed)
        if unknown:
            raise GraphError(
                400, "invalidRequest", f"Field(s) not recognized: {', '.join(unknown)}."
            )
        number = 1 + max((int(i["id"]) for i in data["items"] if i["id"].isdigit()), default=0)
        data["seq"] += 1
        stamp = now_iso()
        item = {"id": str(number), "createdDateTime": stamp, "lastModifiedDateTime": stamp,
                "fields": dict(fields), "_seq": data["seq"]}  # fmt: skip
        data["items"].append(item)
        write_json(path, data)
        return {**self._item_body(request, item), "fields": {**item["fields"], "id": item["id"]}}

    async def patch_fields(self, request: web.Request, g: Groups) -> dict[str, Any]:
        _, path, data = self._list(g)
        changes = await request.json()
        if not isinstance(changes, dict) or not changes:
            raise GraphError(400, "invalidRequest", "Send the fields to change as a JSON object.")
        allowed = set(data.get("columns", [])) | {"Title"}
        unknown = sorted(set(changes) - allowed)
        if unknown:
            raise GraphError(
                400, "invalidRequest", f"Field(s) not recognized: {', '.join(unknown)}."
            )
        for item in data["items"]:
            if item["id"] == g["item"]:
                item["fields"].update({k: v for k, v in changes.items()})
                data["seq"] += 1
                item["_seq"] = data["seq"]
                item["lastModifiedDateTime"] = now_iso()
                write_json(path, data)
                return {**item["fields"], "id": item["id"]}
        raise GraphError(404, "itemNotFound", f"Item {g['item']} not found.")

    # --- drive -----------------------------------------------------------------------------

    def _site_of(self, g: Groups) -> str:
        if g.get("drive"):
            return self.data.site_of_drive(g["drive"])
        return str(self.data.site(g["site"])["id"])

    def drive_item(self, request: web.Request, site_id: str, node: DriveNode) -> dict[str, Any]:
        stat = node.path.stat()
        modified = datetime.fromtimestamp(stat.st_mtime, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        site = self.data.site(site_id)
        parent_rel = node.rel.rsplit("/", 1)[0] if "/" in node.rel else ""
        body: dict[str, Any] = {
            "id": node.id,
            "name": node.path.name if node.rel else "root",
            "webUrl": library_web_url(request, site, node.rel)
            if self.browse
            else f"{site.get('webUrl')}/{LIBRARY}/{node.rel}".rstrip("/"),
            "lastModifiedDateTime": modified,
            "createdDateTime": modified,
            "eTag": f'"{node.id},{int(stat.st_mtime_ns)}"',
            "parentReference": {
                "driveId": self.data.drive_id(site_id),
                "id": self.data.drive_node(site_id, f"root:/{parent_rel}:").id
                if parent_rel
                else "root",
                "path": f"/drive/root:/{parent_rel}".rstrip("/").rstrip(":") or "/drive/root:",
            },
        }
        if node.path.is_dir():
            body["folder"] = {"childCount": sum(1 for _ in node.path.iterdir())}
        else:
            mime = mimetypes.guess_type(node.path.name)[0] or "application/octet-stream"
            body["size"] = stat.st_size
            body["file"] = {"mimeType": mime}
            body["@microsoft.graph.downloadUrl"] = link(
                request, f"/v1.0/drives/{self.data.drive_id(site_id)}/items/{node.id}/content", {}
            )
        return apply_select(body, select_fields(query(request, "select")))

    async def get_drive(self, request: web.Request, g: Groups) -> dict[str, Any]:
        site_id = self._site_of(g)
        return {
            "id": self.data.drive_id(site_id),
            "name": "Dokumenter",
            "driveType": "documentLibrary",
        }

    async def get_drive_item(self, request: web.Request, g: Groups) -> dict[str, Any]:
        site_id = self._site_of(g)
        return self.drive_item(request, site_id, self.data.drive_node(site_id, g["item"]))

    async def get_children(self, request: web.Request, g: Groups) -> dict[str, Any]:
        site_id = self._site_of(g)
        node = self.data.drive_node(site_id, g["item"])
        if not node.path.is_dir():
            raise GraphError(400, "invalidRequest", f"'{node.rel}' is not a folder.")
        children = [
            self.drive_item(request, site_id, self.data.child_path(node, child.name))
            for child in sorted(node.path.iterdir())
            if not child.name.startswith(".")
        ]
        return paged(request, children)

    async def get_content(self, request: web.Request, g: Groups) -> web.StreamResponse:
        site_id = self._site_of(g)
        node = self.data.drive_node(site_id, g["item"])
        if not node.path.is_file():
            raise GraphError(400, "invalidRequest", f"'{node.rel}' is a folder.")
        mime = mimetypes.guess_type(node.path.name)[0] or "application/octet-stream"
        return web.Response(body=node.path.read_bytes(), content_type=mime)

    async def put_content(self, request: web.Request, g: Groups) -> web.Response:
        """Simple upload: `items/{parent}:/{name}:/content`, or `root:/a/b.docx:/content`."""
        site_id = self._site_of(g)
        node = self._target(site_id, g)
        content = await request.read()
        if len(content) > 250 * 1024 * 1024:
            raise GraphError(413, "requestEntityTooLarge", "Use an upload session for large files.")
        existed = node.path.exists()
        node.path.parent.mkdir(parents=True, exist_ok=True)
        node.path.write_bytes(content)
        return web.json_response(
            self.drive_item(request, site_id, node), status=200 if existed else 201
        )

    async def delete_item(self, request: web.Request, g: Groups) -> web.Response:
        """Like Graph: 204 and no body; a folder goes with everything in it."""
        site_id = self._site_of(g)
        node = self.data.drive_node(site_id, g["item"])
        if not node.rel:
            raise GraphError(403, "accessDenied", "The root of a drive cannot be deleted.")
        if node.path.is_dir():
            shutil.rmtree(node.path)
        else:
            node.path.unlink()
        return web.Response(status=204)

    def _target(self, site_id: str, g: Groups) -> DriveNode:
        item = g["item"]
        if g.get("name"):
            parent = self.data.drive_node(site_id, item)
            return self.data.child_path(parent, g["name"])
        if item.startswith("root:"):
            rel = item[len("root:") :].strip(":").strip("/")
            parent_rel, _, name = rel.rpartition("/")
            root = self.data.drive_node(site_id, "root")
            parent = root
            for part in [p for p in parent_rel.split("/") if p]:
                parent = self.data.child_path(parent, part)
            parent.path.mkdir(parents=True, exist_ok=True)
            return self.data.child_path(parent, name)
        return self.data.drive_node(site_id, item)

    async def create_upload_session(self, request: web.Request, g: Groups) -> dict[str, Any]:
        site_id = self._site_of(g)
        node = self._target(site_id, g)
        session_id = uuid.uuid4().hex
        buffer = self.data.root / ".uploads" / session_id
        buffer.parent.mkdir(exist_ok=True)
        buffer.write_bytes(b"")
        self.sessions[session_id] = UploadSession(node, site_id, None, buffer)
        session = self.sessions[session_id]
        return {
            "uploadUrl": link(request, f"/_upload/{session_id}", {}),
            "expirationDateTime": session.expires.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "nextExpectedRanges": ["0-"],
        }

    async def upload_chunk(self, request: web.Request, session_id: str) -> web.Response:
        session = self.sessions.get(session_id)
        if session is None:
            raise GraphError(404, "itemNotFound", "The upload session does not exist.")
        header = request.headers.get("Content-Range", "")
        try:
            unit, _, spec = header.partition(" ")
            span, _, total = spec.partition("/")
            start, _, end = span.partition("-")
            first, last, size = int(start), int(end), int(total)
        except ValueError:
            raise GraphError(400, "invalidRange", f"Bad Content-Range '{header}'.") from None
        if unit != "bytes" or first != session.received or last < first:
            raise GraphError(
                416, "invalidRange", f"Expected a range starting at {session.received}."
            )
        chunk = await request.read()
        if len(chunk) != last - first + 1:
            raise GraphError(400, "invalidRange", "The body does not match Content-Range.")
        with session.buffer.open("ab") as handle:
            handle.write(chunk)
        session.received += len(chunk)
        session.size = size
        if session.received < size:
            return web.json_response(
                {
                    "expirationDateTime": session.expires.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "nextExpectedRanges": [f"{session.received}-"],
                },
                status=202,
            )
        session.target.path.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(session.buffer), session.target.path)
        del self.sessions[session_id]
        return web.json_response(
            self.drive_item(request, session.site_id, session.target), status=201
        )
