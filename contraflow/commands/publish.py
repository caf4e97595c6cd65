"""``contraflow publish FILE.jsonl|-``: send articles to ``articles.raw``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command("publish")
    def publish(
        file: str = typer.Argument(..., help="JSON Lines file of ArticleIn records, or - for stdin."),
        strict: bool = typer.Option(False, "--strict", help="Validate every line first; publish nothing if one fails."),
        bootstrap: str | None = typer.Option(None, "--bootstrap", envvar="CONTRAFLOW_KAFKA__BOOTSTRAP", help="Kafka."),
        topic: str | None = typer.Option(None, "--topic", envvar="CONTRAFLOW_TOPICS__RAW", help="Target topic."),
        progress: bool = typer.Option(True, "--progress/--no-progress", help="Progress bar on stderr."),
        as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON on stdout."),
    ) -> None:
        """Publish articles (one JSON object per line) to Kafka, keyed by article id, acks=all, compressed.

        Lines are sent as they are; the worker validates them and dead-letters bad ones.
        Example:  contraflow publish ../shared/data/seed/censor-net-2024-10-21.jsonl
        """
        from rich.progress import Progress

        from ..errors import InputError
        from ..kafka_admin import ensure_topics
        from ..publish import Publisher, validate_line
        from ..settings import load_settings

        settings = load_settings(kafka={"bootstrap": bootstrap}, topics={"raw": topic})
        limit = settings.analysis.max_text_chars
        if file == "-":
            lines = sys.stdin.buffer.read().splitlines(keepends=True)
        else:
            path = Path(file)
            if not path.is_file():
                raise InputError(f"no such file: {file}")
            lines = path.read_bytes().splitlines(keepends=True)
        if strict:
            # Refuse a bad file before touching the broker at all.
            invalid = [
                (n, reason)
                for n, line in enumerate(lines, start=1)
                if line.strip() and (reason := validate_line(line.rstrip(b"\r\n"), max_text_chars=limit)) is not None
            ]
            if invalid:
                shown = "; ".join(f"line {n}: {r}" for n, r in invalid[:5])
                raise InputError(f"{len(invalid)} invalid line(s), nothing published ({shown})")
        ensure_topics(settings)
        with Publisher(settings) as pub:
            if progress and sys.stderr.isatty():
                with Progress(transient=True, console=None) as bar:
                    task = bar.add_task("publishing", total=len(lines))
                    summary = pub.publish_lines(lines, strict=strict, on_progress=lambda n: bar.advance(task, n))
            else:
                summary = pub.publish_lines(lines, strict=strict)
        if as_json:
            typer.echo(json.dumps(summary.to_dict()))
        typer.echo(
            f"published {summary.sent} of {summary.read} line(s) to {settings.topics.raw} "
            f"({summary.failed} failed, {summary.skipped_blank} blank) in {summary.elapsed_s:.1f}s",
            err=True,
        )
        if summary.failed:
            raise typer.Exit(1)
