"""Typed models of the rule data: vocabulary, legal basis, rules and their cases.

These check the shape of each file. Cross-file checks (does a provision id exist, is the override
graph acyclic) live in `loader.py`, where all files are known.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, create_model, model_validator
from pydantic_core import PydanticCustomError

from infoshare.core.records import NUMBER_LIMIT as NUMBER_LIMIT  # re-exported: where the rest of the code finds it
from infoshare.core.records import IdSetMethods, NumberTestMethods, PeriodMethods, RuleMethods, TextsMethods, VocabularyMethods
from infoshare.domain import LANGUAGES, SUBJECT, TEXTS_DESCRIPTION, TRAINER_LANGUAGES, TRAINER_TEXT_DESCRIPTION, Language, OpenField, Outcome, ReferReason

# The checks below that carry their lint code (lint.CHECKS) as the error type, so the code is set where they are raised.
CODED_ERRORS = ("IS008", "IS012", "IS020")
RULE_ID_PATTERN = r"^[a-z0-9][a-z0-9-]*[a-z0-9]$"


class Strict(BaseModel):
    """Unknown keys are errors and models never change after loading."""

    model_config = ConfigDict(extra="forbid", frozen=True)


Text = Annotated[str, Field(min_length=1)]

if TYPE_CHECKING:  # what the type checker sees; the models' fields are domain.LANGUAGES

    class Texts(Strict, TextsMethods):
        def __getattr__(self, language: str) -> str: ...

    class _TrainerTexts(Strict):
        def __getattr__(self, language: str) -> str | None: ...

else:
    Texts = create_model(
        "Texts", __base__=(Strict, TextsMethods), __doc__=TEXTS_DESCRIPTION, __module__=__name__, **{language: (Text, ...) for language in LANGUAGES}
    )
    _TrainerTexts = create_model(  # a trainer's text: its languages first, then the others, which may be left out
        "_TrainerTexts",
        __base__=Strict,
        __module__=__name__,
        **{language: (Text, ...) for language in TRAINER_LANGUAGES},
        **{language: (Text | None, None) for language in LANGUAGES if language not in TRAINER_LANGUAGES},
    )


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_day(value: Any) -> Any:
    """Only YYYY-MM-DD is a date: not a count of seconds ('1740787200'), not a date with a time."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        return value
    raise ValueError("a date is written YYYY-MM-DD, e.g. 2025-03-01")


IsoDate = Annotated[dt.date, BeforeValidator(_iso_day)]



def _bounded(value: float) -> float:
    if not math.isfinite(value) or abs(value) > NUMBER_LIMIT:
        raise ValueError(f"a number must be finite and between -{NUMBER_LIMIT} and {NUMBER_LIMIT}")
    return value


BoundedNumber = Annotated[float, Field(strict=True), AfterValidator(_bounded)]

# Acts as Finlex numbers them (417/2007), EU instruments (EU 2016/679) and government bills (HE 182/2025).
ACT_NUMBER_PATTERN = r"^(\d{1,4}/\d{4}|EU \d{4}/\d{1,5}|HE \d{1,3}/\d{4})$"


def _https(value: str) -> str:
    if not re.fullmatch(r"https://[A-Za-z0-9.-]+(/[A-Za-z0-9._~:/?#@!$&*+,;=%-]*)?", value):
        raise ValueError("a url must be an https:// address without spaces, quotes or brackets")
    return value


HttpsUrl = Annotated[str, AfterValidator(_https)]


# --- vocabulary ---------------------------------------------------------------------------------------


class Role(Texts):
    parent: str | None = None


class Label(Texts):
    pass


class EarlierLabel(Texts):
    """A role's label for days before `until`, when its institution had another name (municipal social services
    before the wellbeing services counties of 2023)."""

    until: dt.date


class RoleNames(Strict):
    """How workers name a role: the label shown to them, saying who the role covers (the contract's own label may
    not), the job titles and common names that find the role, and labels for earlier days."""

    label: Texts
    titles: dict[Language, list[Annotated[str, Field(min_length=1)]]] = {}
    earlier: list[EarlierLabel] = []


class FactEntry(Texts):
    __doc__ = f"A fact: its type, and {'/'.join(f'`{language}`' for language in LANGUAGES)} hold the question asked when it is unknown."

    type: Literal["bool", "number"] | list[str]
    label: Texts
    actionable: bool = False
    # Values "what would change the answer" never proposes: leaving a consent unasked is not a way to share.
    never_suggest: list[str] = []
    values: dict[str, Texts] = {}

    @model_validator(mode="after")
    def _values_match_type(self) -> FactEntry:
        if isinstance(self.type, list):
            missing = [v for v in self.type if v not in self.values]
            if self.values and missing:
                raise ValueError(f"values has no label for: {', '.join(missing)}")
        elif self.values:
            raise ValueError("only a fact with a list of values may label its values")
        return self


class VocabularyFile(Strict, VocabularyMethods):
    roles: dict[str, Role]
    items: dict[str, Label]
    purposes: dict[str, Label]
    facts: dict[str, FactEntry]
    subject: dict[OpenField, FactEntry]
    obligations: dict[str, Texts]
    role_names: dict[str, RoleNames] = {}


# --- legal basis --------------------------------------------------------------------------------------


class InForce(Strict, PeriodMethods):
    from_: Annotated[IsoDate | None, Field(alias="from")] = None
    to: IsoDate | None = None

    @model_validator(mode="after")
    def _in_order(self) -> InForce:
        if self.from_ is not None and self.to is not None and self.to < self.from_:
            raise ValueError("in_force: `to` is before `from`")
        return self


class Section(Strict):
    """One provision: a section, subsection or item of an act, paraphrased."""

    id: Annotated[str, Field(pattern=RULE_ID_PATTERN)]
    chapter: str | None = None
    section: str | None = None
    subsection: int | None = None
    item: str | int | None = None
    title: Texts
    paraphrase: Texts
    notwithstanding_secrecy: bool = False
    in_force: InForce = InForce()
    verified: bool
    source: str | None = None  # what the paraphrase was checked against: verification.md items, finlex/ files
    unverified_because: str | None = None  # for verified: false, the reason in one sentence (docs/legal-review.md)
    confidence: Literal["H", "M", "L"]
    note: str | None = None

    @model_validator(mode="after")
    def _verified_needs_source(self) -> Section:
        if self.verified and not self.source:
            raise PydanticCustomError("IS008", "a provision marked verified: true must name its `source`")
        if self.verified and self.unverified_because:
            raise ValueError("a provision marked verified: true cannot give `unverified_because`")
        return self


class ActFile(Strict):
    act: Annotated[str, Field(pattern=ACT_NUMBER_PATTERN)]
    status: Literal["in_force", "pending"] = "in_force"
    names: Texts
    abbreviation: Texts
    url: HttpsUrl
    in_force: InForce = InForce()
    note: str | None = None
    sections: list[Section]


# --- rules --------------------------------------------------------------------------------------------


def _as_id_set(value: Any) -> Any:
    """`police`, `[police, school]` and `{not: [youth_services]}` all become one IdSet shape."""
    if isinstance(value, str):
        return {"any": [value]}
    if isinstance(value, list):
        return {"any": value}
    return value


class IdSet(Strict, IdSetMethods):
    """One of these ids (`any`), or none of them (`not`)."""

    any: list[str] | None = None
    not_: Annotated[list[str] | None, Field(alias="not")] = None

    @model_validator(mode="after")
    def _exactly_one(self) -> IdSet:
        if (self.any is None) == (self.not_ is None):
            raise ValueError("write one id, a list of ids, or {not: [ids]}")
        if not (self.any or self.not_):
            raise ValueError("the list of ids is empty")
        return self


IdSetField = Annotated[IdSet, BeforeValidator(_as_id_set)]


class NumberTest(Strict, NumberTestMethods):
    """Comparisons that all must hold: `{below: 18}`, `{at_least: 15, below: 18}`."""

    below: BoundedNumber | None = None
    at_most: BoundedNumber | None = None
    above: BoundedNumber | None = None
    at_least: BoundedNumber | None = None

    @model_validator(mode="after")
    def _not_empty(self) -> NumberTest:
        if all(v is None for v in (self.below, self.at_most, self.above, self.at_least)):
            raise ValueError("give at least one of below, at_most, above, at_least")
        return self


if TYPE_CHECKING:  # what the type checker sees; the model's fields are domain.SUBJECT's

    class SubjectTest(Strict):
        def __getattr__(self, name: str) -> Any: ...

else:
    SubjectTest = create_model(  # a whole number is tested by comparisons, a yes/no by its value
        "SubjectTest",
        __base__=Strict,
        __module__=__name__,
        **{name: ((NumberTest if spec.kind == "whole" else bool) | None, None) for name, spec in SUBJECT.items()},
    )


FactTest = bool | str | list[str] | IdSet | NumberTest


def _as_fact_test(value: Any) -> Any:
    if isinstance(value, dict) and "not" in value:
        return IdSet.model_validate(value)
    if isinstance(value, dict):
        return NumberTest.model_validate(value)
    return value


class Condition(Strict):
    """What must hold for a rule to apply. Every given line must hold; `any_of` needs one block."""

    discloser: IdSetField | None = None
    recipient: IdSetField | None = None
    item: IdSetField | None = None
    purpose: IdSetField | None = None
    initiative: IdSetField | None = None
    subject: SubjectTest | None = None
    facts: dict[str, Annotated[FactTest, BeforeValidator(_as_fact_test)]] = {}
    any_of: list[Condition] = []


class Rule(Strict, RuleMethods):
    id: Annotated[str, Field(pattern=RULE_ID_PATTERN)]
    effect: Literal["require", "permit", "forbid"]
    # What a `require` rule is: a duty that attaches to what the discloser knows (`on_facts`: it binds whatever item
    # or purpose the worker picked, so its `when` names neither) or the recipient's right to obtain (`on_request`).
    # Lint requires it of every require rule; rulesets written before 0.2.0 load without it (for `infoshare diff`).
    duty: Literal["on_facts", "on_request"] | None = None
    # For an `on_facts` duty: the item the duty is met with ("inform the police of the plan, not the patient record"),
    # and the purpose it serves, by which the answer to another question names it among its related duties.
    informs: str | None = None
    serves: str | None = None
    # A secrecy default: it decides only where no gateway applies, and only for disclosures the ruleset declares
    # covered in ruleset.yaml; elsewhere its prohibition becomes refer/not_covered.
    fallback: bool = False
    provisions: Annotated[list[str], Field(min_length=1)]
    title: Texts
    when: Condition
    overrides: list[str] = []
    obligations: list[str] = []
    valid_from: IsoDate
    valid_to: IsoDate | None = None
    pending_bill: str | None = None
    # The point of law this rule marks as open, with its source (dossier, verification): where it meets an opposing
    # rule undefeated the tool refers (conflict), and lint reports the meeting as intended (IS014), not as an error.
    unsettled: Annotated[str, Field(min_length=1)] | None = None
    explain: Texts

    @model_validator(mode="after")
    def _dates_in_order(self) -> Rule:
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise PydanticCustomError("IS012", "valid_to is before valid_from")
        return self

    @model_validator(mode="after")
    def _duty_matches_effect(self) -> Rule:
        if self.duty is not None and self.effect != "require":
            raise PydanticCustomError("IS020", "only a require rule has a `duty: on_facts` or `duty: on_request`")
        if (self.informs is not None or self.serves is not None) and self.duty != "on_facts":
            raise PydanticCustomError("IS020", "`informs` and `serves` belong to a duty that attaches to facts (duty: on_facts)")
        if self.fallback and self.effect != "forbid":
            raise PydanticCustomError("IS020", "only a forbid rule can be a secrecy default (fallback: true)")
        return self


class Coverage(Strict, PeriodMethods):
    """Disclosures for which the ruleset encodes every gateway of the discloser's and the recipient's sector law."""

    sector: str
    disclosers: Annotated[list[str], Field(min_length=1)]
    recipients: Annotated[list[str], Field(min_length=1)]
    from_: Annotated[dt.date, Field(alias="from")]
    to: dt.date | None = None
    gateways: Annotated[list[str], Field(min_length=1, description="the provisions encoded for these disclosures")]
    note: str | None = None


class RulesetFile(Strict):
    """`ruleset.yaml`: the version of the ruleset, the period of law it encodes and how current that law is, and what it covers."""

    version: str
    law_covered_from: IsoDate
    # Optional only so that rulesets written before it (0.1.x, compared by `infoshare diff`) still load.
    law_checked: Annotated[
        dt.date | None, Field(description="the day the encoded law was last checked against the statute texts; answers for later days say so")
    ] = None
    coverage: list[Coverage] = []


# --- cases --------------------------------------------------------------------------------------------


class Expectation(Strict):
    outcome: Outcome
    refer_reason: ReferReason | None = None
    grounds: list[str] = []
    not_grounds: list[str] = []
    citations: list[str] = []
    questions: list[str] = []
    related_duties: list[str] = []


class Case(Strict):
    name: Annotated[str, Field(min_length=1)]
    comment: str | None = None
    question: dict[str, Any]
    expect: Expectation


class CasesFile(Strict):
    rule: str
    cases: Annotated[list[Case], Field(min_length=1)]


# --- training scenarios -------------------------------------------------------------------------------


class TrainingText(_TrainerTexts):
    __doc__ = TRAINER_TEXT_DESCRIPTION

    def written_in(self, language: str) -> str:
        """The language the text is shown in when `language` is asked for."""
        return language if getattr(self, language) else "fi"

    def __getitem__(self, language: str) -> str:
        """The text with its paragraphs rejoined: a YAML block's line breaks are the writer's, not the reader's."""
        text: str = getattr(self, self.written_in(language))
        return "\n\n".join(" ".join(paragraph.split()) for paragraph in text.strip().split("\n\n"))


class Variation(Strict):
    """The same story with one thing changed ("if she were 18"), and the answer that then holds."""

    title: Texts
    change: Annotated[dict[str, Any], Field(min_length=1, description="merged into the question; subject and facts key by key, null makes a value unknown")]
    expect: Expectation
    lesson: TrainingText


class ScenarioFile(Strict):
    """`examples/scenarios/<name>.yaml`: a training scenario, checked against the rules like a case."""

    title: Texts
    hard_case: Annotated[int | None, Field(ge=1, le=12, description="the dossier's §13 hard case it tells")] = None
    tags: list[str] = []
    story: TrainingText
    question: dict[str, Any]
    expect: Expectation
    model_answer: TrainingText
    discussion: Annotated[list[TrainingText], Field(min_length=1)]
    mistakes: Annotated[list[TrainingText], Field(min_length=1)]
    variations: Annotated[list[Variation], Field(min_length=1)]
