"""What `infoshare --version` says: which infoshare, which ruleset and data, how fresh the law, which engine.

A worker or an IT department quoting an answer needs all four: the same question can get another answer
from another ruleset, and the law is only as current as the day it was last checked.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from infoshare import __version__
from infoshare.core.documents import YamlSyntaxError, load_file
from infoshare.core.loader import load_ruleset
from infoshare.core.matchers import durable_installed
from infoshare.errors import InfoshareError
from infoshare.locations import default_root


def version_text(root: Path | None = None) -> str:
    root = root or default_root()
    lines = [f"infoshare {__version__}"]
    try:
        ruleset = load_ruleset(root, light=True)
    except InfoshareError as error:
        lines.append(f"ruleset: {error.title} (run `infoshare lint` for the details)")
        checked = law_checked(root)
    else:
        lines.append(f"ruleset {ruleset.version} ({ruleset.digest})")
        checked = str(ruleset.law_checked) if ruleset.law_checked else None
    if checked:
        lines.append(f"law last checked {checked}")
    lines.append(f"engine: {engine_text()}")
    lines.append(f"data: {root.resolve()}")
    return "\n".join(lines)


def law_checked(root: Path) -> str | None:
    """ruleset.yaml's `law_checked` day, when the file has one, read from the file alone (the ruleset is in error)."""
    try:
        meta = load_file(root / "ruleset.yaml").data
    except YamlSyntaxError:
        return None
    checked = meta.get("law_checked") if isinstance(meta, dict) else None
    return str(checked) if checked else None


def engine_text() -> str:
    if not durable_installed():
        return "the reference evaluator (durable-rules is not installed; it does not build on Python 3.13)"
    try:
        return f"durable-rules {version('durable_rules')}"
    except PackageNotFoundError:  # pragma: no cover - importable but without metadata
        return "durable-rules"
