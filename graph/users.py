"""Resolve people: an owner's e-mail in the register -> their Entra object id."""

from __future__ import annotations

from dataclasses import dataclass

from kiota_abstractions.base_request_configuration import RequestConfiguration
from msgraph.generated.models.user import User
from msgraph.generated.users.item.user_item_request_builder import UserItemRequestBuilder
from msgraph.generated.users.users_request_builder import UsersRequestBuilder
from msgraph.graph_service_client import GraphServiceClient

from graph.errors import ForbiddenError, NotFoundError, graph_errors

PERMISSION = "User.Read.All (or User.ReadBasic.All)"
_BASIC = ["id", "displayName", "mail", "userPrincipalName"]
# `preferredLanguage` is outside the basic profile: with only User.ReadBasic.All a tenant
# may refuse it, and then the person is read without it (reminders fall back to bokmål).
_FIELDS = [*_BASIC, "preferredLanguage"]


@dataclass(frozen=True)
class Person:
    id: str
    display_name: str
    mail: str
    user_principal_name: str
    # Entra `preferredLanguage` (e.g. `en-US`, `nb-NO`); empty when the tenant has none.
    preferred_language: str = ""


class UsersGateway:
    def __init__(self, client: GraphServiceClient) -> None:
        self._client = client

    async def resolve(self, upn_or_mail: str) -> Person:
        try:
            return await self._resolve(upn_or_mail, _FIELDS)
        except ForbiddenError:
            return await self._resolve(upn_or_mail, _BASIC)

    async def _resolve(self, upn_or_mail: str, fields: list[str]) -> Person:
        params = UserItemRequestBuilder.UserItemRequestBuilderGetQueryParameters(select=fields)
        try:
            with graph_errors(f"resolve user {upn_or_mail}", PERMISSION):
                user = await self._client.users.by_user_id(upn_or_mail).get(
                    RequestConfiguration(query_parameters=params)
                )
        except NotFoundError:
            user = await self._by_mail(upn_or_mail, fields)
        if user is None or not user.id:
            raise NotFoundError(f"user {upn_or_mail}")
        return Person(
            user.id,
            user.display_name or "",
            user.mail or "",
            user.user_principal_name or "",
            user.preferred_language or "",
        )

    async def _by_mail(self, mail: str, fields: list[str]) -> User | None:
        """A mail address that is not the UPN: look it up by `mail`."""
        escaped = mail.replace("'", "''")
        params = UsersRequestBuilder.UsersRequestBuilderGetQueryParameters(
            filter=f"mail eq '{escaped}'", select=fields
        )
        with graph_errors(f"find user by mail {mail}", PERMISSION):
            found = await self._client.users.get(RequestConfiguration(query_parameters=params))
        return found.value[0] if found and found.value else None
