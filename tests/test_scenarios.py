"""The training scenarios hold against the rules: each story's question and every variation."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from infoshare.core.loader import default_root
from infoshare.errors import UsageError
from infoshare.training.scenarios import check_scenario, find_scenario, load_scenarios, with_change

ROOT = default_root()
SCENARIOS = load_scenarios(ROOT)
HARD_CASES = ROOT / "examples" / "hard-cases"


def test_the_library_has_the_hard_cases_and_everyday_situations():
    told = {s.content.hard_case for s in SCENARIOS if s.content.hard_case}
    assert told == set(range(1, 13)), f"hard cases without a scenario: {sorted(set(range(1, 13)) - told)}"
    assert len(SCENARIOS) >= 15
    assert any(s.content.hard_case is None for s in SCENARIOS)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_scenario_and_its_variations_hold(scenario, durable):
    failures = [f"{check.where}: {failure}" for check in check_scenario(scenario, durable) for failure in check.failures]
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("scenario", [s for s in SCENARIOS if s.content.hard_case], ids=lambda s: s.name)
def test_a_hard_case_scenario_asks_the_hard_case_question(scenario):
    (path,) = HARD_CASES.glob(f"{scenario.content.hard_case:02d}-*.yaml")
    example = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    example.pop("language", None)
    asked = yaml.load(yaml.safe_dump(scenario.question_data()), Loader=yaml.BaseLoader)
    assert asked == example, f"{scenario.file} tells {path.name} but asks a different question"


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_scenario_question_leaves_the_language_to_the_reader(scenario):
    assert "language" not in scenario.content.question, "scenarios are played in any language: leave `language` out"


def test_a_variation_merges_subject_and_facts_and_null_makes_a_fact_unknown():
    base = {"discloser": "police", "subject": {"age": 19, "mature": True}, "facts": {"consent": "refused", "risk_of_violence": False}}
    changed = with_change(base, {"subject": {"age": 17}, "facts": {"consent": None, "child_welfare_need": True}, "discloser": "school"})
    assert changed == {"discloser": "school", "subject": {"age": 17, "mature": True}, "facts": {"risk_of_violence": False, "child_welfare_need": True}}
    assert base["facts"] == {"consent": "refused", "risk_of_violence": False}, "the scenario's own question is left as it was"


def test_an_unknown_scenario_name_is_a_usage_error_with_a_suggestion():
    name = SCENARIOS[0].name
    with pytest.raises(UsageError, match=f"did you mean '{name}'"):
        find_scenario(ROOT, name[:-1])


def test_a_wrong_expectation_fails_with_file_and_line(tmp_path: Path, durable, monkeypatch):
    source = SCENARIOS[0]
    text = Path(ROOT / "examples" / "scenarios" / f"{source.name}.yaml").read_text(encoding="utf-8")
    wrong = "must_share" if source.content.expect.outcome != "must_share" else "must_not_share"
    text = text.replace(f"outcome: {source.content.expect.outcome}", f"outcome: {wrong}", 1)
    (tmp_path / "examples" / "scenarios").mkdir(parents=True)
    (tmp_path / "examples" / "scenarios" / f"{source.name}.yaml").write_text(text, encoding="utf-8")
    (scenario,) = load_scenarios(tmp_path)
    first = check_scenario(scenario, durable)[0]
    assert first.failures and f"expected {wrong}" in first.failures[0]
    assert first.where.endswith(f":{scenario.line_of(('expect',))}") and scenario.line_of(("expect",))


def test_a_trainer_s_line_breaks_are_folded_but_paragraphs_kept():
    from infoshare.core.model import TrainingText

    text = TrainingText(fi="Ensimmäinen rivi\njatkuu tässä.\n\nToinen kappale.\n", en="One\nline.")
    assert text["fi"] == "Ensimmäinen rivi jatkuu tässä.\n\nToinen kappale."
    assert text["sv"] == text["fi"], "Finnish stands in where no Swedish is written"
    assert text["en"] == "One line."
