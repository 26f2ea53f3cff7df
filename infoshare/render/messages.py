"""The message catalogue: fixed phrases in fi, sv and en.

`templates/messages.yaml` holds the answer's phrases; each interactive feature (the interview, the
scenarios, the matrix) keeps its own phrases in `templates/messages/<feature>.yaml`. A key may be
defined once only, so two files can never disagree about a phrase.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import cache
from pathlib import Path

from infoshare.locations import default_root, installed_root, templates_dir
from infoshare.render.template_data import parsed_yaml


def catalogue_files(root: Path | None = None) -> list[Path]:
    templates = templates_dir(root)
    return [templates / "messages.yaml", *sorted((templates / "messages").glob("*.yaml"))]


def catalogue() -> dict[str, dict[str, str]]:
    """Every phrase by key, from the templates in use (`--rules` brings its own)."""
    return _catalogue(default_root())


@cache
def _catalogue(root: Path) -> dict[str, dict[str, str]]:
    """A checkout under review (`--rules`) brings its own phrases; the tool's own fill in any it lacks, so that a
    checkout made before a phrase was added is still read."""
    phrases = _parsed(root)
    own = installed_root()
    return phrases if root == own else {**_parsed(own), **phrases}


@cache
def _parsed(root: Path) -> dict[str, dict[str, str]]:
    """The merged catalogue of one folder's templates (template_data.py keeps it parsed)."""
    paths = catalogue_files(root)
    merged: dict[str, dict[str, str]] = {}
    for path, phrases in zip(paths, parsed_yaml(paths, "messages"), strict=True):
        clash = merged.keys() & (phrases or {}).keys()
        if clash:
            raise KeyError(f"{path}: message keys defined twice: {', '.join(sorted(clash))}")
        merged.update(phrases or {})
    return merged


def message(key: str, language: str, **values: object) -> str:
    """One phrase in `language`, with its {placeholders} filled in."""
    return catalogue()[key][language].format(**values)


def ruleset_line(ruleset: Mapping[str, str], language: str) -> str:
    """The footer naming the ruleset an answer came from (an answer's `ruleset` object), digest shortened."""
    as_of = display_date(ruleset["as_of"], language)
    return message("phrase.ruleset", language, version=ruleset["version"], digest=ruleset["digest"][:19] + "…", as_of=as_of)


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def display_date(day: date | str, language: str) -> str:
    """A date as a reader writes it: 1.4.2015 in Finnish and Swedish, 1 April 2015 in English (never ISO in user text)."""
    iso = day.isoformat() if isinstance(day, date) else day
    year, month, dom = (int(part) for part in iso.split("-"))
    return f"{dom} {_MONTHS[month - 1]} {year}" if language == "en" else f"{dom}.{month}.{year}"
