"""The same question gives the same bytes in every process: JSON, Markdown and HTML memos, the rulebook.

Two runs inside one process share one hash seed, so they iterate every set and every dict built from one
in the same order and cannot catch output that depends on it. Here each run is a fresh interpreter with its
own PYTHONHASHSEED and an empty ruleset cache (a cached ruleset would carry the first process's order).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from infoshare.domain import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted([*(ROOT / "examples").glob("*.yaml"), *(ROOT / "examples" / "hard-cases").glob("*.yaml")])


def render_all(paths: list[Path]) -> str:
    """Every answer of `paths` as JSON, its memo as Markdown and HTML in each language, then the rulebook's pages."""
    from infoshare.checker import make_checker
    from infoshare.core.loader import load_ruleset
    from infoshare.core.question import read_question_file
    from infoshare.render.memo import render_html, render_markdown
    from infoshare.review.rulebook import render_pages

    ruleset = load_ruleset()
    checker = make_checker(ruleset)
    parts = []
    for path in paths:
        question = read_question_file(path, ruleset)
        parts.append(checker.answer(question).to_json())
        for language in LANGUAGES:
            answer = checker.answer(question.model_copy(update={"language": language}))
            parts += [render_markdown(answer, ruleset, language), render_html(answer, ruleset, language)]
    parts += [f"{name}\n{page}" for name, page in sorted(render_pages(ruleset).items())]
    return "\f".join(parts)


def start_with_seed(seed: str, cache: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "INFOSHARE_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, __file__, *map(str, EXAMPLES)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_two_processes_with_different_hash_seeds_give_identical_bytes(tmp_path):
    runs = [start_with_seed(seed, tmp_path / seed) for seed in ("1", "2")]  # side by side: half the wait
    (first, first_err), (second, second_err) = (run.communicate(timeout=300) for run in runs)
    assert runs[0].returncode == runs[1].returncode == 0, (first_err + second_err).decode()
    assert first.count(b"\f") > len(EXAMPLES) * (1 + 2 * len(LANGUAGES))
    assert first == second, "JSON, a memo or a rulebook page depends on the hash seed (set or dict order)"


if __name__ == "__main__":
    sys.stdout.buffer.write(render_all([Path(arg) for arg in sys.argv[1:]]).encode())
