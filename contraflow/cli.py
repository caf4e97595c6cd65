"""The ``contraflow`` command line: a thin shell over the layers.

Each command lives in its own module under ``contraflow/commands/`` and registers itself
here. Data goes to stdout (JSON Lines), logs and progress to stderr. A ``ContraflowError``
prints as ``ErrorType: message`` and exits non-zero (1; 2 for a bad setting, 69 when Elasticsearch is
unavailable: :func:`contraflow.errors.exit_code`); ``--debug`` shows the traceback.
"""

from __future__ import annotations

import importlib
import logging
import sys

import typer

from .errors import ContraflowError, exit_code

__all__ = ["app", "main"]

COMMAND_MODULES = (
    "schema",
    "stack",
    "analyze",
    "claims",
    "judge",
    "evaluate",
    "publish",
    "worker",
    "search",
    "sources",
    "demo",
    "web",
    "kibana",
    "bench",
    "train_engine",
)

app = typer.Typer(
    name="contraflow",
    help=(
        "Find contradicting attributed statements in streams of news.\n\n"
        "Producers publish articles to Kafka; workers extract who-said-what and detect\n"
        "contradictions; Elasticsearch makes them searchable.\n\n"
        "Quick start:  contraflow stack up && contraflow demo\n\n"
        "Configuration: flags, or CONTRAFLOW_* environment variables (see README)."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

_state = {"debug": False}


@app.callback()
def _root(
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks and debug logs."),
    log_level: str = typer.Option("INFO", "--log-level", envvar="CONTRAFLOW_LOG_LEVEL", help="Log level."),
) -> None:
    _state["debug"] = debug
    setup_logging("DEBUG" if debug else log_level)


def setup_logging(level: str) -> None:
    """Log ``event key=value`` lines to stderr; only the CLI configures handlers."""
    logging.basicConfig(
        level=getattr(logging, level.upper(), logging.INFO),
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
        force=True,
    )
    for noisy in ("elastic_transport", "kafka", "aiokafka", "urllib3", "faust", "mode"):
        if level.upper() != "DEBUG":
            logging.getLogger(noisy).setLevel(logging.WARNING)
    if level.upper() != "DEBUG":
        for handler in logging.getLogger().handlers:
            handler.addFilter(_client_tracebacks_off)


def _client_tracebacks_off(record: logging.LogRecord) -> bool:
    """The clients' retry warnings keep their one line, not their traceback (an untrusted certificate would print
    three); our own error says what to fix, and --debug shows everything."""
    if record.exc_info and record.name.startswith(("elastic_transport", "kafka", "aiokafka", "urllib3")):
        record.exc_info = None
        record.exc_text = None
    return True


def _register() -> None:
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"contraflow.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"contraflow.commands.{name}":
                continue  # command not built yet
            raise
        module.register(app)


_register()


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except ContraflowError as exc:
        if _state["debug"]:
            raise
        typer.echo(f"{type(exc).__name__}: {exc}", err=True)
        raise SystemExit(exit_code(exc)) from None
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        raise SystemExit(130) from None
