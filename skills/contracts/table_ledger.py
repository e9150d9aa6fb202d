"""The reminder ledger in Azure Table Storage (or Cosmos DB for Table), for several
bot instances in App Service. Claims use ETags: of two instances updating the
same row, the second gets 412 and knows it lost.
"""

from __future__ import annotations

import contextlib
import time
from datetime import date
from typing import Any

from azure.core import MatchConditions
from azure.core.credentials_async import AsyncTokenCredential
from azure.core.exceptions import (
    ResourceExistsError,
    ResourceModifiedError,
    ResourceNotFoundError,
)
from azure.data.tables import UpdateMode
from azure.data.tables.aio import TableClient, TableServiceClient

from skills.contracts.ledger import Claim, claim_outcome, follow_up_owed
from skills.contracts.reminders import ReminderKey
from skills.table_keys import table_key


def _row(key: ReminderKey) -> dict[str, str]:
    # Each part is escaped on its own: '|' never comes out of `table_key`, so the parts
    # stay apart, and plain ids keep the keys rows were written with before escaping.
    return {
        "PartitionKey": table_key(key.contract_id),
        "RowKey": f"{table_key(key.kind)}|{table_key(key.due)}|{key.tier}",
    }


def _status_row(deadline: tuple[str, str, str]) -> dict[str, str]:
    contract_id, kind, due = deadline
    return {"PartitionKey": table_key(contract_id), "RowKey": f"{table_key(kind)}|{table_key(due)}"}


class TableLedger:
    def __init__(
        self,
        service: TableServiceClient,
        prefix: str = "reminder",
        credential: AsyncTokenCredential | None = None,
        owns_service: bool = True,
    ) -> None:
        self._service = service
        self._credential = credential
        # A service shared with other stores is closed by whoever opened it.
        self._owns_service = owns_service
        self._ledger: TableClient = service.get_table_client(f"{prefix}ledger")
        self._status: TableClient = service.get_table_client(f"{prefix}status")
        self._ready = False

    @classmethod
    def from_connection_string(
        cls, connection_string: str, prefix: str = "reminder"
    ) -> TableLedger:
        return cls(TableServiceClient.from_connection_string(connection_string), prefix)

    @classmethod
    def from_endpoint(cls, endpoint: str, prefix: str = "reminder") -> TableLedger:
        """Production: the bot's managed identity, no keys."""
        from azure.identity.aio import DefaultAzureCredential

        credential = DefaultAzureCredential()
        return cls(TableServiceClient(endpoint, credential=credential), prefix, credential)

    async def _tables(self) -> None:
        if self._ready:
            return
        for name in (self._ledger.table_name, self._status.table_name):
            with contextlib.suppress(ResourceExistsError):
                await self._service.create_table(name)
        self._ready = True

    async def close(self) -> None:
        await self._ledger.close()
        await self._status.close()
        if self._owns_service:
            await self._service.close()
            if self._credential is not None:
                await self._credential.close()

    async def claim(
        self, key: ReminderKey, instance: str, lease_seconds: float, retry_after: float = 0.0
    ) -> Claim:
        await self._tables()
        now = time.time()
        entity: dict[str, Any] = {
            **_row(key),
            "state": "sending",
            "instance": instance,
            "claimed_at": now,
            "attempts": 1,
        }
        try:
            await self._ledger.create_entity(entity)
            return Claim.NEW
        except ResourceExistsError:
            pass
        row = _row(key)
        current = await self._ledger.get_entity(row["PartitionKey"], row["RowKey"])
        attempts = int(current.get("attempts", 1))
        outcome = claim_outcome(
            str(current.get("state")),
            float(current.get("claimed_at", 0)),
            attempts,
            now,
            lease_seconds,
            retry_after,
        )
        if not outcome:
            return Claim.NO
        entity["attempts"] = attempts + 1
        try:
            await self._ledger.update_entity(
                entity,
                mode=UpdateMode.REPLACE,
                etag=current.metadata["etag"],
                match_condition=MatchConditions.IfNotModified,
            )
        except ResourceModifiedError:
            return Claim.NO  # another instance took it first
        return outcome

    async def mark_sent(self, key: ReminderKey) -> None:
        await self._set(key, {"state": "sent", "sent_at": time.time(), "detail": ""})

    async def mark_failed(self, key: ReminderKey, detail: str) -> None:
        await self._set(key, {"state": "failed", "detail": detail[:1000]})

    async def _set(self, key: ReminderKey, values: dict[str, Any]) -> None:
        await self._tables()
        await self._ledger.update_entity({**_row(key), **values}, mode=UpdateMode.MERGE)

    async def quiet_reason(self, key: ReminderKey, today: date) -> str | None:
        await self._tables()
        try:
            row = _status_row(key.deadline_key)
            status = await self._status.get_entity(row["PartitionKey"], row["RowKey"])
        except ResourceNotFoundError:
            return None
        if status.get("acknowledged_by"):
            return "acknowledged"
        snoozed = status.get("snoozed_until")
        if snoozed and date.fromisoformat(str(snoozed)) > today:
            return "snoozed"
        return None

    async def acknowledge(self, deadline: tuple[str, str, str], who: str) -> None:
        await self._tables()
        await self._status.upsert_entity(
            {
                **_status_row(deadline),
                "acknowledged_by": who or "?",
                "acknowledged_at": time.time(),
            },
            mode=UpdateMode.MERGE,
        )

    async def snooze(self, deadline: tuple[str, str, str], until: date) -> None:
        await self._tables()
        await self._status.upsert_entity(
            {
                **_status_row(deadline),
                "snoozed_until": until.isoformat(),
                "snoozed_at": time.time(),
            },
            mode=UpdateMode.MERGE,
        )

    async def snooze_ended(self, key: ReminderKey, today: date) -> date | None:
        """As `SqliteLedger.snooze_ended`: the tiers sent are read from the contract's
        partition (a contract has a handful of rows)."""
        await self._tables()
        row, status_row = _row(key), _status_row(key.deadline_key)
        try:
            status = await self._status.get_entity(status_row["PartitionKey"], status_row["RowKey"])
            tier = await self._ledger.get_entity(row["PartitionKey"], row["RowKey"])
        except ResourceNotFoundError:
            return None
        if status.get("acknowledged_by") or tier.get("state") != "sent":
            return None
        prefix = f"{status_row['RowKey']}|"
        sent = self._ledger.query_entities(
            "PartitionKey eq @partition and state eq 'sent'",
            parameters={"partition": row["PartitionKey"]},
        )
        times = [
            float(entity.get("sent_at", 0))
            async for entity in sent
            if str(entity["RowKey"]).startswith(prefix)
            and int(str(entity["RowKey"]).rsplit("|", 1)[1]) >= 0
        ]
        snoozed_at = status.get("snoozed_at")
        return follow_up_owed(
            status.get("snoozed_until"),
            float(snoozed_at) if snoozed_at is not None else None,
            today,
            max(times, default=None),
        )

    async def sent_count(self) -> int:
        await self._tables()
        count = 0
        async for _ in self._ledger.query_entities("state eq 'sent'"):
            count += 1
        return count
