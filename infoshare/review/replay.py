"""`infoshare audit replay`: each decision of an audit log decided again, to show that the log holds what the
ruleset it names decides.

A line is replayed only under the ruleset it was made with (the same digest): under any other, a different
answer would say nothing about the log. Lines made under other rulesets are counted by version and digest, so
the reader knows which checkout of the rules replays them. The chain itself is `verify`'s to check.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from infoshare.checker import Checker
from infoshare.core.question import question_from_data
from infoshare.errors import QuestionError
from infoshare.render.audit import Finding, entry_of, read_lines


@dataclass(frozen=True)
class Replay:
    lines: int
    replayed: int  # entries made under the loaded ruleset, each decided again
    agreed: int  # of those, the ones decided again as logged
    findings: list[Finding]  # lines that are no entry or name no ruleset, entries decided otherwise now or unreadable
    elsewhere: Counter[tuple[str, str]]  # (version, digest) of the other rulesets entries were made under: how many each


def replay(path: Path, checker: Checker) -> Replay:
    lines, _ = read_lines(path)
    ruleset = checker.ruleset
    findings: list[Finding] = []
    elsewhere: Counter[tuple[str, str]] = Counter()
    replayed = agreed = 0
    for number, raw in enumerate(lines, start=1):
        entry = entry_of(raw)
        if entry is None:
            findings.append(Finding(number, "not a whole entry, so not replayed (audit verify says more)"))
            continue
        made_under = entry.get("ruleset")
        made_under = made_under if isinstance(made_under, dict) else {}
        digest = made_under.get("digest")
        if not isinstance(digest, str):
            findings.append(Finding(number, "names no ruleset digest, so it cannot be replayed"))
            continue
        if digest != ruleset.digest:
            elsewhere[(str(made_under.get("version")), digest)] += 1
            continue
        replayed += 1
        question = entry.get("question")
        try:
            if not isinstance(question, dict):
                raise QuestionError("the entry holds no question")
            verdict = checker.decider.verdict(question_from_data(question, f"{path}:{number}", ruleset))  # what a line keeps of an answer
        except QuestionError as error:
            findings.append(Finding(number, f"its question cannot be decided again: {error}"))
            continue
        now = (verdict.outcome, verdict.refer_reason, list(verdict.grounds))
        logged = (entry.get("outcome"), entry.get("refer_reason"), entry.get("grounds"))
        if now != logged:
            findings.append(Finding(number, f"decided again: {_said(*now)}; the log says {_said(*logged)}"))
        else:
            agreed += 1
    return Replay(len(lines), replayed, agreed, findings, elsewhere)


def _said(outcome: Any, refer_reason: Any, grounds: Any) -> str:
    reason = f" ({refer_reason})" if refer_reason else ""
    listed = ", ".join(map(str, grounds)) if isinstance(grounds, list) and grounds else "none"
    return f"{outcome}{reason}, grounds {listed}"
