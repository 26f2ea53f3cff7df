"""`infoshare lint --base REV`: only the findings a change introduced, so known warnings do not drown new ones.

The rule data at REV is linted too, and a finding counts as known when
the same check said the same of the same file there. Line numbers are left out of the comparison: lines
added above a known finding move it without making it new. A finding about a rule whose file the change
touched is shown even when known, since the reviewer is looking at that rule.
"""

from __future__ import annotations

import re
from pathlib import Path

from infoshare.review.lint import Finding, lint
from infoshare.review.revisions import checked_out

_LOCATION = re.compile(r"(?:[\w./-]*/)?((?:rules|legal_basis)/[\w./-]+\.yaml|vocabulary\.yaml|ruleset\.yaml)(?::\d+)?")


def new_findings(root: Path, base: str) -> tuple[list[Finding], list[Finding]]:
    """The findings under `root`, and those of them the change since `base` introduced (or whose rule it touched)."""
    root = root.resolve()
    findings = lint(root)
    with checked_out(root, base) as folder:
        known = {_key(one, folder) for one in lint(folder)}
        touched = _touched_rules(root, folder)
    return findings, [one for one in findings if _key(one, root) not in known or set(one.rules) & touched]


def _key(one: Finding, root: Path) -> tuple[str, str, str]:
    """A finding without where its tree lies or which line it is on."""
    file = _relative(one.file, root)
    return one.code, file, _LOCATION.sub(lambda match: match.group(1), one.message)


def _relative(file: str, root: Path) -> str:
    path = Path(file)
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return file


def _touched_rules(root: Path, base: Path) -> set[str]:
    """The rules whose file or cases file differs from (or is missing in) the base."""
    touched = set()
    for path in (root / "rules").rglob("*.yaml"):
        relative = path.relative_to(root)
        before = base / relative
        if not before.is_file() or before.read_bytes() != path.read_bytes():
            touched.add(path.name.removesuffix(".yaml").removesuffix(".cases"))
    return touched
