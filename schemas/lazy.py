"""Names a package exports but loads on first use (PEP 562), for the ``__init__`` of every layer's package.

``analysis``, ``streams`` and ``indexers`` each export names whose modules are costly to import (spaCy, Faust, the
Elasticsearch client), while their ``settings`` and ``errors`` submodules must stay cheap: the CLI composes its
settings without loading any of them. The mechanism lives here, in the leaf every layer may import; it uses the
standard library only.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(package: str, where: Mapping[str, str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """A package's module-level ``__getattr__`` and ``__dir__`` for exports imported on first use.

    Parameters:
        package: the package's ``__name__``.
        where: each exported name and the submodule that defines it, relative to ``package`` (``"writer"``), or
            ``"submodule:attribute"`` when the export has another name there (``"kinds.combiner:judge_pair"``).

    A name is imported once, then kept in the package's namespace, so later lookups do not come back here;
    ``dir(package)`` lists the exports before they are loaded.

        __getattr__, __dir__ = lazy_exports(__name__, {"EsWriter": "writer"})
    """

    def __getattr__(name: str) -> Any:
        try:
            module, _, attribute = where[name].partition(":")
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        value = getattr(import_module(f".{module}", package), attribute or name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        namespace = vars(sys.modules[package])
        return sorted({*namespace, *namespace.get("__all__", ())})

    return __getattr__, __dir__
