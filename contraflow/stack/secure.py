"""What the secured local stack (``contraflow stack up --secure``) needs besides the services themselves.

Under ``<home>/secure/`` (mode 700), made once and kept across restarts:

- ``ca.pem``: a local certificate authority (generated with ``trustme``); clients trust it through
  ``CONTRAFLOW_KAFKA__CA_FILE`` and ``CONTRAFLOW_ES__CA_FILE``. Its private key is not kept: nothing else is signed.
- ``node.pem`` / ``node-key.pem`` (``node-keystore.pem``: both, for Kafka's PEM key store): the certificate of
  this host (``localhost``, ``127.0.0.1``, ``::1``) that Kafka's SASL_SSL listener and Elasticsearch's HTTPS use.
- ``credentials.json`` (mode 600): the Kafka ``admin`` (inter-broker, super user) and ``contraflow`` (worker)
  SCRAM-SHA-512 passwords, the ``elastic`` bootstrap password, and the passwords of the Elasticsearch users
  ``contraflow-worker`` (may write only ``contraflow-*``) and ``contraflow-reader`` (may only read them).

The Elasticsearch users live in the file realm (``config/users``, ``config/roles.yml``), not API keys: the local
node is the integ-test distribution, which lacks the ``analysis-common`` module that the ``.security`` index (where
API keys are stored) needs. Against a full Elasticsearch, ``CONTRAFLOW_ES__API_KEY`` works the same way.

Client settings go to ``<home>/secure.env`` (worker: Kafka user ``contraflow``, ES user ``contraflow-worker``) and
``<home>/secure-readonly.env`` (search and the web page: ``contraflow-reader``), both mode 600.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import StackError

__all__ = ["ES_USERS", "PASSWORDS", "READ_ROLE", "WORKER_ROLE", "SecureMaterial"]

PASSWORDS = (
    "kafka_admin_password",
    "kafka_worker_password",
    "elastic_password",
    "es_worker_password",
    "es_reader_password",
)

# Roles of the two Elasticsearch users (file realm: config/roles.yml). The worker may create, write, read and manage
# (aliases, mappings, refresh) only contraflow-* indices; index templates are a cluster privilege that Elasticsearch
# cannot narrow to a name pattern.
WORKER_ROLE: dict[str, Any] = {
    "cluster": ["monitor", "manage_index_templates"],
    "indices": [
        {
            "names": ["contraflow-*"],
            "privileges": ["create_index", "write", "read", "view_index_metadata", "manage"],
        }
    ],
}
# Search and the web page only read.
READ_ROLE: dict[str, Any] = {
    "cluster": ["monitor"],
    "indices": [{"names": ["contraflow-*"], "privileges": ["read", "view_index_metadata"]}],
}
# user -> (role name, role, key of its password in credentials.json)
ES_USERS: dict[str, tuple[str, dict[str, Any], str]] = {
    "contraflow-worker": ("contraflow_writer", WORKER_ROLE, "es_worker_password"),
    "contraflow-reader": ("contraflow_reader", READ_ROLE, "es_reader_password"),
}


def _write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path``, readable by its owner only (created so: never briefly world-readable)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
    path.chmod(0o600)


@dataclass
class SecureMaterial:
    """The CA, host certificate and credentials of one secured stack home."""

    root: Path

    @property
    def ca(self) -> Path:
        return self.root / "ca.pem"

    @property
    def cert(self) -> Path:
        return self.root / "node.pem"

    @property
    def key(self) -> Path:
        return self.root / "node-key.pem"

    @property
    def keystore(self) -> Path:
        return self.root / "node-keystore.pem"

    @property
    def credentials_path(self) -> Path:
        return self.root / "credentials.json"

    def ensure(self) -> None:
        """Generate what is missing: the CA and host certificate once, passwords once."""
        self.root.mkdir(parents=True, exist_ok=True)
        self.root.chmod(0o700)
        if not (self.ca.exists() and self.cert.exists() and self.key.exists() and self.keystore.exists()):
            self._certificates()
        creds = self.credentials() if self.credentials_path.exists() else {}
        missing = {name: secrets.token_urlsafe(24) for name in PASSWORDS if name not in creds}
        if missing:
            self.save({**creds, **missing})

    def _certificates(self) -> None:
        try:
            import trustme
            from cryptography.hazmat.primitives import serialization
        except ModuleNotFoundError as exc:  # a dependency of contraflow: only a broken install lacks it
            raise StackError(f"`stack up --secure` needs {exc.name}: pip install trustme") from None
        ca = trustme.CA(organization_name="contraflow local stack", key_type=trustme.KeyType.RSA)
        leaf = ca.issue_cert("localhost", "127.0.0.1", "::1", key_type=trustme.KeyType.RSA)
        # PKCS#8: the one unencrypted form Kafka's PEM key store reads.
        key = serialization.load_pem_private_key(leaf.private_key_pem.bytes(), password=None)
        key_pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ).decode()
        chain = "".join(blob.bytes().decode() for blob in leaf.cert_chain_pems)
        self.ca.write_text(ca.cert_pem.bytes().decode())
        self.ca.chmod(0o644)
        self.cert.write_text(chain)
        self.cert.chmod(0o644)
        _write_private(self.key, key_pem)
        _write_private(self.keystore, key_pem + chain)

    def credentials(self) -> dict[str, Any]:
        """The passwords (raises :class:`StackError` before :meth:`ensure`)."""
        try:
            return json.loads(self.credentials_path.read_text())
        except (OSError, ValueError) as exc:
            raise StackError(
                f"cannot read {self.credentials_path} ({type(exc).__name__}); "
                "`contraflow stack down --purge` and `contraflow stack up --secure` start the secured stack afresh"
            ) from None

    def save(self, creds: dict[str, Any]) -> None:
        _write_private(self.credentials_path, json.dumps(creds, indent=2) + "\n")

    # -- Elasticsearch over HTTPS, as the elastic user -----------------------------------------------
    def context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.ca))

    def elastic_auth(self) -> str:
        token = base64.b64encode(f"elastic:{self.credentials()['elastic_password']}".encode()).decode()
        return f"Basic {token}"

    def write_env(self, home: Path, kafka_bootstrap: str, es_url: str) -> tuple[Path, Path]:
        """Write ``secure.env`` (worker) and ``secure-readonly.env`` (search, web) under ``home``; mode 600."""
        creds = self.credentials()
        es_common = {"CONTRAFLOW_ES__URL": es_url, "CONTRAFLOW_ES__CA_FILE": str(self.ca)}
        reader = {
            "CONTRAFLOW_ES__USERNAME": "contraflow-reader",
            "CONTRAFLOW_ES__PASSWORD": creds["es_reader_password"],
        }
        worker = {
            "CONTRAFLOW_KAFKA__BOOTSTRAP": kafka_bootstrap,
            "CONTRAFLOW_KAFKA__SECURITY_PROTOCOL": "SASL_SSL",
            "CONTRAFLOW_KAFKA__SASL_MECHANISM": "SCRAM-SHA-512",
            "CONTRAFLOW_KAFKA__USERNAME": "contraflow",
            "CONTRAFLOW_KAFKA__PASSWORD": creds["kafka_worker_password"],
            "CONTRAFLOW_KAFKA__CA_FILE": str(self.ca),
            **es_common,
            "CONTRAFLOW_ES__USERNAME": "contraflow-worker",
            "CONTRAFLOW_ES__PASSWORD": creds["es_worker_password"],
        }
        read = {**es_common, **reader}
        header = "# contraflow secured local stack: `set -a; . {}; set +a` points contraflow commands at it.\n"
        out = []
        for name, values in (("secure.env", worker), ("secure-readonly.env", read)):
            path = home / name
            # Values are URL-safe tokens, base64 and paths without spaces: no quoting needed for `.`.
            _write_private(path, header.format(path) + "".join(f"{k}={v}\n" for k, v in values.items()))
            out.append(path)
        return out[0], out[1]
