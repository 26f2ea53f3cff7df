"""The command line end to end, through a subprocess: answers, exit codes and error messages (contract §1–§3).

Every run is a real `python cli.py …` in a fresh interpreter, so these tests see exactly what a user sees:
stdout, stderr and the exit code. Subprocesses are slow (~0.3 s each); keep the count near 45.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from rule_data import copy_rule_data

from infoshare.core.loader import default_root

ROOT = Path(__file__).resolve().parent.parent
CLI = ROOT / "cli.py"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
# The rule data the CLI reads when no --rules is given: the checkout (the same lookup as the loader's).
RULES = default_root()

TOP_LEVEL_KEYS = [
    "outcome", "refer_reason", "question", "grounds", "defeated", "obligations",
    "related_duties", "questions", "alternatives", "warnings", "ruleset",
]
EXIT_CODES = {"must_share": 0, "may_share": 0, "must_not_share": 0, "refer": 5}
EXPECTED = re.compile(
    r"Expected:\s*(must_share|may_share|must_not_share|refer)\b"
    r"(?:\s*/\s*(missing_facts|conflict|not_covered|not_in_force)\b)?"
)


def run(*args: object, cwd: Path = ROOT, python: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    """`python cli.py ARGS` (or `python PYTHON…`), with a wide, colourless terminal so rich never wraps our needles."""
    env = {**os.environ, "COLUMNS": "300", "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}
    env.pop("FORCE_COLOR", None)
    command = [sys.executable, *python] if python else [sys.executable, str(CLI), *map(str, args)]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120)


def header_comment(path: Path) -> str:
    """The leading `#` comment block of a file, joined into one line."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("#").strip())
    return " ".join(lines)


def expectation(path: Path) -> tuple[str, str | None]:
    """The outcome and refer_reason that the example's own header comment promises."""
    header = header_comment(path)
    match = EXPECTED.search(header)
    assert match, f"{path.name}: the header comment has no 'Expected: <outcome>[ / <reason>]'"
    outcome, reason = match.groups()
    assert (outcome == "refer") == (reason is not None), f"{path.name}: 'refer' needs a reason, other outcomes none"
    stated_exit = re.search(r"\bexit (\d)\b", header)
    if stated_exit:  # the comment's own exit code must agree with the contract
        assert int(stated_exit.group(1)) == EXIT_CODES[outcome], f"{path.name}: comment says exit {stated_exit.group(1)}"
    return outcome, reason


def messages() -> dict[str, dict[str, str]]:
    return yaml.safe_load((RULES / "templates" / "messages.yaml").read_text(encoding="utf-8"))


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the first line of `text` containing `needle`."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in the text")


def assert_clean_failure(result: subprocess.CompletedProcess[str], code: int) -> None:
    assert result.returncode == code, f"exit {result.returncode}, expected {code}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert "Traceback" not in result.stderr
    assert "Traceback" not in result.stdout


# --- the examples ----------------------------------------------------------------------------------------


def test_there_are_examples_and_each_states_its_expected_answer():
    assert len(EXAMPLES) >= 4
    for path in EXAMPLES:
        expectation(path)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_example_json_answer_matches_its_header_comment(example: Path):
    outcome, reason = expectation(example)
    result = run("check", example, "--format", "json")
    assert result.returncode == EXIT_CODES[outcome], result.stderr
    assert "Traceback" not in result.stderr
    answer = json.loads(result.stdout)
    assert list(answer) == TOP_LEVEL_KEYS
    assert (answer["outcome"], answer["refer_reason"]) == (outcome, reason)
    if (outcome, reason) != ("refer", "not_covered"):
        assert answer["grounds"], "every outcome except refer/not_covered has at least one ground"
    for ground in answer["grounds"]:
        if (outcome, reason) != ("refer", "not_covered"):
            assert ground["citations"], f"ground {ground['rule']} cites no provision"
        for citation in ground["citations"]:
            assert citation["act"] and citation["url"]
            assert isinstance(citation["verified"], bool)
    if (outcome, reason) != ("refer", "missing_facts"):
        assert answer["questions"] == []
    else:
        assert answer["questions"], "refer/missing_facts names the facts that would decide it"
    assert answer["ruleset"]["digest"].startswith("sha256:")
    assert answer["ruleset"]["as_of"] == answer["question"]["as_of"]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_example_text_answer_prints_the_outcome_headline(example: Path):
    outcome, reason = expectation(example)
    language = (yaml.safe_load(example.read_text(encoding="utf-8")) or {}).get("language", "fi")
    result = run("check", example)
    assert result.returncode == EXIT_CODES[outcome], result.stderr
    assert "Traceback" not in result.stderr
    catalogue = messages()
    assert catalogue[f"outcome.{outcome}"][language] in result.stdout
    if reason:
        assert catalogue[f"reason.{reason}"][language] in result.stdout


def test_question_from_flags_is_answered_and_deterministic():
    args = (
        "check", "--from", "youth_services", "--to", "child_welfare", "--item", "private_life",
        "--purpose", "child_welfare_notification", "--age", "15", "--fact", "child_welfare_need=true",
        "--as-of", "2025-03-01", "--format", "json",
    )
    first, second = run(*args), run(*args)
    assert first.returncode == 0, first.stderr
    answer = json.loads(first.stdout)
    assert answer["outcome"] == "must_share"
    assert answer["refer_reason"] is None
    assert answer["question"]["subject"]["age"] == 15
    assert answer["question"]["facts"] == {"child_welfare_need": True}
    assert second.returncode == 0
    assert first.stdout.encode() == second.stdout.encode(), "the same question must give byte-identical JSON"


# --- invalid questions: exit 4 with file:line --------------------------------------------------------------

BASE = """\
as_of: 2025-03-01
language: en
discloser: youth_services
recipient: child_welfare
item: private_life
purpose: child_welfare_notification
initiative: proactive
subject:
  age: 15
facts:
  child_welfare_need: true
"""
# Variants append "  fact: …" lines (under facts:) or top-level keys at the end.

IDENTITY_CODE = "131052-308T"  # syntactically valid, correct check character
EMAIL = "matti.meikalainen@example.fi"
PHONE = "+358 40 123 4567"

# (id, question text, text on the offending line or None when no line applies, words the message must hold,
#  a value that must NOT be echoed)
BAD_QUESTIONS = [
    ("unknown-role", BASE.replace("discloser: youth_services", "discloser: youth_service"), "discloser:",
     ["unknown role 'youth_service'", "did you mean 'youth_services'"], None),
    ("misspelt-fact", BASE.replace("child_welfare_need: true", "child_welfare_needs: true"), "child_welfare_needs",
     ["unknown fact 'child_welfare_needs'", "did you mean 'child_welfare_need'"], None),
    ("age-not-a-number", BASE.replace("age: 15", 'age: "sixteen"'), "  age:", ["subject.age", "integer"], None),
    ("mature-a-string", BASE.replace("age: 15", 'age: 15\n  mature: "yes"'), "mature:", ["subject.mature", "boolean"], None),
    ("impossible-date", BASE.replace("as_of: 2025-03-01", "as_of: 2025-02-30"), "as_of:", ["as_of", "date"], None),
    ("extra-top-level-key", BASE + "colour: red\n", "colour:", ["unknown key 'colour'"], None),
    ("identity-code-in-fact-value", BASE + f"  consent: {IDENTITY_CODE}\n", IDENTITY_CODE,
     ["personal identity code", "personal data"], IDENTITY_CODE),
    ("identity-code-in-unknown-key", BASE + f"client {IDENTITY_CODE}: seen at school\n", IDENTITY_CODE,
     ["personal identity code", "personal data"], IDENTITY_CODE),
    ("email-address", BASE + f'note: "write to {EMAIL}"\n', EMAIL, ["e-mail address", "personal data"], EMAIL),
    ("phone-number", BASE + f"  consent: {PHONE}\n", PHONE, ["phone number", "personal data"], PHONE),
    ("list-not-mapping", "- youth_services\n- police\n", "- youth_services", ["list", "not a mapping"], None),
    ("empty-file", "", None, ["empty"], None),
    ("yaml-syntax-error", BASE.replace("purpose: child_welfare_notification", "purpose: child_welfare_notification: now"),
     "purpose:", ["not valid YAML"], None),
    ("consent-no-unquoted", BASE + "  consent: no\n", "consent: no", ["consent", "unquoted"], None),
]


@pytest.mark.parametrize(("text", "needle", "words", "secret"), [p[1:] for p in BAD_QUESTIONS], ids=[p[0] for p in BAD_QUESTIONS])
def test_invalid_question_exits_4_naming_file_and_line(tmp_path: Path, request, text, needle, words, secret):
    name = f"{request.node.callspec.id}.yaml"
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = run("check", name, "--format", "json", cwd=tmp_path)
    assert_clean_failure(result, 4)
    assert result.stdout == ""
    if needle is None:
        assert name in result.stderr
    else:
        assert f"{name}:{line_of(text, needle)}:" in result.stderr
    for word in words:
        assert word in result.stderr
    if secret is not None:  # refused, and never echoed back
        assert secret not in result.stderr
        assert secret.replace(" ", "") not in result.stderr.replace(" ", "")


def test_identity_code_as_fact_name_on_the_command_line_is_refused_not_echoed():
    result = run(
        "check", "--from", "youth_services", "--to", "child_welfare", "--item", "private_life",
        "--purpose", "child_welfare_notification", "--fact", f"{IDENTITY_CODE}=true",
    )
    assert_clean_failure(result, 4)
    assert "personal identity code" in result.stderr
    assert IDENTITY_CODE not in result.stderr


# --- invalid rule files: exit 3 with file:line ------------------------------------------------------------

CWA = "rules/child_welfare/cwa-25-1-notify-child-welfare.yaml"
SECRECY = "rules/secrecy/secrecy-default.yaml"
CONSENT = "rules/consent/consent-given.yaml"


def _replace(old: str, new: str):
    def edit(text: str) -> str:
        assert old in text, f"{old!r} is no longer in the rule file: update this test"
        return text.replace(old, new, 1)

    return edit


def _drop_explain_sv(text: str) -> str:
    """Remove the `sv:` entry (and its folded lines) under `explain:`, keeping fi and en."""
    head, sep, explain = text.partition("\nexplain:\n")
    assert sep, "the rule has no explain: block"
    edited = re.sub(r"^  sv:.*\n(?:    .*\n)*", "", explain, count=1, flags=re.MULTILINE)
    assert edited != explain
    return head + sep + edited


# (id, file to break, edit, [(file, text on the line the error must name)] — any one of them, words in the message)
BROKEN_RULES = [
    ("unknown-provision", CWA, _replace("provisions: [cwa-25-1]", "provisions: [cwa-25-99]"),
     [(CWA, "provisions:")], ["unknown provision 'cwa-25-99'"]),
    # consent-given overrides secrecy-default; this closes the loop. Either end may be the one reported.
    ("override-cycle", SECRECY, _replace("overrides: []", "overrides: [consent-given]"),
     [(SECRECY, "overrides:"), (CONSENT, "overrides:")], ["cycle"]),
    ("explain-without-sv", CWA, _drop_explain_sv, [(CWA, "explain:")], ["explain.sv", "missing"]),
    ("unknown-effect", CWA, _replace("effect: require", "effect: demand"), [(CWA, "effect:")], ["effect"]),
    ("unknown-fact-in-when", CWA, _replace("    child_welfare_need: true", "    child_welfare_needs: true"),
     [(CWA, "child_welfare_needs")], ["unknown fact 'child_welfare_needs'", "did you mean 'child_welfare_need'"]),
]


@pytest.mark.parametrize(("broken", "edit", "locations", "words"), [p[1:] for p in BROKEN_RULES], ids=[p[0] for p in BROKEN_RULES])
def test_broken_rule_set_exits_3_naming_file_and_line(tmp_path: Path, broken, edit, locations, words):
    copy = copy_rule_data(tmp_path / "ruleset")
    target = copy / broken
    target.write_text(edit(target.read_text(encoding="utf-8")), encoding="utf-8")

    example = ROOT / "examples" / "must-share-child-welfare-notification.yaml"
    result = run("check", example, "--rules", copy, cwd=tmp_path)
    assert_clean_failure(result, 3)
    assert result.stdout == ""
    expected = [f"{file}:{line_of((copy / file).read_text(encoding='utf-8'), needle)}:" for file, needle in locations]
    assert any(where in result.stderr for where in expected), f"none of {expected} in:\n{result.stderr}"
    for word in words:
        assert word in result.stderr


# --- usage errors: exit 2 ---------------------------------------------------------------------------------

EXAMPLE = ROOT / "examples" / "must-share-child-welfare-notification.yaml"
USAGE_ERRORS = [
    ("unknown-option", ["check", "--bogus", EXAMPLE], ["--bogus"]),
    ("from-without-to", ["check", "--from", "youth_services", "--item", "private_life", "--purpose", "child_welfare_notification"], ["--to"]),
    ("file-and-flags", ["check", EXAMPLE, "--from", "youth_services"], ["not both"]),
]


@pytest.mark.parametrize(("args", "words"), [u[1:] for u in USAGE_ERRORS], ids=[u[0] for u in USAGE_ERRORS])
def test_usage_error_exits_2(args, words):
    result = run(*args)
    assert_clean_failure(result, 2)
    assert result.stdout == ""
    for word in words:
        assert word in result.stderr


# --- the other commands -----------------------------------------------------------------------------------


def test_vocab_lists_ids_with_labels_in_every_language():
    vocabulary = yaml.safe_load((RULES / "vocabulary.yaml").read_text(encoding="utf-8"))
    result = run("vocab")
    assert result.returncode == 0, result.stderr
    assert "youth_services" in result.stdout
    assert vocabulary["roles"]["youth_services"]["sv"] in result.stdout
    assert vocabulary["roles"]["police"]["fi"] in result.stdout


def test_schema_question_is_json_with_the_vocabulary_as_enums():
    result = run("schema", "question")
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    assert "police" in schema["properties"]["discloser"]["enum"]
    assert "youth_services" in schema["properties"]["recipient"]["enum"]


@pytest.mark.parametrize("command", ["check", "vocab", "schema"])
def test_help_of_every_command(command: str):
    result = run(command, "--help")
    assert result.returncode == 0, result.stderr
    assert "Usage" in result.stdout
    assert command in result.stdout


def test_unexpected_error_is_reported_as_a_bug_without_traceback():
    provoke = (
        "import sys\n"
        "import infoshare.cli.app, infoshare.core.decide\n"
        "def broken(self, question):\n"
        "    raise RuntimeError('boom')\n"
        "infoshare.core.decide.Decider.ruling = broken\n"
        f"sys.argv = ['infoshare', 'check', {str(EXAMPLE)!r}]\n"
        "infoshare.cli.app.main()\n"
    )
    result = run(python=("-c", provoke))
    assert_clean_failure(result, 1)
    assert "bug" in result.stderr
    assert "report" in result.stderr
    assert result.stdout == ""


def test_lint_is_clean_and_every_case_passes_from_the_command_line():
    lint = run("lint", "--format", "json")
    assert lint.returncode == 0, lint.stdout[-2000:]
    assert all(finding["severity"] == "warning" for finding in json.loads(lint.stdout))
    cases = run("test")
    assert cases.returncode == 0, cases.stdout[-2000:]
    assert re.search(r"^\d+ passed, 0 failed$", cases.stdout, re.MULTILINE)


def test_version_names_the_law_checked_day_also_when_the_ruleset_is_broken(tmp_path: Path):
    from infoshare.cli.about import version_text

    root = copy_rule_data(tmp_path / "data")
    checked = str(yaml.safe_load((root / "ruleset.yaml").read_text(encoding="utf-8"))["law_checked"])
    assert f"law last checked {checked}" in version_text(root)
    (root / "vocabulary.yaml").write_text("roles: [\n", encoding="utf-8")
    broken = version_text(root)
    assert "ruleset: " in broken and f"law last checked {checked}" in broken
