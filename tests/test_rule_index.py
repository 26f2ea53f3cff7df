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


def _plain_search(compiled, rule_ids, known, rank, domains):
    """The search as first written: every open rule evaluated again at every node, every unknown field recounted."""
    from infoshare.core.evaluate import kleene, open_fields

    def visit(partial, holding, open_rules):
        statuses = {rule_id: kleene(compiled[rule_id])(partial) for rule_id in open_rules}
        holding = holding | {rule_id for rule_id, status in statuses.items() if status is True}
        undecided = [rule_id for rule_id in open_rules if statuses[rule_id] is None]
        if not undecided:
            return ("leaf", frozenset(holding))
        asking = {rule_id: open_fields(compiled[rule_id], partial) for rule_id in undecided}
        counts = {name: sum(name in names for names in asking.values()) for name in set().union(*asking.values())}
        variable = min(counts, key=lambda name: (-counts[name], rank[name]))
        asked_by = tuple(rule_id for rule_id in undecided if variable in asking[rule_id])
        return ("branch", variable, asked_by, [(value, visit({**partial, variable: value}, holding, undecided)) for value in domains[variable]])

    return visit(dict(known), frozenset(), list(rule_ids))


@given(data=st.data())
def test_the_search_evaluates_again_only_what_a_new_value_can_change_and_builds_the_same_tree(data, ruleset):
    """The search re-evaluates at each node only the rules that asked for the field just given a value; its tree is
    the tree of evaluating every open rule at every node."""
    from infoshare.core.decide import VariableSpace
    from infoshare.core.evaluate import search

    question = data.draw(questions(ruleset))
    space = VariableSpace(ruleset)
    known = question.assignment()
    rule_ids = sorted(ruleset.compiled)
    tree = search(
        ruleset.compiled, rule_ids, known, space.rank, space.domains,
        lambda holding, undecided: not undecided,
        lambda partial, holding, undecided: ("leaf", holding),
        lambda variable, asked_by, children: ("branch", variable, asked_by, children),
    )
    assert tree == _plain_search(ruleset.compiled, rule_ids, known, space.rank, space.domains)
