"""A second, private stack on free ports: up is idempotent, one service restarts, down leaves nothing running.

Slow (starts its own Kafka and Elasticsearch, ~1 minute); it never touches the shared stack.
"""

from __future__ import annotations

import shutil
import time

import pytest

from contraflow.errors import StackError
from contraflow.settings import StackSettings
from contraflow.stack import LocalStack
from contraflow.stack.process import pids_with, port_in_use

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def private_stack(free_port, tmp_path_factory):
    kafka_port, controller_port, es_port = free_port(), free_port(), free_port()
    cfg = StackSettings(
        home=tmp_path_factory.mktemp("private-stack"),
        kafka_port=kafka_port,
        kafka_controller_port=controller_port,
        es_port=es_port,
        es_heap="384m",
        kafka_heap="256m",
    )
    stack = LocalStack(cfg)
    try:
        yield stack
    finally:
        stack.down(grace_s=10)
        if stack.elasticsearch.relocated:
            shutil.rmtree(stack.elasticsearch.root.parent, ignore_errors=True)


def test_private_stack_lifecycle(private_stack: LocalStack):
    stack = private_stack
    status = stack.up(timeout_s=300)
    assert status.healthy
    by_name = {s.name: s for s in status.services}
    assert by_name["kafka"].version == stack.versions.kafka
    assert by_name["elasticsearch"].detail["running_version"] == stack.versions.elasticsearch
    pids = {name: s.pid for name, s in by_name.items()}
    assert all(pids.values())
    assert stack.kafka_bootstrap == f"localhost:{stack.cfg.kafka_port}"

    # up again: the healthy stack is reused, nothing restarts.
    started = time.monotonic()
    again = stack.up(timeout_s=60)
    assert time.monotonic() - started < 20
    assert {s.name: s.pid for s in again.services} == pids

    # Another stack home on the same ports is refused with a clear error.
    intruder = LocalStack(stack.cfg.model_copy(update={"home": stack.home.parent / "intruder"}))
    with pytest.raises(StackError, match="taken by a process this stack did not start"):
        intruder.up(timeout_s=10)

    # Fault-test helpers: stop one service, the other stays healthy; start it again.
    assert stack.stop_service("elasticsearch", grace_s=20)
    assert not port_in_use(stack.cfg.es_port)
    assert not pids_with(stack.elasticsearch.marker)
    assert stack.kafka.healthy()
    stack.start_service("elasticsearch", timeout_s=240)
    assert stack.elasticsearch.healthy()

    # down: none of our processes is left, the ports are free, the data stays for the next up.
    assert sorted(stack.down(grace_s=20)) == ["elasticsearch", "kafka"]
    assert not pids_with(stack.kafka.marker) and not pids_with(stack.elasticsearch.marker)
    assert not port_in_use(stack.cfg.kafka_port) and not port_in_use(stack.cfg.es_port)
    assert (stack.kafka.data_dir / "meta.properties").exists()
    assert not stack.status(probe_timeout_s=1).healthy
