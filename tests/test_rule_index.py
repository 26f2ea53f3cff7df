"""The rule index leaves out exactly the rules that cannot apply, so a search over its candidates is the search over all."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from strategies import questions

from infoshare.core.evaluate import evaluate3
from infoshare.core.rule_index import INDEXED_FIELDS, RuleIndex


@given(data=st.data())
def test_candidates_are_the_rules_in_force_and_not_false_on_the_four_basics(data, ruleset):
    index = RuleIndex(ruleset)
    question = data.draw(questions(ruleset))
    enacted = data.draw(st.lists(st.sampled_from(sorted(ruleset.bills)), max_size=1)) if ruleset.bills else []
    in_force = {
        rule_id
        for rule_id, rule in ruleset.rules.items()
        if (rule.pending_bill in enacted if rule.pending_bill is not None else rule.in_force(question.as_of))
    }
    assert index.in_force(question.as_of, enacted) == in_force
    basics = {field: getattr(question, field) for field in INDEXED_FIELDS}
    expected = [rule_id for rule_id in sorted(in_force) if evaluate3(ruleset.compiled[rule_id], basics) is not False]
    assert index.candidates(question.assignment(), frozenset(in_force)) == expected


def test_a_date_on_a_boundary_belongs_to_the_period_it_starts(ruleset):
    index = RuleIndex(ruleset)
    for rule_id, rule in ruleset.rules.items():
        if rule.pending_bill is None:
            assert rule_id in index.in_force(rule.valid_from, [])
            if rule.valid_to is not None:
                assert rule_id in index.in_force(rule.valid_to, [])
                assert rule_id not in index.in_force(rule.valid_to.fromordinal(rule.valid_to.toordinal() + 1), [])
