"""Classes of questions that the rules cannot tell apart, so that one answer stands for many.

Questions on which every rule (and coverage claim) reduces to the same residual condition get the same answer:
the decision procedure sees a question only through the rules, and explores a field left unknown through the
residuals that still test it. Splitting a grid of questions field by field (a field's values and `UNKNOWN`), and
merging the points whose residuals agree, leaves tens of thousands of classes of a grid of quintillions.
`ClassVerdicts` then decides each class from its residuals, as the decider would decide any of its questions.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from infoshare.core.compile import All, AnyOf, Atom, Expr, atoms
from infoshare.core.decide import MAX_LEAVES, Decider, Verdict, combine_verdicts, not_in_force
from infoshare.core.evaluate import holds
from infoshare.core.loader import Ruleset
from infoshare.domain import ID_FIELDS

GRID_FIELDS = (*ID_FIELDS, "initiative")
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
        # An atom is numbered by what it tests, not by which compiled rule holds it (the IR's nodes compare by
        # identity), so the same test in both revisions is one residual and equal conditions get equal numbers.
        key = ("atom", item.field, item.op, type(item.value).__name__, item.value) if isinstance(item, Atom) else item
        found = self._numbers.get(key)
        if found is None:
            found = self._numbers[key] = len(self._nodes)
            self._nodes.append(item)
            tested = {item.field} if isinstance(item, Atom) else set().union(*(self._fields[part] for part in item[1]))
            self._fields.append(frozenset(tested))
        return found


Narrowed = tuple[tuple[int, frozenset[Any]], ...]  # a box as the fields it narrows: (place, values), every other field whole


@dataclass
class QuestionClass:
    """Grid points on which every rule and coverage claim of both revisions reduces to the same residual, so they
    get the same answers."""

    narrowed: list[Narrowed]  # disjoint boxes, as the split left them
    whole: Box  # every value of each field, the box a narrowed one narrows
    before: tuple[int, ...]  # each rule's residual number, in the ruleset's rule order, then each coverage claim's
    after: tuple[int, ...]

    @functools.cached_property
    def boxes(self) -> list[Box]:
        """The disjoint boxes with every field's values (written out only for a class that is asked or reported: most
        classes answer alike in both revisions and never are)."""
        found = []
        for narrowed in self.narrowed:
            box = list(self.whole)
            for place, values in narrowed:
                box[place] = values
            found.append(tuple(box))
        return found

    @functools.cached_property
    def members(self) -> list[Box]:
        """The same questions in as few boxes as merging gives (worked out only for a class that is reported)."""
        return factorize(self.boxes)


class GridSplitter:
    """Splits grids into classes of alike questions, under both revisions at once.

    The grid points are split field by field, and points whose residuals agree are merged. A point is dropped as
    soon as every watched rule is inert on it: it applies in neither revision (its residual is false in both, or
    it is absent from one), or only its condition changed and it reduces to the same residual in both (the same
    residual stays the same whatever the other fields are, so every rule then behaves alike and every answer is
    the same). The fields the watched rules test are split on first, so that the space far from the change is
    dropped before it is split further. A field that no residual of a class still tests is not split on: every
    value of it gives the same answers.
    """

    def __init__(self, before: Ruleset, after: Ruleset, watched: Mapping[str, bool]):
        """`watched`: rule id → whether only its condition changed (then equal residuals make it inert)."""
        self.residuals = Residuals()
        tracked = [[*ruleset.compiled.values(), *coverage_conditions(ruleset)] for ruleset in (before, after)]
        self.split = len(tracked[0])
        self._start = tuple(self.residuals.of(expr) for exprs in tracked for expr in exprs)
        places = [{rule_id: index for index, rule_id in enumerate(before.compiled)},
                  {rule_id: self.split + index for index, rule_id in enumerate(after.compiled)}]
        self._watched = [(places[0].get(rule_id), places[1].get(rule_id), alike) for rule_id, alike in sorted(watched.items())]
        self._first = frozenset(
            atom.field for ruleset in (before, after) for rule_id in watched if rule_id in ruleset.compiled for atom in atoms(ruleset.compiled[rule_id])
        )
        self._fields_of: dict[tuple[int, ...], frozenset[str]] = {}

    def classes(self, fields: Sequence[str], domains: Mapping[str, tuple[Any, ...]]) -> list[QuestionClass]:
        """The classes of the grid of every combination of `domains`, each box's values in `fields` order."""
        order = [*(name for name in fields if name in self._first), *(name for name in fields if name not in self._first)]
        states = self._refine({self._start: [()]}, order, {name: place for place, name in enumerate(fields)}, domains)
        whole = tuple(frozenset(domains[name]) for name in fields)
        return [QuestionClass(boxes, whole, state[: self.split], state[self.split :]) for state, boxes in states.items()]

    def _inert(self, key: tuple[int, ...]) -> bool:
        """Whether every watched rule behaves alike in both revisions on every question the key stands for."""
        for before, after, alike in self._watched:
            was = FALSE if before is None else key[before]
            now = FALSE if after is None else key[after]
            if not (was == now == FALSE or (alike and was == now)):
                return False
        return True

    def _refine(
        self, states: dict[tuple[int, ...], list[Narrowed]], fields: Sequence[str], places: Mapping[str, int], domains: Mapping[str, tuple[Any, ...]]
    ) -> dict[tuple[int, ...], list[Narrowed]]:
        """Split on each field in turn (`places`: where each stands in a box); the values of one field that lead a class
        to the same residuals share one box. A box records only the fields it narrows: a class that does not test a
        field keeps its boxes as they are."""
        residuals = self.residuals
        for name in fields:
            where, count = places[name], len(domains[name])
            following: dict[tuple[int, ...], list[Narrowed]] = {}
            for state, boxes in states.items():
                if name not in self._tested(state):
                    following.setdefault(state, []).extend(boxes)
                    continue
                # only the residuals that test the field change with its value: fill those, keep the others
                testing = [(place, node) for place, node in enumerate(state) if name in residuals.fields(node)]
                by_key: dict[tuple[int, ...], list[Any]] = {}
                for value in domains[name]:
                    filled = list(state)
                    for place, node in testing:
                        filled[place] = residuals.fill(node, name, value)
                    key = tuple(filled)
                    if self._inert(key):
                        continue
                    by_key.setdefault(key, []).append(value)
                for key, values in by_key.items():
                    if len(values) == count:
                        following.setdefault(key, []).extend(boxes)
                    else:
                        narrowing = (where, frozenset(values))
                        following.setdefault(key, []).extend((*box, narrowing) for box in boxes)
            states = following
        return states

    def _tested(self, state: tuple[int, ...]) -> frozenset[str]:
        """The fields some residual of a class still tests (remembered: a class meets every field in turn)."""
        found = self._fields_of.get(state)
        if found is None:
            found = self._fields_of[state] = frozenset().union(*(self.residuals.fields(node) for node in set(state)))
        return found


def coverage_conditions(ruleset: Ruleset) -> list[Expr]:
    """Each coverage claim of ruleset.yaml as a condition on the discloser and the recipient (its dates aside)."""
    found: list[Expr] = []
    for entry in ruleset.coverage:
        sides = []
        for field, ids in (("discloser", entry.disclosers), ("recipient", entry.recipients)):
            roles = sorted(set().union(*(ruleset.descendants[role] for role in ids)))
            sides.append(AnyOf(tuple(Atom(field, "eq", role) for role in roles)))
        found.append(All(tuple(sides)))
    return found


@dataclass(frozen=True)
class Period:
    """What one revision decides by on a day: the rules in force (a bit per rule, none before the law it covers),
    the coverage claims that hold (a bit per claim), and the rules of every date (for refer/not_in_force)."""

    active: int
    claims: int
    undated: int


class ClassVerdicts:
    """One revision's verdicts on classes of questions, worked out from the classes' residuals alone.

    It takes the decision procedure's steps (decide.py) on residuals instead of questions: the rules in force whose
    residual is true hold; while some are undecided, the field most of them still test is branched on (ties to the
    lower rank, as `choose_field`), over the same values; the leaves' verdicts are combined after the coverage and
    the other dates are taken into account as `Decider` does. A subtree is worked out once per set of undecided
    residuals, for every class and day that meets it, instead of once per question: that is what makes the whole space
    affordable.
    """

    def __init__(self, decider: Decider, residuals: Residuals):
        self.decider = decider
        self.residuals = residuals
        ruleset = decider.ruleset
        self.rule_ids = list(ruleset.compiled)
        self._ruleset = ruleset
        self._rank = decider.space.rank
        self._domains = decider.space.domains
        self._trees: dict[tuple[tuple[int, int], ...], tuple[frozenset[Verdict], int]] = {}
        self._masks: dict[tuple[tuple[int, int], ...], tuple[frozenset[int], int]] = {}
        self._by_mask: dict[int, Verdict] = {}
        self._verdicts: dict[tuple[Any, ...], Verdict | None] = {}

    @property
    def worked_out(self) -> int:
        """How many verdicts were worked out (each stands for every class and day with the same residuals)."""
        return len(self._verdicts)

    def period(self, as_of: dt.date, bills: Sequence[str]) -> Period:
        ruleset = self._ruleset
        active = self.decider.in_force(as_of, bills) if as_of >= ruleset.law_covered_from else frozenset()
        undated = self.decider.in_force(None, bills)
        claims = sum(1 << index for index, entry in enumerate(ruleset.coverage) if entry.covers(as_of))
        return Period(self._mask(active), claims, self._mask(undated))

    def reach(self, state: Sequence[int]) -> tuple[int, int]:
        """A class's rules whose residual is not false, and its coverage claims that hold (bit masks)."""
        count = len(self.rule_ids)
        rules = sum(1 << index for index in range(count) if state[index] != FALSE)
        claims = sum(1 << index for index, node in enumerate(state[count:]) if node == TRUE)
        return rules, claims

    def verdicts(self, state: Sequence[int], keys: Sequence[tuple[int, bool, int]]) -> list[Verdict | None]:
        """The verdicts on the questions whose residuals are `state`, for each key: decided by the rules in the mask
        `rules` (those in force that the class can reach), `covered` or not, with the rules of every date it can
        reach in `undated`; None where the decision procedure would stop at MAX_LEAVES (ask `Decider` then). The
        search over the rules of every date, which only a referral as not covered needs, is made once for each
        such mask among the keys: a class meets few of them (with a bill or without), on many days."""
        found: list[Verdict | None] = []
        every_date: dict[int, tuple[frozenset[Verdict], int]] = {}
        for rules, covered, undated in keys:
            rules_open = self._open(state, rules)
            key = (rules_open, covered)
            if key in self._verdicts:
                verdict = self._verdicts[key]
            else:
                verdict = self._verdicts[key] = self._combined(rules_open, covered)
            if verdict is not None and verdict.key == ("refer", "not_covered") and not verdict.set_aside:
                other = every_date.get(undated)
                if other is None:
                    other = every_date[undated] = self._leaves(self._open(state, undated))
                verdict = None if other[1] > MAX_LEAVES else not_in_force(verdict, other[0])
            found.append(verdict)
        return found

    def _combined(self, rules_open: tuple[tuple[int, int], ...], covered: bool) -> Verdict | None:
        leaves, count = self._leaves(rules_open)
        if count > MAX_LEAVES:
            return None
        if not covered:
            leaves = frozenset(self.decider.set_aside_defaults(leaf) for leaf in leaves)
        return combine_verdicts(list(leaves))  # it depends only on which verdicts occur

    def _mask(self, rule_ids: frozenset[str]) -> int:
        return sum(1 << index for index, rule_id in enumerate(self.rule_ids) if rule_id in rule_ids)

    @staticmethod
    def _open(state: Sequence[int], mask: int) -> tuple[tuple[int, int], ...]:
        """The rules of `mask`, each as (its place, its residual)."""
        return tuple([(index, state[index]) for index in _places(mask)])

    def _leaves(self, rules: tuple[tuple[int, int], ...]) -> tuple[frozenset[Verdict], int]:
        """The distinct verdicts of the search tree's leaves, and how many leaves it has."""
        found = self._trees.get(rules)
        if found is None:
            held = 0
            for index, node in rules:
                if node == TRUE:
                    held |= 1 << index
            masks, count = self._holding_masks(tuple(pair for pair in rules if pair[1] != TRUE))
            found = self._trees[rules] = frozenset([self._verdict_of(held | more) for more in masks]), count
        return found

    def _holding_masks(self, undecided: tuple[tuple[int, int], ...]) -> tuple[frozenset[int], int]:
        """The search tree over the undecided rules alone (the rules that already hold change neither which field it
        branches on nor where it ends): the distinct sets of them that hold at its leaves, as bit masks of their
        places, and how many leaves it has. Many classes and days meet the same undecided residuals beside different
        rules that hold."""
        found = self._masks.get(undecided)
        if found is not None:
            return found
        if not undecided:
            found = _NONE_MORE
        else:
            counts: dict[str, int] = {}
            for _, node in undecided:
                for name in self.residuals.fields(node):
                    counts[name] = counts.get(name, 0) + 1
            rank = self._rank
            variable = min(counts, key=lambda name: (-counts[name], rank[name]))
            masks: set[int] = set()
            total = 0
            fill = self.residuals.fill
            for value in self._domains[variable]:
                now = 0
                child: list[tuple[int, int]] = []
                for index, node in undecided:
                    filled = fill(node, variable, value)
                    if filled == TRUE:
                        now |= 1 << index
                    elif filled != FALSE:
                        child.append((index, filled))
                below, count = self._holding_masks(tuple(child))
                masks.update([more | now for more in below] if now else below)
                total += count
                if total > MAX_LEAVES:
                    break
            found = frozenset(masks), total
        self._masks[undecided] = found
        return found

    def _verdict_of(self, holding: int) -> Verdict:
        """The verdict where the rules of the bit mask `holding` hold (the decider's, remembered by the mask)."""
        found = self._by_mask.get(holding)
        if found is None:
            rule_ids = self.rule_ids
            found = self._by_mask[holding] = self.decider.resolve(frozenset(rule_ids[index] for index in _places(holding)))
        return found


_NONE_MORE: tuple[frozenset[int], int] = (frozenset({0}), 1)  # a leaf: no more rules hold


def _places(mask: int) -> list[int]:
    """The places of a bit mask's set bits, lowest first."""
    found = []
    while mask:
        low = mask & -mask
        found.append(low.bit_length() - 1)
        mask ^= low
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
