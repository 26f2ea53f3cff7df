"""A question read without pydantic when it is plainly valid, and the vocabulary checks every question passes.

question.py validates a question with its pydantic model, which words every error. Most questions have none,
and a check should not pay for importing pydantic to learn that: `read_question_file` here accepts a question
whose every field has the plain type the model requires (strictly narrower than the model accepts) and whose
ids the vocabulary knows, as a `QuestionRecord` with the model's fields and the methods the decider uses.
Anything else goes to question.py, which refuses it with the model's own messages, or accepts it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import namedtuple
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple, Self

from infoshare.core.documents import Located, YamlSyntaxError, load_file
from infoshare.core.privacy import find_personal_data, personal_data_kind
from infoshare.core.records import NUMBER_LIMIT
from infoshare.core.suggest import did_you_mean, role_hint, roles_named
from infoshare.domain import ID_FIELDS, LANGUAGES, SUBJECT, SubjectSpec, assignment
from infoshare.errors import Problem, QuestionError

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_FIELDS = ("as_of", "language", "discloser", "recipient", "item", "purpose", "initiative", "subject", "facts", "assume_enacted")


class QuestionMethods:
    """What the decider asks of a question, written once for question.Question and QuestionRecord."""

    __slots__ = ()

    if TYPE_CHECKING:  # the fields of the model or record inheriting this
        as_of: dt.date | None
        discloser: str
        recipient: str
        item: str
        purpose: str
        initiative: str | None
        subject: Any
        facts: Mapping[str, Any]

        def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self: ...

    def with_defaults(self, today: dt.date | None = None) -> Self:
        """The question as answered: `as_of` filled in with today when it was omitted."""
        if self.as_of is not None:
            return self
        return self.model_copy(update={"as_of": today or dt.date.today()})

    def assignment(self) -> dict[str, Any]:
        """The known fields as the evaluators see them; unknown ones are absent (domain.assignment)."""
        return assignment(self)


if TYPE_CHECKING:  # what the type checker sees; the record's fields are domain.SUBJECT's

    class SubjectRecord(tuple[Any, ...]):
        def __new__(cls, **fields: Any) -> SubjectRecord: ...
        def __getattr__(self, name: str) -> Any: ...
        def _asdict(self) -> dict[str, Any]: ...

else:
    SubjectRecord = namedtuple("SubjectRecord", SUBJECT, defaults=(None,) * len(SUBJECT))


class _QuestionFields(NamedTuple):
    discloser: str
    recipient: str
    item: str
    purpose: str
    as_of: dt.date | None = None
    language: str = "fi"
    initiative: str | None = None
    subject: SubjectRecord = SubjectRecord()
    facts: Mapping[str, Any] = MappingProxyType({})
    assume_enacted: tuple[str, ...] | list[str] = ()


class QuestionRecord(_QuestionFields, QuestionMethods):
    """question.Question's fields and the methods the decider calls on a question (`model_copy`, `model_dump`
    behave as pydantic's do for these fields). Records are named tuples: a check defines them at every start,
    and a dataclass would bring the dataclasses module and its imports with it."""

    __slots__ = ()

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> QuestionRecord:
        return self._replace(**(update or {}))

    def model_dump(self, mode: str = "json", exclude_none: bool = False) -> dict[str, Any]:
        assert mode == "json"
        data: dict[str, Any] = {name: getattr(self, name) for name in _FIELDS}
        data["as_of"] = self.as_of.isoformat() if self.as_of is not None else None
        data["subject"] = self.subject._asdict()
        data["facts"] = dict(self.facts)
        data["assume_enacted"] = list(self.assume_enacted)
        if exclude_none:
            data["subject"] = {k: v for k, v in data["subject"].items() if v is not None}
            data = {k: v for k, v in data.items() if v is not None}
        return data


def read_question_file(path: Path, ruleset: Any) -> Any:
    """Read and check a question file: a QuestionRecord when it is plainly valid, else question.py's verdict."""
    return checked_question(question_document(path), ruleset)


def checked_question(doc: Located, ruleset: Any) -> Any:
    """A question (from a file, or built from options) as a QuestionRecord when it is plainly valid, else as
    question.check_question has it: the model, or a QuestionError with the model's messages."""
    if not any(find_personal_data(doc.data)):
        question = question_record(doc.data)
        if question is not None and not vocabulary_problems(question, doc, ruleset):
            return question
    from infoshare.core.question import check_question

    return check_question(doc, ruleset)


def question_document(path: Path) -> Located:
    """A question file parsed (no aliases: a question needs none); a file that is not YAML is a QuestionError."""
    from infoshare.core.loader import display

    try:
        return load_file(path, display(path), aliases=False)
    except YamlSyntaxError as exc:
        raise QuestionError([exc.problem]) from None


def question_record(data: Any) -> QuestionRecord | None:
    """The question when every field has exactly the type question.Question requires; else None."""
    if not isinstance(data, dict) or not data.keys() <= set(_FIELDS):
        return None
    discloser, recipient, item, purpose = (data.get(name) for name in ID_FIELDS)
    if not (type(discloser) is str and type(recipient) is str and type(item) is str and type(purpose) is str):
        return None
    language = data.get("language", "fi")
    initiative = data.get("initiative")
    as_of = data.get("as_of")
    if language not in LANGUAGES or initiative not in (None, "proactive", "on_request") or type(language) is not str:
        return None
    if as_of is not None:
        if type(as_of) is not str or not _DAY.fullmatch(as_of):
            return None
        try:
            as_of = dt.date.fromisoformat(as_of)
        except ValueError:
            return None
    subject = data.get("subject", {})
    if type(subject) is not dict or not subject.keys() <= SUBJECT.keys():  # a field the record lacks: the model reads it
        return None
    if not all(_plain_subject_value(SUBJECT[name], value) for name, value in subject.items()):
        return None
    facts = data.get("facts", {})
    if type(facts) is not dict or not all(type(k) is str and type(v) in (bool, int, float, str) for k, v in facts.items()):
        return None
    bills = data.get("assume_enacted", [])
    if type(bills) is not list or not all(type(bill) is str for bill in bills):
        return None
    return QuestionRecord(discloser, recipient, item, purpose, as_of, language, initiative, SubjectRecord(**subject), dict(facts), list(bills))


def _plain_subject_value(spec: SubjectSpec, value: Any) -> bool:
    """A subject value the model would take as it is: a whole number from 0 to the field's most, yes/no, or none
    (unknown)."""
    if value is None:
        return True
    if spec.kind == "whole":
        return type(value) is int and 0 <= value <= spec.most
    return spec.kind == "bool" and type(value) is bool


def vocabulary_problems(question: Any, doc: Located, ruleset: Any) -> list[Problem]:
    """Every id of the question the vocabulary does not know, and every fact value that does not fit its type."""
    vocabulary = ruleset.vocabulary
    problems: list[Problem] = []
    for name in ("discloser", "recipient"):
        value = getattr(question, name)
        if value not in vocabulary.roles:
            problems.append(doc.problem((name,), f"unknown role '{value}'", role_hint(value, vocabulary)))
    for name, kind, choices in (("item", "item", vocabulary.items), ("purpose", "purpose", vocabulary.purposes)):
        value = getattr(question, name)
        if value not in choices:
            problems.append(doc.problem((name,), f"unknown {kind} '{value}'", did_you_mean(value, choices)))
    for fact, value in question.facts.items():
        entry = vocabulary.facts.get(fact)
        if entry is None:
            problems.append(doc.problem(("facts", fact), f"unknown fact '{fact}'", did_you_mean(fact, vocabulary.facts)))
        elif message := fact_value_problem(entry.type, value):
            problems.append(doc.problem(("facts", fact), f"fact '{fact}': {message}"))
    bills = ruleset.bills
    for index, bill in enumerate(question.assume_enacted):
        if bill not in bills:
            problems.append(doc.problem(("assume_enacted", index), f"unknown pending bill '{bill}'", did_you_mean(bill, bills)))
    return problems


def fact_value_problem(kind: Any, value: Any) -> str | None:
    """Why `value` does not fit a fact of this type, or None."""
    if kind == "bool":
        return None if isinstance(value, bool) else f"expected true or false, got {value!r}"
    if kind == "number":
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return f"expected a number, got {value!r}"
        return None if 0 <= value <= NUMBER_LIMIT else f"expected a number from 0 to {NUMBER_LIMIT}"  # NaN fails both
    if isinstance(value, bool):
        return f"expected one of {', '.join(kind)}; YAML reads an unquoted yes/no/true/false as a yes/no value, not one of these"
    if value not in kind:
        return f"'{value}' is not one of {', '.join(kind)}" + (f"; {hint}" if (hint := did_you_mean(value, kind)) else "")
    return None


def role_for_flag(flag: str, value: str, vocabulary: Any) -> tuple[str, bool]:
    """The role a `--from`/`--to` value names: a role id, or a job title or label of exactly one role; with whether
    it was read from a title. Several roles sharing the title are a question error listing them (exit 4); an
    unknown word (or one that looks like personal data) is left for the question check to refuse with its hint."""
    if value in vocabulary.roles or personal_data_kind(value):
        return value, False
    found = roles_named(value, vocabulary)
    if len(found) > 1:
        listed = "; ".join(f"{role} ({vocabulary.role_label(role, 'en')})" for role in found)
        raise QuestionError([Problem("<command line>", None, f"{flag} '{value}' names several roles: {listed}", "give one of these role ids")])
    return (found[0], True) if found else (value, False)
