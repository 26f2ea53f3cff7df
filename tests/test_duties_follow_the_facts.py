"""A duty attaches to what the discloser knows, not to the labels the worker picked (review-2 A1).

For every duty that attaches to facts (`duty: on_facts`), every discloser it binds, every item but the one the law
keeps back (the confession), every purpose and both initiatives: with the duty's facts true and the question
otherwise open, the answer to "may I share this with the duty's recipient?" is must_share, on that duty. Outside
confession: what was confided to a priest is displaced by the priests' own route, which is itself swept here.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from typing import Any

import pytest

from infoshare.core.compile import atoms
from infoshare.core.decide import VariableSpace, representatives
from infoshare.core.evaluate import kleene
from infoshare.core.question import Question
from infoshare.domain import OPEN_FIELDS, SUBJECT_FIELDS

LABELS = ("discloser", "recipient", "item", "purpose", "initiative")


def _on_fact_duties(ruleset) -> list[str]:
    return [rule_id for rule_id, rule in ruleset.rules.items() if rule.duty == "on_facts" and not rule.unsettled]


def _day_in_force(rule) -> dt.date:
    """A day on which the rule is in force, the latest law where it still is."""
    latest = dt.date(2025, 2, 21)
    if rule.valid_to is not None and rule.valid_to < latest:
        return rule.valid_to
    return max(rule.valid_from, dt.date(2015, 4, 1)) if rule.valid_from > latest else latest


def _facts_that_trigger(ruleset, space: VariableSpace, rule_id: str, discloser: str) -> dict[str, Any] | None:
    """The first values of the duty's own facts under which it holds for this discloser (labels left open)."""
    expr = ruleset.compiled[rule_id]
    fields = sorted({a.field for a in atoms(expr) if a.field not in LABELS} | {"learned_in_confession"}, key=space.rank.__getitem__)
    # Outside confession first: the confession is the one displacement the law gives, swept through the priests' route.
    domains = [sorted(space.domains[f], key=lambda v: v is not False) if f == "learned_in_confession" else space.domains[f] for f in fields]
    for values in itertools.product(*domains):
        assignment = dict(zip(fields, values))
        when = ruleset.rules[rule_id].when
        excluded = set(when.item.ids) if when.item is not None else set()
        item = next(i for i in ruleset.vocabulary.items if i not in excluded)
        labels = {"discloser": discloser, "recipient": when.recipient.ids[0], "item": item}
        if kleene(expr)({**labels, **assignment}) is True:
            return assignment
    return None


def _kinds(ruleset, field: str, values) -> list[str]:
    """One value for each class of `values` that every rule's conditions on `field` treat alike: the sweep stays
    exact over the whole vocabulary while deciding each class once."""
    field_atoms = [a for expr in ruleset.compiled.values() for a in atoms(expr) if a.field == field]
    return representatives(values, field_atoms)


def _cells(ruleset) -> Iterator[tuple[str, Question]]:
    space = VariableSpace(ruleset)
    vocabulary = ruleset.vocabulary
    for rule_id in _on_fact_duties(ruleset):
        rule = ruleset.rules[rule_id]
        excluded = set(rule.when.item.ids) if rule.when.item is not None else set()
        for discloser in vocabulary.roles:
            trigger = _facts_that_trigger(ruleset, space, rule_id, discloser)
            if trigger is None:
                continue
            subject = {k: v for k, v in trigger.items() if k in SUBJECT_FIELDS}
            facts = {k: v for k, v in trigger.items() if k not in OPEN_FIELDS}
            for recipient, item, purpose, initiative in itertools.product(
                rule.when.recipient.ids,
                _kinds(ruleset, "item", [i for i in vocabulary.items if i not in excluded]),
                _kinds(ruleset, "purpose", list(vocabulary.purposes)),
                ("proactive", "on_request"),
            ):
                yield rule_id, Question(
                    as_of=_day_in_force(rule), discloser=discloser, recipient=recipient, item=item, purpose=purpose,
                    initiative=initiative, subject=subject, facts=facts,
                )


def test_the_sweep_covers_the_three_duties_the_law_names_first(ruleset):
    swept = {rule_id for rule_id, _ in _cells(ruleset)}
    assert {"rl-15-10-planned-offence", "cwa-25-1-notify-child-welfare", "cwa-25-3-notify-police"} <= swept


def _surely_must_share(ruleset, rule_id: str, question: Question) -> bool:
    """A quick proof that the duty decides every completion: it holds, no rule that might apply overrides it, and
    every prohibition that might apply is one it overrides. Cells it cannot prove go through the full decision."""
    known = question.assignment()
    rule = ruleset.rules[rule_id]
    if kleene(ruleset.compiled[rule_id])(known) is not True:
        return False
    for other_id, other in ruleset.rules.items():
        if other_id == rule_id or not other.in_force(question.as_of) or other.pending_bill is not None:
            continue
        relevant = other.effect == "forbid" and other_id not in rule.overrides or rule_id in other.overrides
        if relevant and kleene(ruleset.compiled[other_id])(known) is not False:
            return False
    return True


def test_no_label_hides_a_duty(ruleset, reference):
    hidden = []
    for rule_id, question in _cells(ruleset):
        if _surely_must_share(ruleset, rule_id, question):
            continue
        verdict = reference.decider.verdict(question)
        if verdict.outcome != "must_share" or rule_id not in verdict.grounds:
            hidden.append((rule_id, question.discloser, question.recipient, question.item, question.purpose, question.initiative, verdict.key))
    assert not hidden, f"{len(hidden)} cells hide a duty, e.g. {hidden[:5]}"


@pytest.mark.parametrize("item", ["confession"])
def test_what_was_confided_never_leaves_the_priest_but_the_duty_is_named(ruleset, reference, item):
    question = Question(
        as_of=dt.date(2025, 2, 1), discloser="parish_priest", recipient="police", item=item, purpose="prevent_planned_offence",
        initiative="proactive", subject={"age": 20}, facts={"learned_in_confession": True, "planned_serious_offence": True},
    )
    answer = reference.answer(question)
    assert answer.outcome == "must_not_share"
    duty = [d for d in answer.related_duties if d.recipient == "police"]
    assert duty and duty[0].outcome == "must_share" and duty[0].item == "threat_information"
    assert "priest-planned-offence" in {g.rule for g in duty[0].grounds}
