"""The durable-rules engine against the reference evaluator, and the engine's robustness."""

from __future__ import annotations

import resource

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import questions, sample_questions

from infoshare.core.durable import DurableMatcher
from infoshare.errors import EngineError


@settings(max_examples=300)
@given(data=st.data())
def test_durable_and_reference_match_the_same_rules(data, ruleset, durable, reference):
    question = data.draw(questions(ruleset, complete=True))
    assignment = durable.decider.space.complete(question.assignment())
    assert durable.decider.matcher.match(assignment) == reference.decider.matcher.match(assignment)


@pytest.fixture(scope="module")
def whole_network(ruleset):
    matcher = DurableMatcher(list(ruleset.compiled.items()))
    yield matcher
    matcher.close()


@given(data=st.data())
def test_the_shards_of_a_questions_candidate_rules_match_them_as_the_whole_network_does(data, ruleset, durable, whole_network):
    """Rules ordered by discloser, asked about a question's candidates only (only their shards are matched), durable
    finds among them what one matcher of every rule in file order finds."""
    question = data.draw(questions(ruleset, complete=True))
    decider = durable.decider
    assignment = decider.space.complete(question.assignment())
    candidates = frozenset(decider.index.candidates(assignment, decider.in_force(question.as_of, [])))
    assert decider.matcher.match(assignment, candidates) & candidates == whole_network.match(assignment) & candidates


@given(data=st.data())
def test_durable_and_reference_give_the_same_answer(data, ruleset, durable, reference):
    question = data.draw(questions(ruleset))
    assert durable.answer(question).to_dict() == reference.answer(question).to_dict()


def test_wide_question_matches_many_rules_on_both(ruleset, durable, reference):
    """A question that makes many rules apply at once: both evaluators see all of them."""
    from infoshare.core.question import Question

    question = Question(
        as_of="2025-03-01", discloser="parish_priest", recipient="police", item="threat_information",
        purpose="prevent_planned_offence", initiative="proactive", subject={"age": 16, "mature": True},
        facts={"learned_in_confession": True, "planned_serious_offence": True, "consent": "given", "guardian_consent": "refused"},
    )
    assignment = durable.decider.space.complete(question.assignment())
    matched = durable.decider.matcher.match(assignment)
    assert matched == reference.decider.matcher.match(assignment)
    assert len(matched) >= 4


def _rss_kib() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * resource.getpagesize() // 1024


@pytest.mark.soak
def test_ten_thousand_questions_in_a_row_with_flat_memory(ruleset, durable):
    examples = sample_questions(ruleset, 200)
    for question in examples:  # warm up caches before measuring
        durable.answer(question)
    before = _rss_kib()
    for index in range(10_000):
        durable.answer(examples[index % len(examples)])
    grown = _rss_kib() - before
    assert grown < 8 * 1024, f"memory grew by {grown} KiB over 10,000 questions"


def test_an_action_that_raises_surfaces_as_an_error_and_the_engine_recovers(ruleset, monkeypatch):
    matcher = DurableMatcher(list(ruleset.compiled.items()))
    assignment = {"discloser": "police", "recipient": "child_welfare", "item": "police_data", "purpose": "child_welfare_notification",
                  "initiative": "proactive", "age": 15, "mature": True, **{f: True for f in ("child_welfare_need",)}}

    def explode(self, message, fired):
        raise RuntimeError("action failed")

    with monkeypatch.context() as patch:
        patch.setattr(DurableMatcher, "_fire", explode)
        with pytest.raises(EngineError, match="action failed"):
            matcher.match(assignment)
    assert "cwa-25-1-notify-child-welfare" in matcher.match(assignment)
    matcher.close()


def test_reserved_field_names_never_reach_durable():
    from infoshare.core.compile import Atom
    from infoshare.core.durable import to_durable

    with pytest.raises(EngineError):
        to_durable(Atom("sid", "eq", "x"))


def test_open_questions_name_a_fact_that_matters_only_beside_another(durable, ruleset):
    """With nothing known, each value of the age still leaves every outcome possible, yet the age decides
    whether the guardian's consent counts: it must be asked (not only the consents)."""
    from infoshare.core.question import question_from_data

    question = question_from_data({"as_of": "2025-03-01", "discloser": "health_care", "recipient": "social_services",
                                   "item": "health_data", "purpose": "anchor_case_work"}, "q", ruleset)
    asked = {q.fact for q in durable.answer(question).questions}
    assert {"subject.age", "subject.mature", "consent", "guardian_consent"} <= asked
    for fact in asked:  # each one alone can change the outcome of some completion
        name = fact.removeprefix("subject.")
        leaves = durable.decider.decide(question).paths()
        assert any(
            p1[name] != p2[name] and v1.key != v2.key and all(p1[k] == p2[k] for k in p1.keys() & p2.keys() if k != name)
            for p1, v1 in leaves for p2, v2 in leaves if name in p1 and name in p2
        ), fact


@pytest.mark.parametrize("recipient", ["police", "private_person"])
def test_a_duty_met_by_telling_any_one_recipient_is_not_listed_again_beside_itself(durable, ruleset, recipient):
    """Criminal Code 15:10: informing the authorities or the person in danger meets the duty; neither answer
    may present the other route as a second duty, and an answer elsewhere names the duty once."""
    from infoshare.core.question import question_from_data

    base = {"as_of": "2025-03-01", "discloser": "youth_services", "item": "threat_information", "initiative": "proactive",
            "subject": {"age": 16}, "facts": {"planned_serious_offence": True, "consent": "refused", "risk_of_violence": True}}
    answer = durable.answer(question_from_data({**base, "recipient": recipient, "purpose": "prevent_planned_offence"}, "q", ruleset))
    assert answer.outcome == "must_share"
    def by_15_10(duties):
        return [d.recipient for d in duties if "rl-15-10-planned-offence" in {g.rule for g in d.grounds}]

    assert not by_15_10(answer.related_duties)
    elsewhere = durable.answer(question_from_data({**base, "recipient": "child_welfare", "purpose": "child_welfare_notification"}, "q", ruleset))
    assert by_15_10(elsewhere.related_duties) == ["police"]


@given(data=st.data())
def test_alternatives_and_related_duties_hold_under_the_durable_cross_check(data, ruleset, durable):
    """Alternatives and related duties are searched with the reference evaluator alone (for speed); deciding
    each of them again with durable-rules matching every leaf gives the same outcome and grounds."""
    question = data.draw(questions(ruleset)).with_defaults()
    answer = durable.answer(question)
    for alternative in answer.alternatives:
        verdict = durable.decider.verdict(question.model_copy(update={"facts": {**question.facts, **alternative.condition}}))
        assert (verdict.outcome, verdict.refer_reason, verdict.grounds) == (alternative.outcome, alternative.refer_reason, alternative.grounds)
    for duty in answer.related_duties:
        other = question.model_copy(update={"recipient": duty.recipient, "purpose": duty.purpose, "item": duty.item, "initiative": "proactive"})
        assert durable.decider.verdict(other).outcome == duty.outcome


def test_every_question_is_cross_checked_even_where_its_search_tree_is_reused(ruleset):
    """The search tree of an earlier question with the same candidates is reused, but the matcher is still asked
    about this question's own leaves: a matcher that stops agreeing is caught on the second asking too."""
    from infoshare.core.decide import Decider
    from infoshare.core.evaluate import ReferenceMatcher
    from infoshare.core.question import question_from_data

    class Unreliable:
        name, independent, lying = "unreliable", True, False
        reference = ReferenceMatcher(list(ruleset.compiled.items()))

        def match(self, assignment, among=None):
            found = self.reference.match(assignment)
            return found - {min(found)} if self.lying and found else found

        def close(self):
            pass

    matcher = Unreliable()
    decider = Decider(ruleset, matcher)
    question = question_from_data({"as_of": "2025-03-01", "discloser": "police", "recipient": "child_welfare", "item": "police_data",
                                   "purpose": "child_welfare_notification", "facts": {"child_welfare_need": True}}, "q", ruleset)
    decider.verdict(question)
    matcher.lying = True
    with pytest.raises(EngineError, match="disagree"):
        decider.verdict(question)
