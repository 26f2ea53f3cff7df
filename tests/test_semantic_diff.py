"""`infoshare diff` on a real one-line rule change: it lists exactly the questions whose answer changes.

The expected changes are computed here by answering questions under both rulesets with the public
`Decider.answer`, independently of the diff's grouping of alike questions and dates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
import subprocess
from pathlib import Path
from typing import Any

import pytest
from rule_data import copy_rule_data

from infoshare.decide import Decider
from infoshare.loader import Ruleset, load_ruleset
from infoshare.matchers import make_matcher
from infoshare.question import question_from_data
from infoshare.revisions import checked_out
from infoshare.semantic_diff import build_grids, changed_rules, compare, compare_revisions, diff

RULE = "cwa-25-1-notify-child-welfare"
RULE_FILE = f"rules/child_welfare/{RULE}.yaml"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false", *args],
        cwd=repo, check=True, capture_output=True,
    )


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The checkout's rule data committed, then `{below: 18}` → `{below: 16}` in one rule; a broken branch beside it."""
    repo = copy_rule_data(tmp_path_factory.mktemp("diff-repo"))
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "the law as it is")
    _git(repo, "checkout", "-q", "-b", "broken")
    _edit(repo / RULE_FILE, "provisions: [cwa-25-1]", "provisions: [cwa-25-x]")
    _git(repo, "commit", "-q", "-am", "a provision id that does not exist")
    _git(repo, "checkout", "-q", "main")
    _edit(repo / RULE_FILE, "age: {below: 18}", "age: {below: 16}")
    _git(repo, "commit", "-q", "-am", "the duty to notify ends at 16")
    return repo


@pytest.fixture(scope="module")
def rulesets(repo: Path) -> tuple[Ruleset, Ruleset]:
    with checked_out(repo, "HEAD~1") as folder:
        before = load_ruleset(folder)
    return before, load_ruleset(repo)


@pytest.fixture(scope="module")
def report(repo: Path):
    return compare_revisions("HEAD~1", None, repo)


class Answers:
    """What the diff compares, read from full answers: outcome, refer reason, grounds and cited provisions."""

    def __init__(self, ruleset: Ruleset):
        self.ruleset = ruleset
        self.decider = Decider(ruleset, make_matcher("reference", ruleset))

    def __call__(self, data: dict[str, Any]) -> tuple[Any, ...]:
        answer = self.decider.answer(question_from_data(data, "test", self.ruleset))
        grounds = tuple((g.rule, tuple(c.provision for c in g.citations)) for g in answer.grounds)
        return answer.outcome, answer.refer_reason, grounds


def _key(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True)


def _listed(report) -> dict[str, tuple[Any, Any]]:
    """Each listed question with its outcome before and after, in the shape `Answers` gives."""
    def shape(outcome: Any) -> tuple[Any, ...]:
        grounds = tuple((rule, tuple(c.provision for c in cited)) for rule, cited in outcome.grounds)
        return outcome.outcome, outcome.refer_reason, grounds

    return {_key(q): (shape(change.before), shape(change.after)) for change in report.changes for q in change.questions()}


def test_lists_exactly_the_changed_questions_of_a_grid(rulesets):
    """Every question of a small grid answered under both rulesets: the changed ones are exactly those listed."""
    before, after = rulesets
    changed = changed_rules(before, after)
    assert changed == {RULE: "changed"}
    [grid] = build_grids(before, after, changed, set(), dt.date(2025, 3, 1))
    assert grid.fields[5:] == ("age", "child_welfare_need")
    assert 15 in grid.domains["age"] and 16 in grid.domains["age"]
    small = dataclasses.replace(  # disclosers, items and dates on which the answers differ for more than one reason
        grid,
        domains={
            **grid.domains,
            "discloser": ("youth_services", "ngo_service_producer", "parish_priest"),
            "recipient": ("child_welfare",),
            "item": ("private_life", "health_data"),
            "purpose": ("child_welfare_notification", "prevent_violence"),
            "initiative": ("proactive",),
            "age": (15, 16, 18),
        },
        contexts=tuple((day, ()) for day in (dt.date(2015, 3, 31), dt.date(2020, 6, 1), dt.date(2025, 3, 1))),
    )
    old, new = Answers(before), Answers(after)
    answers = ((q, old(q), new(q)) for q in small.questions())
    expected = {_key(q): (was, now) for q, was, now in answers if was != now}
    report = compare(before, after, [], grids=[small])
    assert expected and _listed(report) == expected
    assert report.changed == len(expected)


def test_the_whole_grid_lists_only_ages_the_change_moved(report, rulesets):
    """Every changed question is about a 16- or 17-year-old that the rule used to decide; none is 15."""
    assert report.changed_rules == {RULE: "changed"}
    assert report.changes
    for change in report.changes:
        assert RULE in {rule for rule, _ in change.before.grounds}
        assert change.rules == (RULE,)
        for question in change.questions():
            age = question.get("subject", {}).get("age")
            assert age in (16, 17) or (age is None and change.case is not None), question
    cases = {change.case.rsplit(": ", 1)[-1] for change in report.changes if change.case}
    assert "The duty binds the police too, whatever the young person wants" in cases  # a case at 17
    [grid] = report.grids
    assert 15 in grid.domains["age"]


def test_a_sample_of_the_whole_grid_agrees_with_the_answers(report, rulesets):
    """Listed questions really changed; unlisted ones (also the 15-year-olds) really did not."""
    old, new = (Answers(r) for r in rulesets)
    [grid] = report.grids
    listed = _listed(report)
    pick = random.Random(6)
    for key in pick.sample(sorted(listed), 40):
        question = json.loads(key)
        assert (old(question), new(question)) == listed[key], question
    unlisted = 0
    near = {**grid.domains, "purpose": ("child_welfare_notification",), "age": (15, 16), "child_welfare_need": (True,)}
    while unlisted < 40:
        values = [pick.choice(near[name]) for name in grid.fields]
        question = grid.question(values, pick.choice(grid.contexts))
        if _key(question) in listed:
            continue
        unlisted += 1
        assert old(question) == new(question), question


def test_no_change_says_so(repo):
    text, code = diff("HEAD", None, repo, "text")
    assert code == 0
    assert "0 questions changed" in text and "no changes" in text.lower()


def test_markdown_is_a_pull_request_comment(repo):
    text, code = diff("HEAD~1", "HEAD", repo, "markdown")
    assert code == 0
    lines = text.splitlines()
    assert lines[0] == "## Semantic diff: `HEAD~1` → `HEAD`"
    assert any(line.startswith("**") and line.endswith(" questions changed**") for line in lines)
    assert f"### {RULE} (changed): " in text
    assert "| questions | before | after |" in lines
    assert any(line.startswith("| discloser ") and "age 16" in line for line in lines)


def test_a_bad_revision_is_a_usage_error(repo):
    text, code = diff("no-such-revision", None, repo, "text")
    assert code == 2 and "no-such-revision" in text


def test_invalid_rules_at_a_revision_name_the_file_and_line(repo):
    text, code = diff("broken", None, repo, "text")
    assert code == 3
    assert f"broken:{RULE_FILE}:4: unknown provision 'cwa-25-x'" in text
