"""Which law an answer states and how current it is (issue 11 item 6): every output warns of a day after the law
was last checked, of a day before the law the ruleset encodes, and of a bill assumed for a day already past."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infoshare.core.question import question_from_data
from infoshare.domain import LANGUAGES
from infoshare.render.matrix import build
from infoshare.render.matrix_formats import warnings as matrix_warnings
from infoshare.render.memo import render_markdown
from infoshare.render.messages import message
from infoshare.render.screen import Screen
from infoshare.render.terminal import render
from infoshare.render.words import date_warnings

NOTIFICATION = {
    "discloser": "youth_services",
    "recipient": "child_welfare",
    "item": "private_life",
    "purpose": "child_welfare_notification",
    "initiative": "proactive",
    "subject": {"age": 15},
    "facts": {"child_welfare_need": True},
}
FAR_FUTURE = dt.date(2100, 1, 1)  # after today whenever the tests run


def ask(ruleset, decider, as_of: dt.date, language: str = "en", bills: tuple[str, ...] = ()):
    data = {**NOTIFICATION, "as_of": as_of.isoformat(), "language": language, "assume_enacted": list(bills)}
    return decider.answer(question_from_data(data, "<test>", ruleset))


def codes(answer) -> list[str]:
    return [w.code for w in answer.warnings]


def terminal(answer, ruleset) -> str:
    buffer = io.StringIO()
    render(answer, ruleset, Screen(buffer, width=400))
    return buffer.getvalue()


def test_the_ruleset_states_the_day_its_law_was_checked(ruleset):
    assert ruleset.law_checked == dt.date(2025, 2, 21)


@settings(max_examples=25)
@given(st.dates(min_value=dt.date(2015, 4, 1), max_value=dt.date(2040, 12, 31)))
def test_an_answer_warns_exactly_when_its_day_is_after_the_check(ruleset, reference, day):
    assert ("law_checked" in codes(ask(ruleset, reference, day))) == (day > ruleset.law_checked)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_currency_warning_is_in_every_output(ruleset, reference, language):
    answer = ask(ruleset, reference, dt.date(2025, 3, 1), language)
    (note,) = [w for w in answer.warnings if w.code == "law_checked"]
    checked = {"fi": "21.2.2025", "sv": "21.2.2025", "en": "21 February 2025"}[language]
    assert checked in note.text
    assert note.to_dict() in answer.to_dict()["warnings"]
    assert note.text in render_markdown(answer, ruleset, language)
    assert " ".join(note.text.split()) in " ".join(terminal(answer, ruleset).split())


def test_the_matrix_warns_of_the_check_day_too(ruleset, reference):
    data = {**NOTIFICATION, "as_of": "2025-03-01", "language": "en"}
    question = question_from_data(data, "<test>", ruleset)
    grid = build(reference.decider, question, ("youth_services",), ("child_welfare", "police"))
    assert any("21 February 2025" in text for text in matrix_warnings(grid, ruleset))


def test_a_ruleset_without_a_check_day_warns_of_none(ruleset):
    older = ruleset._replace(law_checked=None)  # written before the field (0.1.x), as `infoshare diff` loads it
    assert date_warnings(older, FAR_FUTURE, [], "en") == []


def test_a_bill_assumed_for_a_past_day_is_flagged_above_the_answer(ruleset, reference):
    bill = sorted(ruleset.bills)[0]
    answer = ask(ruleset, reference, dt.date(2025, 3, 1), "en", (bill,))
    (note,) = [w for w in answer.warnings if w.code == "bill_for_past_date"]
    assert ruleset.bills[bill].abbreviation["en"] in note.text and "1 March 2025" in note.text
    shown = terminal(answer, ruleset)
    assert shown.index("A BILL CANNOT GOVERN THE PAST") < shown.index(message("outcome.must_share", "en"))
    memo = render_markdown(answer, ruleset, "en")
    assert f"**{note.text}**" in memo
    assert memo.index(note.text) < memo.index("## Legal grounds")


def test_a_bill_assumed_for_a_future_day_is_only_assumed(ruleset, reference):
    bill = sorted(ruleset.bills)[0]
    answer = ask(ruleset, reference, FAR_FUTURE, "en", (bill,))
    assert "assumed_enacted" in codes(answer)
    assert "bill_for_past_date" not in codes(answer)


def test_the_past_is_judged_against_today(ruleset):
    day = dt.date(2030, 6, 1)
    bill = sorted(ruleset.bills)[0]
    assert [n.code for n in date_warnings(ruleset, day, [bill], "en", today=day)].count("bill_for_past_date") == 0
    assert [n.code for n in date_warnings(ruleset, day, [bill], "en", today=day + dt.timedelta(days=1))].count("bill_for_past_date") == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_early_day_is_answered_as_law_not_encoded_not_as_law_not_in_force(ruleset, reference, language):
    """CWA s.25 bound youth work before 2015 too: the truth is that the ruleset does not include that law."""
    answer = ask(ruleset, reference, dt.date(2014, 6, 1), language)
    assert (answer.outcome, answer.refer_reason) == ("refer", "not_in_force")
    said = render_markdown(answer, ruleset, language).casefold()
    assert message("reason.not_in_force", language).casefold() in said
    assert {"fi": "ei sisällä", "sv": "innehåller inte", "en": "does not include"}[language] in said
    assert {"fi": "eivät olleet voimassa", "sv": "var inte i kraft", "en": "were not in force"}[language] not in said
