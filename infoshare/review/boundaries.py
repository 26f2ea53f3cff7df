"""The numeric bounds and dates of each rule, and whether its cases sit on both sides of each.

A bound moved from 15 to 16 passes every case unless some case asks about a 15-year-old. So each bound wants
two cases: on the last value one side of it and the first value on the other (14 and 15 for `at_least: 15`;
17 and 18 for `below: 18`), and each date the day before and the day a rule comes into force (the last day and
the day after, for `valid_to`). The cases counted are those of the rule's own cases file, where the adviser
who changes the rule looks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from infoshare.core.compile import atoms
from infoshare.core.loader import Ruleset
from infoshare.domain import SUBJECT, fact_name

OPERATORS = {"ge": "at_least", "gt": "above", "lt": "below", "le": "at_most"}
DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Bound:
    """One place where a rule's answer can turn: `sides` are the two values a case must take to show it."""

    rule: str
    field: str  # as a case question names it: subject.age, facts.<id>, as_of
    text: str  # the bound as the rule file writes it: `age at_least 15`, `valid_to 2023-12-31`
    key: str  # the rule file's key it stands under, for lint's line
    sides: tuple[Any, Any]

    def takes(self, question: Mapping[str, Any], side: Any) -> bool:
        """Whether a case question sits on `side` (the field has that value; a whole-number float counts)."""
        value = _value(question, self.field)
        return value == side and isinstance(value, bool) == isinstance(side, bool)

    def missing(self, questions: Iterable[Mapping[str, Any]]) -> list[Any]:
        """The sides no question sits on."""
        questions = list(questions)
        return [side for side in self.sides if not any(self.takes(question, side) for question in questions)]


def bounds(ruleset: Ruleset, rule_id: str) -> list[Bound]:
    """The rule's numeric bounds (each once) and its dates within the period the ruleset covers."""
    rule = ruleset.rules[rule_id]
    found: dict[tuple[str, tuple[Any, Any]], Bound] = {}
    for atom in atoms(ruleset.compiled[rule_id]):
        if atom.op not in OPERATORS or isinstance(atom.value, bool):
            continue
        field = fact_name(atom.field) if atom.field in SUBJECT else f"facts.{atom.field}"
        value = atom.value
        sides = (value - 1, value) if atom.op in ("ge", "lt") else (value, value + 1)
        found.setdefault((field, sides), Bound(rule_id, field, f"{atom.field} {OPERATORS[atom.op]} {value}", "when", sides))
    if rule.pending_bill is None and rule.valid_from > ruleset.law_covered_from:
        found[("as_of", (rule.valid_from - DAY, rule.valid_from))] = Bound(
            rule_id, "as_of", f"valid_from {rule.valid_from}", "valid_from", (rule.valid_from - DAY, rule.valid_from)
        )
    if rule.pending_bill is None and rule.valid_to is not None:
        found[("as_of", (rule.valid_to, rule.valid_to + DAY))] = Bound(
            rule_id, "as_of", f"valid_to {rule.valid_to}", "valid_to", (rule.valid_to, rule.valid_to + DAY)
        )
    return list(found.values())


def _value(question: Mapping[str, Any], field: str) -> Any:
    if field == "as_of":
        value = question.get("as_of")
        try:
            return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        except ValueError:
            return None
    part, name = field.split(".", 1)
    inner = question.get(part if part == "facts" else "subject") or {}
    return inner.get(name) if isinstance(inner, Mapping) else None
