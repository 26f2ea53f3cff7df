"""The guided check: it asks only what can change the answer, reaches the right answer, and works
on a real terminal and from piped input alike."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import questions
from terminal import Terminal

from infoshare.core.loader import default_root, load_ruleset
from infoshare.core.question import question_from_data
from infoshare.render.memo import Filing, render_markdown
from infoshare.render.messages import message
from infoshare.training.interview import Choice, Interview, conduct
from infoshare.training.prompter import _matching
from infoshare.training.scenarios import load_scenarios

ROOT = default_root()
INFOSHARE = str(Path(sys.executable).parent / "infoshare")
AS_OF = "2025-03-01"
# Whether rules out of force would have decided can turn on facts no rule in force asks about: the interview
# does not ask them, so it may say `not_in_force` where the whole story says `not_covered` (both: refer, no rule decides).
UNDECIDABLE = ("not_covered", "not_in_force")


def variables_of(question_data: dict) -> dict:
    """A question's known facts and subject fields, keyed as the interview asks them."""
    known = dict(question_data.get("facts") or {})
    known.update(question_data.get("subject") or {})
    if "initiative" in question_data:
        known["initiative"] = question_data["initiative"]
    return known


def interview_for(checker, question_data: dict, language: str = "en") -> tuple[Interview, list[str]]:
    """Run the interview against an oracle that knows `question_data` and says "don't know" to anything else."""
    known = variables_of(question_data)
    as_of = dt.date.fromisoformat(str(question_data["as_of"]))
    interview = Interview(checker, language, as_of, tuple(question_data.get("assume_enacted", ())))
    interview.basics.update({part: question_data[part] for part in ("discloser", "recipient", "item", "purpose")})

    def reply(fact_question):
        decider = checker.decider
        open_now = {one.field for one in decider.open_facts(decider.decide(interview.question()))}
        assert fact_question.variable in open_now, f"asked {fact_question.variable}, which cannot change the answer"
        return known.get(fact_question.variable)

    return interview, conduct(interview, reply)


def held_questions() -> list[tuple[str, dict]]:
    """Every scenario's question and variation, and every ready example."""
    found = []
    for scenario in load_scenarios(ROOT):
        found.append((scenario.name, scenario.question_data()))
        found += [(f"{scenario.name}/{v.title.en}", scenario.question_data(v)) for v in scenario.content.variations]
    for path in sorted((ROOT / "examples").rglob("*.yaml")):
        if "scenarios" not in path.parts:
            found.append((path.stem, yaml.safe_load(path.read_text(encoding="utf-8"))))
    return found


@pytest.mark.parametrize(("name", "data"), held_questions(), ids=[name for name, _ in held_questions()])
def test_the_interview_reaches_the_answer_of_each_held_question_asking_only_what_it_states(name, data, durable):
    data = {k: v for k, v in data.items() if k != "language"}
    interview, asked = interview_for(durable, data)
    expected = durable.answer(question_from_data({**data, "language": "en"}, name, durable.ruleset))
    got = interview.answer()
    assert (got.outcome, got.refer_reason) == (expected.outcome, expected.refer_reason)
    if got.outcome != "refer":  # what holds whatever the unasked facts are, so never a ground the whole story lacks
        assert got.grounds and {g.rule for g in got.grounds} <= {g.rule for g in expected.grounds}
    assert len(asked) == len(set(asked)), "a fact was asked twice"
    assert set(asked) <= set(variables_of(data)) | set(interview.unknown), "asked about something the story leaves open"


@settings(max_examples=60)
@given(question=questions(load_ruleset(), complete=True))
def test_a_worker_who_knows_every_fact_gets_the_full_question_s_outcome(question, durable, ruleset):
    as_of = max(question.as_of, ruleset.law_covered_from)
    full = question.model_copy(update={"as_of": as_of})
    interview, asked = interview_for(durable, full.model_dump(mode="json"))
    assert not interview.unknown
    got, expected = durable.decider.verdict(interview.question()), durable.decider.verdict(full)
    assert got.outcome == expected.outcome
    if expected.refer_reason in UNDECIDABLE:  # no rule in force decides either way, whatever the facts
        assert got.refer_reason in UNDECIDABLE
    else:
        assert got.refer_reason == expected.refer_reason
    assert len(asked) == len(set(asked))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2", [1]),  # a number picks that line
        ("99", []),
        ("police", [0]),  # an exact id
        ("child welfare", [2]),  # the beginning of a label
        ("welfare", [1, 2]),  # a word in two labels: both are offered
        ("NURSE", [3]),  # case does not matter; a word inside the parentheses counts
        ("lastensuojelu", [4]),  # accents and case folded: typed without ä it still finds the label
        ("welf serv", [2]),  # each typed word begins a word of the label, in any order
        ("xyz", []),
    ],
)
def test_type_to_filter_finds_choices_by_number_id_or_part_of_the_label(typed, expected):
    choices = [Choice("police", "Police"), Choice("social", "Social welfare"), Choice("cw", "Child welfare services"),
               Choice("health", "Health care (nurse)"), Choice("lsu", "Lastensuojelu")]
    assert _matching(typed, choices, [c.value for c in choices]) == expected


def test_accents_need_not_be_typed():
    choices = [Choice("a", "Yksityiselämää koskeva tieto"), Choice("b", "Henkilötiedot")]
    assert _matching("yksityiselamaa", choices, ["a", "b"]) == [0]


# --- the real terminal -----------------------------------------------------------------------------


def start(tmp_path: Path, language: str) -> Terminal:
    return Terminal(INFOSHARE, "interview", "--lang", language, "--as-of", AS_OF, cwd=str(tmp_path))


def answer_facts(terminal: Terminal, language: str, replies: dict[str, str], ruleset) -> list[str]:
    """Reply to each fact question by its text; fail on a question not in `replies`. Returns the facts asked."""
    texts = {name: (ruleset.vocabulary.facts.get(name) or ruleset.vocabulary.subject[name])[language] for name in replies}
    asked = []
    done = message("interview.asked_count", language, count=0).split(":")[0]
    why = message("interview.why", language, why="").strip()
    while terminal.expect_any(why, done) == why:
        shown = terminal.expect("> ")
        (name,) = [name for name, text in texts.items() if text in " ".join(shown.split())] or [f"unexpected: {shown}"]
        asked.append(name)
        terminal.type(replies[name])
    return asked


def test_a_new_user_gets_a_correct_answer_and_memo_on_a_real_terminal_in_english(tmp_path, ruleset, durable):
    terminal = start(tmp_path, "en")
    terminal.expect("Who is disclosing?")
    terminal.type("youth")  # several roles match: the interview lists them and asks again
    terminal.expect(message("interview.several_match", "en", text="youth"))
    terminal.type("municipal")
    terminal.expect("→ Municipal youth work")
    terminal.expect("To whom")
    terminal.type("child welfare")
    terminal.expect("→ Child welfare services")
    terminal.expect("What information")
    terminal.type("private")
    terminal.expect("For what purpose?")
    terminal.type("child welfare notification")
    asked = answer_facts(terminal, "en", {"age": "15", "child_welfare_need": "yes", "mature": "", "consent": ""}, ruleset)
    terminal.expect(message("outcome.must_share", "en"))
    terminal.expect("Child Welfare Act")  # the memo, rendered
    terminal.expect("Save the question as YAML?")
    terminal.type("question.yaml")
    terminal.expect("Save the memo?")
    terminal.type("memo.md")
    terminal.expect(message("interview.filing.case_ref", "en"))
    terminal.type("YOUTH/2026/17")
    for key in ("organisation", "decided_by", "secrecy_marking"):  # Enter: a blank line to fill in by hand
        terminal.expect(message(f"interview.filing.{key}", "en"))
        terminal.type("" if key != "decided_by" else "youth worker")
    terminal.expect("Saved: memo.md")
    assert terminal.wait() == 0

    expected_facts = {"child_welfare_need": True} if "child_welfare_need" in asked else {}
    saved = yaml.safe_load((tmp_path / "question.yaml").read_text(encoding="utf-8"))
    assert saved["discloser"] == "youth_services" and saved["recipient"] == "child_welfare"
    assert saved.get("facts", {}) == expected_facts and saved["subject"] == {"age": 15}
    checked = subprocess.run([INFOSHARE, "check", "question.yaml", "--format", "json"], cwd=tmp_path, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert json.loads(checked.stdout)["outcome"] == "must_share"
    question = question_from_data(saved, "question.yaml", ruleset)
    filing = Filing(dt.date.today().isoformat(), case_ref="YOUTH/2026/17", decided_by="youth worker")
    assert (tmp_path / "memo.md").read_text(encoding="utf-8") == render_markdown(durable.answer(question), ruleset, "en", filing)


def test_dont_know_leaves_the_answer_open_and_says_what_remains_in_finnish(tmp_path, ruleset):
    terminal = start(tmp_path, "fi")
    for reply in ("kunnan", "lastensuojelu", "yksityiselamaa", "lastensuojeluilmoitus"):
        terminal.expect("> ")
        terminal.type(reply)
    why = message("interview.why", "fi", why="").strip()
    terminal.expect(why)
    terminal.expect("> ")
    terminal.type("")  # Enter: don't know
    terminal.expect(message("interview.dont_know", "fi"))
    while terminal.expect_any(why, message("outcome.refer", "fi")) == why:
        terminal.expect("> ")
        terminal.type("")
    terminal.expect(message("reason.missing_facts", "fi"))
    terminal.expect(message("interview.save_question", "fi"))
    terminal.type("")
    terminal.expect(message("interview.save_memo", "fi"))
    terminal.type("")
    assert terminal.wait() == 5
    assert not list(tmp_path.iterdir()), "nothing is saved when the worker declines"


def test_personal_data_typed_at_a_prompt_is_refused_on_the_terminal(tmp_path):
    terminal = start(tmp_path, "en")
    terminal.expect("Who is disclosing?")
    terminal.type("010190-123A")
    terminal.expect("That looks like personal data")
    terminal.type("police")
    terminal.expect("→ Police")
    terminal.process.kill()
    terminal.wait()


# --- piped input -----------------------------------------------------------------------------------


def pipe(tmp_path: Path, replies: list[str], *options: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [INFOSHARE, "interview", "--as-of", AS_OF, *options], input="\n".join(replies) + "\n",
        capture_output=True, text=True, cwd=tmp_path, timeout=60,
    )


def test_replies_can_be_piped_in_and_the_transcript_shows_them(tmp_path):
    result = pipe(tmp_path, ["physician", "police", "health", "prevent viol", "yes", "yes", "yes", "yes", "yes"],
                  "--lang", "en", "--save-question", "q.yaml", "--save-memo", "memo.html")
    assert result.returncode in (0, 5), result.stderr
    assert "Traceback" not in result.stderr
    assert "> physician" in result.stdout and "→ Physician" in result.stdout
    saved = yaml.safe_load((tmp_path / "q.yaml").read_text(encoding="utf-8"))
    assert (saved["discloser"], saved["recipient"], saved["item"], saved["purpose"]) == ("physician", "police", "health_data", "prevent_violence")
    assert (tmp_path / "memo.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    checked = subprocess.run([INFOSHARE, "check", "q.yaml"], cwd=tmp_path, capture_output=True, text=True)
    assert checked.returncode == result.returncode


def test_input_that_ends_before_the_question_is_complete_is_a_usage_error(tmp_path):
    result = pipe(tmp_path, ["police", "school"])
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert message("interview.ended_early", "fi") in result.stderr


def test_input_that_ends_among_the_facts_leaves_them_unknown(tmp_path):
    result = pipe(tmp_path, ["youth_services", "child_welfare", "private_life", "child_welfare_notification"], "--lang", "en")
    assert result.returncode == 5, result.stdout + result.stderr
    assert message("reason.missing_facts", "en") in result.stdout


def test_piped_personal_data_is_refused_and_never_echoed(tmp_path):
    result = pipe(tmp_path, ["someone@example.org", "police", "school", "school_data", "teaching"], "--lang", "en", "--save-question", "q.yaml")
    assert "someone@example.org" not in result.stdout + result.stderr
    assert "That looks like personal data" in result.stdout
    assert "example.org" not in (tmp_path / "q.yaml").read_text(encoding="utf-8")


def test_the_saved_memo_carries_the_filing_details_asked_and_refuses_contact_details(tmp_path):
    question = str(Path(__file__).resolve().parent.parent / "examples" / "must-not-share-confession.yaml")
    result = subprocess.run(
        [INFOSHARE, "interview", question, "--lang", "en", "--save-question", "q.yaml", "--save-memo", "memo.md"],
        input="DNRO 5/2026\nThe parish\nvicar@parish.example.org\nvicar\n\n", capture_output=True, text=True, cwd=tmp_path, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    memo = (tmp_path / "memo.md").read_text(encoding="utf-8")
    assert "- **Case or diary reference:** DNRO 5/2026" in memo and "- **Organisation:** The parish" in memo
    assert "- **Decision-maker (title):** vicar" in memo and "example.org" not in memo + result.stdout
    assert "SECRET" not in memo, "Enter: no secrecy marking"


def test_a_memo_names_an_unknown_initiative_as_such(ruleset, durable):
    """The interview leaves the initiative unknown when it cannot matter; the memo must not read as if the purpose were."""
    question = question_from_data({"as_of": AS_OF, "language": "en", "discloser": "police", "recipient": "school",
                                   "item": "police_data", "purpose": "crime_prevention"}, "q", ruleset)
    memo = render_markdown(durable.answer(question), ruleset, "en")
    assert "- **Initiative:** unknown" in memo


def test_saved_files_are_ordinary_files_not_private_temporaries(tmp_path):
    pipe(tmp_path, ["police", "school", "school_data", "teaching"], "--lang", "en", "--save-question", "q.yaml")
    assert (tmp_path / "q.yaml").stat().st_mode & 0o044, "a saved question must be readable as any new file is"


def test_the_plan_prefers_the_fact_that_settles_the_answer_soonest():
    from infoshare.core.decide import Verdict
    from infoshare.training.interview import _expected_questions

    def outcome(verdict):
        return verdict.key

    may, must_not = Verdict("may_share", None, ("consent-given",), ()), Verdict("must_not_share", None, ("secrecy-default",), ())
    # consent decides unless refused, when the age decides: asking consent first needs 1 + 1/3 questions, age first 2
    paths = [({"consent": "given"}, may), ({"consent": "not_asked"}, must_not),
             ({"consent": "refused", "age": 10}, may), ({"consent": "refused", "age": 20}, must_not)]
    domains = {"consent": ["given", "refused", "not_asked"], "age": [10, 20]}
    expected = _expected_questions(paths, outcome, domains, {"consent", "age"})
    assert expected == pytest.approx({"consent": 4 / 3, "age": 2.0})
    # a fact no reply of which narrows the leaves is never worth asking
    assert "mature" not in _expected_questions(paths, outcome, {**domains, "mature": [True, False]}, {"consent", "age", "mature"})


def _expected_by_definition(paths, told, domains, askable, depth):
    """The expected number of questions, straight from its definition on sets of leaves: the planner's oracle."""

    def cost(allowed, asked, left):
        if len({told[i] for i in allowed}) <= 1:
            return 0.0
        if left == 0:
            return 1.0
        options = [after(allowed, asked, name, left) for name in askable - asked]
        return min((o for o in options if o is not None), default=0.0)

    def after(allowed, asked, name, left):
        parts = [p for p in ([i for i in allowed if paths[i].get(name, value) == value] for value in domains[name]) if p]
        if not any(len(p) < len(allowed) for p in parts):
            return None
        return 1 + sum(cost(p, asked | {name}, left - 1) for p in parts) / len(parts)

    found = {name: after(list(range(len(paths))), frozenset(), name, depth) for name in askable}
    return {name: value for name, value in found.items() if value is not None}


PLAN_DOMAINS = {"consent": ["given", "refused", "not_asked"], "age": [10, 15, 20], "risk": [True, False]}


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.fixed_dictionaries({}, optional={f: st.sampled_from(v) for f, v in PLAN_DOMAINS.items()}), st.integers(0, 2)), min_size=1, max_size=12))
def test_the_planner_weighs_leaves_as_its_definition_does(leaves):
    from infoshare.training.interview import _plan

    paths, told = [path for path, _ in leaves], [said for _, said in leaves]
    askable = set(PLAN_DOMAINS)
    assert _plan(paths, told, PLAN_DOMAINS, askable, (len(askable),)) == _expected_by_definition(paths, told, PLAN_DOMAINS, askable, len(askable))


def test_an_interview_resumes_a_question_file_and_asks_only_what_it_leaves_open(tmp_path, durable, ruleset):
    example = ROOT / "examples" / "refer-missing-facts.yaml"
    question = question_from_data(yaml.safe_load(example.read_text(encoding="utf-8")), "q", ruleset)
    open_facts = [q.fact for q in durable.answer(question).questions]
    result = subprocess.run(
        [INFOSHARE, "interview", str(example), "--lang", "en", "--save-question", "q.yaml"], input="\n" * len(open_facts),
        capture_output=True, text=True, cwd=tmp_path, timeout=60,
    )
    assert result.returncode == 5, result.stderr
    assert "Who is disclosing?" not in result.stdout, "the file names the discloser"
    assert result.stdout.count(message("interview.why", "en", why="").strip()) <= len(open_facts)
    saved = yaml.safe_load((tmp_path / "q.yaml").read_text(encoding="utf-8"))
    written = yaml.safe_load(example.read_text(encoding="utf-8"))
    assert {k: saved[k] for k in ("discloser", "recipient", "item", "purpose")} == {k: written[k] for k in ("discloser", "recipient", "item", "purpose")}
    assert saved.get("facts", {}) == written.get("facts", {}), "don't know adds nothing, and the file's facts are kept"


def test_an_invalid_question_file_is_refused_before_any_question(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("discloser: polise\nrecipient: school\nitem: school_data\npurpose: teaching_arrangements\n", encoding="utf-8")
    result = subprocess.run([INFOSHARE, "interview", str(bad)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 4
    assert "bad.yaml:1" in result.stderr and "did you mean 'police'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("option", "value", "said"), [("--as-of", "2025-13-01", "as_of"), ("--assume-enacted", "HE-1-2020", "did you mean 'HE-182-2025'")])
def test_a_bad_option_is_refused_before_the_first_question(option, value, said, tmp_path):
    result = pipe(tmp_path, [], option, value)
    assert result.returncode == 4
    assert said in result.stderr and "Traceback" not in result.stderr
    assert message("interview.ask.discloser", "fi") not in result.stdout
