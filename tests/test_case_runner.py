"""`infoshare test`: every case passes; a wrong expectation is reported with its file:line; coverage names the rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rule_data import copy_rule_data, drop_cases_at_age

from infoshare.core.loader import display
from infoshare.errors import RulesetError, UsageError
from infoshare.review.case_report import run
from infoshare.review.cases import case_files, load_cases

CASES = "rules/child_welfare/cwa-25-1-notify-child-welfare.cases.yaml"


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    return copy_rule_data(tmp_path)


def test_every_case_passes_and_coverage_names_each_rule(ruleset):
    report, code = run([], None, coverage=True, output_format="text")
    total = sum(len(load_cases(path)) for path in case_files(ruleset.root))
    assert code == 0
    assert report.splitlines()[-1] == f"{total} passed, 0 failed"
    assert "FAILED" not in report
    rows: dict[str, list[str]] = {}
    for line in report.splitlines():  # the first table a rule's id heads: the cases where it is a ground
        if line.strip() and line.split()[0] in ruleset.rules:
            rows.setdefault(line.split()[0], line.split()[1:])
    assert set(rows) == set(ruleset.rules)
    assert int(rows["cwa-25-1-notify-child-welfare"][0]) > 0
    assert "Rules in no case: none" in report


def test_a_wrong_expectation_fails_with_its_file_and_line(rules_copy):
    cases = rules_copy / CASES
    text = cases.read_text(encoding="utf-8")
    line = text[: text.index("outcome: must_share")].count("\n") + 1
    cases.write_text(text.replace("outcome: must_share", "outcome: may_share", 1), encoding="utf-8")
    case_line = max(n for n, row in enumerate(text.splitlines()[:line], 1) if row.startswith("  - name:"))

    report, code = run([cases], rules_copy, coverage=False, output_format="text")
    assert code == 1
    assert f"FAILED {display(cases)}:{case_line}: " in report
    assert "outcome: expected may_share, got must_share" in report
    assert "the answer: must_share; grounds: cwa-25-1-notify-child-welfare; cites: cwa-25-1" in report
    assert report.splitlines()[-1] == f"{len(load_cases(cases)) - 1} passed, 1 failed"


def test_json_lists_every_case_and_the_coverage(rules_copy):
    report, code = run([rules_copy / "rules/child_welfare"], rules_copy, coverage=True, output_format="json")
    data = json.loads(report)
    assert code == 0 and data["summary"]["failed"] == 0
    assert data["summary"]["passed"] == len(data["cases"]) > 0
    rule = data["coverage"]["rules"]["cwa-25-1-notify-child-welfare"]
    assert f"{display(rules_copy / CASES)}:4" in rule["decided"]
    unexercised = data["coverage"]["rules_in_no_case"]
    assert unexercised and all(not any(data["coverage"]["rules"][r].values()) for r in unexercised)
    assert data["coverage"]["provisions"]["cwa-25-1"]["rules"] == ["cwa-25-1-notify-child-welfare"]
    assert data["coverage"]["vocabulary"]["purposes"]["child_welfare_notification"]


def test_an_invalid_cases_file_stops_the_run_with_exit_3(rules_copy):
    cases = rules_copy / CASES
    cases.write_text(cases.read_text(encoding="utf-8").replace("expect:", "expected:", 1), encoding="utf-8")
    with pytest.raises(RulesetError) as error:
        run([cases], rules_copy)
    assert error.value.exit_code == 3
    assert any(p.file == display(cases) and p.line and "expected" in p.message for p in error.value.problems)


def test_a_path_without_cases_is_a_usage_error(rules_copy):
    with pytest.raises(UsageError):
        run([rules_copy / "ruleset.yaml"], rules_copy)


def test_coverage_names_a_bound_without_a_case_on_one_side(rules_copy):
    """The guardian's refusal raised from 15 to 16 where no case asks about a 15-year-old, the last age the change frees."""
    rule = rules_copy / "rules/consent/guardian-refusal-minor-15-17.yaml"
    drop_cases_at_age(rule.with_name("guardian-refusal-minor-15-17.cases.yaml"), 15)
    text = rule.read_text(encoding="utf-8")
    rule.write_text(text.replace("age: {at_least: 15, below: 18}", "age: {at_least: 16, below: 18}"), encoding="utf-8")
    report, _ = run([rule.parent], rules_copy, coverage=True, output_format="json")
    coverage = json.loads(report)["coverage"]
    [bound] = [b for b in coverage["boundaries"] if b["rule"] == "guardian-refusal-minor-15-17" and b["bound"].startswith("age at_least")]
    assert bound["bound"] == "age at_least 16"
    assert [side["value"] for side in bound["sides"]] == ["15", "16"]
    assert bound["sides"][0]["cases"] == [] and bound["sides"][1]["cases"]
    assert "guardian-refusal-minor-15-17: age at_least 16 (no case at 15)" in coverage["boundaries_without_cases_on_both_sides"]
    text, _ = run([rule.parent], rules_copy, coverage=True, output_format="text")
    assert "guardian-refusal-minor-15-17: age at_least 16 (no case at 15)" in " ".join(text.split())


def test_a_case_on_each_side_of_a_bound_fails_when_the_bound_moves(rules_copy):
    """With its boundary cases in place, the guardian's refusal raised from 15 to 16 breaks the case at 15, which
    expects this rule to weigh against a consenting 15-year-old: the change shows as a failing case."""
    rule = rules_copy / "rules/consent/guardian-refusal-minor-15-17.yaml"
    rule.write_text(rule.read_text(encoding="utf-8").replace("age: {at_least: 15, below: 18}", "age: {at_least: 16, below: 18}"), encoding="utf-8")
    cases = rule.with_name("guardian-refusal-minor-15-17.cases.yaml")
    report, code = run([cases], rules_copy, coverage=False, output_format="json")
    failed = [case for case in json.loads(report)["cases"] if not case["passed"]]
    assert code == 1
    assert failed and all(case["name"].startswith("At 15") for case in failed)
