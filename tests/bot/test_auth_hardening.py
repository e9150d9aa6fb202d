"""With an app id: every token that does not validate gets 401 with one log line, never
a 500, whether the signing-key endpoint serves keys, is down or hangs; a hanging key
endpoint never freezes the bot (/healthz answers meanwhile and reports it).

The key endpoint is a loopback stand-in serving OpenID metadata and a JWKS with an
RSA key made here, over TLS with a certificate from a CA made for the run (trusted
through OpenSSL's `SSL_CERT_FILE`, as a proxy's CA would be); the tokens are forged the
ways an attacker would."""

from __future__ import annotations

import asyncio
import base64
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from cryptography.hazmat.primitives.asymmetric import rsa

from bot.app import create_app
from bot.settings import BotSettings, Settings, StateSettings
from tests.support.loopback_ca import LoopbackCA, make_test_ca

# The app's test client, as aiohttp types it.
Client = TestClient[web.Request, web.Application]

APP_ID = "00000000-1111-2222-3333-444444444444"
ISSUER = "https://api.botframework.com"
SERVICE_URL = "https://smba.trafficmanager.net/emea/"
ACTIVITY = {
    "type": "message",
    "id": "1",
    "text": "hjelp",
    "channelId": "msteams",
    "serviceUrl": SERVICE_URL,
    "from": {"id": "user"},
    "recipient": {"id": "bot"},
    # A tenant not on the allow-list: a token that validates reaches the bot, which
    # ignores the turn before any reply (so nothing leaves loopback).
    "conversation": {"id": "conv", "tenantId": "tenant-x"},
    "channelData": {"tenant": {"id": "tenant-x"}},
}

KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _b64(number: int) -> str:
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def jwks() -> dict[str, Any]:
    numbers = KEY.public_key().public_numbers()
    return {
        "keys": [
            {
                "kty": "RSA",
                "use": "sig",
                "kid": "k1",
                "n": _b64(numbers.n),
                "e": _b64(numbers.e),
                "endorsements": ["msteams"],
            }
        ]
    }


def token(key: Any = KEY, kid: str = "k1", alg: str = "RS256", **claims: Any) -> str:
    body = {
        "iss": ISSUER,
        "aud": APP_ID,
        "exp": int(time.time()) + 600,
        "nbf": int(time.time()) - 60,
        "serviceurl": SERVICE_URL,
        **claims,
    }
    return jwt.encode(body, key, algorithm=alg, headers={"kid": kid})


@dataclass
class KeyServer:
    mode: str = "serve"  # serve | down | hang
    fetches: int = 0
    server: TestServer | None = None

    async def metadata(self, request: web.Request) -> web.StreamResponse:
        self.fetches += 1
        if self.mode == "hang":
            await asyncio.sleep(60)
        if self.mode == "down":
            return web.Response(status=503)
        assert self.server is not None
        return web.json_response({"jwks_uri": str(self.server.make_url("/keys"))})

    async def keys(self, request: web.Request) -> web.StreamResponse:
        return web.json_response(jwks())


@pytest.fixture
def ca(tmp_path: Path) -> LoopbackCA:
    return make_test_ca(tmp_path)


@pytest.fixture
async def keys(ca: LoopbackCA) -> AsyncIterator[KeyServer]:
    stand_in = KeyServer()
    app = web.Application()
    app.router.add_get("/.well-known/openidconfiguration", stand_in.metadata)
    app.router.add_get("/keys", stand_in.keys)
    stand_in.server = TestServer(app, host="127.0.0.1")
    await stand_in.server.start_server(ssl=ca.server_context())
    yield stand_in
    await stand_in.server.close()


@pytest.fixture
def trusted(ca: LoopbackCA, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(ca.ca_file))


@pytest.fixture
async def bot(keys: KeyServer, tmp_path: Path) -> AsyncIterator[Client]:
    assert keys.server is not None
    assert keys.server.scheme == "https"
    settings = Settings(
        bot=BotSettings(
            app_id=APP_ID,
            app_password="not-a-real-secret",
            app_type="MultiTenant",
            allowed_tenant_ids=frozenset({"tenant-a"}),
            openid_metadata_url=str(keys.server.make_url("/.well-known/openidconfiguration")),
        ),
        state=StateSettings(db=tmp_path / "s.sqlite3"),
    )
    client = TestClient(TestServer(create_app(settings), host="127.0.0.1"))
    await client.start_server()
    yield client
    await client.close()


FORGED = {
    "garbage": "not-a-jwt",
    "alg none": jwt.encode({"iss": ISSUER, "aud": APP_ID}, None, algorithm="none"),  # type: ignore[arg-type]
    "HS256 with the app id as secret": token(key=APP_ID * 2, alg="HS256"),
    "unknown kid": token(kid="k-unknown"),
    "signed by another key": token(key=OTHER_KEY),
    "expired": token(exp=int(time.time()) - 3600, nbf=int(time.time()) - 7200),
    "wrong audience": token(aud="99999999-0000-0000-0000-000000000000"),
    "wrong issuer": token(iss="https://evil.example"),
    "serviceUrl does not match the activity's": token(serviceurl="http://127.0.0.1:1/"),
}


async def post(client: Client, bearer: str) -> int:
    response = await client.post(
        "/api/messages", json=ACTIVITY, headers={"Authorization": f"Bearer {bearer}"}
    )
    return response.status


@pytest.mark.usefixtures("trusted")
async def test_a_valid_token_reaches_the_bot(bot: Client, keys: KeyServer) -> None:
    """The control: the stand-in's key and the right claims pass, so the 401s below come
    from the forgeries, not from a setup nothing could pass."""
    assert await post(bot, token()) in (200, 201)


@pytest.mark.usefixtures("trusted")
@pytest.mark.parametrize("name", sorted(FORGED))
async def test_a_forged_token_gets_401_and_one_log_line(
    bot: Client,
    keys: KeyServer,
    caplog: pytest.LogCaptureFixture,
    name: str,
) -> None:
    with caplog.at_level(logging.INFO):
        status = await post(bot, FORGED[name])
    assert status == 401, name
    refusals = [
        r for r in caplog.records if r.levelno >= logging.WARNING and "401" in r.getMessage()
    ]
    assert len(refusals) <= 1
    assert not any(r.exc_info for r in caplog.records), "no traceback for a refused token"
    assert not any("request failed" in r.getMessage() for r in caplog.records)


@pytest.mark.usefixtures("trusted")
@pytest.mark.parametrize("mode", ["down", "hang"])
async def test_every_forgery_gets_401_while_the_key_endpoint_is_down_or_hangs(
    bot: Client,
    keys: KeyServer,
    caplog: pytest.LogCaptureFixture,
    mode: str,
) -> None:
    keys.mode = mode
    started = time.monotonic()
    with caplog.at_level(logging.INFO):
        statuses = {name: await post(bot, forged) for name, forged in sorted(FORGED.items())}
    assert statuses == dict.fromkeys(statuses, 401)
    # One fetch (the hanging one bounded by its 5 s timeout), then the backoff.
    assert keys.fetches <= 1
    assert time.monotonic() - started < 8.0
    assert not any(r.exc_info for r in caplog.records)
    assert (await bot.get("/healthz")).status == 200


async def test_keys_from_a_server_the_ca_store_does_not_trust_are_never_used(
    bot: Client,
    keys: KeyServer,
) -> None:
    """Without the test CA in the trust store, the stand-in's certificate fails
    verification: even a token signed with its key is refused, and health says why."""
    assert await post(bot, token()) == 401
    assert keys.fetches == 0  # the TLS handshake failed before any request was made
    health = await (await bot.get("/healthz")).json()
    assert health["status"] == "degraded" and health["signing_keys"] == "unavailable"


@pytest.mark.usefixtures("trusted")
async def test_key_endpoint_down_gives_401_fetched_on_a_backoff_not_per_request(
    bot: Client,
    keys: KeyServer,
) -> None:
    keys.mode = "down"
    statuses = [await post(bot, token()) for _ in range(20)]
    assert statuses == [401] * 20
    assert keys.fetches == 1  # one failed fetch, then the backoff: not 20 fetches
    health = await (await bot.get("/healthz")).json()
    assert health["status"] == "degraded" and health["signing_keys"] == "unavailable"


@pytest.mark.usefixtures("trusted")
async def test_a_hanging_key_endpoint_never_freezes_the_bot(
    bot: Client,
    keys: KeyServer,
) -> None:
    keys.mode = "hang"
    started = time.monotonic()
    pending = asyncio.ensure_future(post(bot, token()))
    await asyncio.sleep(0.3)
    # While the key fetch hangs, the bot still answers its health probe at once.
    for _ in range(5):
        probe = time.monotonic()
        response = await bot.get("/healthz")
        assert response.status == 200 and time.monotonic() - probe < 1.0
    assert await pending == 401
    assert time.monotonic() - started < 8.0  # the fetch's own timeout (5 s), not 60 s
    # The failure is remembered: the next forged request is refused at once.
    again = time.monotonic()
    assert await post(bot, token()) == 401 and time.monotonic() - again < 1.0
