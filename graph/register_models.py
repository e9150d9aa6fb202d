"""Lean subclasses of the SDK's list-item models for reading large lists.

The generated `Entity.get_field_deserializers` runs a couple of thousand import
statements on every object it deserialises (about 11 ms per list item here), so
reading a 10,000-row register through the stock models takes minutes. These
subclasses are still the SDK's `ListItem`, `FieldValueSet` and page types, but
declare only the properties the register uses; unknown properties (the column
values) land in `additional_data` as usual.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiota_abstractions.serialization import ParseNode
from msgraph.generated.models.field_value_set import FieldValueSet
from msgraph.generated.models.list_item import ListItem
from msgraph.generated.models.list_item_collection_response import ListItemCollectionResponse
from msgraph.generated.sites.item.lists.item.items.delta.delta_get_response import (
    DeltaGetResponse,
)

Deserializers = dict[str, Callable[[ParseNode], None]]


class RegisterFields(FieldValueSet):
    @staticmethod
    def create_from_discriminator_value(parse_node: ParseNode) -> RegisterFields:
        return RegisterFields()

    def get_field_deserializers(self) -> Deserializers:
        return {"id": lambda n: setattr(self, "id", n.get_str_value())}


class RegisterListItem(ListItem):
    @staticmethod
    def create_from_discriminator_value(parse_node: ParseNode) -> RegisterListItem:
        return RegisterListItem()

    def get_field_deserializers(self) -> Deserializers:
        return {
            "id": lambda n: setattr(self, "id", n.get_str_value()),
            "lastModifiedDateTime": lambda n: setattr(
                self, "last_modified_date_time", n.get_datetime_value()
            ),
            "fields": lambda n: setattr(self, "fields", n.get_object_value(RegisterFields)),
        }


def _page_fields(page: Any) -> Deserializers:
    return {
        "@odata.nextLink": lambda n: setattr(page, "odata_next_link", n.get_str_value()),
        "value": lambda n: setattr(
            page, "value", n.get_collection_of_object_values(RegisterListItem)
        ),
    }


class RegisterItemsPage(ListItemCollectionResponse):
    @staticmethod
    def create_from_discriminator_value(parse_node: ParseNode) -> RegisterItemsPage:
        return RegisterItemsPage()

    def get_field_deserializers(self) -> Deserializers:
        return _page_fields(self)


class RegisterDeltaPage(DeltaGetResponse):
    @staticmethod
    def create_from_discriminator_value(parse_node: ParseNode) -> RegisterDeltaPage:
        return RegisterDeltaPage()

    def get_field_deserializers(self) -> Deserializers:
        fields = _page_fields(self)
        fields["@odata.deltaLink"] = lambda n: setattr(self, "odata_delta_link", n.get_str_value())
        return fields
