"""Write docs/configuration.md: every CONTRAFLOW_* variable with its default and meaning, from Settings.

    .venv/bin/python docs/gen_configuration.py          # rewrite docs/configuration.md
    .venv/bin/python docs/gen_configuration.py --check  # exit 1 if the file is out of date

tests/unit/deploy/test_configuration_doc.py runs the check, so the table cannot drift from the code.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel, SecretStr
from pydantic.fields import FieldInfo

from contraflow.settings import Settings

OUT = Path(__file__).with_name("configuration.md")
README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- configuration-table:start -->", "<!-- configuration-table:end -->"

HEADER = """# Configuration

Every part of contraflow reads one frozen `Settings` object, composed in `contraflow/settings.py` from the sections
each layer owns (the file is named under each heading below). Values come from,
highest first: **command-line flags** (each `--help` names the variable a flag overrides), **`CONTRAFLOW_*`
environment variables**, then the defaults below. Nested sections use a double underscore:
`CONTRAFLOW_ES__URL`, `CONTRAFLOW_KAFKA__BOOTSTRAP`.

```bash
export CONTRAFLOW_KAFKA__BOOTSTRAP=kafka-1:9092,kafka-2:9092
export CONTRAFLOW_ES__URL=https://es.internal:9200 CONTRAFLOW_ES__USERNAME=contraflow CONTRAFLOW_ES__PASSWORD=...
contraflow worker --web-port 6067          # a flag beats the environment
```

Secrets (`CONTRAFLOW_ES__PASSWORD`) are never logged; `docker-compose.yml` uses the same names.
This file is generated from the code: edit the field descriptions in the section's file, then run
`.venv/bin/python docs/gen_configuration.py`.
"""


def _type_name(field: FieldInfo) -> str:
    ann = field.annotation
    text = ann.__name__ if isinstance(ann, type) else str(ann)
    for noise in ("typing.", "pathlib.", "pydantic.types."):
        text = text.replace(noise, "")
    # A "|" would split the Markdown table cell.
    return text.replace("NoneType", "None").replace(" | ", " or ")


def _default(value: Any) -> str:
    if value is None:
        return "*(unset)*"
    if isinstance(value, SecretStr):
        return "*(secret)*"
    return f"`{value}`"


def rows() -> list[tuple[str, str, str, str]]:
    """(variable, type, default, meaning) for every setting, in declaration order."""
    out = []
    for name, field in Settings.model_fields.items():
        default = field.default
        if isinstance(default, BaseModel):
            for sub, sub_field in type(default).model_fields.items():
                env = f"CONTRAFLOW_{name}__{sub}".upper()
                out.append((env, _type_name(sub_field), _default(getattr(default, sub)), sub_field.description or ""))
        else:
            out.append((f"CONTRAFLOW_{name}".upper(), _type_name(field), _default(default), field.description or ""))
    return out


def _owner(section: str) -> str:
    """Which file defines a section (each layer owns its own; the top package composes them)."""
    field = Settings.model_fields.get(section)
    if field is None or not isinstance(field.default, BaseModel):
        return "Defined in `contraflow/settings.py`."
    cls = type(field.default)
    return f"`{cls.__name__}`, defined in `{cls.__module__.replace('.', '/')}.py`."


def render() -> str:
    sections: dict[str, list[tuple[str, str, str, str]]] = {}
    for row in rows():
        section = row[0].removeprefix("CONTRAFLOW_").split("__")[0] if "__" in row[0] else "GENERAL"
        sections.setdefault(section, []).append(row)
    parts = [HEADER]
    for section, section_rows in sections.items():
        parts.append(f"\n## {section.lower()}\n\n{_owner(section.lower())}\n")
        parts.append("\n| variable | type | default | meaning |\n|---|---|---|---|\n")
        for env, typ, default, meaning in section_rows:
            parts.append(f"| `{env}` | {typ} | {default} | {meaning.replace('|', '/')} |\n")
    return "".join(parts)


def render_table() -> str:
    """Every variable in one table (for the README)."""
    lines = ["| variable | default | meaning |", "|---|---|---|"]
    lines += [f"| `{env}` | {default} | {meaning.replace('|', '/')} |" for env, _, default, meaning in rows()]
    return "\n".join(lines)


def render_readme(readme: str) -> str:
    """The README with the table between its markers replaced."""
    head, _, rest = readme.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{render_table()}\n{END}{tail}"


if __name__ == "__main__":
    text = render()
    readme = README.read_text()
    if "--check" in sys.argv:
        stale = [p for p, want in ((OUT, text), (README, render_readme(readme))) if p.read_text() != want]
        if stale:
            print(f"out of date: {stale}; run .venv/bin/python docs/gen_configuration.py", file=sys.stderr)
            sys.exit(1)
        print(f"{OUT} and {README} are up to date")
    else:
        OUT.write_text(text)
        README.write_text(render_readme(readme))
        print(f"wrote {OUT} and the README table ({len(rows())} variables)")
