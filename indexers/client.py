"""Elasticsearch clients built from settings, readiness checks and index set-up."""

from __future__ import annotations

import logging
from typing import Any

from elasticsearch import ApiError as _ApiError
from elasticsearch import (
    AsyncElasticsearch,
    AuthenticationException,
    AuthorizationException,
    Elasticsearch,
    NotFoundError,
)
from elasticsearch import TransportError as _TransportError

from .errors import BackendUnavailableError, ElasticsearchSecurityError, IndexingError
from .settings import ElasticsearchSettings
from .templates import INDEX_KINDS, alias_name, component_templates, index_name, index_templates, mappings

__all__ = [
    "check_access",
    "ensure_indices",
    "ensure_indices_async",
    "make_async_client",
    "make_client",
    "security_error",
    "wait_ready",
]

log = logging.getLogger(__name__)


def _client_kwargs(cfg: ElasticsearchSettings) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"request_timeout": cfg.request_timeout_s}
    if cfg.cloud_id:
        kwargs["cloud_id"] = cfg.cloud_id
    else:
        kwargs["hosts"] = [cfg.url]
    if cfg.api_key is not None:
        kwargs["api_key"] = cfg.api_key.get_secret_value()
    elif cfg.username and cfg.password is not None:
        kwargs["basic_auth"] = (cfg.username, cfg.password.get_secret_value())
    for path, setting in ((cfg.ca_file, "CA_FILE"), (cfg.client_cert, "CLIENT_CERT"), (cfg.client_key, "CLIENT_KEY")):
        # Checked here: the client would only fail at the first request, with a less helpful message.
        if path is not None and not path.is_file():
            raise ElasticsearchSecurityError(f"no such file {path}: fix CONTRAFLOW_ES__{setting}")
    tls_options = cfg.ca_file is not None or cfg.ssl_fingerprint or cfg.client_cert is not None
    if tls_options and not cfg.cloud_id and not cfg.url.lower().startswith("https://"):
        raise ElasticsearchSecurityError(
            f"TLS settings (CA file, fingerprint or client certificate) need an https:// URL, not {cfg.safe_url}: "
            "fix CONTRAFLOW_ES__URL"
        )
    if cfg.ca_file is not None:
        kwargs["ca_certs"] = str(cfg.ca_file)
    if cfg.ssl_fingerprint:
        kwargs["ssl_assert_fingerprint"] = cfg.ssl_fingerprint
    if cfg.client_cert is not None:
        kwargs["client_cert"] = str(cfg.client_cert)
        if cfg.client_key is not None:
            kwargs["client_key"] = str(cfg.client_key)
    return kwargs


def security_error(exc: BaseException, cfg: ElasticsearchSettings) -> ElasticsearchSecurityError | None:
    """What to fix when ``exc`` is a refused credential or a failed TLS handshake, else ``None``.

    The message names the setting, never its value (the client's own message may quote the request).
    """
    where = f"Elasticsearch at {cfg.safe_url}"
    if isinstance(exc, AuthenticationException):
        what = "the API key" if cfg.api_key is not None else "the username and password"
        setting = "CONTRAFLOW_ES__API_KEY" if cfg.api_key is not None else "CONTRAFLOW_ES__USERNAME / __PASSWORD"
        if cfg.api_key is None and cfg.username is None:
            what, setting = "no credentials", "CONTRAFLOW_ES__API_KEY (or USERNAME and PASSWORD)"
        return ElasticsearchSecurityError(f"{where} refused {what} (401 unauthenticated): check {setting}")
    if isinstance(exc, AuthorizationException):
        return ElasticsearchSecurityError(
            f"{where} denied the request (403): the role of CONTRAFLOW_ES__API_KEY (or user) lacks a privilege "
            f"on the {cfg.index_prefix}-* indices"
        )
    text = str(exc)
    if isinstance(exc, _TransportError) and ("CERTIFICATE_VERIFY_FAILED" in text or "certificate verify" in text):
        return ElasticsearchSecurityError(
            f"{where}: its TLS certificate is not trusted: set CONTRAFLOW_ES__CA_FILE to the CA that signed it "
            "(or CONTRAFLOW_ES__SSL_FINGERPRINT)"
        )
    if isinstance(exc, _TransportError) and "Fingerprints did not match" in text:
        return ElasticsearchSecurityError(
            f"{where}: certificate fingerprint mismatch: fix CONTRAFLOW_ES__SSL_FINGERPRINT"
        )
    if isinstance(exc, _TransportError) and ("SSL" in text or "TLS" in text or "tls" in text):
        return ElasticsearchSecurityError(
            f"{where}: the TLS handshake failed ({type(exc).__name__}): check that CONTRAFLOW_ES__URL is https:// "
            "and CONTRAFLOW_ES__CA_FILE"
        )
    return None


def check_access(cfg: ElasticsearchSettings) -> None:
    """Fail fast on a setting to fix (credentials, TLS); an unreachable node is left to the usual waiting.

    Raises :class:`ElasticsearchSecurityError`.
    """
    client = make_client(cfg)
    try:
        client.options(request_timeout=10).cluster.health()
    except (_TransportError, _ApiError) as exc:
        error = security_error(exc, cfg)
        if error is not None:
            raise error from None
        log.info("es_check_skipped url=%s error=%s", cfg.safe_url, type(exc).__name__)
    finally:
        client.close()


def make_client(cfg: ElasticsearchSettings) -> Elasticsearch:
    """A synchronous client (CLI search, tests)."""
    return Elasticsearch(**_client_kwargs(cfg))


def make_async_client(cfg: ElasticsearchSettings) -> AsyncElasticsearch:
    """An asyncio client (workers). Create it inside the running event loop."""
    return AsyncElasticsearch(**_client_kwargs(cfg))


def wait_ready(client: Elasticsearch, cfg: ElasticsearchSettings, timeout_s: float = 30.0) -> None:
    """Wait for yellow health (the integ-test node has no ``GET /``, so no ``ping()``)."""
    try:
        health = client.cluster.health(wait_for_status="yellow", timeout=f"{int(timeout_s)}s")
    except (_TransportError, _ApiError) as exc:
        error = security_error(exc, cfg)
        if error is not None:
            raise error from None
        raise BackendUnavailableError(
            f"Elasticsearch at {cfg.safe_url} does not answer ({type(exc).__name__}); "
            "is it up? run `contraflow stack status`",
            retry_after=5.0,
        ) from exc
    if health.get("timed_out"):
        raise BackendUnavailableError(f"Elasticsearch at {cfg.safe_url} is not yet yellow: {health.get('status')}")


def _setup_plan(prefix: str) -> tuple[dict[str, Any], dict[str, Any]]:
    return component_templates(prefix), index_templates(prefix)


def _mapping_error(index: str, exc: Exception) -> IndexingError:
    return IndexingError(
        f"cannot update the mapping of {index}: {exc}; a changed field type needs a new MAPPING_VERSION "
        "(indexers/templates.py) and a reindex"
    )


def _put_mapping(put: Any, index: str, kind: str) -> None:
    try:
        put(index=index, **mappings(kind))
    except _ApiError as exc:
        raise _mapping_error(index, exc) from exc


async def _put_mapping_async(put: Any, index: str, kind: str) -> None:
    try:
        await put(index=index, **mappings(kind))
    except _ApiError as exc:
        raise _mapping_error(index, exc) from exc


def ensure_indices(client: Elasticsearch, prefix: str) -> dict[str, str]:
    """Save the templates and create missing indices with their aliases. Idempotent.

    Returns alias -> index.
    """
    components, templates = _setup_plan(prefix)
    for name, body in components.items():
        client.cluster.put_component_template(name=name, **body)
    for name, body in templates.items():
        client.indices.put_index_template(name=name, **body)
    out = {}
    for kind in INDEX_KINDS:
        alias, index = alias_name(prefix, kind), index_name(prefix, kind)
        if not client.indices.exists(index=index):
            try:
                client.indices.create(index=index, aliases={alias: {"is_write_index": True}})
            except _ApiError as exc:
                # Another worker created it first: fine.
                if "resource_already_exists_exception" not in str(exc):
                    raise IndexingError(f"cannot create index {index}: {exc}") from exc
        else:
            # Fields added to the mapping since the index was created (contradictions' b_later) get indexed too.
            _put_mapping(client.indices.put_mapping, index, kind)
        out[alias] = index
    return out


async def ensure_indices_async(client: AsyncElasticsearch, prefix: str) -> dict[str, str]:
    """Async twin of :func:`ensure_indices` for workers."""
    components, templates = _setup_plan(prefix)
    for name, body in components.items():
        await client.cluster.put_component_template(name=name, **body)
    for name, body in templates.items():
        await client.indices.put_index_template(name=name, **body)
    out = {}
    for kind in INDEX_KINDS:
        alias, index = alias_name(prefix, kind), index_name(prefix, kind)
        try:
            exists = bool(await client.indices.exists(index=index))
        except NotFoundError:
            exists = False
        if not exists:
            try:
                await client.indices.create(index=index, aliases={alias: {"is_write_index": True}})
            except _ApiError as exc:
                if "resource_already_exists_exception" not in str(exc):
                    raise IndexingError(f"cannot create index {index}: {exc}") from exc
        else:
            await _put_mapping_async(client.indices.put_mapping, index, kind)
        out[alias] = index
    log.info("es_indices_ready prefix=%s indices=%d", prefix, len(out))
    return out
