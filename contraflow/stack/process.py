"""Background processes of the local stack: start, find, stop, pid files, ports, progress lines.

Only processes we started are ever signalled: a pid is trusted only while its command line still
contains the service's *marker* (a path unique to this stack home), so a recycled pid is left alone.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..errors import StackError

__all__ = [
    "cmdline",
    "find_java",
    "is_alive",
    "ours",
    "port_in_use",
    "progress",
    "read_pid",
    "run_step",
    "spawn",
    "stop_pids",
]

log = logging.getLogger(__name__)


def progress(message: str) -> None:
    """One progress line on stderr (stdout stays for data)."""
    print(f"stack: {message}", file=sys.stderr, flush=True)


def cmdline(pid: int) -> str | None:
    """The command line of a live (non-zombie) process, or ``None``."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        # The state follows the parenthesised command name, which may itself contain spaces.
        if stat[stat.rindex(")") + 2 :].startswith("Z"):
            return None
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except (OSError, ValueError):
        return None


def is_alive(pid: int) -> bool:
    """Whether ``pid`` is a running process."""
    return cmdline(pid) is not None


# Programs our services run as: the JVM, or the shell of bin/elasticsearch just before it execs the JVM.
# Anything else naming our paths (an editor, `tail -f` on a log) is never signalled.
_PROGRAMS = frozenset({"java", "bash", "sh"})


def ours(pid: int | None, marker: str) -> bool:
    """Whether ``pid`` runs a JVM (or its launcher shell) whose command line contains ``marker``."""
    if pid is None:
        return False
    line = cmdline(pid)
    return line is not None and marker in line and Path(line.split(" ", 1)[0]).name in _PROGRAMS


def pids_with(marker: str) -> list[int]:
    """Every live process whose command line contains ``marker`` (children of a service included)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid() and ours(int(entry.name), marker):
            found.append(int(entry.name))
    return sorted(found)


def read_pid(path: Path) -> int | None:
    """The pid stored in a pid file, or ``None``."""
    try:
        return int(path.read_text().strip())
    except (OSError, ValueError):
        return None


def port_in_use(port: int, host: str = "127.0.0.1") -> bool:
    """Whether something accepts TCP connections on ``host:port``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def spawn(
    args: Sequence[str],
    *,
    log_path: Path,
    pid_path: Path,
    env: Mapping[str, str],
    cwd: Path,
    user: str | None = None,
) -> int:
    """Start ``args`` in its own session, output appended to ``log_path``; write and return its pid."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "ab") as out:
        proc = subprocess.Popen(  # fixed argv built by the stack
            list(args),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=dict(env),
            cwd=cwd,
            start_new_session=True,  # its own process group: down() signals the whole tree
            user=user,
            group=user,
            extra_groups=[] if user else None,
        )
    pid_path.write_text(f"{proc.pid}\n")
    log.info("stack_process_started pid=%s log=%s", proc.pid, log_path)
    return proc.pid


def stop_pids(pids: list[int], marker: str, grace_s: float) -> list[int]:
    """SIGTERM the processes (and their groups) that are ours, SIGKILL survivors after ``grace_s``.

    Returns the pids that were signalled.
    """
    targets = [pid for pid in pids if ours(pid, marker)]
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in targets:
            if not ours(pid, marker):
                continue
            with contextlib.suppress(OSError):
                if os.getpgid(pid) == pid:
                    os.killpg(pid, sig)
                else:
                    os.kill(pid, sig)
        deadline = time.monotonic() + (grace_s if sig == signal.SIGTERM else 10.0)
        while time.monotonic() < deadline and any(ours(pid, marker) for pid in targets):
            time.sleep(0.2)
        if not any(ours(pid, marker) for pid in targets):
            break
        if sig == signal.SIGTERM:
            log.warning("stack_stop_escalating signal=SIGKILL pids=%s grace_s=%s", targets, grace_s)
    return targets


def run_step(args: Sequence[str], *, what: str, log_path: Path, hint: str, timeout_s: float = 1800) -> None:
    """Run a short-lived helper (Maven, a format tool) to completion; its output goes to ``log_path``.

    A failure raises :class:`StackError` with the last lines of its output and ``hint``.
    """
    log_path.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    try:
        with open(log_path, "ab") as out:
            result = subprocess.run(  # fixed argv built by the stack
                list(args), stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, timeout=timeout_s
            )
    except FileNotFoundError as exc:
        raise StackError(f"{what} failed: {args[0]} not found; {hint}") from exc
    except subprocess.TimeoutExpired as exc:
        raise StackError(f"{what} timed out after {timeout_s:.0f}s (log: {log_path}); {hint}") from exc
    if result.returncode != 0:
        tail = _last_lines(log_path, 8)
        raise StackError(f"{what} failed (exit {result.returncode}, log: {log_path}); {hint}\n{tail}")
    log.info("stack_step_done what=%r elapsed_s=%.1f", what, time.monotonic() - started)


def _last_lines(path: Path, count: int) -> str:
    try:
        lines = path.read_text(errors="replace").splitlines()
    except OSError:
        return ""
    return "\n".join(lines[-count:])


def find_java(java_home: Path | None, minimum: int = 17) -> Path:
    """The JDK home to run the services with (``java_home`` or ``java`` on PATH), checked for ``minimum``."""
    if java_home is None:
        found = shutil.which("java")
        if found is None:
            raise StackError(
                f"Java {minimum}+ not found on PATH; install it (apt-get install openjdk-{minimum}-jre-headless) "
                "or set CONTRAFLOW_STACK__JAVA_HOME"
            )
        java_home = Path(found).resolve().parents[1]
    java = java_home / "bin" / "java"
    if not java.exists():
        raise StackError(f"no Java at {java}; set CONTRAFLOW_STACK__JAVA_HOME to a JDK {minimum}+ home")
    major = _java_major(java_home, java)
    if major is not None and major < minimum:
        raise StackError(
            f"Java at {java_home} is version {major}, the stack needs {minimum}+; "
            "set CONTRAFLOW_STACK__JAVA_HOME to a newer JDK"
        )
    return java_home


def _java_major(java_home: Path, java: Path) -> int | None:
    text = ""
    with contextlib.suppress(OSError):
        text = (java_home / "release").read_text()
    if not text:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            text = subprocess.run([str(java), "-version"], capture_output=True, text=True, timeout=30).stderr
    match = re.search(r'version\s*=?\s*"(\d+)(?:\.(\d+))?', text, re.IGNORECASE)
    if not match:
        return None
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major
