"""Classes of questions that the rules cannot tell apart, so that one answer stands for many.

Questions on which every rule reduces to the same residual condition get the same answer: the decision
procedure sees a question only through the rules, and explores a field left unknown through the residuals
that still test it. Splitting a grid of questions field by field (a field's values and `UNKNOWN`), and
merging the points whose residuals agree, leaves a few thousand classes of a grid of billions.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from infoshare.core.compile import AnyOf, Atom, Expr
from infoshare.core.evaluate import holds
from infoshare.core.loader import Ruleset

GRID_FIELDS = ("discloser", "recipient", "item", "purpose", "initiative")
FALSE, TRUE = 0, 1
Box = tuple[frozenset[Any], ...]  # grid points as a product: one set of values per field


class _Unknown:
    """The value of a field the question leaves out: it fills in nothing, so every residual keeps its test."""

    def __repr__(self) -> str:
        return "unknown"

    def __lt__(self, other: Any) -> bool:  # sorts after every value, so a domain lists the known values first
        return False

    def __gt__(self, other: Any) -> bool:
        return other is not self


UNKNOWN = _Unknown()


class Residuals:
    """Rule conditions with some fields known, numbered so that equal residuals share one number.

    The numbers make a class key a tuple of ints, cheap to hash, and let filling in a field be memoised.
    """

    def __init__(self) -> None:
        self._nodes: list[Any] = [False, True]  # a number's residual: False, True, an Atom or (op, part numbers)
        self._numbers: dict[Any, int] = {}
        self._fields: list[frozenset[str]] = [frozenset(), frozenset()]
        self._filled: dict[tuple[int, str, Any], int] = {}

    def of(self, expr: Expr) -> int:
        if isinstance(expr, Atom):
            return self._number(expr)
        return self._combine("any" if isinstance(expr, AnyOf) else "all", [self.of(part) for part in expr.parts])

    def fields(self, node: int) -> frozenset[str]:
        """The fields a residual still tests."""
        return self._fields[node]

    def fill(self, node: int, name: str, value: Any) -> int:
        """The residual once field `name` is known to be `value` (the same residual while it is UNKNOWN)."""
        if value is UNKNOWN or name not in self._fields[node]:
            return node
        key = (node, name, value)
        found = self._filled.get(key)
        if found is None:
            item = self._nodes[node]
            if isinstance(item, Atom):
                found = int(holds(item, value))
            else:
                found = self._combine(item[0], [self.fill(part, name, value) for part in item[1]])
            self._filled[key] = found
        return found

    def _combine(self, op: str, parts: list[int]) -> int:
        decisive = TRUE if op == "any" else FALSE  # the part value that settles the whole
        kept: list[int] = []
        for part in parts:
            if part == decisive:
                return decisive
            if part != 1 - decisive and part not in kept:
                kept.append(part)
        if not kept:
            return 1 - decisive
        return kept[0] if len(kept) == 1 else self._number((op, tuple(kept)))

    def _number(self, item: Any) -> int:
        found = self._numbers.get(item)
        if found is None:
            found = self._numbers[item] = len(self._nodes)
            self._nodes.append(item)
            tested = {item.field} if isinstance(item, Atom) else set().union(*(self._fields[part] for part in item[1]))
            self._fields.append(frozenset(tested))
        return found


@dataclass
class QuestionClass:
    """Grid points on which every rule of both revisions reduces to the same residual, so they get the same answers."""

    members: list[Box]
    before: tuple[int, ...]  # each rule's residual number, in the ruleset's rule order
    after: tuple[int, ...]


class GridSplitter:
    """Splits grids into classes of alike questions, under both revisions at once.

    The grid points are split field by field: points whose residuals agree are merged, and points that no
    changed rule can reach are dropped. A field that no residual of a class still tests is not split on:
    every value of it gives the same answers. The split on the fields every grid shares is done once.
    """

    def __init__(self, before: Ruleset, after: Ruleset, changed: Collection[str]):
        self.residuals = Residuals()
        self.split = len(before.compiled)
        rule_ids = [*before.compiled, *after.compiled]
        self._start = tuple(self.residuals.of(ruleset.compiled[r]) for ruleset in (before, after) for r in ruleset.compiled)
        self._watched = [index for index, rule_id in enumerate(rule_ids) if rule_id in changed]
        self._shared: dict[Any, dict[tuple[int, ...], list[Box]]] = {}
        self._fields_of: dict[tuple[int, ...], frozenset[str]] = {}

    def classes(self, fields: Sequence[str], domains: Mapping[str, tuple[Any, ...]]) -> list[QuestionClass]:
        """The classes of the grid of every combination of `domains`; `fields` begins with GRID_FIELDS."""
        assert tuple(fields[: len(GRID_FIELDS)]) == GRID_FIELDS
        shared_key = tuple(domains[name] for name in GRID_FIELDS)
        if shared_key not in self._shared:
            self._shared[shared_key] = self._refine({self._start: [()]}, GRID_FIELDS, domains)
        states = self._refine(self._shared[shared_key], fields[len(GRID_FIELDS) :], domains)
        return [QuestionClass(factorize(boxes), state[: self.split], state[self.split :]) for state, boxes in states.items()]

    def _refine(
        self, states: dict[tuple[int, ...], list[Box]], fields: Sequence[str], domains: Mapping[str, tuple[Any, ...]]
    ) -> dict[tuple[int, ...], list[Box]]:
        """Split on each field in turn; the values of one field that lead a class to the same residuals share one box."""
        residuals = self.residuals
        for name in fields:
            everything = frozenset(domains[name])
            following: dict[tuple[int, ...], list[Box]] = {}
            for state, boxes in states.items():
                if name not in self._tested(state):
                    following.setdefault(state, []).extend((*box, everything) for box in boxes)
                    continue
                by_key: dict[tuple[int, ...], list[Any]] = {}
                for value in domains[name]:
                    key = tuple(residuals.fill(node, name, value) for node in state)
                    if all(key[index] == FALSE for index in self._watched):
                        continue
                    by_key.setdefault(key, []).append(value)
                for key, values in by_key.items():
                    chosen = frozenset(values)
                    following.setdefault(key, []).extend((*box, chosen) for box in boxes)
            states = following
        return states

    def _tested(self, state: tuple[int, ...]) -> frozenset[str]:
        """The fields some residual of a class still tests (remembered: a class meets every field in turn)."""
        found = self._fields_of.get(state)
        if found is None:
            found = self._fields_of[state] = frozenset().union(*(self.residuals.fields(node) for node in set(state)))
        return found


def factorize(boxes: list[Box]) -> list[Box]:
    """Merge disjoint boxes that differ in one column only, until none do: the same questions in fewer lines."""
    if not boxes:
        return boxes
    shrinking = True
    while shrinking:
        shrinking = False
        for column in reversed(range(len(boxes[0]))):
            merged: dict[Box, set[Any]] = {}
            for box in boxes:
                merged.setdefault(box[:column] + box[column + 1 :], set()).update(box[column])
            if len(merged) < len(boxes):
                shrinking = True
                boxes = [rest[:column] + (frozenset(values),) + rest[column:] for rest, values in merged.items()]
    return boxes
