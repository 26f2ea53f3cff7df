"""`infoshare diff` on a real one-line rule change: the whole question space, exactly, in plain words.

The change raises the age bound of the guardian's refusal from 15 to 16, so that a consenting 15-year-old
whose guardian refuses is no longer referred as a conflict. The expected answers are computed here with the
public `Checker.answer`, independently of the diff's classes of alike questions.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
import shlex
import subprocess
from pathlib import Path
from typing import Any

import pytest
from rule_data import copy_rule_data
from typer.testing import CliRunner

from infoshare.checker import make_checker
from infoshare.cli.app import app
from infoshare.core.loader import Ruleset, load_ruleset
from infoshare.core.question import question_from_data
from infoshare.render import words
from infoshare.review.diff import build_grid, changed_rules, compare, compare_revisions, diff
from infoshare.review.diff_classes import UNKNOWN
from infoshare.review.diff_report import render
from infoshare.review.revisions import checked_out

RULE = "guardian-refusal-minor-15-17"
RULE_FILE = f"rules/consent/{RULE}.yaml"
NEW_RULE = "ngo-shares-contact-details-with-the-team"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false", *args],
        cwd=repo, check=True, capture_output=True,
    )


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def _new_rule(repo: Path) -> None:
    """A narrow permit of its own (a fixture's rule: no law is claimed by it)."""
    (repo / "rules" / "ngo" / f"{NEW_RULE}.yaml").write_text(
        f"""id: {NEW_RULE}
effect: permit
provisions: [oa-26-1]
title: {{fi: Järjestö antaa yhteystiedot tiimille, sv: Organisationen ger kontaktuppgifter till teamet, en: The NGO gives contact details to the team}}
when:
  discloser: [ngo]
  recipient: [anchor_team]
  item: [identity_contact]
  purpose: [anchor_case_work]
  facts: {{consent: given}}
overrides: []
obligations: []
valid_from: 2015-04-01
valid_to: null
explain: {{fi: Testisääntö., sv: Testregel., en: A test rule.}}
""",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The checkout's rule data committed; then the age bound 15 → 16; a branch with a new rule and a broken one beside it."""
    repo = copy_rule_data(tmp_path_factory.mktemp("diff-repo"), "examples")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "the law as it is")
    _git(repo, "checkout", "-q", "-b", "broken")
    _edit(repo / RULE_FILE, "provisions: [apa-14-3]", "provisions: [apa-14x]")
    _git(repo, "commit", "-q", "-am", "a provision id that does not exist")
    _git(repo, "checkout", "-q", "main")
    _git(repo, "checkout", "-q", "-b", "new-rule")
    _new_rule(repo)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "a new rule")
    _git(repo, "checkout", "-q", "main")
    _edit(repo / RULE_FILE, "age: {at_least: 15, below: 18}", "age: {at_least: 16, below: 18}")
    _git(repo, "commit", "-q", "-am", "the guardian's refusal counts from 16")
    return repo


@pytest.fixture(scope="module")
def rulesets(repo: Path) -> tuple[Ruleset, Ruleset]:
    with checked_out(repo, "HEAD~1") as folder:
        before = load_ruleset(folder, cached=False)
    return before, load_ruleset(repo, cached=False)


@pytest.fixture(scope="module")
def report(repo: Path):
    return compare_revisions("HEAD~1", None, repo)


class Answers:
    """What the diff compares, read from full answers: outcome, refer reason, grounds and cited provisions."""

    def __init__(self, ruleset: Ruleset):
        self.ruleset = ruleset
        self.checker = make_checker(ruleset, "reference")

    def __call__(self, data: dict[str, Any]) -> tuple[Any, ...]:
        answer = self.checker.answer(question_from_data(data, "test", self.ruleset))
        grounds = tuple((g.rule, tuple(c.provision for c in g.citations)) for g in answer.grounds)
        return answer.outcome, answer.refer_reason, grounds


class Verdicts(Answers):
    """The same, read from the decider's verdict alone (what a full answer's outcome and grounds are made of, at a
    fraction of its cost: the related duties and alternatives are left out), for grids of many questions."""

    def __call__(self, data: dict[str, Any]) -> tuple[Any, ...]:
        question = question_from_data(data, "test", self.ruleset)
        assert question.as_of is not None
        verdict = self.checker.decider.verdict(question)
        grounds = tuple((rule, tuple(c.provision for c in words.ground(self.ruleset, rule, "en", question.as_of).citations)) for rule in verdict.grounds)
        return verdict.outcome, verdict.refer_reason, grounds


def _shape(outcome: Any) -> tuple[Any, ...]:
    grounds = tuple((rule, tuple(c.provision for c in cited)) for rule, cited in outcome.grounds)
    return outcome.outcome, outcome.refer_reason, grounds


def _key(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True)


def _question(args: list[str]) -> dict[str, Any]:
    """The question an `infoshare check` command line asks (the options the diff writes)."""
    options = dict(zip(args[::2], args[1::2]))
    typed = {"true": True, "false": False}  # as the command line reads them; a question file says true/false
    facts = {name: typed.get(value, value) for name, value in (args[i + 1].split("=", 1) for i, arg in enumerate(args) if arg == "--fact")}
    data = {key: options[option] for option, key in (("--from", "discloser"), ("--to", "recipient"), ("--item", "item"), ("--purpose", "purpose"), ("--as-of", "as_of"))}
    return {**data, "subject": {"age": int(options["--age"])}, "facts": facts}


def test_every_fact_is_in_the_question_space_known_or_unknown(rulesets):
    before, after = rulesets
    grid = build_grid(before, after)
    assert set(after.vocabulary.facts) <= set(grid.fields)
    assert all(grid.domains[name][-1] is UNKNOWN for name in grid.fields[4:])
    assert {15, 16} <= set(grid.domains["age"])


def _listed_exactly(before: Ruleset, after: Ruleset, domains: dict[str, tuple[Any, ...]], days: tuple[dt.date, ...]) -> None:
    """Every question of a small grid of the whole space answered under both rulesets: the changed ones are exactly
    those the diff lists, with the answers it lists."""
    grid = build_grid(before, after)
    small = dataclasses.replace(grid, domains={**{name: (UNKNOWN,) for name in grid.fields}, **domains}, contexts=tuple((day, ()) for day in days))
    old, new = Verdicts(before), Verdicts(after)
    answers = ((q, old(q), new(q)) for q in small.questions())
    expected = {_key(q): (was, now) for q, was, now in answers if was != now}
    report = compare(before, after, [], grid=small)
    listed = {_key(q): (_shape(c.before), _shape(c.after)) for c in report.changes for q in c.questions()}
    assert expected and listed == expected
    assert report.changed == len(expected)


def test_lists_exactly_the_changed_questions_of_a_small_grid(rulesets):
    before, after = rulesets
    assert changed_rules(before, after) == {RULE: "changed"}
    _listed_exactly(before, after, {
        "discloser": ("police", "health_care"),
        "recipient": ("social_services",),
        "item": ("identity_contact",),
        "purpose": ("anchor_case_work", "crime_prevention"),
        "initiative": ("proactive", UNKNOWN),
        "age": (14, 15, 16, UNKNOWN),
        "consent": ("given", "refused", UNKNOWN),
        "guardian_consent": ("refused", UNKNOWN),
    }, (dt.date(2015, 3, 31), dt.date(2025, 3, 1)))


def test_a_change_of_coverage_alone_lists_exactly_the_questions_it_moves(tmp_path):
    """No rule changes, but schools no longer claim every gateway toward the police: a prohibition resting on the
    secrecy defaults alone becomes refer/not_covered there, and only there."""
    before_root, after_root = copy_rule_data(tmp_path / "before"), copy_rule_data(tmp_path / "after")
    _edit(after_root / "ruleset.yaml", "recipients: [police, social_services, youth_services, school, anchor_team]",
          "recipients: [social_services, youth_services, school, anchor_team]")
    before, after = load_ruleset(before_root, cached=False), load_ruleset(after_root, cached=False)
    assert changed_rules(before, after) == {}
    _listed_exactly(before, after, {
        "discloser": ("school", "health_care"),
        "recipient": ("police", "social_services"),
        "item": ("identity_contact", "school_data"),
        "purpose": ("anchor_case_work",),
        "initiative": ("proactive",),
        "age": (20, UNKNOWN),
        "consent": ("refused", UNKNOWN),
        "planned_serious_offence": (False, UNKNOWN),
    }, (dt.date(2015, 3, 31), dt.date(2025, 3, 1)))


def test_a_change_of_the_day_the_law_is_covered_from_lists_exactly_the_questions_it_moves(tmp_path):
    """No rule changes, but the law is claimed from a later day: questions on the days in between are no longer
    decided."""
    before_root, after_root = copy_rule_data(tmp_path / "before"), copy_rule_data(tmp_path / "after")
    _edit(after_root / "ruleset.yaml", "law_covered_from: 2015-04-01", "law_covered_from: 2016-01-01")
    before, after = load_ruleset(before_root, cached=False), load_ruleset(after_root, cached=False)
    assert changed_rules(before, after) == {}
    _listed_exactly(before, after, {
        "discloser": ("school", "police"),
        "recipient": ("social_services",),
        "item": ("identity_contact",),
        "purpose": ("anchor_case_work",),
        "initiative": ("proactive",),
        "age": (12, UNKNOWN),
        "consent": ("given", UNKNOWN),
    }, (dt.date(2015, 6, 1), dt.date(2016, 3, 1)))


def test_a_change_of_the_duties_a_rule_lists_is_reported_though_no_answer_moves(tmp_path):
    """The duties an answer tells the worker to meet are the rule's `obligations`: a change to them moves no outcome,
    ground or citation, and the report still names the rule with the duties before and after."""
    from infoshare.review.diff import changed_duties

    before_root, after_root = copy_rule_data(tmp_path / "before"), copy_rule_data(tmp_path / "after")
    _edit(after_root / "rules" / "child_welfare" / "cwa-25-1-notify-child-welfare.yaml",
          "obligations: [without_delay, notifier_identity_disclosed, necessary_only, record_basis]",
          "obligations: [without_delay, necessary_only, record_basis]")
    before, after = load_ruleset(before_root, cached=False), load_ruleset(after_root, cached=False)
    assert changed_rules(before, after) == {}
    duties = ("without_delay", "notifier_identity_disclosed", "necessary_only", "record_basis")
    assert changed_duties(before, after) == {"cwa-25-1-notify-child-welfare": (duties, ("without_delay", "necessary_only", "record_basis"))}
    text = render(compare(before, after, []), "text")
    assert "the duties its answers list changed: without_delay, notifier_identity_disclosed, necessary_only, record_basis → without_delay, necessary_only, record_basis" in text
    assert after.rules["cwa-25-1-notify-child-welfare"].title.en in text


@pytest.fixture(scope="module")
def answers(rulesets) -> tuple[Answers, Answers]:
    return Answers(rulesets[0]), Answers(rulesets[1])


@pytest.mark.parametrize("near", [True, False], ids=["near the change", "anywhere"])
def test_a_question_of_the_whole_space_is_listed_exactly_when_its_answer_changes(report, answers, near):
    """Points of the whole space (drawn from a fixed seed, near the change where both kinds are common, or anywhere):
    each is listed, as listed, exactly when its answers under the two revisions differ."""
    grid = report.grid
    domains = grid.domains
    if near:
        domains = {**domains, "discloser": ("police", "school", "youth_services", "health_care"), "age": (14, 15, 16, UNKNOWN),
                   "guardian_consent": ("refused", "given", UNKNOWN)}
    draw = random.Random(13 if near else 29)
    mismatched = []
    for _ in range(60):
        values = tuple(draw.choice(domains[name]) for name in grid.fields)
        context = draw.choice(grid.contexts)
        found = [c for c in report.changes if c.grid is not None and context in c.contexts
                 and any(all(v in chosen for v, chosen in zip(values, box)) for box in c.members)]
        question = grid.question(values, context)
        was, now = answers[0](question), answers[1](question)
        if [(_shape(c.before), _shape(c.after)) for c in found] != ([] if was == now else [(was, now)]):
            mismatched.append(question)
    assert not mismatched, mismatched[:3]


def test_names_the_new_may_share_first_with_a_command_to_try(report, repo, rulesets):
    text = render(report, "text", "en")
    lines = text.splitlines()
    head = lines[:16]
    [title] = [i for i, line in enumerate(head) if line.startswith("refer (conflict) → may share: ")]
    where, example, rules = lines[title + 1 : title + 4]
    # In ruleset 0.2.0 a 15-year-old's refusing guardian no longer blocks the gateways that do not rest on consent
    # either, so the freed region spans every consent; the consenting minor is inside it.
    assert "Age: 15;" in where and "Guardian's consent: refused;" in where
    assert "The guardian has refused (" in rules and RULE not in rules
    command = example.split(": ", 1)[1]
    assert command.startswith("infoshare check ") and "--age 15" in command
    result = CliRunner().invoke(app, [*shlex.split(command)[1:], "--rules", str(repo), "--format", "json"])
    assert json.loads(result.stdout)["outcome"] == "may_share"
    with checked_out(repo, "HEAD~1") as folder:  # the same question under the base: a conflict
        before = load_ruleset(folder, cached=False)
    assert Answers(before)(_question(shlex.split(command)[2:]))[:2] == ("refer", "conflict")
    assert "Exact, not a sample" in text and f"{report.classes:,} classes" in text


def test_changed_scenarios_are_named(report):
    text = render(report, "text", "en")
    named = text.split("Examples, hard cases, training scenarios and cases whose answer changes:")[1]
    assert "training scenario " in named and "refer (conflict) → may share" in named


def test_markdown_in_finnish_is_a_pull_request_comment(report):
    text = render(report, "markdown", "fi")
    lines = text.splitlines()
    assert lines[0] == "## Sääntömuutoksen vaikutus vastauksiin: `HEAD~1` → työkopio"
    assert lines[2].startswith("**Lopputulos muuttuu")
    assert "| muutos | kysymyksiä | missä | esimerkki | säännöt |" in lines
    assert any(line.startswith("| selvitettävä (ristiriita) → saa luovuttaa | ") and "`infoshare check " in line for line in lines)


def test_no_change_says_so_in_one_line(repo):
    text, code = diff("HEAD", None, repo, "text")
    assert code == 0
    assert text.splitlines()[2].startswith("No answer changes: all ")


def test_a_new_rule_lists_what_it_decides(repo):
    text, code = diff("main~1", "new-rule", repo, "text")
    assert code == 0
    assert "→ may share: " in text
    assert "The NGO gives contact details to the team (" in text and ": added; decides: may share " in text


def test_a_bad_revision_is_a_usage_error(repo):
    text, code = diff("no-such-revision", None, repo, "text")
    assert code == 2 and "no-such-revision" in text


def test_invalid_rules_at_a_revision_name_the_file_and_line(repo):
    text, code = diff("broken", None, repo, "text")
    assert code == 3
    assert f"broken:{RULE_FILE}:5: unknown provision 'apa-14x'" in text
