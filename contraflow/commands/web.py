"""``contraflow web``: serve the built-in search page over Elasticsearch."""

from __future__ import annotations

import ipaddress
import logging

import typer

from ..errors import ConfigError
from ..settings import load_settings

log = logging.getLogger(__name__)


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def register(app: typer.Typer) -> None:
    @app.command("web")
    def web_command(
        host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0 in a container)."),
        port: int = typer.Option(8080, "--port", help="Port to listen on."),
        es_url: str | None = typer.Option(None, "--es-url", help="Elasticsearch URL [env: CONTRAFLOW_ES__URL]."),
        index_prefix: str | None = typer.Option(
            None, "--index-prefix", help="Index/alias prefix [env: CONTRAFLOW_ES__INDEX_PREFIX]."
        ),
    ) -> None:
        """Serve a search page over the contradictions in Elasticsearch (for analysts without Kibana).

        Query box and filters (kind, speaker, source, published dates); each contradiction is shown as
        the two statements side by side with speakers, sources, links and the explanation.
        JSON of the same search: /api/contradictions?q=...; health: /healthz. Each contradiction links to its
        claim (/claims/ID: who asserted, denied, did not confirm or retracted it, when); claims search:
        /claims?q=...; track record per source or speaker: /sources.
        Without a proxy in front, require credentials with CONTRAFLOW_WEB__TOKEN (clients send
        "Authorization: Bearer ...") and/or CONTRAFLOW_WEB__USERNAME + CONTRAFLOW_WEB__PASSWORD (basic auth;
        a browser asks for them); each secret may come from a file: CONTRAFLOW_WEB__TOKEN_FILE, ..._PASSWORD_FILE.

        \b
        Examples:
          contraflow web                      # then open http://127.0.0.1:8080/?q=Kovalenko
          contraflow web --host 0.0.0.0 --port 8080 --es-url http://es.internal:9200
        """
        from aiohttp import web

        from ..web import create_app

        if not 0 < port < 65536:
            raise ConfigError(f"--port must be 1..65535, not {port}")
        settings = load_settings(es={"url": es_url, "index_prefix": index_prefix})
        auth = settings.web.auth
        log.info(
            "web_start host=%s port=%d es_url=%s prefix=%s auth=%s",
            host,
            port,
            settings.es.safe_url,  # a password in the URL is masked
            settings.es.index_prefix,
            auth,
        )
        if auth == "none" and not _loopback(host):
            log.warning(
                "web_open host=%s auth=none: anyone who reaches this port can search; put it behind a proxy "
                "or set CONTRAFLOW_WEB__TOKEN / CONTRAFLOW_WEB__USERNAME + CONTRAFLOW_WEB__PASSWORD",
                host,
            )
        typer.echo(f"contraflow web: http://{host}:{port}/  (Ctrl-C to stop)", err=True)
        try:
            web.run_app(create_app(settings.es, access=settings.web), host=host, port=port, print=None, access_log=None)
        except OSError as exc:
            raise ConfigError(
                f"cannot listen on {host}:{port}: {exc.strerror or exc}; choose another with --port"
            ) from exc
