"""Build the matcher a command asked for: durable-rules (the default where installed) or the reference evaluator."""

from __future__ import annotations

from collections.abc import Callable
from importlib.util import find_spec

from infoshare.core.decide import Matcher
from infoshare.core.loader import Ruleset
from infoshare.core.rule_index import field_profiles
from infoshare.errors import UsageError

ENGINE_TITLES = {"durable": "durable-rules", "reference": "the reference evaluator"}


def durable_installed() -> bool:
    """Whether durable-rules can be imported: it is not installed on Python 3.13, where it does not build."""
    return find_spec("durable_rules_engine") is not None


def default_engine() -> str:
    """durable-rules where it is installed, else the reference evaluator (the same answers, in pure Python)."""
    return "durable" if durable_installed() else "reference"


def make_matcher(name: str, ruleset: Ruleset) -> Matcher:
    if name == "durable":
        if not durable_installed():
            raise UsageError("durable-rules is not installed (it does not build on Python 3.13); use --engine reference")
        from infoshare.core.durable import DurableMatcher

        return DurableMatcher(list(ruleset.compiled.items()), applies_to=rules_for_discloser(ruleset))
    from infoshare.core.evaluate import ReferenceMatcher

    return ReferenceMatcher(list(ruleset.compiled.items()))


def rules_for_discloser(ruleset: Ruleset) -> Callable[[str], list[str]]:
    """The rules that can apply to a discloser: those whose condition is not already false on the discloser alone
    (its profile, rule_index.py, tells exactly). durable-rules matches a question only among these."""
    profiles = (ruleset.profiles if ruleset.profiles is not None else field_profiles(ruleset))["discloser"]

    def applies_to(discloser: str) -> list[str]:
        return [rule_id for rule_id, profile in profiles.items() if profile.allows(discloser)]

    return applies_to
