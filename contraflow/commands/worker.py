"""``contraflow worker``: run the Faust agents (several workers may share one consumer group)."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
from typing import Any

import typer

log = logging.getLogger(__name__)

# Exit status of a worker that did not stop cleanly within worker.shutdown_timeout_s (128 + SIGTERM).
FORCED_EXIT_CODE = 143


def arm_shutdown_deadline(timeout_s: float, reason: str = "signal") -> threading.Timer:
    """Exit the process ``timeout_s`` from now unless it has exited by then (a daemon timer thread).

    A clean stop can hang: the agents wait for in-flight batches to be acked (``stream_wait_empty``) while
    Elasticsearch is down, the producer flushes to a broker that is gone. Their uncommitted records are processed
    again by the next owner of their partitions, so exiting is safe; what matters is that it happens.
    """

    def expire() -> None:
        log.error("shutdown_forced reason=%s timeout_s=%.1f (uncommitted records will be redone)", reason, timeout_s)
        for stream in (sys.stderr, sys.stdout):
            with contextlib.suppress(Exception):  # exiting anyway
                stream.flush()
        os._exit(FORCED_EXIT_CODE)

    timer = threading.Timer(timeout_s, expire)
    timer.daemon = True
    timer.start()
    return timer


def bounded_worker_class(timeout_s: float) -> type:
    """A ``faust.Worker`` whose stop after SIGTERM/SIGINT takes at most ``timeout_s`` (see
    :func:`arm_shutdown_deadline`)."""
    import faust

    class BoundedWorker(faust.Worker):
        _deadline: threading.Timer | None = None

        def _schedule_shutdown(self, signal: Any) -> None:
            if self._deadline is None:
                log.info("shutdown_started signal=%s timeout_s=%.1f", getattr(signal, "name", signal), timeout_s)
                self._deadline = arm_shutdown_deadline(timeout_s, getattr(signal, "name", str(signal)))
            super()._schedule_shutdown(signal)

    return BoundedWorker


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

        Start several with the same --group to share the partitions; stop with Ctrl-C (SIGINT) or SIGTERM (it exits
        within worker.shutdown_timeout_s, 30 s by default, even while Elasticsearch or Kafka is down).
        `kill -USR1 <pid>` logs the stack of every task (mode's "cry"): the first tool for a stuck worker.
        Example:  contraflow worker --web-port 6067
        """
        from indexers.client import check_access
        from indexers.versions import VersionedEsWriter
        from streams import Metrics, build_pipeline, gc_tuning

        from ..kafka_admin import ensure_topics
        from ..settings import load_settings

        settings = load_settings(
            kafka={"bootstrap": bootstrap},
            es={"url": es_url},
            worker={"web_port": web_port, "app_id": app_id},
        )
        log.info("worker_starting settings=%s", settings.safe_dict())
        # Fail fast on a credential or certificate to fix; an unreachable Elasticsearch is waited out as before.
        check_access(settings.es)
        ensure_topics(settings)
        settings.worker.data_dir.mkdir(parents=True, exist_ok=True)  # faust creates only the last level
        metrics = Metrics()
        # (the bulk writer, plus the reads and deletions article updates need: streams.versions)
        writer = VersionedEsWriter(
            settings.es,
            on_error=lambda reason: metrics.es_bulk_errors.labels(reason).inc(),
            on_retry=metrics.es_bulk_retries.inc,
        )
        pipeline = build_pipeline(settings, writer, metrics=metrics, session_timeout_s=session_timeout_s)
        gc_tuning.tune()
        metrics.gc.install()

        bounded_worker_class(settings.worker.shutdown_timeout_s)(
            pipeline.app,
            loglevel=log_level,
            stdout=sys.stderr,  # stdout stays clean for data
            stderr=sys.stderr,
            redirect_stdouts=False,
        ).execute_from_commandline()
