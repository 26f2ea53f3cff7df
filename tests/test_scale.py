"""Issue 14's scale target: a generated law of more than 10,000 rules loads, checks and lints on both engines.

The law is the checkout's rules copied as if new sectors joined (benchmarks/scaled_ruleset.py): each copy is
answered as the original with the copies' ids, so the test knows every answer without hard-coding one. A soak
test (`make soak`): it takes a few minutes.
"""

from __future__ import annotations

import json
import math
import sys
import time
from pathlib import Path

import pytest
from strategies import sample_questions

from infoshare.checker import make_checker
from infoshare.core.loader import load_ruleset
from infoshare.review.lint import lint

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from scaled_ruleset import names_its_disclosers, write_scaled_ruleset  # noqa: E402

RULES = 10_000


def _copy_id(rule_id: str, k: int, copied: set[str]) -> str:
    return f"{rule_id}-k{k}" if rule_id in copied else rule_id


def _conflicts(findings, copied: set[str] | None = None) -> list[tuple[str, ...]]:
    """The conflicting pairs lint names (IS013, IS014), each copy's rules named by their original."""
    return sorted((f.code, *(r.rsplit("-k", 1)[0] if copied is not None and r.rsplit("-k", 1)[0] in copied else r for r in f.rules)) for f in findings if f.code in ("IS013", "IS014"))


@pytest.mark.soak
@pytest.mark.parametrize("engine", ["durable", "reference"])
def test_ten_thousand_rules_load_check_and_lint(tmp_path, monkeypatch, ruleset, engine):
    monkeypatch.setenv("INFOSHARE_CACHE_DIR", str(tmp_path / "cache"))
    copied = {rule_id for rule_id, rule in ruleset.rules.items() if names_its_disclosers(rule.when)}
    copies = 1 + math.ceil((RULES - len(ruleset.rules)) / len(copied))
    root = tmp_path / "law"
    root.mkdir()
    count = write_scaled_ruleset(ROOT, root, copies)
    times = {}

    started = time.process_time()
    load_ruleset(root)
    times["cold load"] = time.process_time() - started
    started = time.process_time()
    big = load_ruleset(root)
    times["cached load"] = time.process_time() - started
    assert len(big.rules) == count >= RULES

    started = time.process_time()
    checker = make_checker(big, engine)
    times["decider"] = time.process_time() - started
    original = make_checker(ruleset, "reference")
    questions = sample_questions(ruleset, 60, seed=5)
    started = time.process_time()
    for question in questions:
        expected = json.loads(original.answer(question).to_json())
        got = json.loads(checker.answer(question).to_json())
        expected.pop("ruleset"), got.pop("ruleset")
        assert got == expected
    times["60 answers"] = time.process_time() - started
    for k in (2, copies):  # a copy's twins are answered as the originals, by the copies of the rules
        for question in questions[:20]:
            twins = question.model_copy(update={role: f"{getattr(question, role)}_k{k}" for role in ("discloser", "recipient")})
            verdict, twin_verdict = original.decider.verdict(question), checker.decider.verdict(twins)
            assert twin_verdict.key == verdict.key
            assert twin_verdict.grounds == tuple(sorted(_copy_id(g, k, copied) for g in verdict.grounds))
    checker.close()

    if engine == "reference":  # lint runs the reference evaluator whatever the engine: once is enough
        started = time.process_time()
        findings = lint(root)
        times["lint"] = time.process_time() - started
        assert not [f for f in findings if f.severity == "error" and f.code != "IS010"]  # IS010: no cases files are copied
        assert _conflicts(findings, copied) == sorted(_conflicts(lint(ROOT)) * copies)
    print(f"{count:,} rules ({engine}): " + ", ".join(f"{what} {seconds:.1f} s" for what, seconds in times.items()))
