"""The rule IR: conditions compiled to a small tree of comparisons that both evaluators implement.

A question becomes a flat assignment of fields (discloser, recipient, item, purpose, initiative,
age, mature and the fact ids). The IR has no negation over a whole block, so evaluation is monotone
in its atoms; that is what makes three-valued evaluation of unknown fields sound. Nodes compare by
identity, so the evaluators can cache what they compile from each node cheaply; they are plain classes with
slots, never changed once built (quicker to define at each start than dataclasses, and smaller).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from infoshare.core.records import IdSetMethods as IdSet
from infoshare.core.records import NumberTestMethods as NumberTest
from infoshare.domain import ID_FIELDS, SUBJECT_FIELDS

if TYPE_CHECKING:
    from infoshare.core.model import Condition


class Atom:
    """`field op value`: one comparison."""

    __slots__ = ("field", "op", "value")

    def __init__(self, field: str, op: str, value: Any) -> None:
        self.field, self.op, self.value = field, op, value

    def __repr__(self) -> str:
        return f"Atom({self.field!r}, {self.op!r}, {self.value!r})"


class All:
    __slots__ = ("parts",)

    def __init__(self, parts: tuple[Expr, ...]) -> None:
        self.parts = parts

    def __repr__(self) -> str:
        return f"All({self.parts!r})"


class AnyOf:
    __slots__ = ("parts",)

    def __init__(self, parts: tuple[Expr, ...]) -> None:
        self.parts = parts

    def __repr__(self) -> str:
        return f"AnyOf({self.parts!r})"


Expr = Atom | All | AnyOf


def compile_condition(condition: Condition, descendants: Mapping[str, frozenset[str]]) -> Expr:
    """Turn a rule's `when` into IR; a role id also matches the roles below it in the vocabulary."""
    parts: list[Expr] = []
    for field in (*ID_FIELDS, "initiative"):
        id_set = getattr(condition, field)
        if id_set is not None:
            expand = descendants if field in ("discloser", "recipient") else {}
            parts.append(_id_set(field, id_set, expand))
    if condition.subject is not None:
        for name in SUBJECT_FIELDS:
            test = getattr(condition.subject, name)
            if test is not None:
                parts.append(_fact(name, test))
    for fact, test in condition.facts.items():
        parts.append(_fact(fact, test))
    if condition.any_of:
        parts.append(_simplify(AnyOf(tuple(compile_condition(c, descendants) for c in condition.any_of))))
    return _simplify(All(tuple(parts)))


def _id_set(field: str, id_set: IdSet, descendants: Mapping[str, frozenset[str]]) -> Expr:
    ids: list[str] = []
    for one in id_set.ids:
        for expanded in sorted(descendants.get(one, frozenset({one}))):
            if expanded not in ids:
                ids.append(expanded)
    if id_set.negated:
        return _simplify(All(tuple(Atom(field, "ne", i) for i in ids)))
    return _simplify(AnyOf(tuple(Atom(field, "eq", i) for i in ids)))


def _number(field: str, test: NumberTest) -> Expr:
    parts = []
    for name, op in (("at_least", "ge"), ("above", "gt"), ("below", "lt"), ("at_most", "le")):
        value = getattr(test, name)
        if value is not None:
            parts.append(Atom(field, op, _whole(value)))
    return _simplify(All(tuple(parts)))


def _fact(fact: str, test: Any) -> Expr:
    if isinstance(test, NumberTest):
        return _number(fact, test)
    if isinstance(test, IdSet):
        return _id_set(fact, test, {})
    if isinstance(test, list):
        return _simplify(AnyOf(tuple(Atom(fact, "eq", v) for v in test)))
    return Atom(fact, "eq", test)


def _whole(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _simplify(expr: Expr) -> Expr:
    if isinstance(expr, (All, AnyOf)) and len(expr.parts) == 1:
        return expr.parts[0]
    return expr


def atoms(expr: Expr) -> Iterator[Atom]:
    """Every comparison in an expression, in order."""
    if isinstance(expr, Atom):
        yield expr
    else:
        for part in expr.parts:
            yield from atoms(part)


@cache
def fields_of(expr: Expr) -> frozenset[str]:
    """The fields a condition looks at, once per expression: the index, and each durable network, ask again."""
    return frozenset(atom.field for atom in atoms(expr))
