"""The project's vocabulary extends the contract's core vocabulary and never renames it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from infoshare.domain import LANGUAGES
from infoshare.review.cases import rules_without_cases

SHARED = Path(__file__).resolve().parents[2] / "shared" / "spec" / "vocabulary.yaml"
PROJECT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(not SHARED.is_file(), reason="../shared is not beside this checkout")
def test_project_vocabulary_is_a_superset_of_the_core():
    core = yaml.safe_load(SHARED.read_text(encoding="utf-8"))
    ours = yaml.safe_load((PROJECT / "vocabulary.yaml").read_text(encoding="utf-8"))
    for section, entries in core.items():
        for key, entry in entries.items():
            assert key in ours[section], f"{section}.{key} is missing"
            for field, value in entry.items():
                assert ours[section][key].get(field) == value, f"{section}.{key}.{field} differs from the core vocabulary"


def test_every_entry_has_all_three_languages(ruleset):
    vocabulary = ruleset.vocabulary
    for entries in (vocabulary.roles, vocabulary.items, vocabulary.purposes, vocabulary.facts, vocabulary.obligations):
        for entry in entries.values():
            assert all(entry[language].strip() for language in LANGUAGES)


def test_every_rule_has_a_cases_file(ruleset):
    assert rules_without_cases(ruleset.rule_files) == []


@pytest.fixture(scope="module")
def case_answers(ruleset, durable):
    from infoshare.review.cases import case_files, check_case, load_cases

    return [check_case(located, durable)[0] for path in case_files(ruleset.root) for located in load_cases(path)]


def test_every_rule_is_a_deciding_ground_in_one_of_its_cases(ruleset, case_answers):
    decided_by = {ground.rule for answer in case_answers for ground in answer.grounds}
    assert sorted(set(ruleset.rules) - decided_by) == []


def test_every_provision_a_rule_cites_is_exercised_by_a_case(ruleset, case_answers):
    exercised = {c.provision for answer in case_answers for g in answer.grounds for c in g.citations}
    cited = {p for rule in ruleset.rules.values() for p in rule.provisions}
    assert sorted(cited - exercised) == []
