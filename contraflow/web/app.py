"""The aiohttp application behind ``contraflow web``: search page, JSON API and health check.

Routes:
    GET /                     the search page (query box, filters, contradictions side by side)
    GET /api/contradictions   the same search as JSON: ``{"total", "hits": [...], "aggs"}``
    GET /claims, /claims/{id}, /claims/of, /sources   claims and the sources track record (contraflow/web/claims.py)
    GET /api/claims, /api/claims/{id}, /api/claims/of  the same claims as JSON (contraflow/web/claims.py)
    GET /healthz              200 when Elasticsearch answers, 503 otherwise (open even when auth is on)

A client sees generic errors only (what it can do, and a reference); the details (Elasticsearch's own message,
the exception) go to this process's log under the same reference, never to the client.
"""

from __future__ import annotations

import logging
import secrets
import time
from typing import Any

from aiohttp import web
from elasticsearch import ApiError, AsyncElasticsearch, NotFoundError, TransportError

from contraflow.settings import ElasticsearchSettings, WebSettings
from indexers import alias_name, make_async_client

from .auth import auth_middleware
from .claims import add_claim_routes
from .form import PAGE_SIZE, SearchForm
from .render import render_page

__all__ = ["create_app", "search"]

log = logging.getLogger(__name__)

_CLIENT: web.AppKey[AsyncElasticsearch] = web.AppKey("es_client", AsyncElasticsearch)
_CFG: web.AppKey[ElasticsearchSettings] = web.AppKey("es_settings", ElasticsearchSettings)


class SearchFailed(Exception):
    """Elasticsearch could not answer; ``status`` is the HTTP status the page returns.

    The message is meant for any client: it names no URL, host or Elasticsearch error (those are logged).
    """

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


async def search(client: AsyncElasticsearch, cfg: ElasticsearchSettings, form: SearchForm) -> dict[str, Any]:
    """Run the form's search on the contradictions alias: ``{"total", "hits", "aggs"}``.

    Raises :class:`SearchFailed` with a message that says what to do.
    """
    index = alias_name(cfg.index_prefix, "contradictions")
    body = form.body(PAGE_SIZE)
    # The client takes `from` as `from_` (a Python keyword).
    kwargs = {("from_" if k == "from" else k): v for k, v in body.items()}
    started = time.perf_counter()
    try:
        response = await client.search(index=index, **kwargs)
    except NotFoundError as exc:
        raise SearchFailed(
            f"index {index} does not exist yet: start a worker (`contraflow worker`), which creates the indices, "
            "then publish articles (`contraflow publish FILE.jsonl`)",
            404,
        ) from exc
    except ApiError as exc:
        ref = _reference()
        log.error("web_search_failed ref=%s index=%s status=%s error=%s", ref, index, exc.meta.status, exc.message)
        raise SearchFailed(f"the search failed (reference {ref}); the server's log has the details", 502) from exc
    except TransportError as exc:
        ref = _reference()
        log.error("web_search_unavailable ref=%s index=%s error=%s: %s", ref, index, type(exc).__name__, exc)
        raise SearchFailed(
            f"the search service is unavailable (reference {ref}); try again later "
            "(operators: the server's log names the cause)",
            503,
        ) from exc
    hits = response["hits"]
    total = hits["total"]["value"] if isinstance(hits.get("total"), dict) else int(hits.get("total") or 0)
    log.debug(
        "web_search index=%s q_chars=%d total=%d elapsed_s=%.3f",
        index,
        len(form.q),
        total,
        time.perf_counter() - started,
    )
    return {"total": total, "hits": [h["_source"] for h in hits["hits"]], "aggs": response.get("aggregations", {})}


async def _page(request: web.Request) -> web.Response:
    form = SearchForm.from_params(request.query)
    cfg = request.app[_CFG]
    index = alias_name(cfg.index_prefix, "contradictions")
    try:
        result = await search(request.app[_CLIENT], cfg, form)
    except SearchFailed as exc:
        return web.Response(
            text=render_page(form, error=str(exc), index=index), content_type="text/html", status=exc.status
        )
    page = render_page(form, result["hits"], result["total"], result["aggs"], index=index)
    return web.Response(text=page, content_type="text/html")


async def _api(request: web.Request) -> web.Response:
    form = SearchForm.from_params(request.query)
    try:
        result = await search(request.app[_CLIENT], request.app[_CFG], form)
    except SearchFailed as exc:
        return web.json_response({"error": str(exc)}, status=exc.status)
    return web.json_response({**result, "warnings": list(form.errors)})


def _reference() -> str:
    """A short random id that ties what a client was shown to the log line with the details."""
    return secrets.token_hex(4)


async def _health(request: web.Request) -> web.Response:
    # Open to anyone (health checks carry no credentials), so it says up or down and nothing else.
    try:
        await request.app[_CLIENT].cluster.health(timeout="2s")
    except (TransportError, ApiError) as exc:
        log.warning("web_health_unavailable error=%s", type(exc).__name__)
        return web.json_response({"status": "unavailable"}, status=503)
    return web.json_response({"status": "ok"})


def create_app(
    cfg: ElasticsearchSettings, client: AsyncElasticsearch | None = None, *, access: WebSettings | None = None
) -> web.Application:
    """The web application over the contradictions in Elasticsearch.

    Parameters:
        cfg: the ``es`` section of :class:`~contraflow.settings.Settings` (URL, credentials, index prefix).
        client: an existing async client (optional); by default one is created when the app starts
            and closed when it stops.
        access: the ``web`` section (optional): a bearer token and/or basic-auth user every request but
            ``/healthz`` must present; by default none is required.

    Example:
        >>> from aiohttp import web
        >>> from contraflow.settings import load_settings
        >>> web.run_app(create_app(load_settings().es), host="127.0.0.1", port=8080)  # doctest: +SKIP
    """
    access = access or WebSettings()
    app = web.Application(middlewares=[auth_middleware(access)] if access.auth != "none" else [])
    app[_CFG] = cfg

    async def _client_ctx(app: web.Application):
        owned = client is None
        # The async client binds to the running loop, so create it here, not at import time.
        app[_CLIENT] = client if client is not None else make_async_client(cfg)
        yield
        if owned:
            await app[_CLIENT].close()

    app.cleanup_ctx.append(_client_ctx)
    app.router.add_get("/", _page)
    app.router.add_get("/api/contradictions", _api)
    app.router.add_get("/healthz", _health)
    add_claim_routes(app, _CLIENT, _CFG)
    return app
