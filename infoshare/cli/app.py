"""The command line: parsing and printing only; the work happens in the modules each command imports.

Heavy modules (the ruleset loader, pydantic, rich, durable) are imported inside the commands, so
`infoshare schema` stays quick and a command loads only what it needs. An ordinary check, `--version` and
`--help` do not come here at all: quick.py runs them without importing Typer, from the same declarations.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional, TypeAlias, TypeVar

import typer
from typer.core import TyperGroup

from infoshare.cli import check_command
from infoshare.cli.check_command import (
    AUDIT_LOG,
    CHECK_HELP,
    CHECK_PARAMS,
    ENGINE,
    FOLLOW_SYMLINK,
    RULES,
    SUBJECT_PARAMS,
    EngineName,
    Param,
    emit,
    question_from_flags,
)
from infoshare.cli.exits import RedactedStream, flush_standard_output, reported
from infoshare.domain import Language
from infoshare.errors import UsageError

F = TypeVar("F", bound=Callable[..., Any])


class _Commands(TyperGroup):
    """The command group: errors redacted on their way out, and a standard output that cannot be written
    (a full device) reported as such rather than as a bug."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        from infoshare.locations import choose_root

        with contextlib.redirect_stderr(RedactedStream(sys.stderr)):
            try:
                return super().main(*args, **kwargs)
            finally:
                choose_root(None)  # `--rules` holds for this run only, also when commands run in one process
                flush_standard_output()


app = typer.Typer(
    cls=_Commands,
    name="infoshare",
    help="May agency X share information item Y about a person with recipient Z for purpose P? "
    "Decision support for Finnish Anchor teams, citing the provisions it rests on.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _choose_rules(folder: Optional[Path]) -> Optional[Path]:
    """`--rules`: the data and the templates both come from this folder for the whole run."""
    from infoshare.locations import choose_root

    choose_root(folder)
    return folder


def _annotated(param: Param, **extra: Any) -> Any:
    """A parameter of a declaration table (check_command.Param) as the type Typer reads it from."""
    optional = param.default is None
    kind = {"path": Path, "text": str, "int": int, "switch": bool, "texts": list[str]}.get(param.kind, param.kind)
    if not param.flags:
        info = typer.Argument(metavar=param.metavar, help=param.help, show_default=param.show_default, **extra)
    else:
        info = typer.Option(*param.flags, help=param.help, show_default=param.show_default, **extra)
    return Annotated[Optional[kind] if optional else kind, info]


def _parameter(param: Param, **extra: Any) -> inspect.Parameter:
    """A declared parameter as a keyword of a command's signature, which Typer reads."""
    return inspect.Parameter(param.name, inspect.Parameter.KEYWORD_ONLY, default=param.default, annotation=_annotated(param, **extra))


def _signature(params: tuple[Param, ...], **extra: dict[str, Any]) -> Callable[[F], F]:
    """Give a command the parameters of a declaration table (with `extra` settings for some, such as a callback)."""

    def decorate(command: F) -> F:
        command.__signature__ = inspect.Signature([_parameter(p, **extra.get(p.name, {})) for p in params])  # type: ignore[attr-defined]
        return command

    return decorate


def _with_subject_options(command: F) -> F:
    """Give a command the subject's options (check_command.SUBJECT_PARAMS) after its `--initiative`, in place of
    its `**subject`, which receives them."""
    signature = inspect.signature(command, eval_str=True)
    params = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in signature.parameters.values() if p.kind is not inspect.Parameter.VAR_KEYWORD]
    at = [p.name for p in params].index("initiative") + 1
    command.__signature__ = signature.replace(parameters=[*params[:at], *map(_parameter, SUBJECT_PARAMS), *params[at:]])  # type: ignore[attr-defined]
    return command


if TYPE_CHECKING:  # what the type checker sees; Typer reads the declarations below
    RootOption: TypeAlias = Optional[Path]
    AuditOption: TypeAlias = Optional[Path]
    FollowOption: TypeAlias = bool
    EngineOption: TypeAlias = Optional[EngineName]
else:
    RootOption = _annotated(RULES, callback=_choose_rules)
    AuditOption = _annotated(AUDIT_LOG)
    FollowOption = _annotated(FOLLOW_SYMLINK)
    EngineOption = _annotated(ENGINE)


def _print_version(asked: bool) -> None:
    if asked:
        from infoshare.cli.about import version_text

        print(version_text())
        raise typer.Exit(0)


@app.callback()
def _options(
    version: Annotated[bool, typer.Option("--version", help="Print the version of infoshare and of its ruleset, the day the law was last checked, and the engine; then exit.", callback=_print_version, is_eager=True)] = False,
) -> None:
    pass


def reports_errors(command: F) -> F:
    """Turn our errors into the contract's exit codes with file:line messages; a bug says so, without a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as error:
            raise typer.Exit(reported(error)) from None

    return wrapper  # type: ignore[return-value]


@app.command(help=CHECK_HELP)
@reports_errors
@_signature(CHECK_PARAMS, root={"callback": _choose_rules})
def check(**options: Any) -> None:
    raise typer.Exit(check_command.check(**options))


@app.command()
@reports_errors
def batch(
    source: Annotated[Path, typer.Argument(metavar="IN.jsonl", help="One question a line, as JSON with a question file's fields; - reads stdin.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Where the answers go, one contract JSON answer a line, in input order; - is stdout (a file is written whole, or not at all).")] = Path("-"),
    follow_symlink: FollowOption = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes answering at once.")] = 1,
    engine: EngineOption = None,
    audit_log: AuditOption = None,
    root: RootOption = None,
) -> None:
    """Answer many questions: a line that is not a valid question gets an error object with its line number, and the batch goes on. Exit 0 when every line was answered, 4 when one was invalid."""
    from infoshare.cli.batch import run_batch
    from infoshare.core.matchers import default_engine

    progress = None
    if sys.stderr.isatty():
        from infoshare.cli.batch import progress_bar

        progress = progress_bar()
    if follow_symlink and str(output) != "-":
        from infoshare.render.output import followed

        output = followed(output)
    answered, invalid = run_batch(source, output, root=root, engine=engine.value if engine else default_engine(), jobs=jobs, audit_log=audit_log, progress=progress)
    if invalid:
        print(f"infoshare: {invalid} of {answered + invalid} lines were not valid questions (see their error objects)", file=sys.stderr)
    raise typer.Exit(4 if invalid else 0)


# --- the interview ----------------------------------------------------------------------------------


@app.command()
@reports_errors
def interview(
    question_file: Annotated[Optional[Path], typer.Argument(metavar="[QUESTION.yaml]", help="Resume a question file: ask only the facts it leaves open.", show_default=False)] = None,
    lang: Annotated[Optional[Language], typer.Option("--lang", help="The language of the questions, the answer and the memo (default: the question file's, else fi).", show_default=False)] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="The day whose law applies (YYYY-MM-DD); default: the question file's, else today.", show_default=False)] = None,
    save_question: Annotated[Optional[Path], typer.Option("--save-question", help="Write the finished question (YAML) here instead of offering to.", show_default=False)] = None,
    save_memo: Annotated[Optional[Path], typer.Option("--save-memo", help="Write the memo here (.md, or .html for a printable page) instead of offering to.", show_default=False)] = None,
    assume_enacted: Annotated[Optional[list[str]], typer.Option("--assume-enacted", help="Treat a pending bill (e.g. HE-182-2025) as enacted.", show_default=False)] = None,
    audit_log: AuditOption = None,
    root: RootOption = None,
) -> None:
    """A guided check: choose who shares what with whom and why, then answer only the facts that can still change the answer. Replies may be piped in, one a line."""
    from rich.console import Console

    from infoshare.checker import make_checker
    from infoshare.core.loader import load_ruleset
    from infoshare.core.question import question_from_data, read_question_file
    from infoshare.training.interview import Interview
    from infoshare.training.interview_ui import run_interview

    ruleset = load_ruleset(root)
    # Without a file, a stand-in question carries the options, so --as-of and --assume-enacted are checked
    # (exit 4, with a suggestion) before the worker answers anything; only its date, language and bills are used.
    data: dict[str, Any] = {"discloser": "police", "recipient": "police", "item": "police_data", "purpose": "crime_prevention"}
    if question_file is not None:
        data = read_question_file(question_file, ruleset).model_dump(mode="json", exclude_none=True)
    data |= {"language": lang} if lang else {}
    data |= {"as_of": as_of} if as_of else {}
    data["assume_enacted"] = [*data.get("assume_enacted", []), *(assume_enacted or [])]
    question = question_from_data(data, "<command line>", ruleset)
    checker = make_checker(ruleset)
    if question_file is not None:
        session = Interview.resuming(checker, question)
    else:
        day = question.with_defaults().as_of
        assert day is not None
        session = Interview(checker, question.language, day, tuple(question.assume_enacted))
    code = run_interview(session, Console(highlight=False), save_question, save_memo, audit_log=audit_log)
    raise typer.Exit(code)


@app.command()
@reports_errors
def vocab(
    lang: Annotated[Optional[Language], typer.Option("--lang", help="Show labels in one language only.", show_default=False)] = None,
    root: RootOption = None,
) -> None:
    """List every id a question may use, with its labels."""
    from rich.console import Console
    from rich.table import Table

    from infoshare.core.loader import load_ruleset
    from infoshare.domain import LANGUAGES

    vocabulary = load_ruleset(root).vocabulary
    languages = [lang] if lang else list(LANGUAGES)
    console = Console()
    sections: list[tuple[str, dict[str, Any]]] = [
        ("roles", {role: {language: vocabulary.role_label(role, language) for language in languages} for role in vocabulary.roles}),
        ("items", vocabulary.items),
        ("purposes", vocabulary.purposes),
        ("facts", {k: v.label for k, v in vocabulary.facts.items()}),
        ("subject", {k: v.label for k, v in vocabulary.subject.items()}),
        ("obligations", vocabulary.obligations),
    ]
    for title, entries in sections:
        table = Table(title=title, title_justify="left", show_lines=False)
        table.add_column("id", style="bold")
        for language in languages:
            table.add_column(language)
        if title == "facts":
            table.add_column("type")
        for key, entry in entries.items():
            row = [key, *(entry[language] for language in languages)]
            if title == "facts":
                kind = vocabulary.facts[key].type
                row.append(" | ".join(kind) if isinstance(kind, list) else kind)
            table.add_row(*row)
        console.print(table)


class SchemaName(str, Enum):
    question = "question"
    rule = "rule"
    legal_basis = "legal-basis"
    cases = "cases"
    vocabulary = "vocabulary"
    ruleset = "ruleset"
    patterns = "patterns"
    scenario = "scenario"


@app.command()
@reports_errors
def schema(
    name: Annotated[SchemaName, typer.Argument(help="Which file's JSON Schema to print.")],
    root: RootOption = None,
) -> None:
    """Print the JSON Schema of a question, rule, legal-basis, cases, vocabulary, ruleset, patterns or scenario file."""
    from infoshare.review.schemas import json_schema, render

    sys.stdout.write(render(json_schema(name.value, root)))


class ReportFormat(str, Enum):
    text = "text"
    json = "json"


@app.command("test")
@reports_errors
def test_cases(
    paths: Annotated[Optional[list[Path]], typer.Argument(metavar="[PATH]...", help="Cases files or folders to run (default: every rules/**/*.cases.yaml).", show_default=False)] = None,
    coverage: Annotated[bool, typer.Option("--coverage", help="Also report the cases that exercise each rule, provision and vocabulary id.")] = False,
    output_format: Annotated[ReportFormat, typer.Option("--format", help="text: the failures with file:line, then a summary; json: every case, its answer and the coverage.")] = ReportFormat.text,
    root: RootOption = None,
) -> None:
    """Run the cases beside the rules. Exit 0 when all pass, 1 when one fails, 3 when a rule or cases file is invalid."""
    from infoshare.review.case_report import run

    report, code = run(paths or [], root, coverage, output_format.value)
    sys.stdout.write(report)
    raise typer.Exit(code)


@app.command("lint")
@reports_errors
def lint_rules(
    output_format: Annotated[ReportFormat, typer.Option("--format", help="text: one finding a paragraph; json: a list of finding objects.")] = ReportFormat.text,
    base: Annotated[Optional[str], typer.Option("--base", help="Show only the findings the change since this git revision introduced (e.g. main).", show_default=False)] = None,
    root: RootOption = None,
) -> None:
    """Check the rule files for what a reviewer cannot see by eye. Exit 0 without errors (warnings allowed), 3 with errors."""
    from infoshare.review.lint import exit_code, lint, render

    if base is None:
        findings = shown = lint(root)
    else:
        from infoshare.core.loader import default_root
        from infoshare.review.lint_changes import new_findings

        findings, shown = new_findings(root or default_root(), base)
    sys.stdout.write(render(shown, output_format.value))
    if base is not None and output_format == ReportFormat.text:
        sys.stdout.write(f"{len(findings) - len(shown)} more already found at {base}, not shown\n")
    raise typer.Exit(exit_code(findings))


class DiffFormat(str, Enum):
    text = "text"
    markdown = "markdown"


@app.command("diff")
@reports_errors
def semantic_diff(
    base: Annotated[str, typer.Argument(help="The git revision to compare from (e.g. main, HEAD~1).")],
    head: Annotated[Optional[str], typer.Argument(help="The revision to compare to (default: the working tree).", show_default=False)] = None,
    output_format: Annotated[DiffFormat, typer.Option("--format", help="text, or markdown for a pull-request comment.")] = DiffFormat.text,
    lang: Annotated[Language, typer.Option("--lang", help="The report's language.")] = "en",
    root: RootOption = None,
) -> None:
    """Every answer a change to the rules alters, over the whole question space: outcome changes first, in plain words."""
    from infoshare.core.loader import default_root
    from infoshare.review.diff import diff

    text, code = diff(base, head, root or default_root(), output_format.value, lang)
    (sys.stdout if code == 0 else sys.stderr).write(text)
    raise typer.Exit(code)


@app.command()
@reports_errors
def rulebook(
    output: Annotated[Path, typer.Option("-o", "--output", help="The folder to write the site into; an earlier rulebook there is replaced whole.")] = Path("site"),
    root: RootOption = None,
) -> None:
    """Build the rulebook: a static HTML site of every act, provision and rule, with cases and coverage."""
    from infoshare.core.loader import load_ruleset
    from infoshare.review.rulebook import build

    build(load_ruleset(root), output)


@app.command("legal-review")
@reports_errors
def legal_review(
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write the Markdown here instead of printing it.", show_default=False)] = None,
    follow_symlink: FollowOption = False,
    root: RootOption = None,
) -> None:
    """Write the legal review: every provision with its verification status, the rules using it, and the dossier's patterns."""
    from infoshare.core.loader import load_ruleset
    from infoshare.review.legal_review import render

    emit(render(load_ruleset(root)), output, follow_symlink)


# --- the audit trail -------------------------------------------------------------------------------

audit_app = typer.Typer(name="audit", help="The audit trail that --audit-log writes.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(audit_app, name="audit")


AuditFile: TypeAlias = Annotated[Path, typer.Argument(metavar="FILE", help="An audit log written with --audit-log.")]


@audit_app.command("verify")
@reports_errors
def audit_verify(
    log: AuditFile,
    head: Annotated[Optional[str], typer.Option("--head", metavar="sha256:…", help="A head an earlier verify printed: the log must still hold its line (lines lost from the end, or a last line edited, show only so).", show_default=False)] = None,
) -> None:
    """Check that no line of an audit log was edited, removed, moved or cut short, and name each that was. Exit 0 when whole, 7 when not."""
    from infoshare.render.audit import verify

    result = verify(log, head)
    for finding in result.findings:
        print(f"{log}: {finding}")
    state = "broken" if result.findings else "whole"
    kept = f"; the kept head is line {result.kept_head_line}" if result.kept_head_line else ""
    print(f"{log}: {_lines(result.lines)}, the chain is {state}{kept}; head {result.head} (keep it elsewhere, and give it to --head later, to detect a loss of the last lines)")
    raise typer.Exit(7 if result.findings else 0)


@audit_app.command("replay")
@reports_errors
def audit_replay(log: AuditFile, engine: EngineOption = None, root: RootOption = None) -> None:
    """Decide again each line made under the ruleset in use (--rules: a checkout of the version the log names), and name each decided otherwise now. Exit 0 when every one agrees, 7 when not."""
    from infoshare.checker import make_checker
    from infoshare.core.loader import load_ruleset
    from infoshare.review.replay import replay

    with make_checker(load_ruleset(root), engine.value if engine else None) as checker:
        result = replay(log, checker)
        ruleset = checker.ruleset
    for finding in result.findings:
        print(f"{log}: {finding}")
    print(f"{log}: {_lines(result.lines)}; {result.replayed} made under ruleset {ruleset.version} ({ruleset.digest}), of which {result.agreed} decided again as logged")
    for (version, digest), count in sorted(result.elsewhere.items()):
        print(f"{log}: {count} made under ruleset {version} ({digest}), not replayed: give --rules a checkout of that version")
    raise typer.Exit(7 if result.findings else 0)


def _lines(count: int) -> str:
    return "1 line" if count == 1 else f"{count} lines"


# --- the scenario library --------------------------------------------------------------------------

scenarios_app = typer.Typer(
    name="scenarios",
    help="The training scenarios of examples/scenarios/: list them, show one to a class, play one as a trainee, print handouts.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(scenarios_app, name="scenarios")

ScenarioName = Annotated[str, typer.Argument(metavar="NAME", help="The scenario's name: its file name without .yaml (`infoshare scenarios list`).")]
ScenarioLanguage = Annotated[Language, typer.Option("--lang", help="The language of the scenario and its answers.")]


class ScenarioFormat(str, Enum):
    text = "text"
    question = "question"


def _scenario_checker(root: Path | None) -> Any:
    """The rules answer every scenario afresh: a scenario file's own expectation is never shown as the answer."""
    from infoshare.checker import make_checker
    from infoshare.core.loader import load_ruleset

    return make_checker(load_ruleset(root))


@scenarios_app.command("list")
@reports_errors
def scenarios_list(lang: ScenarioLanguage = "fi", root: RootOption = None) -> None:
    """List the scenarios: title, hard case, the tool's answer, the number of variations, tags."""
    from rich.console import Console

    from infoshare.training.play import list_scenarios
    from infoshare.training.scenarios import load_scenarios

    checker = _scenario_checker(root)
    list_scenarios(load_scenarios(checker.ruleset.root), checker, lang, Console(highlight=False))


@scenarios_app.command("check")
@reports_errors
def scenarios_check(
    names: Annotated[Optional[list[str]], typer.Argument(metavar="[NAME]...", help="The scenarios to check (default: all).", show_default=False)] = None,
    root: RootOption = None,
) -> None:
    """Check scenarios against the rules: each question and variation must get the answer and grounds it names. Exit 0 when all hold, 1 when one does not."""
    from infoshare.training.scenarios import check_report, find_scenario, load_scenarios

    checker = _scenario_checker(root)
    chosen = [find_scenario(checker.ruleset.root, name) for name in names] if names else load_scenarios(checker.ruleset.root)
    report, code = check_report(chosen, checker)
    sys.stdout.write(report)
    raise typer.Exit(code)


@scenarios_app.command("show")
@reports_errors
def scenarios_show(
    name: ScenarioName,
    lang: ScenarioLanguage = "fi",
    output_format: Annotated[ScenarioFormat, typer.Option("--format", help="text: the whole scenario with every answer; question: its question as a file `infoshare check` reads.")] = ScenarioFormat.text,
    variation: Annotated[Optional[int], typer.Option("--variation", help="With --format question: the question of variation N (from 1) instead of the story's.", show_default=False)] = None,
    root: RootOption = None,
) -> None:
    """Show a scenario: story, question, discussion points, the tool's answer, model answer, mistakes, variations."""
    from infoshare.core.loader import default_root
    from infoshare.training.scenarios import find_scenario

    if variation is not None and output_format is not ScenarioFormat.question:
        raise UsageError("--variation goes with --format question")
    if output_format is ScenarioFormat.question:
        from infoshare.training.play import question_yaml

        sys.stdout.write(question_yaml(find_scenario(root or default_root(), name), variation, lang))
        return
    from rich.console import Console

    from infoshare.training.play import show
    from infoshare.training.scenario_view import scenario_view

    checker = _scenario_checker(root)
    view = scenario_view(find_scenario(checker.ruleset.root, name), checker, lang)
    show(view, checker.ruleset, Console(highlight=False))


@scenarios_app.command("play")
@reports_errors
def scenarios_play(
    name: ScenarioName,
    lang: ScenarioLanguage = "fi",
    answer: Annotated[Optional[str], typer.Option("--answer", help="Check this answer to the story's question (1-4 or an outcome id) without asking: exit 0 when right, 6 when wrong.", show_default=False)] = None,
    root: RootOption = None,
) -> None:
    """Play a scenario: answer, then see the tool's reasoning step by step, variation by variation, and a score. Answers may be piped in, one a line."""
    from rich.console import Console

    from infoshare.training.play import check_answer, parse_outcome, play
    from infoshare.training.scenario_view import scenario_view
    from infoshare.training.scenarios import find_scenario

    given = None if answer is None else parse_outcome(answer)
    if answer is not None and given is None:
        raise UsageError(f"--answer takes 1-4 or one of must_share, may_share, must_not_share, refer (got '{answer}')")
    checker = _scenario_checker(root)
    view = scenario_view(find_scenario(checker.ruleset.root, name), checker, lang)
    console = Console(highlight=False)
    if given is not None:
        raise typer.Exit(0 if check_answer(view, checker.ruleset, console, given) else 6)
    from infoshare.training.prompter import Prompter

    play(view, checker.ruleset, Prompter(console, lang))


@scenarios_app.command("export")
@reports_errors
def scenarios_export(
    output: Annotated[Path, typer.Option("-o", "--output", help="The folder to write the handouts into; an earlier export there is replaced whole.")],
    names: Annotated[Optional[list[str]], typer.Argument(metavar="[NAME]...", help="The scenarios to export (default: all).", show_default=False)] = None,
    lang: ScenarioLanguage = "fi",
    root: RootOption = None,
) -> None:
    """Write printable classroom handouts: an index, and a page a scenario with the answers on a page of their own."""
    from infoshare.training.handouts import export

    for where in export(_scenario_checker(root), names or [], output, lang):
        print(f"infoshare: warning: {where}: this scenario is out of date; its handout shows the tool's current answer", file=sys.stderr)


# --- the outcome matrix ----------------------------------------------------------------------------


class MatrixFormat(str, Enum):
    text = "text"
    html = "html"
    csv = "csv"


@app.command()
@reports_errors
@_with_subject_options
def matrix(
    item: Annotated[str, typer.Option("--item", help="Item id: what would be shared.", show_default=False)],
    purpose: Annotated[str, typer.Option("--purpose", help="Purpose id.", show_default=False)],
    disclosers: Annotated[Optional[list[str]], typer.Option("--from", help="A discloser role id (or job title) to show as a row; repeat for more (default: every role).", show_default=False)] = None,
    recipients: Annotated[Optional[list[str]], typer.Option("--to", help="A recipient role id (or job title) to show as a column; repeat for more (default: every role).", show_default=False)] = None,
    initiative: Annotated[Optional[str], typer.Option("--initiative", help="proactive or on_request.", show_default=False)] = None,
    fact: Annotated[Optional[list[str]], typer.Option("--fact", help="A fact as id=value, e.g. consent=refused; repeat for more.", show_default=False)] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="The day whose law applies (YYYY-MM-DD); default: today.", show_default=False)] = None,
    lang: Annotated[Language, typer.Option("--lang", help="Language of the labels, legend and grounds.")] = "fi",
    output_format: Annotated[MatrixFormat, typer.Option("--format", help="text: a coloured table for the terminal; html: a printable page whose cells link to their grounds; csv: one row per cell.")] = MatrixFormat.text,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write to this file instead of the terminal (written whole, or not at all).", show_default=False)] = None,
    follow_symlink: FollowOption = False,
    grounds: Annotated[bool, typer.Option("--grounds", help="Number each cell and list under the grid the grounds and provisions of each number.")] = False,
    assume_enacted: Annotated[Optional[list[str]], typer.Option("--assume-enacted", help="Treat a pending bill (e.g. HE-182-2025) as enacted, to see what it would change.", show_default=False)] = None,
    root: RootOption = None,
    **subject: Any,
) -> None:
    """Show who must, may and must not share: the outcome for one item and purpose for every discloser × recipient."""
    from infoshare.checker import make_checker
    from infoshare.core.loader import load_ruleset
    from infoshare.render.matrix import build, chosen_roles
    from infoshare.render.matrix_formats import csv_text, html, render_text, text

    ruleset = load_ruleset(root)
    rows = chosen_roles(disclosers or [], "--from", ruleset.vocabulary)
    columns = chosen_roles(recipients or [], "--to", ruleset.vocabulary)
    data: dict[str, Any] = {"discloser": rows[0], "recipient": columns[0], "item": item, "purpose": purpose, "language": lang}
    if as_of is not None:
        data["as_of"] = as_of
    question = question_from_flags(data, initiative, subject, fact, assume_enacted, ruleset)
    grid = build(make_checker(ruleset).decider, question, rows, columns, output_format is not MatrixFormat.csv)
    if output_format is MatrixFormat.text and output is None:
        from rich.console import Console

        render_text(grid, ruleset, Console(highlight=False), grounds)
    elif output_format is MatrixFormat.text:
        emit(text(grid, ruleset, grounds), output, follow_symlink)
    else:
        emit(html(grid, ruleset) if output_format is MatrixFormat.html else csv_text(grid), output, follow_symlink)


def main() -> None:
    """The `infoshare` console script (quick.main, kept here for callers of `infoshare.cli.app:main`)."""
    from infoshare.cli.quick import main as quick_main

    quick_main()
