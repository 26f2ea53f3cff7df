"""The durable-rules matcher: the only module that imports durable.

durable-rules 2.0.28 has sharp edges, all contained here:
- We drive its C core (`durable_rules_engine`) directly, not `durable.engine.Host`: the Host starts
  timer threads that are never stopped and swallows exceptions raised in actions. Driving the core,
  we collect fired rule names ourselves and every failure raises `EngineError`.
- Facts, not events: `assert_fact` fires every matching rule (an event fires only the first).
- `$or` fires once per true branch, so fired names are de-duplicated.
- A catch-all rule always fires, so `delete_state` never meets a state that matched nothing (that
  crashes the process), and one state is live at a time (at most 1,024 may exist per ruleset).
- The core is not thread-safe: one lock per question.
- Rule definitions are generated only from our validated IR, so durable never sees a field named
  `id`, `sid` or `$s` (a condition on those re-fires forever).
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Mapping, Sequence
from typing import Any

import durable_rules_engine as _core

from .conditions import All, AnyOf, Atom, Expr
from .errors import EngineError

_CATCH_ALL = "$infoshare-catch-all"
_STATE = "question"
_OPS = {"ne": "$neq", "lt": "$lt", "le": "$lte", "gt": "$gt", "ge": "$gte"}
_RESERVED = {"id", "sid", "$s"}
_names = itertools.count()


def to_durable(expr: Expr) -> dict[str, Any]:
    """One IR expression as a durable-rules JSON condition."""
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


class DurableMatcher:
    """The `Matcher` interface on durable-rules: which rules match a complete assignment."""

    name = "durable"
    independent = True

    def __init__(self, rules: Sequence[tuple[str, Expr]]):
        definition: dict[str, Any] = {
            rule_id: {"all": [{"m": {"$and": [{"$ex": {"discloser": 1}}, to_durable(expr)]}}]}
            for rule_id, expr in rules
        }
        definition[_CATCH_ALL] = {"all": [{"m": {"$ex": {"discloser": 1}}}]}
        self._rule_ids = frozenset(definition)
        self._lock = threading.Lock()
        try:
            self._handle = _core.create_ruleset(f"infoshare{next(_names)}", json.dumps(definition))
        except Exception as exc:  # durable reports malformed definitions as bare numeric codes
            raise EngineError(f"durable-rules rejected the compiled ruleset: {exc}") from None

    def match(self, assignment: Mapping[str, Any]) -> frozenset[str]:
        fact = dict(assignment)
        fact["sid"] = _STATE
        with self._lock:
            fired: set[str] = set()
            try:
                code, state = _core.assert_fact(self._handle, json.dumps(fact))
                if code not in (0, 3):
                    raise EngineError(f"durable-rules refused the question (code {code})")
                result = _core.start_action_for_state(self._handle, state)
                message = result[1] if result else None
                while message:
                    self._fire(json.loads(message), fired)
                    message = _core.complete_and_start_action(self._handle, state)
            except EngineError:
                raise
            except Exception as exc:
                raise EngineError(f"durable-rules failed while matching: {type(exc).__name__}: {exc}") from None
            finally:
                _core.delete_state(self._handle, _STATE)
        if _CATCH_ALL not in fired:
            raise EngineError("durable-rules did not fire its catch-all rule")
        fired.discard(_CATCH_ALL)
        return frozenset(fired)

    def _fire(self, message: dict[str, Any], fired: set[str]) -> None:
        for rule_id in message:
            if rule_id not in self._rule_ids:
                raise EngineError(f"durable-rules fired an unknown rule '{rule_id}'")
            fired.add(rule_id)

    def close(self) -> None:
        """Release the durable ruleset (its memory is otherwise kept until the process ends)."""
        if getattr(self, "_handle", None) is not None:
            _core.delete_ruleset(self._handle)
            self._handle = None
