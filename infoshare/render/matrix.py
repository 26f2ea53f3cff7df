"""The outcome matrix: one item, purpose and set of facts, asked of every discloser × recipient pair.

A trainer reads the whole grid at once, so each cell is only a `Decider.verdict`. Many cells share
one answer, so the facts a referred cell waits for and the grounds with their citations are kept
once per distinct answer, as a numbered note the cells point to.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from infoshare.core.decide import Decider
from infoshare.core.model import VocabularyFile
from infoshare.core.privacy import personal_data_kind
from infoshare.core.question import Question
from infoshare.core.question_record import role_for_flag
from infoshare.core.suggest import role_hint
from infoshare.errors import Problem, QuestionError
from infoshare.render import words
from infoshare.render.answer import Ground, OpenQuestion

Cell = tuple[str, str]  # (discloser, recipient)


@dataclass(frozen=True)
class Note:
    """One distinct answer and the cells that share it."""

    number: int
    outcome: str
    refer_reason: str | None
    grounds: tuple[Ground, ...]  # for `refer`, the rules that could decide
    questions: tuple[OpenQuestion, ...]  # the unknown facts that would settle a refer/missing_facts
    mixed_grounds: bool  # the outcome is certain, its ground depends on unknown facts
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Matrix:
    """The grid: every discloser with every recipient, the same role too (a teacher telling a teacher is a real question)."""

    question: Question  # what every cell shares: item, purpose, facts, date, language
    disclosers: tuple[str, ...]
    recipients: tuple[str, ...]
    notes: tuple[Note, ...]
    cells: Mapping[Cell, Note]
    ruleset: Mapping[str, str]


def chosen_roles(given: Sequence[str], flag: str, vocabulary: VocabularyFile) -> tuple[str, ...]:
    """The roles chosen for rows or columns, by id or job title, in the order given (every role when none);
    unknown ones are refused, and a title two roles share lists both."""
    problems = []
    ids = []
    for typed in given:
        role, _ = role_for_flag(flag, typed, vocabulary)
        if kind := personal_data_kind(role):
            problems.append(Problem("<command line>", None, f"{flag} looks like {kind}; a question must not hold personal data"))
        elif role not in vocabulary.roles:
            problems.append(Problem("<command line>", None, f"{flag}: unknown role '{role}'", role_hint(role, vocabulary)))
        ids.append(role)
    if problems:
        raise QuestionError(problems)
    return tuple(dict.fromkeys(ids)) if ids else tuple(vocabulary.roles)


def build(decider: Decider, question: Question, disclosers: Sequence[str], recipients: Sequence[str], with_questions: bool = True) -> Matrix:
    """Ask `question` (its discloser and recipient replaced) for every pair of roles, a role with itself included.

    `with_questions` finds the facts each referred cell waits for; comparing the leaves of those cells
    costs time, so a view that does not show them (CSV) goes without.
    """
    question = question.with_defaults()
    assert question.as_of is not None
    shared: dict[tuple[str, str | None, tuple[str, ...], tuple[OpenQuestion, ...], bool], list[Cell]] = {}
    for discloser in disclosers:
        for recipient in recipients:
            cell = question.model_copy(update={"discloser": discloser, "recipient": recipient})
            decision = decider.decide(cell)
            verdict = decision.verdict
            open_facts = decider.open_facts(decision) if with_questions and verdict.refer_reason == "missing_facts" else []
            asked = tuple(words.open_questions(decider.ruleset, open_facts, question.language))
            shared.setdefault((verdict.outcome, verdict.refer_reason, verdict.grounds, asked, verdict.mixed_grounds), []).append((discloser, recipient))
    notes = tuple(
        Note(
            number,
            outcome,
            refer_reason,
            tuple(words.ground(decider.ruleset, rule_id, question.language, question.as_of) for rule_id in grounds),
            asked,
            mixed,
            tuple(cells),
        )
        for number, ((outcome, refer_reason, grounds, asked, mixed), cells) in enumerate(shared.items(), start=1)
    )
    ruleset = {"version": decider.ruleset.version, "digest": decider.ruleset.digest, "as_of": question.as_of.isoformat()}
    cells = {cell: note for note in notes for cell in note.cells}
    return Matrix(question, tuple(disclosers), tuple(recipients), notes, cells, ruleset)
