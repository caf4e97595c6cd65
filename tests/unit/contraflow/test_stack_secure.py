"""The secured stack's material: a CA and host certificate that verify, private files, sourceable client settings."""

from __future__ import annotations

import contextlib
import ssl
import stat

from contraflow.stack.secure import ES_USERS, PASSWORDS, SecureMaterial


def test_material_is_made_once_private_and_the_certificate_verifies_for_this_host(tmp_path):
    material = SecureMaterial(tmp_path / "secure")
    material.ensure()
    first = material.credentials()
    assert set(PASSWORDS) <= set(first) and len(set(first.values())) == len(first)
    for private in (material.root, material.key, material.keystore, material.credentials_path):
        assert stat.S_IMODE(private.stat().st_mode) & 0o077 == 0, private
    material.ensure()
    assert material.credentials() == first  # a restart keeps the passwords the brokers were formatted with

    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(str(material.cert), str(material.key))
    client = ssl.create_default_context(cafile=str(material.ca))
    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
    s_in, s_out = ssl.MemoryBIO(), ssl.MemoryBIO()
    c = client.wrap_bio(incoming, outgoing, server_hostname="localhost")
    s = server.wrap_bio(s_in, s_out, server_side=True)
    for _ in range(10):  # drive the handshake in memory
        for side in (c, s):
            with contextlib.suppress(ssl.SSLWantReadError):
                side.do_handshake()
        s_in.write(outgoing.read())
        incoming.write(s_out.read())
    assert c.getpeercert()["subjectAltName"]


def test_client_settings_files_are_private_and_split_by_role(tmp_path):
    material = SecureMaterial(tmp_path / "secure")
    material.ensure()
    worker, reader = material.write_env(tmp_path, "localhost:1", "https://localhost:2")
    for path in (worker, reader):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    worker_text, reader_text = worker.read_text(), reader.read_text()
    assert "CONTRAFLOW_KAFKA__SECURITY_PROTOCOL=SASL_SSL" in worker_text
    assert "CONTRAFLOW_ES__USERNAME=contraflow-worker" in worker_text
    assert "CONTRAFLOW_ES__USERNAME=contraflow-reader" in reader_text and "KAFKA" not in reader_text
    assert material.credentials()["kafka_admin_password"] not in worker_text + reader_text
    assert ES_USERS["contraflow-reader"][1]["indices"][0]["privileges"] == ["read", "view_index_metadata"]
