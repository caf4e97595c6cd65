"""``contraflow stack up | down | status | logs``: the local Kafka + Elasticsearch stack."""

from __future__ import annotations

import json
import sys
import time
from collections import deque
from pathlib import Path

import typer

from ..settings import load_settings

_HOME = typer.Option(None, "--home", help="Stack home (downloads, data, logs, pids) [env: CONTRAFLOW_STACK__HOME].")
_KAFKA_PORT = typer.Option(None, "--kafka-port", help="Kafka port [env: CONTRAFLOW_STACK__KAFKA_PORT].")
_ES_PORT = typer.Option(None, "--es-port", help="Elasticsearch port [env: CONTRAFLOW_STACK__ES_PORT].")


def _stack(home: Path | None, kafka_port: int | None, es_port: int | None, **extra: object):
    from ..stack import LocalStack

    settings = load_settings(stack={"home": home, "kafka_port": kafka_port, "es_port": es_port, **extra})
    return LocalStack(settings.stack)


def _print_status(status, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(status.to_dict(), indent=2))
        return
    typer.echo(f"stack home: {status.home}")
    mode = (
        "secure (Kafka SASL_SSL + SCRAM-SHA-512, Elasticsearch HTTPS + users)" if status.mode == "secure" else "plain"
    )
    typer.echo(f"mode: {mode}")
    if status.client_env:
        typer.echo(f"client settings: set -a; . {status.client_env}; set +a")
    for svc in status.services:
        health = "healthy" if svc.healthy else ("starting/unhealthy" if svc.running else "stopped")
        pid = svc.pid if svc.pid is not None else "-"
        typer.echo(f"{svc.name:<14} {svc.version:<8} {svc.address:<24} pid={pid:<8} {health}")
        typer.echo(f"{'':<14} files: {svc.location}")
        typer.echo(f"{'':<14} log:   {svc.log}")
        for key, value in svc.detail.items():
            typer.echo(f"{'':<14} {key}: {value}")


def register(app: typer.Typer) -> None:
    stack_app = typer.Typer(
        help="The local stack: Kafka (KRaft) and Elasticsearch fetched with Maven, run as local processes.",
        no_args_is_help=True,
    )
    app.add_typer(stack_app, name="stack")

    @stack_app.command("up")
    def up(
        home: Path | None = _HOME,
        kafka_port: int | None = _KAFKA_PORT,
        es_port: int | None = _ES_PORT,
        es_heap: str | None = typer.Option(
            None, "--es-heap", help="ES heap, e.g. 512m [env: CONTRAFLOW_STACK__ES_HEAP]."
        ),
        timeout: float = typer.Option(240.0, "--timeout", help="Seconds to wait until both services are healthy."),
        as_json: bool = typer.Option(False, "--json", help="Print the final status as JSON."),
        secure: bool = typer.Option(
            False,
            "--secure",
            help=(
                "Security on: Kafka SASL_SSL (SCRAM-SHA-512), Elasticsearch HTTPS with API keys, a local CA; "
                "client settings in <home>/secure.env."
            ),
        ),
    ) -> None:
        """Fetch (first time), start and wait until Kafka and Elasticsearch are healthy; reuses a healthy stack.

        Example:  contraflow stack up && contraflow stack status
        Secured:  contraflow stack up --secure && set -a && . .stack/secure.env && set +a
        """
        stack = _stack(home, kafka_port, es_port, es_heap=es_heap)
        _print_status(stack.up(timeout_s=timeout, secure=secure), as_json)

    @stack_app.command("down")
    def down(
        home: Path | None = _HOME,
        kafka_port: int | None = _KAFKA_PORT,
        es_port: int | None = _ES_PORT,
        grace: float = typer.Option(30.0, "--grace", help="Seconds between SIGTERM and SIGKILL."),
        purge: bool = typer.Option(
            False, "--purge", help="Also delete the data (topics, offsets, indices); downloads are kept."
        ),
    ) -> None:
        """Stop the processes this stack started (data is kept unless --purge).

        Example:  contraflow stack down --purge     # the next `stack up` starts empty
        """
        stopped = _stack(home, kafka_port, es_port).down(grace_s=grace, purge=purge)
        typer.echo(f"stopped: {', '.join(stopped)}" if stopped else "nothing of this stack was running")

    @stack_app.command("status")
    def status(
        home: Path | None = _HOME,
        kafka_port: int | None = _KAFKA_PORT,
        es_port: int | None = _ES_PORT,
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """Print versions, ports, pids and health; exit 1 unless both services are healthy.

        Example:  contraflow stack status --json
        """
        result = _stack(home, kafka_port, es_port).status()
        _print_status(result, as_json)
        if not result.healthy:
            raise typer.Exit(1)

    @stack_app.command("logs")
    def logs(
        service: str = typer.Argument("kafka", help="kafka or elasticsearch."),
        lines: int = typer.Option(50, "-n", "--lines", help="How many last lines to print."),
        follow: bool = typer.Option(False, "-f", "--follow", help="Keep printing new lines (Ctrl-C stops)."),
        home: Path | None = _HOME,
    ) -> None:
        """Print the end of a service's console log.

        Example:  contraflow stack logs elasticsearch -n 100
        """
        path = _stack(home, None, None).log_path(service)
        if not path.exists():
            typer.echo(f"no log yet at {path}", err=True)
            raise typer.Exit(1)
        with open(path, errors="replace") as handle:
            for line in deque(handle, maxlen=lines):
                sys.stdout.write(line)
            sys.stdout.flush()
            while follow:
                line = handle.readline()
                if line:
                    sys.stdout.write(line)
                    sys.stdout.flush()
                else:
                    time.sleep(0.5)
