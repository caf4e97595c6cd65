"""Where the CPU of an end-to-end phase goes: the workers, the Kafka broker, the Elasticsearch node, the bench.

On a machine where the pipeline shares its cores with Kafka and Elasticsearch, articles/s alone cannot say
whether a slow phase was the workers' own work or the brokers'. This reads each process's user + system time
from ``/proc/<pid>/stat`` before and after a phase. The broker and the node are found by their Java main class
among this machine's processes (the local stack, or any other Kafka or Elasticsearch running here); when they
run elsewhere, or ``/proc`` is not there (not Linux), their share is None, never 0.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

__all__ = ["CpuMeter", "find_pids", "process_cpu_s"]

_PROC = Path("/proc")
# The main class each JVM is started with (Kafka 3.x/4.x; Elasticsearch 7.x/8.x).
MAIN_CLASSES = {"kafka": b"kafka.Kafka", "elasticsearch": b"org.elasticsearch.bootstrap.Elasticsearch"}


def process_cpu_s(pid: int) -> float | None:
    """User + system CPU seconds of process ``pid`` so far (its threads included), or None if unreadable."""
    try:
        stat = (_PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    # Fields after the command name (which may hold spaces and parentheses): utime and stime are 14th and 15th.
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def find_pids(markers: Mapping[str, bytes] = MAIN_CLASSES) -> dict[str, list[int]]:
    """Pids of this machine's processes whose command line holds each marker (``{"kafka": [...], ...}``)."""
    found: dict[str, list[int]] = {name: [] for name in markers}
    try:
        entries = [p for p in _PROC.iterdir() if p.name.isdigit()]
    except OSError:
        return found
    for entry in entries:
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        for name, marker in markers.items():
            if marker in cmdline:
                found[name].append(int(entry.name))
    return found


class CpuMeter:
    """CPU seconds used by groups of processes between :meth:`start` and :meth:`stop`.

    Example::

        meter = CpuMeter({"workers": [pid1, pid2], **find_pids(), "bench": [os.getpid()]}).start()
        ...  # the phase
        used = meter.stop()  # {"workers": 40.1, "kafka": 1.8, "elasticsearch": 2.0, "bench": 0.3}

    A group with no process, or one whose processes could not be read at either end, reports None.
    """

    def __init__(self, groups: Mapping[str, Iterable[int]]) -> None:
        self.groups = {name: list(pids) for name, pids in groups.items()}
        self._before: dict[str, float | None] = {}

    def _read(self) -> dict[str, float | None]:
        out: dict[str, float | None] = {}
        for name, pids in self.groups.items():
            times = [process_cpu_s(pid) for pid in pids]
            known = [t for t in times if t is not None]
            out[name] = sum(known) if pids and len(known) == len(times) else None
        return out

    def start(self) -> CpuMeter:
        self._before = self._read()
        return self

    def stop(self) -> dict[str, float | None]:
        after = self._read()
        spent: dict[str, float | None] = {}
        for name, before in self._before.items():
            now = after[name]
            spent[name] = now - before if before is not None and now is not None else None
        return spent
