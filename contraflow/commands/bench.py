"""``contraflow bench``: measure throughput, latency and scaling on the local stack, as ratios within one run."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command("bench")
    def bench(
        articles: int | None = typer.Option(
            None, "--articles", min=1, help="Corpus articles to analyse and push end to end (default: all; 30 quick)."
        ),
        quick: bool = typer.Option(False, "--quick", help="A smoke-sized run: under 3 minutes."),
        as_json: bool = typer.Option(False, "--json", help="Print one JSON object on stdout (tables go to stderr)."),
        data: Path = typer.Option(
            Path("../shared/data"),
            "--data",
            envvar="CONTRAFLOW_DATA_DIR",
            help="Data directory holding news/giveme5w1h-news-cluster.jsonl.",
        ),
        only: str | None = typer.Option(
            None, "--only", help="Comma-separated phases: analysis, raw_kafka, raw_es, e2e, scaling (default: all)."
        ),
        keep_logs: bool = typer.Option(
            False, "--keep-logs", help="Keep the end-to-end workers' logs (path on stderr)."
        ),
        profile: Path | None = typer.Option(
            None,
            "--profile",
            help="Sample the end-to-end workers with py-spy (dev extra); raw stacks go in this folder.",
        ),
        bootstrap: str | None = typer.Option(None, "--bootstrap", envvar="CONTRAFLOW_KAFKA__BOOTSTRAP", help="Kafka."),
        es_url: str | None = typer.Option(None, "--es-url", envvar="CONTRAFLOW_ES__URL", help="Elasticsearch."),
    ) -> None:
        """Benchmark the pipeline against raw Kafka and raw Elasticsearch on the same articles.

        Needs the stack (`contraflow stack up`). Creates its own topics, indices and consumer groups
        (cfbench-*), starts its own `contraflow worker` processes and deletes everything afterwards.
        Progress goes to stderr. Example:  contraflow bench --quick --json > bench.json
        """
        from rich.console import Console

        from ..bench import PHASES, BenchConfig, render, run_bench, to_json_safe
        from ..settings import load_settings

        settings = load_settings(kafka={"bootstrap": bootstrap}, es={"url": es_url})
        phases = tuple(p.strip() for p in only.split(",") if p.strip()) if only else PHASES
        make = BenchConfig.quick_run if quick else BenchConfig.full
        cfg = dataclasses.replace(make(data, articles, phases), keep_logs=keep_logs, profile_dir=profile)
        err = Console(stderr=True)
        report = run_bench(settings, cfg, progress=lambda msg: err.print(msg, markup=False, highlight=False))
        render(report, err if as_json else Console())
        if as_json:
            typer.echo(json.dumps(to_json_safe(report), sort_keys=False))
