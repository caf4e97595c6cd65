"""requirements-dev.lock / requirements.lock: every dependency of pyproject.toml pinned, with hashes.

The Makefile installs the venv from requirements-dev.lock with ``--require-hashes`` (the Dockerfile the runtime
subset, requirements.lock), so a dependency added to pyproject.toml without ``make lock`` would be missing
there: these tests say so, and what to run.
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict

import pytest
from deploy_helpers import REPO
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

DEV_LOCK = REPO / "requirements-dev.lock"
RUNTIME_LOCK = REPO / "requirements.lock"
HINT = "run `make lock` (it keeps the other pins) and commit requirements-dev.lock and requirements.lock"
# A pinned line: `name==version \` or `name==version ; marker \`, then its --hash lines.
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def _pins(path) -> dict[str, list[tuple[str, str | None, list[str]]]]:
    """name -> [(version, marker, hashes)] (a universal lock may pin a name twice, under exclusive markers)."""
    pins: dict[str, list[tuple[str, str | None, list[str]]]] = defaultdict(list)
    current: list[str] | None = None
    for line in path.read_text().splitlines():
        match = PIN.match(line)
        if match:
            name, version, marker = match.groups()
            current = []
            pins[canonicalize_name(name)].append((version, marker, current))
        elif line.strip().startswith("--hash=") and current is not None:
            current.append(line.strip().removeprefix("--hash=").rstrip(" \\"))
        elif not line.startswith(" "):
            current = None
    return pins


def _pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text())


def _requirements(extra: str | None = None) -> list[Requirement]:
    project = _pyproject()["project"]
    lines = project["optional-dependencies"][extra] if extra else project["dependencies"]
    return [Requirement(line) for line in lines]


def _check_covered(requirements: list[Requirement], lock) -> list[str]:
    pins = _pins(lock)
    problems = []
    for req in requirements:
        if req.marker is not None and not req.marker.evaluate(default_environment()):
            continue
        name = canonicalize_name(req.name)
        if name not in pins:
            problems.append(f"{req.name} ({req}) is in pyproject.toml but not in {lock.name}")
        elif not any(req.specifier.contains(version, prereleases=True) for version, _, _ in pins[name]):
            versions = ", ".join(v for v, _, _ in pins[name])
            problems.append(f"{lock.name} pins {req.name}=={versions}, outside pyproject.toml's {req}")
    return problems


@pytest.mark.parametrize(
    ("lock", "extras"), [(DEV_LOCK, [None, "dev"]), (RUNTIME_LOCK, [None])], ids=["dev-lock", "runtime-lock"]
)
def test_lock_covers_pyproject_dependencies(lock, extras) -> None:
    assert lock.is_file(), f"{lock.name} is missing: {HINT}"
    problems = [p for extra in extras for p in _check_covered(_requirements(extra), lock)]
    assert not problems, "; ".join(problems) + f": {HINT}"


def test_build_tools_are_locked_too() -> None:
    # `pip install --no-build-isolation -e .` builds with what the lock installed, so nothing unpinned is fetched.
    pins = _pins(DEV_LOCK)
    for req in _pyproject()["build-system"]["requires"]:
        requirement = Requirement(req)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"build requirement {req} is not in {DEV_LOCK.name}: {HINT}"
        assert any(requirement.specifier.contains(v) for v, _, _ in pins[name]), f"{req}: {HINT}"


@pytest.mark.parametrize("lock", [DEV_LOCK, RUNTIME_LOCK], ids=["dev-lock", "runtime-lock"])
def test_every_pin_has_sha256_hashes(lock) -> None:
    pins = _pins(lock)
    assert len(pins) > 20, f"{lock.name} looks empty or unparsed"
    for name, entries in pins.items():
        for version, _, hashes in entries:
            assert hashes, f"{name}=={version} has no --hash in {lock.name}: {HINT}"
            assert all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes), (name, hashes)


def test_runtime_lock_agrees_with_the_dev_lock() -> None:
    dev, runtime = _pins(DEV_LOCK), _pins(RUNTIME_LOCK)
    for name, entries in runtime.items():
        assert name in dev, f"{name} is in {RUNTIME_LOCK.name} only: {HINT}"
        assert {v for v, _, _ in entries} <= {v for v, _, _ in dev[name]}, f"{name} differs between the locks: {HINT}"


def test_locks_cover_every_platform() -> None:
    # Universal locks: a wheel for Linux, macOS and Windows of a compiled dependency (the hashes of each file).
    text = DEV_LOCK.read_text()
    assert "make lock" in text.splitlines()[1], "the header should name the command that refreshes the lock"
    numpy_hashes = len(_pins(DEV_LOCK)["numpy"][0][2])
    assert numpy_hashes > 10, f"numpy has {numpy_hashes} hashes: only one platform's wheels were locked?"


def test_installs_use_the_locks_with_hashes() -> None:
    makefile = (REPO / "Makefile").read_text()
    assert "pip install --require-hashes -r requirements-dev.lock" in makefile
    assert "pip install --no-deps --no-build-isolation -e ." in makefile
    assert re.search(r"^lock:", makefile, re.M)
    dockerfile = (REPO / "Dockerfile").read_text()
    assert "pip install --require-hashes -r requirements.lock" in dockerfile
    assert "--no-deps" in dockerfile
