"""Build the matcher a command asked for: durable-rules (the default) or the reference evaluator."""

from __future__ import annotations

from .decide import Matcher
from .loader import Ruleset


def make_matcher(name: str, ruleset: Ruleset) -> Matcher:
    rules = list(ruleset.compiled.items())
    if name == "durable":
        from .engine import DurableMatcher

        return DurableMatcher(rules)
    from .reference import ReferenceMatcher

    return ReferenceMatcher(rules)
