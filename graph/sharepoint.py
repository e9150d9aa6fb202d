"""SharePoint through Graph: the site, its document library and its lists."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kiota_abstractions.base_request_configuration import RequestConfiguration
from kiota_abstractions.method import Method
from kiota_abstractions.request_information import RequestInformation
from msgraph.generated.drives.item.items.item.create_upload_session.create_upload_session_post_request_body import (  # noqa: E501
    CreateUploadSessionPostRequestBody,
)
from msgraph.generated.models.drive_item import DriveItem
from msgraph.generated.models.drive_item_uploadable_properties import (
    DriveItemUploadableProperties,
)
from msgraph.generated.models.field_value_set import FieldValueSet
from msgraph.generated.models.list_item import ListItem
from msgraph.generated.models.o_data_errors.o_data_error import ODataError
from msgraph.generated.sites.item.lists.item.items.items_request_builder import (
    ItemsRequestBuilder,
)
from msgraph.generated.sites.item.site_item_request_builder import SiteItemRequestBuilder
from msgraph.graph_service_client import GraphServiceClient

from graph.errors import GraphGatewayError, graph_errors
from graph.paging import pages
from graph.register_models import RegisterDeltaPage, RegisterItemsPage

ERRORS: dict[str, Any] = {"XXX": ODataError}
SITES_PERMISSION = "Sites.Selected (or Sites.ReadWrite.All)"
SIMPLE_UPLOAD_LIMIT = 4 * 1024 * 1024
UPLOAD_CHUNK = 5 * 320 * 1024  # a multiple of 320 KiB, as Graph requires


@dataclass(frozen=True)
class SiteRef:
    id: str
    name: str
    web_url: str
    drive_id: str


@dataclass(frozen=True)
class DriveEntry:
    id: str
    name: str
    is_folder: bool
    size: int
    web_url: str
    modified: datetime | None
    etag: str


@dataclass(frozen=True)
class RegisterItem:
    id: str
    fields: dict[str, Any]
    modified: datetime | None


@dataclass
class DeltaResult:
    items: list[RegisterItem] = field(default_factory=list)
    delta_link: str = ""
    requests: int = 0


def _entry(item: DriveItem) -> DriveEntry:
    return DriveEntry(
        id=item.id or "",
        name=item.name or "",
        is_folder=item.folder is not None,
        size=item.size or 0,
        web_url=item.web_url or "",
        modified=item.last_modified_date_time,
        etag=item.e_tag or "",
    )


def _plain(value: Any) -> Any:
    """The JSON parser turns date-like strings into datetimes; the register keeps text."""
    if isinstance(value, datetime):
        if value.time() == datetime.min.time() and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat()
    return value


def _register_item(item: ListItem) -> RegisterItem:
    raw = dict(item.fields.additional_data) if item.fields is not None else {}
    raw.pop("@odata.etag", None)
    fields = {key: _plain(value) for key, value in raw.items()}
    return RegisterItem(item.id or "", fields, item.last_modified_date_time)


# SharePoint's own columns ("Type" is the file-type icon, not an agreement type).
_SYSTEM = """ID id ContentType DocIcon Attachments Edit LinkTitle LinkTitleNoMenu Author Editor
    Created Modified _UIVersionString ItemChildCount FolderChildCount AppAuthor AppEditor
    ComplianceAssetId _ComplianceFlags _ComplianceTag _ComplianceTagWrittenTime
    _ComplianceTagUserId _IsRecord _ColorTag SelectTitle"""
SYSTEM_COLUMNS = frozenset(_SYSTEM.split())


def _people_write(column: Any) -> bool:
    """A column an office keeps data in: not SharePoint's own, hidden or read-only ones
    (Title, the list's built-in name column, counts)."""
    if column.name == "Title":
        return True
    if column.name in SYSTEM_COLUMNS or column.hidden or column.read_only:
        return False
    return bool(column.column_group != "_Hidden")


class SiteResolver:
    """The office's site, looked up once and shared: every later call, by any skill,
    reuses it."""

    def __init__(self, gateway: SharePointGateway, host: str, path: str) -> None:
        self._gateway = gateway
        self._host = host
        self._path = path
        self._site: SiteRef | None = None

    async def get(self) -> SiteRef:
        if self._site is None:
            self._site = await self._gateway.resolve_site(self._host, self._path)
        return self._site

    @property
    def known(self) -> SiteRef | None:
        """The site if it was looked up already (no call to Graph)."""
        return self._site


def drive_path(path: str) -> str:
    """`Saker/2026-014` -> the `root:/Saker/2026-014:` item address Graph accepts."""
    clean = path.strip("/")
    return f"root:/{clean}:" if clean else "root"


class SharePointGateway:
    def __init__(self, client: GraphServiceClient) -> None:
        self._client = client

    async def resolve_site(self, host: str, path: str) -> SiteRef:
        with graph_errors(f"resolve site {host}{path}", SITES_PERMISSION):
            site = await self._client.sites.by_site_id(f"{host}:{path}").get(
                RequestConfiguration(
                    query_parameters=SiteItemRequestBuilder.SiteItemRequestBuilderGetQueryParameters(
                        select=["id", "displayName", "webUrl"]
                    )
                )
            )
            if site is None or not site.id:
                raise GraphGatewayError(f"site {host}{path} returned nothing")
            drive = await self._client.sites.by_site_id(site.id).drive.get()
        drive_id = drive.id if drive is not None and drive.id else ""
        return SiteRef(site.id, site.display_name or "", site.web_url or "", drive_id)

    # --- document library ----------------------------------------------------------------

    async def list_folder(
        self, site: SiteRef, path: str, page_size: int = 200
    ) -> AsyncIterator[DriveEntry]:
        builder = (
            self._client.drives.by_drive_id(site.drive_id)
            .items.by_drive_item_id(drive_path(path))
            .children
        )
        params = builder.ChildrenRequestBuilderGetQueryParameters(
            select=[
                "id",
                "name",
                "folder",
                "file",
                "size",
                "webUrl",
                "lastModifiedDateTime",
                "eTag",
            ],
            top=page_size,
        )
        with graph_errors(f"list folder {path}", SITES_PERMISSION):
            async for page in pages(
                lambda: builder.get(RequestConfiguration(query_parameters=params)),
                lambda link: builder.with_url(link).get(),
            ):
                for item in page.value or []:
                    yield _entry(item)

    async def download(self, site: SiteRef, item_id: str) -> bytes:
        with graph_errors(f"download {item_id}", SITES_PERMISSION):
            content = (
                await self._client.drives.by_drive_id(site.drive_id)
                .items.by_drive_item_id(item_id)
                .content.get()
            )
        return content or b""

    async def delete_item(self, site: SiteRef, item_id: str) -> None:
        """Deletes a file or a folder with its contents (SharePoint keeps it in the recycle bin)."""
        with graph_errors(f"delete {item_id}", SITES_PERMISSION):
            await (
                self._client.drives.by_drive_id(site.drive_id)
                .items.by_drive_item_id(item_id)
                .delete()
            )

    async def upload(self, site: SiteRef, folder: str, name: str, content: bytes) -> DriveEntry:
        """Simple upload up to 4 MB; larger files go through an upload session in chunks."""
        address = f"{drive_path(folder)[:-1]}/{name}:" if folder.strip("/") else f"root:/{name}:"
        item = self._client.drives.by_drive_id(site.drive_id).items.by_drive_item_id(address)
        with graph_errors(f"upload {folder}/{name}", SITES_PERMISSION):
            if len(content) <= SIMPLE_UPLOAD_LIMIT:
                result = await item.content.put(content)
                if result is None:
                    raise GraphGatewayError(f"upload of {name} returned nothing")
                return _entry(result)
            body = CreateUploadSessionPostRequestBody(
                item=DriveItemUploadableProperties(
                    additional_data={"@microsoft.graph.conflictBehavior": "replace"}
                )
            )
            session = await item.create_upload_session.post(body)
            if session is None:
                raise GraphGatewayError(f"no upload session for {name}")
            if not session.upload_url:
                raise GraphGatewayError(f"no upload URL for {name}")
            return _entry(await self._upload_chunks(session.upload_url, content, name))

    async def _upload_chunks(self, upload_url: str, content: bytes, name: str) -> DriveItem:
        """PUT the file in ranges; Graph answers 202 until the last range, then the item.

        msgraph-core's LargeFileUploadTask mis-parses open-ended `nextExpectedRanges`
        ("1638400-"), so the ranges are sent here through the same request adapter.
        """
        size = len(content)
        start = 0
        result: DriveItem | None = None
        while start < size:
            end = min(start + UPLOAD_CHUNK, size) - 1
            info = RequestInformation()
            info.url = upload_url
            info.http_method = Method.PUT
            info.headers.try_add("Content-Range", f"bytes {start}-{end}/{size}")
            info.set_stream_content(content[start : end + 1])
            result = await self._client.request_adapter.send_async(info, DriveItem, ERRORS)
            start = end + 1
        if result is None or not result.id:
            raise GraphGatewayError(f"the upload session for {name} did not complete")
        return result

    # --- lists -------------------------------------------------------------------------------

    def _items(self, site: SiteRef, list_name: str) -> ItemsRequestBuilder:
        return self._client.sites.by_site_id(site.id).lists.by_list_id(list_name).items

    async def read_items(
        self, site: SiteRef, list_name: str, page_size: int = 999
    ) -> AsyncIterator[RegisterItem]:
        builder = self._items(site, list_name)
        params = ItemsRequestBuilder.ItemsRequestBuilderGetQueryParameters(
            expand=["fields"], select=["id", "lastModifiedDateTime"], top=page_size
        )
        adapter = self._client.request_adapter

        async def first() -> RegisterItemsPage | None:
            info = builder.to_get_request_information(RequestConfiguration(query_parameters=params))
            return await adapter.send_async(info, RegisterItemsPage, ERRORS)

        async def follow(link: str) -> RegisterItemsPage | None:
            info = builder.with_url(link).to_get_request_information()
            return await adapter.send_async(info, RegisterItemsPage, ERRORS)

        with graph_errors(f"read list {list_name}", SITES_PERMISSION):
            async for page in pages(first, follow):
                for item in page.value or []:
                    yield _register_item(item)

    async def list_columns(self, site: SiteRef, list_name: str) -> dict[str, str]:
        """Internal column name -> the title people see, so a list built with Norwegian
        titles (`Leverand_x00f8_r`, `field_3`) can be read by what its columns say."""
        builder = self._client.sites.by_site_id(site.id).lists.by_list_id(list_name).columns
        params = builder.ColumnsRequestBuilderGetQueryParameters(
            select=["name", "displayName", "readOnly", "hidden", "columnGroup"]
        )
        titles: dict[str, str] = {}
        with graph_errors(f"read the columns of list {list_name}", SITES_PERMISSION):
            async for page in pages(
                lambda: builder.get(RequestConfiguration(query_parameters=params)),
                lambda link: builder.with_url(link).get(),
            ):
                for column in page.value or []:
                    if column.name and _people_write(column):
                        titles[column.name] = column.display_name or column.name
        return titles

    async def delta(
        self, site: SiteRef, list_name: str, delta_link: str = "", page_size: int = 999
    ) -> DeltaResult:
        """Everything on the first call; afterwards only what changed since `delta_link`."""
        builder = self._items(site, list_name).delta
        adapter = self._client.request_adapter
        result = DeltaResult()
        params = builder.DeltaRequestBuilderGetQueryParameters(
            expand=["fields"], select=["id", "lastModifiedDateTime"], top=page_size
        )

        async def first() -> RegisterDeltaPage | None:
            if delta_link:
                return await follow(delta_link)
            info = builder.to_get_request_information(RequestConfiguration(query_parameters=params))
            return await adapter.send_async(info, RegisterDeltaPage, ERRORS)

        async def follow(link: str) -> RegisterDeltaPage | None:
            info = builder.with_url(link).to_get_request_information()
            return await adapter.send_async(info, RegisterDeltaPage, ERRORS)

        with graph_errors(f"delta of list {list_name}", SITES_PERMISSION):
            async for page in pages(first, follow):
                result.requests += 1
                result.items.extend(_register_item(item) for item in page.value or [])
                if page.odata_delta_link:
                    result.delta_link = page.odata_delta_link
        return result

    async def create_item(self, site: SiteRef, list_name: str, fields: dict[str, Any]) -> str:
        """A new list item with these fields; its id."""
        with graph_errors(f"add an item to {list_name}", SITES_PERMISSION):
            created = await self._items(site, list_name).post(
                ListItem(fields=FieldValueSet(additional_data=dict(fields)))
            )
        return created.id if created is not None and created.id else ""

    async def update_fields(
        self, site: SiteRef, list_name: str, item_id: str, fields: dict[str, Any]
    ) -> dict[str, Any]:
        with graph_errors(f"update item {item_id} in {list_name}", SITES_PERMISSION):
            result = (
                await self._items(site, list_name)
                .by_list_item_id(item_id)
                .fields.patch(FieldValueSet(additional_data=dict(fields)))
            )
        if result is None:
            return {}
        return {key: _plain(value) for key, value in result.additional_data.items()}
