"""Inputs that cannot exhaust, hang or leak (issue 14, findings 2–5 and 9): each case is one a user or an
attacker produced, and each must end with the contract's exit code and a message naming the file, never a
traceback, a bug report, a hang or the personal data itself."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from infoshare.cli.app import app
from infoshare.core.privacy import personal_data_kind, redact

ROOT = Path(__file__).resolve().parent.parent
GOOD = "discloser: police\nrecipient: social_services\nitem: police_data\npurpose: crime_prevention\n"
PENALTY = GOOD + "facts: {offence_max_penalty_years: %s}\n"


def cli(*args: object, stdin: str | None = None):
    result = CliRunner().invoke(app, [str(a) for a in args], input=stdin)
    assert "Traceback" not in result.output and "bug" not in result.output, result.output
    return result


def check_file(tmp_path: Path, text: str):
    question = tmp_path / "q.yaml"
    question.write_text(text, encoding="utf-8")
    return cli("check", question, "--format", "json")


# -- finding 2 and 9: numbers and dates --------------------------------------------------------------


@pytest.mark.parametrize("value", [".nan", ".NaN", ".inf", "-.inf", "1.0e+400"])
def test_a_number_that_is_not_finite_is_refused_with_its_line(tmp_path, value):
    result = check_file(tmp_path, PENALTY % value)
    assert result.exit_code == 4
    assert "q.yaml:5" in result.output and "finite" in result.output


@pytest.mark.parametrize("value", ["-1", "1.0e+308", "1001"])
def test_a_penalty_outside_its_domain_is_refused(tmp_path, value):
    result = check_file(tmp_path, PENALTY % value)
    assert result.exit_code == 4 and "q.yaml:5" in result.output


@pytest.mark.parametrize("value", ["nan", "inf", "-2", "1e308"])
def test_a_number_fact_on_the_command_line_is_checked_too(value):
    result = cli("check", "--from", "police", "--to", "social_services", "--item", "police_data", "--purpose", "crime_prevention", "--fact", f"offence_max_penalty_years={value}")
    assert result.exit_code == 4


@pytest.mark.parametrize("as_of", ["'1740787200'", "'2025-03-01T10:00:00'", "'20250301'"])
def test_a_date_is_only_yyyy_mm_dd(tmp_path, as_of):
    result = check_file(tmp_path, f"as_of: {as_of}\n" + GOOD)
    assert result.exit_code == 4 and "YYYY-MM-DD" in result.output


# -- finding 3: inputs that exhaust or hang ----------------------------------------------------------

ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


def test_an_alias_is_refused_in_a_question(tmp_path):
    result = check_file(tmp_path, "x: &x police\n" + GOOD.replace("discloser: police", "discloser: *x"))
    assert result.exit_code == 4 and "q.yaml:1" in result.output and "anchor" in result.output


def test_an_alias_bomb_is_refused_before_it_grows(tmp_path):
    from infoshare.core.documents import YamlSyntaxError, parse

    started = time.monotonic()
    with pytest.raises(YamlSyntaxError, match="expands to more than"):
        parse(ALIAS_BOMB, "rule.yaml")  # a rule file may use aliases, but not this many
    assert time.monotonic() - started < 5
    assert check_file(tmp_path, ALIAS_BOMB).exit_code == 4


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000, "- " * 50_000 + "x\n", "{a: " * 10_000 + "1" + "}" * 10_000])
def test_deep_nesting_is_refused_not_a_crash(tmp_path, text):
    result = check_file(tmp_path, text)
    assert result.exit_code == 4 and "nest deeper" in result.output


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_as_the_question_is_refused_at_once(device):
    if not os.path.exists(device):
        pytest.skip(f"{device} is missing")
    result = cli("check", device)
    assert result.exit_code == 4 and "not a regular file" in result.output


def test_a_pipe_as_the_question_is_refused_without_waiting(tmp_path):
    pipe = tmp_path / "q.yaml"
    os.mkfifo(pipe)
    result = cli("check", pipe)
    assert result.exit_code == 4 and "not a regular file" in result.output


def test_a_folder_as_the_question_says_so(tmp_path):
    result = cli("check", tmp_path)
    assert result.exit_code == 4 and "is a folder" in result.output


def test_an_oversized_question_is_refused(tmp_path):
    result = check_file(tmp_path, GOOD + "# " + "x" * (1 << 20) + "\n")
    assert result.exit_code == 4 and "larger than" in result.output


# -- finding 5: crashes become the contract's exit codes ---------------------------------------------


def test_a_loop_of_links_as_the_question_is_exit_4(tmp_path):
    loop = tmp_path / "q.yaml"
    loop.symlink_to(loop)
    result = cli("check", loop)
    assert result.exit_code == 4 and "loop" in result.output


def test_a_loop_of_links_under_rules_is_not_followed(tmp_path):
    from rule_data import copy_rule_data

    root = copy_rule_data(tmp_path / "root")
    (root / "rules" / "loop").symlink_to(root / "rules")
    (root / "rules" / "self.yaml").symlink_to(root / "rules" / "self.yaml")
    result = cli("lint", "--rules", root)
    assert result.exit_code == 3 and "self.yaml" in result.output and "loop" in result.output


def test_a_file_as_the_rules_folder_is_exit_3(tmp_path):
    result = cli("check", "--rules", ROOT / "ruleset.yaml", "--from", "police", "--to", "police", "--item", "police_data", "--purpose", "crime_prevention")
    assert result.exit_code == 3 and "is not a folder" in result.output


def test_a_full_standard_output_is_a_clear_error_not_a_bug():
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, str(ROOT / "cli.py"), "check", str(ROOT / "examples" / "refer-missing-facts.yaml"), "--format", "json"],
            stdout=full, stderr=subprocess.PIPE, text=True, timeout=120,
        )
    assert result.returncode == 2
    assert "cannot write the output" in result.stderr and "bug" not in result.stderr and "Traceback" not in result.stderr


# -- finding 4: personal data is never echoed ------------------------------------------------------

IDENTITY_CODE = "131052-308T"
PHONE = "+358401234567"


@pytest.mark.parametrize(
    "text",
    ["(09) 123 4567", "+358 (0)40 123 4567", "040/123 4567", "hetu131052-308T", "131052\u2013308T", "matti\uff20example.fi", "matti.meikalainen@example.fi", "040 123 4567"],
)
def test_the_formats_the_detector_missed_are_found_and_redacted(text):
    assert personal_data_kind(f"note {text} here") is not None
    assert "[redacted]" in redact(f"note {text} here")


@pytest.mark.parametrize("text", ["police", "2025-03-01", "1285/2016", "HE 182/2025", "offence_max_penalty_years=4", "q.yaml:12"])
def test_ordinary_text_is_not_personal_data(text):
    assert personal_data_kind(text) is None and redact(text) == text


@pytest.mark.parametrize("text", ["a" * 2_000_000, "@" * 300_000 + "a", "0 " * 500_000, "a@" * 200_000, "1" * 2_000_000])
def test_detection_is_linear(text):
    started = time.monotonic()
    personal_data_kind(text)
    redact(text)
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    "question",
    [
        f"discloser: !{IDENTITY_CODE} police\n",  # a YAML tag, quoted in the parser's message
        f"{PHONE}: x\n",  # a numeric key
        f"{IDENTITY_CODE}: 1\n{IDENTITY_CODE}: 2\n",  # a duplicate key
        f"age: {PHONE[1:]}.5\n",  # a float value
        GOOD.replace("police\n", f"police {IDENTITY_CODE}\n", 1),
        GOOD + f"facts: {{consent: '{PHONE}'}}\n",
    ],
)
def test_personal_data_in_a_question_file_never_appears_in_the_output(tmp_path, question):
    result = check_file(tmp_path, question)
    assert result.exit_code == 4
    for value in (IDENTITY_CODE, PHONE, PHONE[1:]):
        assert value not in result.stdout and value not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["check", f"--{IDENTITY_CODE}"],  # an unknown option
        ["check", "--lang", IDENTITY_CODE, "q.yaml"],  # an invalid choice
        ["check", "--age", PHONE, "--from", "police"],  # not a whole number
        ["check", "--from", IDENTITY_CODE, "--to", "police", "--item", "police_data", "--purpose", "crime_prevention"],
        ["check", "--from", "police", "--to", "police", "--item", "police_data", "--purpose", "crime_prevention", "--fact", f"consent={PHONE}"],
        ["check", "--from", "police", "--to", "police", "--item", "police_data", "--purpose", "crime_prevention", "--as-of", IDENTITY_CODE],
        ["check", f"{IDENTITY_CODE}.yaml"],  # a file name
        ["scenarios", "show", IDENTITY_CODE],
        ["scenarios", "play", "x", "--answer", PHONE],
        ["diff", IDENTITY_CODE],
        ["matrix", "--item", "police_data", "--purpose", "crime_prevention", "--from", PHONE],
        [f"{IDENTITY_CODE}"],  # an unknown command
    ],
)
def test_personal_data_in_options_and_arguments_never_appears_in_the_output(args):
    result = cli(*args)
    assert result.exit_code in (2, 3, 4)
    for value in (IDENTITY_CODE, PHONE, PHONE[1:]):
        assert value not in result.stdout and value not in result.stderr


# -- findings 6, 7 and 9: rule files are read strictly -----------------------------------------------

CWA = ("rules", "child_welfare", "cwa-25-1-notify-child-welfare.yaml")
POLICE_HEALTH = ("rules", "police", "police-investigation-health-data.yaml")
ACT = ("legal_basis", "417-2007.yaml")


@pytest.fixture()
def rules_copy(tmp_path):
    from rule_data import copy_rule_data

    return copy_rule_data(tmp_path / "root")


def edited(root: Path, where: tuple[str, ...], old: str, new: str) -> Path:
    path = root.joinpath(*where)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


def load_problems(root: Path) -> str:
    from infoshare.core.loader import load_ruleset
    from infoshare.errors import RulesetError

    with pytest.raises(RulesetError) as raised:
        load_ruleset(root, cached=False)
    return str(raised.value)


@pytest.mark.parametrize(
    "where, old, new, expected",
    [
        (CWA, "age: {below: 18}", "age: {below: '18'}", "valid number"),
        (CWA, "age: {below: 18}", "age: {below: true}", "valid number"),
        (CWA, "age: {below: 18}", "age: {below: 1.0e+300}", "finite and between"),
        (CWA, "age: {below: 18}", "age: {below: .inf}", "finite"),
        (POLICE_HEALTH, "{below: 6}", "{at_least: .inf}", "finite"),
        (POLICE_HEALTH, "{below: 6}", "{below: '6'}", "valid number"),
        (CWA, "valid_from: ", "valid_from: '1740787200'\nnote_: ", "YYYY-MM-DD"),
        (ACT, "act: 417/2007", "act: 'four-one-seven'", "act"),
        (ACT, "url: https://www.finlex.fi", "url: javascript:alert(1)//https://www.finlex.fi", "https://"),
        (ACT, "url: https://www.finlex.fi/fi/laki/ajantasa/2007/20070417", "url: 'https://www.finlex.fi/x\"onmouseover=alert(1)'", "https://"),
        (ACT, "in_force: {from: 2008-01-01}", "in_force: {from: 2008-01-01, to: 2001-01-01}", "before"),
    ],
)
def test_a_lax_value_in_a_rule_file_is_refused_with_its_file(rules_copy, where, old, new, expected):
    text = load_problems(edited(rules_copy, where, old, new))
    assert expected in text and Path(*where).name in text


def test_an_infinite_threshold_fails_the_lint_and_not_every_check(rules_copy):
    edited(rules_copy, POLICE_HEALTH, "{below: 6}", "{at_least: .inf}")
    result = cli("lint", "--rules", rules_copy)
    assert result.exit_code == 3 and "IS001" in result.output and "police-investigation-health-data.yaml" in result.output


def test_the_lint_names_an_act_linked_off_its_publisher(rules_copy):
    edited(rules_copy, ACT, "url: https://www.finlex.fi/fi/", "url: https://example.com/fi/")
    result = cli("lint", "--rules", rules_copy)
    assert result.exit_code == 3 and "IS021" in result.output and "417-2007.yaml:11" in result.output


def test_rule_text_cannot_become_html_or_a_link_in_the_memo(rules_copy, monkeypatch):
    from infoshare.checker import make_checker
    from infoshare.core.loader import load_ruleset
    from infoshare.core.question import question_from_data
    from infoshare.render.memo import render_html, render_markdown

    attack = "<script>alert(1)</script> [click](javascript:alert(2)) <img src=x onerror=alert(3)> **loud**"
    path = rules_copy.joinpath("rules", "secrecy", "secrecy-default.yaml")
    text = path.read_text(encoding="utf-8").replace("explain:\n  fi: >-\n", f"explain:\n  fi: >-\n    {attack}\n", 1)
    path.write_text(text, encoding="utf-8")
    ruleset = load_ruleset(rules_copy, cached=False)
    question = question_from_data({"as_of": "2025-03-01", "discloser": "police", "recipient": "school", "item": "police_data", "purpose": "crime_prevention"}, "q", ruleset)
    answer = make_checker(ruleset, "reference").answer(question)
    assert any(ground.rule == "secrecy-default" for ground in answer.grounds)
    from markdown_it import MarkdownIt

    # The Markdown as a permissive viewer (raw HTML on, as on a code forge) and our own page render it.
    for page in (MarkdownIt("commonmark").render(render_markdown(answer, ruleset, "fi")), render_html(answer, ruleset, "fi")):
        assert "<script>" not in page and "<img" not in page and 'href="javascript' not in page and "<strong>loud" not in page
        assert "alert(1)" in page and "**loud**" in page  # shown as text, not dropped


def test_a_pipe_among_the_rule_files_is_exit_3_without_waiting(rules_copy):
    os.mkfifo(rules_copy / "rules" / "secrecy" / "waiting.yaml")
    result = cli("lint", "--rules", rules_copy)
    assert result.exit_code == 3 and "waiting.yaml" in result.output and "not a regular file" in result.output


def test_the_json_answer_is_strict_json(tmp_path):
    import json

    result = check_file(tmp_path, PENALTY % "4.5")
    assert result.exit_code in (0, 5)
    json.loads(result.stdout, parse_constant=lambda name: pytest.fail(f"bare {name} in the answer"))
