"""Which rules can apply to a question, found by lookup instead of by evaluating every rule.

Built once per ruleset, in time linear in the rules' size. For each of the four fields every question states
(discloser, recipient, item, purpose), each rule has a profile: the values its condition names on that field,
those of them on which it is not already false when that field alone is known, and whether it is false on
every value it does not name (a list of roles) or not (no condition on the field, or `{not: [...]}`). Every value
a rule does not name is alike to it, so one evaluation stands for all of them. A question's candidates are the
rules not false on each of its four values and in force on its day, so the search over its unknown facts
starts from the few rules that can apply, not from all of them.

This is exact, not a heuristic: three-valued evaluation is monotone (a condition false on some known fields
stays false whatever the other fields turn out to be), so every rule left out would have been found false at
the search's first step anyway.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any, NamedTuple

from infoshare.core.compile import Expr, atoms, fields_of
from infoshare.core.evaluate import kleene
from infoshare.domain import ID_FIELDS

INDEXED_FIELDS = ID_FIELDS
_UNNAMED = "\x00a value no rule names"  # stands for every id a rule's condition does not name


class Profile(NamedTuple):
    """One rule's condition on one field, evaluated on that field alone (a named tuple: a check builds the index's
    records at every start, and a dataclass would bring the dataclasses module with it)."""

    named: frozenset[Any]  # the values its comparisons on the field name
    possible: frozenset[Any]  # of those, the values on which the condition is not already false
    open: bool  # whether it is not already false on a value it does not name

    def allows(self, value: Any) -> bool:
        return value in self.possible if value in self.named else self.open

    def meets(self, other: Profile, domain_size: int) -> bool:
        """Whether some value of the field (of `domain_size` ids) leaves both conditions possible."""
        if any(other.allows(v) for v in self.possible) or any(self.allows(v) for v in other.possible):
            return True
        return self.open and other.open and len(self.named | other.named) < domain_size


def field_profiles(ruleset: Any) -> dict[str, dict[str, Profile]]:
    """Every rule's profile on each indexed field: its condition evaluated on the values it names, and once for
    all the values it does not name. Linear in the size of the conditions."""
    found: dict[str, dict[str, Profile]] = {field: {} for field in INDEXED_FIELDS}
    for rule_id, expr in ruleset.compiled.items():
        for field, profile in zip(INDEXED_FIELDS, condition_profiles(expr)):
            found[field][rule_id] = profile
    return found


@cache
def condition_profiles(expr: Expr) -> tuple[Profile, ...]:
    """One condition's profile on each indexed field, in order (once per expression, as `kleene`)."""
    test = kleene(expr)
    rule_atoms = list(atoms(expr))
    found = []
    for field in INDEXED_FIELDS:
        named = frozenset(atom.value for atom in rule_atoms if atom.field == field)
        possible = frozenset(v for v in named if test({field: v}) is not False)
        found.append(Profile(named, possible, test({field: _UNNAMED}) is not False))
    return tuple(found)


_NO_CONDITION = Profile(frozenset(), frozenset(), True)


def profiles_to_plain(profiles: Mapping[str, Mapping[str, Profile]]) -> dict[str, dict[str, list[Any]]]:
    """The profiles as plain data for the ruleset cache: [named, possible, open] for each rule with a condition on the field."""
    return {
        field: {rule_id: [sorted(p.named), sorted(p.possible), p.open] for rule_id, p in by_rule.items() if p != _NO_CONDITION}
        for field, by_rule in profiles.items()
    }


def profiles_from_plain(data: Mapping[str, Mapping[str, list[Any]]], rule_ids: Iterable[str]) -> dict[str, dict[str, Profile]]:
    """The profiles back from the cache's plain data (a rule left out has no condition on the field)."""
    found: dict[str, dict[str, Profile]] = {}
    for field in INDEXED_FIELDS:
        stored = data[field]
        found[field] = {rule_id: _NO_CONDITION for rule_id in rule_ids}
        for rule_id, (named, possible, is_open) in stored.items():
            found[field][rule_id] = Profile(frozenset(named), frozenset(possible), bool(is_open))
    return found


class FieldIndex:
    """The profiles of every rule on one field, and for each value the rules it leaves possible (built on demand)."""

    def __init__(self, profiles: Mapping[str, Profile], domain: Iterable[Any]):
        self.domain = frozenset(domain)
        self.profiles = dict(profiles)
        self.open_rules: set[str] = {rule_id for rule_id, profile in profiles.items() if profile.open}
        self.naming: dict[Any, set[str]] = {}  # value -> the rules whose condition names it
        for rule_id, profile in profiles.items():
            for value in profile.named:
                self.naming.setdefault(value, set()).add(rule_id)
        self._allowing: dict[Any, frozenset[str]] = {}

    def allowing(self, value: Any) -> frozenset[str]:
        """The rules not already false when the field's value is `value`."""
        found = self._allowing.get(value)
        if found is None:
            naming = self.naming.get(value, set())
            found = frozenset(self.open_rules - naming).union(r for r in naming if value in self.profiles[r].possible)
            if value in self.domain:  # a question's values are checked against the vocabulary; stay bounded anyway
                self._allowing[value] = found
        return found

    def narrow(self, rule_ids: set[str], value: Any) -> set[str]:
        """Of `rule_ids`, those not already false when the field's value is `value`: cost by the rules naming it."""
        naming = self.naming.get(value, set())
        kept = {r for r in rule_ids & naming if value in self.profiles[r].possible}
        return kept | ((rule_ids & self.open_rules) - naming)


class RuleIndex:
    def __init__(self, ruleset: Any):
        vocabulary = ruleset.vocabulary
        domains = {"discloser": vocabulary.roles, "recipient": vocabulary.roles, "item": vocabulary.items, "purpose": vocabulary.purposes}
        # The ruleset cache keeps the profiles with the ruleset they were computed from (loader.py).
        profiles = ruleset.profiles if getattr(ruleset, "profiles", None) is not None else field_profiles(ruleset)
        self.fields = {field: FieldIndex(profiles[field], domains[field]) for field in INDEXED_FIELDS}
        self._fields = {rule_id: fields_of(expr) for rule_id, expr in ruleset.compiled.items()}
        self._fields_of: dict[tuple[str, ...], tuple[str, ...]] = {}
        dated = {rule_id: rule for rule_id, rule in ruleset.rules.items() if rule.pending_bill is None}
        self._by_bill: dict[str, frozenset[str]] = {}
        for rule_id, rule in ruleset.rules.items():
            if rule.pending_bill is not None:
                self._by_bill[rule.pending_bill] = self._by_bill.get(rule.pending_bill, frozenset()) | {rule_id}
        self._dated = dated
        self._undated = frozenset(dated)
        # In force from each boundary day up to the next: rules change only on a valid_from or the day after a valid_to.
        self._starts = sorted({rule.valid_from for rule in dated.values()} | {rule.valid_to + dt.timedelta(days=1) for rule in dated.values() if rule.valid_to})
        self._periods: dict[int, frozenset[str]] = {}

    def in_force(self, as_of: dt.date | None, assume_enacted: Iterable[str]) -> frozenset[str]:
        """Rules in force on `as_of` (all dates when None); a pending bill's rules only when assumed enacted."""
        if as_of is None:
            dated = self._undated
        else:
            period = bisect.bisect_right(self._starts, as_of) - 1
            dated = self._period(period) if period >= 0 else frozenset()
        for bill in assume_enacted:
            dated = dated | self._by_bill.get(bill, frozenset())
        return dated

    def _period(self, period: int) -> frozenset[str]:
        found = self._periods.get(period)
        if found is None:
            day = self._starts[period]
            found = self._periods[period] = frozenset(rule_id for rule_id, rule in self._dated.items() if rule.in_force(day))
        return found

    def candidates(self, known: Mapping[str, Any], active: frozenset[str]) -> list[str]:
        """The active rules not already false on the question's discloser, recipient, item and purpose, in id order."""
        sets = sorted((self.fields[field].allowing(known[field]) for field in INDEXED_FIELDS if field in known), key=len)
        found = sets[0] if sets else active
        for other in (*sets[1:], active):  # smallest first: each intersection costs the smaller set's size
            found = found & other
        return sorted(found)

    def mentioned(self, candidates: list[str]) -> tuple[str, ...]:
        """The fields the conditions of `candidates` look at, sorted."""
        rules = tuple(candidates)
        fields = self._fields_of.get(rules)
        if fields is None:
            if len(self._fields_of) > 4096:
                self._fields_of.clear()
            fields = self._fields_of[rules] = tuple(sorted(frozenset().union(*(self._fields[r] for r in rules))))
        return fields

    def search_key(self, candidates: list[str], known: Mapping[str, Any]) -> tuple[Any, ...]:
        """What a search over `candidates` depends on: the rules, and the known values of the fields they mention."""
        fields = self.mentioned(candidates)
        return tuple(candidates), tuple((field, type(known[field]), known[field]) for field in fields if field in known)  # True == 1, but not as a value
