"""``contraflow kibana import``: load contraflow's data views, saved search and dashboard into Kibana."""

from __future__ import annotations

import base64
import json
import logging
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import typer

from ..assets import asset
from ..errors import ConfigError, ContraflowError, InputError

log = logging.getLogger(__name__)

_NDJSON = "contraflow.ndjson"


class KibanaError(ContraflowError):
    """Kibana is unreachable, not ready, or refused the saved objects."""


def load_objects(path: Path | None = None, index_prefix: str = "contraflow") -> list[dict[str, Any]]:
    """Read the NDJSON saved objects (by default those shipped in the package, ``contraflow/assets/kibana/``);
    data views are renamed for a non-default index prefix."""
    source = asset("kibana", _NDJSON) if path is None else path
    try:
        lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
        objects = [json.loads(line) for line in lines]
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read saved objects from {source}: {exc}") from exc
    if index_prefix != "contraflow":
        for obj in objects:
            if obj.get("type") == "index-pattern":
                title = obj["attributes"]["title"]
                if title.startswith("contraflow-"):
                    obj["attributes"]["title"] = index_prefix + title[len("contraflow") :]
    return objects


def _request(
    url: str, *, method: str = "GET", body: bytes | None = None, headers: dict[str, str] | None = None, timeout: float
) -> tuple[int, Any]:
    req = urllib.request.Request(url, data=body, method=method, headers={"kbn-xsrf": "contraflow", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            raw = resp.read()
            status = resp.status
    except urllib.error.HTTPError as exc:
        raw, status = exc.read(), exc.code
    try:
        return status, json.loads(raw or b"null")
    except json.JSONDecodeError:
        return status, raw.decode("utf-8", "replace")[:500]


def _auth_headers(username: str | None, password: str | None) -> dict[str, str]:
    if not username or password is None:
        return {}
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def wait_for_kibana(url: str, wait_s: float, headers: dict[str, str], timeout: float = 10.0) -> None:
    """Wait until ``/api/status`` says available (Kibana takes a minute to start); raise ``KibanaError``."""
    deadline = time.monotonic() + wait_s
    last = "no answer"
    while True:
        try:
            status, data = _request(f"{url}/api/status", headers=headers, timeout=timeout)
            level = (
                (((data or {}).get("status") or {}).get("overall") or {}).get("level")
                if isinstance(data, dict)
                else None
            )
            if status == 200 and level in (None, "available"):
                return
            last = f"HTTP {status}, status {level or 'unknown'}"
        except (urllib.error.URLError, OSError) as exc:
            last = str(getattr(exc, "reason", exc))
        if time.monotonic() >= deadline:
            raise KibanaError(
                f"Kibana at {url} is not reachable or not ready ({last}). Is it running? "
                "`docker compose ps kibana`; or pass its address with --url"
            )
        typer.echo(f"waiting for Kibana at {url} ({last})", err=True)
        time.sleep(min(5.0, max(0.0, deadline - time.monotonic())))


def import_objects(
    url: str,
    objects: list[dict[str, Any]],
    *,
    space: str | None = None,
    overwrite: bool = True,
    headers: dict[str, str] | None = None,
    timeout: float = 30.0,
) -> dict[str, Any]:
    """POST the objects to Kibana's ``_import`` API (multipart NDJSON); returns Kibana's answer."""
    base = f"{url}/s/{space}" if space else url
    boundary = uuid.uuid4().hex
    ndjson = "".join(json.dumps(o) + "\n" for o in objects).encode()
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{_NDJSON}"\r\n'
            "Content-Type: application/ndjson\r\n\r\n"
        ).encode()
        + ndjson
        + f"\r\n--{boundary}--\r\n".encode()
    )
    target = f"{base}/api/saved_objects/_import?overwrite={'true' if overwrite else 'false'}"
    try:
        status, data = _request(
            target,
            method="POST",
            body=body,
            headers={**(headers or {}), "Content-Type": f"multipart/form-data; boundary={boundary}"},
            timeout=timeout,
        )
    except (urllib.error.URLError, OSError) as exc:
        raise KibanaError(
            f"Kibana at {url} does not answer ({getattr(exc, 'reason', exc)}). Is it running? "
            "`docker compose ps kibana`; or pass its address with --url (add --wait 120 while it starts)"
        ) from exc
    if status in (401, 403):
        raise KibanaError(f"Kibana refused the import (HTTP {status}): set CONTRAFLOW_ES__USERNAME/PASSWORD")
    if status != 200 or not isinstance(data, dict):
        raise KibanaError(f"Kibana import failed (HTTP {status}): {data}")
    if not data.get("success"):
        errors = "; ".join(
            f"{e.get('type')}/{e.get('id')}: {(e.get('error') or {}).get('type')}" for e in data.get("errors", [])
        )
        raise KibanaError(f"Kibana rejected some saved objects: {errors}")
    return data


def register(app: typer.Typer) -> None:
    kibana_app = typer.Typer(
        help="Kibana for analysts: load contraflow's data views, saved search and dashboard.", no_args_is_help=True
    )
    app.add_typer(kibana_app, name="kibana")

    @kibana_app.command("import")
    def import_command(
        url: str = typer.Option("http://localhost:5601", "--url", help="Kibana base URL."),
        file: Path | None = typer.Option(
            None, "--file", help="Saved objects NDJSON [default: the ones shipped with contraflow]."
        ),
        space: str | None = typer.Option(None, "--space", help="Kibana space id (default space if omitted)."),
        wait: float = typer.Option(0.0, "--wait", help="Seconds to wait for Kibana to become available first."),
        overwrite: bool = typer.Option(True, "--overwrite/--no-overwrite", help="Replace objects with the same id."),
        index_prefix: str | None = typer.Option(
            None, "--index-prefix", help="Index/alias prefix of the data views [env: CONTRAFLOW_ES__INDEX_PREFIX]."
        ),
    ) -> None:
        """Import the data views (articles, statements, contradictions), the side-by-side saved search and
        the "contraflow: contradictions" dashboard into Kibana. Idempotent: objects keep fixed ids.

        Kibana credentials are the Elasticsearch ones (CONTRAFLOW_ES__USERNAME / CONTRAFLOW_ES__PASSWORD).

        \b
        Examples:
          contraflow kibana import
          contraflow kibana import --url http://kibana:5601 --wait 300
        Then open Kibana > Dashboards > "contraflow: contradictions".
        """
        from ..settings import load_settings

        if not url.startswith(("http://", "https://")):
            raise ConfigError(f"--url must start with http:// or https://, not {url!r}")
        url = url.rstrip("/")
        settings = load_settings(es={"index_prefix": index_prefix})
        password = settings.es.password.get_secret_value() if settings.es.password else None
        headers = _auth_headers(settings.es.username, password)
        objects = load_objects(file, settings.es.index_prefix)
        if wait > 0:
            wait_for_kibana(url, wait, headers)
        result = import_objects(url, objects, space=space, overwrite=overwrite, headers=headers)
        log.info("kibana_import url=%s objects=%d imported=%d", url, len(objects), result.get("successCount", 0))
        typer.echo(
            f"imported {result.get('successCount', 0)} saved objects into Kibana at {url}; "
            'open Dashboards > "contraflow: contradictions"',
            err=True,
        )
