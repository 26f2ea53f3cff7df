"""The durable-rules matcher: the only module that imports durable.

durable-rules 2.0.28 has sharp edges, all contained here:
- We drive its C core (`durable_rules_engine`) directly, not `durable.engine.Host`: the Host starts
  timer threads that are never stopped and swallows exceptions raised in actions. Driving the core,
  we collect fired rule names ourselves and every failure raises `EngineError`.
- Facts, not events: `assert_fact` fires every matching rule (an event fires only the first).
- `$or` fires once per true branch, so fired names are de-duplicated.
- A catch-all rule always fires, so `delete_state` never meets a state that matched nothing (that
  crashes the process), and one state is live at a time (at most 1,024 may exist per ruleset).
- Creating a state costs more than matching a fact in it (it allocates and clears a frame pool for every rule),
  so each shard keeps its one state and retracts each fact once its actions are taken; after any failure the
  state is deleted, so the next fact meets a fresh one.
- An action message is `{"<rule>":{"m":<the fact as sent>}}`: the rule's name is read off it without parsing
  the fact again; any other message is parsed whole and every name in it checked.
- A ruleset holds a few hundred rules and a fact fewer than 255 properties: rules are sharded (below). Building
  a shard's network costs about as much as matching a hundred facts, so a shard is built on first use, and a
  question's leaves are matched only in the shards that hold its candidate rules.
- The core is not thread-safe: one lock per question.
- Rule definitions are generated only from our validated IR, so durable never sees a field named
  `id`, `sid` or `$s` (a condition on those re-fires forever).
"""

from __future__ import annotations

import itertools
import json
import threading
import weakref
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any

import durable_rules_engine as _core

from infoshare.core.compile import All, AnyOf, Atom, Expr, fields_of
from infoshare.errors import EngineError

_CATCH_ALL = "$infoshare-catch-all"
_STATE = "question"
_SID_PIECE = json.dumps({"sid": _STATE})[1:-1]
_OPS = {"ne": "$neq", "lt": "$lt", "le": "$lte", "gt": "$gt", "ge": "$gte"}
_RESERVED = {"id", "sid", "$s"}
_names = itertools.count()


@cache
def to_durable(expr: Expr) -> dict[str, Any]:
    """One IR expression as a durable-rules JSON condition (once per expression: every discloser's network and
    every decider of the process shares it; it is only ever serialised, never changed)."""
    if isinstance(expr, Atom):
        if expr.field in _RESERVED or expr.field.startswith("$"):
            raise EngineError(f"the field name '{expr.field}' is reserved by durable-rules")
        if expr.op == "eq":
            return {expr.field: expr.value}
        return {_OPS[expr.op]: {expr.field: expr.value}}
    if isinstance(expr, All):
        return {"$and": [to_durable(p) for p in expr.parts]} if expr.parts else {"$ex": {"discloser": 1}}
    assert isinstance(expr, AnyOf)
    return {"$or": [to_durable(p) for p in expr.parts]}


# durable-rules 2.0.28 refuses a ruleset beyond a couple of hundred rules (error 107) and a fact of 255
# or more properties (error 302, then 309 when its state is deleted), and it corrupts its memory (the
# process aborts) when too many rules are active on one fact: measured, 128 rules matching at once, a
# rule with `$or` counting twice and each further `$or` branch that can hold at once a little more. So the
# rules are split into shards, each its own durable ruleset within these bounds, and each
# shard is sent only the fields its rules mention.
SHARD_RULES = 100
SHARD_FIELDS = 200
SHARD_WEIGHT = 120


def firings(expr: Expr) -> int:
    """The most branches of `expr` that can hold at once: alternatives on one field's value exclude each
    other; any others may all hold."""
    if isinstance(expr, Atom):
        return 1
    if isinstance(expr, All):
        product = 1
        for part in expr.parts:
            product *= firings(part)
        return product
    parts = expr.parts
    if parts and all(isinstance(p, Atom) and p.op == "eq" and p.field == parts[0].field for p in parts):  # type: ignore[union-attr]
        return 1
    return sum(firings(part) for part in parts)


@cache
def weight(expr: Expr) -> int:
    """A rule's share of what one durable ruleset can hold active on one fact (see SHARD_WEIGHT)."""
    has_alternatives = not isinstance(expr, Atom) and any(isinstance(node, AnyOf) for node in _nodes(expr))
    return 1 + firings(expr) if has_alternatives else 1


def _nodes(expr: Expr) -> list[Expr]:
    found, stack = [], [expr]
    while stack:
        node = stack.pop()
        found.append(node)
        if not isinstance(node, Atom):
            stack.extend(node.parts)
    return found


@cache
def engine_problem(expr: Expr) -> str | None:
    """Why durable-rules cannot evaluate one rule's condition, or None (the lint reports it)."""
    fields = fields_of(expr)
    reserved = sorted(f for f in fields if f in _RESERVED or f.startswith("$"))
    if reserved:
        return f"the fact name '{reserved[0]}' is reserved by the rules engine; rename the fact in vocabulary.yaml"
    if len(fields) > SHARD_FIELDS:
        return f"the condition mentions {len(fields)} fields; the rules engine matches at most {SHARD_FIELDS}"
    if weight(expr) > SHARD_WEIGHT:
        return f"the condition has {firings(expr)} alternatives that can hold at once; the rules engine takes at most {SHARD_WEIGHT - 1}"
    return None


def shards(rules: Sequence[tuple[str, Expr]]) -> list[list[tuple[str, Expr]]]:
    """Rules in order, packed into groups within SHARD_RULES rules, SHARD_FIELDS fields and SHARD_WEIGHT."""
    groups: list[list[tuple[str, Expr]]] = []
    fields: set[str] = set()
    load = 0
    for rule_id, expr in rules:
        if problem := engine_problem(expr):
            raise EngineError(f"rule '{rule_id}': {problem}")
        needed, share = fields_of(expr), weight(expr)
        if not groups or len(groups[-1]) >= SHARD_RULES or len(fields | needed) > SHARD_FIELDS or load + share > SHARD_WEIGHT:
            groups.append([])
            fields, load = set(), 0
        groups[-1].append((rule_id, expr))
        fields |= needed
        load += share
    return groups


@cache
def _definition(rule_id: str, expr: Expr) -> str:
    """One rule as a member of a durable ruleset's JSON definition (written once per rule and condition)."""
    return json.dumps({rule_id: {"all": [{"m": {"$and": [{"$ex": {"discloser": 1}}, to_durable(expr)]}}]}})[1:-1]


_CATCH_ALL_DEFINITION = json.dumps({_CATCH_ALL: {"all": [{"m": {"$ex": {"discloser": 1}}}]}})[1:-1]


class _Shard:
    """One durable ruleset: a slice of the rules and the fields they mention, built on first use."""

    def __init__(self, rules: Sequence[tuple[str, Expr]]):
        self.rule_ids = frozenset({rule_id for rule_id, _ in rules} | {_CATCH_ALL})
        if len(self.rule_ids) != len(rules) + 1:
            raise EngineError("a rule id is given twice, or is the catch-all's")
        self.fields = frozenset({"discloser"}).union(*(fields_of(expr) for _, expr in rules))
        self._rules = list(rules)
        self.handle: Any = None

    def build(self) -> Any:
        """The durable ruleset, made now if not yet made."""
        if self.handle is None:
            definition = "{" + ", ".join([*(_definition(rule_id, expr) for rule_id, expr in self._rules), _CATCH_ALL_DEFINITION]) + "}"
            try:
                self.handle = _core.create_ruleset(f"infoshare{next(_names)}", definition)
            except Exception as exc:  # durable reports malformed definitions as bare numeric codes
                raise EngineError(f"durable-rules rejected the compiled ruleset: {exc}") from None
        return self.handle


def _release(handles: list[Any]) -> None:
    """Delete the durable rulesets; run once, by close() or when the matcher is collected."""
    while handles:
        _core.delete_ruleset(handles.pop())


class DurableMatcher:
    """The `Matcher` interface on durable-rules: which rules match a complete assignment.

    Asked about some rules only (`among`), it matches only the shards that hold them, so the rules are best given
    with the rules that apply to the same questions side by side (matchers.py orders them by discloser).
    A context manager; its engine state is freed by close(), on leaving the `with` block, or when the
    matcher is garbage-collected, whichever comes first.
    """

    name = "durable"
    independent = True

    def __init__(self, rules: Sequence[tuple[str, Expr]]):
        self._lock = threading.Lock()
        self._shards = [_Shard(group) for group in shards(rules) or [[]]]
        self._handles: list[Any] = []
        self._finalizer = weakref.finalize(self, _release_quietly, self._handles)
        self._shard_of = {rule_id: index for index, shard in enumerate(self._shards) for rule_id in shard.rule_ids if rule_id != _CATCH_ALL}
        self._rule_ids = frozenset().union(*(shard.rule_ids for shard in self._shards))
        self._every_shard = tuple(range(len(self._shards)))
        self._holding: dict[frozenset[str], tuple[int, ...]] = {}
        self._answers: dict[tuple[tuple[int, str], ...], frozenset[str]] = {}
        self._encoded: dict[tuple[str, type, Any], str] = {}

    def __enter__(self) -> DurableMatcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def match(self, assignment: Mapping[str, Any], among: Iterable[str] | None = None) -> frozenset[str]:
        """The rules whose conditions hold: of all of them, or at least of those `among` (the shards holding those
        are matched; a rule it does not know is no rule of any shard). Each distinct fact (its JSON for each shard
        matched: the values of the fields the rules mention, True and 1 apart) is matched by durable-rules once;
        asked again, its earlier answer is given."""
        with self._lock:
            if not self._finalizer.alive:
                raise EngineError("the durable matcher is closed")
            chosen = self._every_shard if among is None else self._shards_holding(among)
            facts = tuple([(index, self._fact_text(self._shards[index], assignment)) for index in chosen])
            known = self._answers.get(facts)
            if known is not None:
                return known
            if len(self._answers) > 4096:  # stay bounded over a long batch
                self._answers.clear()
            found = self._answers[facts] = self._match(facts)
        return found

    def _shards_holding(self, rule_ids: Iterable[str]) -> tuple[int, ...]:
        """The shards that hold any of `rule_ids`, in order (remembered for a frozenset: a question's candidates)."""
        chosen = self._holding.get(rule_ids) if isinstance(rule_ids, frozenset) else None
        if chosen is None:
            chosen = tuple(sorted({self._shard_of[r] for r in rule_ids if r in self._shard_of}))
            if isinstance(rule_ids, frozenset):
                if len(self._holding) > 4096:  # stay bounded over a long batch
                    self._holding.clear()
                self._holding[rule_ids] = chosen
        return chosen

    def _match(self, facts: Sequence[tuple[int, str]]) -> frozenset[str]:
        fired: set[str] = set()
        for index, fact in facts:
            fired |= self._match_shard(self._handle(index), fact)
        fired.discard(_CATCH_ALL)
        return frozenset(fired)

    def _handle(self, index: int) -> Any:
        """A shard's durable ruleset, built on first use and released with the matcher."""
        shard = self._shards[index]
        if shard.handle is None:
            self._handles.append(shard.build())
        return shard.handle

    def _fact_text(self, shard: _Shard, assignment: Mapping[str, Any]) -> str:
        """The shard's fields of the assignment as the JSON object durable reads, as `json.dumps` writes it; each
        field's `"name": value` is written once (True and 1 apart) and reused."""
        pieces = []
        encoded = self._encoded
        for name, value in assignment.items():
            if name in shard.fields:
                key = (name, value.__class__, value)
                piece = encoded.get(key)
                if piece is None:
                    try:
                        piece = json.dumps({name: value}, allow_nan=False)[1:-1]
                    except (TypeError, ValueError) as exc:
                        raise EngineError(f"durable-rules cannot be sent the value of '{name}': {exc}") from None
                    if len(encoded) < 65536:  # ids and the few numbers the rules compare: stay bounded anyway
                        encoded[key] = piece
                pieces.append(piece)
        pieces.append(_SID_PIECE)
        return "{" + ", ".join(pieces) + "}"

    def _match_shard(self, handle: Any, fact: str) -> set[str]:
        """The rules of one shard that fire on `fact`, in the shard's one state; the fact is retracted after."""
        fired: set[str] = set()
        known = self._rule_ids
        tail = '":{"m":' + fact + "}}"  # an action message is '{"' + rule + tail
        cut = -len(tail)
        try:
            code, state = _core.assert_fact(handle, fact)
            if code not in (0, 3):
                raise EngineError(f"durable-rules refused the question (code {code})")
            result = _core.start_action_for_state(handle, state)
            message = result[1] if result else None
            while message:
                name = message[2:cut] if message.startswith('{"') and message.endswith(tail) else None
                self._fire((name,) if name in known else json.loads(message), fired)
                message = _core.complete_and_start_action(handle, state)
            if _CATCH_ALL not in fired:
                raise EngineError("durable-rules did not fire its catch-all rule")
            code, _ = _core.retract_fact(handle, fact)
            if code not in (0, 3):
                raise EngineError(f"durable-rules could not retract the question (code {code})")
        except BaseException as exc:  # an interrupt too: the state must not keep a fact or actions not taken
            self._clear(handle)
            if isinstance(exc, EngineError) or not isinstance(exc, Exception):
                raise
            raise EngineError(f"durable-rules failed while matching: {type(exc).__name__}: {exc}") from None
        return fired

    @staticmethod
    def _clear(handle: Any) -> None:
        """Delete the shard's state after a failure, with whatever it still holds (a fact, actions not taken)."""
        try:
            _core.delete_state(handle, _STATE)
        except Exception as exc:  # error 309, after a fact durable could not hold
            if "309" not in str(exc):
                raise EngineError(f"durable-rules could not clear the question: {exc}") from None

    def _fire(self, rule_ids: Iterable[str], fired: set[str]) -> None:
        """Record the rules an action message names (a parsed message iterates its keys); each must be known."""
        for rule_id in rule_ids:
            if rule_id not in self._rule_ids:
                raise EngineError(f"durable-rules fired an unknown rule '{rule_id}'")
            fired.add(rule_id)

    def close(self) -> None:
        """Release the durable rulesets now (their memory is otherwise kept until the matcher is collected)."""
        with self._lock:
            self._finalizer.detach()
            try:
                _release(self._handles)
            except Exception as exc:
                raise EngineError(f"durable-rules could not release its ruleset: {exc}") from None


def _release_quietly(handles: list[Any]) -> None:
    """The finalizer's release: at collection there is no caller to tell of a failure."""
    try:
        _release(handles)
    except Exception:
        handles.clear()
