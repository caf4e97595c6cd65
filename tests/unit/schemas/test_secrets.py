"""schemas.secrets: the one reader of ``CONTRAFLOW_<SECTION>__<FIELD>_FILE`` secrets every settings section uses."""

from __future__ import annotations

import pytest

from schemas.secrets import secret_from_file


def test_the_file_fills_the_field_once_and_the_input_is_not_changed(tmp_path):
    (tmp_path / "pw").write_text("s3cret\r\n")
    data = {"password": None, "password_file": str(tmp_path / "pw"), "other": 1}
    assert secret_from_file(data, "kafka", "password") == {"password": "s3cret", "password_file": None, "other": 1}
    assert data["password_file"] == str(tmp_path / "pw")


@pytest.mark.parametrize("data", [None, "text", {}, {"password_file": None}, {"password_file": ""}])
def test_without_a_file_the_input_is_returned_as_it_is(data):
    assert secret_from_file(data, "es", "password") is data


def test_errors_name_the_variable_never_the_secret(tmp_path):
    with pytest.raises(ValueError, match=r"^es: both CONTRAFLOW_ES__API_KEY and CONTRAFLOW_ES__API_KEY_FILE are set"):
        secret_from_file({"api_key": "k", "api_key_file": str(tmp_path / "k")}, "es", "api_key")
    with pytest.raises(ValueError, match=r"^web: cannot read CONTRAFLOW_WEB__TOKEN_FILE .* \(FileNotFoundError\)"):
        secret_from_file({"token_file": str(tmp_path / "absent")}, "web", "token")
    (tmp_path / "empty").write_text("\n")
    with pytest.raises(ValueError, match=r"^kafka: CONTRAFLOW_KAFKA__PASSWORD_FILE .* is empty$"):
        secret_from_file({"password_file": str(tmp_path / "empty")}, "kafka", "password")
