"""The outcome matrix: its cells answer exactly as `check` would, and each view shows every cell.

The grid is checked against `Checker.answer` in process; the command line (text, CSV, HTML, errors,
`-o` and the README's commands) through real `python cli.py matrix …` runs.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import os
import re
import shlex
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from infoshare.core.question import Question, question_from_data
from infoshare.domain import LANGUAGES
from infoshare.render.matrix import build
from infoshare.render.messages import message

ROOT = Path(__file__).resolve().parent.parent
CLI = ROOT / "cli.py"
NOTIFY = ["--item", "private_life", "--purpose", "child_welfare_notification", "--initiative", "proactive", "--age", "15", "--fact", "child_welfare_need=true"]


def run(*args: object, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "300", "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}
    env.pop("FORCE_COLOR", None)
    return subprocess.run([sys.executable, str(CLI), *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120)


@pytest.fixture(scope="module")
def notify_grid(ruleset, durable):
    question = question_from_data(
        {"discloser": "police", "recipient": "police", "item": "private_life", "purpose": "child_welfare_notification",
         "initiative": "proactive", "as_of": "2025-03-01", "language": "en",
         "subject": {"age": 15}, "facts": {"child_welfare_need": True, "consent": "not_asked", "learned_in_confession": False}},
        "test", ruleset,
    )
    roles = list(ruleset.vocabulary.roles)
    return question, build(durable.decider, question, roles, roles)


def test_cells_answer_as_check_does(notify_grid, durable):
    question, grid = notify_grid
    cells = sorted(grid.cells)
    sample = cells[::9] + [("youth_services", "child_welfare"), ("police", "health_care"), ("religious_minister", "police")]
    seen = set()
    for discloser, recipient in sample:
        note = grid.cells[(discloser, recipient)]
        answer = durable.answer(question.model_copy(update={"discloser": discloser, "recipient": recipient}))
        assert (note.outcome, note.refer_reason) == (answer.outcome, answer.refer_reason), (discloser, recipient)
        assert [g.rule for g in note.grounds] == [g.rule for g in answer.grounds], (discloser, recipient)
        assert [g.citations for g in note.grounds] == [g.citations for g in answer.grounds], (discloser, recipient)
        assert list(note.questions) == answer.questions, (discloser, recipient)
        seen.add(answer.outcome)
    assert {"must_share", "must_not_share", "refer"} <= seen, "the sample must cover a duty, a prohibition and a referral"


def test_a_cell_waiting_for_facts_is_referred_never_guessed(ruleset, durable):
    question = question_from_data(
        {"discloser": "police", "recipient": "police", "item": "health_data", "purpose": "anchor_case_work", "as_of": "2025-03-01"}, "test", ruleset
    )
    grid = build(durable.decider, question, ["health_care"], ["social_services"])
    note = grid.cells[("health_care", "social_services")]
    assert (note.outcome, note.refer_reason) == ("refer", "missing_facts")
    assert "consent" in {q.fact for q in note.questions}


def test_a_role_with_itself_is_a_real_question(notify_grid, durable):
    _, grid = notify_grid
    assert len(grid.cells) == len(grid.disclosers) * len(grid.recipients)
    question = Question(as_of=dt.date(2025, 3, 1), discloser="school", recipient="school", item="school_data", purpose="teaching_arrangements",
                        initiative="proactive", subject={"age": 13}, facts={"recipient_takes_part": True, "child_welfare_need": False})
    teachers = build(durable.decider, question, ["school"], ["school"])
    note = teachers.cells[("school", "school")]
    assert (note.outcome, [g.rule for g in note.grounds]) == ("may_share", ["internal-use-teaching"])


def test_text_has_a_row_per_discloser_and_the_legend(ruleset):
    result = run("matrix", *NOTIFY, "--lang", "en")
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if re.match(r"│\s*\d+ ", line)]
    assert len(rows) == len(ruleset.vocabulary.roles)
    for row, role in zip(rows, ruleset.vocabulary.roles):
        assert ruleset.vocabulary.role_label(role, "en").split(" (")[0][:20] in row
    for key in ("outcome.must_share", "outcome.may_share", "outcome.must_not_share", "matrix.reason.missing_facts"):
        assert message(key, "en") in result.stdout
    assert "Private life, beliefs, leisure and associations" in result.stdout
    assert "Ruleset " in result.stdout


def test_grounds_number_the_cells_and_name_the_provisions():
    result = run("matrix", *NOTIFY, "--lang", "fi", "--from", "youth_services", "--to", "child_welfare", "--to", "police", "--grounds")
    assert result.returncode == 0, result.stderr
    assert re.search(r"│ *▲1 *│", result.stdout), result.stdout
    assert "Lastensuojelulaki 417/2007 25 § 1 mom." in result.stdout
    assert "Sarakkeet: 1 Lastensuojelu · 2 Poliisi" in result.stdout


def test_csv_has_a_row_for_every_cell(ruleset):
    result = run("matrix", *NOTIFY, "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    roles = list(ruleset.vocabulary.roles)
    assert [(r["discloser"], r["recipient"]) for r in rows] == [(d, r) for d in roles for r in roles]
    by_cell = {(r["discloser"], r["recipient"]): r for r in rows}
    assert by_cell[("police", "police")]["outcome"]  # a role with itself is asked too
    duty = by_cell[("youth_services", "child_welfare")]
    assert (duty["outcome"], duty["grounds"]) == ("must_share", "cwa-25-1-notify-child-welfare")
    assert duty["citations"] and all(c in ruleset.provisions for c in duty["citations"].split(";"))
    assert {r["outcome"] for r in rows} >= {"must_share", "refer"}


def test_csv_follows_from_and_to():
    result = run("matrix", *NOTIFY, "--format", "csv", "--from", "school", "--from", "police", "--to", "child_welfare", "--to", "police", "--to", "ngo")
    rows = list(csv.reader(io.StringIO(result.stdout)))[1:]
    assert [(r[0], r[1]) for r in rows] == [(d, r) for d in ("school", "police") for r in ("child_welfare", "police", "ngo")]


class _Links(HTMLParser):
    """The grid's cell links and the ids of the page's sections, with each section's text."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.sections: dict[str, str] = {}
        self._section: str | None = None
        self._in_cell = False
        self.fetches: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in ("script", "link", "img", "iframe") or "src" in attributes:
            self.fetches.append(tag)
        if tag == "td":
            self._in_cell = True
        if tag == "a" and self._in_cell:
            self.links.append(attributes["href"] or "")
        if tag == "section":
            self._section = attributes["id"]
            self.sections[self._section or ""] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._in_cell = False
        if tag == "section":
            self._section = None

    def handle_data(self, data: str) -> None:
        if self._section:
            self.sections[self._section] += data


def test_html_links_each_cell_to_its_grounds(tmp_path: Path, ruleset, durable, notify_grid):
    page = tmp_path / "matrix.html"
    result = run("matrix", *NOTIFY, "--fact", "consent=not_asked", "--fact", "learned_in_confession=false", "--as-of", "2025-03-01", "--lang", "en", "--format", "html", "-o", page)
    assert result.returncode == 0, result.stderr
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    assert not parser.fetches, "the page must fetch nothing"
    roles = ruleset.vocabulary.roles
    label = {role: ruleset.vocabulary.role_label(role, "en") for role in roles}  # the label shown: who the role covers
    assert len(parser.links) == len(roles) * len(roles)
    _, grid = notify_grid
    cells = [(d, r) for d in roles for r in roles]
    for (discloser, recipient), href in zip(cells, parser.links):
        section = parser.sections[href.removeprefix("#")]
        assert f"{label[discloser]} → {label[recipient]}" in section
        for ground in grid.cells[(discloser, recipient)].grounds:
            assert ground.rule in section and ground.citations[0].url
    text = page.read_text(encoding="utf-8")
    assert 'href="https://www.finlex.fi/' in text
    header = html.unescape(text[text.index("<thead>"):text.index("</thead>")])
    assert all(f'<span class="column-label">{label[r]}</span>' in header for r in roles), "each column is labelled by name"


@pytest.mark.parametrize(
    ("flags", "needle"),
    [
        (["--item", "private_life", "--from", "polise"], "<command line>: --from: unknown role 'polise' (did you mean 'police'?)"),
        (["--item", "private_life", "--to", "child_welfre"], "<command line>: --to: unknown role 'child_welfre' (did you mean 'child_welfare'?)"),
        (["--item", "private_lif"], "<command line>: unknown item 'private_lif' (did you mean 'private_life'?)"),
        (["--item", "private_life", "--fact", "child_welfare_nede=true"], "<command line>: unknown fact 'child_welfare_nede' (did you mean 'child_welfare_need'?)"),
    ],
)
def test_an_invalid_id_exits_4_with_a_suggestion(flags: list[str], needle: str):
    result = run("matrix", "--purpose", "child_welfare_notification", *flags)
    assert result.returncode == 4, result.stderr
    assert needle in result.stderr
    assert "Traceback" not in result.stderr


def test_output_is_written_whole_and_an_error_leaves_the_file_alone(tmp_path: Path):
    target = tmp_path / "grid.csv"
    printed = run("matrix", *NOTIFY, "--format", "csv")
    written = run("matrix", *NOTIFY, "--format", "csv", "-o", target)
    assert written.returncode == 0 and written.stdout == ""
    assert target.read_text(encoding="utf-8") == printed.stdout
    failed = run("matrix", *NOTIFY, "--from", "polise", "--format", "csv", "-o", target)
    assert failed.returncode == 4
    assert target.read_text(encoding="utf-8") == printed.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["grid.csv"], "no temporary file may be left behind"


def test_text_written_to_a_file_is_the_plain_grid(tmp_path: Path):
    target = tmp_path / "grid.txt"
    result = run("matrix", *NOTIFY, "--lang", "sv", "-o", target)
    assert result.returncode == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert "\x1b[" not in text and message("matrix.title", "sv") in text
    assert max(len(line) for line in text.splitlines()) <= 120


def test_the_readme_matrix_commands_succeed(tmp_path: Path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The outcome matrix", 1)[1].split("\n## ", 1)[0].replace("\\\n", " ")  # join continued lines
    commands = [shlex.split(line.removeprefix("$ ")) for line in section.splitlines() if line.startswith("$ .venv/bin/infoshare matrix")]
    assert len(commands) == 3
    for command in commands:
        result = run(*command[1:], cwd=tmp_path)
        assert result.returncode == 0, (command, result.stderr)
        assert result.stdout or any(tmp_path.iterdir())
    assert (tmp_path / "matrix.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_every_matrix_phrase_is_in_three_languages():
    phrases = yaml.safe_load((ROOT / "templates" / "messages" / "matrix.yaml").read_text(encoding="utf-8"))
    shared = yaml.safe_load((ROOT / "templates" / "messages.yaml").read_text(encoding="utf-8"))
    assert not phrases.keys() & shared.keys()
    for key, texts in phrases.items():
        assert set(texts) == set(LANGUAGES) and all(texts.values()), key
