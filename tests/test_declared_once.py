"""A question field or a language is declared once, in infoshare/domain.py, and everything else follows it.

The first tests hold each model, record, schema and option built from the declarations to them, so that a field
or a language cannot be half-added. The last one adds a subject field and a language by editing a copy of
domain.py alone, and shows in a fresh interpreter that the models, the light question reader, the rules'
conditions, the schemas and the command line all take them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import get_args

import infoshare
from infoshare.cli.app import app
from infoshare.cli.check_command import CHECK_PARAMS, SUBJECT_PARAMS
from infoshare.core import model, records
from infoshare.core.loader import default_root, load_ruleset
from infoshare.core.question import Subject
from infoshare.core.question_record import SubjectRecord
from infoshare.domain import LANGUAGES, OPEN_FIELDS, SUBJECT, SUBJECT_FIELDS, SUBJECT_KINDS, TRAINER_LANGUAGES, SubjectField
from infoshare.render.messages import catalogue
from infoshare.review.schemas import json_schema


def test_each_subject_field_has_one_declaration():
    assert set(get_args(SubjectField)) == set(SUBJECT) and SUBJECT_FIELDS == tuple(SUBJECT)
    assert OPEN_FIELDS == ("initiative", *SUBJECT_FIELDS)
    assert all(spec.kind in ("whole", "bool") and (spec.most > 0) == (spec.kind == "whole") for spec in SUBJECT.values())


def test_the_question_and_rule_models_and_the_records_have_exactly_the_subject_fields():
    assert tuple(Subject.model_fields) == SUBJECT_FIELDS
    assert tuple(model.SubjectTest.model_fields) == SUBJECT_FIELDS
    assert SubjectRecord._fields == SUBJECT_FIELDS
    assert set(records.SubjectTest.NESTED) == {name for name, kind in SUBJECT_KINDS.items() if kind == "whole"}


def test_the_vocabulary_describes_every_open_field():
    assert set(load_ruleset().vocabulary.subject) == set(OPEN_FIELDS)


def test_the_schemas_list_exactly_the_subject_fields():
    question = json_schema("question")["$defs"]["Subject"]["properties"]
    rule = json_schema("rule")["$defs"]["Condition"]["properties"]["subject"]["properties"]
    assert tuple(question) == tuple(rule) == SUBJECT_FIELDS
    assert [rule[name]["description"] for name in SUBJECT] == [spec.tested for spec in SUBJECT.values()]


def test_check_and_matrix_take_an_option_for_each_subject_field():
    options = [spec.option for spec in SUBJECT.values()]
    assert [param.flags for param in SUBJECT_PARAMS] == [(option,) for option in options]
    assert set(SUBJECT_PARAMS) <= set(CHECK_PARAMS)
    matrix = next(command for command in app.registered_commands if command.callback and command.callback.__name__ == "matrix")
    from typer.main import get_command_from_info

    declared = {flag for param in get_command_from_info(matrix, pretty_exceptions_short=True, rich_markup_mode=None).params for flag in param.opts}
    assert {option.split("/")[0] for option in options} <= declared


def test_texts_are_written_in_exactly_the_languages():
    assert tuple(model.Texts.model_fields) == LANGUAGES
    assert set(model.TrainingText.model_fields) == set(LANGUAGES)
    assert [name for name, field in model.TrainingText.model_fields.items() if field.is_required()] == list(TRAINER_LANGUAGES)


def test_each_language_brings_its_texts():
    """The catalogue's phrases (test_messages.py holds each key to every language) and the memo's template."""
    assert all(set(texts) == set(LANGUAGES) for texts in catalogue().values())
    assert all((default_root() / "templates" / f"memo.{language}.md.j2").is_file() for language in LANGUAGES)


# A subject field and a language added to a copy of domain.py, and nothing else.
_ADDED = (
    ('SubjectField = Literal["age", "mature"]', 'SubjectField = Literal["age", "mature", "pregnant"]'),
    (
        "\n}\n# What the question schema says of the subject as a whole.",
        '\n    "pregnant": SubjectSpec("bool", "pregnant; omitted = unknown", "pregnant", "--pregnant/--not-pregnant", "Whether the subject is pregnant."),'
        "\n}\n# What the question schema says of the subject as a whole.",
    ),
    ('Language = Literal["fi", "sv", "en"]', 'Language = Literal["fi", "sv", "en", "xx"]'),
)

_PROBE = textwrap.dedent(
    """
    from types import SimpleNamespace

    from pydantic import ValidationError
    from typer.testing import CliRunner

    from infoshare.cli.app import app
    from infoshare.cli.check_command import CHECK_PARAMS
    from infoshare.cli.quick import parse
    from infoshare.core import model, records
    from infoshare.core.compile import compile_condition
    from infoshare.core.question import Question
    from infoshare.core.question_record import question_record
    from infoshare.review.lint import CHECKS
    from infoshare.review.schemas import _condition

    # the subject field: the question's model and the light reader take it, alike
    data = {"discloser": "a", "recipient": "b", "item": "c", "purpose": "d", "language": "xx", "subject": {"pregnant": True}}
    assert Question.model_validate(data).assignment()["pregnant"] is True
    assert question_record(data).assignment()["pregnant"] is True
    wrong = {**data, "subject": {"pregnant": 1}}
    assert question_record(wrong) is None  # left to the model, which refuses it
    try:
        Question.model_validate(wrong)
        raise AssertionError("the model took pregnant: 1")
    except ValidationError:
        pass
    # a rule may test it, from its file or from the cache's plain data
    tested = model.Condition.model_validate({"subject": {"pregnant": True}})
    assert repr(compile_condition(tested, {})) == "Atom('pregnant', 'eq', True)"
    plain = tested.model_dump(by_alias=True)
    assert repr(compile_condition(records.Condition(plain), {})) == "Atom('pregnant', 'eq', True)"
    assert _condition(SimpleNamespace(vocabulary=SimpleNamespace(facts={})))["properties"]["subject"]["properties"]["pregnant"] == {
        "type": "boolean", "description": "pregnant"}
    # the command line takes both, in the quick parser and in Typer's
    options = parse(CHECK_PARAMS, ["--not-pregnant", "--lang", "xx"])
    assert options["pregnant"] is False and options["lang"] == "xx"
    for command in ("check", "matrix"):
        shown = CliRunner().invoke(app, [command, "--help"], terminal_width=200).output
        assert "--pregnant / --not-pregnant" in shown and "<fi|sv|en|xx>" in shown, shown
    # the language: every text of the rule data needs it, a trainer's text may leave it out
    texts = {"fi": "a", "sv": "b", "en": "c"}
    try:
        model.Texts.model_validate(texts)
        raise AssertionError("a text without xx was taken")
    except ValidationError:
        pass
    assert model.Texts.model_validate({**texts, "xx": "d"})["xx"] == "d"
    assert model.TrainingText.model_validate({"fi": "a", "en": "c"})["xx"] == "a"
    assert "fi, sv, en and xx" in CHECKS["IS007"].hint
    print("followed")
    """
)


def test_a_field_and_a_language_added_in_domain_alone_reach_the_models_reader_schemas_and_command_line(tmp_path):
    package = tmp_path / "infoshare"
    shutil.copytree(Path(infoshare.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    domain = package / "domain.py"
    text = domain.read_text(encoding="utf-8")
    for old, new in _ADDED:
        assert text.count(old) == 1, f"domain.py no longer has {old!r}: update this test"
        text = text.replace(old, new)
    domain.write_text(text, encoding="utf-8")
    env = {"PATH": "", "PYTHONPATH": str(tmp_path), "INFOSHARE_ROOT": str(default_root()), "INFOSHARE_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "followed", done.stderr
