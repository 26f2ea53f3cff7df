"""Fuzzing the inputs a user controls: question files, `check` options, piped interview replies, rule files.

The laws: whatever comes in, the command ends with one of the contract's exit codes for that input (never 1,
"a bug"), prints no traceback, and never repeats personal data it was given. Each test runs a small fixed
budget in the normal suite; the same test under the `soak` marker runs a long one (`make soak`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rule_data import copy_rule_data
from typer.testing import CliRunner

from infoshare.cli.app import app
from infoshare.core.loader import default_root, load_ruleset
from infoshare.errors import RulesetError

QUICK, SOAK = 20, 3_000
PERSONAL = ["131052-308T", "+358401234567", "matti.meikalainen@example.fi", "(09) 123 4567", "040/123 4567"]
WORK = Path(tempfile.mkdtemp(prefix="infoshare-fuzz-"))


def budget(examples: int):
    return settings(max_examples=examples, deadline=None, database=None, derandomize=examples == QUICK, suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module", autouse=True)
def _work_folder():
    """Fuzzed runs work in a folder of their own: an interview's fuzzed reply may name a file to save to."""
    before = os.getcwd()
    os.chdir(WORK)
    yield
    os.chdir(before)
    shutil.rmtree(WORK, ignore_errors=True)


def _vocabulary_ids() -> list[str]:
    vocabulary = load_ruleset().vocabulary
    return [*vocabulary.roles, *vocabulary.items, *vocabulary.purposes, *vocabulary.facts][:80]


IDS = _vocabulary_ids()
KEYS = ["as_of", "language", "discloser", "recipient", "item", "purpose", "initiative", "subject", "facts", "assume_enacted", "age", "mature"]
SCALARS = st.one_of(
    st.sampled_from(IDS),
    st.sampled_from(PERSONAL),
    st.sampled_from([".nan", ".inf", "-.inf", "1e400", "1.0e+308", "-1", "0x1F", "0o17", "1_000", "2025-02-30", "'1740787200'", "~", "null", "yes", "no", "!!binary aGk=", "!tag x", "*alias", "&anchor x", "'", '"', "{", "[", "]", "- -", "|", ">", "%YAML 1.1", "---", "...", "\t", "\\u0000"]),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30),
)


@st.composite
def question_texts(draw) -> str:
    """YAML-ish text from the question's own keys and hostile scalars, nested a little."""
    lines = []
    for _ in range(draw(st.integers(0, 12))):
        key = draw(st.one_of(st.sampled_from(KEYS), SCALARS))
        if draw(st.integers(0, 4)) == 0:
            inner = ", ".join(f"{draw(st.sampled_from(IDS + KEYS))}: {draw(SCALARS)}" for _ in range(draw(st.integers(0, 4))))
            lines.append(f"{key}: {{{inner}}}")
        else:
            lines.append(f"{key}: {draw(SCALARS)}")
    text = "\n".join(lines)
    return text if draw(st.integers(0, 9)) else draw(st.text(max_size=200))


def invoke(args: list[str], stdin: str | None = None):
    result = CliRunner().invoke(app, args, input=stdin)
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "This is a bug" not in output, output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result, output


def _no_personal_data(output: str, given: str) -> None:
    for value in PERSONAL:
        if value in given:
            assert value not in output, f"{value!r} was echoed"


def check_question_text(text: str) -> None:
    path = WORK / "question.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    result, output = invoke(["check", str(path), "--format", "json"])
    assert result.exit_code in (0, 4, 5), output
    _no_personal_data(output, text)


@budget(QUICK)
@given(text=question_texts())
def test_fuzzed_question_files(text):
    check_question_text(text)


@pytest.mark.soak
@budget(SOAK)
@given(text=question_texts())
def test_fuzzed_question_files_soak(text):
    check_question_text(text)


OPTIONS = ["--from", "--to", "--item", "--purpose", "--initiative", "--age", "--fact", "--as-of", "--lang", "--format", "--engine", "--assume-enacted", "--mature", "--not-mature", "--nonsense", "-o"]


@st.composite
def check_arguments(draw) -> list[str]:
    args = ["check"]
    for _ in range(draw(st.integers(0, 10))):
        option = draw(st.sampled_from(OPTIONS))
        if option == "-o":
            args += [option, str(WORK / draw(st.sampled_from(["out.txt", "missing/out.txt", "."])))]
        elif option in ("--mature", "--not-mature"):
            args.append(option)
        else:
            args += [option, draw(st.one_of(SCALARS, st.sampled_from([f"{i}={v}" for i in IDS[-10:] for v in ("true", "4", "nan", "given")])))]
    return args


def check_options(args: list[str]) -> None:
    result, output = invoke(args)
    assert result.exit_code in (0, 2, 4, 5), output
    _no_personal_data(output, " ".join(args))


@budget(QUICK)
@given(args=check_arguments())
def test_fuzzed_check_options(args):
    check_options(args)


@pytest.mark.soak
@budget(SOAK)
@given(args=check_arguments())
def test_fuzzed_check_options_soak(args):
    check_options(args)


REPLIES = st.one_of(st.sampled_from(["1", "2", "3", "0", "99", "-1", "y", "n", "yes", "no", "", "q", "?", "back"]), SCALARS)


def interview_replies(replies: list[str]) -> None:
    result, output = invoke(["interview", "--lang", "en"], stdin="\n".join(replies) + "\n")
    assert result.exit_code != 1, output
    _no_personal_data(output, "\n".join(replies))


@budget(QUICK // 2)
@given(replies=st.lists(REPLIES, max_size=25))
def test_fuzzed_interview_replies(replies):
    interview_replies(replies)


@pytest.mark.soak
@budget(SOAK // 3)
@given(replies=st.lists(REPLIES, max_size=60))
def test_fuzzed_interview_replies_soak(replies):
    interview_replies(replies)


RULE_FILES = sorted(p.relative_to(default_root()).as_posix() for p in (default_root() / "rules").rglob("*.yaml") if not p.name.endswith(".cases.yaml"))


@st.composite
def mutated_rule_files(draw) -> tuple[str, str]:
    """One rule file with a few lines replaced, removed, repeated or given a hostile value."""
    name = draw(st.sampled_from(RULE_FILES + ["legal_basis/417-2007.yaml", "vocabulary.yaml", "ruleset.yaml"]))
    lines = (default_root() / name).read_text(encoding="utf-8").splitlines()
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, max(len(lines) - 1, 0)))
        how = draw(st.sampled_from(["value", "delete", "repeat", "replace"]))
        line = lines[index] if lines else ""
        if how == "value" and ":" in line:
            lines[index] = line.split(":", 1)[0] + ": " + draw(SCALARS)
        elif how == "delete" and lines:
            del lines[index]
        elif how == "repeat":
            lines.insert(index, line)
        else:
            lines[index:index + 1] = [draw(st.text(max_size=60))]
    return name, "\n".join(lines) + "\n"


_ROOT = copy_rule_data(WORK / "rules-root")


def load_mutated(mutation: tuple[str, str]) -> None:
    name, text = mutation
    path = _ROOT / name
    original = path.read_bytes()
    try:
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            load_ruleset(_ROOT, cached=False)
        except RulesetError as error:
            assert error.problems and all(problem.file for problem in error.problems)
    finally:
        path.write_bytes(original)


@budget(QUICK)
@given(mutation=mutated_rule_files())
def test_fuzzed_rule_files(mutation):
    load_mutated(mutation)


@pytest.mark.soak
@budget(SOAK)
@given(mutation=mutated_rule_files())
def test_fuzzed_rule_files_soak(mutation):
    load_mutated(mutation)
