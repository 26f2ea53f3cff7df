"""Benchmark: questions per second through each engine, and the cold start of `infoshare check`.

Run with `make bench`. It measures; it asserts nothing (speed is watched here, not in the tests).
"""

from __future__ import annotations

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
