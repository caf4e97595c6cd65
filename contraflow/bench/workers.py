"""Run ``contraflow worker`` subprocesses on a lane, as an operator scales out: N processes, one consumer group."""

from __future__ import annotations

import logging
import signal
import socket
import time
from pathlib import Path
from types import TracebackType

from kafka import KafkaAdminClient

from ..runner import WorkerProcess, worker_env
from ..settings import Settings
from .errors import BenchError
from .lane import Lane

__all__ = ["WorkerPool", "wait_group_members"]

log = logging.getLogger(__name__)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class WorkerPool:
    """``n`` workers on ``lane``; logs go to ``workdir/worker-<i>.log``. Use as a context manager.

    Example::

        with WorkerPool(lane, settings, 2, workdir) as pool:
            pool.check()  # raises BenchError with the log tail if a worker has exited
    """

    def __init__(self, lane: Lane, settings: Settings, n: int, workdir: Path) -> None:
        self.lane, self.settings, self.n, self.workdir = lane, settings, n, workdir
        self.workers: list[WorkerProcess] = []

    def __enter__(self) -> WorkerPool:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def logs(self) -> list[Path]:
        return [w.log_path for w in self.workers]

    @property
    def pids(self) -> list[int]:
        """Process ids of the running workers (for the CPU meter and the profiler)."""
        return [w.proc.pid for w in self.workers if w.proc is not None]

    def start(self) -> None:
        for i in range(self.n):
            data_dir = self.workdir / f"worker-{i}"
            data_dir.mkdir(parents=True, exist_ok=True)
            env = worker_env(self.lane.worker_env(self.settings, data_dir))
            worker = WorkerProcess(env=env, log_path=self.workdir / f"worker-{i}.log", web_port=_free_port())
            self.workers.append(worker.start())
        log.info("bench_workers_started lane=%s n=%d", self.lane.name, self.n)

    def check(self) -> None:
        """Raise ``BenchError`` (with the end of its log) when a worker has exited."""
        for w in self.workers:
            if not w.alive:
                code = w.proc.returncode if w.proc is not None else None
                raise BenchError(
                    f"worker on lane {self.lane.name} exited with code {code}; log {w.log_path}:\n{w.log_tail(1500)}"
                )

    def stop(self, grace_s: float = 15.0) -> None:
        """SIGTERM every worker at once (a clean Faust shutdown), SIGKILL those still running after ``grace_s``."""
        for w in self.workers:
            if w.alive and w.proc is not None:
                w.proc.send_signal(signal.SIGTERM)
        for w in self.workers:
            w.stop(grace_s=grace_s)
        self.workers.clear()


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
