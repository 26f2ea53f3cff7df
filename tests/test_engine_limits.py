"""The durable engine's limits and lifetime (issue 14, findings 6 and 10): thousands of rules, wide facts,
long override chains, every engine failure as EngineError, and engine state freed by `with` or collection."""

from __future__ import annotations

import gc
import math
from types import SimpleNamespace

import pytest

from infoshare.core import durable as engine
from infoshare.core.compile import All, AnyOf, Atom
from infoshare.core.decide import Decider
from infoshare.core.documents import Located
from infoshare.core.durable import DurableMatcher
from infoshare.core.evaluate import ReferenceMatcher
from infoshare.core.loader import _check_override_cycles
from infoshare.errors import EngineError


def generated_rules(count: int, facts: int = 50):
    return [
        (f"r{i}", All((AnyOf((Atom("discloser", "eq", f"role{i % 40}"), Atom("discloser", "eq", "police"))), Atom(f"fact{i % facts}", "eq", True), Atom("age", "lt", 18 + i % 3))))
        for i in range(count)
    ]


@pytest.mark.parametrize("count", [1, 175, 2_000])
def test_many_rules_match_as_the_reference_does(count):
    rules = generated_rules(count)
    with DurableMatcher(rules) as durable:
        for discloser, age in (("role3", 3), ("police", 18), ("nobody", 1)):
            assignment = {"discloser": discloser, "age": age, **{f"fact{i}": True for i in range(0, 50, 3)}}
            assert durable.match(assignment) == ReferenceMatcher(rules).match(assignment)


def test_a_fact_of_hundreds_of_properties_is_matched():
    rules = generated_rules(300, facts=300)
    assignment = {"discloser": "police", "age": 3, **{f"fact{i}": True for i in range(1_000)}}
    with DurableMatcher(rules) as durable:
        assert durable.match(assignment) == ReferenceMatcher(rules).match(assignment)


def test_many_rules_firing_at_once_are_matched():
    """Beyond about 128 firing branches in one durable ruleset the engine corrupts its memory: shards keep below."""
    rules = [(f"r{i}", All((AnyOf((Atom("discloser", "eq", f"role{i}"), Atom("discloser", "eq", "police"))), Atom("f", "eq", True)))) for i in range(300)]
    with DurableMatcher(rules) as durable:
        assert durable.match({"discloser": "police", "f": True}) == frozenset(rule_id for rule_id, _ in rules)


def test_a_rule_too_branched_for_the_engine_is_an_engine_error():
    branched = AnyOf(tuple(Atom(f"fact{i}", "eq", True) for i in range(engine.SHARD_WEIGHT)))
    with pytest.raises(EngineError, match="alternatives"):
        DurableMatcher([("branched", branched)])


def test_a_rule_beyond_the_engines_width_is_an_engine_error():
    wide = All(tuple(Atom(f"fact{i}", "eq", True) for i in range(engine.SHARD_FIELDS + 1)))
    with pytest.raises(EngineError, match="fields"):
        DurableMatcher([("wide", wide)])


def _refuse(error):
    """A stand-in for an engine call that raises `error`."""

    def refuse(*args):
        raise error

    return refuse


def test_a_fact_that_cannot_be_retracted_is_an_engine_error_and_the_next_fact_meets_a_fresh_state(monkeypatch):
    rules = generated_rules(3)
    deleted = []
    real_delete = engine._core.delete_state
    with DurableMatcher(rules) as durable:
        monkeypatch.setattr(engine._core, "retract_fact", _refuse(RuntimeError("Could not retract fact, error code: 305")))
        monkeypatch.setattr(engine._core, "delete_state", lambda handle, sid: deleted.append(sid) or real_delete(handle, sid))
        with pytest.raises(EngineError, match="305"):
            durable.match({"discloser": "police", "age": 3})
        monkeypatch.undo()
        assert deleted == ["question"]
        for assignment in ({"discloser": "police", "age": 3}, {"discloser": "police", "age": 3, "fact1": True}):
            assert durable.match(assignment) == ReferenceMatcher(rules).match(assignment)


def test_an_interrupt_while_actions_are_taken_leaves_a_fresh_state_behind(monkeypatch):
    rules = generated_rules(3)
    assignment = {"discloser": "police", "age": 3, "fact1": True}
    with DurableMatcher(rules) as durable:
        monkeypatch.setattr(engine._core, "complete_and_start_action", _refuse(KeyboardInterrupt()))
        with pytest.raises(KeyboardInterrupt):
            durable.match(assignment)
        monkeypatch.undo()
        assert durable.match(assignment) == ReferenceMatcher(rules).match(assignment)


def test_a_failure_to_clear_the_state_is_an_engine_error(monkeypatch):
    with DurableMatcher(generated_rules(3)) as durable:
        monkeypatch.setattr(engine._core, "retract_fact", _refuse(RuntimeError("Could not retract fact, error code: 305")))
        monkeypatch.setattr(engine._core, "delete_state", _refuse(RuntimeError("Could not delete state, error code: 111")))
        with pytest.raises(EngineError, match="could not clear the question: .*111"):
            durable.match({"discloser": "police", "age": 3})
        monkeypatch.undo()


def _first_message_replaced(monkeypatch, replace):
    """Make durable's first action message of each fact what `replace` makes of it."""
    real = engine._core.start_action_for_state

    def start(handle, state):
        result = real(handle, state)
        return result and (result[0], replace(result[1]))

    monkeypatch.setattr(engine._core, "start_action_for_state", start)


def test_an_action_message_in_another_form_is_read_whole_and_each_rule_it_names_counts(monkeypatch):
    rules = generated_rules(3)
    assignment = {"discloser": "police", "age": 3, "fact1": True}
    with DurableMatcher(rules) as durable:
        _first_message_replaced(monkeypatch, lambda message: '{"r2": {"m": {}}, ' + message[1:])
        assert durable.match(assignment) == ReferenceMatcher(rules).match(assignment) | {"r2"}


@pytest.mark.parametrize("form", [
    lambda message: '{"r99"' + message[message.index(":"):],  # the usual form, naming a rule durable was not given
    lambda message: '{"r99": {"m": {}}, ' + message[1:],  # beside a rule it was given
])
def test_an_action_naming_an_unknown_rule_is_an_engine_error(monkeypatch, form):
    with DurableMatcher(generated_rules(3)) as durable:
        _first_message_replaced(monkeypatch, form)
        with pytest.raises(EngineError, match="unknown rule 'r99'"):
            durable.match({"discloser": "police", "age": 3, "fact1": True})


def test_a_matcher_asked_about_some_rules_builds_and_matches_only_their_shards(monkeypatch):
    rules = generated_rules(250)
    built = []
    real = engine._core.create_ruleset
    monkeypatch.setattr(engine._core, "create_ruleset", lambda name, definition: built.append(name) or real(name, definition))
    assignment = {"discloser": "police", "age": 3, **{f"fact{i}": True for i in range(50)}}
    with DurableMatcher(rules) as durable:
        assert "r0" in durable.match(assignment, {"r0"}) and len(built) == 1
        assert durable.match(assignment) == ReferenceMatcher(rules).match(assignment)
        assert len(built) == len(durable._shards) > 1


def test_a_fact_on_which_the_catch_all_does_not_fire_is_an_engine_error(monkeypatch):
    with DurableMatcher(generated_rules(3)) as durable:
        monkeypatch.setattr(engine._core, "start_action_for_state", lambda handle, state: None)
        with pytest.raises(EngineError, match="catch-all"):
            durable.match({"discloser": "police", "age": 3})


def test_a_closed_matcher_says_so():
    durable = DurableMatcher(generated_rules(3))
    durable.close()
    durable.close()  # twice is harmless
    with pytest.raises(EngineError, match="closed"):
        durable.match({"discloser": "police"})


def test_a_collected_matcher_frees_its_engine_state(monkeypatch):
    released = []
    real = engine._core.delete_ruleset
    monkeypatch.setattr(engine._core, "delete_ruleset", lambda handle: released.append(handle) or real(handle))
    durable = DurableMatcher(generated_rules(250))
    durable.match({"discloser": "police"})  # a shard is built on first use: every one, asked about every rule
    shards = len(durable._shards)
    del durable
    gc.collect()
    assert shards > 1 and len(released) == shards


def test_a_decider_is_a_context_manager(ruleset):
    with Decider(ruleset, DurableMatcher(list(ruleset.compiled.items()))) as decider:
        matcher = decider.matcher
    with pytest.raises(EngineError, match="closed"):
        matcher.match({"discloser": "police"})


def _rules_overriding(chain: dict[str, list[str]]):
    rules = {rule_id: SimpleNamespace(overrides=overrides) for rule_id, overrides in chain.items()}
    docs = {rule_id: Located(file=f"{rule_id}.yaml", data={}, lines={("overrides", 0): 3}) for rule_id in chain}
    problems: list = []
    _check_override_cycles(rules, docs, problems)  # type: ignore[arg-type]
    return problems


def test_a_long_acyclic_chain_of_overrides_is_checked_without_recursion():
    length = 5_000
    chain = {f"r{i:05d}": [f"r{i + 1:05d}"] if i + 1 < length else [] for i in range(length)}
    assert _rules_overriding(chain) == []


def test_a_cycle_at_the_end_of_a_long_chain_is_found():
    length = 5_000
    chain = {f"r{i:05d}": [f"r{i + 1:05d}"] for i in range(length - 1)} | {f"r{length - 1:05d}": [f"r{length - 3:05d}"]}
    (problem,) = _rules_overriding(chain)
    assert "cycle" in problem.message and f"r{length - 3:05d} → r{length - 2:05d} → r{length - 1:05d} → r{length - 3:05d}" in problem.message


def test_the_override_order_of_a_long_chain_is_found_without_recursion():
    from infoshare.core.decide import _overriders_first

    length = 5_000
    chain = {f"r{i:05d}": SimpleNamespace(overrides=[f"r{i + 1:05d}"] if i + 1 < length else []) for i in range(length)}
    order = _overriders_first(SimpleNamespace(rules=chain))  # type: ignore[arg-type]
    assert order == sorted(chain)  # each rule overrides the next, so it comes before it


def test_the_lint_names_a_rule_the_engine_cannot_evaluate(tmp_path):
    from rule_data import copy_rule_data

    from infoshare.review.lint import lint

    root = copy_rule_data(tmp_path / "root")
    rule = root / "rules" / "secrecy" / "secrecy-default.yaml"
    # n × n alternatives that may all hold at once (an age below one of n bounds and at least one of n others), over
    # few distinct age bounds, so that lint's other searches stay small
    n = math.isqrt(engine.SHARD_WEIGHT) + 1
    inner = ", ".join(f"{{subject: {{age: {{at_least: {age}}}}}}}" for age in range(1, n + 1))
    ages = "\n".join(f"    - {{subject: {{age: {{below: {age}}}}}, any_of: [{inner}]}}" for age in range(100, 100 + n))
    rule.write_text(rule.read_text(encoding="utf-8").replace("when:\n", f"when:\n  any_of:\n{ages}\n", 1), encoding="utf-8")
    findings = [f for f in lint(root) if f.code == "IS022"]
    assert [f.rules for f in findings] == [("secrecy-default",)] and "alternatives" in findings[0].message


def test_the_lint_names_a_rule_on_a_fact_name_the_engine_reserves(tmp_path):
    from rule_data import copy_rule_data

    from infoshare.review.lint import lint

    root = copy_rule_data(tmp_path / "root")
    vocabulary = root / "vocabulary.yaml"
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8").replace("\nfacts:\n", "\nfacts:\n  sid:\n    type: bool\n    fi: K?\n    sv: F?\n    en: Q?\n    label: {fi: T, sv: U, en: F}\n", 1), encoding="utf-8")
    rule = root / "rules" / "secrecy" / "secrecy-default.yaml"
    rule.write_text(rule.read_text(encoding="utf-8").replace("when:\n", "when:\n  facts: {sid: true}\n", 1), encoding="utf-8")
    findings = [f for f in lint(root) if f.code == "IS022"]
    assert [f.rules for f in findings] == [("secrecy-default",)] and "reserved" in findings[0].message


@pytest.mark.soak
def test_ten_thousand_generated_rules_and_a_thousand_facts_load_and_match(tmp_path, monkeypatch):
    """Issue 14's scale target for the loader, the cache and the durable matcher (the decision search's own
    cost over such a ruleset is measured separately)."""
    import time

    from rule_data import copy_rule_data

    from infoshare.core.loader import load_ruleset

    monkeypatch.setenv("INFOSHARE_CACHE_DIR", str(tmp_path / "cache"))
    root = copy_rule_data(tmp_path / "root")
    vocabulary = root / "vocabulary.yaml"
    facts = "".join(f"  gen_fact_{i}:\n    type: bool\n    fi: K{i}?\n    sv: F{i}?\n    en: Q{i}?\n    label: {{fi: T{i}, sv: U{i}, en: F{i}}}\n" for i in range(1_000))
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8").replace("\nfacts:\n", "\nfacts:\n" + facts, 1), encoding="utf-8")
    (root / "rules" / "generated").mkdir()
    for i in range(10_000):
        (root / "rules" / "generated" / f"gen-rule-{i:05d}.yaml").write_text(
            f"id: gen-rule-{i:05d}\neffect: permit\nprovisions: [oa-22]\ntitle: {{fi: S{i}, sv: R{i}, en: R{i}}}\n"
            f"when:\n  discloser: [police, school]\n  facts: {{gen_fact_{i % 1_000}: true}}\n"
            f"overrides: [secrecy-default]\nvalid_from: 2015-04-01\nexplain: {{fi: T., sv: T., en: T.}}\n",
            encoding="utf-8",
        )
    started = time.monotonic()
    cold = load_ruleset(root)
    cold_seconds = time.monotonic() - started
    started = time.monotonic()
    cached = load_ruleset(root)
    cached_seconds = time.monotonic() - started
    assert len(cached.rules) == len(cold.rules) > 10_000 and len(cached.vocabulary.facts) > 1_000
    assignment = {"discloser": "police", **{f"gen_fact_{i}": i % 3 == 0 for i in range(1_000)}}
    with DurableMatcher(list(cached.compiled.items())) as durable:
        assert durable.match(assignment) == ReferenceMatcher(list(cached.compiled.items())).match(assignment)
    print(f"10,000 rules: cold load {cold_seconds:.1f} s, cached load {cached_seconds:.1f} s")


def test_a_fact_asked_again_is_answered_from_durables_first_answer(monkeypatch):
    asked = []
    real = DurableMatcher._match
    monkeypatch.setattr(DurableMatcher, "_match", lambda self, facts: asked.append(facts) or real(self, facts))
    with DurableMatcher(generated_rules(30)) as durable:
        first = durable.match({"discloser": "police", "age": 3, "fact1": True, "unrelated": 1})
        assert durable.match({"discloser": "police", "age": 3, "fact1": True, "unrelated": 2}) == first  # no rule looks at it
        assert len(asked) == 1
        durable.match({"discloser": "police", "age": 3, "fact1": 1})  # 1 is not True: asked anew
    assert len(asked) == 2
