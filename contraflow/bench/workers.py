"""Run ``contraflow worker`` subprocesses on a lane, as an operator scales out: N processes, one consumer group."""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType

from kafka import KafkaAdminClient

from ..settings import Settings
from .errors import BenchError
from .lane import Lane

__all__ = ["WorkerPool", "wait_group_members"]

log = logging.getLogger(__name__)

# The installed console script may be missing (e.g. running from a checkout); this is what it runs.
_WORKER_CMD = [sys.executable, "-c", "from contraflow.cli import main; main()", "worker"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


class WorkerPool:
    """``n`` workers on ``lane``; logs go to ``workdir/worker-<i>.log``. Use as a context manager.

    Example::

        with WorkerPool(lane, settings, 2, workdir) as pool:
            pool.check()  # raises BenchError with the log tail if a worker has exited
    """

    def __init__(self, lane: Lane, settings: Settings, n: int, workdir: Path) -> None:
        self.lane, self.settings, self.n, self.workdir = lane, settings, n, workdir
        self.procs: list[subprocess.Popen[bytes]] = []
        self.logs: list[Path] = []

    def __enter__(self) -> WorkerPool:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def start(self) -> None:
        for i in range(self.n):
            data_dir = self.workdir / f"worker-{i}"
            data_dir.mkdir(parents=True, exist_ok=True)
            log_path = self.workdir / f"worker-{i}.log"
            env = {**os.environ, **self.lane.worker_env(self.settings, _free_port(), data_dir)}
            with log_path.open("wb") as out:
                proc = subprocess.Popen(_WORKER_CMD, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=self.workdir)
            self.procs.append(proc)
            self.logs.append(log_path)
        log.info("bench_workers_started lane=%s n=%d", self.lane.name, self.n)

    def check(self) -> None:
        """Raise ``BenchError`` (with the end of its log) when a worker has exited."""
        for proc, log_path in zip(self.procs, self.logs, strict=True):
            if proc.poll() is not None:
                raise BenchError(
                    f"worker pid={proc.pid} on lane {self.lane.name} exited with code {proc.returncode}; "
                    f"log {log_path}:\n{_tail(log_path)}"
                )

    def stop(self, timeout_s: float = 15.0) -> None:
        """SIGTERM every worker (a clean Faust shutdown), SIGKILL the ones still running after ``timeout_s``."""
        for proc in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout_s
        for proc in self.procs:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log.warning("bench_worker_kill pid=%d lane=%s", proc.pid, self.lane.name)
                proc.kill()
                proc.wait()
        self.procs.clear()


def wait_group_members(admin: KafkaAdminClient, group: str, members: int, pool: WorkerPool, timeout_s: float) -> bool:
    """Wait until consumer group ``group`` is Stable with ``members`` members; False on timeout (not fatal:
    the warm-up articles are the real readiness check)."""
    deadline = time.monotonic() + timeout_s
    # kafka-python warns on every call that it cannot decode Faust's member metadata: harmless, and loud.
    admin_log = logging.getLogger("kafka.admin")
    level = admin_log.level
    admin_log.setLevel(logging.ERROR)
    try:
        while time.monotonic() < deadline:
            pool.check()
            try:
                info = admin.describe_groups([group]).get(group) or {}
            except Exception as exc:  # the group coordinator may not know the group yet
                log.debug("bench_group_wait group=%s error=%s", group, exc)
                info = {}
            if str(info.get("group_state", "")).lower() == "stable" and len(info.get("members") or []) >= members:
                return True
            time.sleep(0.5)
    finally:
        admin_log.setLevel(level)
    log.warning("bench_group_not_stable group=%s members=%d timeout_s=%.0f", group, members, timeout_s)
    return False
