"""Run and watch a pipeline from outside: worker subprocesses, expected counts, "fully processed" checks.

Used by ``contraflow demo`` and by the integration tests (so both wait for the same, exact condition).
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import ContraflowError
from .kafka_admin import group_lag
from .settings import Settings

__all__ = ["WorkerProcess", "expected_article_ids", "index_counts", "wait_processed"]

log = logging.getLogger(__name__)


def expected_article_ids(lines: Iterable[bytes], *, max_text_chars: int) -> set[str]:
    """Ids of the articles the pipeline will index from these lines (valid, de-duplicated by content)."""
    from streams.agents.normalise import RawRecordError, classify_raw

    by_hash: dict[str, str] = {}
    for line in lines:
        if not line.strip():
            continue
        try:
            article = classify_raw(line.rstrip(b"\r\n"), max_text_chars=max_text_chars)
        except RawRecordError:
            continue
        by_hash.setdefault(article.content_hash, article.id)
    return set(by_hash.values())


def index_counts(settings: Settings) -> dict[str, int]:
    """Documents per alias (refreshed first so the counts are current)."""
    from elasticsearch import NotFoundError

    from indexers import INDEX_KINDS, alias_name, make_client

    client = make_client(settings.es)
    try:
        out = {}
        for kind in INDEX_KINDS:
            alias = alias_name(settings.es.index_prefix, kind)
            try:
                client.indices.refresh(index=alias)
                out[kind] = int(client.count(index=alias)["count"])
            except NotFoundError:
                out[kind] = 0
        return out
    finally:
        client.close()


def wait_processed(
    settings: Settings,
    *,
    articles: int,
    timeout_s: float = 600.0,
    poll_s: float = 2.0,
    stable_polls: int = 2,
    on_poll: Callable[[dict[str, int], dict[str, int]], None] | None = None,
    check: Callable[[], None] | None = None,
) -> dict[str, int]:
    """Wait until ``articles`` articles are indexed and the group has committed everything on every topic.

    Lag zero on every pipeline topic (the index agents commit only after their write) for ``stable_polls``
    polls in a row means nothing is in flight. Returns the final document counts; raises ``ContraflowError``
    on timeout. ``check`` is called every poll (e.g. to fail fast when a worker died).
    """
    deadline = time.monotonic() + timeout_s
    streak = 0
    counts: dict[str, int] = {}
    lag: dict[str, int] = {}
    while time.monotonic() < deadline:
        if check is not None:
            check()
        try:
            counts = index_counts(settings)
            lag = group_lag(settings)
        except Exception as exc:  # a node may be restarting; keep polling until the deadline
            log.info("wait_poll_failed error=%s", type(exc).__name__)
            streak = 0
            time.sleep(poll_s)
            continue
        if on_poll is not None:
            on_poll(counts, lag)
        if counts.get("articles", 0) >= articles and not any(lag.values()):
            streak += 1
            if streak >= stable_polls:
                return counts
        else:
            streak = 0
        time.sleep(poll_s)
    raise ContraflowError(
        f"pipeline not done after {timeout_s:.0f}s: indexed={counts} lag={lag} (expected {articles} articles)"
    )


@dataclass
class WorkerProcess:
    """A ``contraflow worker`` subprocess with its own environment and log file."""

    env: Mapping[str, str]
    log_path: Path
    web_port: int
    session_timeout_s: float | None = None
    proc: subprocess.Popen | None = None

    def start(self) -> WorkerProcess:
        cmd = [
            sys.executable,
            "-c",
            "from contraflow.cli import main; main()",
            "worker",
            "--web-port",
            str(self.web_port),
        ]
        if self.session_timeout_s is not None:
            cmd += ["--session-timeout", str(self.session_timeout_s)]
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log_file = self.log_path.open("ab")
        self.proc = subprocess.Popen(  # our own interpreter and module
            cmd, env=dict(self.env), stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True
        )
        log_file.close()
        log.info("worker_started pid=%d web_port=%d log=%s", self.proc.pid, self.web_port, self.log_path)
        return self

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill(self) -> None:
        """SIGKILL: no clean shutdown, no final commit (for crash tests)."""
        if self.alive:
            assert self.proc is not None
            self.proc.kill()
            self.proc.wait(30)

    def stop(self, grace_s: float = 30.0) -> int | None:
        """SIGTERM, wait up to ``grace_s``, then SIGKILL. Returns the exit code."""
        if self.proc is None:
            return None
        if self.alive:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(grace_s)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(30)
        return self.proc.returncode

    def log_tail(self, chars: int = 4000) -> str:
        with contextlib.suppress(OSError):
            return self.log_path.read_text(errors="replace")[-chars:]
        return ""


def worker_env(settings_env: Mapping[str, str], base: Mapping[str, str] | None = None) -> dict[str, str]:
    """``base`` (default: this process's environment) with ``settings_env`` on top."""
    env = dict(base if base is not None else os.environ)
    env.update(settings_env)
    return env
