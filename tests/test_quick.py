"""The quick path of `check`: it imports nothing a check does not use, parses as Typer does from the one
declaration of the options, and leaves everything out of the ordinary to Typer."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_shipped_templates import NO_COMPILING
from typer.testing import CliRunner

from infoshare.cli import check_command
from infoshare.cli.app import app
from infoshare.cli.check_command import CHECK_PARAMS, SUBJECT_PARAMS, Format
from infoshare.cli.quick import parse
from infoshare.domain import SUBJECT

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "must-share-child-welfare-notification.yaml"
NOT_FOR_A_CHECK = ("typer", "click", "pydantic", "pydantic_core", "yaml", "rich", "jinja2", "markdown_it", "dataclasses")  # dataclasses: with inspect, ast and dis, a good part of a cold start

PROBE = f"""
import json, sys
from infoshare.cli.quick import run_quickly
code = run_quickly(sys.argv[1:])
sys.stdout.flush()
loaded = sorted({{name.split(".")[0] for name in sys.modules}} & {set(NOT_FOR_A_CHECK)!r})
print("\\nLOADED " + json.dumps([code, loaded]), file=sys.stderr)
"""


def run_probe(tmp_path: Path, *args: str, columns: str = "100") -> tuple[int, list[str], str]:
    """Run `args` through the quick path in a fresh interpreter: the exit code, the heavy modules it loaded, stdout."""
    env = {**os.environ, "INFOSHARE_CACHE_DIR": str(tmp_path / "cache"), "COLUMNS": columns}
    command = [sys.executable, "-c", PROBE, *args]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, check=False)
    code, loaded = json.loads(done.stderr.rsplit("LOADED ", 1)[1])
    return code, loaded, done.stdout


def test_a_check_served_from_the_cache_loads_neither_typer_nor_pydantic_nor_renderers_it_does_not_use(tmp_path):
    args = ("check", str(EXAMPLE), "--format", "json")
    first = run_probe(tmp_path, *args)  # fills the cache: this one validates the files with pydantic
    code, loaded, output = run_probe(tmp_path, *args)
    assert (code, output) == (first[0], first[2])
    assert code == 0 and json.loads(output)["outcome"] == "must_share"
    assert loaded == []
    for other in (
        ("check", str(EXAMPLE), "--lang", "sv", "--as-of", "2025-03-01", "--format", "json"),
        ("check", "--from", "opettaja", "--to", "police", "--item", "threat_information", "--purpose", "prevent_violence", "--age", "15", "--fact", "consent=refused"),
    ):  # the second, in text, the default: the answer is laid out without rich (render/screen.py)
        code, loaded, output = run_probe(tmp_path, *other)
        assert code in (0, 5) and output and loaded == []
    code, loaded, output = run_probe(tmp_path, *args[:2], "--format", "text", "-o", str(tmp_path / "answer.txt"))
    assert code == 0 and output == "" and "╭" in (tmp_path / "answer.txt").read_text(encoding="utf-8") and loaded == []
    run_probe(tmp_path, *args[:2], "--format", "memo")  # the first memo keeps the glossary and filing table parsed
    code, loaded, output = run_probe(tmp_path, *args[:2], "--format", "memo")
    assert code == 0 and output.startswith("#") and loaded == ["jinja2"]  # not markdown_it: that is for html
    code, loaded, output = run_probe(tmp_path, *args[:2], "--format", "html")
    assert code == 0 and output.startswith("<!DOCTYPE") and loaded == ["dataclasses", "jinja2", "markdown_it"]  # markdown_it uses dataclasses; no rich
    code, loaded, output = run_probe(tmp_path, "--version")
    assert code == 0 and output.startswith("infoshare ")
    assert loaded == []


def test_a_memo_from_the_cache_compiles_no_template(tmp_path):
    """The memo's template comes compiled with the package (render/shipped_templates.py): Jinja2 compiles nothing."""
    env = {**os.environ, "INFOSHARE_CACHE_DIR": str(tmp_path / "cache")}
    for language in ("en", "fi", "sv"):
        args = ["check", str(EXAMPLE), "--format", "memo", "--lang", language]
        done = subprocess.run([sys.executable, "-c", NO_COMPILING, *args], capture_output=True, text=True, env=env, timeout=120, check=False)
        assert done.stderr.rsplit("COMPILED ", 1)[1].strip() == "0 []", done.stderr


def test_a_one_shot_command_leaves_its_objects_to_the_end_of_the_process(tmp_path):
    """The collector's last pass at exit would walk every object of the ruleset: a check freezes them first."""
    probe = (
        "import atexit, gc, sys\n"
        "from infoshare.cli.quick import main\n"
        "atexit.register(lambda: print('FROZEN', gc.get_freeze_count() > 0, file=sys.stderr))\n"
        "sys.argv = ['infoshare', *sys.argv[1:]]\n"
        "main()\n"
    )
    env = {**os.environ, "INFOSHARE_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", probe, "check", str(EXAMPLE), "--format", "json"], capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 0 and json.loads(done.stdout)["outcome"] == "must_share"
    assert done.stderr.rsplit("FROZEN ", 1)[1].strip() == "True"


@pytest.mark.parametrize("args", [("--help",), ("check", "--help"), ("scenarios", "play", "--help")])
def test_a_help_text_is_typers_and_the_second_time_comes_from_the_cache(tmp_path, args):
    code, loaded, first = run_probe(tmp_path, *args)
    assert code == 0 and "typer" in loaded and first.startswith("Usage")
    assert run_probe(tmp_path, *args) == (0, [], first)
    code, loaded, narrow = run_probe(tmp_path, *args, columns="60")  # another width is another text, Typer's again
    assert code == 0 and "typer" in loaded and narrow != first


def test_a_failed_help_is_never_kept(tmp_path):
    for _ in range(2):
        code, loaded, _ = run_probe(tmp_path, "no-such-command", "--help")
        assert code == 2 and "typer" in loaded
    assert not list((tmp_path / "cache").glob("help-*"))


def test_the_declaration_names_every_parameter_of_the_check():
    """Each declared option is a keyword of the check, but the subject's, which it takes together (`**subject`)."""
    parameters = inspect.signature(check_command.check).parameters.values()
    assert [param.name for param in CHECK_PARAMS if param not in SUBJECT_PARAMS] == [p.name for p in parameters if p.kind is not p.VAR_KEYWORD]
    assert [p.kind for p in parameters][-1] is inspect.Parameter.VAR_KEYWORD
    assert [param.name for param in SUBJECT_PARAMS] == list(SUBJECT) and set(SUBJECT_PARAMS) <= set(CHECK_PARAMS)


@pytest.mark.parametrize(
    "args",
    [
        [str(EXAMPLE)],
        [str(EXAMPLE), "--format", "memo", "--lang=sv", "-o", "out.md", "--case-ref", "12/2025"],
        ["--from", "opettaja", "--to", "police", "--item=threat_information", "--purpose", "prevent_violence", "--age", "15", "--not-mature"],
        ["--fact", "consent=refused", "--fact", "risk_of_violence=true", "--mature", "--as-of", "2025-03-01", "--engine", "reference"],
        ["--assume-enacted", "HE-182-2025", "--format", "json", "--rules", "some/where", "--audit-log", "a.log", "-"],
    ],
)
def test_the_quick_parser_reads_what_typer_reads(args, monkeypatch):
    seen = {}

    def record(**options):
        seen.update(options)
        return 0

    monkeypatch.setattr(check_command, "check", record)
    result = CliRunner().invoke(app, ["check", *args])
    assert result.exit_code == 0, result.output
    assert parse(CHECK_PARAMS, args) == seen


@pytest.mark.parametrize(
    "args",
    [
        ["--help"], ["--bogus"], ["--age", "x"], ["--age", "-3"], ["--age", "07"], ["--format", "pdf"], ["--format", "JSON"],
        ["--from"], ["--from", "--to"], ["a.yaml", "b.yaml"], ["--lang", "fi", "--lang", "sv"], ["--mature=yes"],
        ["-o=x"], ["--", "a.yaml"], ["--from", ""],
    ],
)
def test_anything_out_of_the_ordinary_is_left_to_typer(args):
    assert parse(CHECK_PARAMS, args) is None


def test_defaults_come_from_the_declaration():
    options = parse(CHECK_PARAMS, [])
    assert options is not None
    assert options["output_format"] is Format.text and options["fact"] is None and options["lang"] is None
    assert parse(CHECK_PARAMS, ["--lang", "en"])["lang"] == "en"  # type: ignore[index]


WORDS = [
    "a.yaml", "-", "police", "12", "07", "-3", "x=y", "json", "memo", "sv", "reference", "", "--", "-o", "--output", "--from", "--to",
    "--item", "--age", "--mature", "--not-mature", "--fact", "--lang", "--lang=en", "--format", "--format=html", "--engine",
    "--rules", "--as-of", "--case-ref", "--assume-enacted", "--audit-log", "--help", "--bogus", "-x", "--age=4", "--mature=1",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=8))
def test_whatever_the_quick_parser_accepts_typer_reads_alike(args):
    options = parse(CHECK_PARAMS, args)
    if options is None:
        return
    seen: dict[str, object] = {}
    original = check_command.check
    check_command.check = lambda **given: seen.update(given) or 0  # type: ignore[assignment]
    try:
        result = CliRunner().invoke(app, ["check", *args])
    finally:
        check_command.check = original
    assert result.exit_code == 0, result.output
    assert options == seen
