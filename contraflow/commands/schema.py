"""``contraflow schema NAME``: print a record's JSON Schema for producers."""

from __future__ import annotations

import json

import typer

from ..errors import ConfigError


def register(app: typer.Typer) -> None:
    @app.command("schema")
    def schema(
        name: str = typer.Argument(
            "ArticleIn", help="Record: ArticleIn, Article, Statement, Contradiction or DeadLetter."
        ),
    ) -> None:
        """Print the JSON Schema of a topic record.

        Example:  contraflow schema ArticleIn > article-in.schema.json
        """
        from schemas import SCHEMAS

        model = SCHEMAS.get(name)
        if model is None:
            raise ConfigError(f"unknown record {name!r}; choose one of {', '.join(SCHEMAS)}")
        typer.echo(json.dumps(model.model_json_schema(), indent=2))
