"""Cases beside the rules (`<rule-id>.cases.yaml`): load them and check an answer against each.

The same code serves the test suite (one pytest item per case) and, later, `infoshare test`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from infoshare.checker import Checker
from infoshare.core.loader import read_model
from infoshare.core.model import Case, CasesFile, Expectation
from infoshare.core.question import question_from_data
from infoshare.errors import QuestionError
from infoshare.render.answer import Answer, outcome_with_reason


@dataclass(frozen=True)
class LocatedCase:
    file: str
    line: int | None
    rule: str
    case: Case

    @property
    def title(self) -> str:
        return f"{self.file}:{self.line}: {self.case.name}"


def case_files(root: Path) -> list[Path]:
    return sorted((root / "rules").rglob("*.cases.yaml"))


def load_cases(path: Path) -> list[LocatedCase]:
    """The cases of one file; a malformed file raises RulesetError with file:line."""
    cases, doc = read_model(CasesFile, path)
    return [LocatedCase(doc.file, doc.line_of(("cases", index)), cases.rule, case) for index, case in enumerate(cases.cases)]


def check_case(located: LocatedCase, checker: Checker) -> tuple[Answer | None, list[str]]:
    """Answer the case's question; return the answer and what differs from the expectation."""
    ruleset = checker.ruleset
    if located.rule not in ruleset.rules:
        return None, [f"the cases file names an unknown rule '{located.rule}'"]
    try:
        question = question_from_data(located.case.question, located.file, ruleset)
    except QuestionError as error:
        return None, [f"the question is invalid: {p.message}" for p in error.problems]
    answer = checker.answer(question)
    return answer, compare(answer, located.case.expect)


def compare(answer: Answer, expect: Expectation) -> list[str]:
    """What in `answer` differs from `expect` (cases and training scenarios are checked alike)."""
    failures = []
    if (answer.outcome, answer.refer_reason) != (expect.outcome, expect.refer_reason):
        got = outcome_with_reason(answer.outcome, answer.refer_reason)
        want = outcome_with_reason(expect.outcome, expect.refer_reason)
        failures.append(f"outcome: expected {want}, got {got}")
    grounds = {g.rule for g in answer.grounds}
    cited = {c.provision for g in answer.grounds for c in g.citations}
    asked = {q.fact for q in answer.questions}
    duties = {d.recipient for d in answer.related_duties if d.outcome == "must_share"}
    for kind, wanted, present, positive in (
        ("ground", expect.grounds, grounds, True),
        ("ground", expect.not_grounds, grounds, False),
        ("citation", expect.citations, cited, True),
        ("question", expect.questions, asked, True),
        ("related duty toward", expect.related_duties, duties, True),
    ):
        for one in wanted:
            if (one in present) != positive:
                verb = "missing" if positive else "unexpected"
                failures.append(f"{verb} {kind} '{one}' (got: {', '.join(sorted(present)) or 'none'})")
    return failures


def rules_without_cases(rule_files: dict[str, Path]) -> list[str]:
    return [rule_id for rule_id, path in sorted(rule_files.items()) if not path.with_name(f"{rule_id}.cases.yaml").is_file()]
