"""The tool as it is installed, not cloned: a wheel in a fresh virtual environment, and where data is read from.

The installed tool must find its rule data and templates inside the package and answer every example
from an unrelated folder, with nothing of this checkout on the path or in the environment.
"""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import pytest
from rule_data import copy_rule_data
from test_shipped_templates import NO_COMPILING

from infoshare.core.question import read_question_file
from infoshare.locations import choose_root, default_root, installed_root

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted([*(ROOT / "examples").glob("*.yaml"), *(ROOT / "examples" / "hard-cases").glob("*.yaml")])


def _clean_env(**extra: str) -> dict[str, str]:
    """The environment of a user who never saw this checkout."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "INFOSHARE_ROOT", "VIRTUAL_ENV")}
    return env | {"PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"} | extra


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `infoshare` script of a fresh virtual environment holding only the wheel built from this checkout."""
    folder = tmp_path_factory.mktemp("wheel")
    # The dev extra installs hatchling, so the wheel builds offline; without it pip fetches it to build.
    isolation = ["--no-build-isolation"] if find_spec("hatchling") else []
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", *isolation, "-w", folder / "dist", ROOT], check=True, capture_output=True, timeout=300)
    (wheel,) = (folder / "dist").glob("infoshare-*.whl")
    venv = folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", venv], check=True, capture_output=True, timeout=300)
    subprocess.run([venv / "bin" / "python", "-m", "pip", "install", "-q", wheel], check=True, capture_output=True, timeout=600, env=_clean_env())
    return venv / "bin" / "infoshare"


def test_the_wheel_answers_every_example_from_another_folder(installed, durable, tmp_path):
    env = _clean_env(INFOSHARE_CACHE_DIR=str(tmp_path / "cache"))
    for example in EXAMPLES:
        done = subprocess.run([installed, "check", example, "--format", "json"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
        assert done.stderr == "", f"{example.name}: {done.stderr}"
        expected = durable.answer(read_question_file(example, durable.ruleset))
        assert done.stdout == expected.to_json(), f"{example.name}: the installed tool answers otherwise than the checkout"
        assert done.returncode == expected.exit_code


def test_the_wheel_writes_memos_from_its_compiled_templates(installed, tmp_path):
    """The templates compiled ahead travel in the wheel: an installed memo compiles nothing and reads as the checkout's."""
    example = str(ROOT / "examples" / "must-share-child-welfare-notification.yaml")
    for language in ("fi", "sv", "en"):
        args = ["check", example, "--format", "memo", "--lang", language]
        env = _clean_env(INFOSHARE_CACHE_DIR=str(tmp_path / "cache"))
        done = subprocess.run([installed.with_name("python"), "-c", NO_COMPILING, *args], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
        assert done.stderr.rsplit("COMPILED ", 1)[-1].strip() == "0 []", done.stderr
        here = subprocess.run([sys.executable, ROOT / "cli.py", *args], env=env | {"PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=120)
        assert done.stdout == here.stdout and here.returncode == 0


def test_the_wheel_carries_the_scenarios_lints_clean_and_says_its_version(installed, ruleset, tmp_path):
    env = _clean_env(INFOSHARE_CACHE_DIR=str(tmp_path / "cache"), COLUMNS="200")
    version = subprocess.run([installed, "--version"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert version.returncode == 0, version.stderr
    assert f"ruleset {ruleset.version} ({ruleset.digest})" in version.stdout
    assert "site-packages" in version.stdout  # the shipped data, not this checkout
    scenarios = subprocess.run([installed, "scenarios", "list", "--lang", "en"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert scenarios.returncode == 0, scenarios.stderr
    assert sorted(path.stem for path in (ROOT / "examples" / "scenarios").glob("*.yaml"))[0] in scenarios.stdout
    lint = subprocess.run([installed, "lint"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert lint.returncode == 0 and "\n0 errors" in lint.stdout, lint.stdout[-2000:]


def test_rules_folder_brings_its_own_templates(tmp_path):
    """`--rules` is a checkout under review: its memo templates are used, not the installed ones."""
    copy = copy_rule_data(tmp_path / "review")
    memo = copy / "templates" / "memo.en.md.j2"
    memo.write_text("UNDER REVIEW\n" + memo.read_text(encoding="utf-8"), encoding="utf-8")
    example = ROOT / "examples" / "refer-missing-facts.yaml"
    args = [sys.executable, ROOT / "cli.py", "check", example, "--format", "memo", "--lang", "en"]
    env = _clean_env(PYTHONPATH=str(ROOT), INFOSHARE_CACHE_DIR=str(tmp_path / "cache"))
    reviewed = subprocess.run([*args, "--rules", copy], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert reviewed.stdout.startswith("UNDER REVIEW\n"), reviewed.stderr
    plain = subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert plain.stdout and not plain.stdout.startswith("UNDER REVIEW"), plain.stderr


def test_data_is_found_in_order_rules_then_environment_then_checkout(tmp_path, monkeypatch):
    monkeypatch.delenv("INFOSHARE_ROOT", raising=False)
    assert default_root() == installed_root() == ROOT  # a checkout: the data beside the package
    monkeypatch.setenv("INFOSHARE_ROOT", str(tmp_path / "env"))
    assert default_root() == tmp_path / "env"
    choose_root(tmp_path / "chosen")
    try:
        assert default_root() == (tmp_path / "chosen").resolve()
    finally:
        choose_root(None)
    assert default_root() == tmp_path / "env"



def test_version_names_the_law_checked_day_only_when_the_ruleset_has_one(tmp_path):
    from infoshare.cli.about import law_checked

    (tmp_path / "ruleset.yaml").write_text('version: "9.9.9"\nlaw_covered_from: 2015-04-01\n', encoding="utf-8")
    assert law_checked(tmp_path) is None
    (tmp_path / "ruleset.yaml").write_text('version: "9.9.9"\nlaw_checked: 2025-02-21\n', encoding="utf-8")
    assert law_checked(tmp_path) == "2025-02-21"


def test_without_durable_rules_the_reference_evaluator_answers_and_durable_is_a_usage_error(monkeypatch, ruleset):
    """Python 3.13, where durable-rules does not build: the default falls back; asking for durable says why not."""
    import infoshare.cli.about
    import infoshare.core.matchers
    from infoshare.errors import UsageError

    monkeypatch.setattr(infoshare.core.matchers, "durable_installed", lambda: False)
    monkeypatch.setattr(infoshare.cli.about, "durable_installed", lambda: False)
    assert infoshare.core.matchers.default_engine() == "reference"
    assert infoshare.core.matchers.make_matcher("reference", ruleset).name == "reference"
    with pytest.raises(UsageError, match="durable-rules is not installed"):
        infoshare.core.matchers.make_matcher("durable", ruleset)
    assert infoshare.cli.about.engine_text().startswith("the reference evaluator")
