"""Follow `@odata.nextLink` as an async generator of pages.

The SDK's PageIterator is callback-based, stops at an empty page and drops the
`@odata.deltaLink` of the last page, which delta sync needs; following the links
with each request builder's `with_url` keeps every page fully typed.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, Protocol, TypeVar


class Page(Protocol):
    @property
    def value(self) -> list[Any] | None: ...

    @property
    def odata_next_link(self) -> str | None: ...


P = TypeVar("P", bound=Page)


async def pages(
    first: Callable[[], Awaitable[P | None]], follow: Callable[[str], Awaitable[P | None]]
) -> AsyncIterator[P]:
    page = await first()
    while page is not None:
        yield page
        link = page.odata_next_link
        if not link:
            return
        page = await follow(link)
