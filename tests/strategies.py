"""Hypothesis strategies for questions drawn from the ruleset's own vocabulary."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from infoshare.core.question import Question
from infoshare.domain import LANGUAGES


def fact_values(kind):
    if kind == "bool":
        return st.booleans()
    if kind == "number":
        return st.sampled_from([0.5, 1, 2, 3, 4, 5, 6, 8, 10])
    return st.sampled_from(kind)


@st.composite
def questions(draw, ruleset, *, complete=False):
    """A valid question. With complete=True every fact and subject field is known."""
    vocabulary = ruleset.vocabulary
    facts = {}
    for fact, entry in vocabulary.facts.items():
        if complete or draw(st.booleans()):
            facts[fact] = draw(fact_values(entry.type))
    subject = {}
    if complete or draw(st.booleans()):
        subject["age"] = draw(st.integers(min_value=0, max_value=40))
    if complete or draw(st.booleans()):
        subject["mature"] = draw(st.booleans())
    initiative = draw(st.sampled_from(["proactive", "on_request"]) if complete else st.sampled_from([None, "proactive", "on_request"]))
    return Question(
        as_of=draw(st.dates(min_value=dt.date(2014, 1, 1), max_value=dt.date(2026, 12, 31))),
        language=draw(st.sampled_from(LANGUAGES)),
        discloser=draw(st.sampled_from(list(vocabulary.roles))),
        recipient=draw(st.sampled_from(list(vocabulary.roles))),
        item=draw(st.sampled_from(list(vocabulary.items))),
        purpose=draw(st.sampled_from(list(vocabulary.purposes))),
        initiative=initiative,
        subject=subject,
        facts=facts,
    )


def sample_questions(ruleset, count, seed=0):
    """`count` varied questions from a seeded generator, for load tests and benchmarks."""
    import random

    rng = random.Random(seed)
    vocabulary = ruleset.vocabulary
    samples = {"bool": [True, False], "number": [1, 2, 4, 6, 8]}
    result = []
    for _ in range(count):
        facts = {
            fact: rng.choice(samples.get(entry.type, entry.type) if not isinstance(entry.type, list) else entry.type)
            for fact, entry in vocabulary.facts.items()
            if rng.random() < 0.6
        }
        subject = {"age": rng.randint(0, 35)} if rng.random() < 0.8 else {}
        result.append(Question(
            as_of=dt.date(2015, 4, 1) + dt.timedelta(days=rng.randint(0, 4000)),
            language=rng.choice(LANGUAGES),
            discloser=rng.choice(list(vocabulary.roles)),
            recipient=rng.choice(list(vocabulary.roles)),
            item=rng.choice(list(vocabulary.items)),
            purpose=rng.choice(list(vocabulary.purposes)),
            initiative=rng.choice(["proactive", "on_request", None]),
            subject=subject,
            facts=facts,
        ))
    return result
