"""Elasticsearch for the local stack: the integ-test-zip server from Maven Central on Java 17.

The zip is the real server with the transport and x-pack security modules only (no rest-root, so
``GET /`` does not answer: health is probed on ``/_cluster/health``). Security is off, the node is
single-node on loopback with an explicit heap.

Elasticsearch refuses to run as root. As root the stack creates an unprivileged system user
(``StackSettings.es_user``) and runs the node as that user. That user must be able to traverse every
parent folder of the install, data and logs; when the stack home does not allow it (a clone under
``/root``, mode 700), the Elasticsearch part lives in ``/var/tmp/contraflow-stack/<hash of home>/``
instead, and ``status`` says where.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pwd
import shutil
import ssl
import stat
import subprocess
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

from ..assets import copy_asset
from ..errors import StackError
from ..settings import StackSettings
from .checksums import verify_downloads
from .process import progress, run_step
from .secure import ES_USERS, SecureMaterial
from .versions import StackVersions

__all__ = ["ElasticsearchService", "SHARED_ROOT"]

log = logging.getLogger(__name__)

# Root-created fallback for the Elasticsearch files when the stack home is not reachable by the ES user.
SHARED_ROOT = Path("/var/tmp/contraflow-stack")


class ElasticsearchService:
    """The local single Elasticsearch node."""

    name = "elasticsearch"

    def __init__(
        self, cfg: StackSettings, home: Path, versions: StackVersions, node_settings: dict[str, object] | None = None
    ) -> None:
        self.cfg = cfg
        # Extra elasticsearch.yml settings (static node settings, e.g. a tiny write queue for a 429 test).
        self.node_settings = dict(node_settings or {})
        self.home = home
        self.version = versions.elasticsearch
        self.port = cfg.es_port
        self.downloads = home / "downloads"
        self.log_path = home / "logs" / "elasticsearch.log"
        self.pid_path = home / "run" / "elasticsearch.pid"
        self.user = cfg.es_user if os.geteuid() == 0 else None
        self.root = self._choose_root()
        self.install_dir = self.root / f"elasticsearch-{self.version}"
        self.config_dir = self.root / "config"
        self.data_dir = self.root / "data"
        self.logs_dir = self.root / "logs"
        self.tmp_dir = self.root / "tmp"
        self.secure: SecureMaterial | None = None

    def use_secure(self, material: SecureMaterial) -> None:
        """Run with security on and HTTPS; its own data folder (users and API keys live in its indices)."""
        self.secure = material
        self.data_dir = self.root / "data-secure"

    # -- where ---------------------------------------------------------------------------------------
    def _choose_root(self) -> Path:
        preferred = self.home / "elasticsearch"
        if self.user is None or _traversable_by(preferred, self.user):
            return preferred
        digest = hashlib.sha1(str(self.home).encode()).hexdigest()[:12]
        return SHARED_ROOT / digest / "elasticsearch"

    @property
    def relocated(self) -> bool:
        """Whether the ES files live outside the stack home (see module docstring)."""
        return self.root != self.home / "elasticsearch"

    @property
    def marker(self) -> str:
        """A string only our node's command lines contain (its install path)."""
        return str(self.install_dir)

    @property
    def url(self) -> str:
        """The node's HTTP URL (https when secured)."""
        return f"{'https' if self.secure is not None else 'http'}://localhost:{self.port}"

    # -- install -------------------------------------------------------------------------------------
    def install(self, java_home: Path, mvn_log: Path) -> None:
        """Fetch the zip with Maven and unpack it once; as root, hand the files to the ES user."""
        done = self.install_dir / ".complete"
        if self.user is not None:
            self._ensure_user()
        if not done.exists():
            zip_path = self.downloads / f"elasticsearch-{self.version}.zip"
            if not zip_path.exists():
                progress(f"fetching Elasticsearch {self.version} (integ-test-zip) with Maven into {self.downloads} ...")
                self.downloads.mkdir(parents=True, exist_ok=True)
                run_step(
                    [
                        "mvn",
                        "-B",
                        "-ntp",
                        "-f",
                        str(copy_asset(self.downloads, "stack", "elasticsearch-pom.xml")),
                        f"-Delasticsearch.version={self.version}",
                        "dependency:copy-dependencies",
                        f"-DoutputDirectory={self.downloads}",
                    ],
                    what=f"downloading Elasticsearch {self.version} with Maven",
                    log_path=mvn_log,
                    hint="is Maven installed (apt-get install maven) and Maven Central reachable?",
                    timeout_s=1200,
                )
                if not zip_path.exists():
                    raise StackError(f"Maven finished but {zip_path} is missing; see {mvn_log}")
            # Also a zip fetched by an earlier run: nothing is unpacked before it matches its pin.
            verify_downloads("elasticsearch", self.version, [zip_path])
            progress(f"unpacking Elasticsearch {self.version} into {self.root} ...")
            self._prepare_root()
            if self.install_dir.exists():
                shutil.rmtree(self.install_dir)
            _unzip(zip_path, self.root)
            done.write_text(self.version + "\n")
        self._prepare_root()
        if not (self.config_dir / "jvm.options").exists():
            shutil.copytree(self.install_dir / "config", self.config_dir, dirs_exist_ok=True)
        for folder in (self.data_dir, self.logs_dir, self.tmp_dir):
            folder.mkdir(parents=True, exist_ok=True)
        if self.user is not None:
            _chown_tree(self.root, self.user)

    def _prepare_root(self) -> None:
        if self.relocated:
            # /var/tmp is world-writable with the sticky bit; our folder is root's and readable by all.
            SHARED_ROOT.mkdir(mode=0o755, parents=True, exist_ok=True)
            SHARED_ROOT.chmod(0o755)
            self.root.parent.mkdir(mode=0o755, exist_ok=True)
            (self.root.parent / "STACK_HOME").write_text(f"{self.home}\n")
        self.root.mkdir(parents=True, exist_ok=True)

    def _ensure_user(self) -> None:
        assert self.user is not None
        try:
            pwd.getpwnam(self.user)
            return
        except KeyError:
            pass
        progress(f"creating system user {self.user!r} to run Elasticsearch (it refuses to run as root) ...")
        result = subprocess.run(
            ["useradd", "--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", self.user],
            capture_output=True,
            text=True,
        )
        # 9 = the user exists already (another stack created it meanwhile).
        if result.returncode not in (0, 9):
            raise StackError(
                f"cannot create user {self.user!r} for Elasticsearch: {result.stderr.strip()}; "
                "create it yourself or set CONTRAFLOW_STACK__ES_USER to an existing unprivileged user"
            )

    def configure(self) -> None:
        """Write elasticsearch.yml (every start, so port changes apply)."""
        settings = {
            "cluster.name": "contraflow-local",
            "node.name": "contraflow-local-1",
            "path.data": str(self.data_dir),
            "path.logs": str(self.logs_dir),
            "network.host": "127.0.0.1",
            "http.port": self.port,
            "discovery.type": "single-node",
            "xpack.security.enabled": False,
            # A nearly full developer disk must not turn the local node read-only.
            "cluster.routing.allocation.disk.threshold_enabled": False,
            # Tests clean up their own indices with wildcards.
            "action.destructive_requires_name": False,
            **self.node_settings,
        }
        if self.secure is not None:
            certs = self.config_dir / "certs"
            certs.mkdir(exist_ok=True)
            # Elasticsearch reads TLS files from its config folder only.
            copies = ((self.secure.ca, "ca.pem"), (self.secure.cert, "node.pem"), (self.secure.key, "node.key"))
            for source, name in copies:
                shutil.copyfile(source, certs / name)
            (certs / "node.key").chmod(0o600)
            settings.update(
                {
                    "xpack.security.enabled": True,
                    "xpack.security.http.ssl.enabled": True,
                    "xpack.security.http.ssl.certificate": "certs/node.pem",
                    "xpack.security.http.ssl.key": "certs/node.key",
                    "xpack.security.http.ssl.certificate_authorities": "certs/ca.pem",
                    # One node bound to loopback: no transport traffic leaves the host.
                    "xpack.security.transport.ssl.enabled": False,
                }
            )
        text = "".join(f"{k}: {json.dumps(v)}\n" for k, v in settings.items())
        (self.config_dir / "elasticsearch.yml").write_text(text)
        if self.user is not None:
            _chown_tree(self.config_dir, self.user)

    def prepare_security(self, java_home: Path) -> None:
        """Secured mode, each start: the ``elastic`` bootstrap password in the keystore, the roles, and the
        ``contraflow-worker`` / ``contraflow-reader`` users of the file realm (see ``secure.py``)."""
        assert self.secure is not None
        creds = self.secure.credentials()
        (self.config_dir / "roles.yml").write_text(_roles_yaml())
        # The password goes through stdin, never argv; the tool runs as the node's user so the node can read it.
        self._tool(
            "elasticsearch-keystore", ["add", "-x", "-f", "bootstrap.password"], java_home, creds["elastic_password"]
        )
        known = self._tool("elasticsearch-users", ["list"], java_home)
        for user, (role, _, password_key) in ES_USERS.items():
            if f"{user} " in known or known.startswith(f"{user}:") or f"\n{user}" in known:
                self._tool("elasticsearch-users", ["userdel", user], java_home)
            # elasticsearch-users takes the password only as an argument (or from a terminal): a local, short-lived
            # process; it is never logged.
            self._tool("elasticsearch-users", ["useradd", user, "-p", creds[password_key], "-r", role], java_home)
        if self.user is not None:
            _chown_tree(self.config_dir, self.user)

    def _tool(self, name: str, args: list[str], java_home: Path, stdin: str | None = None) -> str:
        result = subprocess.run(
            [str(self.install_dir / "bin" / name), *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=self.environment(java_home),
            user=self.user,
            group=self.user,
            extra_groups=[] if self.user else None,
            timeout=120,
        )
        if result.returncode != 0:
            # The tools' output names files and users, never the passwords they were given.
            raise StackError(f"{name} {args[0]} failed (exit {result.returncode}): {result.stderr.strip()[-300:]}")
        return result.stdout

    def command(self) -> list[str]:
        """The argv of the node (run in the foreground; the stack keeps it in the background)."""
        return [str(self.install_dir / "bin" / "elasticsearch")]

    def environment(self, java_home: Path) -> dict[str, str]:
        """The environment the node runs with."""
        return {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": "C.UTF-8",
            "HOME": str(self.root),
            "ES_JAVA_HOME": str(java_home),
            "ES_PATH_CONF": str(self.config_dir),
            "ES_TMPDIR": str(self.tmp_dir),
            "ES_JAVA_OPTS": f"-Xms{self.cfg.es_heap} -Xmx{self.cfg.es_heap}",
        }

    # -- health --------------------------------------------------------------------------------------
    def healthy(self, timeout_s: float = 5.0) -> bool:
        """Whether the cluster is at least yellow."""
        health = self.health(timeout_s)
        return health is not None and health.get("status") in ("yellow", "green")

    def health(self, timeout_s: float = 5.0) -> dict | None:
        """``/_cluster/health`` waiting up to ``timeout_s`` for yellow, or ``None`` when it does not answer."""
        wait = max(1, int(timeout_s) - 1)
        return _get_json(
            f"{self.url}/_cluster/health?wait_for_status=yellow&timeout={wait}s", timeout_s + 2, self.secure
        )

    def running_version(self) -> str | None:
        """The version the node reports, or ``None``."""
        data = _get_json(f"{self.url}/_nodes/_local?filter_path=nodes.*.version", 5, self.secure)
        if not data:
            return None
        versions = [node.get("version") for node in data.get("nodes", {}).values()]
        return versions[0] if versions else None


def _roles_yaml() -> str:
    """roles.yml in block style: Elasticsearch splits the file into one block per role (JSON is refused)."""
    lines = []
    for role, body, _ in ES_USERS.values():
        lines += [f"{role}:", f"  cluster: {json.dumps(body['cluster'])}", "  indices:"]
        for entry in body["indices"]:
            lines += [
                f"    - names: {json.dumps(entry['names'])}",
                f"      privileges: {json.dumps(entry['privileges'])}",
            ]
    return "\n".join(lines) + "\n"


def _get_json(url: str, timeout_s: float, secure: SecureMaterial | None = None) -> dict | None:
    request = urllib.request.Request(url)
    context = None
    try:
        if secure is not None:  # as the elastic user, trusting only the stack's CA
            request.add_header("Authorization", secure.elastic_auth())
            context = secure.context()
    except (StackError, OSError, ssl.SSLError):
        return None
    try:
        with urllib.request.urlopen(request, timeout=timeout_s, context=context) as response:  # local http URL
            return json.loads(response.read().decode())
    except urllib.error.HTTPError as exc:
        # 408 = health did not reach yellow in time; the body still says how it is.
        try:
            return json.loads(exc.read().decode())
        except ValueError:
            return None
    except (OSError, ValueError):
        return None


def _traversable_by(path: Path, user: str) -> bool:
    """Whether ``user`` may enter every existing folder on the way to ``path``."""
    entry = pwd.getpwnam(user) if _user_exists(user) else None
    uid = entry.pw_uid if entry else -1
    gids = set(os.getgrouplist(user, entry.pw_gid)) if entry else set()
    for folder in [path, *path.parents]:
        try:
            st = folder.stat()
        except FileNotFoundError:
            continue  # created later by root with mode 755
        if st.st_uid == uid:
            needed = stat.S_IXUSR
        elif st.st_gid in gids:
            needed = stat.S_IXGRP
        else:
            needed = stat.S_IXOTH
        if not st.st_mode & needed:
            return False
    return True


def _user_exists(user: str) -> bool:
    try:
        pwd.getpwnam(user)
        return True
    except KeyError:
        return False


def _chown_tree(root: Path, user: str) -> None:
    entry = pwd.getpwnam(user)
    uid, gid = entry.pw_uid, entry.pw_gid
    os.chown(root, uid, gid)
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            st = os.lstat(path)
            if st.st_uid != uid or st.st_gid != gid:
                os.lchown(path, uid, gid)


def _unzip(zip_path: Path, target: Path) -> None:
    """Unpack keeping the executable bits (zipfile alone drops them)."""
    try:
        with zipfile.ZipFile(zip_path) as archive:
            for info in archive.infolist():
                extracted = Path(archive.extract(info, target))
                mode = (info.external_attr >> 16) & 0o777
                if mode:
                    extracted.chmod(mode)
    except (OSError, zipfile.BadZipFile) as exc:
        raise StackError(f"cannot unpack {zip_path}: {exc}; delete it and run `contraflow stack up` again") from exc
