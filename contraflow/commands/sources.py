"""``contraflow sources``: the track record of each source or speaker, from the claims and contradictions indices."""

from __future__ import annotations

import json
from typing import Any

import typer

# Column headers of the table, in the order of indexers.TRACK_RECORD_COLUMNS.
_HEADERS = ("asserted", "denied", "not_confirmed", "retracted", "retracted_own", "contradicted")
_NAME_WIDTH = 40


def track_record(client: Any, prefix: str, by: str, size: int) -> list[dict[str, Any]]:
    """Rows of the track record (indexers.track_record_rows), read with two aggregation searches.

    A missing index counts as empty (a deployment may not index claims yet); both missing raises ``IndexingError``.
    """
    from elasticsearch import NotFoundError

    from indexers import alias_name, track_record_bodies, track_record_rows

    from ..errors import IndexingError

    claims_body, contradictions_body = track_record_bodies(by)
    aggs: dict[str, Any] = {}
    for kind, body in (("claims", claims_body), ("contradictions", contradictions_body)):
        try:
            aggs[kind] = client.search(index=alias_name(prefix, kind), **body).get("aggregations")
        except NotFoundError:
            aggs[kind] = None
    if aggs["claims"] is None and aggs["contradictions"] is None:
        raise IndexingError(
            f"no index {alias_name(prefix, 'claims')} or {alias_name(prefix, 'contradictions')} yet; "
            "has a worker run? (`contraflow worker`)"
        )
    return track_record_rows(aggs["claims"], aggs["contradictions"], size=size)


def _table(rows: list[dict[str, Any]], by: str) -> str:
    width = min(_NAME_WIDTH, max([len(by), *(len(r["name"]) for r in rows)]))

    def name(value: str) -> str:
        return value if len(value) <= width else value[: width - 1] + "…"

    lines = [f"{by:<{width}}  " + "  ".join(_HEADERS)]
    for r in rows:
        lines.append(f"{name(r['name']):<{width}}  " + "  ".join(f"{r[h]:>{len(h)}}" for h in _HEADERS))
    return "\n".join(lines)


def register(app: typer.Typer) -> None:
    @app.command("sources")
    def sources(
        by: str = typer.Option("source", "--by", help="Group by source (outlet) or speaker."),
        size: int = typer.Option(50, "--size", min=1, max=10_000, help="Rows to show, most questioned first."),
        as_json: bool = typer.Option(False, "--json", help="JSON Lines, one row per source or speaker, on stdout."),
        es_url: str | None = typer.Option(None, "--es-url", envvar="CONTRAFLOW_ES__URL", help="Elasticsearch."),
        prefix: str | None = typer.Option(None, "--prefix", envvar="CONTRAFLOW_ES__INDEX_PREFIX", help="Alias prefix."),
    ) -> None:
        """Track record per source or speaker: of the statements they asserted, how many were later denied, not
        confirmed, retracted by others or by themselves (claims index), and how many of their statements a later
        one contradicted (contradictions index). "Later" means published strictly after, by published_at.

        \b
        Examples:
          contraflow sources
          contraflow sources --by speaker --json
        """
        from elasticsearch import ApiError, TransportError

        from indexers import TRACK_RECORD_BY, make_client

        from ..errors import ConfigError, IndexingError
        from ..settings import load_settings

        if by not in TRACK_RECORD_BY:
            raise ConfigError(f"--by must be one of {', '.join(TRACK_RECORD_BY)}, not {by!r}")
        settings = load_settings(es={"url": es_url, "index_prefix": prefix})
        client = make_client(settings.es)
        try:
            rows = track_record(client, settings.es.index_prefix, by, size)
        except (TransportError, ApiError) as exc:
            raise IndexingError(
                f"track record on {settings.es.safe_url} failed ({type(exc).__name__}); "
                "is Elasticsearch up? run `contraflow stack status`"
            ) from exc
        finally:
            client.close()
        if as_json:
            for row in rows:
                typer.echo(json.dumps(row, ensure_ascii=False))
            return
        typer.echo(f"{len(rows)} {by}s, most questioned first", err=True)
        typer.echo(_table(rows, by))
