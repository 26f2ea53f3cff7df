"""The numbers and dates a rule's words name, and the ones its condition and dates allow them to name.

A rule whose age bound moves from 15 to 16 while its id and explanations still say "aged 15 or over" misleads
the reader of the rule file, the memo and the rulebook. Lint compares the two. Only quantities are read from
the text (a number beside a word of age or years: "aged 15", "15 vuotta täyttänyt", "under 29 år", "four years'
imprisonment", "15-17" after "minor" in an id) and whole dates; section and act numbers are not quantities.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from infoshare.core.compile import atoms
from infoshare.core.loader import Ruleset
from infoshare.domain import LANGUAGES

NUMBER_WORDS = {
    "en": "one two three four five six seven eight nine ten eleven twelve",
    "fi": "yksi kaksi kolme neljä viisi kuusi seitsemän kahdeksan yhdeksän kymmenen yksitoista kaksitoista",
    "sv": "- två tre fyra fem sex sju åtta nio tio elva tolv",  # 'en'/'ett' are also articles: not read
}
FI_STEMS = {"yhde": 1, "kahde": 2, "kolme": 3, "neljä": 4, "viide": 5, "kuude": 6, "seitsemä": 7, "kahdeksa": 8, "yhdeksä": 9, "kymmene": 10}
MONTHS = {
    "en": "january february march april may june july august september october november december".split(),
    "sv": "januari februari mars april maj juni juli augusti september oktober november december".split(),
}
_UNIT_AFTER = r"(?:\s*|-)(?:years?\b|year-olds?\b|vuo\w*|-?vuotia\w*|år\w*|årig\w*|års\b)"
_AGE_BEFORE = r"(?:aged|under|over|below|above|alle|yli|över|fyllt|täyttänyt)\s+"
_DATE = re.compile(
    r"\b(?P<iso>\d{4}-\d{2}-\d{2})\b|\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\b"
    rf"|\b(?P<ed>\d{{1,2}}) (?P<em>{'|'.join(m for months in MONTHS.values() for m in months)}) (?P<ey>\d{{4}})\b",
    re.IGNORECASE,
)
_ID_AGES = re.compile(r"(?:minor|minors|age|aged|under|over|child|children|youth|young|adult|adults)((?:-\d{1,3})+)")


@dataclass(frozen=True)
class Named:
    """A quantity or date a text names, as the text writes it."""

    value: int | dt.date
    text: str


def quantities(text: str, language: str) -> list[Named]:
    """The ages, years and other counts a text names (not section, act or case numbers, not calendar years)."""
    words = {word: index for index, word in enumerate(NUMBER_WORDS[language].split(), start=1) if word != "-"}
    if language == "fi":  # inflected: neljän vuoden, kuuden vuoden
        words.update(FI_STEMS)
    spelled = "|".join(sorted(words, key=len, reverse=True))
    number = rf"\d{{1,3}}|(?:{spelled})" + (r"\w*" if language == "fi" else r"\b")
    found = []
    pattern = re.compile(rf"(?<![\w.§/:-])(?:{_AGE_BEFORE})?(?P<n>{number})(?:[–-](?P<m>\d{{1,3}}))?(?P<unit>{_UNIT_AFTER})?", re.IGNORECASE)
    for match in pattern.finditer(_DATE.sub(" ", text)):
        whole = match.group(0)
        if not match.group("unit") and not re.match(_AGE_BEFORE, whole, re.IGNORECASE):
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
    found = []
    for match in _DATE.finditer(text):
        try:
            if match.group("iso"):
                day = dt.date.fromisoformat(match.group("iso"))
            elif match.group("y"):
                day = dt.date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
            else:
                month = next(months.index(m) for months in MONTHS.values() if (m := match.group("em").lower()) in months)
                day = dt.date(int(match.group("ey")), month + 1, int(match.group("ed")))
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
