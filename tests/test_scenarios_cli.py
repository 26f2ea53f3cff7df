"""`infoshare scenarios list | show | play | export`: the training library from the command line.

The commands run as a user runs them (a subprocess of `python cli.py`) where exit codes, piped input and
stderr matter, and in-process through typer's CliRunner where many scenarios are walked through. The
right answer is always the engine's, asked here directly, never a scenario file's own `expect`.
"""

from __future__ import annotations

import html
import itertools
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from rule_data import copy_rule_data
from terminal import Terminal
from typer.testing import CliRunner

from infoshare.cli.app import app
from infoshare.core.loader import default_root
from infoshare.core.question import question_from_data
from infoshare.domain import OUTCOMES
from infoshare.render.memo import section_url
from infoshare.render.messages import catalogue, message
from infoshare.training.scenarios import load_scenarios

ROOT = Path(__file__).resolve().parent.parent
CLI = ROOT / "cli.py"
SCENARIOS = load_scenarios(default_root())
FIRST = SCENARIOS[0]
WIDE = {"COLUMNS": "5000", "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}


def run(*args: object, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """`python cli.py ARGS` in a fresh interpreter, on a wide colourless terminal, `stdin` piped in."""
    env = {**os.environ, **WIDE}
    env.pop("FORCE_COLOR", None)
    return subprocess.run([sys.executable, str(CLI), *map(str, args)], cwd=ROOT, env=env, input=stdin, capture_output=True, text=True, encoding="utf-8", timeout=120)


def invoke(*args: object, stdin: str = "") -> tuple[int, str]:
    """The same command in this process (typer's CliRunner): its exit code and stdout."""
    result = CliRunner().invoke(app, [str(a) for a in args], input=stdin, env=WIDE)
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout


def answers(scenario, durable, language: str = "en") -> list:
    """The engine's answer to the scenario's question and then to each variation's."""
    return [durable.answer(scenario.question(durable, variation, language)) for variation in (None, *scenario.content.variations)]


def shows_id(text: str, identifier: str) -> bool:
    """Whether `text` shows a vocabulary id as such (one-word ids like `consent` read as English words, so only compound ones count)."""
    return "_" in identifier and identifier in text


def lines(text: str) -> list[str]:
    """The paragraphs of a trainer's text as they are shown: the YAML block's line breaks folded."""
    return [" ".join(paragraph.split()) for paragraph in text.strip().split("\n\n") if paragraph.strip()]


# --- list and show --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fi", "en"])
def test_list_names_every_scenario_with_its_title_and_the_engines_outcome(language, durable):
    result = run("scenarios", "list", "--lang", language)
    assert result.returncode == 0, result.stderr
    assert len(SCENARIOS) >= 1
    lines = [line for line in result.stdout.splitlines() if line.startswith("│")]
    starts = [i for i, line in enumerate(lines) if line.split("│")[1].strip() in {s.name for s in SCENARIOS}]
    rows = {lines[i].split("│")[1].strip(): lines[i:j] for i, j in zip(starts, [*starts[1:], len(lines)])}
    assert set(rows) == {s.name for s in SCENARIOS}
    for scenario in SCENARIOS:
        cells = [" ".join(" ".join(line.split("│")[column] for line in rows[scenario.name]).split()) for column in (1, 2, 3)]
        verdict = durable.decider.verdict(scenario.question(durable, None, language))
        assert scenario.content.title[language] in cells[0]
        assert cells[1] == verdict.outcome + (f"/{verdict.refer_reason}" if verdict.refer_reason else "")
        assert cells[2] == str(len(scenario.content.variations))


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_show_tells_the_whole_scenario_with_vocabulary_labels_not_ids(scenario, ruleset, durable):
    code, out = invoke("scenarios", "show", scenario.name, "--lang", "en")
    assert code == 0
    vocabulary = ruleset.vocabulary
    question = scenario.question_data()
    asked = out[out.index(message("heading.question", "en")) : out.index(message("scenarios.heading.discussion", "en"))]
    shown = {
        "discloser": vocabulary.role_label(question["discloser"], "en", question.get("as_of")),
        "recipient": vocabulary.role_label(question["recipient"], "en", question.get("as_of")),
        "item": vocabulary.items[question["item"]].en,
        "purpose": vocabulary.purposes[question["purpose"]].en,
    }
    for part, label in shown.items():
        assert " ".join(label.split()) in " ".join(asked.split())
        assert not shows_id(asked, question[part])
    for fact, value in question.get("facts", {}).items():
        assert vocabulary.facts[fact].label.en in asked
        assert not shows_id(asked, fact)
        if value in vocabulary.facts[fact].values:
            assert vocabulary.facts[fact].values[value].en in asked
    content = scenario.content
    texts = [content.story.en, content.model_answer.en, *(t.en for t in content.discussion), *(t.en for t in content.mistakes)]
    texts += [text for v in content.variations for text in (v.title.en, v.lesson.en)]
    for text in texts:
        for line in lines(text):
            assert line in out
    for answer in answers(scenario, durable):
        assert message(f"outcome.{answer.outcome}", "en") in out
        for ground in answer.grounds:
            assert ground.title in out and ground.citations[0].cite("en") in out
    story = out.index(lines(content.story.en)[0])
    discussion = out.index(content.discussion[0]["en"])
    assert story < discussion < out.index(message("scenarios.heading.answer", "en")) < out.index(lines(content.model_answer.en)[0])


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_show_as_a_question_file_is_answered_by_check_as_the_scenario_is(scenario, durable, tmp_path):
    for number, expected in enumerate(answers(scenario, durable, "fi")):
        code, text = invoke("scenarios", "show", scenario.name, "--format", "question", *(["--variation", number] if number else []))
        assert code == 0
        path = tmp_path / f"{number}.yaml"
        path.write_text(text, encoding="utf-8")
        code, out = invoke("check", path, "--format", "json")
        assert code == expected.exit_code
        assert yaml.safe_load(out)["outcome"] == expected.outcome


def test_a_question_file_from_show_passes_check_in_a_fresh_process(durable, tmp_path):
    shown = run("scenarios", "show", FIRST.name, "--format", "question", "--variation", 1, "--lang", "sv")
    assert shown.returncode == 0, shown.stderr
    path = tmp_path / "question.yaml"
    path.write_text(shown.stdout, encoding="utf-8")
    checked = run("check", path, "--format", "json")
    expected = answers(FIRST, durable, "sv")[1]
    assert checked.returncode == expected.exit_code, checked.stderr
    assert yaml.safe_load(checked.stdout)["outcome"] == expected.outcome
    assert yaml.safe_load(checked.stdout)["question"]["language"] == "sv"


def test_a_variation_that_does_not_exist_is_a_usage_error():
    result = run("scenarios", "show", FIRST.name, "--format", "question", "--variation", len(FIRST.content.variations) + 1)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "--variation" in result.stderr


# --- play ---------------------------------------------------------------------------------------------------


def en(key: str, **values: object) -> str:
    return message(key, "en", **values)


def test_play_with_piped_answers_reveals_the_reasoning_and_scores(durable):
    expected = answers(FIRST, durable)
    wrong = next(o for o in OUTCOMES if o != expected[1].outcome)
    replies = ["banana", str(OUTCOMES.index(expected[0].outcome) + 1), wrong, *(a.outcome for a in expected[2:])]
    result = run("scenarios", "play", FIRST.name, "--lang", "en", stdin="\n".join(replies) + "\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    total = len(expected)
    assert out.count(en("scenarios.play.right")) == total - 1
    assert out.count(en("scenarios.play.wrong", given=en(f"outcome.{wrong}"))) == 1
    assert en("scenarios.play.score", right=total - 1, total=total) in out
    assert en("scenarios.play.continue").strip() not in out, "piped input never pauses"
    story, reveal = out.index(lines(FIRST.content.story.en)[0]), out.index(en("scenarios.step.outcome"))
    assert story < reveal < out.index(lines(FIRST.content.model_answer.en)[0]) < out.index(en("scenarios.play.score", right=total - 1, total=total))
    first = out[: out.index(en("scenarios.variation", number=1, title=FIRST.content.variations[0].title.en))]
    for ground in expected[0].grounds:
        assert ground.title in first and ground.citations[0].cite("en") in first
    for _rule, by in expected[0].defeated:
        assert en("phrase.defeated_by", by=durable.ruleset.rules[by].title.en) in first
    for variation in FIRST.content.variations:
        assert en("scenarios.lesson", text=variation.lesson["en"]) in out
    for text in (*FIRST.content.discussion, *FIRST.content.mistakes):
        assert text["en"] in out


def test_play_finishes_when_the_piped_answers_run_out(durable):
    result = run("scenarios", "play", FIRST.name, "--lang", "en", stdin="")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    total = 1 + len(FIRST.content.variations)
    assert result.stdout.count(en("scenarios.play.unanswered")) == total
    assert en("scenarios.play.score", right=0, total=total) in result.stdout


def test_play_on_a_terminal_pauses_between_the_steps_of_the_reveal(durable):
    expected = answers(FIRST, durable)
    terminal = Terminal(sys.executable, str(CLI), "scenarios", "play", FIRST.name, "--lang", "en", cwd=str(ROOT))
    ask, pause, score = en("scenarios.play.ask"), en("scenarios.play.continue").strip(), en("scenarios.play.score", right=len(expected), total=len(expected))
    asked = pauses = 0
    while (seen := terminal.expect_any(ask, pause, score)) != score:
        if seen == ask:
            terminal.expect("> ")
            terminal.type(expected[asked].outcome)
            asked += 1
            continue
        before = terminal.screen
        if pauses == 0:  # the first pause follows the first step: the outcome is not revealed yet
            assert en("scenarios.step.applies") in before or en("heading.would_decide") in before
            assert en("scenarios.step.outcome") not in before
        pauses += 1
        terminal.type("")
    assert terminal.wait() == 0
    assert asked == len(expected) and pauses >= 2 * len(expected)


def test_play_in_process_reads_answers_by_number_and_id(durable):
    expected = answers(FIRST, durable, "fi")
    replies = [str(OUTCOMES.index(a.outcome) + 1) if i % 2 else a.outcome for i, a in enumerate(expected)]
    code, out = invoke("scenarios", "play", FIRST.name, stdin="\n".join(replies) + "\n")
    assert code == 0
    assert message("scenarios.play.score", "fi", right=len(expected), total=len(expected)) in out


def test_answer_option_exits_0_when_right_and_6_when_wrong(durable):
    right = answers(FIRST, durable)[0].outcome
    wrong = next(o for o in OUTCOMES if o != right)
    result = run("scenarios", "play", FIRST.name, "--lang", "en", "--answer", right)
    assert result.returncode == 0, result.stderr
    assert en("scenarios.play.right") in result.stdout and en(f"outcome.{right}") in result.stdout
    result = run("scenarios", "play", FIRST.name, "--lang", "en", "--answer", OUTCOMES.index(wrong) + 1)
    assert result.returncode == 6, result.stderr
    assert en("scenarios.play.wrong", given=en(f"outcome.{wrong}")) in result.stdout
    assert en("scenarios.step.outcome") in result.stdout


@pytest.mark.parametrize("args", [["play", "--answer", "perhaps"], ["play", "--answer", "5"]], ids=["word", "number"])
def test_an_answer_that_is_no_outcome_is_a_usage_error(args):
    result = run("scenarios", args[0], FIRST.name, *args[1:])
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "--answer" in result.stderr


@pytest.mark.parametrize("command", ["show", "play"])
def test_an_unknown_scenario_is_a_usage_error_with_a_suggestion(command):
    result = run("scenarios", command, FIRST.name[:-1])
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert f"did you mean '{FIRST.name}'" in result.stderr


# --- a scenario the rules have outgrown -------------------------------------------------------------------------


def library(tmp_path: Path, durable, claimed: str | None) -> tuple[Path, str]:
    """A copy of the rules with one scenario; it claims the engine's outcome, or `claimed` where given."""
    root = copy_rule_data(tmp_path / "root")
    question = yaml.safe_load((ROOT / "examples" / "must-share-child-welfare-notification.yaml").read_text(encoding="utf-8"))
    del question["language"]
    change = {"subject": {"age": 19}}
    real = [durable.answer(question_from_data({**data, "language": "en"}, "<test>", durable.ruleset)) for data in (question, {**question, **change})]
    texts = {"fi": "Tarina.", "sv": "Berättelse.", "en": "A story."}
    scenario = {
        "title": {"fi": "Koe", "sv": "Prov", "en": "A trial"},
        "story": texts,
        "question": question,
        "expect": {"outcome": claimed or real[0].outcome, "refer_reason": real[0].refer_reason, "grounds": [g.rule for g in real[0].grounds]},
        "model_answer": texts,
        "discussion": [texts],
        "mistakes": [texts],
        "variations": [{
            "title": {"fi": "Aikuinen", "sv": "Vuxen", "en": "An adult"},
            "change": change,
            "expect": {"outcome": real[1].outcome, "refer_reason": real[1].refer_reason, "grounds": [g.rule for g in real[1].grounds]},
            "lesson": texts,
        }],
    }
    (root / "examples" / "scenarios").mkdir(parents=True)
    (root / "examples" / "scenarios" / "trial.yaml").write_text(yaml.safe_dump(scenario, allow_unicode=True), encoding="utf-8")
    return root, real[0].outcome


def test_a_scenario_the_rules_agree_with_is_not_called_out_of_date(tmp_path, durable):
    root, outcome = library(tmp_path, durable, None)
    result = run("scenarios", "play", "trial", "--rules", root, "--lang", "en", "--answer", outcome)
    assert result.returncode == 0, result.stderr
    assert "out of date" not in result.stdout


def test_an_out_of_date_scenario_is_judged_by_the_engine_and_says_so(tmp_path, durable):
    root, outcome = library(tmp_path, durable, "may_share")
    assert outcome != "may_share"
    notice = en("scenarios.out_of_date", where="examples/scenarios/trial.yaml").split("(")[0]
    claimed = run("scenarios", "play", "trial", "--rules", root, "--lang", "en", "--answer", "may_share")
    assert claimed.returncode == 6, claimed.stderr
    assert notice in claimed.stdout and "trial.yaml:" in claimed.stdout
    real = run("scenarios", "play", "trial", "--rules", root, "--lang", "en", "--answer", outcome)
    assert real.returncode == 0, real.stderr
    listed = run("scenarios", "list", "--rules", root)
    assert outcome in listed.stdout and "may_share" not in listed.stdout


def test_the_out_of_date_notice_wraps_under_its_text_on_a_narrow_terminal(tmp_path, durable):
    root, outcome = library(tmp_path, durable, "may_share")
    env = {**os.environ, **WIDE, "COLUMNS": "40"}
    played = subprocess.run(
        [sys.executable, str(CLI), "scenarios", "play", "trial", "--rules", str(root), "--lang", "en", "--answer", outcome],
        cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    assert played.returncode == 0, played.stderr
    lines = played.stdout.splitlines()
    start = next(index for index, line in enumerate(lines) if line.startswith("⚠ "))
    notice = list(itertools.takewhile(lambda line: line.startswith("  ") and line.strip(), lines[start + 1:]))
    assert notice, lines[start:start + 3]  # the notice is longer than 40 columns: it wraps, each line under its first word
    shown = [lines[start], *notice]
    assert all(len(line) <= 40 or " " not in line.strip() for line in shown), shown  # a word longer than a line (a path) stands alone
    assert "trial.yaml:" in " ".join(line.strip() for line in [lines[start], *notice])


# --- export -------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def handouts(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("handouts") / "fi"
    result = run("scenarios", "export", "-o", out)
    assert result.returncode == 0, result.stderr
    return out


def test_export_writes_an_index_and_a_page_per_scenario(handouts):
    assert sorted(p.name for p in handouts.iterdir()) == sorted(["index.html", *(f"{s.name}.html" for s in SCENARIOS)])
    index = (handouts / "index.html").read_text(encoding="utf-8")
    assert '<meta name="generator" content="infoshare handouts">' in index
    for scenario in SCENARIOS:
        assert f'href="{scenario.name}.html"' in index and html.escape(scenario.content.title.fi, quote=False) in index


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_a_handout_asks_first_and_answers_after_a_page_break(scenario, handouts, durable):
    page = (handouts / f"{scenario.name}.html").read_text(encoding="utf-8")
    assert re.search(r"section\.answers\s*\{[^}]*break-before:\s*page", page), "the answers need a page of their own"
    answers_at = page.index('<section class="answers">')
    questions, answered = page[:answers_at], page[answers_at:]
    assert html.escape(lines(scenario.content.story.fi)[0], quote=False) in questions
    for variation in scenario.content.variations:
        assert html.escape(variation.title.fi, quote=False) in questions
        assert html.escape(variation.lesson.fi.strip().split("\n")[0], quote=False) in answered
    for answer in answers(scenario, durable, "fi"):
        assert message(f"outcome.{answer.outcome}", "fi") not in questions
        assert message(f"outcome.{answer.outcome}", "fi") in answered
        for citation in (c for g in answer.grounds for c in g.citations):
            assert f'href="{section_url(citation.url, citation.chapter, citation.section, "fi")}"' in answered
    assert html.escape(lines(scenario.content.model_answer.fi)[0], quote=False) not in questions


def test_a_handout_loads_nothing_from_outside(handouts):
    for page in handouts.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"<script|<img|<iframe|@import|url\(", text, re.IGNORECASE), page.name
        links = re.findall(r"<link\b[^>]*>", text)
        assert links == ['<link rel="icon" href="data:,">'], page.name


def test_export_replaces_an_earlier_export_but_never_another_folder(handouts, tmp_path):
    again = tmp_path / "again"
    assert run("scenarios", "export", "-o", again, FIRST.name).returncode == 0
    assert sorted(p.name for p in again.iterdir()) == sorted(["index.html", f"{FIRST.name}.html"])
    assert run("scenarios", "export", "-o", again, SCENARIOS[-1].name, FIRST.name).returncode == 0
    assert sorted(p.name for p in again.iterdir()) == sorted({"index.html", f"{FIRST.name}.html", f"{SCENARIOS[-1].name}.html"})
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me", encoding="utf-8")
    result = run("scenarios", "export", "-o", precious, FIRST.name)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "not a scenario handout folder" in result.stderr
    assert [p.name for p in precious.iterdir()] == ["notes.txt"]


def test_a_finnish_export_has_no_english_phrase_from_the_catalogue(handouts):
    text = " ".join(
        html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", " ", page.read_text(encoding="utf-8"), flags=re.S)))
        for page in handouts.glob("*.html")
    )
    english = {
        fragment.strip()
        for phrases in catalogue().values() if phrases["en"] != phrases["fi"]
        for fragment in re.split(r"\{[a-z_]+\}", phrases["en"]) if len(fragment.strip()) >= 3
    }
    found = sorted(phrase for phrase in english if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text))
    assert not found, f"English in the Finnish handouts: {found}"
    assert message("scenarios.handout.answers", "fi") in text


def test_check_passes_the_library_and_names_file_and_line_of_an_outdated_scenario(tmp_path, durable):
    passing = run("scenarios", "check")
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert passing.stdout.strip().endswith(" passed, 0 failed")
    root, _ = library(tmp_path, durable, "may_share")
    failing = run("scenarios", "check", "--rules", root)
    assert failing.returncode == 1
    assert re.search(r"^FAILED \S*examples/scenarios/trial\.yaml:\d+: trial$", failing.stdout, re.M), failing.stdout
    assert "outcome: expected may_share, got " in failing.stdout
    assert failing.stdout.strip().endswith("1 passed, 1 failed")


def test_texts_shown_in_finnish_for_want_of_swedish_say_so(tmp_path, durable):
    root, outcome = library(tmp_path, durable, None)
    path = root / "examples" / "scenarios" / "trial.yaml"
    trial = yaml.safe_load(path.read_text(encoding="utf-8"))
    del trial["story"]["sv"]  # the story written in Finnish and English only
    path.write_text(yaml.safe_dump(trial, allow_unicode=True), encoding="utf-8")
    swedish = run("scenarios", "show", "trial", "--rules", root, "--lang", "sv")
    assert message("scenarios.texts_in_finnish", "sv") in swedish.stdout
    assert "Tarina." in swedish.stdout
    english = run("scenarios", "play", "trial", "--rules", root, "--lang", "en", "--answer", outcome)
    assert message("scenarios.texts_in_finnish", "en") not in english.stdout


def test_a_malformed_scenario_file_is_exit_3_with_file_and_line(tmp_path, durable):
    root, _ = library(tmp_path, durable, None)
    path = root / "examples" / "scenarios" / "trial.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("model_answer:", "model_answr:"), encoding="utf-8")
    for command in (("scenarios", "list"), ("scenarios", "show", "trial"), ("scenarios", "check")):
        result = run(*command, "--rules", root)
        assert result.returncode == 3, (command, result.stdout, result.stderr)
        assert re.search(r"trial\.yaml:\d+: ", result.stderr) and "model_answr" in result.stderr
        assert "Traceback" not in result.stderr
