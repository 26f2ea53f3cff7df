"""The rule data as light read-only records, built from the cache's plain JSON without pydantic.

A check whose ruleset comes from the cache needs the data, not its validation (that was done when the entry
was written), and importing pydantic and building the models costs more than the whole answer. So the cache
holds every model's fields in full (loader._to_plain), and these records give them back under the same names,
with nested records, dates as dates, and the same methods: each method is written once, in a mixin below that
the pydantic model in model.py and the record here both inherit. tests/test_records.py holds the records to
the models' fields and the answers from either to be the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from infoshare.domain import ID_FIELDS, LANGUAGES, SUBJECT_KINDS

# A number in a rule or a question is an age, a number of years or the like: finite and within this range.
NUMBER_LIMIT = 1000
_ALIASES = {"from": "from_", "not": "not_"}  # JSON keys that are Python keywords, as model.py names the fields


# --- the methods models and records share -----------------------------------------------------------------


class TextsMethods:
    def __getitem__(self, language: str) -> str:
        return getattr(self, language)


class PeriodMethods:
    """A span of days, open at either end (`from_`, `to`)."""

    if TYPE_CHECKING:  # the fields of the model or record inheriting this
        from_: dt.date | None
        to: dt.date | None

    def covers(self, day: dt.date) -> bool:
        return (self.from_ is None or self.from_ <= day) and (self.to is None or day <= self.to)


class IdSetMethods:
    """One of these ids (`any`), or none of them (`not`)."""

    if TYPE_CHECKING:  # the fields of the model or record inheriting this
        any: list[str] | None
        not_: list[str] | None

    @property
    def ids(self) -> list[str]:
        return self.any if self.any is not None else self.not_  # type: ignore[return-value]

    @property
    def negated(self) -> bool:
        return self.not_ is not None


class NumberTestMethods:
    """Comparisons that all must hold (`below`, `at_most`, `above`, `at_least`): a mark for the compiler."""


class RuleMethods:
    if TYPE_CHECKING:  # the fields of the model or record inheriting this
        valid_from: dt.date
        valid_to: dt.date | None

    def in_force(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class VocabularyMethods:
    if TYPE_CHECKING:  # the fields of the model or record inheriting this
        roles: Any
        facts: Any
        subject: Any
        role_names: Any

    def role_label(self, role: str, language: str, as_of: dt.date | str | None = None) -> str:
        """The label shown for a role: who it covers, in the name its institution had on `as_of` (default: today's)."""
        names = self.role_names.get(role)
        if names is None:
            return self.roles[role][language]
        day = dt.date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
        for earlier in sorted(names.earlier, key=lambda e: e.until):
            if day is not None and day < earlier.until:
                return earlier[language]
        return names.label[language]

    def role_names_of(self, role: str) -> list[str]:
        """Every name a worker may type for a role, in any language: its titles, its labels and its id."""
        names = self.role_names.get(role)
        found = [role, *(self.roles[role][language] for language in LANGUAGES)]
        if names is not None:
            found += [names.label[language] for language in LANGUAGES]
            found += [title for titles in names.titles.values() for title in titles]
        return list(dict.fromkeys(found))

    def entry(self, name: str) -> Any:
        """A fact or a subject field (`age`, `subject.age`, `initiative`): its question, label and values."""
        name = name.removeprefix("subject.")
        return self.facts.get(name) or self.subject[name]


# --- the records ------------------------------------------------------------------------------------------


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def _dict_of(build: Callable[[Any], Any]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda value: {key: build(item) for key, item in value.items()}


def _list_of(build: Callable[[Any], Any]) -> Callable[[list[Any]], list[Any]]:
    return lambda value: [build(item) for item in value]


class Record:
    """One model's fields from its JSON form: every key an attribute (`from` as `from_`), built as NESTED says."""

    NESTED: ClassVar[dict[str, Callable[[Any], Any]]] = {}

    def __init__(self, data: dict[str, Any]):
        nested = self.NESTED
        for key, value in data.items():
            name = _ALIASES.get(key, key)
            build = nested.get(name)
            self.__dict__[name] = build(value) if build is not None and value is not None else value

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    if TYPE_CHECKING:  # the fields are the model's, set from the data

        def __getattr__(self, name: str) -> Any: ...


class Texts(Record, TextsMethods):
    pass


class EarlierLabel(Texts):
    NESTED = {"until": _date}


class RoleNames(Record):
    NESTED = {"label": Texts, "earlier": _list_of(EarlierLabel)}


class FactEntry(Texts):
    NESTED = {"label": Texts, "values": _dict_of(Texts)}


class Vocabulary(Record, VocabularyMethods):
    NESTED = {
        "roles": _dict_of(Texts),
        "items": _dict_of(Texts),
        "purposes": _dict_of(Texts),
        "facts": _dict_of(FactEntry),
        "subject": _dict_of(FactEntry),
        "obligations": _dict_of(Texts),
        "role_names": _dict_of(RoleNames),
    }


class InForce(Record, PeriodMethods):
    NESTED = {"from_": _date, "to": _date}


class Section(Record):
    NESTED = {"title": Texts, "paraphrase": Texts, "in_force": InForce}


class Act(Record):
    NESTED = {"names": Texts, "abbreviation": Texts, "in_force": InForce, "sections": _list_of(Section)}


class IdSet(Record, IdSetMethods):
    pass


class NumberTest(Record, NumberTestMethods):
    pass


def _fact_test(value: Any) -> Any:
    """A fact's test as model.py reads it: `{not: …}` (or `{any: …}`) an id set, another mapping a number test."""
    if isinstance(value, dict):
        return IdSet(value) if "not" in value or "any" in value else NumberTest(value)
    return value


class SubjectTest(Record):
    NESTED = {name: NumberTest for name, kind in SUBJECT_KINDS.items() if kind != "bool"}  # a number is tested by comparisons


class Condition(Record):
    NESTED: ClassVar[dict[str, Callable[[Any], Any]]] = {
        **{field: IdSet for field in (*ID_FIELDS, "initiative")},
        "subject": SubjectTest,
        "facts": _dict_of(_fact_test),
    }


Condition.NESTED["any_of"] = _list_of(Condition)


class Rule(Record, RuleMethods):
    NESTED = {"title": Texts, "explain": Texts, "when": Condition, "valid_from": _date, "valid_to": _date}


class Coverage(Record, PeriodMethods):
    NESTED = {"from_": _date, "to": _date}


class RulesetMeta(Record):
    NESTED = {"law_covered_from": _date, "law_checked": _date, "coverage": _list_of(Coverage)}
