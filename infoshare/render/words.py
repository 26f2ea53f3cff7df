"""Words for a ruling: the one place where the decision core's ids and codes become the localised `Answer`
that the JSON, terminal and memo renderers read.

The core (core/decide.py) names rules, provisions, facts and warning codes only; here each gets its text in
the question's language: a rule's title and explanation, a provision's act, place and paraphrase, an unknown
fact's question, an obligation, a warning's sentence with its bills and dates written as a reader writes them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from infoshare.core.currency import Notice, date_notices
from infoshare.core.decide import Duty, OpenFact, Ruling
from infoshare.core.loader import Ruleset
from infoshare.render.answer import Answer, Citation, Ground, OpenQuestion, RelatedDuty, WarningNote
from infoshare.render.messages import display_date, message

if TYPE_CHECKING:
    from infoshare.core.question import Question

# Warnings shown above the answer itself, not only in its list of warnings.
PROMINENT = ("assumed_enacted", "bill_for_past_date")


def answer(ruling: Ruling, ruleset: Ruleset) -> Answer:
    """The ruling in the words of its question's language."""
    question, verdict, as_of = ruling.question, ruling.verdict, ruling.as_of
    language = question.language
    vocabulary = ruleset.vocabulary
    return Answer(
        outcome=verdict.outcome,
        refer_reason=verdict.refer_reason,
        question=question_as_read(question),
        grounds=[ground(ruleset, rule_id, language, as_of) for rule_id in verdict.grounds],
        defeated=list(verdict.defeated),
        obligations=[(oid, vocabulary.obligations[oid][language]) for oid in ruling.obligations],
        related_duties=[related_duty(ruleset, duty, language, as_of) for duty in ruling.related_duties],
        questions=open_questions(ruleset, ruling.open_facts, language),
        alternatives=list(ruling.alternatives),
        warnings=[warning(ruleset, notice, language) for notice in ruling.notices],
        ruleset={"version": ruleset.version, "digest": ruleset.digest, "as_of": as_of.isoformat()},
    )


def question_as_read(question: Question) -> dict[str, Any]:
    """The question as the answer repeats it (contract §2): every field, `assume_enacted` only when given."""
    data = question.model_dump(mode="json")
    if not data["assume_enacted"]:
        del data["assume_enacted"]
    return data


def ground(ruleset: Ruleset, rule_id: str, language: str, as_of: dt.date) -> Ground:
    """A rule with the provisions it rests on; of a provision's successive versions, the one in force on `as_of`."""
    rule = ruleset.rules[rule_id]
    citations = tuple(citation(ruleset, pid, language) for pid in ruleset.provisions_in_force(rule_id, as_of))
    return Ground(rule_id, rule.effect, rule.title[language], rule.explain[language].strip(), citations)


def citation(ruleset: Ruleset, provision_id: str, language: str) -> Citation:
    provision = ruleset.provisions[provision_id]
    act, section = provision.act, provision.section
    return Citation(
        provision=provision_id,
        act=act.act,
        title=act.names[language],
        chapter=section.chapter,
        section=section.section,
        subsection=section.subsection,
        item=section.item,
        url=act.url,
        verified=section.verified,
        paraphrase=section.paraphrase[language].strip(),
        section_title=section.title[language],
    )


def related_duty(ruleset: Ruleset, duty: Duty, language: str, as_of: dt.date) -> RelatedDuty:
    grounds = tuple(ground(ruleset, rule_id, language, as_of) for rule_id in duty.rules)
    return RelatedDuty(duty.recipient, duty.purpose, duty.item, duty.outcome, grounds, duty.questions)


def open_questions(ruleset: Ruleset, open_facts: Iterable[OpenFact], language: str) -> list[OpenQuestion]:
    """Each unknown fact that matters, with the question the vocabulary asks about it."""
    return [OpenQuestion(one.fact, ruleset.vocabulary.entry(one.field)[language], one.asked_by) for one in open_facts]


def warning(ruleset: Ruleset, notice: Notice, language: str) -> WarningNote:
    """A notice as a sentence: bills by the abbreviation readers use, dates as they write them, provisions cited."""
    values = {name: _value(ruleset, name, value, language) for name, value in notice.values.items()}
    return WarningNote(notice.code, message(notice.code, language, **values), notice.subject)


def date_warnings(ruleset: Ruleset, as_of: dt.date, bills: list[str], language: str, today: dt.date | None = None) -> list[WarningNote]:
    """The warnings a day and the bills assumed for it call for (core/currency.py), in words."""
    return [warning(ruleset, notice, language) for notice in date_notices(ruleset, as_of, bills, today)]


def _value(ruleset: Ruleset, name: str, value: Any, language: str) -> str:
    if name == "bill":
        return ruleset.bills[value].abbreviation[language] if value in ruleset.bills else value
    if name == "provision":
        return citation(ruleset, value, language).cite(language)
    if name == "provisions":
        return "; ".join(sorted({citation(ruleset, pid, language).cite(language) for pid in value}))
    if isinstance(value, dt.date):
        return display_date(value, language)
    return str(value)
