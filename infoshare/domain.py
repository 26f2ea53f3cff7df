"""The question's vocabulary of fields, languages and outcomes, each declared once, and the one converter
between a question and the flat field → value assignment the evaluators read.

A question (contract §1) names a discloser, recipient, item and purpose; it may state the initiative, the
subject's age and maturity, and facts (vocabulary.yaml). The evaluators see it as one flat assignment:
`{"discloser": …, "age": 16, "consent": "refused", …}`, an unknown field simply absent.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal, NamedTuple, Protocol, get_args

Language = Literal["fi", "sv", "en"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
# The rule data writes each text in every language. A trainer's text (a training scenario) is written in these
# always, in the others where the trainer wrote it (Finnish stands in).
TRAINER_LANGUAGES: tuple[Language, ...] = ("fi", "en")
# What the schemas say of the two.
TEXTS_DESCRIPTION = "One text in each of the three languages."
TRAINER_TEXT_DESCRIPTION = "Trainer's text: Finnish and English always, Swedish where written (Finnish stands in for it)."

Outcome = Literal["must_share", "may_share", "must_not_share", "refer"]
OUTCOMES: tuple[Outcome, ...] = get_args(Outcome)
ReferReason = Literal["missing_facts", "conflict", "not_covered", "not_in_force"]
REFER_REASONS: tuple[ReferReason, ...] = get_args(ReferReason)
EXIT_CODES = {"must_share": 0, "may_share": 0, "must_not_share": 0, "refer": 5}  # contract §3

# The fields every question states: who discloses what to whom, and why.
ID_FIELDS = ("discloser", "recipient", "item", "purpose")
# The subject's fields (`subject.age` in a question file, `age` in an assignment), each declared once in SUBJECT:
# the question's and the rules' models, the light question reader, the schemas and the command-line options
# are built from it.
SubjectField = Literal["age", "mature"]


class SubjectSpec(NamedTuple):
    """One field of the subject: how the decider enumerates it, what a question and a rule may say of it, and
    the option that gives it on the command line (`check`, `matrix`)."""

    kind: Literal["whole", "bool"]  # whole: a whole number from 0 to `most`, tested by comparisons; bool: yes or no
    asked: str  # what a question's value means (the question schema)
    tested: str  # what a rule's test on it means (the rule schema)
    option: str  # `--age`, or a yes/no pair `--mature/--not-mature`
    help: str  # the option's help
    most: int = 0  # the largest whole number a question may give

    def command_line(self, value: Any) -> list[str]:
        """The option giving `value` on a command line: `--age 15`, `--not-mature`."""
        if self.kind == "bool":
            yes, no = self.option.split("/")
            return [yes if value else no]
        return [self.option, str(value)]


SUBJECT: dict[SubjectField, SubjectSpec] = {
    "age": SubjectSpec(
        "whole", "whole years; omitted = unknown", "the subject's age in whole years", "--age", "The subject's age in whole years.", most=130
    ),
    "mature": SubjectSpec(
        "bool",
        "able to understand the significance of consent; omitted = unknown",
        "able to understand the significance of consent",
        "--mature/--not-mature",
        "Whether the subject can understand the significance of consent.",
    ),
}
# What the question schema says of the subject as a whole.
SUBJECT_DESCRIPTION = "The person the information is about: only an age and whether they can understand consent."
SUBJECT_FIELDS: tuple[SubjectField, ...] = tuple(SUBJECT)
SUBJECT_KINDS: dict[str, str] = {name: spec.kind for name, spec in SUBJECT.items()}
# The fields a question may leave unknown besides its facts (vocabulary.yaml describes each under `subject:`).
OpenField = Literal["initiative", SubjectField]
OPEN_FIELDS: tuple[OpenField, ...] = get_args(OpenField)


class QuestionLike(Protocol):
    """What the converter reads of a question (core/question.py's `Question`)."""

    @property
    def initiative(self) -> str | None: ...

    @property
    def subject(self) -> Any: ...  # SUBJECT's fields, each None when unknown

    @property
    def facts(self) -> Mapping[str, Any]: ...


def fact_name(field: str) -> str:
    """How a question file and an answer name a field: `subject.age` for the subject's, else the field itself."""
    return f"subject.{field}" if field in SUBJECT_FIELDS else field


def assignment(question: QuestionLike) -> dict[str, Any]:
    """The known fields of a question as the evaluators see them; unknown ones are absent."""
    known: dict[str, Any] = {name: getattr(question, name) for name in ID_FIELDS}
    if question.initiative is not None:
        known["initiative"] = question.initiative
    for name in SUBJECT_FIELDS:
        value = getattr(question.subject, name)
        if value is not None:
            known[name] = value
    known.update(question.facts)
    return known


def question_data(
    known: Mapping[str, Any], as_of: str | None = None, language: str | None = None, assume_enacted: Iterable[str] = ()
) -> dict[str, Any]:
    """An assignment as a question in the contract's shape, as a question file holds it; facts in the order given."""
    data: dict[str, Any] = {}
    if as_of is not None:
        data["as_of"] = as_of
    if language is not None:
        data["language"] = language
    data.update({name: known[name] for name in ID_FIELDS if name in known})
    if "initiative" in known:
        data["initiative"] = known["initiative"]
    subject = {name: known[name] for name in SUBJECT_FIELDS if name in known}
    if subject:
        data["subject"] = subject
    facts = {name: value for name, value in known.items() if name not in ID_FIELDS and name not in OPEN_FIELDS}
    if facts:
        data["facts"] = facts
    bills = list(assume_enacted)
    if bills:
        data["assume_enacted"] = bills
    return data
