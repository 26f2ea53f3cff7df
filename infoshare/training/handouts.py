"""Printable classroom handouts of the training scenarios: an index page and one page a scenario.

A page gives the class the story and the questions; the answers follow on a printed page of their own
(CSS `break-before: page`), so a trainer can hand out the first sheets and keep the last. The pages
render in the sandboxed template environment, carry their CSS inline and fetch nothing, and the folder
is written whole; only an empty folder or an earlier export (its generator tag) is ever replaced.
"""

from __future__ import annotations

from pathlib import Path

from infoshare.checker import Checker
from infoshare.locations import templates_dir
from infoshare.render.messages import message, ruleset_line
from infoshare.render.output import generated_by, write_folder
from infoshare.render.sandbox import template_environment
from infoshare.training.scenario_view import ScenarioView, scenario_view
from infoshare.training.scenarios import find_scenario, load_scenarios

GENERATOR = "infoshare handouts"


def export(checker: Checker, names: list[str], out_dir: Path, language: str) -> list[str]:
    """Write the handouts of the named scenarios (all when none are named); returns where a scenario is out of date."""
    root = checker.ruleset.root
    scenarios = [find_scenario(root, name) for name in dict.fromkeys(names)] if names else load_scenarios(root)
    views = [scenario_view(scenario, checker, language) for scenario in scenarios]
    write_folder(render_pages(views, language), out_dir, lambda folder: generated_by(folder, GENERATOR), "a scenario handout folder")
    return [asked.stale for view in views for asked in (view.question, *view.variations) if asked.stale]


def render_pages(views: list[ScenarioView], language: str) -> dict[str, str]:
    """Every page by its file name (deterministic: no dates, scenarios in file order)."""
    environment = template_environment(templates_dir() / "handouts")
    common = {"language": language, "generator": GENERATOR, "m": lambda key, **values: message(key, language, **values), "paragraphs": paragraphs, "ruleset_line": ruleset_line}
    pages = {f"{view.name}.html": environment.get_template("scenario.html.j2").render(view=view, **common) for view in views}
    pages["index.html"] = environment.get_template("index.html.j2").render(views=views, **common)
    return pages


def paragraphs(text: str) -> list[str]:
    """A trainer's text split at blank lines, each paragraph's lines joined (YAML keeps the line breaks)."""
    return [" ".join(block.split()) for block in text.strip().split("\n\n") if block.strip()]
