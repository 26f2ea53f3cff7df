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
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from .answer import Answer
from .decide import Decider, Verdict
from .messages import message
from .question import Question, question_from_data
from .render_text import cite

SUBJECT_VARIABLES = ("age", "mature")
PLAN_LIMIT = 20_000  # states the planner may visit before it gives up (a worker waits on every question)
BASICS = ("discloser", "recipient", "item", "purpose")


@dataclass(frozen=True)
class Choice:
    value: Any
    label: str


@dataclass(frozen=True)
class FactQuestion:
    """One fact to ask: its text, the replies it takes (none for a number) and why it matters."""

    variable: str  # a fact id, or `age`, `mature`, `initiative`
    text: str
    kind: str  # "choice" or "number"
    choices: tuple[Choice, ...]
    why: str  # the rule and provision that ask for it, in the interview's language
    asked_by: tuple[str, ...]


@dataclass
class Interview:
    """The question being built, and what the worker said they do not know."""

    decider: Decider
    language: str
    as_of: dt.date
    assume_enacted: tuple[str, ...] = ()
    basics: dict[str, str] = field(default_factory=dict)
    known: dict[str, Any] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)

    def question(self, extra: dict[str, Any] | None = None) -> Question:
        return question_from_data(self.question_data(extra), "<interview>", self.decider.ruleset)

    def question_data(self, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        """The question in contract form, as it would be written to a file."""
        values = {**self.known, **(extra or {})}
        data: dict[str, Any] = {"as_of": self.as_of.isoformat(), "language": self.language, **self.basics}
        if "initiative" in values:
            data["initiative"] = values["initiative"]
        subject = {name: values[name] for name in SUBJECT_VARIABLES if name in values}
        if subject:
            data["subject"] = subject
        facts = {name: value for name, value in values.items() if name not in (*SUBJECT_VARIABLES, "initiative")}
        if facts:
            data["facts"] = facts
        if self.assume_enacted:
            data["assume_enacted"] = list(self.assume_enacted)
        return data

    def record(self, variable: str, value: Any | None) -> None:
        """The worker's reply; None is "don't know"."""
        if value is None:
            self.unknown.append(variable)
        else:
            self.known[variable] = value

    def next_question(self) -> FactQuestion | None:
        """The most decisive fact still open, or None when the answer can no longer change."""
        question = self.question()
        candidates = self._askable(question)
        if not candidates:
            return None
        order = self.decider.space.order
        expected = _expected_questions(self.decider.paths(question), self.decider.space.domains, set(candidates))
        best = min(candidates, key=lambda name: (expected.get(name, 0.0), order.index(name)))
        return self._fact_question(best, candidates[best])

    def answer(self) -> Answer:
        return self.decider.answer(self.question())

    def _askable(self, question: Question) -> dict[str, tuple[str, ...]]:
        """Open facts not yet declared unknown, with the rules that ask for them."""
        found = {}
        for open_question in self.decider.open_questions(question):
            name = open_question.fact.removeprefix("subject.")
            if name not in self.unknown:
                found[name] = open_question.asked_by
        return found

    def _fact_question(self, variable: str, asked_by: tuple[str, ...]) -> FactQuestion:
        vocabulary = self.decider.ruleset.vocabulary
        language = self.language
        entry = vocabulary.facts.get(variable) or vocabulary.subject[variable]
        kind = entry.type
        if kind == "number":
            choices: tuple[Choice, ...] = ()
        elif kind == "bool":
            choices = (Choice(True, message("interview.yes", language)), Choice(False, message("interview.no", language)))
        else:
            choices = tuple(Choice(value, entry.values[value][language] if value in entry.values else value) for value in kind)
        return FactQuestion(variable, entry[language], "number" if kind == "number" else "choice", choices, self._why(asked_by), asked_by)

    def _why(self, asked_by: tuple[str, ...]) -> str:
        """The first rule that asks, with the provision it rests on: `Title (Act 25 § 1 mom.)`."""
        rule_id = sorted(asked_by, key=lambda r: (self.decider.ruleset.rules[r].effect == "forbid", r))[0]
        ground = self.decider.ground(rule_id, self.language, self.as_of)
        return f"{ground.title} ({cite(ground.citations[0], self.language)})" if ground.citations else ground.title


def _expected_questions(paths: list[tuple[dict[str, Any], Verdict]], domains: dict[str, list[Any]], askable: set[str]) -> dict[str, float]:
    """For each askable field, the expected number of questions until the answer is settled if it is asked first.

    The leaves' paths say which values lead to which verdict; a state is the replies so far, and it is
    settled when every leaf it still allows tells the same (outcome, or outcome and grounds when only
    the grounds are open). Replies are counted alike over the values the rules distinguish. A large
    tree is not planned (PLAN_LIMIT states): then every field scores alike and vocabulary order decides.
    """
    if len({verdict.key for _, verdict in paths}) > 1:
        leaves = [(path, verdict.key) for path, verdict in paths]
    else:
        leaves = [(path, (verdict.key, verdict.grounds)) for path, verdict in paths]
    visited = [0]

    @cache
    def cost(state: frozenset[tuple[str, Any]]) -> float:
        visited[0] += 1
        if visited[0] > PLAN_LIMIT:
            raise _TooLarge
        replies = dict(state)
        allowed = [(path, told) for path, told in leaves if all(path.get(name, value) == value for name, value in replies.items())]
        if len({told for _, told in allowed}) <= 1:
            return 0.0
        options = {name for path, _ in allowed for name in path} & askable - replies.keys()
        return min((after(state, name) for name in options), default=0.0)

    def after(state: frozenset[tuple[str, Any]], name: str) -> float:
        values = domains[name]
        return 1 + sum(cost(state | {(name, value)}) for value in values) / len(values)

    try:
        return {name: after(frozenset(), name) for name in askable}
    except _TooLarge:
        return {}


class _TooLarge(Exception):
    """The plan would take too long to make; the interview falls back to vocabulary order."""


def conduct(interview: Interview, reply: Callable[[FactQuestion], Any]) -> list[str]:
    """Ask, most decisive first, until no fact can change the answer; returns the facts asked, in order.

    `reply` answers one question (None for "don't know"): the terminal in the interview, an oracle in tests.
    """
    asked = []
    while (following := interview.next_question()) is not None:
        asked.append(following.variable)
        interview.record(following.variable, reply(following))
    return asked
