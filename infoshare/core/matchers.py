"""Build the matcher a command asked for: durable-rules (the default where installed) or the reference evaluator."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from importlib.util import find_spec
from typing import Any

from infoshare.core.compile import Expr
from infoshare.core.decide import Matcher
from infoshare.core.loader import Ruleset
from infoshare.core.rule_index import Profile, field_profiles
from infoshare.errors import UsageError

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
        from infoshare.core.durable import DurableMatcher

        profiles = ruleset.profiles if ruleset.profiles is not None else field_profiles(ruleset)
        return ByDiscloser(DurableMatcher, rules, profiles["discloser"])
    from infoshare.core.evaluate import ReferenceMatcher

    return ReferenceMatcher(rules)


class ByDiscloser:
    """One durable-rules network per discloser, over only the rules that can apply to that discloser, built on
    first use. A durable network's cost grows with every rule in it, so a question meets the rules of its own
    discloser, not the whole law; a rule left out is false for that discloser, so it could never have matched.
    `profiles`: each rule's condition on the discloser alone (rule_index.py), which tells exactly that."""

    name = "durable"
    independent = True

    def __init__(self, build: Callable[[Sequence[tuple[str, Expr]]], Matcher], rules: Sequence[tuple[str, Expr]], profiles: Mapping[str, Profile]):
        self._build = build
        self._rules = list(rules)
        self._profiles = profiles
        self._parts: dict[Any, Matcher] = {}

    def match(self, assignment: Mapping[str, Any]) -> frozenset[str]:
        discloser = assignment.get("discloser")
        part = self._parts.get(discloser)
        if part is None:
            part = self._parts[discloser] = self._build([(rule_id, expr) for rule_id, expr in self._rules if self._profiles[rule_id].allows(discloser)])
        return part.match(assignment)

    def close(self) -> None:
        for part in self._parts.values():
            part.close()
        self._parts.clear()
