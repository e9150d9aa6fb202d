"""Conversation references in Azure Table Storage (or Cosmos DB for Table), so every
bot instance behind App Service reaches every chat the bot has seen.

One entity per conversation, partitioned by the conversation key, plus one entity per
welcome claim. Look-ups by user or tenant scan the table with a filter: an office has
hundreds of chats, not millions, and a secondary index would need its own consistency.
The welcome claim is atomic across instances the way the ledger's claims are: creating
the entity wins, and an expired claim is retaken only with the ETag that was read.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import AsyncIterator
from typing import Any

from azure.core import MatchConditions
from azure.core.credentials_async import AsyncTokenCredential
from azure.core.exceptions import (
    ResourceExistsError,
    ResourceModifiedError,
    ResourceNotFoundError,
)
from azure.data.tables import TableEntity, UpdateMode
from azure.data.tables.aio import TableClient, TableServiceClient
from botbuilder.schema import ConversationReference

from bot.conversation_store import StoredConversation, conversation_key, stored_reference
from skills.table_keys import table_key

_ROW = "ref"
_WELCOME_ROW = "welcome"


def _stored(entity: TableEntity) -> StoredConversation:
    return StoredConversation(
        key=str(entity["conversation_key"]),
        kind=str(entity["kind"]),
        tenant_id=entity.get("tenant_id") or None,
        user_aad_id=entity.get("user_aad_id") or None,
        reference=ConversationReference().deserialize(json.loads(entity["reference"])),
        locale=entity.get("locale") or None,
    )


class TableConversationStore:
    def __init__(
        self,
        service: TableServiceClient,
        prefix: str = "",
        credential: AsyncTokenCredential | None = None,
        owns_service: bool = True,
    ) -> None:
        self._service = service
        self._credential = credential
        # A service shared with other stores is closed by whoever opened it.
        self._owns_service = owns_service
        self._refs: TableClient = service.get_table_client(f"{prefix}conversationrefs")
        self._welcomes: TableClient = service.get_table_client(f"{prefix}welcomeclaims")
        self._ready = False

    @classmethod
    def from_connection_string(
        cls, connection_string: str, prefix: str = ""
    ) -> TableConversationStore:
        return cls(TableServiceClient.from_connection_string(connection_string), prefix)

    @classmethod
    def from_endpoint(cls, endpoint: str, prefix: str = "") -> TableConversationStore:
        """Production: the bot's managed identity, no keys."""
        from azure.identity.aio import DefaultAzureCredential

        credential = DefaultAzureCredential()
        return cls(TableServiceClient(endpoint, credential=credential), prefix, credential)

    @property
    def table_names(self) -> tuple[str, str]:
        return self._refs.table_name, self._welcomes.table_name

    async def _tables(self) -> None:
        if self._ready:
            return
        for name in self.table_names:
            with contextlib.suppress(ResourceExistsError):
                await self._service.create_table(name)
        self._ready = True

    async def close(self) -> None:
        await self._refs.close()
        await self._welcomes.close()
        if self._owns_service:
            await self._service.close()
            if self._credential is not None:
                await self._credential.close()

    async def save(
        self,
        reference: ConversationReference,
        kind: str,
        tenant_id: str | None = None,
        locale: str | None = None,
    ) -> str:
        """Insert or refresh; a save without a locale keeps the one stored before."""
        await self._tables()
        stored = stored_reference(reference)
        key = conversation_key(reference.conversation.id)
        user_aad = reference.user.aad_object_id if reference.user is not None else None
        entity: dict[str, Any] = {
            "PartitionKey": table_key(key),
            "RowKey": _ROW,
            "conversation_key": key,
            "kind": kind,
            "reference": json.dumps(stored.serialize()),
            "updated_at": time.time(),
        }
        # A merge leaves out what is unknown now, so the value stored before stays.
        optional = {
            "tenant_id": tenant_id or reference.conversation.tenant_id,
            "user_aad_id": user_aad if kind == "personal" else None,
            "locale": locale,
        }
        entity.update({name: value for name, value in optional.items() if value})
        await self._refs.upsert_entity(entity, mode=UpdateMode.MERGE)
        return key

    async def claim_welcome(self, conversation_id: str, window_seconds: float) -> bool:
        """True for the first caller per conversation within the window, on any instance."""
        await self._tables()
        row = {"PartitionKey": table_key(conversation_key(conversation_id)), "RowKey": _WELCOME_ROW}
        now = time.time()
        try:
            await self._welcomes.create_entity({**row, "welcomed_at": now})
            return True
        except ResourceExistsError:
            pass
        try:
            current = await self._welcomes.get_entity(row["PartitionKey"], row["RowKey"])
        except ResourceNotFoundError:
            return False  # removed in between: not ours to greet on a guess
        if float(current.get("welcomed_at", 0)) >= now - window_seconds:
            return False
        try:
            await self._welcomes.update_entity(
                {**row, "welcomed_at": now},
                mode=UpdateMode.REPLACE,
                etag=current.metadata["etag"],
                match_condition=MatchConditions.IfNotModified,
            )
        except ResourceModifiedError:
            return False  # another instance renewed it first
        return True

    async def get(self, key: str) -> StoredConversation | None:
        await self._tables()
        try:
            entity = await self._refs.get_entity(table_key(conversation_key(key)), _ROW)
        except ResourceNotFoundError:
            return None
        return _stored(entity)

    async def personal_chat_of(self, user_aad_id: str) -> StoredConversation | None:
        return await self._newest(
            "user_aad_id eq @user and kind eq 'personal'", {"user": user_aad_id}
        )

    async def any_in_tenant(self, tenant_id: str | None) -> StoredConversation | None:
        """Any conversation of the tenant: its service URL and bot account let the bot
        open a new chat there."""
        if tenant_id:
            return await self._newest("tenant_id eq @tenant", {"tenant": tenant_id})
        return await self._newest(None, {})

    async def all(self) -> list[StoredConversation]:
        return [_stored(e) for e in await self._by_newest(None, {})]

    async def _newest(self, where: str | None, params: dict[str, Any]) -> StoredConversation | None:
        entities = await self._by_newest(where, params)
        return _stored(entities[0]) if entities else None

    async def _by_newest(self, where: str | None, params: dict[str, Any]) -> list[TableEntity]:
        await self._tables()
        found = [entity async for entity in self._query(where, params)]
        found.sort(key=lambda e: float(e.get("updated_at", 0)), reverse=True)
        return found

    def _query(self, where: str | None, params: dict[str, Any]) -> AsyncIterator[TableEntity]:
        """The filter's values go in as parameters: the SDK quotes them, ids cannot break out."""
        if where is None:
            return self._refs.list_entities()
        return self._refs.query_entities(where, parameters=params)
