"""Calendar events for deadlines, created idempotently.

Each event carries our own key in a single-value extended property, so a second
run finds and updates the event instead of adding a duplicate; the create also
sends a transactionId, which Graph uses to drop a retried duplicate POST.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta

from kiota_abstractions.base_request_configuration import RequestConfiguration
from msgraph.generated.models.body_type import BodyType
from msgraph.generated.models.date_time_time_zone import DateTimeTimeZone
from msgraph.generated.models.event import Event
from msgraph.generated.models.item_body import ItemBody
from msgraph.generated.models.single_value_legacy_extended_property import (
    SingleValueLegacyExtendedProperty,
)
from msgraph.generated.users.item.events.events_request_builder import EventsRequestBuilder
from msgraph.graph_service_client import GraphServiceClient

from graph.errors import GraphGatewayError, graph_errors

PERMISSION = "Calendars.ReadWrite"
KEY_PROPERTY = "String {5a1e0c2b-7d3f-4b8e-9c6a-2f4d8e1b7a90} Name anskaffelse-frist"
TIME_ZONE = "W. Europe Standard Time"


@dataclass(frozen=True)
class CalendarEvent:
    id: str
    subject: str
    created: bool


class CalendarGateway:
    def __init__(self, client: GraphServiceClient) -> None:
        self._client = client

    async def upsert_all_day(
        self, user: str, key: str, subject: str, day: date, body_html: str
    ) -> CalendarEvent:
        events = self._client.users.by_user_id(user).events
        event = Event(
            subject=subject,
            body=ItemBody(content_type=BodyType.Html, content=body_html),
            is_all_day=True,
            start=DateTimeTimeZone(date_time=f"{day.isoformat()}T00:00:00", time_zone=TIME_ZONE),
            end=DateTimeTimeZone(
                date_time=f"{(day + timedelta(days=1)).isoformat()}T00:00:00", time_zone=TIME_ZONE
            ),
            is_reminder_on=True,
            reminder_minutes_before_start=24 * 60,
            single_value_extended_properties=[
                SingleValueLegacyExtendedProperty(id=KEY_PROPERTY, value=key)
            ],
        )
        escaped = key.replace("'", "''")
        params = EventsRequestBuilder.EventsRequestBuilderGetQueryParameters(
            filter=(
                f"singleValueExtendedProperties/Any(ep: ep/id eq '{KEY_PROPERTY}' "
                f"and ep/value eq '{escaped}')"
            ),
            select=["id", "subject"],
        )
        with graph_errors(f"calendar event {key} for {user}", PERMISSION):
            found = await events.get(RequestConfiguration(query_parameters=params))
            existing = found.value if found and found.value else []
            if existing and existing[0].id:
                updated = await events.by_event_id(existing[0].id).patch(event)
                return CalendarEvent(
                    existing[0].id, (updated.subject if updated else subject) or subject, False
                )
            event.transaction_id = hashlib.sha256(f"{user}|{key}".encode()).hexdigest()[:40]
            created = await events.post(event)
        if created is None or not created.id:
            raise GraphGatewayError(f"creating calendar event {key} returned nothing")
        return CalendarEvent(created.id, created.subject or subject, True)
