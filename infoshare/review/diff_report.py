"""The semantic diff in plain words: whose answer changes and how, first; then grounds, named questions, rules.

A legal adviser reads the outcome transitions ("refer (conflict) → may share: 12,480 questions") with the
region they cover in the vocabulary's words, one question to try with `infoshare check`, and the rules
responsible by title and section. Changes of grounds only come after, grouped and counted. The Markdown
form is what the pull-request workflow posts.
"""

from __future__ import annotations

import datetime as dt
import shlex
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from infoshare.core.loader import Ruleset
from infoshare.domain import ID_FIELDS, SUBJECT
from infoshare.render.answer import where
from infoshare.render.messages import message
from infoshare.review.diff import WORKING_TREE, Change, Context, Outcome, Report
from infoshare.review.diff_classes import UNKNOWN

MARKDOWN_ROWS = 60  # a pull-request comment stays readable


@dataclass
class Transition:
    """The changes from one outcome to another (or, for grounds only, within one outcome), counted together."""

    before: Outcome
    after: Outcome
    count: int = 0
    changes: list[Change] = field(default_factory=list)
    rules: set[str] = field(default_factory=set)


def render(report: Report, output_format: str, language: str = "en") -> str:
    words = Words(report, language)
    return words.markdown() if output_format == "markdown" else words.text()


class Words:
    """The report's parts in one language."""

    def __init__(self, report: Report, language: str):
        self.report = report
        self.language = language
        self.outcomes = _transitions(report, outcome_changed=True)
        self.grounds = _transitions(report, outcome_changed=False)

    def say(self, key: str, **values: Any) -> str:
        return message(f"diff.{key}", self.language, **values)

    # -- the two forms ---------------------------------------------------------------------------------

    def text(self) -> str:
        report = self.report
        lines = [self.say("title", base=report.base, head=self.head()), "", self.headline()]
        for heading, transitions in ((self.say("heading.outcomes"), self.outcomes), (self.say("heading.grounds"), self.grounds)):
            if transitions:
                lines += ["", heading + ":"]
            for one in transitions:
                lines += ["", f"{self.label(one)}: {self.say('questions', count=self.number(one.count))}"]
                lines.append(f"  {self.say('where')}: {self.region(one.changes)}")
                lines.append(f"  {self.say('example')}: {self.command(one)}")
                lines.append(f"  {self.say('rules')}: {self.rules(one.rules or self.report.changed_rules)}")
        named = self.named()
        if named:
            lines += ["", self.say("heading.named") + ":", *(f"  {line}" for line in named)]
        lines += ["", self.say("heading.rules") + ":", *(f"  {line}" for line in self.changed_rules())]
        lines += ["", *self.footer()]
        return "\n".join(lines) + "\n"

    def markdown(self) -> str:
        report = self.report
        head = self.head() if report.head == WORKING_TREE else f"`{report.head}`"
        lines = [f"## {self.say('title', base=f'`{report.base}`', head=head)}", "", f"**{self.headline()}**"]
        columns = [self.say("column.change"), self.say("column.questions"), self.say("where"), self.say("example"), self.say("rules")]
        for heading, transitions in ((self.say("heading.outcomes"), self.outcomes), (self.say("heading.grounds"), self.grounds)):
            if not transitions:
                continue
            lines += ["", f"### {heading}", "", "| " + " | ".join(columns) + " |", "|" + " --- |" * len(columns)]
            for one in transitions[:MARKDOWN_ROWS]:
                cells = [self.label(one), self.number(one.count), self.region(one.changes), f"`{self.command(one)}`", self.rules(one.rules or report.changed_rules)]
                lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
            if len(transitions) > MARKDOWN_ROWS:
                lines += ["", self.say("more_rows", count=self.number(len(transitions) - MARKDOWN_ROWS), base=report.base)]
        named = self.named()
        if named:
            lines += ["", f"### {self.say('heading.named')}", "", *(f"- {line}" for line in named)]
        lines += ["", f"### {self.say('heading.rules')}", "", *(f"- {line}" for line in self.changed_rules())]
        lines += ["", *(f"{line}  " for line in self.footer())]
        return "\n".join(lines) + "\n"

    # -- the parts -------------------------------------------------------------------------------------

    def headline(self) -> str:
        report = self.report
        if not report.changes:
            return self.say("no_change", questions=self.number(report.grid.size))
        return self.say(
            "summary",
            outcomes=self.number(sum(t.count for t in self.outcomes)),
            grounds=self.number(sum(t.count for t in self.grounds)),
        )

    def head(self) -> str:
        return self.say("working_tree") if self.report.head == WORKING_TREE else self.report.head

    def number(self, count: int) -> str:
        """Thousands apart as the language writes them: 12,480 in English, 12 480 in Finnish and Swedish."""
        return f"{count:,}".replace(",", "," if self.language == "en" else "\u00a0")

    def outcome(self, outcome: Outcome) -> str:
        if outcome.outcome == "invalid question":
            return self.say("outcome.invalid")
        text = self.say(f"outcome.{outcome.outcome}")
        return f"{text} ({self.say(f'reason.{outcome.refer_reason}')})" if outcome.refer_reason else text

    def label(self, transition: Transition) -> str:
        before, after = self.outcome(transition.before), self.outcome(transition.after)
        return self.say("same_outcome", outcome=before) if before == after else f"{before} → {after}"

    def region(self, changes: list[Change]) -> str:
        """What every question of the changes has in common, field by field: the values they take, where not all."""
        grid = self.report.grid
        boxes = [box for change in changes if change.grid is not None for box in change.members]
        if not boxes:
            return self.say("anywhere")
        parts = []
        for column, name in enumerate(grid.fields):
            domain = grid.domains[name]
            chosen = frozenset().union(*(box[column] for box in boxes))
            if len(chosen) < len(domain):
                parts.append(f"{self.field_label(name)}: {self.values(name, domain, chosen)}")
        parts += self.dates([context for change in changes for context in change.contexts])
        return "; ".join(parts) or self.say("anywhere")

    def command(self, transition: Transition) -> str:
        """One question of the largest change, as an `infoshare check` command line."""
        largest = max(transition.changes, key=lambda change: (change.named is None, change.count))
        return check_command(largest.example())

    def rules(self, rule_ids: Iterable[str]) -> str:
        """The changed rules among the grounds; where none is (a rule that no longer applies), every changed rule."""
        return "; ".join(self.rule(rule_id) for rule_id in sorted(rule_ids))

    def rule(self, rule_id: str) -> str:
        """A rule by its title and the sections it rests on (from the newer revision when it has the rule)."""
        report = self.report
        ruleset = report.after if rule_id in report.after.rules else report.before
        rule = ruleset.rules[rule_id]
        return f"{rule.title[self.language]} ({', '.join(dict.fromkeys(_cite(ruleset, pid, self.language) for pid in rule.provisions))})"  # a provision in several versions once

    def named(self) -> list[str]:
        lines = []
        for change in self.report.changes:
            if change.named is not None:
                kind = self.say(f"kind.{change.named.kind.replace(' ', '_')}")
                lines.append(f"{kind} {change.named.label}: {self.label(Transition(change.before, change.after))}")
        return lines

    def changed_rules(self) -> list[str]:
        report = self.report
        duties = [
            f"{self.rule(rule_id)}: {self.say('rule.duties', before=', '.join(was) or '–', after=', '.join(now) or '–')}"
            for rule_id, (was, now) in report.changed_duties.items()
        ]
        if not report.changed_rules:
            return [self.say("no_rule_changed"), *duties]
        lines = []
        for rule_id, kind in report.changed_rules.items():
            line = f"{self.rule(rule_id)}: {self.say(f'rule.{kind}')}"
            if kind == "added":
                decided: dict[str, int] = {}
                for change in report.changes:
                    if change.named is None and rule_id in {rule for rule, _ in change.after.grounds}:
                        key = self.outcome(change.after)
                        decided[key] = decided.get(key, 0) + change.count
                found = ", ".join(f"{outcome} {self.say('questions', count=self.number(count))}" for outcome, count in sorted(decided.items()))
                line += "; " + (self.say("rule_decides", outcomes=found) if found else self.say("rule_decides_nothing"))
            lines.append(line)
        return lines + duties

    def footer(self) -> list[str]:
        report = self.report
        lines = []
        if report.covered_from:
            lines.append(self.say("covered_from", before=report.covered_from[0], after=report.covered_from[1]))
        periods = len({day for day, _ in report.grid.contexts})
        lines.append(
            self.say(
                "exact",
                questions=self.number(report.grid.size),
                periods=periods,
                classes=self.number(report.classes),
                answered=self.number(report.answered),
                seconds=f"{report.seconds:.1f}",
            )
        )
        lines.append(self.say("named_note", count=self.number(report.named)))
        return lines

    # -- words for fields and values -----------------------------------------------------------------

    def field_label(self, name: str) -> str:
        if name in ID_FIELDS:
            return message(f"field.{name}", self.language)
        return self.report.after.vocabulary.entry(name).label[self.language] if _knows(self.report.after, name) else name

    def values(self, name: str, domain: Sequence[Any], chosen: frozenset[Any]) -> str:
        shown = [self.value(name, v, domain) for v in domain if v in chosen]
        if len(domain) > 4 and len(chosen) > len(domain) / 2:
            return self.say("any_but", values=", ".join(self.value(name, v, domain) for v in domain if v not in chosen))
        return ", ".join(shown)

    def value(self, name: str, value: Any, domain: Sequence[Any]) -> str:
        vocabulary = self.report.after.vocabulary
        if value is UNKNOWN:
            return self.say("unknown")
        if isinstance(value, bool):
            return self.say("yes" if value else "no")
        if name in ("discloser", "recipient"):
            return vocabulary.roles[value][self.language] if value in vocabulary.roles else value
        if name in ("item", "purpose"):
            labels = vocabulary.items if name == "item" else vocabulary.purposes
            return labels[value][self.language] if value in labels else value
        if isinstance(value, str):
            entry = vocabulary.entry(name) if _knows(self.report.after, name) else None
            return entry.values[value][self.language] if entry is not None and value in entry.values else value
        return _span(value, domain)

    def dates(self, contexts: list[Context]) -> list[str]:
        """The periods and bill assumptions of the changes, where not all of the grid's."""
        grid = self.report.grid
        days = sorted({day for day, _ in grid.contexts})
        chosen = {day for day, _ in contexts}
        parts = []
        if chosen != set(days):
            covered = min(self.report.before.law_covered_from, self.report.after.law_covered_from)
            spans = []
            for first, end in _runs(days, chosen):
                if first < covered:
                    spans.append(self.say("before_law"))
                else:
                    spans.append(f"{first.isoformat()} – {(end - dt.timedelta(days=1)).isoformat() if end else ''}".rstrip())
            parts.append(f"{message('field.as_of', self.language)}: {', '.join(spans)}")
        bills = sorted({bill for _, bills in contexts for bill in bills})
        if bills and all(bills_of for _, bills_of in contexts):
            parts.append(self.say("assuming", bills=", ".join(bills)))
        return parts


def _transitions(report: Report, outcome_changed: bool) -> list[Transition]:
    """The grid's changes (and named ones) grouped by before → after, as a reviewer wants them: a change that makes
    the tool decide differently first (to or between decided outcomes), then by count; grounds by outcome."""
    groups: dict[tuple[Any, Any], Transition] = {}
    for change in report.changes:
        if change.outcome_changed != outcome_changed:
            continue
        key = (_outcome_key(change.before), _outcome_key(change.after))
        one = groups.setdefault(key, Transition(change.before, change.after))
        if change.named is None:
            one.count += change.count
        one.changes.append(change)
        one.rules.update(change.rules)
    found = [t for t in groups.values() if t.count]

    def order(transition: Transition) -> tuple[Any, ...]:
        decided = transition.after.outcome not in ("refer", "invalid question")
        return (not decided, -transition.count, _outcome_key(transition.before), _outcome_key(transition.after))

    return sorted(found, key=order)


def _outcome_key(outcome: Outcome) -> tuple[str, str]:
    return (outcome.outcome, outcome.refer_reason or "")


def _knows(ruleset: Ruleset, name: str) -> bool:
    return name in ruleset.vocabulary.facts or name in ruleset.vocabulary.subject


def _span(value: Any, domain: Sequence[Any]) -> str:
    """A number the grid asks for the span it stands for: `16–17`, `29+` (whole values), else the value."""
    numbers = [v for v in domain if v is not UNKNOWN]
    following = dict(zip(numbers, numbers[1:]))
    if not isinstance(value, int) or (value in following and not isinstance(following[value], int)):
        return str(value)
    if value not in following:
        return f"{value}+"
    last = following[value] - 1
    return f"{value}–{last}" if last > value else str(value)


def _runs(days: Sequence[dt.date], chosen: set[dt.date]) -> list[tuple[dt.date, dt.date | None]]:
    """Runs of consecutive periods among the chosen ones: each as its first day and the first day after it (None: open)."""
    runs: list[tuple[dt.date, dt.date | None]] = []
    start = None
    for index, day in enumerate(days):
        if day in chosen and start is None:
            start = day
        if start is not None and (index + 1 == len(days) or days[index + 1] not in chosen):
            runs.append((start, days[index + 1] if index + 1 < len(days) else None))
            start = None
    return runs


def _cite(ruleset: Ruleset, provision_id: str, language: str) -> str:
    provision = ruleset.provisions[provision_id]
    act, section = provision.act, provision.section
    return f"{act.abbreviation[language]} {where(act.act, section.chapter, section.section, section.subsection, section.item, language)}"


def check_command(data: dict[str, Any]) -> str:
    """A question as the `infoshare check` command line that asks it."""
    parts = ["infoshare", "check"]
    for option, key in (("--from", "discloser"), ("--to", "recipient"), ("--item", "item"), ("--purpose", "purpose"), ("--initiative", "initiative")):
        if key in data:
            parts += [option, str(data[key])]
    subject = data.get("subject") or {}
    for name, spec in SUBJECT.items():
        if name in subject:
            parts += spec.command_line(subject[name])
    for name, value in (data.get("facts") or {}).items():
        parts += ["--fact", f"{name}={str(value).lower() if isinstance(value, bool) else value}"]
    if "as_of" in data:
        parts += ["--as-of", str(data["as_of"])]
    for bill in data.get("assume_enacted") or ():
        parts += ["--assume-enacted", bill]
    return shlex.join(parts)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
