"""The twelve hard cases of dossier §13 give the answer the dossier supports, with provisions cited."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_cli import expectation

from infoshare.core.question import read_question_file

HARD_CASES = sorted((Path(__file__).resolve().parent.parent / "examples" / "hard-cases").glob("*.yaml"))


def test_all_twelve_hard_cases_are_here():
    assert len(HARD_CASES) == 12


@pytest.mark.parametrize("path", HARD_CASES, ids=[p.stem for p in HARD_CASES])
def test_hard_case_gets_the_answer_the_dossier_supports(path, ruleset, durable):
    outcome, reason = expectation(path)
    answer = durable.answer(read_question_file(path, ruleset))
    assert (answer.outcome, answer.refer_reason) == (outcome, reason), [g.rule for g in answer.grounds]
    assert answer.grounds and all(ground.citations for ground in answer.grounds)
