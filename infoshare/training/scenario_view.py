"""A training scenario made ready to teach in one language: the engine's answers and labelled questions.

The terminal (play.py) and the printed handouts (handouts.py) teach the same things, so both read
this view. Every answer is computed by the engine; a scenario's `expect` is only compared with it, and
where the two differ the view names the place, so a trainer never teaches the file's stale claim.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from infoshare.checker import Checker
from infoshare.domain import ID_FIELDS, OPEN_FIELDS
from infoshare.errors import Problem, QuestionError
from infoshare.locations import templates_dir
from infoshare.render.answer import Answer
from infoshare.render.memo import memo_context
from infoshare.render.messages import message
from infoshare.training.scenarios import Scenario, check_scenario

Rows = list[tuple[str, str]]


@dataclass(frozen=True)
class Asked:
    """One question put to the trainee: the story's own, or a variation of it."""

    title: str | None  # the variation's title; None for the story's own question
    rows: Rows  # the question as labelled rows; for a variation, only what it changes
    answer: Answer
    memo: dict[str, Any]  # the answer as localised strings (memo.memo_context)
    stale: str | None  # file:line of the expectation the rules no longer give, else None
    lesson: str | None


@dataclass(frozen=True)
class ScenarioView:
    name: str
    language: str
    title: str
    texts_in: str  # the language the story and other texts are shown in (Finnish where no Swedish is written)
    hard_case: int | None
    story: str
    model_answer: str
    discussion: list[str]
    mistakes: list[str]
    question: Asked
    variations: list[Asked]


def scenario_view(scenario: Scenario, checker: Checker, language: str) -> ScenarioView:
    """Answer the scenario and its variations in `language`; a question the rules refuse is an error at file:line."""
    checks = check_scenario(scenario, checker, language)
    broken = [Problem(check.where, None, failure) for check in checks if check.answer is None for failure in check.failures]
    if broken:
        raise QuestionError(broken)
    content = scenario.content
    templates = templates_dir()
    asked: list[Asked] = []
    base: Rows = []
    for check in checks:
        assert check.answer is not None
        memo = memo_context(check.answer, checker.ruleset, language, templates)
        rows = _rows(memo["question"], checker, language)
        variation = None if check.variation is None else content.variations[check.variation]
        if variation is None:
            base = rows
        asked.append(
            Asked(
                title=variation.title[language] if variation else None,
                rows=_changed(rows, base, language) if variation else rows,
                answer=check.answer,
                memo=memo,
                stale=check.where if check.failures else None,
                lesson=variation.lesson[language] if variation else None,
            )
        )
    return ScenarioView(
        name=scenario.name,
        language=language,
        title=content.title[language],
        texts_in=content.story.written_in(language),
        hard_case=content.hard_case,
        story=content.story[language],
        model_answer=content.model_answer[language],
        discussion=[text[language] for text in content.discussion],
        mistakes=[text[language] for text in content.mistakes],
        question=asked[0],
        variations=asked[1:],
    )


def _rows(question: dict[str, Any], checker: Checker, language: str) -> Rows:
    """The question's parts, each with its label, in the order a worker tells a case."""
    subject = checker.ruleset.vocabulary.subject
    return [
        *((message(f"field.{part}", language), question[part]) for part in ID_FIELDS),
        *((subject[part].label[language], str(question[part])) for part in OPEN_FIELDS),
        *question["facts"],
        (message("field.as_of", language), question["as_of"]),
    ]


def _changed(rows: Rows, base: Rows, language: str) -> Rows:
    """What a variation changes: rows that differ from the story's, and facts it makes unknown."""
    labels = {label for label, _ in rows}
    unknown = message("word.unknown", language)
    return [row for row in rows if row not in base] + [(label, unknown) for label, _ in base if label not in labels]
