"""The pure-Python reference evaluator of the rule IR.

It answers the same question as the durable-rules engine (which rules match a complete assignment),
and also evaluates with unknown fields in three-valued (Kleene) logic, which the decision procedure
uses to find the facts that still matter.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from typing import Any, TypeVar

from infoshare.core.compile import All, AnyOf, Atom, Expr

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


Kleene = Callable[[Mapping[str, Any]], "bool | None"]


@cache
def kleene(expr: Expr) -> Kleene:
    """Compile an expression once into a function of an assignment: True, False, or None ('depends').

    A field missing from the assignment is unknown. Closures spare the per-node type dispatch on the
    hot path, where every question evaluates every rule at each step of the search.
    """
    if isinstance(expr, Atom):
        field, test = expr.field, _test(expr)

        def atom_value(assignment: Mapping[str, Any]) -> bool | None:
            return test(assignment[field]) if field in assignment else None

        return atom_value
    group = _id_list(expr)
    if group is not None:  # one of these ids, or none of them: one set lookup, however long the list
        field, ids, wanted = group

        def listed(assignment: Mapping[str, Any]) -> bool | None:
            return (assignment[field] in ids) is wanted if field in assignment else None

        return listed
    parts = tuple(kleene(part) for part in expr.parts)
    decisive = isinstance(expr, AnyOf)  # the value that settles the whole: True for any-of, False for all-of

    def combined(assignment: Mapping[str, Any]) -> bool | None:
        result: bool | None = not decisive
        for part in parts:
            value = part(assignment)
            if value is decisive:
                return decisive
            if value is None:
                result = None
        return result

    return combined


def _id_list(expr: All | AnyOf) -> tuple[str, frozenset[str], bool] | None:
    """An any-of of `field = id` (True: the field's value must be listed) or an all-of of `field != id` (False: it
    must not be), as the compiler writes a list of ids; None for any other expression."""
    atoms = [p for p in expr.parts if isinstance(p, Atom)]
    op = "eq" if isinstance(expr, AnyOf) else "ne"
    if not atoms or len(atoms) < len(expr.parts) or any(a.field != atoms[0].field or a.op != op or not isinstance(a.value, str) for a in atoms):
        return None
    return atoms[0].field, frozenset(a.value for a in atoms), op == "eq"


def _test(atom: Atom) -> Callable[[Any], bool]:
    """`holds` specialised to one atom: the common string comparison needs no type checks."""
    if atom.op == "eq" and isinstance(atom.value, str):
        return atom.value.__eq__
    if atom.op == "ne" and isinstance(atom.value, str):
        return atom.value.__ne__
    if atom.op in ("eq", "ne") and isinstance(atom.value, bool):  # True and False are the only booleans: identity is equality
        target = atom.value
        return (lambda value: value is target) if atom.op == "eq" else (lambda value: value is not target)
    return lambda value: holds(atom, value)


def evaluate3(expr: Expr, assignment: Mapping[str, Any]) -> bool | None:
    """Kleene evaluation: a field missing from `assignment` is unknown; None means 'depends'."""
    return kleene(expr)(assignment)


def evaluate(expr: Expr, assignment: Mapping[str, Any]) -> bool:
    """Two-valued evaluation on a complete assignment."""
    return kleene(expr)(assignment) is True


class ReferenceMatcher:
    """The `Matcher` interface in plain Python: which rules match a complete assignment."""

    name = "reference"
    independent = False  # the three-valued search already uses this logic: checking a leaf against it proves nothing

    def __init__(self, rules: Sequence[tuple[str, Expr]]):
        self._rules = list(rules)
        self._by_id = dict(self._rules)

    def match(self, assignment: Mapping[str, Any], among: Iterable[str] | None = None) -> frozenset[str]:
        rules = self._rules if among is None else [(rule_id, self._by_id[rule_id]) for rule_id in among if rule_id in self._by_id]
        return frozenset(rule_id for rule_id, expr in rules if evaluate(expr, assignment))

    def close(self) -> None:
        """Nothing to release; present so both matchers share one interface."""

    def __enter__(self) -> ReferenceMatcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def open_fields(expr: Expr, assignment: Mapping[str, Any]) -> frozenset[str]:
    """The unknown fields that can still change `expr`: empty once it is decided either way."""
    return frozenset(_unknowns(expr)(assignment) or ())


@cache
def _unknowns(expr: Expr) -> Callable[[Mapping[str, Any]], list[str] | None]:
    """`open_fields` compiled once per expression, like `kleene`: None when decided, else the open fields (maybe repeated)."""
    if isinstance(expr, Atom):
        field = expr.field

        def atom_open(assignment: Mapping[str, Any]) -> list[str] | None:
            return None if field in assignment else [field]

        return atom_open
    group = _id_list(expr)
    if group is not None:
        field = group[0]

        def listed_open(assignment: Mapping[str, Any]) -> list[str] | None:
            return None if field in assignment else [field]

        return listed_open
    parts = tuple((kleene(part), _unknowns(part)) for part in expr.parts)
    decisive = isinstance(expr, AnyOf)

    def combined_open(assignment: Mapping[str, Any]) -> list[str] | None:
        found: list[str] | None = None
        for value_of, open_of in parts:
            value = value_of(assignment)
            if value is decisive:
                return None
            if value is None:
                more = open_of(assignment) or []
                found = more if found is None else found + more
        return found

    return combined_open


T = TypeVar("T")


def search(
    compiled: Mapping[str, Expr],
    rule_ids: Sequence[str],
    known: Mapping[str, Any],
    rank: Mapping[str, int],
    domains: Mapping[str, Sequence[Any]],
    stop: Callable[[frozenset[str], list[str]], bool],
    leaf: Callable[[dict[str, Any], frozenset[str], list[str]], T],
    branch: Callable[[str, tuple[str, ...], list[tuple[Any, T]]], T],
    children: Callable[[str, list[str]], Iterable[tuple[Any, list[str]]]] | None = None,
) -> T:
    """The three-valued search over unknown fields that the decider and lint's witnesses share.

    At each node the known fields settle some rules (they hold, or fail and are dropped); while `stop` (given the
    rules that hold and those still undecided) does not end the branch, the search branches on the field most
    undecided rules ask about (`choose_field`), one child per value of `domains`, depth first. `leaf` makes a
    node of the partial assignment, the rules that hold and the undecided ones (none unless `stop` cut the
    branch short); `branch` one of the field, the rules that asked about it and its children. `children`, given the
    field and the undecided rules, may choose the values to try and the rules each keeps (lint's witnesses skip ids
    alike to every rule there); by default every value of `domains`, with every undecided rule.
    """

    visit = _Visit(compiled, rank, domains, stop, leaf, branch, children)
    return visit(dict(known), frozenset(), list(rule_ids), {}, None)


class _Visit:
    """One node of `search`, and its children depth first. An object, not a closure that calls itself: such a closure
    is a reference cycle, which would keep each search's callbacks (and the decider they hold) alive until the
    garbage collector's next full pass."""

    def __init__(self, compiled: Mapping[str, Expr], rank: Mapping[str, int], domains: Mapping[str, Sequence[Any]], stop: Any, leaf: Any, branch: Any, children: Any):
        self.compiled, self.rank, self.domains = compiled, rank, domains
        self.stop, self.leaf, self.branch, self.children = stop, leaf, branch, children

    def __call__(self, partial: dict[str, Any], holding: frozenset[str], open_rules: list[str], asked: dict[str, set[str]], given: str | None) -> Any:
        # `asked`: each open rule's unknown fields at the parent node, and `given` the field the parent gave a value,
        # so that only the rules that value can change are evaluated
        holding_now, undecided, unknown = settle(self.compiled, open_rules, partial, holding, asked, given)
        if self.stop(holding_now, undecided):
            return self.leaf(partial, holding_now, undecided)
        variable, asked_by = choose_field(unknown, self.rank)
        tried = self.children(variable, undecided) if self.children is not None else ((value, undecided) for value in self.domains[variable])
        return self.branch(variable, asked_by, [(value, self({**partial, variable: value}, holding_now, rules, unknown, variable)) for value, rules in tried])


def settle(
    compiled: Mapping[str, Expr],
    open_rules: list[str],
    partial: Mapping[str, Any],
    holding: frozenset[str],
    before: dict[str, set[str]],
    given: str | None,
) -> tuple[frozenset[str], list[str], dict[str, set[str]]]:
    """One node of the search: the rules that now hold (with those that held before), those still undecided, in order,
    and each undecided rule's unknown fields (the rest fail and are dropped). A rule whose unknown fields at the
    parent node (`before`) do not include the field the parent gave a value (`given`) is as undecided here as there,
    with the same unknown fields (three-valued evaluation is monotone: decided parts stay decided, and the undecided
    ones look only at those fields), so only the rules that asked for it are evaluated again. A set lookup of that
    one field, not a test of the unknown fields against the whole assignment: every other field of `partial` was
    known at the parent, so none of them is among those unknown fields."""
    settled: set[str] = set()
    undecided: list[str] = []
    unknown: dict[str, set[str]] = {}
    for rule_id in open_rules:
        names = before.get(rule_id)
        if names is None or given in names:
            expr = compiled[rule_id]
            status = kleene(expr)(partial)  # the hot path of every search: no layer between
            if status is True:
                settled.add(rule_id)
                continue
            if status is False:
                continue
            names = set(_unknowns(expr)(partial) or ())
        undecided.append(rule_id)
        unknown[rule_id] = names
    return (holding | settled if settled else holding), undecided, unknown


def choose_field(unknown: Mapping[str, set[str]], rank: Mapping[str, int]) -> tuple[str, tuple[str, ...]]:
    """The unknown field most undecided rules ask about (ties to the lower `rank`), and the rules that ask about it
    (`unknown`: each undecided rule's unknown fields): the field a search over unknown facts branches on next."""
    counts: dict[str, int] = {}
    for names in unknown.values():
        for name in names:
            counts[name] = counts.get(name, 0) + 1
    variable = min(counts, key=lambda name: (-counts[name], rank[name]))
    return variable, tuple(rule_id for rule_id, names in unknown.items() if variable in names)
