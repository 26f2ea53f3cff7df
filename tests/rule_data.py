"""A copy of the rule data, for tests that break or change it on purpose without touching the checkout."""

from __future__ import annotations

import shutil
from pathlib import Path

from infoshare.loader import default_root

FILES = ("vocabulary.yaml", "ruleset.yaml")
FOLDERS = ("legal_basis", "rules", "templates")


def copy_rule_data(destination: Path) -> Path:
    """The vocabulary, ruleset, legal basis, rules and templates copied into `destination` (created if need be)."""
    source = default_root()
    destination.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        shutil.copy(source / name, destination / name)
    for name in FOLDERS:
        shutil.copytree(source / name, destination / name)
    return destination
