"""A subset of the Azure AI Search REST API on loopback, for azure-search-documents.

Azure AI Search cannot run here, so tests replace it at the HTTP wire: the real SDK
talks to this server. It serves index get/create, `docs/search.index` (upload, merge,
mergeOrUpload, delete) and `docs/search.post.search` (search, top, skip, select,
`@search.score`, server-side paging), keeps documents in memory and records every
request so tests can assert on what the SDK sent.

Searchable fields are analysed like the service would: with a Norwegian analyzer
(`nb.microsoft`, `nb.lucene`) our own light stemmer stands in for Microsoft's; without
one, words are only lower-cased, so forgetting the analyzer shows in search results.
Scores are BM25 over the searchable fields.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer

from skills.search.norwegian import terms, words

API_KEY = "test-search-key"
NORWEGIAN_ANALYZERS = {"nb.microsoft", "nb.lucene"}
PAGE_SIZE = 50
_INDEX = re.compile(r"^/indexes\('(?P<name>[^']+)'\)(?P<rest>/.*)?$")


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: Any
    size: int  # bytes on the wire


def _error(status: int, message: str) -> web.Response:
    return web.json_response({"error": {"code": "", "message": message}}, status=status)


class FakeSearch:
    def __init__(self, api_key: str = API_KEY) -> None:
        self.api_key = api_key
        self.indexes: dict[str, dict[str, Any]] = {}
        self.documents: dict[str, dict[str, dict[str, Any]]] = {}
        self.requests: list[Recorded] = []
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        self.server = TestServer(app, host="127.0.0.1")

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.server.port}"

    async def __aenter__(self) -> FakeSearch:
        await self.server.start_server()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.server.close()

    def requests_to(self, method: str, suffix: str) -> list[Recorded]:
        return [r for r in self.requests if r.method == method and r.path.endswith(suffix)]

    async def _dispatch(self, request: web.Request) -> web.Response:
        raw = await request.read()
        body: Any = json.loads(raw) if raw else None
        self.requests.append(
            Recorded(
                request.method,
                request.path,
                dict(request.query),
                dict(request.headers),
                body,
                len(raw),
            )
        )
        if request.headers.get("api-key") != self.api_key:
            return _error(403, "Invalid or missing API key.")
        if "api-version" not in request.query:
            return _error(400, "The api-version query parameter is required.")
        if request.path == "/indexes" and request.method == "POST":
            return self._create_index(body)
        match = _INDEX.match(request.path)
        if match is None:
            return _error(404, f"No route for {request.method} {request.path}.")
        name, rest = match["name"], match["rest"] or ""
        if name not in self.indexes:
            return _error(404, f"The index '{name}' was not found.")
        if rest == "" and request.method == "GET":
            return web.json_response(self.indexes[name])
        if rest == "/docs/search.index" and request.method == "POST":
            return self._index_documents(name, body)
        if rest == "/docs/search.post.search" and request.method == "POST":
            return self._search(request, name, body)
        return _error(404, f"No route for {request.method} {request.path}.")

    # --- indexes -----------------------------------------------------------------------

    def _create_index(self, body: dict[str, Any]) -> web.Response:
        name = body.get("name", "")
        if name in self.indexes:
            return _error(409, f"The index '{name}' already exists.")
        keys = [f for f in body.get("fields", []) if f.get("key")]
        if len(keys) != 1 or keys[0].get("type") != "Edm.String":
            return _error(400, "An index needs exactly one key field of type Edm.String.")
        self.indexes[name] = body
        self.documents[name] = {}
        return web.json_response(body, status=201)

    def _key_field(self, name: str) -> str:
        return str(next(f["name"] for f in self.indexes[name]["fields"] if f.get("key")))

    def _searchable(self, name: str) -> list[dict[str, Any]]:
        return [
            f
            for f in self.indexes[name]["fields"]
            if f.get("type") == "Edm.String" and f.get("searchable", False)
        ]

    # --- documents -----------------------------------------------------------------------

    def _index_documents(self, name: str, body: dict[str, Any]) -> web.Response:
        key_field = self._key_field(name)
        known = {f["name"] for f in self.indexes[name]["fields"]}
        store = self.documents[name]
        results = []
        for action in body.get("value", []):
            kind = action.get("@search.action", "upload")
            doc = {k: v for k, v in action.items() if k != "@search.action"}
            key = str(doc.get(key_field, ""))
            unknown = set(doc) - known
            if not key or not re.fullmatch(r"[A-Za-z0-9_\-=]+", key) or unknown:
                message = f"Invalid document: key {key!r}, unknown fields {sorted(unknown)}"
                results.append(
                    {"key": key, "status": False, "errorMessage": message, "statusCode": 400}
                )
                continue
            status = 200
            if kind == "delete":
                store.pop(key, None)
            elif kind == "upload":
                status = 200 if key in store else 201
                store[key] = doc
            elif kind in ("merge", "mergeOrUpload"):
                if kind == "merge" and key not in store:
                    results.append(
                        {
                            "key": key,
                            "status": False,
                            "errorMessage": "Document not found.",
                            "statusCode": 404,
                        }
                    )
                    continue
                status = 200 if key in store else 201
                store[key] = {**store.get(key, {}), **doc}
            results.append({"key": key, "status": True, "errorMessage": None, "statusCode": status})
        ok = all(r["status"] for r in results)
        return web.json_response({"value": results}, status=200 if ok else 207)

    # --- search ------------------------------------------------------------------------------

    def _analyse(self, field: dict[str, Any], text: str) -> list[str]:
        analyzer = field.get("analyzer") or field.get("searchAnalyzer")
        return terms(text) if analyzer in NORWEGIAN_ANALYZERS else words(text)

    def _scores(self, name: str, text: str) -> dict[str, float]:
        store = self.documents[name]
        scores: dict[str, float] = defaultdict(float)
        for field in self._searchable(name):
            query = set(self._analyse(field, text))
            analysed = {
                k: self._analyse(field, str(d.get(field["name"]) or "")) for k, d in store.items()
            }
            if not analysed:
                continue
            average = sum(len(t) for t in analysed.values()) / len(analysed) or 1.0
            for term in query:
                having = [k for k, t in analysed.items() if term in t]
                idf = math.log(1 + (len(analysed) - len(having) + 0.5) / (len(having) + 0.5))
                for key in having:
                    tf = analysed[key].count(term)
                    norm = tf + 1.2 * (0.25 + 0.75 * len(analysed[key]) / average)
                    scores[key] += idf * tf * 2.2 / norm
        return dict(scores)

    def _search(self, request: web.Request, name: str, body: dict[str, Any]) -> web.Response:
        text = str(body.get("search") or "*")
        store = self.documents[name]
        if text.strip() == "*":
            ranked = [(key, 1.0) for key in sorted(store)]
        else:
            scores = self._scores(name, text)
            ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        skip = int(body.get("skip") or 0)
        top = body.get("top")
        size = int(top) if top is not None else PAGE_SIZE
        page = ranked[skip : skip + size]
        select = [s.strip() for s in str(body.get("select") or "").split(",") if s.strip()]
        values = []
        for key, score in page:
            doc = store[key]
            shown = {f: doc.get(f) for f in select} if select else dict(doc)
            values.append({"@search.score": score, **shown})
        result: dict[str, Any] = {"value": values}
        if top is None and skip + size < len(ranked):
            following = {**body, "skip": skip + size}
            result["@search.nextPageParameters"] = following
            result["@odata.nextLink"] = str(request.url)
        return web.json_response(result)
