"""The local stack's Maven downloads are checked against the pinned checksums (a real Maven fetch of Kafka).

No stack is started: Kafka is installed into a private home (Maven's cache makes it quick after the first run),
one jar is tampered with, and the next install refuses it, deletes it, and a later install fetches it again.
"""

from __future__ import annotations

import shutil

import pytest

from contraflow.errors import StackError
from contraflow.settings import StackSettings
from contraflow.stack import load_versions
from contraflow.stack.kafka import KafkaService
from contraflow.stack.process import find_java

pytestmark = pytest.mark.timeout(600)


def test_a_tampered_kafka_jar_is_refused_deleted_and_fetched_again(tmp_path):
    if shutil.which("mvn") is None:
        pytest.fail("mvn not found: run deploy/ci/system-deps.sh (as root)")
    java_home = find_java(None)
    versions = load_versions()
    kafka = KafkaService(StackSettings(home=tmp_path), tmp_path, versions)
    mvn_log = tmp_path / "mvn.log"
    kafka.install(java_home, mvn_log)
    done = kafka.install_dir / ".complete"
    assert done.exists()

    jar = kafka.libs / f"kafka-clients-{versions.kafka}.jar"
    with jar.open("ab") as fh:
        fh.write(b"\0")  # one byte more: a different file to its pin
    done.unlink()  # as if the first install had not finished
    with pytest.raises(StackError) as info:
        kafka.install(java_home, mvn_log)
    assert jar.name in str(info.value) and "deleted" in str(info.value)
    assert not jar.exists() and not done.exists()

    kafka.install(java_home, mvn_log)  # Maven copies a good jar again
    assert jar.exists() and done.exists()
