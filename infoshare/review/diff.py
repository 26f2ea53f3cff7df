"""`infoshare diff BASE [HEAD]`: what a change to the rule files does to real answers.

A reviewer cannot see from a YAML diff which answers move. This module answers every question of the whole
question space under both revisions: every discloser × recipient × item × purpose, every initiative, age,
maturity and fact (each of its values, or unknown), on every period in which the law the rules encode
stands still, with and without each pending bill. It also answers the case questions of both revisions, and
the examples, hard cases and training scenarios of the working tree. The result is exact, not sampled.

The space holds billions of questions, but most of them are provably alike: it is split into classes that
every rule and coverage claim of both revisions treats alike (diff_classes.py), and a class is dropped as
soon as every changed rule behaves alike on it in both revisions (the other rules are the same in both, so they
answer alike). Each remaining class is decided from its residual conditions under each revision, on each group of
days on which the law stands still, and a change is reported for every question it stands for.
diff_report.py words the report.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import json
import math
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from infoshare.checker import make_checker
from infoshare.core.decide import VariableSpace, Verdict, representatives
from infoshare.core.documents import YamlSyntaxError, load_file
from infoshare.core.loader import Ruleset, display, load_ruleset
from infoshare.core.question import question_from_data
from infoshare.domain import question_data
from infoshare.errors import InfoshareError, QuestionError, RulesetError, UsageError
from infoshare.render import words
from infoshare.review.cases import case_files, load_cases
from infoshare.review.diff_classes import GRID_FIELDS, UNKNOWN, Box, ClassVerdicts, GridSplitter, Period, QuestionClass, Residuals
from infoshare.review.revisions import checked_out, relocated, resolve
from infoshare.training.scenarios import load_scenarios

WORKING_TREE = "working tree"  # the head when none is named

Context = tuple[dt.date, tuple[str, ...]]  # as_of and the pending bills assumed enacted


# -- what is compared ------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Cited:
    """A provision as a ground cites it: what a change of its number or verification shows."""

    provision: str
    where: str
    verified: bool


@dataclass(frozen=True, order=True)
class Outcome:
    """The part of an answer the diff compares: outcome, refer reason, and each ground with what it cites."""

    outcome: str
    refer_reason: str | None
    grounds: tuple[tuple[str, tuple[Cited, ...]], ...] = ()


INVALID = Outcome("invalid question", None)
OutcomePairs = dict[Any, tuple[Outcome, ...] | None]  # the two revisions' outcomes where they differ, else None, by what decides them


class Asker:
    """One revision's answers, reduced to an `Outcome`, and how many it really worked out."""

    def __init__(self, ruleset: Ruleset, residuals: Residuals):
        self.ruleset = ruleset
        self.decider = make_checker(ruleset, "reference").decider
        self.classes = ClassVerdicts(self.decider, residuals)
        self.answered = 0
        self._outcomes: dict[tuple[Verdict, frozenset[str]], Outcome] = {}
        self._provisions: dict[dt.date, frozenset[str]] = {}
        self._cited: dict[str, Cited] = {}

    def outcome(self, data: dict[str, Any]) -> Outcome:
        """The outcome of a question, decided on its own."""
        facts = data.get("facts") or {}
        if any(name not in self.ruleset.vocabulary.facts for name in facts):  # a fact this revision does not know: unknown
            data = {**data, "facts": {name: value for name, value in facts.items() if name in self.ruleset.vocabulary.facts}}
        try:
            question = question_from_data(data, "<diff>", self.ruleset).with_defaults()
        except QuestionError:
            return INVALID
        assert question.as_of is not None
        self.answered += 1
        return self.outcome_of(self.decider.verdict(question), question.as_of)

    def outcome_of(self, verdict: Verdict, as_of: dt.date) -> Outcome:
        """The verdict and its grounds with what they cite on `as_of`; the related duties and alternatives of a full
        answer cost far more, and the diff does not compare them."""
        key = (verdict, self.provisions_in_force(as_of))
        found = self._outcomes.get(key)
        if found is None:
            grounds = tuple(words.ground(self.ruleset, rule_id, "en", as_of) for rule_id in verdict.grounds)
            cited = tuple((g.rule, tuple(self._cite(c) for c in g.citations)) for g in grounds)
            found = self._outcomes[key] = Outcome(verdict.outcome, verdict.refer_reason, cited)
        return found

    def _cite(self, citation: Any) -> Cited:
        found = self._cited.get(citation.provision)
        if found is None:
            found = self._cited[citation.provision] = Cited(citation.provision, citation.where("en"), citation.verified)
        return found

    def provisions_in_force(self, as_of: dt.date) -> frozenset[str]:
        found = self._provisions.get(as_of)
        if found is None:
            provisions = self.ruleset.provisions.items()
            found = self._provisions[as_of] = frozenset(pid for pid, provision in provisions if provision.section.in_force.covers(as_of))
        return found


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


def changed_duties(before: Ruleset, after: Ruleset) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Rule id → the duties its answers list (its `obligations`), before and after, for each rule in both revisions
    whose list changed: no answer's outcome, grounds or citations move, but what the answer tells the worker to do
    does."""
    return {
        rule_id: (tuple(before.rules[rule_id].obligations), tuple(after.rules[rule_id].obligations))
        for rule_id in sorted(before.rules.keys() & after.rules.keys())
        if before.rules[rule_id].obligations != after.rules[rule_id].obligations
    }


def _fingerprint(ruleset: Ruleset, rule_id: str) -> Any:
    return _all_but_condition(ruleset, rule_id), repr(ruleset.compiled[rule_id])


def _all_but_condition(ruleset: Ruleset, rule_id: str) -> Any:
    """What decides an answer besides the rule's condition: its effect, overrides, dates, and what it cites."""
    rule = ruleset.rules[rule_id]
    provisions = [
        (
            ruleset.provisions[pid].act.act,
            ruleset.provisions[pid].section.model_dump(include={"id", "chapter", "section", "subsection", "item", "in_force", "verified"}),
        )
        for pid in rule.provisions
    ]
    return rule.model_dump(exclude={"title", "explain", "obligations", "when"}), provisions


def watched_rules(before: Ruleset, after: Ruleset, changed: Mapping[str, str]) -> dict[str, bool]:
    """The rules whose reach the diff searches, each with whether only its condition changed (where it reduces to
    the same residual in both revisions, it behaves alike). A change of the coverage ruleset.yaml claims changes
    where the secrecy defaults are set aside, so it watches every default; a change of the day the law is covered
    from, every rule."""
    watched = {
        rule_id: kind == "changed" and _all_but_condition(before, rule_id) == _all_but_condition(after, rule_id)
        for rule_id, kind in changed.items()
    }
    if before.law_covered_from != after.law_covered_from:  # every rule decides on the days that moved in or out
        for ruleset in (before, after):
            watched.update(dict.fromkeys(ruleset.rules, False))
    if before.coverage != after.coverage:
        for ruleset in (before, after):
            watched.update({rule_id: False for rule_id, rule in ruleset.rules.items() if rule.fallback})
    return watched


# -- the question space ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Grid:
    """Every combination of `domains` (in `fields` order; UNKNOWN leaves a field out) on every context."""

    fields: tuple[str, ...]
    domains: dict[str, tuple[Any, ...]]
    contexts: tuple[Context, ...]

    @property
    def size(self) -> int:
        return math.prod(len(self.domains[name]) for name in self.fields) * len(self.contexts)

    def question(self, values: Sequence[Any], context: Context) -> dict[str, Any]:
        """The question data (as a question file holds it) for one point."""
        as_of, bills = context
        known = {name: value for name, value in zip(self.fields, values) if value is not UNKNOWN}
        return question_data(known, as_of.isoformat(), "en", bills)

    def questions(self) -> Iterator[dict[str, Any]]:
        """Every question, one by one (billions over the whole vocabulary: for small grids in tests)."""
        for values in itertools.product(*(self.domains[name] for name in self.fields)):
            for context in self.contexts:
                yield self.question(values, context)

    def representative(self, box: Box) -> tuple[Any, ...]:
        """One point of a box, as short to ask as it can be: a field left unknown where the box allows it."""
        return tuple(UNKNOWN if UNKNOWN in chosen else _ordered(self.domains[name], chosen)[0] for name, chosen in zip(self.fields, box))


def build_grid(before: Ruleset, after: Ruleset) -> Grid:
    """The whole question space of the two revisions.

    Ids must be in both vocabularies; a fact in one only is asked of the other as unknown. Each number field
    takes one value per span that the atoms of both revisions tell apart; each other field all its values.
    """
    vocabularies = (before.vocabulary, after.vocabulary)
    domains: dict[str, tuple[Any, ...]] = {
        "discloser": _common(v.roles for v in vocabularies),
        "recipient": _common(v.roles for v in vocabularies),
        "item": _common(v.items for v in vocabularies),
        "purpose": _common(v.purposes for v in vocabularies),
    }
    spaces = [VariableSpace(before), VariableSpace(after)]
    variables = list(dict.fromkeys([*spaces[1].order, *spaces[0].order]))
    for name in variables:
        values = list(dict.fromkeys(v for space in spaces for v in space.domains.get(name, ())))
        allowed = [set(v.entry(name).type) for v in vocabularies if _known(v, name) and isinstance(v.entry(name).type, list)]
        values = [v for v in values if all(v in a for a in allowed)]
        if values and not isinstance(values[0], (bool, str)):
            field_atoms = [a for space in spaces for a in space.atoms_by_field.get(name, [])]
            values = representatives(sorted(_spans(values, field_atoms)), field_atoms)
        domains[name] = (*values, UNKNOWN)
    fields = (*GRID_FIELDS, *(name for name in variables if name not in GRID_FIELDS))
    return Grid(fields, {name: domains[name] for name in fields}, _contexts(before, after))


def _known(vocabulary: Any, name: str) -> bool:
    return name in vocabulary.facts or name in vocabulary.subject


def _spans(values: list[Any], field_atoms: list[Any]) -> set[Any]:
    """Candidates for a number field: each revision's own, and each bound of both with its neighbours and the
    midpoints between bounds, so that every span that both revisions' bounds cut out has a value."""
    points = sorted({a.value for a in field_atoms})
    found = set(values) | {0}
    for value in points:
        found |= {value - 1, value, value + 1}
    found |= {(a + b) / 2 for a, b in zip(points, points[1:])}
    return {v for v in found if v >= 0}


def _common(id_maps: Iterator[dict[str, Any]]) -> tuple[str, ...]:
    first, *others = list(id_maps)
    return tuple(i for i in first if all(i in other for other in others))


def _contexts(before: Ruleset, after: Ruleset) -> tuple[Context, ...]:
    """One day per period in which no rule, provision or coverage claim of either revision begins or ends, from the
    day before the law covered; each alone and with each pending bill both revisions know assumed enacted."""
    earliest = min(before.law_covered_from, after.law_covered_from) - dt.timedelta(days=1)
    edges: set[dt.date] = {earliest, before.law_covered_from, after.law_covered_from}
    for ruleset in (before, after):
        for rule in ruleset.rules.values():
            edges |= {rule.valid_from, *((rule.valid_to + dt.timedelta(days=1),) if rule.valid_to else ())}
        for provision in ruleset.provisions.values():
            in_force = provision.section.in_force
            edges |= {d for d in (in_force.from_, in_force.to and in_force.to + dt.timedelta(days=1)) if d}
        for entry in ruleset.coverage:
            edges |= {entry.from_, *((entry.to + dt.timedelta(days=1),) if entry.to else ())}
    days = sorted(d for d in edges if d >= earliest)
    bills = sorted(set(before.bills) & set(after.bills))
    return tuple((day, bill) for bill in [(), *((b,) for b in bills)] for day in days)


@dataclass(frozen=True)
class Days:
    """Contexts on which both revisions decide and cite alike, with what each revision decides by then."""

    contexts: tuple[Context, ...]
    periods: tuple[Period, Period]
    cites: tuple[frozenset[str], frozenset[str]]  # the provisions in force then, under each revision


def days_alike(askers: tuple[Asker, Asker], contexts: Sequence[Context]) -> list[Days]:
    """The contexts grouped by the rules in force, the coverage claims and the provisions in force of both
    revisions, so that one of each group is decided for all of them."""
    groups: dict[tuple[tuple[Period, Period], tuple[frozenset[str], frozenset[str]]], list[Context]] = {}
    for context in contexts:
        periods = askers[0].classes.period(*context), askers[1].classes.period(*context)
        cites = askers[0].provisions_in_force(context[0]), askers[1].provisions_in_force(context[0])
        groups.setdefault((periods, cites), []).append(context)
    return [Days(tuple(found), periods, cites) for (periods, cites), found in groups.items()]


# -- comparing -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Named:
    """A question with a name a reviewer knows: a case beside a rule, an example, a hard case or a training scenario."""

    kind: str  # case, example, hard case, scenario
    label: str
    question: dict[str, Any]


@dataclass(frozen=True)
class Change:
    """Questions whose answer moved from `before` to `after`: boxes of the grid on some contexts, or one named question."""

    before: Outcome
    after: Outcome
    rules: tuple[str, ...]  # the changed rules among the grounds, before or after
    grid: Grid | None = None
    members: tuple[Box, ...] = ()
    contexts: tuple[Context, ...] = ()
    named: Named | None = None

    @functools.cached_property
    def count(self) -> int:
        if self.named is not None:
            return 1
        return sum(math.prod(len(values) for values in box) for box in self.members) * len(self.contexts)

    @property
    def outcome_changed(self) -> bool:
        return (self.before.outcome, self.before.refer_reason) != (self.after.outcome, self.after.refer_reason)

    def example(self) -> dict[str, Any]:
        """One question of the change, as a question file holds it."""
        if self.named is not None:
            return self.named.question
        assert self.grid is not None
        return self.grid.question(self.grid.representative(self.members[0]), self.contexts[0])

    def questions(self) -> Iterator[dict[str, Any]]:
        """Every question of the change, one by one."""
        if self.named is not None:
            yield self.named.question
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
    before: Ruleset
    after: Ruleset
    changed_rules: dict[str, str]
    changed_duties: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]
    grid: Grid
    named: int
    classes: int = 0
    answered: int = 0
    seconds: float = 0.0
    changes: list[Change] = field(default_factory=list)
    covered_from: tuple[dt.date, dt.date] | None = None  # (before, after) when the period of law covered moved

    @property
    def changed(self) -> int:
        return sum(change.count for change in self.changes if change.named is None)


def compare(
    before: Ruleset,
    after: Ruleset,
    named: Sequence[Named],
    names: tuple[str, str] = ("before", "after"),
    grid: Grid | None = None,
    watched: Iterable[str] | None = None,
) -> Report:
    """Answer the named questions and the whole question space under both rulesets; collect what changed.

    `watched`: the rules whose reach is searched, each counted as changed in more than its condition (by default
    those that differ between the revisions); every rule gives the class count of the whole ruleset.
    """
    started = time.perf_counter()
    changed = changed_rules(before, after)
    grid = grid or build_grid(before, after)
    space = GridSplitter(before, after, watched_rules(before, after, changed) if watched is None else dict.fromkeys(watched, False))
    askers = Asker(before, space.residuals), Asker(after, space.residuals)
    report = Report(names[0], names[1], before, after, changed, changed_duties(before, after), grid, len(named))
    if before.law_covered_from != after.law_covered_from:
        report.covered_from = (before.law_covered_from, after.law_covered_from)
    for one in named:
        outcomes = askers[0].outcome(one.question), askers[1].outcome(one.question)
        if outcomes[0] != outcomes[1]:
            report.changes.append(Change(*outcomes, _causes(outcomes, changed), named=one))
    classes = space.classes(grid.fields, grid.domains)
    report.classes = len(classes)
    groups = days_alike(askers, grid.contexts)
    day_keys = DayKeys(groups)
    pairs: OutcomePairs = {}
    for cls in classes:
        report.changes.extend(_class_changes(cls, askers, day_keys, grid, changed, pairs))
    report.answered = sum(asker.answered + asker.classes.worked_out for asker in askers)
    report.seconds = time.perf_counter() - started
    return report


class DayKeys:
    """For each group of days, what a class's verdicts on it depend on: the rules it can reach that are in force, of
    every date, and whether a coverage claim it meets holds, in each revision. Classes that reach the same rules and
    claims share these keys, worked out once: there are far fewer reaches than classes."""

    def __init__(self, groups: list[Days]):
        self.groups = groups
        self._by_reach: dict[Any, tuple[list[Any], list[int]]] = {}

    def of(self, reach: tuple[tuple[int, int], ...]) -> tuple[list[Any], list[int]]:
        """The distinct keys in the order the groups first meet them, and each group's place among them."""
        found = self._by_reach.get(reach)
        if found is None:
            distinct: dict[Any, int] = {}
            places = []
            for days in self.groups:
                keys = tuple(
                    (period.active & rules, bool(period.claims & claims), period.undated & rules)
                    for period, (rules, claims) in zip(days.periods, reach)
                )
                places.append(distinct.setdefault(keys, len(distinct)))
            found = self._by_reach[reach] = list(distinct), places
        return found


def _class_changes(
    cls: QuestionClass, askers: tuple[Asker, Asker], day_keys: DayKeys, grid: Grid, changed: dict[str, str], pairs: OutcomePairs
) -> list[Change]:
    """The changes on one class: its outcome under each revision on each group of days, those that differ merged.
    `pairs`: the outcomes of pairs of verdicts on the provisions in force, shared by every class."""
    states = cls.before, cls.after
    reach = askers[0].classes.reach(states[0]), askers[1].classes.reach(states[1])
    distinct, places = day_keys.of(reach)
    decided = list(zip(*(asker.classes.verdicts(state, [keys[side] for keys in distinct]) for side, (asker, state) in enumerate(zip(askers, states)))))
    # the same verdict on unchanged rules: the same grounds citing the same provisions, on every day of the key
    alike = [verdicts[0] is not None and verdicts[0] == verdicts[1] and changed.keys().isdisjoint(verdicts[0].grounds) for verdicts in decided]
    if all(alike):
        return []
    asked: OutcomePairs = {}  # of this class's own questions, by key and provisions cited
    moved: dict[tuple[Outcome, ...], list[Context]] = {}
    for days, place in zip(day_keys.groups, places):
        if alike[place]:
            continue
        verdicts = decided[place]
        # two verdicts cite alike whatever the class, given the provisions in force; one left to the decider is asked
        # on a question of the class
        seen, key = (pairs, (verdicts, days.cites)) if None not in verdicts else (asked, (distinct[place], days.cites))
        if key not in seen:
            as_of = days.contexts[0][0]
            outcomes = tuple(
                asker.outcome(grid.question(grid.representative(cls.boxes[0]), days.contexts[0])) if verdict is None else asker.outcome_of(verdict, as_of)
                for asker, verdict in zip(askers, verdicts)
            )
            seen[key] = outcomes if outcomes[0] != outcomes[1] else None
        pair = seen[key]
        if pair is not None:
            moved.setdefault(pair, []).extend(days.contexts)
    return [
        Change(before, after, _causes((before, after), changed), grid, tuple(cls.members), tuple(sorted(contexts)))
        for (before, after), contexts in moved.items()
    ]


def _ordered(domain: Sequence[Any], chosen: frozenset[Any]) -> list[Any]:
    """Values in the grid's order, so the question answered for a class is the same on every run."""
    return [value for value in domain if value in chosen]


def _causes(outcomes: tuple[Outcome, Outcome], changed: dict[str, str]) -> tuple[str, ...]:
    return tuple(sorted({rule for o in outcomes for rule, _ in o.grounds if rule in changed}))


# -- the command -----------------------------------------------------------------------------------------


def diff(base: str, head: str | None, root: Path, output_format: str, language: str = "en") -> tuple[str, int]:
    """The report of `infoshare diff` and its exit code: 0, 2 for a bad revision, 3 for invalid rule files."""
    from infoshare.review.diff_report import render

    try:
        if output_format not in ("text", "markdown"):
            raise UsageError(f"unknown format '{output_format}': use text or markdown")
        report = compare_revisions(base, head, root)
    except InfoshareError as error:
        lines = [f"infoshare: {error.title}", *(f"  {problem}" for problem in error.problems)]
        return "\n".join(lines) + "\n", error.exit_code
    return render(report, output_format, language), 0


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
        unique: dict[str, Named] = {}
        for one in [*after_cases, *before_cases, *examples(root)]:  # a question in both revisions keeps the newer label
            unique.setdefault(_canonical(one), one)
        return compare(before, after, sorted(unique.values(), key=lambda one: (one.kind, one.label)), (base, head or WORKING_TREE))


def _load_revision(stack: ExitStack, root: Path, revision: str) -> tuple[Ruleset, list[Named]]:
    folder = stack.enter_context(checked_out(root, revision))
    try:
        return load_ruleset(folder, cached=False), _case_questions(folder, revision)
    except RulesetError as error:
        raise relocated(error, folder, revision) from None


def _case_questions(root: Path, revision: str | None) -> list[Named]:
    """Every case question under `root`, labelled `file:line: name` (`REVISION:file` for a checked-out revision)."""
    found = []
    for path in case_files(root):
        name = f"{revision}:{path.relative_to(root).as_posix()}" if revision else display(path)
        for located in load_cases(path):
            found.append(Named("case", f"{name}:{located.line}: {located.case.name}", located.case.question))
    return found


def examples(root: Path) -> list[Named]:
    """The examples, hard cases and training scenarios (with their variations) of the working tree, by name.
    One that cannot be read is left to `infoshare check` and `scenarios check` to report."""
    found = []
    for kind, folder in (("example", root / "examples"), ("hard case", root / "examples" / "hard-cases")):
        for path in sorted(folder.glob("*.yaml")):
            try:
                data = load_file(path, display(path)).data
            except YamlSyntaxError:
                continue
            if isinstance(data, dict):
                found.append(Named(kind, path.stem, data))
    try:
        scenarios = load_scenarios(root)
    except InfoshareError:
        scenarios = []
    for scenario in scenarios:
        found.append(Named("scenario", scenario.name, scenario.question_data()))
        for number, variation in enumerate(scenario.content.variations, start=1):
            found.append(Named("scenario", f"{scenario.name}, variation {number}", scenario.question_data(variation)))
    return found


def _canonical(one: Named) -> str:
    return one.kind + json.dumps(one.question, sort_keys=True, default=str)
