"""The message catalogue (templates/messages.yaml): fixed phrases in fi, sv and en."""

from __future__ import annotations

from functools import cache

import yaml

from .loader import default_root


@cache
def catalogue() -> dict[str, dict[str, str]]:
    path = default_root() / "templates" / "messages.yaml"
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def message(key: str, language: str, **values: object) -> str:
    """One phrase in `language`, with its {placeholders} filled in."""
    return catalogue()[key][language].format(**values)
