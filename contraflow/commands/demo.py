"""``contraflow demo``: stack up, one worker, publish the seed and news articles, show the contradictions."""

from __future__ import annotations

import socket
from pathlib import Path

import typer


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def register(app: typer.Typer) -> None:
    @app.command("demo")
    def demo(
        data: Path = typer.Option(
            Path("../shared/data"),
            "--data",
            envvar="CONTRAFLOW_DATA_DIR",
            help="Data folder with seed/*.jsonl and news/*.jsonl.",
        ),
        stack_up: bool = typer.Option(True, "--stack/--no-stack", help="Start the local stack if it is not running."),
        show: int = typer.Option(10, "--show", min=0, help="Contradictions to print (seed article first)."),
        timeout_s: float = typer.Option(900, "--timeout", help="Longest wait for indexing, in seconds."),
        news: bool = typer.Option(True, "--news/--seed-only", help="Also publish the news corpus."),
    ) -> None:
        """Run the whole pipeline once on the sample data and print what it found.

        Brings the local stack up if needed, starts a worker, publishes ``seed/*.jsonl`` and ``news/*.jsonl``,
        waits until everything is indexed, prints the contradictions, and stops the worker.

        Example:  contraflow demo
        """
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn

        from indexers import alias_name, make_client, search_body

        from ..errors import ContraflowError, InputError
        from ..kafka_admin import ensure_topics
        from ..publish import Publisher
        from ..render import render_hit
        from ..runner import WorkerProcess, expected_article_ids, wait_processed, worker_env
        from ..settings import load_settings

        err = Console(stderr=True)
        settings = load_settings()
        files = sorted((data / "seed").glob("*.jsonl")) + (sorted((data / "news").glob("*.jsonl")) if news else [])
        if not files:
            raise InputError(f"no seed/*.jsonl or news/*.jsonl under {data}; pass --data or set CONTRAFLOW_DATA_DIR")

        if stack_up:
            from ..stack import LocalStack

            local = LocalStack(settings.stack)
            if not local.status().healthy:
                err.print("starting the local stack (Kafka + Elasticsearch)...")
                local.up()
        ensure_topics(settings)

        lines = [line for f in files for line in f.read_bytes().splitlines() if line.strip()]
        seed_ids = expected_article_ids(
            [line for f in files if f.parent.name == "seed" for line in f.read_bytes().splitlines()],
            max_text_chars=settings.analysis.max_text_chars,
        )
        expected = expected_article_ids(lines, max_text_chars=settings.analysis.max_text_chars)

        log_path = Path(settings.worker.data_dir).parent / "demo-worker.log"
        worker = WorkerProcess(env=worker_env({}), log_path=log_path, web_port=_free_port()).start()
        err.print(
            f"worker pid={worker.proc.pid if worker.proc else '?'}  metrics: http://127.0.0.1:{worker.web_port}/metrics"
        )
        try:
            with Publisher(settings) as pub:
                summary = pub.publish_lines(lines)
            err.print(f"published {summary.sent} article(s) from {len(files)} file(s) to {settings.topics.raw}")

            def alive() -> None:
                if not worker.alive:
                    raise ContraflowError(f"the worker exited; its log ({log_path}):\n{worker.log_tail()}")

            with Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.fields[info]}"),
                console=err,
                transient=True,
            ) as bar:
                task = bar.add_task("indexing", total=len(expected), info="")

                def on_poll(counts: dict[str, int], lag: dict[str, int]) -> None:
                    bar.update(
                        task,
                        completed=min(counts.get("articles", 0), len(expected)),
                        info=f"statements={counts.get('statements', 0)} "
                        f"contradictions={counts.get('contradictions', 0)} lag={sum(lag.values())}",
                    )

                counts = wait_processed(
                    settings, articles=len(expected), timeout_s=timeout_s, on_poll=on_poll, check=alive
                )
        finally:
            worker.stop()

        err.print(
            f"indexed: {counts['articles']} articles, {counts['statements']} statements, "
            f"{counts['contradictions']} contradictions"
        )
        client = make_client(settings.es)
        alias = alias_name(settings.es.index_prefix, "contradictions")
        try:
            seed_hits = (
                client.search(
                    index=alias, query={"terms": {"article_ids": sorted(seed_ids)}}, size=show, sort=[{"score": "desc"}]
                )["hits"]["hits"]
                if seed_ids and show
                else []
            )
            rest = max(0, show - len(seed_hits))
            other_hits = []
            if rest:
                body = search_body(None, size=rest + len(seed_hits))
                seen = {h["_id"] for h in seed_hits}
                other_hits = [h for h in client.search(index=alias, **body)["hits"]["hits"] if h["_id"] not in seen]
                other_hits = other_hits[:rest]
            kinds = client.search(index=alias, size=0, aggs={"k": {"terms": {"field": "kind"}}})
        finally:
            client.close()
        by_kind = ", ".join(f"{b['key']}={b['doc_count']}" for b in kinds["aggregations"]["k"]["buckets"])
        typer.echo(f"contradictions by kind: {by_kind or 'none'}\n")
        if seed_hits:
            typer.echo(f"== involving the seed article ({', '.join(sorted(seed_ids))}) ==\n")
            for hit in seed_hits:
                typer.echo(render_hit("contradictions", hit["_source"]) + "\n")
        if other_hits:
            typer.echo("== top contradictions in the news corpus ==\n")
            for hit in other_hits:
                typer.echo(render_hit("contradictions", hit["_source"]) + "\n")
        typer.echo(
            "search them:\n"
            '  contraflow search "North Korean soldiers" --kind denial\n'
            "  contraflow search --speaker Budanov\n"
            "  contraflow search troops --index statements --source censor.net --json\n"
            f"  curl '{settings.es.safe_url}/{alias}/_search?q=kind:unconfirmed&pretty'"
        )
