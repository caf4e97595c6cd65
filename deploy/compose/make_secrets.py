"""Write the files docker-compose.secure.yml reads: random passwords, a CA and TLS certificates, Kafka's JAAS.

    .venv/bin/python deploy/compose/make_secrets.py [DIR]     # default ./secrets (git-ignored); refuses to overwrite

For a trial of the secured profile. In production, put your own PKI's CA and certificates under the same names
(the host names are ``kafka``, ``elasticsearch`` and ``localhost``) and your secret store's passwords in the
password files: nothing else in the profile changes. docs/security.md lists every file.
"""

from __future__ import annotations

import secrets
import sys
from pathlib import Path

import trustme
from cryptography.hazmat.primitives import serialization

# The password files, one secret each (no newline, URL- and JSON-safe).
PASSWORDS = (
    "elastic_password",  # Elasticsearch's `elastic` superuser: the setup job and the user-creating job only
    "kibana_system_password",  # Kibana's own connection to Elasticsearch
    "es_worker_password",  # contraflow_worker: writes contraflow-* only
    "es_web_password",  # contraflow_web: reads contraflow-* only
    "kafka_admin_password",  # the broker's own (inter-broker) SASL user
    "kafka_contraflow_password",  # the SASL user of every contraflow client
    "web_password",  # basic auth of `contraflow web` (user `analyst`)
    "grafana_admin_password",  # Grafana's admin; there is no default
)
HOSTS = ("kafka", "elasticsearch", "localhost", "127.0.0.1")


def _pkcs8(key_pem: bytes) -> bytes:
    # Kafka's PEM key store reads PKCS#8 keys only.
    key = serialization.load_pem_private_key(key_pem, password=None)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def make_secrets(out: Path) -> list[Path]:
    """Create every file in ``out`` (a new or empty folder, mode 0700). Returns the files written."""
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"{out} is not empty: secrets are never overwritten (move it away to start again)")
    out.mkdir(mode=0o700, parents=True, exist_ok=True)
    out.chmod(0o700)
    values = {name: secrets.token_urlsafe(24) for name in PASSWORDS}
    ca = trustme.CA(key_type=trustme.KeyType.RSA, organization_name="contraflow compose CA")
    leaf = ca.issue_cert(*HOSTS, key_type=trustme.KeyType.RSA)
    key = _pkcs8(leaf.private_key_pem.bytes())
    chain = b"".join(blob.bytes() for blob in leaf.cert_chain_pems)
    files = {
        **{name: value.encode() for name, value in values.items()},
        "ca.pem": ca.cert_pem.bytes(),
        "tls.crt": chain,
        "tls.key": key,
        # Kafka's key store: the key, then the certificate chain.
        "kafka_keystore.pem": key + chain,
        "kafka_jaas.conf": (
            "KafkaServer {\n"
            "  org.apache.kafka.common.security.plain.PlainLoginModule required\n"
            f'  username="admin" password="{values["kafka_admin_password"]}"\n'
            f'  user_admin="{values["kafka_admin_password"]}"\n'
            f'  user_contraflow="{values["kafka_contraflow_password"]}";\n'
            "};\n"
        ).encode(),
        # For the broker's health check (kafka-broker-api-versions.sh --command-config).
        "kafka_admin.properties": (
            "security.protocol=SASL_SSL\n"
            "sasl.mechanism=PLAIN\n"
            "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required "
            f'username="admin" password="{values["kafka_admin_password"]}";\n'
            "ssl.truststore.type=PEM\n"
            "ssl.truststore.location=/run/secrets/ca.pem\n"
        ).encode(),
    }
    written = []
    for name, data in files.items():
        path = out / name
        path.write_bytes(data)
        # Readable inside the containers (their users are not root); the 0700 folder keeps other host users out.
        path.chmod(0o644)
        written.append(path)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "secrets")
    for path in make_secrets(target):
        print(path)
