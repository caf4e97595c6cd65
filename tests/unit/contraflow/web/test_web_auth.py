"""contraflow.web authentication: which Authorization headers pass, and the settings that turn it on."""

from __future__ import annotations

import base64

import pytest
from pydantic import SecretStr, ValidationError

from contraflow.errors import ConfigError
from contraflow.settings import WebSettings, load_settings
from contraflow.web.auth import check_authorization


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def test_no_credentials_configured_lets_everyone_in():
    assert WebSettings().auth == "none"
    assert check_authorization(None, WebSettings())


def test_bearer_token():
    cfg = WebSettings(token=SecretStr("s3cret-token"))
    assert cfg.auth == "bearer"
    assert check_authorization("Bearer s3cret-token", cfg)
    assert check_authorization("bearer  s3cret-token ", cfg)  # the scheme is case-insensitive
    for header in (None, "", "Bearer", "Bearer s3cret-toke", "Bearer s3cret-token2", "Token s3cret-token"):
        assert not check_authorization(header, cfg), header
    assert not check_authorization(_basic("x", "s3cret-token"), cfg)  # basic is not configured


def test_basic_auth_checks_user_and_password():
    cfg = WebSettings(username="analyst", password=SecretStr("pa:ss wörd"))
    assert cfg.auth == "basic"
    assert check_authorization(_basic("analyst", "pa:ss wörd"), cfg)  # a colon in the password is allowed
    for header in (
        _basic("analyst", "pa:ss word"),
        _basic("analyst2", "pa:ss wörd"),
        _basic("", "pa:ss wörd"),
        "Basic " + base64.b64encode(b"analyst").decode(),  # no colon
        "Basic !!!not-base64!!!",
        "Basic " + base64.b64encode(b"\xff\xfe:x").decode(),  # not UTF-8
        "Bearer pa:ss wörd",
    ):
        assert not check_authorization(header, cfg), header


def test_both_kinds_accept_either():
    cfg = WebSettings(token=SecretStr("t0ken"), username="u", password=SecretStr("p"))
    assert cfg.auth == "bearer+basic"
    assert check_authorization("Bearer t0ken", cfg) and check_authorization(_basic("u", "p"), cfg)


def test_a_user_without_password_is_refused():
    with pytest.raises(ValueError, match="needs both"):
        WebSettings(username="analyst")
    with pytest.raises(ValueError, match="empty"):
        WebSettings(token=SecretStr("  "))


def test_secrets_from_files(tmp_path, monkeypatch):
    (tmp_path / "token").write_text("from-a-file\n")
    (tmp_path / "password").write_text("pw-from-a-file")
    monkeypatch.setenv("CONTRAFLOW_WEB__TOKEN_FILE", str(tmp_path / "token"))
    monkeypatch.setenv("CONTRAFLOW_WEB__USERNAME", "analyst")
    monkeypatch.setenv("CONTRAFLOW_WEB__PASSWORD_FILE", str(tmp_path / "password"))
    web = load_settings().web
    assert web.token is not None and web.token.get_secret_value() == "from-a-file"  # trailing newline dropped
    assert web.password is not None and web.password.get_secret_value() == "pw-from-a-file"
    assert "from-a-file" not in repr(web) and "from-a-file" not in str(load_settings().safe_dict())


def test_a_missing_secret_file_is_an_error_naming_the_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("CONTRAFLOW_WEB__TOKEN_FILE", str(tmp_path / "absent"))
    with pytest.raises((ConfigError, ValidationError), match="cannot read CONTRAFLOW_WEB__TOKEN_FILE"):
        load_settings()
    monkeypatch.setenv("CONTRAFLOW_WEB__TOKEN", "also-set")
    (tmp_path / "absent").write_text("x")
    with pytest.raises((ConfigError, ValidationError), match="both CONTRAFLOW_WEB__TOKEN and"):
        load_settings()
