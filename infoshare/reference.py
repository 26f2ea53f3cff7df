"""The pure-Python reference evaluator of the rule IR.

It answers the same question as the durable-rules engine (which rules match a complete assignment),
and also evaluates with unknown fields in three-valued (Kleene) logic, which the decision procedure
uses to find the facts that still matter.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping, Sequence
from typing import Any

from .conditions import All, AnyOf, Atom, Expr

_COMPARE = {
    "eq": operator.eq,
    "ne": operator.ne,
    "lt": operator.lt,
    "le": operator.le,
    "gt": operator.gt,
    "ge": operator.ge,
}


def holds(atom: Atom, value: Any) -> bool:
    """One comparison on a known value; numbers compare only with numbers, as durable does for ours."""
    if atom.op in ("eq", "ne"):
        same = value == atom.value and isinstance(value, bool) == isinstance(atom.value, bool)
        return same if atom.op == "eq" else not same
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return _COMPARE[atom.op](value, atom.value)


def evaluate(expr: Expr, assignment: Mapping[str, Any]) -> bool:
    """Two-valued evaluation on a complete assignment."""
    if isinstance(expr, Atom):
        return expr.field in assignment and holds(expr, assignment[expr.field])
    if isinstance(expr, All):
        return all(evaluate(p, assignment) for p in expr.parts)
    return any(evaluate(p, assignment) for p in expr.parts)


def evaluate3(expr: Expr, assignment: Mapping[str, Any]) -> bool | None:
    """Kleene evaluation: a field missing from `assignment` is unknown; None means 'depends'."""
    if isinstance(expr, Atom):
        if expr.field not in assignment:
            return None
        return holds(expr, assignment[expr.field])
    if isinstance(expr, All):
        result: bool | None = True
        for part in expr.parts:
            value = evaluate3(part, assignment)
            if value is False:
                return False
            if value is None:
                result = None
        return result
    assert isinstance(expr, AnyOf)
    result = False
    for part in expr.parts:
        value = evaluate3(part, assignment)
        if value is True:
            return True
        if value is None:
            result = None
    return result


class ReferenceMatcher:
    """The `Matcher` interface in plain Python: which rules match a complete assignment."""

    name = "reference"

    def __init__(self, rules: Sequence[tuple[str, Expr]]):
        self._rules = list(rules)

    def match(self, assignment: Mapping[str, Any]) -> frozenset[str]:
        return frozenset(rule_id for rule_id, expr in self._rules if evaluate(expr, assignment))

    def close(self) -> None:
        """Nothing to release; present so both matchers share one interface."""


def open_fields(expr: Expr, assignment: Mapping[str, Any]) -> frozenset[str]:
    """The unknown fields that can still change `expr`: empty once it is decided either way."""
    if evaluate3(expr, assignment) is not None:
        return frozenset()
    if isinstance(expr, Atom):
        return frozenset({expr.field})
    return frozenset().union(*(open_fields(part, assignment) for part in expr.parts))
