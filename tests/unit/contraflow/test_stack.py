"""The local stack's control code, without starting Kafka or Elasticsearch (see integration tests for that)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from contraflow.errors import StackError
from contraflow.settings import StackSettings
from contraflow.stack import LocalStack, load_versions
from contraflow.stack.elasticsearch import _traversable_by
from contraflow.stack.process import find_java, ours, run_step, stop_pids


def test_versions_come_from_deploy_local():
    versions = load_versions()
    assert versions.kafka.startswith("3.")  # 3.x: the broker every Python client here speaks to
    assert versions.elasticsearch.startswith("8.")  # same major as the elasticsearch client


def test_taken_port_is_one_clear_error_before_any_download(free_port, tmp_path):
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        port = blocker.getsockname()[1]
        stack = LocalStack(
            StackSettings(home=tmp_path, kafka_port=port, kafka_controller_port=free_port(), es_port=free_port())
        )
        with pytest.raises(StackError) as info:
            stack.up(timeout_s=5)
    message = str(info.value)
    assert f"port {port}" in message and "CONTRAFLOW_STACK__KAFKA_PORT" in message
    assert "\n" not in message
    assert not (tmp_path / "downloads").exists() and not (tmp_path / "kafka").exists()


def test_status_of_a_stack_that_never_ran(free_port, tmp_path):
    stack = LocalStack(
        StackSettings(home=tmp_path, kafka_port=free_port(), kafka_controller_port=free_port(), es_port=free_port())
    )
    status = stack.status(probe_timeout_s=1)
    assert not status.healthy
    assert [s.name for s in status.services] == ["kafka", "elasticsearch"]
    assert all(s.pid is None and not s.running for s in status.services)
    assert status.to_dict()["services"][0]["version"] == load_versions().kafka
    assert stack.down(grace_s=1) == []


def test_relative_home_is_taken_from_the_checkout():
    stack = LocalStack(StackSettings(home=Path(".stack-relative-test")))
    assert stack.home == Path(__file__).resolve().parents[3] / ".stack-relative-test"


def test_missing_java_is_one_clear_error(tmp_path):
    with pytest.raises(StackError) as info:
        find_java(tmp_path / "no-jdk")
    assert "CONTRAFLOW_STACK__JAVA_HOME" in str(info.value)


def test_failed_download_step_says_what_to_do(tmp_path):
    log = tmp_path / "step.log"
    with pytest.raises(StackError) as info:
        run_step(
            [sys.executable, "-c", "print('resolution failed'); raise SystemExit(3)"],
            what="downloading X",
            log_path=log,
            hint="is Maven Central reachable?",
        )
    message = str(info.value)
    assert "downloading X failed (exit 3" in message and "Maven Central" in message and "resolution failed" in message
    with pytest.raises(StackError, match="not found"):
        run_step([str(tmp_path / "no-mvn")], what="downloading X", log_path=log, hint="install maven")


def test_stop_signals_only_processes_whose_command_line_has_the_marker(tmp_path):
    marker = str(tmp_path / "marker-dir")
    # A shell that stays the parent of its sleep (the trailing ":" stops bash from exec-ing it).
    proc = subprocess.Popen(["bash", "-c", "sleep 60; :", marker], start_new_session=True)
    try:
        # Right after fork the child still shows our own command line: wait for the exec.
        deadline = time.monotonic() + 10
        while not ours(proc.pid, marker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ours(proc.pid, marker)
        assert stop_pids([proc.pid], str(tmp_path / "someone-else"), grace_s=1) == []
        time.sleep(0.2)
        assert proc.poll() is None  # not ours by that marker: left alone
        assert stop_pids([proc.pid], marker, grace_s=5) == [proc.pid]
        assert proc.wait(timeout=10) is not None
        assert not ours(proc.pid, marker)
    finally:
        if proc.poll() is None:
            proc.kill()


def test_other_programs_naming_our_paths_are_never_ours(tmp_path):
    marker = str(tmp_path / "kafka" / "libs")
    # e.g. an editor or `tail -f` on one of our files: the marker is there, the program is not ours.
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", marker], start_new_session=True)
    try:
        time.sleep(0.1)
        assert not ours(proc.pid, marker)
        assert stop_pids([proc.pid], marker, grace_s=1) == []
        assert proc.poll() is None
    finally:
        proc.kill()
        proc.wait()


def test_stop_escalates_to_sigkill_after_grace(tmp_path):
    marker = str(tmp_path / "stubborn")
    script = "trap '' TERM; echo ready; sleep 60; :"
    proc = subprocess.Popen(["bash", "-c", script, marker], stdout=subprocess.PIPE, start_new_session=True)
    try:
        assert proc.stdout.readline().strip() == b"ready"
        started = time.monotonic()
        stop_pids([proc.pid], marker, grace_s=1)
        assert proc.wait(timeout=10) == -9
        assert time.monotonic() - started >= 1
    finally:
        if proc.poll() is None:
            proc.kill()


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to create a mode-700 folder owned by root")
def test_folder_an_unprivileged_user_cannot_enter_is_detected(tmp_path):
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    private.chmod(0o700)
    assert not _traversable_by(private / "stack" / "elasticsearch", "nobody")
    open_dir = tmp_path / "open"
    open_dir.mkdir()
    open_dir.chmod(0o755)
    tmp_path.chmod(0o755)
    assert _traversable_by(open_dir / "stack" / "elasticsearch", "nobody") == all(
        p.stat().st_mode & 0o001 for p in tmp_path.parents
    )


def test_down_purge_deletes_the_data_and_keeps_the_downloads(free_port, tmp_path):
    stack = LocalStack(
        StackSettings(home=tmp_path, kafka_port=free_port(), kafka_controller_port=free_port(), es_port=free_port())
    )
    for folder in (stack.kafka.data_dir, stack.elasticsearch.data_dir, tmp_path / "downloads"):
        folder.mkdir(parents=True)
        (folder / "f").write_text("x")
    assert stack.down() == []  # nothing running; data kept without --purge
    assert stack.kafka.data_dir.exists() and stack.elasticsearch.data_dir.exists()
    stack.down(purge=True)
    assert not stack.kafka.data_dir.exists() and not stack.elasticsearch.data_dir.exists()
    assert (tmp_path / "downloads" / "f").exists()


def test_a_kafka_cluster_id_never_starts_with_a_dash(monkeypatch):
    # the storage tool reads an id that starts with "-" as an option and refuses to format (1 format in 64)
    import base64
    import uuid

    from contraflow.stack import kafka

    dash_first = uuid.UUID(bytes=base64.urlsafe_b64decode("-" + "A" * 21 + "=="))
    draws = iter([dash_first, uuid.UUID(int=1)])
    monkeypatch.setattr(kafka.uuid, "uuid4", lambda: next(draws))
    cluster_id = kafka.new_cluster_id()
    assert cluster_id == base64.urlsafe_b64encode(uuid.UUID(int=1).bytes).decode().rstrip("=")
    assert len(cluster_id) == 22 and not cluster_id.startswith("-")
