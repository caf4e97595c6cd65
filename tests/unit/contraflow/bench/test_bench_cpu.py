"""CPU accounting by process group (``contraflow.bench.cpu``), on real processes of this machine."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from contraflow.bench.cpu import CpuMeter, find_pids, process_cpu_s

pytestmark = pytest.mark.skipif(not os.path.exists("/proc/self/stat"), reason="needs Linux /proc")


def _spin(seconds: float) -> None:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def test_process_cpu_grows_with_work_and_is_none_for_no_process():
    before = process_cpu_s(os.getpid())
    _spin(0.3)
    after = process_cpu_s(os.getpid())
    assert before is not None and after is not None and after - before >= 0.2
    assert process_cpu_s(2**22 + 12345) is None  # above any pid_max: no such process


def test_meter_counts_each_group_and_finds_processes_by_marker():
    marker = f"cf-cpu-test-{os.getpid()}"
    busy = "import time\nend = time.process_time() + 0.6\nwhile time.process_time() < end: pass\ntime.sleep(30)"
    child = subprocess.Popen([sys.executable, "-c", busy, marker])
    try:
        # until the child has exec'd, its command line is still ours (no marker): look until it shows up
        deadline = time.monotonic() + 20
        while True:
            found = find_pids({"spinner": marker.encode(), "nothing": b"no-such-marker-\x01"})
            if found["spinner"] or time.monotonic() > deadline:
                break
            time.sleep(0.02)
        assert found == {"spinner": [child.pid], "nothing": []}
        meter = CpuMeter({**found, "me": [os.getpid()]}).start()
        _spin(0.2)
        deadline = time.monotonic() + 20  # the child spins 0.6 s of CPU meanwhile (longer on a busy machine)
        while (process_cpu_s(child.pid) or 0) < 0.6 and time.monotonic() < deadline:
            time.sleep(0.05)
        used = meter.stop()
    finally:
        child.kill()
        child.wait()
    assert used["spinner"] is not None and used["spinner"] >= 0.3
    assert used["me"] is not None and used["me"] >= 0.15
    assert used["nothing"] is None  # no process: not measured, not 0
