"""``contraflow worker``: run the Faust agents (several workers may share one consumer group)."""

from __future__ import annotations

import logging
import sys

import typer

log = logging.getLogger(__name__)


def register(app: typer.Typer) -> None:
    @app.command("worker")
    def worker(
        web_port: int | None = typer.Option(
            None,
            "--web-port",
            envvar="CONTRAFLOW_WORKER__WEB_PORT",
            help="Port of /metrics (one per worker on a host).",
        ),
        app_id: str | None = typer.Option(
            None,
            "--group",
            envvar="CONTRAFLOW_WORKER__APP_ID",
            help="Consumer group / Faust app id.",
        ),
        bootstrap: str | None = typer.Option(None, "--bootstrap", envvar="CONTRAFLOW_KAFKA__BOOTSTRAP", help="Kafka."),
        es_url: str | None = typer.Option(None, "--es-url", envvar="CONTRAFLOW_ES__URL", help="Elasticsearch."),
        session_timeout_s: float | None = typer.Option(
            None,
            "--session-timeout",
            help="Kafka session timeout in seconds (how soon a dead worker's partitions move).",
        ),
        log_level: str = typer.Option("INFO", "--worker-log-level", help="Log level of the worker."),
    ) -> None:
        """Run a pipeline worker: normalise, dedupe, extract, detect and index, with /metrics.

        Start several with the same --group to share the partitions; stop with Ctrl-C (SIGINT) or SIGTERM.
        `kill -USR1 <pid>` logs the stack of every task (mode's "cry"): the first tool for a stuck worker.
        Example:  contraflow worker --web-port 6067
        """
        import faust

        from indexers import EsWriter
        from streams import Metrics, build_pipeline

        from .. import memory
        from ..kafka_admin import ensure_topics
        from ..settings import load_settings

        settings = load_settings(
            kafka={"bootstrap": bootstrap},
            es={"url": es_url},
            worker={"web_port": web_port, "app_id": app_id},
        )
        log.info("worker_starting settings=%s", settings.safe_dict())
        ensure_topics(settings)
        settings.worker.data_dir.mkdir(parents=True, exist_ok=True)  # faust creates only the last level
        metrics = Metrics()
        writer = EsWriter(
            settings.es,
            on_error=lambda reason: metrics.es_bulk_errors.labels(reason).inc(),
            on_retry=metrics.es_bulk_retries.inc,
        )
        pipeline = build_pipeline(settings, writer, metrics=metrics, session_timeout_s=session_timeout_s)
        memory.tune()
        metrics.gc.install()

        faust.Worker(
            pipeline.app,
            loglevel=log_level,
            stdout=sys.stderr,  # stdout stays clean for data
            stderr=sys.stderr,
            redirect_stdouts=False,
        ).execute_from_commandline()
