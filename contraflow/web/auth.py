"""Optional bearer-token or basic authentication for ``contraflow web`` (for deployments without a proxy).

The secrets come from :class:`~contraflow.settings.WebSettings`; comparisons are constant-time
(:func:`hmac.compare_digest` on UTF-8 bytes), so the time of a refusal says nothing about how much of a
guess was right. ``/healthz`` stays open (container health checks carry no credentials; it says only up/down).
"""

from __future__ import annotations

import base64
import binascii
import hmac
import logging
from collections.abc import Awaitable, Callable

from aiohttp import web
from aiohttp.typedefs import Middleware

from contraflow.settings import WebSettings

__all__ = ["OPEN_PATHS", "auth_middleware", "check_authorization"]

log = logging.getLogger(__name__)

#: Paths served without credentials.
OPEN_PATHS = frozenset({"/healthz"})

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def check_authorization(header: str | None, cfg: WebSettings) -> bool:
    """Whether an ``Authorization`` header satisfies ``cfg`` (always true when ``cfg`` requires nothing)."""
    if cfg.token is None and cfg.username is None:
        return True
    if not header:
        return False
    scheme, _, value = header.strip().partition(" ")
    scheme, value = scheme.lower(), value.strip()
    if scheme == "bearer" and cfg.token is not None:
        return _same(value, cfg.token.get_secret_value())
    if scheme == "basic" and cfg.username is not None and cfg.password is not None:
        try:
            user, sep, password = base64.b64decode(value, validate=True).decode("utf-8").partition(":")
        except (binascii.Error, ValueError, UnicodeError):
            return False
        # Both compared, always: no early exit on a wrong user name.
        ok_user = _same(user, cfg.username)
        ok_password = _same(password, cfg.password.get_secret_value())
        return bool(sep) and ok_user and ok_password
    return False


def _challenge(cfg: WebSettings) -> str:
    # A browser shows its login box only for Basic; API clients read the Bearer challenge.
    return 'Basic realm="contraflow", charset="UTF-8"' if cfg.username is not None else 'Bearer realm="contraflow"'


def auth_middleware(cfg: WebSettings) -> Middleware:
    """An aiohttp middleware that answers 401 to a request without the configured credentials."""

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.path in OPEN_PATHS or check_authorization(request.headers.get("Authorization"), cfg):
            return await handler(request)
        # Never the header itself: it may hold a nearly right password.
        log.warning(
            "web_auth_refused path=%s remote=%s had_credentials=%s",
            request.path,
            request.remote,
            "Authorization" in request.headers,
        )
        return web.Response(
            status=401,
            text="authentication required\n",
            headers={"WWW-Authenticate": _challenge(cfg)},
        )

    return middleware
