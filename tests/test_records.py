"""The check path without pydantic: the records built from the cache hold exactly what the models hold, a question
is accepted as a record only where the model would accept it alike, and the answers from either are the same."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError
from strategies import sample_questions

from infoshare.checker import make_checker
from infoshare.core.loader import load_ruleset
from infoshare.core.question import Question
from infoshare.core.question_record import question_record
from infoshare.core.records import Record
from infoshare.core.rule_index import field_profiles


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """The ruleset as models, and as records from a cache entry written for it."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("INFOSHARE_CACHE_DIR", str(folder))
        models = load_ruleset()
        records = load_ruleset(light=True)
    assert isinstance(records.rules[next(iter(records.rules))], Record)
    return models, records


def same(model: object, record: object, where: str) -> None:
    """Every field of `model`, nested models, lists and mappings included, is in `record` with the same value and type."""
    if isinstance(model, BaseModel):
        assert isinstance(record, Record), f"{where}: a {type(model).__name__} was left a {type(record).__name__}"
        for name in type(model).model_fields:
            same(getattr(model, name), getattr(record, name), f"{where}.{name}")
    elif isinstance(model, dict):
        assert isinstance(record, dict) and list(model) == list(record), where
        for key in model:
            same(model[key], record[key], f"{where}[{key}]")
    elif isinstance(model, (list, tuple)):
        assert isinstance(record, (list, tuple)) and len(model) == len(record), where
        for index, (a, b) in enumerate(zip(model, record)):
            same(a, b, f"{where}[{index}]")
    else:
        assert type(model) is type(record) and model == record, f"{where}: {model!r} != {record!r}"


def test_records_hold_every_field_of_the_models(both):
    models, records = both
    same(models.vocabulary, records.vocabulary, "vocabulary")
    for rule_id, rule in models.rules.items():
        same(rule, records.rules[rule_id], rule_id)
    for provision_id, provision in models.provisions.items():
        same(provision.act, records.provisions[provision_id].act, provision.act.act)
    for index, entry in enumerate(models.coverage):
        same(entry, records.coverage[index], f"coverage[{index}]")
    assert (records.version, records.law_covered_from, records.law_checked) == (models.version, models.law_covered_from, models.law_checked)


def test_the_index_kept_in_the_cache_is_the_index_of_the_rules(both):
    models, records = both
    assert models.profiles is None and records.profiles is not None
    assert records.profiles == field_profiles(models)


def test_records_share_the_models_methods(both):
    models, records = both
    day = dt.date(2024, 5, 1)
    for role in models.vocabulary.roles:
        assert records.vocabulary.role_label(role, "sv", day) == models.vocabulary.role_label(role, "sv", day)
        assert records.vocabulary.role_names_of(role) == models.vocabulary.role_names_of(role)
    assert [r.in_force(day) for r in records.rules.values()] == [r.in_force(day) for r in models.rules.values()]
    assert records.covered("police", "school", day) == models.covered("police", "school", day)


def test_answers_from_records_are_the_answers_from_models(both):
    models, records = both
    from_models = make_checker(models, "reference")
    from_records = make_checker(records, "reference")
    for question in sample_questions(models, 150, seed=3):
        record = question_record(question.model_dump(mode="json", exclude_none=True))
        assert record is not None
        assert from_records.answer(record).to_json() == from_models.answer(question).to_json()


values = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 200), st.floats(allow_nan=False), st.text(max_size=12),
    st.sampled_from(["police", "school", "fi", "sv", "proactive", "2025-03-01", "2025-02-30", "２０２５-03-01", "2025-3-1"]),
    st.lists(st.sampled_from(["HE-182-2025", 1]), max_size=2),
    st.dictionaries(st.sampled_from(["age", "mature", "consent", 1]), st.one_of(st.none(), st.booleans(), st.integers(-2, 140), st.text(max_size=3)), max_size=3),
)
fields = st.sampled_from(["as_of", "language", "discloser", "recipient", "item", "purpose", "initiative", "subject", "facts", "assume_enacted", "age", "extra"])


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(fields, values, max_size=11), st.dictionaries(fields, values, max_size=3))
def test_a_question_becomes_a_record_only_where_the_model_accepts_it_alike(data, change):
    base = {"discloser": "police", "recipient": "school", "item": "threat_information", "purpose": "prevent_violence"}
    data = {**base, **data} if len(data) % 2 else {**base, **change}
    record = question_record(data)
    if record is None:
        return
    try:
        model = Question.model_validate(data)
    except ValidationError as error:
        raise AssertionError(f"accepted as a record, refused by the model: {data!r}") from error
    assert record.model_dump(mode="json") == model.model_dump(mode="json")
    assert record.model_dump(mode="json", exclude_none=True) == model.model_dump(mode="json", exclude_none=True)
    assert record.assignment() == model.assignment()
