"""The templates compiled ahead (render/compiled/, `make templates`): shipped for every template, up to date with
templates/, used in place of compiling, and never used for a template of other text or settings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from infoshare.render import shipped_templates
from infoshare.render.sandbox import template_environment

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
COMPILED = Path(shipped_templates.__file__).with_name("compiled")

# Run with `python -c NO_COMPILING infoshare-arguments…`: the command through the quick path with Jinja2's compiler
# replaced by one that records; the last line of standard error says `COMPILED <exit code> <templates compiled>`.
NO_COMPILING = """
import sys
from jinja2.environment import Environment
compiled = []
Environment.compile = lambda self, source, name=None, *rest, **options: compiled.append(name)
from infoshare.cli.quick import run_quickly
code = run_quickly(sys.argv[1:])
sys.stdout.flush()
print('COMPILED', code, compiled, file=sys.stderr)
"""


def test_every_template_is_shipped_compiled_as_jinja2_compiles_it_now():
    wanted = shipped_templates.compiled_modules(template_environment(TEMPLATES), TEMPLATES)
    shipped = {path.name: path.read_text(encoding="utf-8") for path in COMPILED.glob("t_*.py")}
    assert shipped == wanted, "a template or the environment changed: run `make templates` (set-up and a wheel's build compile them; they are not committed)"


@pytest.mark.parametrize("name", sorted(path.name for path in TEMPLATES.glob("*.j2")))
def test_a_shipped_template_is_not_compiled_at_run_time(name, monkeypatch):
    environment = template_environment.__wrapped__(TEMPLATES)  # a fresh environment: nothing loaded yet

    def refuse(*args, **kwargs):
        raise AssertionError(f"{name} was compiled")

    monkeypatch.setattr(environment, "compile", refuse)
    assert environment.get_template(name).root_render_func is not None


def test_a_changed_template_is_compiled_from_its_own_text(tmp_path):
    """A `--rules` checkout whose memo template differs: its text is what renders, never the shipped code."""
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    page = templates / "memo.html.j2"
    page.write_text(page.read_text(encoding="utf-8").replace("<body", "<body data-edited", 1), encoding="utf-8")
    environment = template_environment.__wrapped__(templates)
    source = page.read_text(encoding="utf-8")
    assert shipped_templates.module_name(environment, "memo.html.j2", source) + ".py" not in {p.name for p in COMPILED.glob("t_*.py")}
    html = environment.get_template("memo.html.j2").render(language="en", title="t", body="b", marking=None, page_word="page")
    assert "data-edited" in html


def test_the_key_follows_the_text_the_name_and_the_settings():
    environment = template_environment.__wrapped__(TEMPLATES)
    key = shipped_templates.module_name(environment, "memo.en.md.j2", "text")
    assert key != shipped_templates.module_name(environment, "memo.en.md.j2", "text ")
    assert key != shipped_templates.module_name(environment, "memo.fi.md.j2", "text")
    assert shipped_templates.module_name(environment, "x.md.j2", "t") != shipped_templates.module_name(environment, "x.html.j2", "t")  # autoescape
    environment.trim_blocks = False
    assert key != shipped_templates.module_name(environment, "memo.en.md.j2", "text")
