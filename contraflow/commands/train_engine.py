"""``contraflow train-engine``: refit the contradiction combiner on labelled news cases."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

__all__ = ["register"]

_DEFAULT_TRAIN = "../shared/data/news-cases-train.jsonl"
_DEFAULT_REAL = "../shared/data/news-cases-real-train.jsonl"


def register(app: typer.Typer) -> None:
    @app.command("train-engine")
    def train_engine(
        train: str = typer.Option(_DEFAULT_TRAIN, "--train", help="Hand-written news cases to fit on."),
        real: str = typer.Option(
            _DEFAULT_REAL, "--real", help="Labelled real news clusters (weighted less); '' to leave them out."
        ),
        out: Path = typer.Option(
            None, "--out", help="Where to write the model (default: the package's analysis/kinds/model.json)."
        ),
        folds: int = typer.Option(5, "--folds", min=2, help="Grouped cross-validation folds (by case)."),
    ) -> None:
        """Fit the learned combiner of the kind modules and write its model file.

        Every pair of statements the candidate selection lets through in each case becomes an example (the
        expected kind, or none); a multinomial logistic regression is fitted, its threshold chosen by grouped
        cross-validation (folds by case), whose precision, recall and F1 are printed and stored in the file.
        Needs scikit-learn (`pip install -e '.[dev]'`). The same inputs give the same file.

        Example:  contraflow train-engine --out /tmp/model.json
        """
        from analysis import load_nlp
        from analysis.kinds import train as training

        from ..errors import ConfigError
        from ..settings import load_settings

        for path in (train, real):
            if path and not Path(path).is_file():
                raise ConfigError(f"no such case file: {path}; pass --train/--real (run from the checkout)")
        try:
            import sklearn  # noqa: F401
        except ModuleNotFoundError as exc:
            raise ConfigError("scikit-learn is not installed: pip install -e '.[dev]'") from exc
        nlp = load_nlp(load_settings().analysis.spacy_model)
        model = training.train(train, real or None, nlp, folds)
        target = out or Path(training.__file__).with_name("model.json")
        target.write_text(training.model_json(model), encoding="utf-8")
        cv = model["cv"]
        typer.echo(
            f"wrote {target}: grouped {cv['folds']}-fold CV over {cv['pairs']} pairs ({cv['positives']} expected): "
            f"P {cv['precision']:.2f} R {cv['recall']:.2f} F1 {cv['f1']:.2f} at threshold {cv['threshold']}",
            err=True,
        )
        sys.stdout.flush()
