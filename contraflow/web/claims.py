"""The claim pages of ``contraflow web``: a claim's timeline, the claims search and the sources track record.

Routes (added to the app by :func:`add_claim_routes`):
    GET /claims                 search claims: ``q`` (words, speakers, sources), ``status``, ``page``
    GET /claims/of?statement=…  the claim holding these statements (a contradiction's two): redirects to it
    GET /claims/{id}            one claim: status, and who asserted, denied, did not confirm or retracted it
    GET /sources                the track record per source, or per speaker (``by=speaker``)
    GET /api/claims             the claims search as JSON: ``{"total", "page", "page_size", "hits": [claims]}``
    GET /api/claims/of?statement=…  the claim holding these statements, as JSON
    GET /api/claims/{id}        one claim document as JSON (404 ``{"error"}`` when there is none)

The JSON routes read the same parameters and the same documents as the pages, behind the same authentication
(``contraflow/web/auth.py``); an error is ``{"error": message}`` with the page's status.

A client sees generic errors only; the details go to the log under a reference.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from functools import partial
from typing import Any

from aiohttp import web
from elasticsearch import ApiError, AsyncElasticsearch, NotFoundError, TransportError

from contraflow.settings import ElasticsearchSettings
from indexers import (
    TRACK_RECORD_BY,
    alias_name,
    claims_of_statements_body,
    search_body,
    track_record_bodies,
    track_record_rows,
)
from schemas.claim import CLAIM_STATUSES

from .claims_render import claim_href, render_claim, render_claims, render_message, render_sources

__all__ = ["CLAIMS_PAGE_SIZE", "add_claim_routes"]

log = logging.getLogger(__name__)

CLAIMS_PAGE_SIZE = 20
_MAX_PAGE = 50
_MAX_STATEMENTS = 10  # statement ids one /claims/of request may name
_SOURCES_ROWS = 200

_NOT_HELD = "No claim holds these statements yet: claims are built as statements arrive."
_NO_INDEX = "No claims have been indexed yet: a worker indexes them as articles arrive."
_UNAVAILABLE = "The search service is unavailable (reference {ref}); try again later."
_FAILED = "The search failed (reference {ref}); the server's log has the details."


class _Failed(Exception):
    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


async def _call(what: str, index: str, call: Callable[[], Any]) -> Any:
    """Await one Elasticsearch call; failures become :class:`_Failed` with a message fit for any client."""
    try:
        return await call()
    except NotFoundError as exc:
        raise _Failed(_NO_INDEX, 404) from exc
    except ApiError as exc:
        ref = secrets.token_hex(4)
        log.error("web_%s_failed ref=%s index=%s status=%s error=%s", what, ref, index, exc.meta.status, exc.message)
        raise _Failed(_FAILED.format(ref=ref), 502) from exc
    except TransportError as exc:
        ref = secrets.token_hex(4)
        log.error("web_%s_unavailable ref=%s index=%s error=%s", what, ref, index, type(exc).__name__)
        raise _Failed(_UNAVAILABLE.format(ref=ref), 503) from exc


def _html(text: str, status: int = 200) -> web.Response:
    return web.Response(text=text, content_type="text/html", status=status)


def _text(params: Any, name: str, limit: int = 200) -> str:
    return " ".join(str(params.get(name, "")).split())[:limit]


def add_claim_routes(
    app: web.Application,
    client_key: web.AppKey[AsyncElasticsearch],
    cfg_key: web.AppKey[ElasticsearchSettings],
) -> None:
    """Add the claim and sources pages to the web app, reading the client and settings under these keys."""

    def ctx(request: web.Request) -> tuple[AsyncElasticsearch, ElasticsearchSettings]:
        return request.app[client_key], request.app[cfg_key]

    def search_params(request: web.Request) -> tuple[str, str, int]:
        q = _text(request.query, "q", 500)
        status = _text(request.query, "status")
        if status and status not in CLAIM_STATUSES:
            status = ""
        try:
            page = min(max(int(request.query.get("page", "1") or 1), 1), _MAX_PAGE)
        except ValueError:
            page = 1
        return q, status, page

    async def find_claims(request: web.Request, q: str, status: str, page: int) -> tuple[list[dict], int]:
        """(claim documents of ``page``, total) of the claims search; raises :class:`_Failed`."""
        client, cfg = ctx(request)
        index = alias_name(cfg.index_prefix, "claims")
        body = search_body(q or None, index="claims", status=status or None, size=CLAIMS_PAGE_SIZE)
        response = await _call(
            "claims", index, lambda: client.search(index=index, from_=(page - 1) * CLAIMS_PAGE_SIZE, **body)
        )
        hits = response["hits"]
        return [h["_source"] for h in hits["hits"]], hits["total"]["value"]

    async def find_claim_of(request: web.Request, ids: list[str]) -> dict | None:
        """The claim holding the statements ``ids`` (its document), or None; raises :class:`_Failed`."""
        client, cfg = ctx(request)
        index = alias_name(cfg.index_prefix, "claims")
        response = await _call(
            "claim_of", index, lambda: client.search(index=index, **claims_of_statements_body(ids, size=1))
        )
        hits = response["hits"]["hits"]
        return {"id": hits[0]["_id"], **hits[0]["_source"]} if hits else None

    async def find_claim(request: web.Request) -> dict | None:
        """The claim document named by the route's ``claim_id``, or None; raises :class:`_Failed`."""
        client, cfg = ctx(request)
        claim_id = request.match_info["claim_id"]
        index = alias_name(cfg.index_prefix, "claims")
        response = await _call(
            "claim", index, lambda: client.search(index=index, query={"ids": {"values": [claim_id]}}, size=1)
        )
        hits = response["hits"]["hits"]
        return hits[0]["_source"] if hits else None

    def statement_ids(request: web.Request) -> list[str]:
        return [i for i in request.query.getall("statement", []) if i][:_MAX_STATEMENTS]

    async def claims_page(request: web.Request) -> web.Response:
        q, status, page = search_params(request)
        try:
            found, total = await find_claims(request, q, status, page)
        except _Failed as exc:
            return _html(render_claims(q, status, page, [], 0, CLAIMS_PAGE_SIZE, error=str(exc)), exc.status)
        return _html(render_claims(q, status, page, found, total, CLAIMS_PAGE_SIZE))

    async def claim_of(request: web.Request) -> web.Response:
        ids = statement_ids(request)
        if not ids:
            return _html(render_message("claim · contraflow", "Name a statement: /claims/of?statement=ID"), 400)
        try:
            claim = await find_claim_of(request, ids)
        except _Failed as exc:
            return _html(render_message("claim · contraflow", str(exc)), exc.status)
        if claim is None:
            return _html(render_message("claim · contraflow", _NOT_HELD), 404)
        raise web.HTTPFound(claim_href(claim["id"]))

    async def claim_page(request: web.Request) -> web.Response:
        try:
            claim = await find_claim(request)
        except _Failed as exc:
            return _html(render_message("claim · contraflow", str(exc)), exc.status)
        if claim is None:
            return _html(render_message("claim · contraflow", "No such claim."), 404)
        return _html(render_claim(claim))

    async def claims_api(request: web.Request) -> web.Response:
        q, status, page = search_params(request)
        try:
            found, total = await find_claims(request, q, status, page)
        except _Failed as exc:
            return web.json_response({"error": str(exc)}, status=exc.status)
        return web.json_response({"total": total, "page": page, "page_size": CLAIMS_PAGE_SIZE, "hits": found})

    async def claim_of_api(request: web.Request) -> web.Response:
        ids = statement_ids(request)
        if not ids:
            return web.json_response({"error": "Name a statement: /api/claims/of?statement=ID"}, status=400)
        try:
            claim = await find_claim_of(request, ids)
        except _Failed as exc:
            return web.json_response({"error": str(exc)}, status=exc.status)
        if claim is None:
            return web.json_response({"error": _NOT_HELD}, status=404)
        return web.json_response(claim)

    async def claim_api(request: web.Request) -> web.Response:
        try:
            claim = await find_claim(request)
        except _Failed as exc:
            return web.json_response({"error": str(exc)}, status=exc.status)
        if claim is None:
            return web.json_response({"error": "No such claim."}, status=404)
        return web.json_response(claim)

    async def sources_page(request: web.Request) -> web.Response:
        client, cfg = ctx(request)
        by = request.query.get("by", "source")
        if by not in TRACK_RECORD_BY:
            by = "source"
        claims_body, contradictions_body = track_record_bodies(by)
        aggs: dict[str, Any] = {}
        for kind, body in (("claims", claims_body), ("contradictions", contradictions_body)):
            index = alias_name(cfg.index_prefix, kind)
            try:
                found = await _call("sources", index, partial(client.search, index=index, **body))
                aggs[kind] = found.get("aggregations")
            except _Failed as exc:
                if exc.status != 404:
                    return _html(render_sources(by, [], error=str(exc)), exc.status)
                aggs[kind] = None  # not indexed yet: counts as empty
        return _html(render_sources(by, track_record_rows(aggs["claims"], aggs["contradictions"], size=_SOURCES_ROWS)))

    app.router.add_get("/claims", claims_page)
    app.router.add_get("/claims/of", claim_of)
    app.router.add_get("/claims/{claim_id}", claim_page)
    app.router.add_get("/sources", sources_page)
    app.router.add_get("/api/claims", claims_api)
    app.router.add_get("/api/claims/of", claim_of_api)
    app.router.add_get("/api/claims/{claim_id}", claim_api)
