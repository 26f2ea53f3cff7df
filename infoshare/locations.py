"""Where the rule data and the templates are read from: one answer for every module.

The folder holds vocabulary.yaml, ruleset.yaml, rules/, legal_basis/, templates/ and the rest side by
side, as in a checkout. It is, first to last:
1. the folder given with `--rules` (a checkout under review): its data and its templates alike;
2. $INFOSHARE_ROOT;
3. the checkout this package lies in (a clone, or an editable install of one);
4. the copy shipped inside the installed package (`infoshare/data/`, laid out like a checkout).
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_chosen: Path | None = None


def choose_root(folder: Path | None) -> None:
    """Read the data and templates from `folder` for the rest of this run (the `--rules` option); None undoes it."""
    global _chosen
    _chosen = folder.resolve() if folder is not None else None


def default_root() -> Path:
    """The folder the data and templates come from (see the module's docstring for the order)."""
    if _chosen is not None:
        return _chosen
    if env := os.environ.get("INFOSHARE_ROOT"):
        return Path(env)
    return installed_root()


@cache
def installed_root() -> Path:
    """The checkout beside the package when there is one, else the data shipped inside it."""
    checkout = _PACKAGE.parent
    if (checkout / "vocabulary.yaml").is_file() and (checkout / "rules").is_dir():
        return checkout
    return _PACKAGE / "data"


def templates_dir(root: Path | None = None) -> Path:
    """The templates of the data in use (or of `root`): memo, handouts, rulebook, matrix page, messages, glossary."""
    return (root or default_root()) / "templates"
