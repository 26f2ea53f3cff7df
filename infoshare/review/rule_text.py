"""The numbers and dates a rule's words name, and the ones its condition and dates allow them to name.

A rule whose age bound moves from 15 to 16 while its id and explanations still say "aged 15 or over" misleads
the reader of the rule file, the memo and the rulebook. Lint compares the two. Only quantities are read from
the text (a number beside a word of age or years: "aged 15", "15 vuotta täyttänyt", "under 29 år", "four years'
imprisonment", "15-17" after "minor" in an id) and whole dates; section and act numbers are not quantities.
Each language brings the words it is read by (numbers, months, words of age and years) in the message catalogue.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from infoshare.core.compile import atoms
from infoshare.core.loader import Ruleset
from infoshare.domain import LANGUAGES

_ID_AGES = re.compile(r"(?:minor|minors|age|aged|under|over|child|children|youth|young|adult|adults)((?:-\d{1,3})+)")


@dataclass(frozen=True)
class Named:
    """A quantity or date a text names, as the text writes it."""

    value: int | dt.date
    text: str


class _Reading(NamedTuple):
    """How texts are read, from the words each language brings (templates/messages/lint.yaml)."""

    numbers: dict[str, dict[str, int]]  # by language: a spelled number (or the stem of an inflected one) → its value
    quantity: dict[str, re.Pattern[str]]  # by language: a number with its word of age before or unit of years after
    age_before: re.Pattern[str]  # a word of age, in any language
    date: re.Pattern[str]  # an ISO date, a date in numbers (1.4.2015) or in words (1 April 2015)
    months: dict[str, int]  # a month's name in any language → its number


def _reading() -> _Reading:
    from infoshare.render.messages import catalogue

    phrases = catalogue()
    return _read_by(tuple((key, tuple(phrases[key][language] for language in LANGUAGES)) for key in _WORDS))


_WORDS = ("lint.number_words", "lint.number_stems", "lint.month_names", "lint.age_words", "lint.year_units")


@cache
def _read_by(words: tuple[tuple[str, tuple[str, ...]], ...]) -> _Reading:
    by_key = {key: dict(zip(LANGUAGES, texts)) for key, texts in words}
    age_before = rf"(?:{'|'.join(word for text in by_key['lint.age_words'].values() for word in text.split())})\s+"
    unit_after = rf"(?:\s*|-)(?:{'|'.join(text for text in by_key['lint.year_units'].values() if text)})"
    months = {name: number for text in by_key["lint.month_names"].values() for number, name in enumerate(text.split(), start=1)}
    date = re.compile(
        r"\b(?P<iso>\d{4}-\d{2}-\d{2})\b|\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\b"
        rf"|\b(?P<ed>\d{{1,2}}) (?P<em>{'|'.join(months)}) (?P<ey>\d{{4}})\b",
        re.IGNORECASE,
    )
    numbers: dict[str, dict[str, int]] = {}
    quantity: dict[str, re.Pattern[str]] = {}
    for language in LANGUAGES:
        spelled = {word: value for value, word in enumerate(by_key["lint.number_words"][language].split(), start=1) if word != "-"}
        stems = {stem: value for value, stem in enumerate(by_key["lint.number_stems"][language].split(), start=1)}
        numbers[language] = {**spelled, **stems}
        ending = r"\w*" if stems else r"\b"  # an inflected number word takes any ending
        number = rf"\d{{1,3}}|(?:{'|'.join(sorted(numbers[language], key=len, reverse=True))})" + ending
        quantity[language] = re.compile(rf"(?<![\w.§/:-])(?:{age_before})?(?P<n>{number})(?:[–-](?P<m>\d{{1,3}}))?(?P<unit>{unit_after})?", re.IGNORECASE)
    return _Reading(numbers, quantity, re.compile(age_before, re.IGNORECASE), date, months)


def quantities(text: str, language: str) -> list[Named]:
    """The ages, years and other counts a text names (not section, act or case numbers, not calendar years)."""
    reading = _reading()
    words = reading.numbers[language]
    found = []
    for match in reading.quantity[language].finditer(reading.date.sub(" ", text)):
        whole = match.group(0)
        if not match.group("unit") and not reading.age_before.match(whole):
            continue
        for part in (match.group("n"), match.group("m")):
            if part is not None:
                found.append(Named(_number(part, words), whole.strip()))
    return found


def _number(text: str, words: dict[str, int]) -> int:
    if text.isdigit():
        return int(text)
    lowered = text.lower()
    return next(words[word] for word in sorted(words, key=len, reverse=True) if lowered.startswith(word))


def dates(text: str) -> list[Named]:
    reading = _reading()
    found = []
    for match in reading.date.finditer(text):
        try:
            if match.group("iso"):
                day = dt.date.fromisoformat(match.group("iso"))
            elif match.group("y"):
                day = dt.date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
            else:
                day = dt.date(int(match.group("ey")), reading.months[match.group("em").lower()], int(match.group("ed")))
        except ValueError:
            continue
        found.append(Named(day, match.group(0)))
    return found


def id_ages(rule_id: str) -> list[Named]:
    """The numbers an id names after a word of age: `guardian-refusal-minor-15-17` names 15 and 17."""
    return [Named(int(n), match.group(0)) for match in _ID_AGES.finditer(rule_id) for n in match.group(1).strip("-").split("-")]


def stated(texts: Iterable[str], language: str) -> list[Named]:
    return [one for text in texts for one in (*quantities(text, language), *dates(text))]


def allowed(ruleset: Ruleset, rule_id: str, language: str) -> set[float | dt.date]:
    """What the rule's words may name: its bounds (and the whole number next to a strict one: `below 18` is 17), its
    dates and its provisions' (the day after an end too), and the quantities of the facts it tests, as the vocabulary
    words them ("at least 2 years")."""
    rule = ruleset.rules[rule_id]
    found: set[float | dt.date] = set()
    tested = set()
    for atom in atoms(ruleset.compiled[rule_id]):
        tested.add(atom.field)
        if isinstance(atom.value, (int, float)) and not isinstance(atom.value, bool):
            value = int(atom.value) if float(atom.value).is_integer() else atom.value
            found |= {value, value - 1} if atom.op == "lt" else {value, value + 1} if atom.op == "gt" else {value}
    days = [rule.valid_from, rule.valid_to, ruleset.law_covered_from]
    for pid in rule.provisions:
        in_force = ruleset.provisions[pid].section.in_force
        days += [in_force.from_, in_force.to]
    for day in days:
        if day is not None:
            found |= {day, day - dt.timedelta(days=1), day + dt.timedelta(days=1)}
    vocabulary = ruleset.vocabulary
    for name in tested:
        if name in vocabulary.facts or name in vocabulary.subject:
            entry = vocabulary.entry(name)
            found |= {one.value for one in stated([entry[language], entry.label[language]], language)}
    return found


@dataclass(frozen=True)
class Mismatch:
    """What a rule's words say that its condition does not: `key` is the rule file's key the words are under."""

    key: str
    message: str
    languages_disagree: bool = False


def mismatches(ruleset: Ruleset, rule_id: str) -> list[Mismatch]:
    """Each quantity or date the id, title or explanation names that the rule does not, and explanations whose
    languages name different ones."""
    rule = ruleset.rules[rule_id]
    found = []
    unexplained = [one for one in id_ages(rule_id) if one.value not in allowed(ruleset, rule_id, "en")]
    if unexplained:
        found.append(Mismatch("id", f"rule '{rule_id}': its id names {_list(unexplained)}, which its condition does not"))
    by_language = {}
    for language in LANGUAGES:
        for key in ("title", "explain"):
            named = stated([getattr(rule, key)[language]], language)
            unexplained = [one for one in named if one.value not in allowed(ruleset, rule_id, language)]
            if unexplained:
                what = "title" if key == "title" else "explanation"
                found.append(Mismatch(key, f"rule '{rule_id}': its {language} {what} names {_list(unexplained)}, which its condition and dates do not"))
        by_language[language] = {one.value for one in stated([rule.explain[language]], language)}
    if len({frozenset(values) for values in by_language.values()}) > 1:
        shown = "; ".join(f"{language}: {', '.join(sorted(map(str, values))) or 'none'}" for language, values in by_language.items())
        found.append(Mismatch("explain", f"rule '{rule_id}': its explanations name different numbers or dates ({shown})", True))
    return found


def _list(named: list[Named]) -> str:
    return ", ".join(dict.fromkeys(f"{one.value} ('{one.text}')" for one in named))
