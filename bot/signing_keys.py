"""The Bot Framework's token-signing keys, fetched without ever blocking the bot.

botbuilder validates each incoming JWT against keys from an OpenID metadata document.
Its own fetcher uses a blocking HTTP call with no timeout on the bot's only event loop
and, after a failure, fetches again on every request: one forged token while the key
endpoint hangs froze the whole process. botbuilder looks the fetcher up in a class-level
cache keyed by metadata URL (`JwtTokenExtractor.metadataCache`); `install` puts this
module's fetcher there for every URL, so botbuilder's validation logic stays as it is.

The fetcher: asynchronous, a timeout per request, one fetch at a time, keys cached and
refreshed after a day (kept for up to five days if the refresh fails, as the Bot
Framework's guidance allows), an unknown key id refetched at most once an hour, and a
failed fetch retried on a backoff (5 s, 10 s … 5 min) instead of per request. While no
key can be had, `get` returns None at once, which botbuilder turns into a refusal.

TLS is always verified, against the system's trust store as OpenSSL finds it when the
fetcher is made, so OpenSSL's own `SSL_CERT_FILE`/`SSL_CERT_DIR` variables work (a
proxy's CA, or a test CA). aiohttp's shared context is built at import and would not see
them.
"""

from __future__ import annotations

import asyncio
import json
import logging
import ssl
import time
from dataclasses import dataclass
from typing import Any

import aiohttp
from botframework.connector.auth.authentication_constants import AuthenticationConstants
from botframework.connector.auth.jwt_token_extractor import JwtTokenExtractor
from jwt.algorithms import RSAAlgorithm

log = logging.getLogger(__name__)

REFRESH_SECONDS = 24 * 3600
STALE_LIMIT_SECONDS = 5 * 24 * 3600
UNKNOWN_KID_SECONDS = 3600
BACKOFF_START_SECONDS = 5.0
BACKOFF_MAX_SECONDS = 300.0


@dataclass(frozen=True)
class SigningKey:
    """What botbuilder reads from a key: the public key and the channels it endorses."""

    public_key: Any
    endorsements: list[str]


class SigningKeys:
    def __init__(self, url: str, timeout_seconds: float = 5.0) -> None:
        self.url = url
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self._tls = ssl.create_default_context()
        self._keys: list[dict[str, Any]] = []
        self._fetched_at = 0.0
        self._unknown_kid_at = 0.0
        self._failures = 0
        self._retry_at = 0.0
        self._lock = asyncio.Lock()
        self.last_error = ""

    @property
    def healthy(self) -> bool:
        """Keys are at hand (fresh or still within the stale limit)."""
        return bool(self._keys) and time.monotonic() - self._fetched_at < STALE_LIMIT_SECONDS

    async def get(self, key_id: str | None) -> SigningKey | None:
        now = time.monotonic()
        if not self._keys or now - self._fetched_at > REFRESH_SECONDS:
            await self._refresh()
        key = self._find(key_id)
        if key is None and key_id and time.monotonic() - self._unknown_kid_at > UNKNOWN_KID_SECONDS:
            self._unknown_kid_at = time.monotonic()
            await self._refresh(force=True)
            key = self._find(key_id)
        return key

    def _find(self, key_id: str | None) -> SigningKey | None:
        if not self.healthy:
            return None
        for key in self._keys:
            if key.get("kid") == key_id:
                return SigningKey(
                    RSAAlgorithm.from_jwk(json.dumps(key)), list(key.get("endorsements", []))
                )
        return None

    async def _refresh(self, force: bool = False) -> None:
        if time.monotonic() < self._retry_at:
            return  # backing off: answer from what is cached (or refuse) at once
        async with self._lock:
            fresh = time.monotonic() - self._fetched_at < REFRESH_SECONDS
            if self._keys and fresh and not force:
                return  # another request refreshed while this one waited
            if time.monotonic() < self._retry_at:
                return
            try:
                self._keys = await self._fetch()
            except Exception as exc:
                self._failures += 1
                wait = min(BACKOFF_MAX_SECONDS, BACKOFF_START_SECONDS * 2 ** (self._failures - 1))
                self._retry_at = time.monotonic() + wait
                self.last_error = f"{type(exc).__name__}: {str(exc)[:200]}"
                log.warning(
                    "signing keys from %s not fetched (%s); next try in %.0f s",
                    self.url,
                    self.last_error,
                    wait,
                )
                return
            self._fetched_at = time.monotonic()
            self._failures = 0
            self._retry_at = 0.0
            self.last_error = ""

    async def _fetch(self) -> list[dict[str, Any]]:
        connector = aiohttp.TCPConnector(ssl=self._tls)
        async with aiohttp.ClientSession(timeout=self._timeout, connector=connector) as session:
            async with session.get(self.url) as response:
                response.raise_for_status()
                metadata = await response.json(content_type=None)
            jwks_uri = metadata.get("jwks_uri") if isinstance(metadata, dict) else None
            if not isinstance(jwks_uri, str):
                raise ValueError("the OpenID metadata has no jwks_uri")
            async with session.get(jwks_uri) as response:
                response.raise_for_status()
                document = await response.json(content_type=None)
        keys = document.get("keys") if isinstance(document, dict) else None
        if not isinstance(keys, list) or not keys:
            raise ValueError("the key document has no keys")
        return [k for k in keys if isinstance(k, dict)]


class _KeyCache(dict[str, Any]):
    """botbuilder's metadata cache, answering every URL with a `SigningKeys` (fetched
    from `sources[url]` where one is given)."""

    def __init__(self, timeout_seconds: float, sources: dict[str, str]) -> None:
        super().__init__()
        self._timeout = timeout_seconds
        self._sources = sources

    def get(self, url: str, default: Any = None) -> Any:
        found = super().get(url)
        if found is None:
            found = self[url] = SigningKeys(self._sources.get(url, url), self._timeout)
        return found


def install(metadata_url: str = "", timeout_seconds: float = 5.0) -> dict[str, SigningKeys]:
    """Put this module's fetcher behind botbuilder's token validation; the returned
    mapping (metadata URL -> keys) lets /healthz report them. `metadata_url` replaces
    where the Bot Connector's keys are read from (a test's loopback stand-in)."""
    sources = {}
    if metadata_url:
        sources[AuthenticationConstants.TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL] = metadata_url
    cache = _KeyCache(timeout_seconds, sources)
    JwtTokenExtractor.metadataCache = cache
    return cache


def degraded(cache: dict[str, SigningKeys]) -> list[str]:
    """Metadata URLs whose keys could not be fetched and are not at hand."""
    return [url for url, keys in cache.items() if keys.last_error and not keys.healthy]
