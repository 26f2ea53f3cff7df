"""Build the matcher a command asked for: durable-rules (the default where installed) or the reference evaluator."""

from __future__ import annotations

from importlib.util import find_spec

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
    if name == "durable":
        if not durable_installed():
            raise UsageError("durable-rules is not installed (it does not build on Python 3.13); use --engine reference")
        from infoshare.core.durable import DurableMatcher

        return DurableMatcher(by_discloser(ruleset))
    from infoshare.core.evaluate import ReferenceMatcher

    return ReferenceMatcher(list(ruleset.compiled.items()))


def by_discloser(ruleset: Ruleset) -> list[tuple[str, Expr]]:
    """The rules with those of each discloser side by side: each rule at the first role, in the vocabulary's order, it
    can apply to as discloser (its profile on the discloser alone, rule_index.py, tells exactly). durable-rules
    packs rules into shards in this order and matches only the shards that hold a question's candidate rules, so
    a question meets few shards, and a shard no question has needed is never built."""
    profiles = (ruleset.profiles if ruleset.profiles is not None else field_profiles(ruleset))["discloser"]
    roles = list(ruleset.vocabulary.roles)
    rank = {role: index for index, role in enumerate(roles)}

    def first_role(profile: Profile) -> int:
        if profile.open:  # every role but those it names and rules out
            return next((index for index, role in enumerate(roles) if profile.allows(role)), len(roles))
        return min((rank[role] for role in profile.possible if role in rank), default=len(roles))

    return sorted(ruleset.compiled.items(), key=lambda item: (first_role(profiles[item[0]]), item[0]))
