"""The errors a user can cause, each carrying the contract's exit code and file:line problems."""

from __future__ import annotations

from typing import NamedTuple


class Problem(NamedTuple):
    """One thing wrong with an input file, located as precisely as we can. (A named tuple rather than a frozen
    dataclass: every command imports this module, and dataclasses with its imports costs a cold start milliseconds.)"""

    file: str
    line: int | None
    message: str
    hint: str | None = None
    code: str | None = None  # the lint code (lint.CHECKS) of a problem in the rule data, set where it is found

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.message}" if where else self.message
        return f"{text} ({self.hint})" if self.hint else text


class InfoshareError(Exception):
    """Base of the errors that end a command with a contract exit code and no traceback."""

    exit_code = 1
    title = "error"

    def __init__(self, problems: list[Problem] | str):
        if isinstance(problems, str):
            problems = [Problem(file="", line=None, message=problems)]
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class UsageError(InfoshareError):
    """Wrong use of the command line (exit 2)."""

    exit_code = 2
    title = "usage error"


class RulesetError(InfoshareError):
    """The rule, legal-basis or vocabulary files are invalid (exit 3)."""

    exit_code = 3
    title = "invalid rule files"


class QuestionError(InfoshareError):
    """The question is invalid or holds personal data (exit 4)."""

    exit_code = 4
    title = "invalid question"


class EngineError(InfoshareError):
    """The matching engine failed or disagreed with the reference evaluator: a bug (exit 1)."""

    exit_code = 1
    title = "internal error"
