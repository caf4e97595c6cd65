"""Security settings: secrets from files, clear errors that never echo a secret, masked URLs (issue #19)."""

from __future__ import annotations

import json

import pytest

from contraflow.errors import ConfigError, ElasticsearchSecurityError, exit_code
from contraflow.settings import load_settings
from indexers.client import make_client
from indexers.settings import ElasticsearchSettings, masked_url


def test_secrets_come_from_files_the_docker_secrets_way(monkeypatch, tmp_path):
    (tmp_path / "kafka").write_text("kafka-pw-from-file\n")
    (tmp_path / "key").write_text("api-key-from-file")
    monkeypatch.setenv("CONTRAFLOW_KAFKA__SECURITY_PROTOCOL", "SASL_SSL")
    monkeypatch.setenv("CONTRAFLOW_KAFKA__USERNAME", "worker")
    monkeypatch.setenv("CONTRAFLOW_KAFKA__PASSWORD_FILE", str(tmp_path / "kafka"))
    monkeypatch.setenv("CONTRAFLOW_ES__API_KEY_FILE", str(tmp_path / "key"))
    settings = load_settings(es={"index_prefix": "flag-wins"})
    assert settings.kafka.password is not None and settings.kafka.password.get_secret_value() == "kafka-pw-from-file"
    assert settings.es.api_key is not None and settings.es.api_key.get_secret_value() == "api-key-from-file"
    assert settings.es.index_prefix == "flag-wins"
    dumped = json.dumps(settings.safe_dict())
    assert "from-file" not in dumped and "from-file" not in repr(settings)


def test_a_secret_and_its_file_together_or_an_unreadable_file_are_config_errors(monkeypatch, tmp_path):
    monkeypatch.setenv("CONTRAFLOW_ES__API_KEY_FILE", str(tmp_path / "missing"))
    with pytest.raises(ConfigError, match="CONTRAFLOW_ES__API_KEY_FILE"):
        load_settings()
    (tmp_path / "missing").write_text("k")
    monkeypatch.setenv("CONTRAFLOW_ES__API_KEY", "k2")
    with pytest.raises(ConfigError, match="both CONTRAFLOW_ES__API_KEY and CONTRAFLOW_ES__API_KEY_FILE are set"):
        load_settings()


def test_a_username_without_password_is_a_one_line_config_error_that_never_shows_a_secret(monkeypatch):
    monkeypatch.setenv("CONTRAFLOW_ES__USERNAME", "elastic")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert "CONTRAFLOW_ES__PASSWORD" in str(caught.value) and "\n" not in str(caught.value)
    assert exit_code(caught.value) == 2
    monkeypatch.delenv("CONTRAFLOW_ES__USERNAME")
    monkeypatch.setenv("CONTRAFLOW_KAFKA__PASSWORD", "do-not-echo-me")
    with pytest.raises(ConfigError, match="CONTRAFLOW_KAFKA__USERNAME") as caught:
        load_settings()
    assert "do-not-echo-me" not in str(caught.value)


@pytest.mark.parametrize(
    ("url", "masked"),
    [
        ("https://elastic:pa55@es.internal:9200/", "https://elastic:***@es.internal:9200/"),
        ("http://user:p%40ss@localhost:9200", "http://user:***@localhost:9200"),
        ("https://es.internal:9200", "https://es.internal:9200"),
        ("http://[::1]:9200", "http://[::1]:9200"),
        ("http://u:p@[::1]:9200", "http://u:***@[::1]:9200"),
    ],
)
def test_a_password_in_the_elasticsearch_url_is_masked(url, masked):
    assert masked_url(url) == masked
    assert ElasticsearchSettings(url=url).safe_url == masked


def test_safe_dict_masks_the_url_and_the_api_key(monkeypatch):
    monkeypatch.setenv("CONTRAFLOW_ES__URL", "https://elastic:pa55word@es:9200")
    monkeypatch.setenv("CONTRAFLOW_ES__API_KEY", "c2VjcmV0LWtleQ==")
    dumped = json.dumps(load_settings().safe_dict())
    assert "pa55word" not in dumped and "c2VjcmV0LWtleQ==" not in dumped


def test_a_missing_elasticsearch_ca_file_names_the_setting(tmp_path):
    cfg = ElasticsearchSettings(url="https://localhost:9200", ca_file=tmp_path / "ca.pem")
    with pytest.raises(ElasticsearchSecurityError, match="CONTRAFLOW_ES__CA_FILE"):
        make_client(cfg)


def test_any_section_secret_may_come_from_a_file(monkeypatch, tmp_path):
    (tmp_path / "token").write_text("page-token\n")
    monkeypatch.setenv("CONTRAFLOW_WEB__TOKEN_FILE", str(tmp_path / "token"))
    settings = load_settings()
    assert settings.web.token is not None and settings.web.token.get_secret_value() == "page-token"
    monkeypatch.setenv("CONTRAFLOW_WEB__TOKEN_FILE", str(tmp_path / "nope"))
    with pytest.raises(ConfigError, match="CONTRAFLOW_WEB__TOKEN_FILE"):
        load_settings()


def test_a_section_without_its_own_file_setting_reads_it_through_settings(monkeypatch, tmp_path):
    """``Settings`` reads ``<FIELD>_FILE`` for a secret of a section that declares no ``<field>_file`` itself."""
    from pydantic import BaseModel, ConfigDict, SecretStr

    from contraflow.settings import Settings

    class Vault(BaseModel):
        model_config = ConfigDict(frozen=True, extra="forbid")
        secret: SecretStr | None = None

    class WithVault(Settings):
        vault: Vault = Vault()

    (tmp_path / "v").write_text("from-file\n")
    monkeypatch.setenv("CONTRAFLOW_VAULT__SECRET_FILE", str(tmp_path / "v"))
    settings = WithVault()
    assert settings.vault.secret is not None and settings.vault.secret.get_secret_value() == "from-file"
    monkeypatch.setenv("CONTRAFLOW_VAULT__SECRET", "also")
    with pytest.raises(ValueError, match="both CONTRAFLOW_VAULT__SECRET and CONTRAFLOW_VAULT__SECRET_FILE"):
        WithVault()
