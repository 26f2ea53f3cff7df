"""The decision procedure: from a question to a `Ruling`, exactly as contract.md §2 and §5 say.

Matching (which rules apply) is the matcher's job; everything else happens here, in Python:
dates, pending bills, defeat through `overrides`, the outcome, and the three-valued handling of
unknown facts. Unknown facts are explored as a decision tree: three-valued evaluation tells which
rules are still undecided, the tool branches on the fact most of them ask about, and each leaf (a
completion of the facts that matter) is matched by durable-rules, which must agree with the search.
An outcome is given only when every leaf agrees.

A ruling names rules, provisions, facts and warning codes only; render/words.py puts it into words. Its parts are
named tuples: immutable records, defined at each start in a fraction of a dataclass's time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from infoshare.core.compile import Atom, atoms
from infoshare.core.currency import Notice, date_notices
from infoshare.core.evaluate import holds, kleene, open_fields, search
from infoshare.core.loader import Ruleset
from infoshare.core.rule_index import RuleIndex
from infoshare.domain import OPEN_FIELDS, SUBJECT_KINDS, fact_name
from infoshare.errors import EngineError

if TYPE_CHECKING:
    from infoshare.core.question import Question

MAX_LEAVES = 4096


class Matcher(Protocol):
    """Which rules' conditions hold on a complete assignment (durable-rules or the reference)."""

    name: str
    independent: bool  # a second implementation, so its matches are checked against the three-valued search

    def match(self, assignment: Mapping[str, Any], among: Iterable[str] | None = None) -> frozenset[str]:
        """The rules that hold: exactly, for every rule or at least for those `among` (others may be left out)."""
        ...

    def close(self) -> None: ...


class Verdict(NamedTuple):
    """The outcome for one set of applicable rules."""

    outcome: str
    refer_reason: str | None
    grounds: tuple[str, ...]
    defeated: tuple[tuple[str, str], ...]
    mixed_grounds: bool = False  # the same outcome in every completion, but on grounds that depend on unknown facts
    # Secrecy defaults that would have forbidden a disclosure the ruleset does not declare covered (refer/not_covered).
    set_aside: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.outcome, self.refer_reason)


class Leaf(NamedTuple):
    verdict: Verdict


class Branch(NamedTuple):
    variable: str
    asked_by: tuple[str, ...]
    children: tuple[tuple[Any, Leaf | Branch], ...]  # trees are shared between questions and never changed


def _branch(variable: str, asked_by: tuple[str, ...], children: list[tuple[Any, Node]]) -> Branch:
    return Branch(variable, asked_by, tuple(children))


Node = Leaf | Branch
_CUT_SHORT = Leaf(Verdict("refer", "missing_facts", (), ()))  # where the search stopped at MAX_LEAVES


class Decision(NamedTuple):
    """A question decided once: its verdict and the decision tree over its unknown fields, for callers that
    want more than the verdict (the open questions, the leaves) without deciding it again."""

    verdict: Verdict
    tree: Node
    capped: bool  # the search stopped at MAX_LEAVES

    def paths(self) -> list[tuple[dict[str, Any], Verdict]]:
        """Every leaf with the values its unknown fields take on the way there; the leaves partition the completions."""
        return _paths(self.tree)

    def open_part(self) -> Callable[[Verdict], Any] | None:
        """What the unknown facts can still change, as a key on leaf verdicts: the outcome (missing facts),
        only the grounds (the same outcome on grounds that depend on them), or nothing."""
        if self.verdict.refer_reason == "missing_facts":
            return _outcome
        if self.verdict.mixed_grounds:
            return _outcome_and_grounds
        return None


class OpenFact(NamedTuple):
    """An unknown field whose value would change the outcome (or the grounds), and the rules that ask for it."""

    field: str  # a fact id, `initiative`, `age` or `mature`
    asked_by: tuple[str, ...]

    @property
    def fact(self) -> str:
        """The name the contract gives it: `subject.age` for the subject's fields."""
        return fact_name(self.field)


class Duty(NamedTuple):
    """A duty the same facts trigger toward another recipient, or with another item: `must_share`, or `refer`
    while the facts in `questions` are unknown."""

    recipient: str
    purpose: str
    item: str
    outcome: str
    rules: tuple[str, ...]
    questions: tuple[str, ...] = ()


class Alternative(NamedTuple):
    """What the worker could change (`condition`: fact → value) and what the answer would then be."""

    condition: dict[str, Any]
    outcome: str
    refer_reason: str | None
    grounds: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"if": self.condition, "outcome": self.outcome}
        if self.refer_reason:
            out["refer_reason"] = self.refer_reason
        out["rule"] = self.grounds[0] if self.grounds else None
        out["grounds"] = list(self.grounds)
        return out


class Ruling(NamedTuple):
    """A question decided in full, in ids only: the verdict, and everything an answer says beyond it."""

    question: Question  # as answered: `as_of` filled in
    verdict: Verdict
    obligations: tuple[str, ...]
    related_duties: tuple[Duty, ...]
    open_facts: tuple[OpenFact, ...]
    alternatives: tuple[Alternative, ...]
    notices: tuple[Notice, ...]

    @property
    def as_of(self) -> dt.date:
        assert self.question.as_of is not None
        return self.question.as_of


class VariableSpace:
    """The unknown parts of a question and, for each, one value per case the rules distinguish."""

    def __init__(self, ruleset: Ruleset):
        vocabulary = ruleset.vocabulary
        self.order = [*OPEN_FIELDS, *vocabulary.facts]
        self.rank = {name: index for index, name in enumerate(self.order)}
        by_field: dict[str, list[Atom]] = {}
        for expr in ruleset.compiled.values():
            for atom in atoms(expr):
                by_field.setdefault(atom.field, []).append(atom)
        kinds: dict[str, Any] = {"initiative": vocabulary.subject["initiative"].type, **SUBJECT_KINDS}
        kinds.update({fact: entry.type for fact, entry in vocabulary.facts.items()})
        self.atoms_by_field = by_field
        self.domains = {name: _domain(kinds[name], by_field.get(name, [])) for name in self.order}

    def complete(self, partial: Mapping[str, Any]) -> dict[str, Any]:
        """Fill every unknown field with its first value; used only where no rule still depends on it."""
        full = dict(partial)
        for name in self.order:
            full.setdefault(name, self.domains[name][0])
        return full

    def complete_on(self, known: Mapping[str, Any], partial: Mapping[str, Any], fields: Iterable[str]) -> dict[str, Any]:
        """`complete`, for `fields` only: each one's value in `known`, else in `partial`, else its first value."""
        domains = self.domains
        return {name: known[name] if name in known else partial[name] if name in partial else domains[name][0] for name in fields}


def _domain(kind: Any, field_atoms: Sequence[Atom]) -> list[Any]:
    if kind == "bool":
        return [True, False]
    if isinstance(kind, list):
        return list(kind)
    points = sorted({a.value for a in field_atoms})
    candidates = {0}
    for value in points:
        candidates |= {value - 1, value, value + 1}
    if kind == "number":
        candidates |= {(a + b) / 2 for a, b in zip(points, points[1:])}
    return sorted(representatives(sorted(v for v in candidates if v >= 0), field_atoms))


def representatives(values: Iterable[Any], field_atoms: Sequence[Atom]) -> list[Any]:
    """The first of `values` for each set of them that every atom on the field treats alike."""
    values = list(values)
    if all(isinstance(v, str) for v in values):  # ids: each one an atom names is a case of its own, the rest one case
        named = {a.value for a in field_atoms if isinstance(a.value, str)}
        unnamed = next((v for v in values if v not in named), None)
        return [v for v in values if v in named or v is unnamed]
    seen: dict[tuple[bool, ...], Any] = {}
    for value in values:
        seen.setdefault(tuple(holds(a, value) for a in field_atoms), value)
    return list(seen.values())


class Decider:
    """Answers questions against one ruleset with one matcher. Reuse it: building it compiles the rules."""

    def __init__(self, ruleset: Ruleset, matcher: Matcher):
        self.ruleset = ruleset
        self.matcher = matcher
        self.space = VariableSpace(ruleset)
        self._topological = _overriders_first(ruleset)
        self._position = {rule_id: index for index, rule_id in enumerate(self._topological)}
        self.index = RuleIndex(ruleset)  # also the lint's, to find which rules can meet
        self._trees: dict[tuple[Any, ...], tuple[Node, bool, list[tuple[dict[str, Any], frozenset[str]]]]] = {}
        self._verdicts: dict[frozenset[str], Verdict] = {}
        self._leaf_of: dict[frozenset[str], Leaf] = {}
        self._active_cache: dict[tuple[dt.date | None, tuple[str, ...]], frozenset[str]] = {}
        self._covered: dict[tuple[str, str, dt.date], bool] = {}
        self._combined_trees: dict[tuple[int, bool], tuple[Node, Verdict]] = {}
        self._duties_by_discloser: dict[str, list[str]] = {}
        self._required: dict[str, tuple[Atom, ...]] = {}  # bounded by the rules
        # Duties on facts toward a named recipient, the only rules the related-duty search starts from, in id order.
        self._duties = [
            rule_id for rule_id, rule in sorted(ruleset.rules.items())
            if rule.duty == "on_facts" and rule.when.recipient is not None and not rule.when.recipient.negated
        ]

    # -- the public entry -------------------------------------------------------------------------------

    def ruling(self, question: Question) -> Ruling:
        question = question.with_defaults()
        decision = self._decide(question, cross_check=True)
        verdict = decision.verdict
        open_facts = open_facts_in(decision.tree, _outcome) if verdict.refer_reason == "missing_facts" else []
        related = self._related_duties(question, verdict)
        alternatives = self._alternatives(question, decision)
        notices = self._notices(question, related, verdict, decision.capped)
        obligations = self._obligations(verdict) if verdict.outcome != "refer" else []
        return Ruling(question, verdict, tuple(obligations), tuple(related), tuple(open_facts), tuple(alternatives), tuple(notices))

    def decide(self, question: Question) -> Decision:
        """The outcome and its grounds, without duties, alternatives or texts: for grids and interviews."""
        return self._decide(question.with_defaults(), cross_check=True)

    def verdict(self, question: Question) -> Verdict:
        return self.decide(question).verdict

    def open_facts(self, decision: Decision) -> list[OpenFact]:
        """The unknown facts whose value would change the outcome, or the grounds it rests on."""
        telling = decision.open_part()
        return open_facts_in(decision.tree, telling) if telling else []

    # -- deciding -------------------------------------------------------------------------------------

    def _decide(self, question: Question, cross_check: bool = False) -> Decision:
        """`cross_check`: match each leaf with the matcher too, when it is an independent engine (durable-rules).
        The asked question is cross-checked; the many variants that alternatives and related duties decide
        are not (the property tests compare both engines on them)."""
        as_of = question.as_of
        assert as_of is not None
        active = self._active(question, as_of) if as_of >= self.ruleset.law_covered_from else frozenset()
        tree, capped = self._explore(question.assignment(), active, cross_check)
        tree, verdict = self._combined(tree, self._is_covered(question.discloser, question.recipient, as_of))
        if verdict.key == ("refer", "not_covered") and not verdict.set_aside:
            ignoring_dates = self._active(question, None)
            other_tree, _ = self._explore(question.assignment(), ignoring_dates, cross_check)
            verdict = not_in_force(verdict, [leaf.verdict for leaf in _leaves(other_tree)])
        return Decision(verdict, tree, capped)

    def _combined(self, tree: Node, covered: bool) -> tuple[Node, Verdict]:
        """The tree with the secrecy defaults set aside where the disclosure is not covered, and its verdict, worked
        out once per cached tree (the key is the tree's identity: the tree lives while it is cached)."""
        key = (id(tree), covered)
        found = self._combined_trees.get(key)
        if found is None:
            final = tree if covered else self._defaults_set_aside(tree)
            found = self._combined_trees[key] = final, _combine(final)
        return found

    def _is_covered(self, discloser: str, recipient: str, as_of: dt.date) -> bool:
        key = (discloser, recipient, as_of)
        covered = self._covered.get(key)
        if covered is None:
            if len(self._covered) > 4096:  # stay bounded over a long batch
                self._covered.clear()
            covered = self._covered[key] = self.ruleset.covered(discloser, recipient, as_of)
        return covered

    def in_force(self, as_of: dt.date | None, assume_enacted: Sequence[str]) -> frozenset[str]:
        """Rules in force on `as_of` (all dates when None); a bill's rules only when assumed enacted."""
        return self.index.in_force(as_of, assume_enacted)

    def _active(self, question: Question, as_of: dt.date | None) -> frozenset[str]:
        """`in_force`, remembered per date."""
        key = (as_of, tuple(question.assume_enacted))
        if key not in self._active_cache:
            if len(self._active_cache) > 4096:  # a long-running process meets many dates: stay bounded
                self._active_cache.clear()
            self._active_cache[key] = self.in_force(as_of, question.assume_enacted)
        return self._active_cache[key]

    def _explore(self, known: dict[str, Any], active: frozenset[str], cross_check: bool) -> tuple[Node, bool]:
        """The decision tree over the candidate rules. The tree depends only on the candidates and the known values
        of the fields they mention, so a question, alternative or related duty that changes nothing they look at
        reuses the tree already built. A cross-check still matches each of this question's own leaves."""
        candidates = self.index.candidates(known, active)
        key = self.index.search_key(candidates, known)
        if key not in self._trees:
            if len(self._trees) > 4096:  # stay bounded over a long batch
                self._trees.clear()
                self._combined_trees.clear()  # keyed by the identity of trees that are now gone
            self._trees[key] = self._search(known, candidates)
        tree, capped, leaves = self._trees[key]
        if cross_check and self.matcher.independent:
            self._cross_check(known, candidates, leaves)
        return tree, capped

    def _search(self, known: dict[str, Any], candidates: list[str]) -> tuple[Node, bool, list[tuple[dict[str, Any], frozenset[str]]]]:
        """The tree (a leaf where every candidate is decided, or where MAX_LEAVES leaves are already made), whether it
        stopped at MAX_LEAVES, and each decided leaf's assignment (the known values with those the search gave the
        unknown fields) with the rules that hold there, for the cross-check (none kept where no matcher cross-checks)."""
        leaves: list[tuple[dict[str, Any], frozenset[str]]] = []
        keep = self.matcher.independent
        count = [0]
        capped = [False]

        def stop(holding: frozenset[str], undecided: list[str]) -> bool:
            return not undecided or count[0] >= MAX_LEAVES

        def leaf(partial: dict[str, Any], holding: frozenset[str], undecided: list[str]) -> Node:
            capped[0] = capped[0] or bool(undecided)
            count[0] += 1
            if undecided:
                return _CUT_SHORT
            if keep:
                leaves.append((partial, holding))  # the search never changes a node's assignment once made
            return self._leaf(holding)

        space = self.space
        tree = search(self.ruleset.compiled, candidates, known, space.rank, space.domains, stop, leaf, _branch)
        return tree, capped[0], leaves

    def _cross_check(self, known: dict[str, Any], candidates: list[str], leaves: list[tuple[dict[str, Any], frozenset[str]]]) -> None:
        """The matcher must find, at every decided leaf of this question, exactly the rules the search found to hold
        among the rules that can apply (the index rules out the others exactly). Each leaf goes to the matcher as the
        discloser and the fields those rules look at: no other field can change them, so leaves alike in these are
        one fact to the matcher."""
        can_apply = frozenset(candidates)
        fields = ("discloser", *self.index.mentioned(candidates))
        for partial, holding in leaves:  # a reused tree's leaves hold the known values of the question it was built for
            matched = self.matcher.match(self.space.complete_on(known, partial, fields), can_apply) & can_apply
            if matched != holding:
                raise EngineError(
                    f"the {self.matcher.name} engine and the reference evaluator disagree on the applicable rules: "
                    f"{sorted(matched ^ holding)}"
                )

    def _defaults_set_aside(self, tree: Node) -> Node:
        """The tree with each leaf where only secrecy defaults forbid turned into refer/not_covered: the disclosure is
        outside the coverage ruleset.yaml claims, so the ruleset does not stand behind that prohibition. A subtree
        with no such leaf is the same object (trees are never changed)."""
        if isinstance(tree, Branch):
            children = [(value, self._defaults_set_aside(child)) for value, child in tree.children]
            if all(new is old for (_, new), (_, old) in zip(children, tree.children)):
                return tree
            return _branch(tree.variable, tree.asked_by, children)
        verdict = self.set_aside_defaults(tree.verdict)
        return tree if verdict is tree.verdict else Leaf(verdict)

    def set_aside_defaults(self, verdict: Verdict) -> Verdict:
        """A leaf's verdict outside the coverage: a prohibition resting on secrecy defaults alone is not stood behind."""
        if verdict.outcome == "must_not_share" and all(self.ruleset.rules[r].fallback for r in verdict.grounds):
            return Verdict("refer", "not_covered", (), verdict.defeated, set_aside=verdict.grounds)
        return verdict

    def _leaf(self, applicable: frozenset[str]) -> Leaf:
        """The leaf of a set of applicable rules: one object for every tree it is in (trees are never changed), so
        that the cached trees hold fewer objects."""
        leaf = self._leaf_of.get(applicable)
        if leaf is None:
            if len(self._leaf_of) > 4096:  # stay bounded over a long batch
                self._leaf_of.clear()
            leaf = self._leaf_of[applicable] = Leaf(self.resolve(applicable))
        return leaf

    def resolve(self, applicable: frozenset[str]) -> Verdict:
        """Defeat by overrides, then the outcome (contract §5); each set of applicable rules is resolved once."""
        verdict = self._verdicts.get(applicable)
        if verdict is None:
            if len(self._verdicts) > 4096:  # stay bounded over a long batch
                self._verdicts.clear()
            verdict = self._verdicts[applicable] = self._resolve(applicable)
        return verdict

    def _resolve(self, applicable: frozenset[str]) -> Verdict:
        rules = self.ruleset.rules
        defeated: set[str] = set()
        pairs: list[tuple[str, str]] = []
        for rule_id in sorted(applicable, key=self._position.__getitem__):  # overriders first: every rule that could defeat this one is settled
            if rule_id in defeated:
                continue
            for other in rules[rule_id].overrides:
                if other in applicable:
                    defeated.add(other)
                    pairs.append((other, rule_id))
        standing = sorted(applicable - defeated)
        by_effect = {effect: tuple(r for r in standing if rules[r].effect == effect) for effect in ("require", "permit", "forbid")}
        pairs = sorted(pairs)
        if by_effect["forbid"] and (by_effect["require"] or by_effect["permit"]):
            return Verdict("refer", "conflict", tuple(standing), tuple(pairs))
        for effect, outcome in (("require", "must_share"), ("permit", "may_share"), ("forbid", "must_not_share")):
            if by_effect[effect]:
                return Verdict(outcome, None, by_effect[effect], tuple(pairs))
        return Verdict("refer", "not_covered", (), tuple(pairs))

    # -- what the answer says beyond its outcome ------------------------------------------------------

    def _related_duties(self, question: Question, verdict: Verdict) -> list[Duty]:
        """Duties the same facts trigger toward other recipients, or with another item (never stay silent on one).

        A duty attaches to what the discloser knows, so it is looked for whatever the question's item and purpose:
        toward each duty's first recipient, for the purpose it serves (`serves`), with the question's item where the
        duty allows it, else the item the duty is met with (`informs`: a priest asked about the confession itself
        still informs the police of the plan). Only the question itself is skipped: the same recipient (any route of
        a duty toward several, as Criminal Code 15:10 is met by telling the authorities or the person in danger) and
        the same item. A duty that this disclosure already meets is not one more duty.
        """
        met = set(verdict.grounds) if verdict.outcome == "must_share" else set()
        rules = self.ruleset.rules
        descendants = self.ruleset.descendants
        targets: list[tuple[str, str, str]] = []
        what_is_known = question.assignment()
        assert question.as_of is not None
        active = self._active(question, question.as_of)
        for rule_id in self._duties_of(question.discloser):
            if rule_id not in active:
                continue
            rule = rules[rule_id]
            when = rule.when
            assert when.recipient is not None
            excluded = set(when.item.ids) if when.item is not None else set()
            item = question.item if question.item not in excluded else rule.informs
            if item is None:
                continue
            if item == question.item and any(question.recipient in descendants[r] for r in when.recipient.ids):
                continue
            target = (when.recipient.ids[0], rule.serves or question.purpose, item)
            target_known = {**what_is_known, "recipient": target[0], "purpose": target[1], "item": item, "initiative": "proactive"}
            if kleene(self.ruleset.compiled[rule_id])(target_known) is False:
                continue  # the known facts already rule this duty out: no need to decide its target
            if target not in targets:
                targets.append(target)
        duties: list[Duty] = []
        for recipient, purpose, item in targets:
            other = question.model_copy(update={"recipient": recipient, "purpose": purpose, "item": item, "initiative": "proactive"})
            decision = self._decide(other)
            other_verdict = decision.verdict
            if any(named.recipient == recipient and set(other_verdict.grounds) <= set(named.rules) for named in duties):
                continue  # the same duty, found again by another route's target
            if other_verdict.outcome == "must_share" and not set(other_verdict.grounds) <= met:
                duties.append(Duty(recipient, purpose, item, "must_share", other_verdict.grounds))
            elif other_verdict.refer_reason == "missing_facts":
                possible = sorted({g for leaf in _leaves(decision.tree) if leaf.verdict.outcome == "must_share" for g in leaf.verdict.grounds})
                if possible and not set(possible) <= met and self._pointed_at(question, possible):
                    known = other.assignment()
                    open_now = frozenset().union(*(open_fields(self.ruleset.compiled[r], known) for r in possible))
                    asked = tuple(fact_name(name) for name in self.space.order if name in open_now)
                    duties.append(Duty(recipient, purpose, item, "refer", tuple(possible), asked))
        return duties

    def _duties_of(self, discloser: str) -> list[str]:
        """The duties on facts this discloser can bear (its rules by the index), in id order."""
        found = self._duties_by_discloser.get(discloser)
        if found is None:
            bearable = self.index.fields["discloser"].allowing(discloser)
            found = [rule_id for rule_id in self._duties if rule_id in bearable]
            if discloser in self.ruleset.vocabulary.roles:  # bounded by the vocabulary
                self._duties_by_discloser[discloser] = found
        return found

    def _pointed_at(self, question: Question, rule_ids: Sequence[str]) -> bool:
        """Whether the question states a fact these rules look for (a value they require, not one they exclude):
        only then is a possible duty news rather than noise."""
        facts = question.facts
        return any(atom.field in facts and holds(atom, facts[atom.field]) for rule_id in rule_ids for atom in self._looked_for(rule_id))

    def _looked_for(self, rule_id: str) -> tuple[Atom, ...]:
        """The values a rule requires (not those it excludes), found once per rule."""
        found = self._required.get(rule_id)
        if found is None:
            found = self._required[rule_id] = tuple(atom for atom in atoms(self.ruleset.compiled[rule_id]) if atom.op == "eq" and atom.value is not False)
        return found

    def _alternatives(self, question: Question, decision: Decision) -> list[Alternative]:
        """What the worker could change (consent and the like) and what the answer would then be.

        The answers to the changed questions are read off a decision tree where the fact is unknown (`_restricted`):
        the question's own for an unknown fact, and for a known one with several other values, the tree of the
        question without it (one search in place of one for each value)."""
        verdict = decision.verdict
        found = []
        known = question.assignment()
        # A fact no rule that can apply on any day looks at changes no search (their key is the same): skip it.
        looked_at = self.index.mentioned(self.index.candidates(known, self._active(question, None)))
        own_paths: list[tuple[dict[str, Any], Verdict]] | None = None
        for fact, entry in self.ruleset.vocabulary.facts.items():
            if not entry.actionable or fact not in looked_at:
                continue
            values = [v for v in self.space.domains[fact] if v not in entry.never_suggest and not (fact in question.facts and question.facts[fact] == v)]
            paths = None
            if fact not in question.facts:
                if own_paths is None and self._restricts(question, known, decision):
                    own_paths = decision.paths()
                paths = own_paths
            elif len(values) > 1:
                without = question.model_copy(update={"facts": {name: value for name, value in question.facts.items() if name != fact}})
                unknown = self._decide(without)
                paths = unknown.paths() if self._restricts(without, without.assignment(), unknown) else None
            for value in values:
                other_verdict = _restricted(paths, fact, value) if paths is not None else None
                if other_verdict is None:
                    other = question.model_copy(update={"facts": {**question.facts, fact: value}})
                    other_verdict = self._decide(other).verdict
                if other_verdict.key != verdict.key:
                    found.append(Alternative({fact: value}, other_verdict.outcome, other_verdict.refer_reason, other_verdict.grounds))
        return found

    def _restricts(self, question: Question, known: Mapping[str, Any], decision: Decision) -> bool:
        """Whether the question with one more fact known is decided by the leaves of this question's tree (see
        `_restricted`): the tree is whole, and no search of that question could stop at MAX_LEAVES (its leaves
        are at most the completions of the unknown fields its rules look at)."""
        if decision.capped:
            return False
        assert question.as_of is not None
        candidates = self.index.candidates(known, self._active(question, question.as_of))
        completions = 1
        for name in self.index.mentioned(candidates):
            if name not in known:
                completions *= len(self.space.domains[name])
        return completions <= MAX_LEAVES

    def _obligations(self, verdict: Verdict) -> list[str]:
        wanted = {o for rule_id in verdict.grounds for o in self.ruleset.rules[rule_id].obligations}
        return [oid for oid in self.ruleset.vocabulary.obligations if oid in wanted]

    def _notices(self, question: Question, related: list[Duty], verdict: Verdict, capped: bool) -> list[Notice]:
        """The answer's warnings as codes: the day's (currency.py), each unverified provision cited, a prohibition
        set aside outside the coverage, a search cut short, grounds that depend on unknown facts."""
        as_of = question.as_of
        assert as_of is not None
        notices = date_notices(self.ruleset, as_of, question.assume_enacted)
        seen = set()
        for rule_id in [*verdict.grounds, *(r for duty in related for r in duty.rules)]:
            for provision in self.ruleset.provisions_in_force(rule_id, as_of):
                if not self.ruleset.provisions[provision].section.verified and provision not in seen:
                    seen.add(provision)
                    notices.append(Notice("unverified_provision", provision, {"provision": provision}))
        if verdict.set_aside:
            provisions = tuple(pid for r in verdict.set_aside for pid in self.ruleset.provisions_in_force(r, as_of))
            notices.append(Notice("not_encoded", values={"provisions": provisions}))
        if capped:
            notices.append(Notice("search_limit"))
        if verdict.mixed_grounds:
            notices.append(Notice("grounds_depend_on_unknown_facts"))
        return notices

    # -- releasing the engine ---------------------------------------------------------------------------

    def close(self) -> None:
        """Free the matcher's engine state now (it is freed anyway when the matcher is collected)."""
        self.matcher.close()

    def __enter__(self) -> Decider:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _leaves(node: Node) -> list[Leaf]:
    """Every leaf, in order (with an explicit stack: trees are walked for every answer)."""
    found: list[Leaf] = []
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, Leaf):
            found.append(node)
        else:
            stack.extend(child for _, child in reversed(node.children))
    return found


def _outcome(verdict: Verdict) -> tuple[str, str | None]:
    return verdict.key


def _outcome_and_grounds(verdict: Verdict) -> tuple[Any, ...]:
    return (verdict.key, verdict.grounds)


def _paths(node: Node) -> list[tuple[dict[str, Any], Verdict]]:
    """Each leaf's verdict with the values taken on the way to it, in order."""
    found: list[tuple[dict[str, Any], Verdict]] = []
    stack: list[tuple[Node, dict[str, Any]]] = [(node, {})]
    while stack:
        node, path = stack.pop()
        if isinstance(node, Leaf):
            found.append((path, node.verdict))
        else:
            stack.extend((child, {**path, node.variable: value}) for value, child in reversed(node.children))
    return found


def open_facts_in(tree: Node, telling: Callable[[Verdict], Any]) -> list[OpenFact]:
    """The unknown fields whose value alone changes what `telling` tells of the verdict (its outcome, or
    its outcome and grounds).

    A field counts when two completions that differ in it alone are answered differently, even if each
    of its values still leaves every outcome possible (an age matters beside a consent). Two leaves hold such
    a pair exactly when the fields both paths take differ in one alone: the field of the branch where the paths
    part, every field taken below it on both sides agreeing (`_told_apart`). Fields are listed in the order the
    tree first branches on them.
    """
    asked_by: dict[str, set[str]] = {}
    deciding: set[str] = set()
    for branch in _branches(tree):
        asked_by.setdefault(branch.variable, set()).update(branch.asked_by)
        if branch.variable not in deciding and _told_apart(branch, telling):
            deciding.add(branch.variable)
    return [OpenFact(name, tuple(sorted(asked))) for name, asked in asked_by.items() if name in deciding]


def _told_apart(branch: Branch, telling: Callable[[Verdict], Any]) -> bool:
    """Whether a leaf under one value of `branch` and a leaf under another, agreeing on every field both take below
    it, are told apart: for each leaf of one side, the leaves of a later side its values still lead to."""
    subtrees = [child for _, child in branch.children]
    for index, side in enumerate(subtrees):
        for path, verdict in _paths(side):
            told = telling(verdict)
            if any(told != other for later in subtrees[index + 1:] for other in _told_along(later, path, telling)):
                return True
    return False


def _told_along(node: Node, path: Mapping[str, Any], telling: Callable[[Verdict], Any]) -> Iterable[Any]:
    """What `telling` tells of each leaf under `node` whose path agrees with `path` on the fields both take."""
    if isinstance(node, Leaf):
        yield telling(node.verdict)
        return
    for value, child in node.children:
        if node.variable not in path or path[node.variable] == value:
            yield from _told_along(child, path, telling)


def _branches(node: Node) -> Iterable[Branch]:
    """Every branch, parents before children."""
    if isinstance(node, Branch):
        yield node
        for _, child in node.children:
            yield from _branches(child)


def _combine(tree: Node) -> Verdict:
    return combine_verdicts([leaf.verdict for leaf in _leaves(tree)])


def combine_verdicts(verdicts: Sequence[Verdict]) -> Verdict:
    """The leaves' verdicts as one: the verdict if every leaf agrees; else refer/missing_facts, citing what could
    decide. It depends only on which verdicts occur, not on how often or in which order."""
    keys = {verdict.key for verdict in verdicts}
    if len(keys) > 1:
        grounds = sorted({g for verdict in verdicts for g in verdict.grounds})
        return Verdict("refer", "missing_facts", tuple(grounds), ())
    first = verdicts[0]
    common = set(first.grounds)
    defeated = set(first.defeated)
    for verdict in verdicts[1:]:
        common &= set(verdict.grounds)
        defeated &= set(verdict.defeated)
    set_aside = tuple(sorted({r for verdict in verdicts for r in verdict.set_aside}))
    if common or len(verdicts) == 1:
        return Verdict(*first.key, tuple(sorted(common)), tuple(sorted(defeated)), set_aside=set_aside)
    union = sorted({g for verdict in verdicts for g in verdict.grounds})
    return Verdict(*first.key, tuple(union), tuple(sorted(defeated)), mixed_grounds=bool(union), set_aside=set_aside)


def _restricted(paths: Sequence[tuple[dict[str, Any], Verdict]], fact: str, value: Any) -> Verdict | None:
    """The verdict of a question once `fact`, unknown, is known to be `value`, from the leaves of its decision tree
    (`paths`) where the fact can be that value. A fact changes no candidate rule, so that question's completions are these
    leaves' completions with the fact set, each with its leaf's rules and verdict, and its verdict combines the same
    verdicts (`combine_verdicts` depends only on which occur). None where the answer would then ask the rules of
    other dates (refer/not_covered): that takes a search of its own."""
    verdict = combine_verdicts([leaf for path, leaf in paths if path.get(fact, value) == value])
    return None if verdict.key == ("refer", "not_covered") and not verdict.set_aside else verdict


def not_in_force(verdict: Verdict, ignoring_dates: Iterable[Verdict]) -> Verdict:
    """A refer/not_covered that rules of other dates would decide names them (refer/not_in_force); `ignoring_dates`:
    the leaves' verdicts of the same question decided by the rules of every date."""
    would_decide = sorted({g for leaf in ignoring_dates if leaf.outcome != "refer" for g in leaf.grounds})
    return Verdict("refer", "not_in_force", tuple(would_decide), ()) if would_decide else verdict


def _overriders_first(ruleset: Ruleset) -> list[str]:
    """Every rule after all the rules that override it, in linear time: the overriders of each rule are found once.
    Iterative, so a long chain of overrides cannot exhaust the interpreter's stack."""
    rules = ruleset.rules
    overridden_by: dict[str, list[str]] = {}
    for other, rule in sorted(rules.items()):
        for rule_id in rule.overrides:
            overridden_by.setdefault(rule_id, []).append(other)
    order: list[str] = []
    done: set[str] = set()
    for first in sorted(rules):
        if first in done:
            continue
        done.add(first)
        stack = [(first, iter(overridden_by.get(first, ())))]
        while stack:
            rule_id, overriders = stack[-1]
            waiting = next((o for o in overriders if o not in done), None)
            if waiting is None:
                stack.pop()
                order.append(rule_id)
            else:
                done.add(waiting)
                stack.append((waiting, iter(overridden_by.get(waiting, ()))))
    return order

