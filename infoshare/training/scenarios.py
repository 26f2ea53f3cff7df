"""The training scenarios in `examples/scenarios/`: loading them and checking them against the rules.

A scenario is a story with a question, the answer the rules give, and variations of the question
with their answers. Every one is checked like a case, so a change in rules/ that alters a
scenario's answer fails the test suite until the trainer's text is brought up to date.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from infoshare.checker import Checker
from infoshare.core.loader import read_model
from infoshare.core.model import Expectation, ScenarioFile, Variation
from infoshare.core.question import Question, question_from_data
from infoshare.core.suggest import did_you_mean
from infoshare.errors import QuestionError, UsageError
from infoshare.render.answer import Answer
from infoshare.review.cases import compare

MERGED_KEYS = ("subject", "facts")


@dataclass(frozen=True)
class Scenario:
    name: str
    file: str
    line_of: Any  # Located.line_of: the line of a key path, for failures
    content: ScenarioFile

    def question_data(self, variation: Variation | None = None, language: str | None = None) -> dict[str, Any]:
        """The scenario's question, or a variation's (its `change` merged in), in `language`."""
        data = with_change(self.content.question, variation.change) if variation else dict(self.content.question)
        if language:
            data["language"] = language
        return data

    def question(self, checker: Checker, variation: Variation | None = None, language: str | None = None) -> Question:
        return question_from_data(self.question_data(variation, language), self.file, checker.ruleset)


def with_change(question: dict[str, Any], change: dict[str, Any]) -> dict[str, Any]:
    """`question` with `change` applied: subject and facts merge key by key (null removes); the rest replace."""
    merged = dict(question)
    for key, value in change.items():
        if key in MERGED_KEYS and isinstance(value, dict):
            inner = {**(merged.get(key) or {}), **value}
            merged[key] = {k: v for k, v in inner.items() if v is not None}
        elif value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    return merged


def scenario_paths(root: Path) -> list[Path]:
    return sorted((root / "examples" / "scenarios").glob("*.yaml"))


def load_scenario(path: Path) -> Scenario:
    """One scenario file; a malformed one raises RulesetError with file:line."""
    content, doc = read_model(ScenarioFile, path)
    return Scenario(path.stem, doc.file, doc.line_of, content)


def load_scenarios(root: Path) -> list[Scenario]:
    return [load_scenario(path) for path in scenario_paths(root)]


def find_scenario(root: Path, name: str) -> Scenario:
    """The scenario called `name` (its file name without .yaml); an unknown name is a usage error with a suggestion."""
    paths = {path.stem: path for path in scenario_paths(root)}
    if name not in paths:
        hint = did_you_mean(name, paths)
        raise UsageError(f"no scenario called '{name}'" + (f" ({hint})" if hint else "") + "; `infoshare scenarios list` names them all")
    return load_scenario(paths[name])


@dataclass(frozen=True)
class ScenarioCheck:
    """One question of a scenario (the story's own, or a variation) against its expectation."""

    scenario: Scenario
    variation: int | None  # index into content.variations; None for the story's own question
    answer: Answer | None
    failures: list[str]

    @property
    def where(self) -> str:
        path = ("expect",) if self.variation is None else ("variations", self.variation)
        return f"{self.scenario.file}:{self.scenario.line_of(path)}"


def check_scenario(scenario: Scenario, checker: Checker, language: str | None = None) -> list[ScenarioCheck]:
    """Answer the scenario's question and every variation (in `language`); each must give exactly the grounds it names."""
    content = scenario.content
    checks = []
    targets: list[tuple[int | None, Variation | None, Expectation]] = [(None, None, content.expect)]
    targets += [(index, variation, variation.expect) for index, variation in enumerate(content.variations)]
    for index, variation, expect in targets:
        try:
            question = scenario.question(checker, variation, language)
        except QuestionError as error:
            checks.append(ScenarioCheck(scenario, index, None, [f"the question is invalid: {p.message}" for p in error.problems]))
            continue
        answer = checker.answer(question)
        failures = compare(answer, expect)
        extra = sorted({g.rule for g in answer.grounds} - set(expect.grounds))
        if extra:
            failures.append(f"grounds not named in the scenario: {', '.join(extra)} (a trainee would be shown them)")
        checks.append(ScenarioCheck(scenario, index, answer, failures))
    return checks


def check_report(scenarios: list[Scenario], checker: Checker) -> tuple[str, int]:
    """Every scenario's question and variations checked: failures with file:line, then a summary; exit 1 on a failure."""
    lines: list[str] = []
    passed = failed = 0
    for scenario in scenarios:
        for check in check_scenario(scenario, checker):
            if not check.failures:
                passed += 1
                continue
            failed += 1
            lines.append(f"FAILED {check.where}: {scenario.name}" + ("" if check.variation is None else f", variation {check.variation + 1}"))
            lines += [f"  {failure}" for failure in check.failures]
    text = "\n".join(lines) + ("\n\n" if lines else "")
    return text + f"{passed} passed, {failed} failed\n", 1 if failed else 0
