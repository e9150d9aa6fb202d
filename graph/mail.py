"""Outlook mail through Graph: a mailbox folder's messages, their files, and drafts.

The assistant never sends mail: it only creates drafts that a person reviews and
sends from Outlook.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime

from kiota_abstractions.base_request_configuration import RequestConfiguration
from msgraph.generated.models.attachment import Attachment
from msgraph.generated.models.body_type import BodyType
from msgraph.generated.models.email_address import EmailAddress
from msgraph.generated.models.file_attachment import FileAttachment
from msgraph.generated.models.item_body import ItemBody
from msgraph.generated.models.message import Message
from msgraph.generated.models.recipient import Recipient
from msgraph.generated.users.item.mail_folders.item.child_folders.child_folders_request_builder import (  # noqa: E501
    ChildFoldersRequestBuilder,
)
from msgraph.generated.users.item.mail_folders.item.messages.messages_request_builder import (
    MessagesRequestBuilder,
)
from msgraph.generated.users.item.mail_folders.mail_folders_request_builder import (
    MailFoldersRequestBuilder,
)
from msgraph.graph_service_client import GraphServiceClient

from graph.errors import GraphGatewayError, NotFoundError, graph_errors
from graph.paging import pages

READ_PERMISSION = "Mail.Read (Exchange RBAC for Applications, scoped to the procurement mailbox)"
WRITE_PERMISSION = (
    "Mail.ReadWrite (Exchange RBAC for Applications, scoped to the procurement mailbox)"
)
MAX_DRAFT_ATTACHMENT = 3 * 1024 * 1024


@dataclass(frozen=True)
class MailMessage:
    id: str
    subject: str
    sender_name: str
    sender_address: str
    received: datetime | None
    body: str
    body_type: str
    has_attachments: bool
    web_link: str


@dataclass(frozen=True)
class MailFile:
    id: str
    name: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class DraftFile:
    name: str
    content_type: str
    content: bytes


def _quote(value: str) -> str:
    return value.replace("'", "''")


def _message(item: Message) -> MailMessage:
    sender = item.from_.email_address if item.from_ and item.from_.email_address else None
    return MailMessage(
        id=item.id or "",
        subject=item.subject or "",
        sender_name=(sender.name or "") if sender else "",
        sender_address=(sender.address or "") if sender else "",
        received=item.received_date_time,
        body=(item.body.content or "") if item.body else "",
        body_type=str(item.body.content_type.value) if item.body and item.body.content_type else "",
        has_attachments=bool(item.has_attachments),
        web_link=item.web_link or "",
    )


def _draft_message(subject: str, html_body: str, to: list[str], bcc: list[str] | None) -> Message:
    return Message(
        subject=subject,
        body=ItemBody(content_type=BodyType.Html, content=html_body),
        to_recipients=[Recipient(email_address=EmailAddress(address=a)) for a in to],
        bcc_recipients=[Recipient(email_address=EmailAddress(address=a)) for a in bcc or []],
    )


def _file_attachment(file: DraftFile) -> FileAttachment:
    """A small file attachment; larger ones would need an upload session."""
    if len(file.content) > MAX_DRAFT_ATTACHMENT:
        raise GraphGatewayError(
            f"{file.name} is {len(file.content) // 1024} KB; draft attachments over 3 MB "
            "are not supported: put the file in SharePoint and link to it"
        )
    return FileAttachment(
        odata_type="#microsoft.graph.fileAttachment",
        name=file.name,
        content_type=file.content_type,
        content_bytes=file.content,
    )


class MailGateway:
    def __init__(self, client: GraphServiceClient) -> None:
        self._client = client

    async def folder_id(self, mailbox: str, path: str) -> str:
        """`Innboks/Markedsdialog/2026-014` -> folder id, one level at a time by name."""
        parts = [p for p in path.strip("/").split("/") if p]
        if not parts:
            raise NotFoundError("an empty mail folder path")
        user = self._client.users.by_user_id(mailbox)
        with graph_errors(f"find mail folder {path}", READ_PERMISSION):
            first = await user.mail_folders.get(
                RequestConfiguration(
                    query_parameters=MailFoldersRequestBuilder.MailFoldersRequestBuilderGetQueryParameters(
                        filter=f"displayName eq '{_quote(parts[0])}'", select=["id", "displayName"]
                    )
                )
            )
            found = first.value if first and first.value else []
            if not found or not found[0].id:
                raise NotFoundError(f"mail folder '{parts[0]}' in {mailbox}")
            folder_id = found[0].id
            for part in parts[1:]:
                children = await user.mail_folders.by_mail_folder_id(folder_id).child_folders.get(
                    RequestConfiguration(
                        query_parameters=ChildFoldersRequestBuilder.ChildFoldersRequestBuilderGetQueryParameters(
                            filter=f"displayName eq '{_quote(part)}'", select=["id", "displayName"]
                        )
                    )
                )
                found = children.value if children and children.value else []
                if not found or not found[0].id:
                    raise NotFoundError(f"mail folder '{part}' under {path} in {mailbox}")
                folder_id = found[0].id
        return folder_id

    async def messages(
        self, mailbox: str, folder_id: str, page_size: int = 50
    ) -> AsyncIterator[MailMessage]:
        builder = (
            self._client.users.by_user_id(mailbox)
            .mail_folders.by_mail_folder_id(folder_id)
            .messages
        )
        params = MessagesRequestBuilder.MessagesRequestBuilderGetQueryParameters(
            select=[
                "id",
                "subject",
                "from",
                "receivedDateTime",
                "body",
                "hasAttachments",
                "webLink",
            ],
            top=page_size,
        )
        with graph_errors(f"list messages in {mailbox}", READ_PERMISSION):
            async for page in pages(
                lambda: builder.get(RequestConfiguration(query_parameters=params)),
                lambda link: builder.with_url(link).get(),
            ):
                for item in page.value or []:
                    yield _message(item)

    async def attachments(self, mailbox: str, message_id: str) -> list[MailFile]:
        """File attachments with their bytes; item and reference attachments are skipped."""
        builder = self._client.users.by_user_id(mailbox).messages.by_message_id(message_id)
        files = []
        with graph_errors(f"read attachments of {message_id}", READ_PERMISSION):
            result = await builder.attachments.get()
            for item in result.value if result and result.value else []:
                if not isinstance(item, FileAttachment):
                    continue
                content = item.content_bytes
                if content is None and item.id:
                    full = await builder.attachments.by_attachment_id(item.id).get()
                    content = full.content_bytes if isinstance(full, FileAttachment) else None
                files.append(
                    MailFile(
                        id=item.id or "",
                        name=item.name or "",
                        content_type=item.content_type or "application/octet-stream",
                        content=content or b"",
                    )
                )
        return files

    async def create_draft(
        self,
        mailbox: str,
        subject: str,
        html_body: str,
        to: list[str],
        files: list[DraftFile] | None = None,
        bcc: list[str] | None = None,
    ) -> MailMessage:
        """A draft in the mailbox's Drafts folder; a person sends it from Outlook.

        `bcc` is for invitations to several suppliers: none of them sees the others."""
        draft = _draft_message(subject, html_body, to, bcc)
        draft.attachments = [_file_attachment(file) for file in files or []]
        with graph_errors(f"create a draft in {mailbox}", WRITE_PERMISSION):
            created = await self._client.users.by_user_id(mailbox).messages.post(draft)
        if created is None or not created.id:
            raise GraphGatewayError("creating the draft returned nothing")
        return _message(created)

    async def update_draft(
        self,
        mailbox: str,
        message_id: str,
        subject: str,
        html_body: str,
        to: list[str],
        files: list[DraftFile] | None = None,
        bcc: list[str] | None = None,
    ) -> MailMessage:
        """The same draft with new content and attachments: a retried action updates
        the draft it made instead of leaving a second one."""
        changes = _draft_message(subject, html_body, to, bcc)
        new_files: list[Attachment] = [_file_attachment(file) for file in files or []]
        message = self._client.users.by_user_id(mailbox).messages.by_message_id(message_id)
        with graph_errors(f"update the draft in {mailbox}", WRITE_PERMISSION):
            updated = await message.patch(changes)
            listed = await message.attachments.get()
            for old in listed.value if listed and listed.value else []:
                if old.id:
                    await message.attachments.by_attachment_id(old.id).delete()
            for attachment in new_files:
                await message.attachments.post(attachment)
        if updated is None or not updated.id:
            raise GraphGatewayError("updating the draft returned nothing")
        return _message(updated)

    async def draft_envelope(
        self, mailbox: str, message_id: str
    ) -> tuple[list[str], list[str], int]:
        """A draft's To and Cc, its Bcc, and how many attachments of any kind it has."""
        message = self._client.users.by_user_id(mailbox).messages.by_message_id(message_id)
        with graph_errors(f"read the draft {message_id}", READ_PERMISSION):
            found = await message.get()
            listed = await message.attachments.get()

        def addresses(people: list[Recipient] | None) -> list[str]:
            return [
                (p.email_address.address or "").lower()
                for p in people or []
                if p.email_address is not None
            ]

        if found is None:
            raise NotFoundError(f"draft {message_id} in {mailbox}")
        visible = addresses(found.to_recipients) + addresses(found.cc_recipients)
        count = len(listed.value) if listed and listed.value else 0
        return visible, addresses(found.bcc_recipients), count

    async def draft_by_subject(self, mailbox: str, subject: str) -> MailMessage | None:
        """The newest draft with exactly this subject, if any."""
        async for message in self.drafts(mailbox):
            if message.subject == subject:
                return message
        return None

    async def drafts(self, mailbox: str) -> AsyncIterator[MailMessage]:
        async for message in self.messages(mailbox, "drafts"):
            yield message
