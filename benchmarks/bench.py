"""Benchmark: the cold start of a check, answers and verdicts per second through each engine, how the cost grows
with the size of the law, batch throughput, the semantic diff over the whole question space, and the waits of the
interactive commands.

Run with `make bench`. It measures; it asserts nothing (speed is watched here, not in the tests). Times are CPU
time (this process's, or its children's), so other work on the machine disturbs them little; the cold starts
are given as ratios to `python -c pass` of the same interpreter measured in the same run.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from scaled_ruleset import write_scaled_ruleset  # noqa: E402
from strategies import sample_questions  # noqa: E402

from infoshare.checker import Checker, make_checker  # noqa: E402
from infoshare.core.loader import load_ruleset  # noqa: E402

EXAMPLE = ROOT / "examples" / "must-share-child-welfare-notification.yaml"
ENGINES = ("durable", "reference")
COPIES = 10


def child_cpu_ms(command: Sequence[str]) -> float:
    """The CPU time (user + system) of one run of a command, in milliseconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000


def interleaved_medians(commands: Mapping[str, Sequence[str]], rounds: int = 21) -> dict[str, float]:
    """Each command's median CPU time over `rounds` rounds, every round running each command once in turn: a change
    in the machine's load during the measurement touches every command alike, so their ratios hold."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            times[name].append(child_cpu_ms(command))
    return {name: statistics.median(found) for name, found in times.items()}


def rate(make: Callable[[], Callable[[Any], Any]], items: Sequence[Any], passes: int = 3) -> float:
    """Items per CPU second, best of `passes` (fewer when slow), each with a fresh checker: no pass reuses what
    another computed."""
    best = float("inf")
    spent = 0.0
    for _ in range(passes):
        function = make()
        start = time.process_time()
        for item in items:
            function(item)
        took = time.process_time() - start
        best, spent = min(best, took), spent + took
        if spent > 10:
            break
    return len(items) / best


def checkers_for(ruleset: Any) -> dict[str, Callable[[], Checker]]:
    return {name: (lambda name=name: make_checker(ruleset, name)) for name in ENGINES}


class Report:
    def __init__(self) -> None:
        self.table = Table(title="infoshare benchmark (CPU time; targets from issue 15)")
        for column, justify in (("what", "left"), ("durable-rules", "right"), ("reference", "right"), ("target", "right"), ("met", "center")):
            self.table.add_column(column, justify=justify)  # type: ignore[arg-type]

    def row(self, what: str, durable: str, reference: str, target: str = "", met: bool | None = None) -> None:
        self.table.add_row(what, durable, reference, target, "" if met is None else ("yes" if met else "no"))


def loop_ms() -> float:
    """A fixed pure-Python loop, in CPU milliseconds (median of 5): how fast this machine runs Python right now."""
    took = []
    for _ in range(5):
        start = time.process_time()
        total = 0
        for number in range(10_000_000):
            total += number
        took.append(time.process_time() - start)
    return statistics.median(took) * 1000


def cold_starts(report: Report) -> None:
    python = sys.executable
    cli = [python, str(ROOT / "cli.py")]
    subprocess.run([python, "-m", "compileall", "-q", str(ROOT / "infoshare")], check=False)  # as `make install` does
    for warm_up in (["check", str(EXAMPLE), "--format", "memo"], ["--help"]):  # fill the caches: the ruleset, the template data, the help text
        subprocess.run([*cli, *warm_up], stdout=subprocess.DEVNULL, check=False)
    rows = (
        ("cold --help", ["--help"]),
        ("cold check --format json", ["check", str(EXAMPLE), "--format", "json"]),
        ("cold check (text)", ["check", str(EXAMPLE)]),
        ("cold check --format memo", ["check", str(EXAMPLE), "--format", "memo"]),
    )
    commands: dict[str, Sequence[str]] = {"pass": [python, "-c", "pass"]}
    for label, args in rows:
        for engine in ENGINES if args[0] == "check" else ("durable",):
            commands[f"{label} {engine}"] = [*cli, *args, *(["--engine", engine] if args[0] == "check" else [])]
    medians = interleaved_medians(commands)
    base = medians["pass"]
    report.row("python -c pass", f"{base:.0f} ms", "", "")
    for label, _ in rows:
        ratios = {engine: medians[f"{label} {engine}"] / base for engine in ENGINES if f"{label} {engine}" in medians}
        cells = [f"{ratios[e]:.1f}×" if e in ratios else "" for e in ENGINES]
        report.row(f"{label} / python -c pass", *cells, "≤ 6×", max(ratios.values()) <= 6)


def throughput(report: Report, ruleset: Any) -> None:
    questions = sample_questions(ruleset, 1000, seed=1)
    makers = checkers_for(ruleset)
    answers = {name: rate(lambda make=make: make().answer, questions[:300]) for name, make in makers.items()}
    report.row("full answers / s, one core", *(f"{answers[e]:,.0f}" for e in ENGINES), "≥ 2,000", min(answers.values()) >= 2000)
    verdicts = {name: rate(lambda make=make: make().decider.verdict, questions) for name, make in makers.items()}
    report.row("bare verdicts / s", *(f"{verdicts[e]:,.0f}" for e in ENGINES), "≥ 20,000", min(verdicts.values()) >= 20000)
    with tempfile.TemporaryDirectory(prefix="infoshare-bench-") as folder:
        count = write_scaled_ruleset(ROOT, Path(folder), COPIES)
        big = load_ruleset(Path(folder), cached=False)
        scaled = {name: rate(lambda make=make: make().answer, questions[:100]) for name, make in checkers_for(big).items()}
    report.row(f"full answers / s, ruleset copied {COPIES}× ({count} rules)", *(f"{scaled[e]:,.0f}" for e in ENGINES), "≥ 1,000", min(scaled.values()) >= 1000)
    growth = {e: math.log(answers[e] / scaled[e]) / math.log(count / len(ruleset.rules)) for e in ENGINES}
    report.row(f"growth of full-answer cost with rule count (K^x, {len(ruleset.rules)} → {count} rules)", *(f"K^{growth[e]:.2f}" for e in ENGINES), "≤ K^1.2", max(growth.values()) <= 1.2)
    checker = makers["durable"]()
    examples = sample_questions(ruleset, 200)
    start = time.process_time()
    for index in range(10_000):
        checker.answer(examples[index % len(examples)])
    report.row("10,000 answers in a row (the memory test's loop)", f"{time.process_time() - start:.1f} s", "", "< 10 s", time.process_time() - start < 10)


def batch_throughput(report: Report, ruleset: Any) -> None:
    lines = "".join(json.dumps(q.model_dump(mode="json", exclude_none=True)) + "\n" for q in sample_questions(ruleset, 2000, seed=4))
    with tempfile.TemporaryDirectory(prefix="infoshare-bench-") as folder:
        source = Path(folder) / "in.jsonl"
        source.write_text(lines, encoding="utf-8")
        for jobs in (1, 2):
            cells = []
            for engine in ENGINES:
                # into a file: -o writes regular files only, never a device such as /dev/null
                command = [sys.executable, str(ROOT / "cli.py"), "batch", str(source), "-o", str(Path(folder) / "out.jsonl"), "--jobs", str(jobs), "--engine", engine]
                start = time.perf_counter()
                done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
                cells.append(f"{2000 / (time.perf_counter() - start):,.0f}" if done.returncode == 0 else f"failed ({done.returncode})")
            report.row(f"batch of 2,000 questions, --jobs {jobs}: answers / s (wall clock, start-up included)", *cells)


def interactive_waits(checker: Checker) -> Table:
    """How long a trainer or worker waits: for the interview's next question, and for a whole matrix."""
    from infoshare.core.question import question_from_data
    from infoshare.render.matrix import build
    from infoshare.training.interview import Interview
    from infoshare.training.scenarios import load_scenarios

    waits = []
    for scenario in load_scenarios(ROOT):
        data = scenario.question_data()
        interview = Interview(checker, "en", dt.date.fromisoformat(str(data["as_of"])))
        interview.basics.update({part: data[part] for part in ("discloser", "recipient", "item", "purpose")})
        start = time.process_time()
        interview.next_question()
        waits.append(time.process_time() - start)
    table = Table(title="interactive waits (durable-rules, CPU time)")
    table.add_column("wait")
    table.add_column("ms", justify="right")
    table.add_row("interview: the first fact to ask, median over the scenarios", f"{statistics.median(waits) * 1000:.0f}")
    table.add_row("interview: the first fact to ask, slowest scenario", f"{max(waits) * 1000:.0f}")
    roles = list(checker.ruleset.vocabulary.roles)
    for facts in ({}, {"consent": "refused", "risk_of_violence": True}):
        data = {"as_of": "2025-03-01", "discloser": "police", "recipient": "police", "item": "threat_information", "purpose": "prevent_violence", "facts": facts}
        start = time.process_time()
        build(checker.decider, question_from_data(data, "<bench>", checker.ruleset), roles, roles)
        table.add_row(f"matrix of every role, threat information, facts {sorted(facts) or 'none'}", f"{(time.process_time() - start) * 1000:.0f}")
    return table


def semantic_diff(ruleset) -> Table:
    """The diff's work over the whole question space: for a one-rule change (the guardian's refusal raised from 15 to
    16, the review the target is set for), and with every rule counted as changed in more than its condition (the
    most a change can ask: no class can be set aside)."""
    from rule_data import copy_rule_data

    from infoshare.core.loader import load_ruleset
    from infoshare.review.diff import compare

    with tempfile.TemporaryDirectory() as folder:
        changed = copy_rule_data(Path(folder))
        rule = changed / "rules" / "consent" / "guardian-refusal-minor-15-17.yaml"
        rule.write_text(rule.read_text(encoding="utf-8").replace("age: {at_least: 15, below: 18}", "age: {at_least: 16, below: 18}"), encoding="utf-8")
        after = load_ruleset(changed, cached=False)
    table = Table(title="semantic diff over the whole question space")
    table.add_column("measure")
    table.add_column("one rule changed", justify="right")
    table.add_column("every rule counted as changed", justify="right")
    reports, seconds = [], []
    for head, watched in ((after, None), (ruleset, ruleset.rules)):
        cpu = time.process_time()
        reports.append(compare(ruleset, head, [], watched=watched))
        seconds.append(time.process_time() - cpu)
    table.add_row("questions in the space (exact, not sampled)", *(f"{r.grid.size:,}" for r in reports))
    table.add_row("classes on which a changed rule can act", *(f"{r.classes:,}" for r in reports))
    table.add_row("decisions worked out (both revisions)", *(f"{r.answered:,}" for r in reports))
    table.add_row("seconds (wall clock; CPU time of this process)", *(f"{r.seconds:.1f}; {s:.1f}" for r, s in zip(reports, seconds)))
    return table


def main() -> None:
    ruleset = load_ruleset()
    report = Report()
    before = loop_ms()
    cold_starts(report)
    throughput(report, ruleset)
    batch_throughput(report, ruleset)
    # The throughput rows scale with the machine's speed, which drifts on shared virtual machines: this sets runs
    # on different machines, or at different times, side by side.
    report.row("this machine: 10 million additions in a pure-Python loop, before; after", f"{before:,.0f}; {loop_ms():,.0f} ms", "")
    console = Console(width=150)
    console.print(report.table)
    console.print(interactive_waits(make_checker(ruleset, "durable")))
    console.print(semantic_diff(ruleset))


if __name__ == "__main__":
    main()
