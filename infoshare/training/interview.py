"""The guided check's reasoning: which fact to ask next, and why.

A worker without a question file names who discloses what to whom and why; after that the
interview asks only about facts that can still change the outcome. Of those it asks first the
one after which the fewest further questions are expected, planned over the leaves of the
question's decision tree (each value the rules distinguish counted alike), so the interview is
short. "Don't know" is always a reply: the fact stays unknown, is not asked again, and the answer
then says what remains open.
No I/O happens here; `interview_ui.py` talks to the terminal.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from infoshare.checker import Checker
from infoshare.core.decide import Decision, Verdict
from infoshare.core.question import Question, question_from_data
from infoshare.domain import ID_FIELDS, question_data
from infoshare.render import words
from infoshare.render.answer import Answer
from infoshare.render.messages import message

PLAN_LIMIT = 3_000  # states the planner may weigh before it plans less deeply (a worker waits on every question)


@dataclass(frozen=True)
class Choice:
    value: Any
    label: str
    names: tuple[str, ...] = ()  # other names that find it when typed (a role's job titles in any language)


@dataclass(frozen=True)
class FactQuestion:
    """One fact to ask: its text, the replies it takes (none for a number) and why it matters."""

    variable: str  # a fact id, or `age`, `mature`, `initiative`
    text: str
    kind: str  # "choice" or "number"
    choices: tuple[Choice, ...]
    why: str  # the rule and provision that ask for it, in the interview's language


@dataclass
class Interview:
    """The question being built, and what the worker said they do not know."""

    checker: Checker
    language: str
    as_of: dt.date
    assume_enacted: tuple[str, ...] = ()
    basics: dict[str, str] = field(default_factory=dict)
    known: dict[str, Any] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)

    @classmethod
    def resuming(cls, checker: Checker, question: Question) -> Interview:
        """An interview that starts from a question file: only the facts it leaves open are asked."""
        question = question.with_defaults()
        assert question.as_of is not None
        every = question.assignment()
        basics = {part: every[part] for part in ID_FIELDS}
        known = {name: value for name, value in every.items() if name not in ID_FIELDS}
        return cls(checker, question.language, question.as_of, tuple(question.assume_enacted), basics, known)

    def question(self) -> Question:
        return question_from_data(self.question_data(), "<interview>", self.checker.ruleset)

    def question_data(self) -> dict[str, Any]:
        """The question in contract form, as it would be written to a file."""
        return question_data({**self.basics, **self.known}, self.as_of.isoformat(), self.language, self.assume_enacted)

    def record(self, variable: str, value: Any | None) -> None:
        """The worker's reply; None is "don't know"."""
        if value is None:
            self.unknown.append(variable)
        else:
            self.known[variable] = value

    def next_question(self) -> FactQuestion | None:
        """The most decisive fact still open, or None when the answer can no longer change."""
        decider = self.checker.decider
        decision = decider.decide(self.question())
        candidates = self._askable(decision)
        if not candidates:
            return None
        telling = decision.open_part()
        assert telling is not None  # there are askable facts, so something is open
        expected = _expected_questions(decision.paths(), telling, decider.space.domains, set(candidates))
        best = min(candidates, key=lambda name: (expected.get(name, math.inf), decider.space.rank[name]))
        return self._fact_question(best, candidates[best])

    def answer(self) -> Answer:
        return self.checker.answer(self.question())

    def _askable(self, decision: Decision) -> dict[str, tuple[str, ...]]:
        """Open facts not yet declared unknown, with the rules that ask for them."""
        found = {}
        for open_fact in self.checker.decider.open_facts(decision):
            if open_fact.field not in self.unknown:
                found[open_fact.field] = open_fact.asked_by
        return found

    def _fact_question(self, variable: str, asked_by: tuple[str, ...]) -> FactQuestion:
        vocabulary = self.checker.ruleset.vocabulary
        language = self.language
        entry = vocabulary.entry(variable)
        kind = entry.type
        if kind == "number":
            choices: tuple[Choice, ...] = ()
        elif kind == "bool":
            choices = (Choice(True, message("word.yes", language)), Choice(False, message("word.no", language)))
        else:
            choices = tuple(Choice(value, entry.values[value][language] if value in entry.values else value) for value in kind)
        return FactQuestion(variable, entry[language], "number" if kind == "number" else "choice", choices, self._why(asked_by))

    def _why(self, asked_by: tuple[str, ...]) -> str:
        """The first rule that asks, with the provision it rests on: `Title (Act 25 § 1 mom.)`."""
        ruleset = self.checker.ruleset
        rule_id = sorted(asked_by, key=lambda r: (ruleset.rules[r].effect == "forbid", r))[0]
        ground = words.ground(ruleset, rule_id, self.language, self.as_of)
        return f"{ground.title} ({ground.citations[0].cite(self.language)})" if ground.citations else ground.title


def _expected_questions(
    paths: list[tuple[dict[str, Any], Verdict]], telling: Callable[[Verdict], Any], domains: dict[str, list[Any]], askable: set[str]
) -> dict[str, float]:
    """For each askable field, the expected number of questions until the answer is settled if it is asked first.

    The leaves' paths say which replies lead to which verdict. A set of leaves is settled when they all
    tell the same (`telling`: the outcome, or outcome and grounds, whichever is still open); a reply
    keeps the leaves that allow it, and the replies still possible count alike. The plan looks as deep
    as it can within PLAN_LIMIT steps, else two questions ahead (counting one more wherever it stops
    short); if even that is too large, every field scores alike and vocabulary order decides.
    """
    told = [telling(verdict) for _, verdict in paths]
    return _plan([path for path, _ in paths], told, domains, askable, (len(askable), 2))


def _plan(paths: list[dict[str, Any]], told: list[Any], domains: dict[str, list[Any]], askable: set[str], depths: tuple[int, ...]) -> dict[str, float]:
    """The plan at the first of `depths` that fits within PLAN_LIMIT steps (none: {}), over sets of leaves held as
    bit masks (bit i: leaf i), so that narrowing a set by a reply is one `&`: a worker waits on every question,
    and the planner weighs thousands of sets."""
    # the leaves that allow each reply: a leaf whose path does not fix the field allows every value
    allowing = {name: [sum(1 << i for i, path in enumerate(paths) if path.get(name, value) == value) for value in domains[name]] for name in askable}
    telling_alike: dict[Any, int] = {}  # the leaves that tell the same, for each thing told
    for i, said in enumerate(told):
        telling_alike[said] = telling_alike.get(said, 0) | 1 << i
    alike = [telling_alike[said] for said in told]  # for each leaf, the leaves telling what it tells
    for depth in depths:
        try:
            return _plan_at(depth, len(paths), allowing, alike, askable)
        except _TooLarge:
            continue
    return {}


def _plan_at(depth: int, count: int, allowing: dict[str, list[int]], alike: list[int], askable: set[str]) -> dict[str, float]:
    """The plan looking `depth` questions ahead over `count` leaves; _TooLarge past PLAN_LIMIT steps."""
    steps = [0]
    memo: dict[tuple[int, frozenset[str], int], float] = {}

    def replies(allowed: int, name: str) -> list[int]:
        """The leaves left after each possible reply; none when asking cannot narrow them."""
        parts = [part for part in (allowed & mask for mask in allowing[name]) if part]
        return parts if any(part != allowed for part in parts) else []

    def cost(allowed: int, asked: frozenset[str], left: int) -> float:
        if not allowed & ~alike[(allowed & -allowed).bit_length() - 1]:  # every leaf tells what the first one does
            return 0.0
        if left == 0:
            return 1.0
        key = (allowed, asked, left)
        if key not in memo:
            steps[0] += 1
            if steps[0] > PLAN_LIMIT:
                raise _TooLarge
            options = [after(allowed, asked, name, left) for name in askable - asked]
            memo[key] = min((o for o in options if o is not None), default=0.0)
        return memo[key]

    def after(allowed: int, asked: frozenset[str], name: str, left: int) -> float | None:
        parts = replies(allowed, name)
        if not parts:
            return None
        return 1 + sum(cost(part, asked | {name}, left - 1) for part in parts) / len(parts)

    every = (1 << count) - 1
    found = {name: after(every, frozenset(), name, depth) for name in askable}
    return {name: value for name, value in found.items() if value is not None}


class _TooLarge(Exception):
    """The plan would take too long to make at this depth."""


def conduct(interview: Interview, reply: Callable[[FactQuestion], Any]) -> list[str]:
    """Ask, most decisive first, until no fact can change the answer; returns the facts asked, in order.

    `reply` answers one question (None for "don't know"): the terminal in the interview, an oracle in tests.
    """
    asked = []
    while (following := interview.next_question()) is not None:
        asked.append(following.variable)
        interview.record(following.variable, reply(following))
    return asked
