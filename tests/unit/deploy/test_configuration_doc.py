"""docs/configuration.md lists every CONTRAFLOW_* variable Settings reads, and is up to date."""

from __future__ import annotations

import importlib.util

from deploy_helpers import REPO, settings_env_names

DOC = REPO / "docs" / "configuration.md"


def _generator():
    spec = importlib.util.spec_from_file_location("gen_configuration", REPO / "docs" / "gen_configuration.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_setting_is_documented_with_its_meaning() -> None:
    rows = {env: (default, meaning) for env, _, default, meaning in _generator().rows()}
    assert set(rows) == settings_env_names()
    for env, (_, meaning) in rows.items():
        assert meaning, f"{env} has no description in contraflow/settings.py"
    text = DOC.read_text()
    for env in settings_env_names():
        assert f"`{env}`" in text, f"{env} missing from docs/configuration.md"


def test_secrets_are_not_printed_as_defaults() -> None:
    rows = {env: default for env, _, default, _ in _generator().rows()}
    assert rows["CONTRAFLOW_ES__PASSWORD"] == "*(unset)*"
    assert rows["CONTRAFLOW_ES__URL"] == "`http://localhost:9200`"


def test_doc_is_current() -> None:
    assert _generator().render() == DOC.read_text(), "run: .venv/bin/python docs/gen_configuration.py"


def test_readme_table_is_current() -> None:
    readme = (REPO / "README.md").read_text()
    assert _generator().render_readme(readme) == readme, "run: .venv/bin/python docs/gen_configuration.py"
    for env in settings_env_names():
        assert f"`{env}`" in readme, f"{env} missing from the README's configuration table"
