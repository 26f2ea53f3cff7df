"""The one Jinja2 sandbox every template renders in: the memo, the rulebook, the scenario handouts and the matrix
(a rule text can never run template code)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any


@cache
def template_environment(templates: Path) -> Any:
    """The sandboxed Jinja2 environment; autoescaping for `.html.j2`, undefined names are errors; the templates
    compiled ahead and shipped with the package are not compiled again (shipped_templates.py)."""
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    from infoshare.render.shipped_templates import ShippedTemplates

    return SandboxedEnvironment(
        loader=FileSystemLoader(templates),
        undefined=StrictUndefined,
        autoescape=_autoescaped,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=ShippedTemplates(),
    )


def _autoescaped(name: str | None) -> bool:
    return bool(name and name.endswith(".html.j2"))
