"""The open questions of an answer: the fields whose value alone changes it, found on the decision tree."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from infoshare.core.decide import Branch, Leaf, Node, Verdict, open_facts_in

FIELDS = ("consent", "age", "risk", "initiative")
VERDICTS = [Verdict(outcome, None, grounds, ()) for outcome in ("may_share", "must_not_share") for grounds in (("r1",), ("r2",))]


def _outcome(verdict: Verdict) -> Any:
    return verdict.key


@st.composite
def trees(draw: st.DrawFn, taken: frozenset[str] = frozenset(), depth: int = 0) -> Node:
    """Decision trees as the decider builds them: no field branched on twice on one path, 2-3 values a branch."""
    free = [name for name in FIELDS if name not in taken]
    if not free or depth >= 4 or draw(st.booleans()):
        return Leaf(draw(st.sampled_from(VERDICTS)))
    field = draw(st.sampled_from(free))
    values = range(draw(st.integers(2, 3)))
    children = [(value, draw(trees(taken | {field}, depth + 1))) for value in values]
    return Branch(field, (f"rule-{field}",), children)


def _leaves(node: Node, path: dict[str, Any]) -> list[tuple[dict[str, Any], Verdict]]:
    if isinstance(node, Leaf):
        return [(path, node.verdict)]
    return [leaf for value, child in node.children for leaf in _leaves(child, {**path, node.variable: value})]


def _deciding_by_definition(tree: Node, telling: Any) -> set[str]:
    """Every pair of leaves compared: a field decides when two leaves told apart differ in it alone among the
    fields both paths take."""
    leaves = _leaves(tree, {})
    deciding = set()
    for index, (path, verdict) in enumerate(leaves):
        for other_path, other in leaves[index + 1:]:
            if telling(verdict) != telling(other):
                differing = [name for name in path.keys() & other_path.keys() if path[name] != other_path[name]]
                if len(differing) == 1:
                    deciding.add(differing[0])
    return deciding


@given(tree=trees(), with_grounds=st.booleans())
def test_open_facts_are_the_fields_whose_value_alone_tells_two_leaves_apart(tree, with_grounds):
    telling = (lambda verdict: (verdict.key, verdict.grounds)) if with_grounds else _outcome
    found = open_facts_in(tree, telling)
    assert {one.field for one in found} == _deciding_by_definition(tree, telling)
    assert all(one.asked_by == (f"rule-{one.field}",) for one in found)


def test_a_field_that_matters_only_beside_another_is_still_open():
    """Consent changes the outcome only for a subject under 15: the age and the consent are both open."""
    allowed, refused = VERDICTS[0], VERDICTS[2]
    tree = Branch("age", ("r",), [(14, Branch("consent", ("r",), [("given", Leaf(allowed)), ("refused", Leaf(refused))])), (15, Leaf(allowed))])
    assert [one.field for one in open_facts_in(tree, _outcome)] == ["age", "consent"]


def test_a_field_whose_values_all_answer_alike_is_not_open():
    same = VERDICTS[0]
    tree = Branch("risk", ("r",), [(True, Leaf(same)), (False, Branch("consent", ("r",), [("given", Leaf(same)), ("refused", Leaf(VERDICTS[2]))]))])
    assert [one.field for one in open_facts_in(tree, _outcome)] == ["risk", "consent"]


def test_leaves_that_differ_in_two_fields_do_not_make_either_open():
    """The tree branches on the initiative first, but the answer follows the consent alone: only the consent is open
    (the leaves on a proactive refusal and on a request with consent differ in both, and tell nothing of either)."""
    allowed, refused = VERDICTS[0], VERDICTS[2]

    def by_consent() -> Branch:
        return Branch("consent", ("r",), [("given", Leaf(allowed)), ("refused", Leaf(refused))])

    tree = Branch("initiative", ("r",), [("proactive", by_consent()), ("on_request", by_consent())])
    assert [one.field for one in open_facts_in(tree, _outcome)] == ["consent"]
