"""Benchmark: questions per second through each engine, the waits of the interactive commands, the semantic
diff over the whole question space, and the cold start of `infoshare check`.

Run with `make bench`. It measures; it asserts nothing (speed is watched here, not in the tests).
"""

from __future__ import annotations

import datetime as dt
import statistics
import subprocess
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from infoshare.decide import Decider  # noqa: E402
from infoshare.loader import load_ruleset  # noqa: E402
from infoshare.matchers import make_matcher  # noqa: E402
from strategies import sample_questions  # noqa: E402

EXAMPLE = ROOT / "examples" / "must-share-child-welfare-notification.yaml"


def per_second(function, items, repeat=3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for item in items:
            function(item)
        best = min(best, time.perf_counter() - start)
    return len(items) / best


def cold_start(command: list[str], runs: int = 15) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def interactive_waits(decider: Decider) -> Table:
    """How long a trainer or worker waits: for the interview's next question, and for a whole matrix."""
    from infoshare.interview import Interview
    from infoshare.matrix import build
    from infoshare.question import question_from_data
    from infoshare.scenarios import load_scenarios

    waits = []
    for scenario in load_scenarios(ROOT):
        data = scenario.question_data()
        interview = Interview(decider, "en", dt.date.fromisoformat(str(data["as_of"])))
        interview.basics.update({part: data[part] for part in ("discloser", "recipient", "item", "purpose")})
        start = time.perf_counter()
        interview.next_question()
        waits.append(time.perf_counter() - start)
    table = Table(title="interactive waits (durable-rules)")
    table.add_column("wait")
    table.add_column("ms", justify="right")
    table.add_row("interview: the first fact to ask, median over the scenarios", f"{statistics.median(waits) * 1000:.0f}")
    table.add_row("interview: the first fact to ask, slowest scenario", f"{max(waits) * 1000:.0f}")
    roles = list(decider.ruleset.vocabulary.roles)
    for facts in ({}, {"consent": "refused", "risk_of_violence": True}):
        data = {"as_of": "2025-03-01", "discloser": "police", "recipient": "police", "item": "threat_information", "purpose": "prevent_violence", "facts": facts}
        start = time.perf_counter()
        build(decider, question_from_data(data, "<bench>", decider.ruleset), roles, roles)
        table.add_row(f"matrix of every role, threat information, facts {sorted(facts) or 'none'}", f"{(time.perf_counter() - start) * 1000:.0f}")
    return table


def semantic_diff(ruleset) -> Table:
    """The diff's work for the whole ruleset: every rule counted as changed, so every class of the space is answered."""
    from infoshare.semantic_diff import compare

    cpu = time.process_time()
    report = compare(ruleset, ruleset, [], watched=ruleset.rules)
    cpu = time.process_time() - cpu
    table = Table(title="semantic diff over the whole question space (every rule counted as changed)")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("questions in the space (exact, not sampled)", f"{report.grid.size:,}")
    table.add_row("classes the rules cannot tell apart", f"{report.classes:,}")
    table.add_row("answers computed (both revisions)", f"{report.answered:,}")
    table.add_row("seconds (wall clock; CPU time of this process)", f"{report.seconds:.1f}; {cpu:.1f}")
    return table


def main() -> None:
    ruleset = load_ruleset()
    questions = sample_questions(ruleset, 1000, seed=1)
    table = Table(title=f"infoshare benchmark ({len(ruleset.rules)} rules, {len(questions)} generated questions)")
    table.add_column("measure")
    table.add_column("durable-rules", justify="right")
    table.add_column("reference", justify="right")
    deciders = {name: Decider(ruleset, make_matcher(name, ruleset)) for name in ("durable", "reference")}
    assignments = [deciders["durable"].space.complete(q.assignment()) for q in questions]
    table.add_row("matches / s (complete facts)", *(f"{per_second(d.matcher.match, assignments):,.0f}" for d in deciders.values()))
    table.add_row("answers / s (full answer)", *(f"{per_second(d.answer, questions[:300], repeat=1):,.0f}" for d in deciders.values()))
    Console().print(table)
    Console().print(interactive_waits(deciders["durable"]))
    Console().print(semantic_diff(ruleset))

    python = sys.executable
    script = str(Path(python).with_name("infoshare"))
    startup = Table(title="cold start, median of 15 runs")
    startup.add_column("command")
    startup.add_column("ms", justify="right")
    startup.add_row("python -c pass", f"{cold_start([python, '-c', 'pass']):.0f}")
    startup.add_row("infoshare --help", f"{cold_start([script, '--help']):.0f}")
    startup.add_row("infoshare check EXAMPLE --format json", f"{cold_start([script, 'check', str(EXAMPLE), '--format', 'json']):.0f}")
    startup.add_row("infoshare check EXAMPLE --format json --engine reference", f"{cold_start([script, 'check', str(EXAMPLE), '--format', 'json', '--engine', 'reference']):.0f}")
    startup.add_row("infoshare check EXAMPLE (text)", f"{cold_start([script, 'check', str(EXAMPLE)]):.0f}")
    Console().print(startup)


if __name__ == "__main__":
    main()
