"""``contraflow search QUERY``: search contradictions, statements or articles in Elasticsearch."""

from __future__ import annotations

import json

import typer


def register(app: typer.Typer) -> None:
    @app.command("search")
    def search(
        query: str = typer.Argument("*", help="Words to look for ('*' or empty: everything)."),
        kind: str | None = typer.Option(None, "--kind", help="Contradiction kind: denial, quantity, unconfirmed, ..."),
        speaker: str | None = typer.Option(None, "--speaker", help="Speaker name or part of it (either side)."),
        source: str | None = typer.Option(None, "--source", help="Outlet domain, e.g. censor.net."),
        since: str | None = typer.Option(
            None, "--since", help="Published on/after: 2024-10-01 or now-7d (claims: last seen on/after)."
        ),
        status: str | None = typer.Option(
            None, "--status", help="Claim status: uncontested, contested, denied, unconfirmed, retracted."
        ),
        index: str = typer.Option("contradictions", "--index", help="contradictions, statements, articles or claims."),
        size: int = typer.Option(10, "--size", min=1, max=10_000, help="Hits to show."),
        as_json: bool = typer.Option(False, "--json", help="JSON Lines of the matching documents on stdout."),
        es_url: str | None = typer.Option(None, "--es-url", envvar="CONTRAFLOW_ES__URL", help="Elasticsearch."),
        prefix: str | None = typer.Option(
            None,
            "--prefix",
            envvar="CONTRAFLOW_ES__INDEX_PREFIX",
            help="Alias prefix.",
        ),
    ) -> None:
        """Search what the workers indexed.

        Examples:
          contraflow search "North Korean soldiers" --kind denial
          contraflow search --speaker Budanov --index statements --json
          contraflow search "North Korean soldiers" --index claims --status denied
        """
        from elasticsearch import ApiError, NotFoundError, TransportError

        from indexers import alias_name, make_client, search_body
        from indexers.client import security_error

        from ..errors import ConfigError, IndexingError
        from ..render import render_hit
        from ..settings import load_settings

        settings = load_settings(es={"url": es_url, "index_prefix": prefix})
        try:
            body = search_body(
                query, index=index, kind=kind, speaker=speaker, source=source, since=since, status=status, size=size
            )
        except ValueError as exc:
            raise ConfigError(str(exc)) from exc
        alias = alias_name(settings.es.index_prefix, index)
        client = make_client(settings.es)
        try:
            response = client.search(index=alias, **body)
        except NotFoundError as exc:
            raise IndexingError(f"no index {alias} yet; has a worker run? (`contraflow worker`)") from exc
        except (TransportError, ApiError) as exc:
            security = security_error(exc, settings.es)
            if security is not None:
                raise security from None
            raise IndexingError(
                f"search on {settings.es.safe_url} failed ({type(exc).__name__}: {exc}); "
                "is Elasticsearch up? run `contraflow stack status`"
            ) from exc
        finally:
            client.close()
        hits = response["hits"]["hits"]
        total = response["hits"]["total"]["value"]
        if as_json:
            for hit in hits:
                typer.echo(json.dumps(hit["_source"], ensure_ascii=False))
            return
        typer.echo(f"{total} {index} match; showing {len(hits)}", err=True)
        for hit in hits:
            typer.echo(render_hit(index, hit["_source"]))
            typer.echo("")
