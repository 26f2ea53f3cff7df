"""Answering many questions at once: one question a line in (JSON Lines), one contract answer a line out, in order.

A line that is not a valid question gives an error object naming its line, and the batch goes on, so one
typo never costs the answers to the thousands of lines around it. With several jobs, worker processes
answer chunks of lines and the answers are still written in input order.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from infoshare.errors import InfoshareError, Problem, QuestionError, UsageError

CHUNK = 64  # lines a worker takes at a time: big enough to amortise the hand-over, small enough to keep order cheap


class Answerer:
    """Turns one numbered input line into one output line (an answer, or an error object)."""

    def __init__(self, root: Path | None, engine: str, name: str, audit_log: Path | None = None):
        from infoshare.checker import make_checker
        from infoshare.core.loader import load_ruleset

        self.ruleset = load_ruleset(root)
        self.checker = make_checker(self.ruleset, engine)
        self.name = name
        self.audit = None
        if audit_log is not None:
            from infoshare.render.audit import AuditLog

            self.audit = AuditLog(audit_log)

    def __call__(self, numbered: tuple[int, str]) -> tuple[str, bool]:
        """The output line for input line `number`, and whether it is an answer (not an error object)."""
        number, text = numbered
        try:
            question = self._question(number, text)
            answer = self.checker.answer(question)
        except InfoshareError as error:
            return json.dumps(error_object(number, error), ensure_ascii=False), False
        if self.audit is not None:
            self.audit.record(answer)
        return json.dumps(answer.to_dict(), ensure_ascii=False), True

    def _question(self, number: int, text: str) -> Any:
        from infoshare.core.documents import Located
        from infoshare.core.question import check_question

        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise QuestionError([Problem(self.name, number, f"not a JSON object: {error.msg} at column {error.colno}")]) from None
        return check_question(Located(file=self.name, data=data, lines={(): number}), self.ruleset)


def error_object(number: int, error: InfoshareError) -> dict[str, Any]:
    """What stands in the output for a line that got no answer: its line, the exit code `check` would give, and why."""
    return {
        "error": {
            "line": number,
            "exit_code": error.exit_code,
            "title": error.title,
            "problems": [str(problem) for problem in error.problems],
        }
    }


def numbered_lines(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    """The non-blank lines with their 1-based numbers (blank lines are skipped but still counted)."""
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield number, line


_worker: Answerer | None = None


def _start_worker(root: Path | None, engine: str, name: str, audit_log: Path | None) -> None:
    global _worker
    _worker = Answerer(root, engine, name, audit_log)


def _answer_in_worker(numbered: tuple[int, str]) -> tuple[str, bool]:
    assert _worker is not None
    return _worker(numbered)


def run_batch(
    source: Path,
    output: Path,
    *,
    root: Path | None = None,
    engine: str = "durable",
    jobs: int = 1,
    audit_log: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[int, int]:
    """Answer every line of `source` (`-`: stdin) into `output` (`-`: stdout); return (answered, invalid) counts.

    A file named by `-o` is written whole or not at all (a temporary file renamed into place).
    """
    name = "<stdin>" if str(source) == "-" else _display(source)
    lines = list(numbered_lines(_read_lines(source)))
    if jobs < 1:
        raise UsageError("--jobs takes a number of processes, 1 or more")
    with _Output(output) as out:
        answered = invalid = 0
        for done, (line, ok) in enumerate(_answers(lines, root, engine, name, jobs, audit_log), start=1):
            out.write(line + "\n")
            answered += ok
            invalid += not ok
            if progress is not None:
                progress(done, len(lines))
    return answered, invalid


def _answers(
    lines: list[tuple[int, str]], root: Path | None, engine: str, name: str, jobs: int, audit_log: Path | None
) -> Iterator[tuple[str, bool]]:
    if jobs == 1 or len(lines) <= CHUNK:
        answerer = Answerer(root, engine, name, audit_log)
        try:
            yield from map(answerer, lines)
        finally:
            answerer.checker.close()
        return
    import multiprocessing

    from infoshare.core.loader import load_ruleset

    load_ruleset(root)  # a ruleset error is reported once, here, and the workers find the ruleset cached
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    with context.Pool(jobs, initializer=_start_worker, initargs=(root, engine, name, audit_log)) as pool:
        yield from pool.imap(_answer_in_worker, lines, chunksize=CHUNK)


def _read_lines(source: Path) -> list[str]:
    if str(source) == "-":
        return sys.stdin.read().splitlines()
    try:
        return source.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise UsageError(f"cannot read {_display(source)}: no such file") from None
    except UnicodeDecodeError:
        raise QuestionError([Problem(_display(source), None, "not UTF-8 text")]) from None
    except OSError as error:
        raise UsageError(f"cannot read {_display(source)}: {error.strerror}") from None


def _display(path: Path) -> str:
    from infoshare.core.loader import display

    return display(path)


class _Output:
    """stdout as it goes, or a file written whole: a temporary file beside it, renamed into place at the end."""

    def __init__(self, output: Path):
        self.output = output
        self.handle: IO[str] | None = None

    def __enter__(self) -> IO[str]:
        if str(self.output) == "-":
            return sys.stdout
        import tempfile

        try:
            self.handle = tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=self.output.parent or Path("."), prefix=f".{self.output.name}.", delete=False
            )
        except OSError as error:
            raise UsageError(f"cannot write {_display(self.output)}: {error.strerror}") from None
        return self.handle

    def __exit__(self, kind: Any, *_: Any) -> None:
        if self.handle is None:
            sys.stdout.flush()
            return
        self.handle.close()
        if kind is not None:
            os.unlink(self.handle.name)
            return
        from infoshare.render.output import put_in_place

        put_in_place(Path(self.handle.name), self.output)


def progress_bar() -> Callable[[int, int], None]:
    """A one-line count on stderr, redrawn in place (only for a terminal: a log or pipe gets no control characters)."""

    def show(done: int, total: int) -> None:
        if done == total or done % 50 == 0:
            width = 30
            filled = width * done // max(total, 1)
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            if done == total:
                sys.stderr.write("\n")
            sys.stderr.flush()

    return show
