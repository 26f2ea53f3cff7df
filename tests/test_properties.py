"""Laws of the decision procedure that hold for every question."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from strategies import questions

from infoshare.core.question import Subject


@given(data=st.data())
def test_every_decided_answer_names_grounds_with_citations(data, ruleset, durable):
    answer = durable.answer(data.draw(questions(ruleset)))
    if (answer.outcome, answer.refer_reason) == ("refer", "not_covered"):
        return
    assert answer.grounds, answer.to_dict()
    assert all(ground.citations for ground in answer.grounds)


@given(data=st.data())
def test_no_may_share_without_a_permitting_ground(data, ruleset, durable):
    answer = durable.answer(data.draw(questions(ruleset)))
    if answer.outcome == "may_share":
        assert answer.grounds and all(ground.effect == "permit" for ground in answer.grounds)
    if answer.outcome == "must_share":
        assert answer.grounds and all(ground.effect == "require" for ground in answer.grounds)


@given(data=st.data())
def test_giving_consent_never_turns_may_share_into_must_not_share(data, ruleset, durable):
    question = data.draw(questions(ruleset))
    if durable.answer(question).outcome != "may_share":
        return
    consenting = question.model_copy(update={"facts": {**question.facts, "consent": "given"}})
    assert durable.answer(consenting).outcome != "must_not_share"


@given(data=st.data())
def test_questions_are_asked_only_when_referring_for_missing_facts(data, ruleset, durable):
    answer = durable.answer(data.draw(questions(ruleset)))
    assert bool(answer.questions) == (answer.refer_reason == "missing_facts")


@given(data=st.data())
def test_knowing_an_asked_fact_settles_or_narrows_the_question(data, ruleset, durable):
    """Answering the open questions with any values leads to a decided answer or to fewer open questions."""
    question = data.draw(questions(ruleset))
    answer = durable.answer(question)
    if answer.refer_reason != "missing_facts":
        return
    facts = dict(question.facts)
    subject = question.subject.model_dump(exclude_none=True)
    initiative = question.initiative
    for open_question in answer.questions:
        name = open_question.fact
        if name == "subject.age":
            subject["age"] = 16
        elif name == "subject.mature":
            subject["mature"] = True
        elif name == "initiative":
            initiative = "proactive"
        else:
            entry = ruleset.vocabulary.facts[name]
            facts[name] = entry.type[0] if isinstance(entry.type, list) else (True if entry.type == "bool" else 4)
    settled = durable.answer(question.model_copy(update={"facts": facts, "subject": Subject(**subject), "initiative": initiative}))
    assert settled.refer_reason != "missing_facts" or {q.fact for q in settled.questions} != {q.fact for q in answer.questions}


def test_rule_file_order_does_not_change_answers(ruleset):
    """Answers depend on the rules, not on the order in which files were read."""
    from strategies import sample_questions

    from infoshare.checker import make_checker

    reordered = ruleset._replace(rules=dict(reversed(list(ruleset.rules.items()))), compiled=dict(reversed(list(ruleset.compiled.items()))))
    forward = make_checker(ruleset, "reference")
    backward = make_checker(reordered, "reference")
    for question in sample_questions(ruleset, 150, seed=7):
        assert forward.answer(question).to_json() == backward.answer(question).to_json()


@given(data=st.data())
def test_citations_are_the_versions_in_force_on_the_question_date(data, ruleset, durable):
    question = data.draw(questions(ruleset)).with_defaults()
    for ground in durable.answer(question).grounds:
        listed = ruleset.rules[ground.rule].provisions
        in_force = {p for p in listed if ruleset.provisions[p].section.in_force.covers(question.as_of)}
        assert {c.provision for c in ground.citations} == (in_force or set(listed))


@given(data=st.data())
def test_the_alternatives_are_exactly_the_suggestible_fact_values_that_change_the_outcome(data, ruleset, reference):
    """Each alternative is the verdict of the question decided anew with that one fact changed, and no such change
    that alters the outcome is left out (an unknown fact's alternatives are read off the question's own tree)."""
    from infoshare.core.decide import Alternative

    question = data.draw(questions(ruleset)).with_defaults()
    decider = reference.decider
    verdict = decider.verdict(question)
    expected = []
    for fact, entry in ruleset.vocabulary.facts.items():
        for value in decider.space.domains[fact] if entry.actionable else ():
            if value in entry.never_suggest or question.facts.get(fact, object()) == value:
                continue
            other = decider.verdict(question.model_copy(update={"facts": {**question.facts, fact: value}}))
            if other.key != verdict.key:
                expected.append(Alternative({fact: value}, other.outcome, other.refer_reason, other.grounds))
    assert list(decider.ruling(question).alternatives) == expected
