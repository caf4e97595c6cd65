"""Sample the end-to-end workers with py-spy while they work, and say where their time went.

``py-spy record --format raw`` writes one line per distinct stack: ``frame;frame;...;frame COUNT``. The summary
gives each function's share of samples as the innermost frame ("self") and anywhere on the stack
("inclusive"), which is enough to name a hot spot. py-spy comes with the ``dev`` extra.
"""

from __future__ import annotations

import logging
import shutil
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import TracebackType

from .errors import BenchError

__all__ = ["Profiler", "summarize_collapsed"]

log = logging.getLogger(__name__)


def _py_spy() -> str:
    found = shutil.which("py-spy") or shutil.which("py-spy", path=str(Path(sys.executable).parent))
    if not found:
        raise BenchError("--profile needs py-spy: pip install -e '.[dev]' (or pip install py-spy)")
    return found


def summarize_collapsed(text: str, top: int = 15) -> list[dict[str, float | str]]:
    """The ``top`` functions by self share of samples in py-spy's raw (collapsed) output.

    Each entry: ``{"frame", "self", "inclusive"}`` with shares in 0..1 of all samples.
    """
    own: Counter[str] = Counter()
    incl: Counter[str] = Counter()
    total = 0
    for line in text.splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        frames = [f for f in stack.split(";") if f]
        if not frames:
            continue
        total += n
        own[frames[-1]] += n
        for f in set(frames):  # a recursive function counts once per sample
            incl[f] += n
    if not total:
        return []
    return [
        {"frame": frame, "self": own[frame] / total, "inclusive": incl[frame] / total}
        for frame, _ in own.most_common(top)
    ]


class Profiler:
    """py-spy on each of ``pids`` until the ``with`` block ends; raw output in ``out_dir/<label>-<pid>.txt``."""

    def __init__(self, pids: list[int], out_dir: Path, label: str) -> None:
        self.pids, self.out_dir, self.label = pids, out_dir, label
        self.outputs: list[Path] = []
        self._procs: list[subprocess.Popen[bytes]] = []

    def __enter__(self) -> Profiler:
        exe = _py_spy()
        self.out_dir.mkdir(parents=True, exist_ok=True)
        for pid in self.pids:
            out = self.out_dir / f"{self.label}-{pid}.txt"
            # 50 Hz without pausing the worker: enough samples for shares, little disturbance to the timing.
            cmd = [exe, "record", "--pid", str(pid), "--format", "raw", "--nolineno", "--rate", "50", "--nonblocking"]
            self._procs.append(
                subprocess.Popen([*cmd, "-o", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            )
            self.outputs.append(out)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        for p in self._procs:
            if p.poll() is None:
                p.send_signal(signal.SIGINT)  # py-spy writes its output on SIGINT
        for p in self._procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()

    def summary(self, top: int = 15) -> dict[str, list[dict[str, float | str]]]:
        """Per profiled process (``<label>-<pid>``), its top functions by self share."""
        out = {}
        for path in self.outputs:
            try:
                out[path.stem] = summarize_collapsed(path.read_text(errors="replace"), top)
            except OSError as exc:
                log.warning("bench_profile_missing path=%s error=%s", path, exc)
        return out
