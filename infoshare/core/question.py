"""Reading a question: its typed model, vocabulary checks and the personal-data refusal (exit 4)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, StrictStr

from infoshare.core.loader import Ruleset, display, validate
from infoshare.core.model import NUMBER_LIMIT, IsoDate, VocabularyFile
from infoshare.core.privacy import find_personal_data, personal_data_kind
from infoshare.core.suggest import did_you_mean, role_hint, roles_named
from infoshare.core.yamlsource import Located, YamlSyntaxError, load_file, load_text
from infoshare.errors import Problem, QuestionError

FactValue = StrictBool | StrictInt | StrictFloat | StrictStr


class Subject(BaseModel):
    """The person the information is about: only an age and whether they can understand consent."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    age: Annotated[int | None, Field(ge=0, le=130, description="whole years; omitted = unknown")] = None
    mature: Annotated[bool | None, Field(description="able to understand the significance of consent; omitted = unknown")] = None


class Question(BaseModel):
    """One proposed disclosure: may `discloser` share `item` about the subject with `recipient` for `purpose`?"""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    as_of: Annotated[IsoDate | None, Field(strict=False, description="the day whose law applies (YYYY-MM-DD); default: today")] = None
    language: Literal["fi", "sv", "en"] = "fi"
    discloser: Annotated[str, Field(description="a role id from the vocabulary")]
    recipient: Annotated[str, Field(description="a role id from the vocabulary")]
    item: Annotated[str, Field(description="an item id from the vocabulary")]
    purpose: Annotated[str, Field(description="a purpose id from the vocabulary")]
    initiative: Annotated[Literal["proactive", "on_request"] | None, Field(description="omitted = unknown")] = None
    subject: Subject = Subject()
    facts: Annotated[dict[str, FactValue], Field(description="fact ids from the vocabulary; an omitted fact is unknown, never false")] = {}
    assume_enacted: Annotated[list[str], Field(description="pending bills to treat as enacted, e.g. HE-182-2025")] = []

    def with_defaults(self, today: dt.date | None = None) -> Question:
        """The question as answered: `as_of` filled in with today when it was omitted."""
        if self.as_of is not None:
            return self
        return self.model_copy(update={"as_of": today or dt.date.today()})

    def assignment(self) -> dict[str, Any]:
        """The known fields as the evaluators see them; unknown ones are absent."""
        known: dict[str, Any] = {
            "discloser": self.discloser,
            "recipient": self.recipient,
            "item": self.item,
            "purpose": self.purpose,
        }
        if self.initiative is not None:
            known["initiative"] = self.initiative
        if self.subject.age is not None:
            known["age"] = self.subject.age
        if self.subject.mature is not None:
            known["mature"] = self.subject.mature
        known.update(self.facts)
        return known


def question_file_text(data: dict[str, Any], heading: str) -> str:
    """A question in the contract's YAML form, under a one-line comment, as `infoshare check` reads it."""
    import yaml

    return f"# {heading}\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def read_question_file(path: Path, ruleset: Ruleset) -> Question:
    """Read and check a question file (YAML or JSON)."""
    name = display(path)
    try:
        doc = load_file(path, name, aliases=False)
    except YamlSyntaxError as exc:
        raise QuestionError([exc.problem]) from None
    return check_question(doc, ruleset)


def read_question_text(text: str, name: str, ruleset: Ruleset) -> Question:
    try:
        doc = load_text(text, name, aliases=False)
    except YamlSyntaxError as exc:
        raise QuestionError([exc.problem]) from None
    return check_question(doc, ruleset)


def question_from_data(data: dict[str, Any], name: str, ruleset: Ruleset) -> Question:
    """Check a question built in code (from command-line flags or a cases file)."""
    return check_question(Located(file=name, data=data), ruleset)


def check_question(doc: Located, ruleset: Ruleset) -> Question:
    """Refuse personal data first, then check the shape, then every id against the vocabulary."""
    refused = [
        doc.problem(path, f"this looks like {kind}; a question must not hold personal data — describe roles and categories only")
        for path, kind in find_personal_data(doc.data)
    ]
    if refused:
        raise QuestionError(refused)
    question, problems = validate(Question, doc)
    if question is None:
        raise QuestionError(problems)
    problems = vocabulary_problems(question, doc, ruleset)
    if problems:
        raise QuestionError(problems)
    return question


def vocabulary_problems(question: Question, doc: Located, ruleset: Ruleset) -> list[Problem]:
    vocabulary: VocabularyFile = ruleset.vocabulary
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


def role_for_flag(flag: str, value: str, vocabulary: VocabularyFile) -> tuple[str, bool]:
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

