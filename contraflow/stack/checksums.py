"""Pinned checksums of everything the local stack downloads with Maven, checked before anything is used.

``contraflow/assets/stack/checksums.json`` holds, per service and version (``kafka-3.9.1``,
``elasticsearch-8.19.7``), the SHA-512 of every file Maven copies: the Kafka jars with their dependencies, the
Elasticsearch zip. A file whose digest differs, or that has no pin, is deleted and the stack refuses to start with
a :class:`~contraflow.errors.StackError` naming it. Maven itself only compares with the checksum files served next
to the artifact (or nothing: Central publishes none for the Elasticsearch integ-test-zip), so a changed mirror or
cache would otherwise go unnoticed.

The pins are written by ``python -m contraflow.stack.checksums STACK_HOME`` after ``contraflow stack up`` fetched
new versions: for each file it fetches Maven Central's published ``.sha512`` (else ``.sha1``), refuses a file
that does not match it, and records the file's SHA-512 with what it was checked against.
"""

from __future__ import annotations

import hashlib
import json
import sys
import urllib.error
import urllib.request
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..assets import asset
from ..errors import StackError

__all__ = ["CENTRAL", "file_sha512", "load_checksums", "pin", "verify_downloads"]

CENTRAL = "https://repo.maven.apache.org/maven2"


def file_sha512(path: Path) -> str:
    """Hex SHA-512 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha512()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def load_checksums(path: Path | None = None) -> dict[str, dict[str, dict[str, str]]]:
    """``{"kafka-3.9.1": {"kafka_2.13-3.9.1.jar": {"sha512": ..., "checked_against": ...}}}``."""
    source = path or asset("stack", "checksums.json")
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StackError(f"cannot read the pinned checksums from {source}: {exc}; is contraflow whole?") from exc
    return {key: value for key, value in data.items() if not key.startswith("_")}


def verify_downloads(service: str, version: str, files: Iterable[Path]) -> int:
    """Check each file against its pin; delete every file that fails and raise :class:`StackError`.

    Returns how many files were checked.
    """
    key = f"{service}-{version}"
    pins = load_checksums().get(key)
    if pins is None:
        raise StackError(
            f"no pinned checksums for {key} in contraflow/assets/stack/checksums.json: after changing a version, "
            "fetch it and pin it (python -m contraflow.stack.checksums STACK_HOME, see docs/security.md)"
        )
    bad: list[str] = []
    checked = 0
    for path in sorted(files):
        pin_ = pins.get(path.name)
        if pin_ is None:
            bad.append(f"{path.name} (not pinned)")
        else:
            actual = file_sha512(path)
            checked += 1
            if actual == pin_["sha512"]:
                continue
            bad.append(f"{path.name} (sha512 {actual[:16]}..., pinned {pin_['sha512'][:16]}...)")
        path.unlink(missing_ok=True)  # never leave an unverified file where the next start would use it
    if bad:
        raise StackError(
            f"{key}: {len(bad)} downloaded file(s) failed the pinned checksums and were deleted: {', '.join(bad)}. "
            "A mirror or cache served something else than Maven Central did when they were pinned: clear Maven's "
            "cache of them (~/.m2/repository) and run `contraflow stack up` again"
        )
    return checked


def _published(url: str) -> tuple[str, str] | None:
    """The checksum Central publishes beside ``url``: ``("sha512", hex)``, else ``("sha1", hex)``, else None."""
    for algorithm in ("sha512", "sha1"):
        try:
            with urllib.request.urlopen(f"{url}.{algorithm}", timeout=30) as resp:
                return algorithm, resp.read().decode().split()[0].strip().lower()
        except urllib.error.HTTPError as exc:
            if exc.code != 404:
                raise
    return None


def _central_path(name: str, m2: Path) -> str:
    """The file's path under Central, found through Maven's local repository (which mirrors Central's layout)."""
    matches = [p for p in m2.rglob(name) if p.is_file()]
    if len(matches) != 1:
        raise StackError(f"{name}: expected one copy in {m2}, found {len(matches)}")
    return matches[0].relative_to(m2).as_posix()


def pin(service: str, version: str, files: Iterable[Path], m2: Path) -> dict[str, dict[str, str]]:
    """Pins for ``files``, each checked against Central's published checksum when there is one."""
    pins: dict[str, dict[str, str]] = {}
    for path in sorted(files):
        published = _published(f"{CENTRAL}/{_central_path(path.name, m2)}")
        sha512 = file_sha512(path)
        if published is None:
            source = "none published on Maven Central (pinned as first downloaded)"
        else:
            algorithm, expected = published
            actual = sha512 if algorithm == "sha512" else hashlib.sha1(path.read_bytes()).hexdigest()
            if actual != expected:
                raise StackError(f"{path}: {algorithm} {actual} differs from Maven Central's {expected}")
            source = f"Maven Central .{algorithm}"
        pins[path.name] = {"sha512": sha512, "checked_against": source}
    return pins


def _main(argv: list[str]) -> int:
    from .versions import load_versions

    if len(argv) != 1:
        print("usage: python -m contraflow.stack.checksums STACK_HOME  (after `contraflow stack up`)", file=sys.stderr)
        return 2
    home, versions = Path(argv[0]), load_versions()
    m2 = Path.home() / ".m2" / "repository"
    target = Path(__file__).resolve().parents[1] / "assets" / "stack" / "checksums.json"
    old: dict[str, Any] = json.loads(target.read_text()) if target.exists() else {}
    data = {key: value for key, value in old.items() if key.startswith("_")}  # the comment; old versions go
    libs = home / "kafka" / f"kafka_{versions.scala}-{versions.kafka}" / "libs"
    zip_path = home / "downloads" / f"elasticsearch-{versions.elasticsearch}.zip"
    data[f"kafka-{versions.kafka}"] = pin("kafka", versions.kafka, (p for p in libs.iterdir() if p.is_file()), m2)
    data[f"elasticsearch-{versions.elasticsearch}"] = pin("elasticsearch", versions.elasticsearch, [zip_path], m2)
    target.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
    print(f"wrote {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
