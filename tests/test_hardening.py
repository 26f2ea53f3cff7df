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

from infoshare.app import app
from infoshare.privacy import personal_data_kind, redact

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
    from infoshare.yamlsource import YamlSyntaxError, load_text

    started = time.monotonic()
    with pytest.raises(YamlSyntaxError, match="expands to more than"):
        load_text(ALIAS_BOMB, "rule.yaml")  # a rule file may use aliases, but not this many
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
