"""The aiohttp application behind ``contraflow web``: search page, JSON API and health check.

Routes:
    GET /                     the search page (query box, filters, contradictions side by side)
    GET /api/contradictions   the same search as JSON: ``{"total", "hits": [...], "aggs"}``
    GET /healthz              200 when Elasticsearch answers, 503 otherwise
"""

from __future__ import annotations

import logging
import time
from typing import Any

from aiohttp import web
from elasticsearch import ApiError, AsyncElasticsearch, NotFoundError, TransportError

from contraflow.settings import ElasticsearchSettings
from indexers import alias_name, make_async_client

from .form import PAGE_SIZE, SearchForm
from .render import render_page

__all__ = ["create_app", "search"]

log = logging.getLogger(__name__)

_CLIENT: web.AppKey[AsyncElasticsearch] = web.AppKey("es_client", AsyncElasticsearch)
_CFG: web.AppKey[ElasticsearchSettings] = web.AppKey("es_settings", ElasticsearchSettings)


class SearchFailed(Exception):
    """Elasticsearch could not answer; ``status`` is the HTTP status the page returns."""

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
        raise SearchFailed(f"Elasticsearch refused the search on {index}: {exc.message}", 502) from exc
    except TransportError as exc:
        raise SearchFailed(
            f"Elasticsearch at {cfg.url} does not answer ({type(exc).__name__}): is it up? "
            "run `contraflow stack status` (or `docker compose ps elasticsearch`)",
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


async def _health(request: web.Request) -> web.Response:
    try:
        health = await request.app[_CLIENT].cluster.health(timeout="2s")
    except (TransportError, ApiError) as exc:
        return web.json_response({"status": "unavailable", "elasticsearch": type(exc).__name__}, status=503)
    return web.json_response({"status": "ok", "elasticsearch": health.get("status")})


def create_app(cfg: ElasticsearchSettings, client: AsyncElasticsearch | None = None) -> web.Application:
    """The web application over the contradictions in Elasticsearch.

    Parameters:
        cfg: the ``es`` section of :class:`~contraflow.settings.Settings` (URL, credentials, index prefix).
        client: an existing async client (optional); by default one is created when the app starts
            and closed when it stops.

    Example:
        >>> from aiohttp import web
        >>> from contraflow.settings import load_settings
        >>> web.run_app(create_app(load_settings().es), host="127.0.0.1", port=8080)  # doctest: +SKIP
    """
    app = web.Application()
    app[_CFG] = cfg

    async def _client_ctx(app: web.Application):
        owned = client is None
        # The async client binds to the running loop, so create it here, not at import time.
        app[_CLIENT] = make_async_client(cfg) if owned else client
        yield
        if owned:
            await app[_CLIENT].close()

    app.cleanup_ctx.append(_client_ctx)
    app.router.add_get("/", _page)
    app.router.add_get("/api/contradictions", _api)
    app.router.add_get("/healthz", _health)
    return app
