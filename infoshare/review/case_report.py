"""`infoshare test`: run the cases beside the rules and report each failure with its file:line.

A legal adviser changing a rule needs to see which described answers it breaks, and (with coverage)
which rules, provisions and vocabulary ids no case exercises. The cases run through the durable engine,
as a real check does; the comparison itself is `cases.check_case`, shared with the pytest collector.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from infoshare.checker import make_checker
from infoshare.core.loader import Ruleset, display, load_ruleset
from infoshare.errors import Problem, RulesetError, UsageError
from infoshare.render.answer import Answer, outcome_with_reason
from infoshare.review.boundaries import bounds
from infoshare.review.cases import LocatedCase, case_files, check_case, load_cases

VOCABULARY_KINDS = ("roles", "items", "purposes", "facts")
LISTED_CASES = 3  # a text table names this many cases a row, then counts the rest


@dataclass(frozen=True)
class CaseResult:
    located: LocatedCase
    answer: Answer | None
    failures: tuple[str, ...]

    @property
    def ref(self) -> str:
        return f"{self.located.file}:{self.located.line}"

    @property
    def outcome(self) -> str:
        if self.answer is None:
            return "none"
        return outcome_with_reason(self.answer.outcome, self.answer.refer_reason)

    @property
    def grounds(self) -> list[str]:
        return [g.rule for g in self.answer.grounds] if self.answer else []

    @property
    def citations(self) -> list[str]:
        return sorted({c.provision for g in self.answer.grounds for c in g.citations}) if self.answer else []

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.located.file,
            "line": self.located.line,
            "rule": self.located.rule,
            "name": self.located.case.name,
            "passed": not self.failures,
            "outcome": self.answer.outcome if self.answer else None,
            "refer_reason": self.answer.refer_reason if self.answer else None,
            "grounds": self.grounds,
            "citations": self.citations,
            "failures": list(self.failures),
        }


def run(paths: list[Path], root: Path | None = None, coverage: bool = False, output_format: str = "text") -> tuple[str, int]:
    """Run the cases in `paths` (files or folders; none: every cases file under rules/) and render the report.

    Returns the report and the exit code: 0 when every case passes, 1 when one fails. An invalid rule or
    cases file raises RulesetError (exit 3); a path that holds no cases raises UsageError (exit 2).
    """
    ruleset = load_ruleset(root)
    results = run_cases(select(paths, ruleset.root), ruleset)
    report = coverage_report(results, ruleset) if coverage else None
    text = _json(results, report) if output_format == "json" else _text(results, report)
    return text, 1 if any(r.failures for r in results) else 0


def select(paths: list[Path], root: Path) -> list[Path]:
    """The cases files to run, sorted and each once."""
    if not paths:
        return case_files(root)
    chosen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found = set(path.rglob("*.cases.yaml"))
            if not found:
                raise UsageError(f"{display(path)}: no *.cases.yaml files in this folder")
            chosen |= found
        elif path.is_file() and path.name.endswith(".cases.yaml"):
            chosen.add(path)
        else:
            raise UsageError(f"{display(path)}: not a folder or a *.cases.yaml file")
    return sorted({p.resolve() for p in chosen})


def run_cases(files: Iterable[Path], ruleset: Ruleset) -> list[CaseResult]:
    """Every case of `files`, answered; all files are read first, so one invalid file stops the run (exit 3)."""
    located: list[LocatedCase] = []
    problems: list[Problem] = []
    for path in files:
        try:
            located += load_cases(path)
        except RulesetError as error:
            problems += error.problems
    if problems:
        raise RulesetError(problems)
    with make_checker(ruleset) as checker:
        results = []
        for one in located:
            answer, failures = check_case(one, checker)
            results.append(CaseResult(one, answer, tuple(failures)))
        return results


# -- coverage ----------------------------------------------------------------------------------------


def coverage_report(results: list[CaseResult], ruleset: Ruleset) -> dict[str, Any]:
    """Which cases exercise each rule (as a ground of their answer), provision (cited) and vocabulary id (asked)."""
    rules: dict[str, dict[str, list[str]]] = {rule_id: {"decided": [], "referred": []} for rule_id in ruleset.rules}
    provisions: dict[str, dict[str, list[str]]] = {
        pid: {"rules": list(ruleset.cited_by.get(pid, ())), "cases": []}
        for pid in sorted(ruleset.provisions)
    }
    vocabulary = ruleset.vocabulary
    used: dict[str, dict[str, list[str]]] = {kind: {key: [] for key in getattr(vocabulary, kind)} for kind in VOCABULARY_KINDS}
    for result in results:
        for rule_id in result.grounds:
            rules[rule_id]["referred" if result.answer and result.answer.outcome == "refer" else "decided"].append(result.ref)
        for pid in result.citations:
            provisions[pid]["cases"].append(result.ref)
        for kind, key in _vocabulary_used(result.located.case.question):
            if key in used[kind]:
                used[kind][key].append(result.ref)
    return {
        "rules": rules,
        "rules_in_no_case": [r for r, seen in rules.items() if not (seen["decided"] or seen["referred"])],
        **_boundaries(results, ruleset),
        "provisions": provisions,
        "provisions_cited_by_no_case": [p for p, seen in provisions.items() if seen["rules"] and not seen["cases"]],
        "vocabulary": used,
        "vocabulary_in_no_case": {kind: [k for k, refs in ids.items() if not refs] for kind, ids in used.items()},
    }


def _boundaries(results: list[CaseResult], ruleset: Ruleset) -> dict[str, Any]:
    """For each numeric bound and date of each rule, the cases of its own file on each side of it (`boundaries.py`)."""
    by_rule: dict[str, list[CaseResult]] = {}
    for result in results:
        by_rule.setdefault(result.located.rule, []).append(result)
    found: list[dict[str, Any]] = []
    for rule_id in ruleset.rules:
        mine = by_rule.get(rule_id, [])
        for bound in bounds(ruleset, rule_id):
            sides = [
                {"value": str(side), "cases": [r.ref for r in mine if bound.takes(r.located.case.question, side)]}
                for side in bound.sides
            ]
            found.append({"rule": rule_id, "bound": bound.text, "sides": sides})
    gaps = [f"{b['rule']}: {b['bound']} (no case at {', '.join(s['value'] for s in b['sides'] if not s['cases'])})" for b in found if not all(s["cases"] for s in b["sides"])]
    return {"boundaries": found, "boundaries_without_cases_on_both_sides": gaps}


def _vocabulary_used(question: dict[str, Any]) -> list[tuple[str, str]]:
    found = [("roles", question.get("discloser")), ("roles", question.get("recipient"))]
    found += [("items", question.get("item")), ("purposes", question.get("purpose"))]
    found += [("facts", fact) for fact in question.get("facts") or {}]
    return sorted({(kind, key) for kind, key in found if isinstance(key, str)})


# -- rendering ---------------------------------------------------------------------------------------


def _summary(results: list[CaseResult]) -> str:
    failed = sum(bool(r.failures) for r in results)
    return f"{len(results) - failed} passed, {failed} failed"


def _json(results: list[CaseResult], report: dict[str, Any] | None) -> str:
    failed = sum(bool(r.failures) for r in results)
    data: dict[str, Any] = {
        "cases": [r.to_dict() for r in results],
        "summary": {"passed": len(results) - failed, "failed": failed},
    }
    if report is not None:
        data["coverage"] = report
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _text(results: list[CaseResult], report: dict[str, Any] | None) -> str:
    lines = []
    for result in results:
        if result.failures:
            lines.append(f"FAILED {result.ref}: {result.located.case.name}")
            lines += [f"  {failure}" for failure in result.failures]
            if result.answer is not None:
                lines.append(f"  the answer: {result.outcome}; grounds: {', '.join(result.grounds) or 'none'}; cites: {', '.join(result.citations) or 'none'}")
    text = "\n".join(lines) + ("\n\n" if lines else "")
    if report is not None:
        text += _coverage_text(report) + "\n"
    return text + _summary(results) + "\n"


def _coverage_text(report: dict[str, Any]) -> str:
    """The coverage as plain tables (rich, without colour, at a fixed width so the output is stable)."""
    import io

    from rich import box
    from rich.console import Console
    from rich.table import Table

    buffer = io.StringIO()
    console = Console(file=buffer, width=120, no_color=True, color_system=None, highlight=False, emoji=False)

    def table(title: str, *columns: str) -> Table:
        out = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False)
        for column in columns:
            out.add_column(column, overflow="fold")
        return out

    rules = table("Rules: the cases where each is a ground", "rule", "decided", "referred")
    for rule_id, seen in report["rules"].items():
        rules.add_row(rule_id, str(len(seen["decided"])), str(len(seen["referred"])))
    console.print(rules)
    console.print("Rules in no case: " + (", ".join(report["rules_in_no_case"]) or "none"), soft_wrap=True)
    console.print()

    boundaries = table("Boundaries: the rule's own cases on each side of each bound and date", "rule", "bound", "one side", "cases", "other side", "cases")
    for one in report["boundaries"]:
        near, far = one["sides"]
        boundaries.add_row(one["rule"], one["bound"], near["value"], str(len(near["cases"])), far["value"], str(len(far["cases"])))
    console.print(boundaries)
    gaps = report["boundaries_without_cases_on_both_sides"]
    console.print("Boundaries without a case on both sides: " + ("; ".join(gaps) or "none"), soft_wrap=True)
    console.print()

    provisions = table("Provisions: the cases that cite each", "provision", "rules", "cases", "for example")
    for pid, seen in report["provisions"].items():
        provisions.add_row(pid, str(len(seen["rules"])), str(len(seen["cases"])), _some(seen["cases"]))
    console.print(provisions)
    console.print("Provisions a rule rests on but no case cites: " + (", ".join(report["provisions_cited_by_no_case"]) or "none"), soft_wrap=True)
    console.print()

    vocabulary = table("Vocabulary: the case questions that use each id", "kind", "id", "cases")
    for kind, ids in report["vocabulary"].items():
        for key, refs in ids.items():
            vocabulary.add_row(kind, key, str(len(refs)))
    console.print(vocabulary)
    unused = [f"{kind}: {', '.join(keys)}" for kind, keys in report["vocabulary_in_no_case"].items() if keys]
    console.print("Vocabulary ids in no case: " + ("; ".join(unused) or "none"), soft_wrap=True)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def _some(refs: list[str]) -> str:
    shown = ", ".join(refs[:LISTED_CASES])
    return shown + (f" and {len(refs) - LISTED_CASES} more" if len(refs) > LISTED_CASES else "")
