"""Each layer owns its settings section and its errors; the top package composes them and maps errors to exit
codes. ``from contraflow.settings import X`` and ``from contraflow.errors import X`` keep working for every X."""

from __future__ import annotations

import subprocess
import sys
import typing

import pytest

import contraflow.errors as errors
from contraflow.settings import Settings


@pytest.mark.parametrize(
    ("section", "owner"),
    [
        ("kafka", "streams.settings"),
        ("topics", "streams.settings"),
        ("worker", "streams.settings"),
        ("es", "indexers.settings"),
        ("analysis", "analysis.settings"),
        ("stack", "contraflow.settings"),
    ],
)
def test_each_section_is_defined_by_the_layer_that_owns_it(section, owner):
    assert Settings.model_fields[section].annotation.__module__ == owner


def test_the_settings_are_what_a_pipeline_reads():
    """``Settings`` has every section ``streams.settings.PipelineSettings`` asks for, of the asked-for type."""
    from analysis.settings import AnalysisSettings
    from streams.settings import PipelineSettings, SinkSettings

    def returns(protocol: type, name: str) -> type:
        hints = typing.get_type_hints(getattr(protocol, name).fget, localns={"AnalysisSettings": AnalysisSettings})
        return hints["return"]

    settings = Settings()
    for name in ("kafka", "topics", "worker", "analysis"):
        assert type(getattr(settings, name)) is returns(PipelineSettings, name), name
    for name in ("index_prefix", "max_backoff_s", "idle_refresh", "idle_refresh_min_s"):
        assert isinstance(getattr(settings.es, name), returns(SinkSettings, name)), name


@pytest.mark.parametrize(
    ("name", "owner"),
    [
        ("ContraflowError", "schemas.errors"),
        ("InputError", "schemas.errors"),
        ("InvalidArticleError", "schemas.errors"),
        ("BackendUnavailableError", "schemas.errors"),
        ("AnalysisError", "analysis.errors"),
        ("IndexingError", "indexers.errors"),
        ("DocumentRejectedError", "indexers.errors"),
        ("ConfigError", "contraflow.errors"),
        ("StackError", "contraflow.errors"),
    ],
)
def test_every_error_is_reexported_by_the_top_package_and_has_one_root(name, owner):
    cls = getattr(errors, name)
    assert cls.__module__ == owner
    assert issubclass(cls, errors.ContraflowError)


@pytest.mark.parametrize(
    ("exc", "code"),
    [
        (errors.ConfigError("bad flag"), 2),
        (errors.BackendUnavailableError("es down", retry_after=3), 69),
        (errors.InvalidArticleError("no title", reason="missing", field="title"), 1),
        (errors.DocumentRejectedError("refused", {"a": "mapper_parsing_exception"}), 1),
        (errors.StackError("no java"), 1),
    ],
)
def test_exit_codes(exc, code):
    assert errors.exit_code(exc) == code


def test_an_error_subclass_in_a_command_takes_its_base_class_code():
    class KibanaDown(errors.ConfigError):
        pass

    assert errors.exit_code(KibanaDown("x")) == 2


def test_the_cli_exits_with_the_mapped_code():
    code = "import sys; sys.argv = ['contraflow', 'schema', 'NoSuchRecord']\nfrom contraflow.cli import main\nmain()\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("ConfigError: unknown record 'NoSuchRecord'")


def test_the_top_errors_module_does_not_load_spacy():
    """``contraflow.errors`` is imported by every command: ``AnalysisError`` is loaded on first use only."""
    code = "import sys, contraflow.errors; assert 'spacy' not in sys.modules and 'faust' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_a_layers_settings_and_errors_load_without_its_clients():
    """Composing the settings loads neither Faust nor the Elasticsearch client (the packages' names load lazily)."""
    code = (
        "import sys, streams.settings, indexers.settings, indexers.errors, schemas.errors\n"
        "assert not {'faust', 'elasticsearch', 'aiokafka'} & set(sys.modules), sorted(sys.modules)\n"
        "from streams import build_pipeline\n"
        "from indexers import EsWriter\n"
        "assert 'faust' in sys.modules and 'elasticsearch' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
