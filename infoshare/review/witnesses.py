"""Search every question the vocabulary allows, three-valued, for what lint must prove about the rules.

A question is a discloser × recipient × item × purpose with the subject's and the facts' values, on a
day (and with the pending bills assumed enacted). The search fixes only the fields that a rule still
undecided asks about, so it visits one node per combination the rules tell apart, not the whole
product, and it stops a branch as soon as nothing it could still find is possible there. Lint uses it
to show that each rule can apply, and to find opposing rules that meet undefeated: a `refer/conflict`
that no rule settles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from infoshare.checker import make_checker
from infoshare.core.decide import representatives
from infoshare.core.evaluate import holds, search
from infoshare.core.loader import Ruleset
from infoshare.domain import ID_FIELDS, question_data


@dataclass(frozen=True)
class LawInForce:
    """A day, the pending bills assumed enacted, and the rules in force then."""

    as_of: dt.date
    assume_enacted: tuple[str, ...]
    active: frozenset[str]


@dataclass(frozen=True)
class Meeting:
    """A forbid and a permit/require rule that stand undefeated together on `question`."""

    forbid: str
    other: str
    question: dict[str, Any]


class _Found(Exception):
    """Ends a search at its first witness."""


class QuestionSpace:
    """The fields of a question, each with one value per case the rules distinguish."""

    def __init__(self, ruleset: Ruleset):
        self.ruleset = ruleset
        self._decider = make_checker(ruleset, "reference").decider
        variables = self._decider.space
        vocabulary = ruleset.vocabulary
        choices: dict[str, Mapping[str, Any]] = {"discloser": vocabulary.roles, "recipient": vocabulary.roles, "item": vocabulary.items, "purpose": vocabulary.purposes}
        self.order = [*ID_FIELDS, *variables.order]
        self.rank = {name: index for index, name in enumerate(self.order)}
        self._atoms = variables.atoms_by_field
        # one id for each set of ids that every rule treats alike (the first in vocabulary order)
        self.domains: dict[str, list[Any]] = {name: representatives(choices[name], self._atoms.get(name, [])) for name in ID_FIELDS}
        self.domains.update({name: self._inner(name, values) for name, values in variables.domains.items()})
        self._neighbours: dict[str, frozenset[str]] = {}
        self._positions: dict[str, dict[Any, int]] = {}

    def _inner(self, name: str, values: list[Any]) -> list[Any]:
        """Numbers: of each range the rules distinguish, its top whole value (14 rather than 0 for
        'below 15'), so an example question reads naturally; the last, open range keeps its first value."""
        if not values or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            return values
        field_atoms = self._atoms.get(name, [])

        def signature(value: Any) -> tuple[bool, ...]:
            return tuple(holds(a, value) for a in field_atoms)

        inner = [top - 1 if top - 1 > v and signature(top - 1) == signature(v) else v for v, top in zip(values, values[1:])]
        return [*inner, values[-1]]

    # -- the days and bills to search -------------------------------------------------------------------

    def laws_in_force(self) -> list[LawInForce]:
        """Each distinct set of rules in force from the start of coverage, alone and with each pending bill."""
        rules = self.ruleset.rules
        start = self.ruleset.law_covered_from
        dated = {rule_id: rule for rule_id, rule in rules.items() if rule.pending_bill is None}
        days = {start}
        for rule in dated.values():
            days.add(rule.valid_from)
            if rule.valid_to is not None:
                days.add(rule.valid_to + dt.timedelta(days=1))
        found: list[LawInForce] = []
        seen: set[frozenset[str]] = set()
        for day in sorted(d for d in days if d >= start):
            in_force = frozenset(r for r, rule in dated.items() if rule.in_force(day))
            for bill in ((), *((b,) for b in sorted(self.ruleset.bills))):
                active = in_force | {r for r, rule in rules.items() if rule.pending_bill in bill}
                if active not in seen:
                    seen.add(active)
                    found.append(LawInForce(day, bill, active))
        return found

    # -- what lint asks ---------------------------------------------------------------------------------

    def witness(self, rule_id: str) -> dict[str, Any] | None:
        """A question on which the rule's conditions hold (whatever the day), or None when none exists."""
        found: list[dict[str, Any]] = []

        def leaf(partial: dict[str, Any], holding: frozenset[str]) -> None:
            if rule_id in holding:
                found.append(partial)
                raise _Found

        try:
            self._search([rule_id], lambda possible: rule_id in possible, leaf, needed=rule_id)
        except _Found:
            return self.question(found[0], None)
        return None

    def neighbours(self, rule_id: str) -> frozenset[str]:
        """The rules that may apply on a question where `rule_id` does, as far as the discloser, recipient, item and
        purpose tell: every other rule is false wherever this one holds, so it can neither meet nor defeat it."""
        found = self._neighbours.get(rule_id)
        if found is None:
            fields = self._decider.index.fields
            own = {name: fields[name].profiles[rule_id] for name in ID_FIELDS}
            narrow = [name for name in ID_FIELDS if not own[name].open]
            pools = [frozenset().union(*(fields[name].allowing(v) for v in own[name].possible)) for name in narrow]
            pool = min(pools, key=len) if pools else frozenset(self.ruleset.rules)
            sizes = {name: len(fields[name].domain) for name in ID_FIELDS}
            found = self._neighbours[rule_id] = frozenset(
                other for other in pool if all(own[name].meets(fields[name].profiles[other], sizes[name]) for name in ID_FIELDS)
            )
        return found

    def meetings(self, pairs: Iterable[tuple[str, str]]) -> list[Meeting]:
        """For each (forbid, other) pair that can stand undefeated together, the first question where it does.

        Each forbid rule is searched with its neighbours only (the rules that can hold where it holds), and once for
        each distinct set of them in force: the search's cost follows the rules that can meet, not the whole law."""
        partners: dict[str, set[str]] = {}
        for forbid, other in pairs:
            partners.setdefault(forbid, set()).add(other)
        laws = self.laws_in_force()
        found: dict[tuple[str, str], Meeting] = {}
        for forbid in sorted(partners):
            waiting = partners[forbid]
            near = self.neighbours(forbid) | {forbid}
            searched: set[frozenset[str]] = set()
            for law in laws:
                active = law.active & near
                if forbid not in active or active in searched:
                    continue
                searched.add(active)

                def leaf(partial: dict[str, Any], holding: frozenset[str]) -> None:
                    verdict = self._decider.resolve(holding)
                    if verdict.refer_reason != "conflict" or forbid not in verdict.grounds:  # noqa: B023 - leaf runs within this iteration
                        return
                    for other in sorted(waiting & set(verdict.grounds)):  # noqa: B023
                        found[(forbid, other)] = Meeting(forbid, other, self.question(partial, law))  # noqa: B023
                        waiting.discard(other)  # noqa: B023

                self._search(sorted(active), lambda possible: forbid in possible and not waiting.isdisjoint(possible), leaf, needed=forbid)  # noqa: B023
                if not waiting:
                    break
        return [found[pair] for pair in sorted(found)]

    # -- the search ---------------------------------------------------------------------------------------

    def _search(
        self,
        active: list[str],
        promising: Callable[[frozenset[str]], bool],
        leaf: Callable[[dict[str, Any], frozenset[str]], None],
        needed: str | None = None,
    ) -> None:
        """Visit each partial question on which every active rule is decided, skipping branches where no rule
        set that `promising` accepts can still arise (a rule that might hold is in the possible set). Rules are kept
        in id order throughout, so the search and the first question it finds do not depend on how they were gathered.
        `needed`: a rule that `promising` requires to be possible, so an id on which it is false is not tried."""
        fields = self._decider.index.fields

        def stop(holding: frozenset[str], undecided: list[str]) -> bool:
            return not undecided or not promising(holding.union(undecided))

        def decided(partial: dict[str, Any], holding: frozenset[str], undecided: list[str]) -> None:
            if not undecided and promising(holding):
                leaf(partial, holding)

        def children(variable: str, undecided: list[str]) -> Iterable[tuple[Any, list[str]]]:
            if variable not in fields:
                return ((value, undecided) for value in self.domains[variable])
            # An id: the values the undecided rules name, and one for all the others (alike to every rule here,
            # so their searches would find the same); each value keeps only the rules it leaves possible.
            index = fields[variable]
            named = frozenset().union(*(index.profiles[r].named for r in undecided))
            unnamed = next((v for v in self.domains[variable] if v not in named), None)
            remaining = set(undecided)
            needs = index.profiles[needed] if needed is not None else None
            return (
                (value, sorted(index.narrow(remaining, value)))
                for value in self._in_order(variable, named | {unnamed})
                if needs is None or needs.allows(value)
            )

        search(self.ruleset.compiled, sorted(active), {}, self.rank, self.domains, stop, decided, lambda *_: None, children)

    def _in_order(self, name: str, values: Iterable[Any]) -> list[Any]:
        """`values` of the field in the order of its domain (the order the search tries them)."""
        position = self._positions.get(name)
        if position is None:
            position = self._positions[name] = {v: i for i, v in enumerate(self.domains[name])}
        return sorted((v for v in values if v in position), key=position.__getitem__)

    def question(self, partial: Mapping[str, Any], law: LawInForce | None) -> dict[str, Any]:
        """A partial assignment as a question in the contract's shape; fields no rule asked about stay unknown."""
        known: dict[str, Any] = {}
        for name in ID_FIELDS:  # a field no rule asked about takes any value: not the discloser's, for the recipient
            unlike = [v for v in self.domains[name] if name != "recipient" or v != known["discloser"]]
            known[name] = partial.get(name, unlike[0])
        known.update((name, partial[name]) for name in self.order if name in partial and name not in ID_FIELDS)
        if law is None:
            return question_data(known)
        return question_data(known, law.as_of.isoformat(), assume_enacted=law.assume_enacted)
