"""`infoshare diff BASE [HEAD]`: what a change to the rule files does to real answers.

A reviewer cannot see from a YAML diff which answers move. This module answers the same questions
under both revisions: every case question of both, and grids of every discloser × recipient × item ×
purpose × initiative, with the facts that a changed rule tests set each way (the other facts left
unknown), on a fixed set of dates. It reports each question whose outcome, refer reason, grounds or
citations differ, grouped by the changed rule among its grounds.

The grids hold millions of questions, but most of them are provably alike: they are split into classes
that every rule of both revisions treats alike (question_classes.py), and classes that no changed rule can
reach are dropped. Dates are grouped the same way: two dates on which the same relevant rules and
provisions are in force give the same answers. One question per class and group of dates is answered,
and a change is reported for every question it stands for.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import json
import math
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .answer import outcome_with_reason
from .cases import case_files, load_cases
from .conditions import atoms
from .decide import Decider, VariableSpace
from .errors import InfoshareError, QuestionError, RulesetError, UsageError
from .loader import INITIATIVES, Ruleset, display, load_ruleset
from .matchers import make_matcher
from .question import question_from_data
from .question_classes import FALSE, GRID_FIELDS, Box, GridSplitter, factorize
from .revisions import checked_out, relocated, resolve

SUBJECT = ("age", "mature")
MARKDOWN_ROWS = 100  # per rule, so that a pull-request comment stays readable

Context = tuple[dt.date, tuple[str, ...]]  # as_of and the pending bills assumed enacted


# -- what is compared ------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Cited:
    """A provision as a ground cites it: what a change of its number or verification shows."""

    provision: str
    where: str
    verified: bool

    def text(self) -> str:
        return f"{self.provision}: {self.where}" + ("" if self.verified else ", unverified")


@dataclass(frozen=True, order=True)
class Outcome:
    """The part of an answer the diff compares: outcome, refer reason, and each ground with what it cites."""

    outcome: str
    refer_reason: str | None
    grounds: tuple[tuple[str, tuple[Cited, ...]], ...] = ()

    def text(self) -> str:
        head = outcome_with_reason(self.outcome, self.refer_reason)
        if not self.grounds:
            return head
        return head + ": " + "; ".join(f"{rule} ({', '.join(c.text() for c in cited)})" for rule, cited in self.grounds)


INVALID = Outcome("invalid question", None)


class Asker:
    """One revision's answers, reduced to an `Outcome`, and how many questions it really answered."""

    def __init__(self, ruleset: Ruleset):
        self.ruleset = ruleset
        self.decider = Decider(ruleset, make_matcher("reference", ruleset))
        self.answered = 0
        self._known: dict[Any, Outcome] = {}

    def outcome(self, data: dict[str, Any], alike: Any = None) -> Outcome:
        """The outcome of a question; `alike` names a class of questions known to share it (answered once)."""
        if alike is not None and alike in self._known:
            return self._known[alike]
        found = self._answer(data)
        if alike is not None:
            self._known[alike] = found
        return found

    def _answer(self, data: dict[str, Any]) -> Outcome:
        """The verdict and its grounds only, as `Decider.answer` builds them: the related duties and alternatives of a
        full answer cost 25 times more, and the diff does not compare them."""
        self.answered += 1
        try:
            question = question_from_data(data, "<diff>", self.ruleset).with_defaults()
        except QuestionError:
            return INVALID
        assert question.as_of is not None
        verdict = self.decider.verdict(question)
        grounds = tuple(self.decider.ground(rule_id, "en", question.as_of) for rule_id in verdict.grounds)
        cited = tuple((g.rule, tuple(Cited(c.provision, c.where("en"), c.verified) for c in g.citations)) for g in grounds)
        return Outcome(verdict.outcome, verdict.refer_reason, cited)


# -- what changed between the revisions ------------------------------------------------------------------


def changed_rules(before: Ruleset, after: Ruleset) -> dict[str, str]:
    """Rule id → added, removed or changed in what decides an answer (its condition, effect, overrides, dates,
    or the number, dates or verification of a provision it cites); a change of wording alone does not count."""
    found = {}
    for rule_id in sorted(before.rules.keys() | after.rules.keys()):
        if rule_id not in before.rules:
            found[rule_id] = "added"
        elif rule_id not in after.rules:
            found[rule_id] = "removed"
        elif _fingerprint(before, rule_id) != _fingerprint(after, rule_id):
            found[rule_id] = "changed"
    return found


def _fingerprint(ruleset: Ruleset, rule_id: str) -> Any:
    rule = ruleset.rules[rule_id]
    provisions = [
        (
            ruleset.provisions[pid].act.act,
            ruleset.provisions[pid].section.model_dump(include={"id", "chapter", "section", "subsection", "item", "in_force", "verified"}),
        )
        for pid in rule.provisions
    ]
    return rule.model_dump(exclude={"title", "explain", "obligations"}), repr(ruleset.compiled[rule_id]), provisions


# -- the grid --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Grid:
    """Generated questions: every combination of `domains` (in `fields` order) on every context, other facts unknown."""

    fields: tuple[str, ...]
    domains: dict[str, tuple[Any, ...]]
    contexts: tuple[Context, ...]
    rules: tuple[str, ...] = ()  # the changed rules whose tested facts this grid sets each way

    @property
    def size(self) -> int:
        return math.prod(len(self.domains[name]) for name in self.fields) * len(self.contexts)

    def question(self, values: Sequence[Any], context: Context) -> dict[str, Any]:
        """The question data (as a question file holds it) for one grid point."""
        as_of, bills = context
        data: dict[str, Any] = {"as_of": as_of.isoformat(), "language": "en"}
        subject: dict[str, Any] = {}
        facts: dict[str, Any] = {}
        for name, value in zip(self.fields, values):
            if name in GRID_FIELDS:
                data[name] = value
            elif name in SUBJECT:
                subject[name] = value
            else:
                facts[name] = value
        if subject:
            data["subject"] = subject
        if facts:
            data["facts"] = facts
        if bills:
            data["assume_enacted"] = list(bills)
        return data

    def questions(self) -> Iterator[dict[str, Any]]:
        """Every question of the grid, one by one (millions over the whole vocabulary: for small grids in tests)."""
        for values in itertools.product(*(self.domains[name] for name in self.fields)):
            for context in self.contexts:
                yield self.question(values, context)


def build_grids(before: Ruleset, after: Ruleset, changed: dict[str, str], case_dates: set[dt.date], today: dt.date) -> list[Grid]:
    """One grid per set of facts that changed rules test: each changed rule's facts are set each way, the others unknown.

    A grid per rule rather than one over all their facts keeps a change to many rules (a role's parent) from
    multiplying every fact by every other. Ids must be in both vocabularies; dates are fixed (see `_dates`).
    """
    vocabularies = (before.vocabulary, after.vocabulary)
    domains: dict[str, tuple[Any, ...]] = {
        "discloser": _common(v.roles for v in vocabularies),
        "recipient": _common(v.roles for v in vocabularies),
        "item": _common(v.items for v in vocabularies),
        "purpose": _common(v.purposes for v in vocabularies),
        "initiative": INITIATIVES,
    }
    spaces = [VariableSpace(before), VariableSpace(after)]
    by_fields: dict[tuple[str, ...], list[str]] = {}
    for rule_id in changed:
        tested = {a.field for ruleset in (before, after) if rule_id in ruleset.compiled for a in atoms(ruleset.compiled[rule_id])}
        varied = tuple(name for name in spaces[1].order if name in tested and name not in GRID_FIELDS and name in spaces[0].domains)
        by_fields.setdefault(varied, []).append(rule_id)
    for name in {name for varied in by_fields for name in varied}:
        values = list(dict.fromkeys(v for space in spaces for v in space.domains[name]))
        allowed = [set(v.facts[name].type) for v in vocabularies if name in v.facts and isinstance(v.facts[name].type, list)]
        values = [v for v in values if all(v in a for a in allowed)]
        domains[name] = tuple(values if allowed or isinstance(values[0], bool) else sorted(values))
    days = _dates(before, after, changed, case_dates, today)
    bills = sorted({b for ruleset in (before, after) for r in changed if r in ruleset.rules and (b := ruleset.rules[r].pending_bill)})
    assumptions = [()] + [(b,) for b in bills if b in before.bills and b in after.bills]
    contexts = tuple((day, bill) for bill in assumptions for day in days)
    return [
        Grid((*GRID_FIELDS, *varied), {name: domains[name] for name in (*GRID_FIELDS, *varied)}, contexts, tuple(rules))
        for varied, rules in sorted(by_fields.items())
    ]


def _common(id_maps: Iterator[dict[str, Any]]) -> tuple[str, ...]:
    first, *others = list(id_maps)
    return tuple(i for i in first if all(i in other for other in others))


def _dates(before: Ruleset, after: Ruleset, changed: dict[str, str], case_dates: set[dt.date], today: dt.date) -> list[dt.date]:
    """The cases' dates, today, and the days around which a changed rule or one of its provisions begins or ends.

    Edges long before the law covered are left out: every question there is answered alike, not in force.
    """
    edges: set[dt.date | None] = {before.law_covered_from, after.law_covered_from}
    for ruleset in (before, after):
        for rule_id in changed:
            rule = ruleset.rules.get(rule_id)
            if rule is None:
                continue
            edges |= {rule.valid_from, rule.valid_to}
            for pid in rule.provisions:
                in_force = ruleset.provisions[pid].section.in_force
                edges |= {in_force.from_, in_force.to}
    earliest = min(before.law_covered_from, after.law_covered_from) - dt.timedelta(days=1)
    days = set(case_dates) | {today}
    for edge in edges:
        if edge is not None:
            days |= {d for d in (edge - dt.timedelta(days=1), edge, edge + dt.timedelta(days=1)) if d >= earliest}
    return sorted(days)


def _context_key(ruleset: Ruleset, residuals: tuple[int, ...], context: Context) -> Any:
    """What of a context can matter to a class: coverage, and which of the rules it can reach are in force, citing what."""
    as_of, bills = context
    key: list[Any] = [as_of >= ruleset.law_covered_from]
    for rule_id, residual in zip(ruleset.compiled, residuals):
        if residual == FALSE:
            continue
        rule = ruleset.rules[rule_id]
        active = rule.pending_bill in bills if rule.pending_bill is not None else rule.in_force(as_of)
        cited = tuple(pid for pid in rule.provisions if ruleset.provisions[pid].section.in_force.covers(as_of))
        key.append((rule_id, active, cited))
    return tuple(key)


# -- comparing -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """Questions whose answer moved from `before` to `after`: boxes of a grid on some contexts, or one case."""

    before: Outcome
    after: Outcome
    rules: tuple[str, ...]  # the changed rules among the grounds, before or after
    grid: Grid | None = None
    members: tuple[Box, ...] = ()
    contexts: tuple[Context, ...] = ()
    case: str | None = None
    case_question: dict[str, Any] | None = None

    @functools.cached_property
    def count(self) -> int:
        if self.case is not None:
            return 1
        return sum(math.prod(len(values) for values in box) for box in self.members) * len(self.contexts)

    def questions(self) -> Iterator[dict[str, Any]]:
        """Every question of the change, one by one."""
        if self.case_question is not None:
            yield self.case_question
        if self.grid is None:
            return
        grid = self.grid
        for box in self.members:
            for values in itertools.product(*(_ordered(grid.domains[name], chosen) for name, chosen in zip(grid.fields, box))):
                for context in self.contexts:
                    yield grid.question(values, context)


@dataclass
class Report:
    base: str
    head: str
    changed_rules: dict[str, str]
    grids: list[Grid]
    cases: int
    answered: int = 0
    changes: list[Change] = field(default_factory=list)
    covered_from: tuple[dt.date, dt.date] | None = None  # (before, after) when the period of law covered moved

    @property
    def changed(self) -> int:
        return sum(change.count for change in self.changes)


def compare(
    before: Ruleset,
    after: Ruleset,
    cases: Sequence[tuple[str, dict[str, Any]]],
    names: tuple[str, str] = ("before", "after"),
    grids: Sequence[Grid] | None = None,
    today: dt.date | None = None,
) -> Report:
    """Answer the case questions and the grids under both rulesets; collect what changed."""
    changed = changed_rules(before, after)
    if grids is None:
        case_dates = {day for _, data in cases if (day := _date(data.get("as_of"))) is not None}
        grids = build_grids(before, after, changed, case_dates, today or dt.date.today())
    askers = Asker(before), Asker(after)
    report = Report(names[0], names[1], changed, list(grids), len(cases))
    if before.law_covered_from != after.law_covered_from:
        report.covered_from = (before.law_covered_from, after.law_covered_from)
    for label, data in cases:
        outcomes = askers[0].outcome(data), askers[1].outcome(data)
        if outcomes[0] != outcomes[1]:
            report.changes.append(Change(*outcomes, _causes(outcomes, changed), case=label, case_question=data))
    space = GridSplitter(before, after, changed)
    for grid in grids:
        for cls in space.classes(grid.fields, grid.domains):
            groups: dict[tuple[Any, Any], list[Context]] = {}
            for context in grid.contexts:
                key = ((cls.before, _context_key(before, cls.before, context)), (cls.after, _context_key(after, cls.after, context)))
                groups.setdefault(key, []).append(context)
            first = tuple(_ordered(grid.domains[name], chosen)[0] for name, chosen in zip(grid.fields, cls.members[0]))
            for (before_key, after_key), contexts in groups.items():
                data = grid.question(first, contexts[0])
                outcomes = askers[0].outcome(data, before_key), askers[1].outcome(data, after_key)
                if outcomes[0] != outcomes[1]:
                    report.changes.append(Change(*outcomes, _causes(outcomes, changed), grid, tuple(cls.members), tuple(contexts)))
    report.answered = askers[0].answered + askers[1].answered
    return report


def _ordered(domain: Sequence[Any], chosen: frozenset[Any]) -> list[Any]:
    """Values in the grid's order, so the question answered for a class is the same on every run."""
    return [value for value in domain if value in chosen]


def _causes(outcomes: tuple[Outcome, Outcome], changed: dict[str, str]) -> tuple[str, ...]:
    return tuple(sorted({rule for o in outcomes for rule, _ in o.grounds if rule in changed}))


def _date(value: Any) -> dt.date | None:
    try:
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    except ValueError:
        return None


# -- the command -----------------------------------------------------------------------------------------


def diff(base: str, head: str | None, root: Path, output_format: str) -> tuple[str, int]:
    """The report of `infoshare diff` and its exit code: 0, 2 for a bad revision, 3 for invalid rule files."""
    try:
        if output_format not in ("text", "markdown"):
            raise UsageError(f"unknown format '{output_format}': use text or markdown")
        report = compare_revisions(base, head, root)
    except InfoshareError as error:
        lines = [f"infoshare: {error.title}", *(f"  {problem}" for problem in error.problems)]
        return "\n".join(lines) + "\n", error.exit_code
    return (render_markdown(report) if output_format == "markdown" else render_text(report)), 0


def compare_revisions(base: str, head: str | None, root: Path) -> Report:
    """Load the rule data at `base` and at `head` (the working tree when None) and compare them."""
    root = root.resolve()
    resolve(root, base)
    if head is not None:
        resolve(root, head)
    with ExitStack() as stack:
        before, before_cases = _load_revision(stack, root, base)
        if head is None:
            after, after_cases = load_ruleset(root), _case_questions(root, None)
        else:
            after, after_cases = _load_revision(stack, root, head)
        unique: dict[str, tuple[str, dict[str, Any]]] = {}
        for label, data in [*after_cases, *before_cases]:  # a question in both revisions keeps the newer label
            unique.setdefault(_canonical(data), (label, data))
        return compare(before, after, sorted(unique.values(), key=lambda case: case[0]), (base, head or "working tree"))


def _load_revision(stack: ExitStack, root: Path, revision: str) -> tuple[Ruleset, list[tuple[str, dict[str, Any]]]]:
    folder = stack.enter_context(checked_out(root, revision))
    try:
        return load_ruleset(folder, cached=False), _case_questions(folder, revision)
    except RulesetError as error:
        raise relocated(error, folder, revision) from None


def _case_questions(root: Path, revision: str | None) -> list[tuple[str, dict[str, Any]]]:
    """Every case question under `root`, labelled `file:line: name` (`REVISION:file` for a checked-out revision)."""
    found = []
    for path in case_files(root):
        name = f"{revision}:{path.relative_to(root).as_posix()}" if revision else display(path)
        for located in load_cases(path):
            found.append((f"{name}:{located.line}: {located.case.name}", located.case.question))
    return found


def _canonical(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, default=str)


# -- rendering -------------------------------------------------------------------------------------------


@dataclass
class _Group:
    """The changes one changed rule grounds (before or after), as lines of questions under each before → after."""

    rule: str | None
    count: int = 0
    lines: dict[tuple[Outcome, Outcome], list[str]] = field(default_factory=dict)


def _groups(report: Report) -> list[_Group]:
    """One group per changed rule (a change shows under each of its rules), then the changes no changed rule grounds."""
    groups: dict[str | None, _Group] = {}
    pieces: dict[tuple[str | None, Outcome, Outcome], list[Change]] = {}
    for change in report.changes:
        for rule in change.rules or (None,):
            groups.setdefault(rule, _Group(rule)).count += change.count
            pieces.setdefault((rule, change.before, change.after), []).append(change)
    for (rule, before, after), changes in sorted(pieces.items(), key=lambda item: (item[0][0] or "~", item[0][1], item[0][2])):
        lines = sorted(f"case {c.case}" for c in changes if c.case is not None)
        for grid in report.grids:
            boxes = factorize([row for c in changes if c.grid is grid for row in _rows(c)])
            lines += sorted(_describe(grid, box) for box in boxes)
        groups[rule].lines[(before, after)] = lines
    return sorted(groups.values(), key=lambda g: g.rule or "~")


def _rows(change: Change) -> Iterator[Box]:
    """The change's boxes with two more columns: its days, and the bills assumed enacted."""
    by_bills: dict[tuple[str, ...], set[dt.date]] = {}
    for day, bills in change.contexts:
        by_bills.setdefault(bills, set()).add(day)
    for box in change.members:
        for bills, days in by_bills.items():
            yield (*box, frozenset(days), frozenset([bills]))


def _describe(grid: Grid, box: Box) -> str:
    *values, days, bills = box
    parts = [f"{name} {_values(grid.domains[name], chosen, name == 'age')}" for name, chosen in zip(grid.fields, values)]
    parts.append(f"as_of {_runs(sorted({d for d, _ in grid.contexts}), days)}")
    assumed = sorted(b for bill in bills for b in bill)
    if assumed:
        parts.append(f"assuming {', '.join(assumed)} enacted")
    return "; ".join(parts)


def _values(domain: Sequence[Any], chosen: frozenset[Any], ages: bool = False) -> str:
    """The chosen values in domain order; an age as the years it stands for (`16–17`), since the grid asks
    one age from each span the rules' thresholds tell apart, beginning with its youngest."""
    following = dict(zip(domain, domain[1:]))

    def show(value: Any) -> str:
        if ages:
            last = following[value] - 1 if value in following else None
            return f"{value}+" if last is None else f"{value}–{last}" if last > value else str(value)
        return str(value).lower() if isinstance(value, bool) else str(value)

    if len(domain) > 2 and len(chosen) == len(domain):
        return "any"
    if len(domain) > 4 and len(chosen) > len(domain) / 2:
        return "any but " + ", ".join(show(v) for v in domain if v not in chosen)
    return ", ".join(show(v) for v in domain if v in chosen)


def _runs(days: Sequence[dt.date], chosen: frozenset[dt.date]) -> str:
    """Runs of consecutive days of the grid's dates: `2015-04-01 … 2023-06-30, 2025-03-01`."""
    runs: list[list[dt.date]] = []
    for index, day in enumerate(days):
        if day not in chosen:
            continue
        if runs and days[index - 1] == runs[-1][-1]:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ", ".join(run[0].isoformat() if len(run) == 1 else f"{run[0]} … {run[-1]}" for run in runs)


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _summary(report: Report) -> list[str]:
    """The count line first, then what changed and what was asked."""
    lines = [f"{_plural(report.changed, 'question')} changed"]
    if report.changed_rules:
        lines.append("Rules changed: " + ", ".join(f"{rule} ({kind})" for rule, kind in report.changed_rules.items()) + ".")
    else:
        lines.append("No rule changed in effect (the wording of titles, explanations and the vocabulary is not compared).")
    if report.covered_from:
        lines.append(f"The law covered now starts on {report.covered_from[1]} (was {report.covered_from[0]}).")
    asked = [_plural(report.cases, "case question")]
    for grid in report.grids:
        varied = [name for name in grid.fields if name not in GRID_FIELDS]
        what = " × ".join(["discloser × recipient × item × purpose × initiative", *varied])
        asked.append(f"{_plural(grid.size, 'question')} of {what} (for {', '.join(grid.rules)})")
    lines.append("Asked: " + "; ".join(asked) + ".")
    if report.grids:
        days = sorted({d for grid in report.grids for d, _ in grid.contexts})
        lines.append(
            f"Grid questions leave other facts unknown and fall on {len(days)} dates from {days[0]} to {days[-1]} (the cases' "
            f"dates, today, and the days around the changed rules' dates); {report.answered:,} answers computed under the two "
            "revisions, the rest provably alike."
        )
    if not report.changes:
        lines.append("No changes: every question gets the same outcome, refer reason, grounds and citations.")
    return lines


def _title(report: Report, rule: str | None) -> str:
    return f"{rule} ({report.changed_rules[rule]})" if rule else "no changed rule among the grounds"


def render_text(report: Report) -> str:
    lines = [f"infoshare diff {report.base} → {report.head}", "", *_summary(report)]
    for group in _groups(report):
        lines += ["", f"{_title(report, group.rule)}: {_plural(group.count, 'question')}"]
        for (before, after), described in group.lines.items():
            lines += [f"  {before.text()}", f"  → {after.text()}", *(f"    • {line}" for line in described)]
    return "\n".join(lines) + "\n"


def render_markdown(report: Report) -> str:
    """A pull-request comment: a heading, the count line, and a table per changed rule."""
    count, *rest = _summary(report)
    head = report.head if report.head == "working tree" else f"`{report.head}`"
    lines = [f"## Semantic diff: `{report.base}` → {head}", "", f"**{count}**", "", *(f"{line}  " for line in rest)]
    for group in _groups(report):
        lines += ["", f"### {_title(report, group.rule)}: {_plural(group.count, 'question')}", ""]
        lines += ["| questions | before | after |", "| --- | --- | --- |"]
        rows = [(line, before, after) for (before, after), described in group.lines.items() for line in described]
        for line, before, after in rows[:MARKDOWN_ROWS]:
            lines.append(f"| {_cell(line)} | {_cell(before.text())} | {_cell(after.text())} |")
        if len(rows) > MARKDOWN_ROWS:
            lines += ["", f"…and {len(rows) - MARKDOWN_ROWS:,} more rows: `infoshare diff {report.base}` lists them all."]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
