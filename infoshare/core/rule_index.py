"""Which rules can apply to a question, found by lookup instead of by evaluating every rule.

Built once per ruleset. For each of the four fields every question states (discloser, recipient, item,
purpose) and each of its values, the index holds the rules whose condition is not already false when that
field alone is known; for each stretch of days between two rule dates, the rules in force then. A question's
candidates are the intersection of its four sets and the rules in force on its day, so the search over its
unknown facts starts from the few rules that can apply, not from all of them.

This is exact, not a heuristic: three-valued evaluation is monotone (a condition false on some known fields
stays false whatever the other fields turn out to be), so every rule left out would have been found false at
the search's first step anyway.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from infoshare.core.compile import atoms
from infoshare.core.evaluate import kleene
from infoshare.domain import ID_FIELDS

INDEXED_FIELDS = ID_FIELDS


def rules_by_field(ruleset: Any) -> dict[str, dict[str, frozenset[str]]]:
    """For each indexed field and value, the rules not already false when that field alone is known."""
    vocabulary = ruleset.vocabulary
    domains = {"discloser": vocabulary.roles, "recipient": vocabulary.roles, "item": vocabulary.items, "purpose": vocabulary.purposes}
    tests = [(rule_id, kleene(expr)) for rule_id, expr in ruleset.compiled.items()]
    return {
        field: {value: frozenset(rule_id for rule_id, test in tests if test({field: value}) is not False) for value in domains[field]}
        for field in INDEXED_FIELDS
    }


class RuleIndex:
    def __init__(self, ruleset: Any):
        # The ruleset cache keeps rules_by_field with the ruleset it was computed from (loader.py).
        self._by_field = ruleset.by_field if getattr(ruleset, "by_field", None) is not None else rules_by_field(ruleset)
        self._all = frozenset(ruleset.compiled)
        self._fields = {rule_id: frozenset(atom.field for atom in atoms(expr)) for rule_id, expr in ruleset.compiled.items()}
        self._fields_of: dict[tuple[str, ...], tuple[str, ...]] = {}
        dated = {rule_id: rule for rule_id, rule in ruleset.rules.items() if rule.pending_bill is None}
        self._by_bill: dict[str, frozenset[str]] = {}
        for rule_id, rule in ruleset.rules.items():
            if rule.pending_bill is not None:
                self._by_bill[rule.pending_bill] = self._by_bill.get(rule.pending_bill, frozenset()) | {rule_id}
        self._undated = frozenset(dated)
        # In force from each boundary day up to the next: rules change only on a valid_from or the day after a valid_to.
        starts = sorted({rule.valid_from for rule in dated.values()} | {rule.valid_to + dt.timedelta(days=1) for rule in dated.values() if rule.valid_to})
        self._starts = starts
        self._periods = [frozenset(rule_id for rule_id, rule in dated.items() if rule.in_force(day)) for day in starts]

    def in_force(self, as_of: dt.date | None, assume_enacted: Iterable[str]) -> frozenset[str]:
        """Rules in force on `as_of` (all dates when None); a pending bill's rules only when assumed enacted."""
        if as_of is None:
            dated = self._undated
        else:
            period = bisect.bisect_right(self._starts, as_of) - 1
            dated = self._periods[period] if period >= 0 else frozenset()
        for bill in assume_enacted:
            dated = dated | self._by_bill.get(bill, frozenset())
        return dated

    def candidates(self, known: Mapping[str, Any], active: frozenset[str]) -> list[str]:
        """The active rules not already false on the question's discloser, recipient, item and purpose, in id order."""
        sets = sorted((self._by_field[field].get(known[field], self._all) for field in INDEXED_FIELDS if field in known), key=len)
        found = sets[0] if sets else active
        for other in (*sets[1:], active):  # smallest first: each intersection costs the smaller set's size
            found = found & other
        return sorted(found)

    def search_key(self, candidates: list[str], known: Mapping[str, Any]) -> tuple[Any, ...]:
        """What a search over `candidates` depends on: the rules, and the known values of the fields they mention."""
        rules = tuple(candidates)
        fields = self._fields_of.get(rules)
        if fields is None:
            if len(self._fields_of) > 4096:
                self._fields_of.clear()
            fields = self._fields_of[rules] = tuple(sorted(frozenset().union(*(self._fields[r] for r in rules))))
        return rules, tuple((field, type(known[field]), known[field]) for field in fields if field in known)  # True == 1, but not as a value
