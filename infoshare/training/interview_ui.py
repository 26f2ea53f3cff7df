"""The guided check in the terminal: the four basics, the deciding facts, the answer, the memo, saving.

The questions are asked through `prompter.Prompter` (type-to-filter choices, piped replies alike);
which fact to ask next is `interview.Interview`'s decision.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console
from rich.text import Text

from infoshare.domain import ID_FIELDS, SUBJECT_KINDS
from infoshare.render.messages import message
from infoshare.training.interview import Choice, FactQuestion, Interview, conduct
from infoshare.training.prompter import InputEnded, Prompter


def run_interview(
    interview: Interview,
    console: Console,
    save_question: Path | None = None,
    save_memo: Path | None = None,
    stream: TextIO | None = None,
    audit_log: Path | None = None,
) -> int:
    """The whole guided check; returns the answer's exit code (0 decided, 5 refer)."""
    from infoshare.errors import UsageError

    language = interview.language
    prompter = Prompter(console, language, stream)
    console.rule(Text(message("interview.title", language), style="bold"))
    prompter.say("interview.intro", "dim")
    try:
        _ask_basics(prompter, interview)
    except InputEnded:
        raise UsageError(message("interview.ended_early", language)) from None
    asked = _ask_facts(prompter, interview)
    answer = interview.answer()
    if audit_log is not None:
        from infoshare.render.audit import AuditLog

        AuditLog(audit_log).record(answer)
    _show(console, interview, answer, asked)
    _offer_saving(prompter, interview, answer, save_question, save_memo)
    return answer.exit_code


def _ask_basics(prompter: Prompter, interview: Interview) -> None:
    vocabulary = interview.checker.ruleset.vocabulary
    language = interview.language
    lists: dict[str, Mapping[str, Any]] = {"discloser": vocabulary.roles, "recipient": vocabulary.roles, "item": vocabulary.items, "purpose": vocabulary.purposes}
    for part in ID_FIELDS:
        if part in interview.basics:  # given by the question file the interview resumes
            continue
        entries = lists[part]
        if entries is vocabulary.roles:  # named as on the question's day, and found by job title too
            choices = [Choice(key, vocabulary.role_label(key, language, interview.as_of), tuple(vocabulary.role_names_of(key))) for key in entries]
        else:
            choices = [Choice(key, entry[language]) for key, entry in entries.items()]
        interview.basics[part] = prompter.choose(message(f"interview.ask.{part}", language), choices, ids=list(entries))


def _ask_facts(prompter: Prompter, interview: Interview) -> int:
    """Ask the deciding facts; returns how many were put to the worker. Once the input ends, the rest stay unknown."""
    prompted = 0

    def reply(question: FactQuestion) -> Any:
        nonlocal prompted
        if prompter.ended:
            return None
        if not prompted:
            prompter.say("interview.facts_intro", "dim")
        prompted += 1
        try:
            return _ask_fact(prompter, question)
        except InputEnded:
            return None

    conduct(interview, reply)
    if not prompted:
        prompter.say("interview.facts_intro_none", "dim")
    return prompted


def _ask_fact(prompter: Prompter, question: FactQuestion) -> Any:
    prompter.console.print()
    prompter.console.print(Text(message("interview.why", prompter.language, why=question.why), style="dim italic"))
    if question.kind == "number":
        return prompter.number(question.text, whole=SUBJECT_KINDS.get(question.variable) == "whole")
    return prompter.choose(question.text, question.choices, ids=[str(c.value) for c in question.choices], optional=True)


def _show(console: Console, interview: Interview, answer: Any, asked: int) -> None:
    """Print the answer and the memo (its filing details are asked only when it is saved)."""
    from infoshare.render.memo import render_markdown
    from infoshare.render.screen import Screen
    from infoshare.render.terminal import render

    ruleset = interview.checker.ruleset
    console.print()
    render(answer, ruleset, Screen.like(console))
    console.print(Text(message("interview.asked_count", interview.language, count=asked), style="dim"))
    console.rule(Text(message("interview.memo_heading", interview.language), style="bold"))
    memo = render_markdown(answer, ruleset, interview.language)
    if console.is_terminal:
        from rich.markdown import Markdown

        console.print(Markdown(memo))
    else:
        console.print(memo, markup=False, highlight=False, soft_wrap=True)


def _offer_saving(prompter: Prompter, interview: Interview, answer: Any, save_question: Path | None, save_memo: Path | None) -> None:
    """Write what the options name; otherwise offer to, while there is input to read the file names from."""
    language = interview.language
    if prompter.ended and not (save_question or save_memo):
        return
    try:
        question_path = save_question or _path_reply(prompter, "interview.save_question")
        if question_path:
            _save(prompter, question_path, _question_yaml(interview))
        memo_path = save_memo or _path_reply(prompter, "interview.save_memo")
        if memo_path:
            from infoshare.render.memo import render_html, render_markdown

            filing = _ask_filing(prompter)
            render = render_html if memo_path.suffix.lower() in (".html", ".htm") else render_markdown
            _save(prompter, memo_path, render(answer, interview.checker.ruleset, language, filing))
    except InputEnded:
        return


def _ask_filing(prompter: Prompter) -> Any:
    """The saved memo's filing details, dated today. Enter, or input that ends, leaves a detail as a blank line to fill
    in by hand; a reply that looks like personal data is refused and asked again (Prompter.line)."""
    import datetime

    from infoshare.render.memo import Filing

    if not prompter.ended:
        prompter.console.print()
        prompter.say("interview.filing_intro", "dim")
    values: list[str | None] = []
    for key in ("case_ref", "organisation", "decided_by", "secrecy_marking"):
        try:
            reply = None if prompter.ended else prompter.line(message(f"interview.filing.{key}", prompter.language) + ": ")
        except InputEnded:
            reply = None
        values.append(reply or None)
    return Filing(datetime.date.today().isoformat(), *values)


def _path_reply(prompter: Prompter, key: str) -> Path | None:
    prompter.console.print()
    reply = prompter.line(message(key, prompter.language) + ": ")
    return Path(reply).expanduser() if reply else None


def _save(prompter: Prompter, path: Path, text: str) -> None:
    from infoshare.render.output import write_file

    write_file(text, path)
    prompter.say("interview.saved", "green", path=str(path))


def _question_yaml(interview: Interview) -> str:
    from infoshare.core.question import question_file_text

    return question_file_text(interview.question_data(), message("interview.title", interview.language))
