"""streams.security: the one place Kafka clients get their TLS context and SASL options from."""

from __future__ import annotations

import ssl

import faust
import pytest
import trustme
from pydantic import ValidationError

from streams.errors import KafkaSecurityError
from streams.security import client_options, faust_credentials, ssl_context
from streams.settings import KafkaSettings


@pytest.fixture(scope="module")
def ca_pem(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("ca") / "ca.pem"
    trustme.CA().cert_pem.write_to_path(str(path))
    return str(path)


def test_plaintext_sends_no_credentials_and_no_tls():
    cfg = KafkaSettings()
    assert client_options(cfg) == {"security_protocol": "PLAINTEXT"}
    assert ssl_context(cfg) is None
    assert faust_credentials(cfg) is None


def test_sasl_ssl_gives_every_client_the_same_credentials_and_a_context_trusting_the_ca(ca_pem):
    cfg = KafkaSettings(
        security_protocol="SASL_SSL", username="worker", password="s3cret-pw", ca_file=ca_pem, sasl_mechanism="PLAIN"
    )
    options = client_options(cfg)
    assert options["security_protocol"] == "SASL_SSL"
    assert options["sasl_mechanism"] == "PLAIN"
    assert (options["sasl_plain_username"], options["sasl_plain_password"]) == ("worker", "s3cret-pw")
    context = options["ssl_context"]
    assert context.check_hostname and context.verify_mode == ssl.CERT_REQUIRED
    assert len(context.get_ca_certs()) == 1  # the CA file only, not the system store
    creds = faust_credentials(cfg)
    assert isinstance(creds, faust.SASLCredentials)
    assert creds.protocol.value == "SASL_SSL" and creds.mechanism.value == "PLAIN"
    assert "s3cret-pw" not in repr(creds) and "s3cret-pw" not in repr(cfg)


def test_ssl_without_sasl_is_faust_ssl_credentials(ca_pem):
    cfg = KafkaSettings(security_protocol="SSL", ca_file=ca_pem, check_hostname=False)
    creds = faust_credentials(cfg)
    assert isinstance(creds, faust.SSLCredentials)
    assert client_options(cfg)["ssl_context"].check_hostname is False
    assert "sasl_plain_username" not in client_options(cfg)


def test_a_missing_ca_file_names_the_setting(tmp_path):
    cfg = KafkaSettings(security_protocol="SSL", ca_file=tmp_path / "nope.pem")
    with pytest.raises(KafkaSecurityError, match="CONTRAFLOW_KAFKA__CA_FILE"):
        client_options(cfg)


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [
        ({"username": "u"}, "needs its password"),
        ({"password": "p"}, "needs its password"),
        ({"security_protocol": "SASL_SSL"}, "needs CONTRAFLOW_KAFKA__USERNAME"),
        ({"username": "u", "password": "p"}, "sends no credentials"),
        ({"ca_file": "/ca.pem"}, "TLS files are set"),
        ({"security_protocol": "SSL", "cert_file": "/c.pem"}, "needs its key"),
        ({"security_protocol": "SASL_SSL", "sasl_mechanism": "GSSAPI", "username": "u", "password": "p"}, "PLAIN"),
    ],
)
def test_inconsistent_settings_are_clear_errors(kwargs, needle):
    with pytest.raises(ValidationError, match=needle):
        KafkaSettings(**kwargs)
