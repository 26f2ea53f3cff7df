"""Build the matcher a command asked for: durable-rules (the default where installed) or the reference evaluator."""

from __future__ import annotations

from importlib.util import find_spec

from .decide import Matcher
from .errors import UsageError
from .loader import Ruleset

ENGINE_TITLES = {"durable": "durable-rules", "reference": "the reference evaluator"}


def durable_installed() -> bool:
    """Whether durable-rules can be imported: it is not installed on Python 3.13, where it does not build."""
    return find_spec("durable_rules_engine") is not None


def default_engine() -> str:
    """durable-rules where it is installed, else the reference evaluator (the same answers, in pure Python)."""
    return "durable" if durable_installed() else "reference"


def make_matcher(name: str, ruleset: Ruleset) -> Matcher:
    rules = list(ruleset.compiled.items())
    if name == "durable":
        if not durable_installed():
            raise UsageError("durable-rules is not installed (it does not build on Python 3.13); use --engine reference")
        from .engine import DurableMatcher

        return DurableMatcher(rules)
    from .reference import ReferenceMatcher

    return ReferenceMatcher(rules)
