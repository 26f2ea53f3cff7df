"""Laws of the encoded ruleset, agreed with legal advisers, checked over many generated questions."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import questions, sample_questions

from infoshare.core.question import Subject


@pytest.fixture(scope="module")
def answers(ruleset, durable):
    return [durable.answer(q) for q in sample_questions(ruleset, 1500, seed=11)]


def test_conflicts_arise_only_where_the_law_is_open(answers, ruleset):
    """A rule marked `unsettled:` stands for a point the law leaves open: when it meets an opposing rule,
    `refer/conflict` is the intended answer. Any other conflict is a missing override."""
    unsettled = {rule_id for rule_id, rule in ruleset.rules.items() if rule.unsettled}
    assert unsettled
    for answer in answers:
        if answer.refer_reason == "conflict":
            assert {g.rule for g in answer.grounds} & unsettled, answer.to_dict()


def test_every_permission_and_duty_limits_the_data_to_what_is_necessary(ruleset):
    for rule_id, rule in ruleset.rules.items():
        if rule.effect != "forbid":
            assert {"necessary_only", "do_not_reveal_confider", "identity_contact_only"} & set(rule.obligations), rule_id


def test_every_must_share_cites_a_provision_that_overrides_secrecy(answers, ruleset):
    for answer in answers:
        if answer.outcome == "must_share":
            for ground in answer.grounds:
                assert any(ruleset.provisions[c.provision].section.notwithstanding_secrecy for c in ground.citations), ground.rule


def _bound_by_cwa_25_1(ruleset):
    listed = ruleset.rules["cwa-25-1-notify-child-welfare"].when.discloser.ids
    return sorted({role for parent in listed for role in ruleset.descendants[parent]})


@given(data=st.data())
def test_a_mandatory_child_welfare_notification_is_never_hidden(data, ruleset, durable):
    """A child with a possible need, a discloser CWA 25(1) binds, outside confession: the duty is in the answer."""
    question = data.draw(questions(ruleset)).model_copy(update={
        "discloser": data.draw(st.sampled_from(_bound_by_cwa_25_1(ruleset))),
        "subject": Subject(age=data.draw(st.integers(min_value=0, max_value=17))),
        "as_of": data.draw(st.dates(min_value=dt.date(2015, 4, 1), max_value=dt.date(2026, 12, 31))),
    })
    question = question.model_copy(update={"facts": {**question.facts, "child_welfare_need": True, "learned_in_confession": False}})
    answer = durable.answer(question)
    to_child_welfare = set(ruleset.descendants["social_services"])
    in_answer = answer.outcome == "must_share" and question.recipient in to_child_welfare
    in_duties = any(d.outcome == "must_share" and d.recipient in to_child_welfare for d in answer.related_duties)
    assert in_answer or in_duties, question


@given(data=st.data())
def test_a_priest_never_shares_what_was_confided(data, ruleset, durable):
    question = data.draw(questions(ruleset)).model_copy(update={"discloser": "parish_priest", "item": "confession"})
    question = question.model_copy(update={"facts": {**question.facts, "learned_in_confession": True}})
    assert durable.answer(question).outcome in ("must_not_share", "refer")


def test_every_duty_rests_on_a_provision_that_overrides_secrecy(ruleset):
    for rule_id, rule in ruleset.rules.items():
        if rule.effect == "require":
            assert any(ruleset.provisions[p].section.notwithstanding_secrecy for p in rule.provisions), rule_id
