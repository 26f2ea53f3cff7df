"""A copy of the rule data, for tests that break or change it on purpose without touching the checkout."""

from __future__ import annotations

import shutil
from pathlib import Path

from infoshare.core.loader import default_root
from infoshare.review.revisions import RULE_DATA


def copy_rule_data(destination: Path, *extra: str) -> Path:
    """The rule data (revisions.RULE_DATA), and any `extra` paths, copied into `destination` (created if need be)."""
    source = default_root()
    destination.mkdir(parents=True, exist_ok=True)
    for name in (*RULE_DATA, *extra):
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if (source / name).is_dir():
            shutil.copytree(source / name, target)
        else:
            shutil.copy(source / name, target)
    return destination
