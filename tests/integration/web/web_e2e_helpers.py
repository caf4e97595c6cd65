"""Helpers of the web pages' end-to-end tests (imported by name; conftest modules are not importable reliably):
real ``contraflow`` processes, ``contraflow web`` once it answers, and headless Chromium's view of a page."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
CONTRAFLOW = str(Path(sys.executable).with_name("contraflow"))

BROWSER_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
)


def cli_env(**settings: str) -> dict[str, str]:
    """This process's environment without its ``CONTRAFLOW_*`` variables, plus ``settings`` (``CONTRAFLOW_...``)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONTRAFLOW_")}
    env.update(settings)
    return env


@contextlib.contextmanager
def running(args: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen]:
    """``args`` run from the checkout, stdout and stderr to ``log``, until the block ends; then SIGINT (a clean
    stop), and SIGKILL if it has not exited within 30 s."""
    with log.open("wb") as out:
        proc = subprocess.Popen(args, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=REPO, start_new_session=True)
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


@contextlib.contextmanager
def web_server(env: dict[str, str], port: int, log: Path) -> Iterator[str]:
    """``contraflow web --port PORT`` with ``env``, its log in ``log``; yields its base URL once ``/healthz``
    answers (waiting up to 30 s; it must not exit meanwhile), and stops it when the block ends."""
    with running([CONTRAFLOW, "web", "--port", str(port)], env, log) as proc:
        base = f"http://127.0.0.1:{port}"
        for _ in range(60):
            assert proc.poll() is None, log.read_text()
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"{base}/healthz", timeout=2).close()
                break
            time.sleep(0.5)
        yield base


def dump_dom(chromium: str, url: str, profile: Path, budget_ms: int = 5000) -> str:
    """The page at ``url`` as headless Chromium renders it (scripts run for up to ``budget_ms`` of virtual time)."""
    result = subprocess.run(
        [
            chromium,
            *BROWSER_FLAGS,
            f"--user-data-dir={profile}",
            f"--virtual-time-budget={budget_ms}",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout
