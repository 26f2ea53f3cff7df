"""Reading a question: its typed model, vocabulary checks and the personal-data refusal (exit 4)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, StrictStr, create_model

from infoshare.core.documents import Located, YamlSyntaxError, parse
from infoshare.core.loader import Ruleset, validate
from infoshare.core.model import IsoDate
from infoshare.core.privacy import find_personal_data
from infoshare.core.question_record import QuestionMethods, question_document, vocabulary_problems
from infoshare.domain import SUBJECT, SUBJECT_DESCRIPTION, Language, SubjectSpec
from infoshare.errors import QuestionError

FactValue = StrictBool | StrictInt | StrictFloat | StrictStr


def _subject_field(spec: SubjectSpec) -> Any:
    """A subject field as the model checks it: a whole number from 0 to `most`, or yes/no; None when unknown."""
    if spec.kind == "whole":
        return (int | None, Field(None, ge=0, le=spec.most, description=spec.asked))
    return (bool | None, Field(None, description=spec.asked))


if TYPE_CHECKING:  # what the type checker sees; the model's fields are domain.SUBJECT's

    class Subject(BaseModel):
        def __getattr__(self, name: str) -> Any: ...

else:
    Subject = create_model(
        "Subject",
        __config__=ConfigDict(extra="forbid", frozen=True, strict=True),
        __doc__=SUBJECT_DESCRIPTION,
        __module__=__name__,
        **{name: _subject_field(spec) for name, spec in SUBJECT.items()},
    )


class Question(BaseModel, QuestionMethods):
    """One proposed disclosure: may `discloser` share `item` about the subject with `recipient` for `purpose`?"""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    as_of: Annotated[IsoDate | None, Field(strict=False, description="the day whose law applies (YYYY-MM-DD); default: today")] = None
    language: Language = "fi"
    discloser: Annotated[str, Field(description="a role id from the vocabulary")]
    recipient: Annotated[str, Field(description="a role id from the vocabulary")]
    item: Annotated[str, Field(description="an item id from the vocabulary")]
    purpose: Annotated[str, Field(description="a purpose id from the vocabulary")]
    initiative: Annotated[Literal["proactive", "on_request"] | None, Field(description="omitted = unknown")] = None
    subject: Subject = Subject()
    facts: Annotated[dict[str, FactValue], Field(description="fact ids from the vocabulary; an omitted fact is unknown, never false")] = {}
    assume_enacted: Annotated[list[str], Field(description="pending bills to treat as enacted, e.g. HE-182-2025")] = []


def question_file_text(data: dict[str, Any], heading: str) -> str:
    """A question in the contract's YAML form, under a one-line comment, as `infoshare check` reads it."""
    import yaml

    return f"# {heading}\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def read_question_file(path: Path, ruleset: Ruleset) -> Question:
    """Read and check a question file (YAML or JSON)."""
    return check_question(question_document(path), ruleset)


def read_question_text(text: str, name: str, ruleset: Ruleset) -> Question:
    try:
        doc = parse(text, name, aliases=False)
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
