"""`infoshare lint`: the ruleset lints clean, and each kind of mistake in a copy of it is reported by code, file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rule_data import copy_rule_data, drop_cases_at_age

from infoshare.checker import make_checker
from infoshare.core.loader import display, load_ruleset
from infoshare.core.question import question_from_data
from infoshare.errors import RulesetError
from infoshare.review.lint import CHECKS, exit_code, lint, render

NEW_PERMIT = """\
id: team-meeting-test
effect: permit
provisions: [oa-26-1]
title: {fi: Tiimin kokous, sv: Teamets möte, en: The team meeting}
when:
  discloser: police
  recipient: anchor_team
  purpose: anchor_case_work
overrides: [secrecy-default]
obligations: [necessary_only]
valid_from: 2015-04-01
explain: {fi: Testi., sv: Test., en: A test.}
"""

NEW_CASES = """\
rule: team-meeting-test
cases:
  - name: The police officer tells the team
    question: {as_of: 2025-03-01, discloser: police, recipient: anchor_team, item: private_life, purpose: anchor_case_work}
    expect: {outcome: may_share}
"""


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    """The rule data as a reviewer's branch would hold it, to break on purpose."""
    return copy_rule_data(tmp_path)


def edit(path: Path, old: str, new: str) -> int:
    """Replace `old` once in the file and return the line it stood on."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def line_of(path: Path, start: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(start))


def located(findings, code):
    return {(f.file, f.line) for f in findings if f.code == code}


@pytest.fixture(scope="module")
def findings():
    return lint()


def test_the_ruleset_lints_clean_of_errors(findings):
    assert [f for f in findings if f.severity == "error"] == []
    assert exit_code(findings) == 0
    assert {f.code for f in findings} <= {"IS014", "IS019"}, "only conflicts the law leaves open (a rule's `unsettled:`) and bounds to test"


def test_each_open_conflict_comes_with_a_question_that_really_conflicts(findings, ruleset, reference):
    for one in (f for f in findings if f.code == "IS014"):
        question = question_from_data(one.example, "example", ruleset)
        answer = reference.answer(question)
        assert (answer.outcome, answer.refer_reason) == ("refer", "conflict"), one
        assert set(one.rules) <= {g.rule for g in answer.grounds}


def test_a_wrong_provision_id(rules_copy):
    rule = rules_copy / "rules/child_welfare/cwa-25-1-notify-child-welfare.yaml"
    line = edit(rule, "provisions: [cwa-25-1]", "provisions: [cwa-25-9]")
    findings = lint(rules_copy)
    assert located(findings, "IS004") == {(display(rule), line)}
    assert "'cwa-25-9'" in next(f.message for f in findings if f.code == "IS004")
    assert exit_code(findings) == 3


def test_an_override_cycle(rules_copy):
    secrecy = rules_copy / "rules/secrecy/secrecy-default.yaml"
    consent = rules_copy / "rules/consent/consent-given.yaml"
    edit(secrecy, "overrides: []", "overrides: [consent-given]")
    findings = lint(rules_copy)
    [(file, line)] = located(findings, "IS005")
    assert (file, line) in {(display(secrecy), line_of(secrecy, "overrides:")), (display(consent), line_of(consent, "overrides:"))}
    assert "secrecy-default → consent-given" in next(f.message for f in findings if f.code == "IS005")
    assert exit_code(findings) == 3


def test_a_new_pair_of_opposing_rules_with_no_override(rules_copy):
    rule = rules_copy / "rules/secrecy/team-meeting-test.yaml"
    rule.write_text(NEW_PERMIT, encoding="utf-8")
    rule.with_name("team-meeting-test.cases.yaml").write_text(NEW_CASES, encoding="utf-8")
    findings = lint(rules_copy)
    [conflict] = [f for f in findings if f.severity == "error"]
    assert (conflict.code, conflict.file, conflict.line) == ("IS013", display(rule), line_of(rule, "overrides:"))
    assert "'anchor-team-is-not-a-basis'" in conflict.message
    copy = load_ruleset(rules_copy)
    answer = make_checker(copy, "reference").answer(question_from_data(conflict.example, "example", copy))
    assert (answer.outcome, answer.refer_reason) == ("refer", "conflict")
    assert {"team-meeting-test", "anchor-team-is-not-a-basis"} <= {g.rule for g in answer.grounds}

    edit(rule, "effect: permit\n", "effect: permit\nunsettled: the law leaves it open\n")
    assert exit_code(lint(rules_copy)) == 0


def test_rules_that_never_apply_or_outlive_their_law_and_texts_the_loader_refuses(rules_copy):
    never = rules_copy / "rules/health/firearms-114-1-physician-must-notify.yaml"
    edit(never, "when:\n", "when:\n  subject: {age: {below: 15, at_least: 18}}\n")
    outlives = rules_copy / "rules/threat_notification/threat-notification-social-welfare-2015.yaml"
    edit(outlives, "valid_to: 2023-12-31", "valid_to: null")
    untranslated = rules_copy / "rules/health/firearms-114-2-may-notify.yaml"
    text = untranslated.read_text(encoding="utf-8")
    explain = text.index("explain:")
    swedish, english = text.index("  sv:", explain), text.index("  en:", explain)
    untranslated.write_text(text[:swedish] + text[english:], encoding="utf-8")
    act = rules_copy / "legal_basis/1054-1993.yaml"
    unsourced = edit(act, "verified: false", "verified: true")
    no_cases = rules_copy / "rules/police/police-outward-to-ngo.cases.yaml"
    no_cases.unlink()

    findings = lint(rules_copy)
    assert located(findings, "IS012") == {(display(never), line_of(never, "when:"))}
    assert located(findings, "IS015") == {(display(outlives), line_of(outlives, "valid_to:"))}
    assert "in force on 2024-01-01" in next(f.message for f in findings if f.code == "IS015")
    assert located(findings, "IS007") == {(display(untranslated), line_of(untranslated, "explain:"))}
    section = max(n for n, line in enumerate(act.read_text(encoding="utf-8").splitlines()[:unsourced], 1) if line.startswith("  - id:"))
    assert located(findings, "IS008") == {(display(act), section)}
    rule_file = no_cases.with_name("police-outward-to-ngo.yaml")
    assert located(findings, "IS010") == {(display(rule_file), line_of(rule_file, "id:"))}
    assert "IS004" not in {f.code for f in findings}, "a broken act is reported once, not at every rule citing it"
    assert findings[-1].code == "IS016" and exit_code(findings) == 3


def test_each_problem_carries_its_code_from_where_the_loader_finds_it(rules_copy):
    """The code comes with the problem, not from its wording: rewording a message cannot change a code."""
    edit(rules_copy / "rules/child_welfare/cwa-25-1-notify-child-welfare.yaml", "provisions: [cwa-25-1]", "provisions: [cwa-25-9]")
    edit(rules_copy / "rules/secrecy/secrecy-default.yaml", "overrides: []", "overrides: [secrecy-default]")
    edit(rules_copy / "legal_basis/1054-1993.yaml", "verified: false", "verified: true")
    with pytest.raises(RulesetError) as raised:
        load_ruleset(rules_copy, cached=False)
    assert {p.code for p in raised.value.problems} == {"IS004", "IS005", "IS008"}


def test_json_gives_one_object_a_finding(rules_copy):
    rule = rules_copy / "rules/child_welfare/cwa-25-1-notify-child-welfare.yaml"
    edit(rule, "provisions: [cwa-25-1]", "provisions: [cwa-25-9]")
    findings = lint(rules_copy)
    data = json.loads(render(findings, "json"))
    assert [d["code"] for d in data] == [f.code for f in findings]
    wrong = next(d for d in data if d["code"] == "IS004")
    assert wrong["severity"] == "error" and wrong["check"] == CHECKS["IS004"].name
    assert wrong["file"] == display(rule) and wrong["hint"] == "did you mean 'cwa-25-4'?"
    text = render(findings)
    assert f"{display(rule)}:{wrong['line']}: error IS004 dangling-provision: unknown provision 'cwa-25-9'" in text
    warnings = sum(f.severity == "warning" for f in findings)
    assert warnings > 1 and text.splitlines()[-1] == f"1 error, {warnings} warnings"


def test_words_that_name_a_bound_the_condition_no_longer_has_or_differ_by_language(rules_copy):
    """The age bound of the guardian's refusal raised from 15 to 16: the id and every explanation still say 15, and
    there is no case at 15. Beside it, one language's explanation of another rule states another penalty."""
    rule = rules_copy / "rules/consent/guardian-refusal-minor-15-17.yaml"
    drop_cases_at_age(rule.with_name("guardian-refusal-minor-15-17.cases.yaml"), 15)
    edit(rule, "age: {at_least: 15, below: 18}", "age: {at_least: 16, below: 18}")
    other = rules_copy / "rules/police/cda-63-2-police-request.yaml"
    edit(other, "minst fyra års", "minst fem års")
    findings = lint(rules_copy)
    gap = [f.message for f in findings if f.code == "IS019" and f.rules == ("guardian-refusal-minor-15-17",)]
    assert gap == ["rule 'guardian-refusal-minor-15-17': age at_least 16 has no case at 15 (cases at 15 and 16 show where the answer turns)"]
    words = [f for f in findings if f.code == "IS017" and f.rules == ("guardian-refusal-minor-15-17",)]
    assert located(words, "IS017") == {(display(rule), line_of(rule, "id:")), (display(rule), line_of(rule, "explain:"))}
    messages = " ".join(f.message for f in words)
    for said in ("'minor-15-17'", "its fi explanation names 15", "its sv explanation names 15", "its en explanation names 15 ('aged 15')"):
        assert said in messages
    assert all(f.severity == "warning" for f in words)
    assert located(findings, "IS018") == {(display(other), line_of(other, "explain:"))}
    assert "sv: 5" in next(f.message for f in findings if f.code == "IS018")
    assert "its sv explanation names 5" in next(f.message for f in findings if f.code == "IS017" and f.rules == ("cda-63-2-police-request",))


def test_base_shows_only_the_findings_the_change_introduced(rules_copy):
    """Against the committed rule data, a raised age bound no case sits at brings its own findings; the known ones stay
    quiet."""
    import subprocess

    from infoshare.review.lint_changes import new_findings

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false", *args],
                       cwd=rules_copy, check=True, capture_output=True)

    rule = rules_copy / "rules/consent/guardian-refusal-minor-15-17.yaml"
    drop_cases_at_age(rule.with_name("guardian-refusal-minor-15-17.cases.yaml"), 15)
    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "the law as it is")
    edit(rule, "age: {at_least: 15, below: 18}", "age: {at_least: 16, below: 18}")
    everything, shown = new_findings(rules_copy, "main")
    assert {f.code for f in shown} >= {"IS017", "IS019"}
    assert all("guardian-refusal-minor-15-17" in f.rules for f in shown)
    assert len(everything) > len(shown) and any(f.code == "IS019" and f not in shown for f in everything)


def test_a_duty_that_names_a_label_or_a_right_without_a_request_is_refused(rules_copy):
    duty = rules_copy / "rules/criminal_code/rl-15-10-planned-offence.yaml"
    purpose_line = edit(duty, "  item: {not: [confession]}\n", "  item: {not: [confession]}\n  purpose: prevent_planned_offence\n") + 1
    right = rules_copy / "rules/police/police-investigation-request.yaml"
    edit(right, "initiative: on_request", "initiative: proactive")

    findings = lint(rules_copy)
    scope = {(f.file, f.line) for f in findings if f.code == "IS020"}
    assert (display(duty), purpose_line) in scope
    assert (display(right), line_of(right, "when:")) in scope
    assert exit_code(findings) == 3


def test_a_require_rule_must_say_which_kind_of_duty_it_is(rules_copy):
    undeclared = rules_copy / "rules/health/firearms-114-1-physician-must-notify.yaml"
    edit(undeclared, "duty: on_facts\n", "")
    findings = lint(rules_copy)
    # serves: now stands without a duty kind too, so the rule is refused where it is read as well as by the check
    assert {file for file, _ in located(findings, "IS020")} == {display(undeclared)}
