"""Users, Outlook mail (folders, messages, attachments, drafts) and calendar events."""

from __future__ import annotations

import base64
import mimetypes
import re
import uuid
from pathlib import Path
from typing import Any

from aiohttp import web

from graph.localtenant.browse import message_web_link
from graph.localtenant.data import TenantData, now_iso, read_json, write_json
from graph.localtenant.odata import (
    GraphError,
    apply_select,
    filter_equals,
    paged,
    query,
    select_fields,
)

Groups = dict[str, str]

_EXT_FILTER = re.compile(
    r"singleValueExtendedProperties/any\(\w+:\s*\w+/id eq '([^']+)' and \w+/value eq '([^']*)'\)",
    re.IGNORECASE,
)


class MailRoutes:
    def __init__(self, data: TenantData, browse: bool = False) -> None:
        self.data = data
        self.browse = browse

    def web_link(self, request: web.Request, user: str, message_id: str) -> str:
        """Outlook's address for the message, or this server's page for it (`--browse`)."""
        if self.browse:
            return message_web_link(request, user, message_id)
        return f"https://outlook.office.com/mail/id/{message_id}"

    # --- users --------------------------------------------------------------------------

    async def get_user(self, request: web.Request, g: Groups) -> dict[str, Any]:
        return apply_select(self.data.user(g["user"]), select_fields(query(request, "select")))

    async def get_users(self, request: web.Request, g: Groups) -> dict[str, Any]:
        users = self.data.users()
        conditions = filter_equals(query(request, "filter"))
        if conditions:
            users = [
                u
                for u in users
                if any(str(u.get(k, "")).lower() == v.lower() for k, v in conditions)
            ]
        selected = select_fields(query(request, "select"))
        return paged(request, [apply_select(u, selected) for u in users])

    # --- folders ------------------------------------------------------------------------

    def _folder_body(self, mailbox: Path, path: Path) -> dict[str, Any]:
        rel = path.relative_to(mailbox).as_posix()
        parent = path.parent
        return {
            "id": self.data.folder_id(rel),
            "displayName": path.name,
            "parentFolderId": self.data.folder_id(parent.relative_to(mailbox).as_posix())
            if parent != mailbox
            else "msgfolderroot",
            "childFolderCount": len(self.data.subfolders(path)),
            "totalItemCount": len(self.data.message_dirs(path)),
        }

    def _folders(self, request: web.Request, mailbox: Path, paths: list[Path]) -> dict[str, Any]:
        bodies = [self._folder_body(mailbox, p) for p in paths]
        for key, value in filter_equals(query(request, "filter")):
            bodies = [b for b in bodies if str(b.get(key, "")).lower() == value.lower()]
        selected = select_fields(query(request, "select"))
        return paged(request, [apply_select(b, selected) for b in bodies])

    async def get_root_folders(self, request: web.Request, g: Groups) -> dict[str, Any]:
        mailbox = self.data.mailbox(g["user"])
        return self._folders(request, mailbox, self.data.subfolders(mailbox))

    async def get_folder(self, request: web.Request, g: Groups) -> dict[str, Any]:
        mailbox = self.data.mailbox(g["user"])
        body = self._folder_body(mailbox, self.data.folder_path(mailbox, g["folder"]))
        return apply_select(body, select_fields(query(request, "select")))

    async def get_child_folders(self, request: web.Request, g: Groups) -> dict[str, Any]:
        mailbox = self.data.mailbox(g["user"])
        folder = self.data.folder_path(mailbox, g["folder"])
        return self._folders(request, mailbox, self.data.subfolders(folder))

    # --- messages -----------------------------------------------------------------------

    def _message_body(
        self, request: web.Request, user: str, mailbox: Path, directory: Path
    ) -> dict[str, Any]:
        raw = read_json(directory / "message.json")
        folder_rel = directory.parent.relative_to(mailbox).as_posix()

        def recipient(person: dict[str, Any]) -> dict[str, Any]:
            return {"emailAddress": {"name": person.get("name"), "address": person.get("address")}}

        sender = raw.get("from") or {}
        return {
            "id": raw["id"],
            "subject": raw.get("subject", ""),
            "from": recipient(sender) if sender else None,
            "sender": recipient(sender) if sender else None,
            "toRecipients": [recipient(r) for r in raw.get("toRecipients", [])],
            "ccRecipients": [recipient(r) for r in raw.get("ccRecipients", [])],
            "bccRecipients": [recipient(r) for r in raw.get("bccRecipients", [])],
            "receivedDateTime": raw.get("receivedDateTime"),
            "createdDateTime": raw.get("createdDateTime", raw.get("receivedDateTime")),
            "hasAttachments": bool(raw.get("attachments")),
            "isDraft": bool(raw.get("isDraft")),
            "parentFolderId": self.data.folder_id(folder_rel),
            "bodyPreview": raw.get("body", "")[:255],
            "body": {
                "contentType": raw.get("bodyContentType", "text"),
                "content": raw.get("body", ""),
            },
            "webLink": self.web_link(request, user, raw["id"]),
        }

    async def get_messages(self, request: web.Request, g: Groups) -> dict[str, Any]:
        mailbox = self.data.mailbox(g["user"])
        folder = self.data.folder_path(mailbox, g["folder"])
        selected = select_fields(query(request, "select"))
        bodies = [
            self._message_body(request, g["user"], mailbox, d)
            for d in self.data.message_dirs(folder)
        ]
        bodies.sort(key=lambda b: b.get("receivedDateTime") or "", reverse=True)
        return paged(request, [apply_select(b, selected) for b in bodies])

    async def get_message(self, request: web.Request, g: Groups) -> dict[str, Any]:
        mailbox = self.data.mailbox(g["user"])
        body = self._message_body(
            request, g["user"], mailbox, self.data.message_dir(mailbox, g["message"])
        )
        return apply_select(body, select_fields(query(request, "select")))

    def _attachment_body(
        self, directory: Path, meta: dict[str, Any], content: bool
    ) -> dict[str, Any]:
        data = (directory / meta["file"]).read_bytes()
        body: dict[str, Any] = {
            "@odata.type": "#microsoft.graph.fileAttachment",
            "id": meta["id"],
            "name": meta["name"],
            "contentType": meta.get("contentType") or "application/octet-stream",
            "size": len(data),
            "isInline": False,
        }
        if content:
            body["contentBytes"] = base64.b64encode(data).decode("ascii")
        return body

    async def get_attachments(self, request: web.Request, g: Groups) -> dict[str, Any]:
        mailbox = self.data.mailbox(g["user"])
        directory = self.data.message_dir(mailbox, g["message"])
        metas = read_json(directory / "message.json").get("attachments", [])
        selected = select_fields(query(request, "select"))
        with_content = selected is None or "contentBytes" in selected
        bodies = [self._attachment_body(directory, m, with_content) for m in metas]
        return paged(request, [apply_select(b, selected) for b in bodies])

    async def get_attachment(self, request: web.Request, g: Groups) -> dict[str, Any]:
        mailbox = self.data.mailbox(g["user"])
        directory = self.data.message_dir(mailbox, g["message"])
        for meta in read_json(directory / "message.json").get("attachments", []):
            if meta["id"] == g["attachment"]:
                return self._attachment_body(directory, meta, True)
        raise GraphError(404, "ErrorItemNotFound", "The attachment was not found.")

    async def create_draft(self, request: web.Request, g: Groups) -> web.Response:
        """POST /users/{u}/messages: a new draft in the Drafts folder (never sent)."""
        mailbox = self.data.mailbox(g["user"])
        payload = await request.json()
        if not isinstance(payload, dict):
            raise GraphError(400, "ErrorInvalidRequest", "Send the message as a JSON object.")
        drafts = self.data.folder_path(mailbox, "drafts")
        message_id = f"draft-{uuid.uuid4().hex[:16]}"
        directory = drafts / message_id
        directory.mkdir(parents=True)
        body = payload.get("body") or {}
        raw = {
            "id": message_id,
            "subject": payload.get("subject", ""),
            "from": {"name": "", "address": self.data.user(g["user"]).get("mail")},
            **{
                field: [
                    {
                        "name": (r.get("emailAddress") or {}).get("name"),
                        "address": (r.get("emailAddress") or {}).get("address"),
                    }
                    for r in payload.get(field) or []
                ]
                for field in ("toRecipients", "ccRecipients", "bccRecipients")
            },
            "createdDateTime": now_iso(),
            "receivedDateTime": now_iso(),
            "bodyContentType": (body.get("contentType") or "text").lower(),
            "body": body.get("content", ""),
            "isDraft": True,
            "attachments": [],
        }
        write_json(directory / "message.json", raw)
        for attachment in payload.get("attachments") or []:
            self._store_attachment(directory, attachment)
        return web.json_response(
            self._message_body(request, g["user"], mailbox, directory), status=201
        )

    def _store_attachment(self, directory: Path, attachment: dict[str, Any]) -> dict[str, Any]:
        if attachment.get("@odata.type") != "#microsoft.graph.fileAttachment":
            raise GraphError(400, "ErrorInvalidRequest", "Only file attachments are supported.")
        name = str(attachment.get("name") or "vedlegg")
        try:
            content = base64.b64decode(attachment.get("contentBytes") or "", validate=True)
        except ValueError:
            raise GraphError(400, "ErrorInvalidRequest", "contentBytes is not base64.") from None
        if len(content) > 3 * 1024 * 1024:
            raise GraphError(
                413,
                "ErrorAttachmentSizeLimitExceeded",
                "Attachments over 3 MB need an upload session.",
            )
        message = read_json(directory / "message.json")
        attachment_id = f"att-{uuid.uuid4().hex[:8]}"
        filename = f"{attachment_id}-{Path(name).name}"
        (directory / filename).write_bytes(content)
        meta = {
            "id": attachment_id,
            "name": name,
            "contentType": attachment.get("contentType")
            or mimetypes.guess_type(name)[0]
            or "application/octet-stream",
            "file": filename,
        }
        message["attachments"].append(meta)
        write_json(directory / "message.json", message)
        return self._attachment_body(directory, meta, False)

    def _draft_dir(self, g: Groups) -> Path:
        mailbox = self.data.mailbox(g["user"])
        directory = self.data.message_dir(mailbox, g["message"])
        if not read_json(directory / "message.json").get("isDraft"):
            raise GraphError(403, "ErrorAccessDenied", "Only drafts can be changed.")
        return directory

    async def patch_draft(self, request: web.Request, g: Groups) -> dict[str, Any]:
        """PATCH /users/{u}/messages/{m}: subject, body and recipients of a draft."""
        directory = self._draft_dir(g)
        payload = await request.json()
        if not isinstance(payload, dict):
            raise GraphError(400, "ErrorInvalidRequest", "Send the changes as a JSON object.")
        raw = read_json(directory / "message.json")
        if "subject" in payload:
            raw["subject"] = str(payload["subject"] or "")
        body = payload.get("body")
        if isinstance(body, dict):
            raw["bodyContentType"] = str(body.get("contentType") or "text").lower()
            raw["body"] = str(body.get("content") or "")
        for field in ("toRecipients", "ccRecipients", "bccRecipients"):
            if field in payload:
                raw[field] = [
                    {
                        "name": (r.get("emailAddress") or {}).get("name"),
                        "address": (r.get("emailAddress") or {}).get("address"),
                    }
                    for r in payload.get(field) or []
                ]
        write_json(directory / "message.json", raw)
        return self._message_body(request, g["user"], self.data.mailbox(g["user"]), directory)

    async def delete_attachment(self, request: web.Request, g: Groups) -> web.Response:
        directory = self._draft_dir(g)
        raw = read_json(directory / "message.json")
        kept = [m for m in raw["attachments"] if m["id"] != g["attachment"]]
        if len(kept) == len(raw["attachments"]):
            raise GraphError(404, "ErrorItemNotFound", "The attachment was not found.")
        for meta in raw["attachments"]:
            if meta["id"] == g["attachment"]:
                (directory / meta["file"]).unlink(missing_ok=True)
        raw["attachments"] = kept
        write_json(directory / "message.json", raw)
        return web.Response(status=204)

    async def add_attachment(self, request: web.Request, g: Groups) -> web.Response:
        mailbox = self.data.mailbox(g["user"])
        directory = self.data.message_dir(mailbox, g["message"])
        if not read_json(directory / "message.json").get("isDraft"):
            raise GraphError(403, "ErrorAccessDenied", "Attachments can only be added to drafts.")
        return web.json_response(
            self._store_attachment(directory, await request.json()), status=201
        )

    # --- calendar -----------------------------------------------------------------------

    async def get_events(self, request: web.Request, g: Groups) -> dict[str, Any]:
        user = self.data.user(g["user"])
        events = self.data.events(user["id"])
        raw_filter = query(request, "filter")
        if raw_filter:
            match = _EXT_FILTER.search(raw_filter)
            if match is None:
                raise GraphError(400, "ErrorInvalidUrlQueryFilter", "Unsupported $filter.")
            prop, value = match.groups()
            events = [
                e
                for e in events
                if any(
                    p.get("id", "").lower() == prop.lower() and p.get("value") == value
                    for p in e.get("singleValueExtendedProperties", [])
                )
            ]
        return paged(request, events)

    async def create_event(self, request: web.Request, g: Groups) -> web.Response:
        user = self.data.user(g["user"])
        payload = await request.json()
        if not isinstance(payload, dict) or not payload.get("subject"):
            raise GraphError(400, "ErrorInvalidRequest", "An event needs a subject.")
        events = self.data.events(user["id"])
        transaction = payload.get("transactionId")
        for event in events:
            if transaction and event.get("transactionId") == transaction:
                return web.json_response(event, status=201)  # Graph's idempotent create
        event = {**payload, "id": f"evt-{uuid.uuid4().hex[:16]}", "createdDateTime": now_iso()}
        event["lastModifiedDateTime"] = event["createdDateTime"]
        events.append(event)
        self.data.save_events(user["id"], events)
        return web.json_response(event, status=201)

    async def patch_event(self, request: web.Request, g: Groups) -> dict[str, Any]:
        user = self.data.user(g["user"])
        payload = await request.json()
        events = self.data.events(user["id"])
        for event in events:
            if event["id"] == g["event"]:
                event.update(payload)
                event["lastModifiedDateTime"] = now_iso()
                self.data.save_events(user["id"], events)
                return dict(event)
        raise GraphError(404, "ErrorItemNotFound", "The event was not found.")
