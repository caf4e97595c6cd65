"""A worker's stop is bounded: past worker.shutdown_timeout_s the process exits, whatever it is waiting on."""

from __future__ import annotations

import subprocess
import sys
import time

from contraflow.commands.worker import FORCED_EXIT_CODE


def test_shutdown_deadline_exits_a_process_stuck_in_its_stop() -> None:
    code = (
        "import time\n"
        "from contraflow.commands.worker import arm_shutdown_deadline\n"
        "arm_shutdown_deadline(0.3, 'test')\n"
        "time.sleep(30)  # a stop that would never end\n"
    )
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == FORCED_EXIT_CODE
    assert time.monotonic() - started < 15
    assert "shutdown_forced" in proc.stderr or proc.stderr == ""  # logging may not be configured here


def test_bounded_worker_is_a_faust_worker_that_overrides_the_signal_stop() -> None:
    import faust

    from contraflow.commands.worker import bounded_worker_class

    cls = bounded_worker_class(5.0)
    assert issubclass(cls, faust.Worker) and "_schedule_shutdown" in vars(cls)
