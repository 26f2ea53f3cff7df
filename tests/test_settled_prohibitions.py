"""No confident prohibition where the ruleset is silent (review-2 A4).

A secrecy default (`fallback: true`) decides only disclosures the ruleset declares covered in ruleset.yaml; anywhere
else its prohibition becomes refer/not_covered, with a warning naming what is not encoded, and no liability warning.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from strategies import questions

from infoshare.core.question import Question

LIABILITY = "unlawful_disclosure_liability"


def _nurse(recipient: str) -> Question:
    return Question(
        as_of=dt.date(2025, 2, 1), discloser="health_care", recipient=recipient, item="health_data", purpose="anchor_case_work",
        initiative="proactive", subject={"age": 30}, facts={"consent": "refused", "planned_serious_offence": False},
    )


def test_outside_the_declared_coverage_the_secrecy_default_refers_and_says_why(reference):
    answer = reference.answer(_nurse("school"))
    assert (answer.outcome, answer.refer_reason) == ("refer", "not_covered")
    assert not answer.obligations
    warning = next(w for w in answer.warnings if w.code == "not_encoded")
    assert "703/2023" in warning.text


def test_inside_it_the_prohibition_stands_with_its_liability_warning(reference):
    answer = reference.answer(_nurse("police"))
    assert answer.outcome == "must_not_share"
    assert [g.rule for g in answer.grounds] == ["secrecy-client-data"]
    assert LIABILITY in {oid for oid, _ in answer.obligations}
    assert not [w for w in answer.warnings if w.code == "not_encoded"]


def test_every_prohibition_rests_on_a_rule_the_ruleset_stands_behind(ruleset, reference):
    @settings(max_examples=300, deadline=None)
    @given(question=questions(ruleset))
    def check(question):
        answer = reference.answer(question)
        if answer.outcome != "must_not_share":
            return
        rules = [ruleset.rules[g.rule] for g in answer.grounds]
        assert question.as_of is not None
        settled = any(not rule.fallback for rule in rules) or ruleset.covered(question.discloser, question.recipient, question.as_of)
        assert settled, answer.to_dict()

    check()
