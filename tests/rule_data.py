"""A copy of the rule data, for tests that break or change it on purpose without touching the checkout."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

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


def drop_cases_at_age(cases_file: Path, age: int) -> None:
    """Remove the cases that ask about a person aged `age`: the rule's cases as they stand when no case sits at a
    bound, the situation a moved bound's coverage and lint findings are about."""
    data = yaml.safe_load(cases_file.read_text(encoding="utf-8"))
    data["cases"] = [case for case in data["cases"] if (case["question"].get("subject") or {}).get("age") != age]
    cases_file.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
