"""The `check` command: its options, declared once, and what it does with them.

The declaration is plain data, so that two parsers can read it: app.py builds the Typer command from it
(help, `--help`, error messages for a mistyped option) and quick.py parses an ordinary check by hand, without
importing Typer, in a fraction of the time. Neither lists an option of its own.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Any, NamedTuple

from infoshare.domain import SUBJECT, Language
from infoshare.errors import QuestionError, UsageError


class Format(str, Enum):
    text = "text"
    json = "json"
    memo = "memo"
    html = "html"


class EngineName(str, Enum):
    durable = "durable"
    reference = "reference"


class Param(NamedTuple):  # a named tuple: a row of a table, and quicker to define than a dataclass at each start
    """One parameter of a command. `kind`: "path", "text", "int", "switch" (a `--yes/--no` pair), "texts" (an
    option given once per value), an Enum whose values are the choices, or a Literal of the choices (domain.Language).
    No flags: the positional argument."""

    name: str
    kind: Any
    help: str
    flags: tuple[str, ...] = ()
    default: Any = None
    show_default: bool = False
    metavar: str | None = None


FOLLOW_SYMLINK = Param(
    "follow_symlink", "switch", "When -o names a symbolic link, write the file it points to (by default a link is refused, never replaced).",
    ("--follow-symlink/--no-follow-symlink",), default=False,
)
ENGINE = Param("engine", EngineName, "The matcher: durable-rules, or the pure-Python reference evaluator (default: durable where installed, else reference).", ("--engine",))
AUDIT_LOG = Param("audit_log", "path", "Append one hash-chained line per decision to this file (check it with `infoshare audit verify`).", ("--audit-log",))
RULES = Param(
    "root",
    "path",
    "A checkout to read vocabulary.yaml, rules/, legal_basis/ and templates/ from (default: $INFOSHARE_ROOT, else this checkout, else the data installed with infoshare).",
    ("--rules",),
)

# The subject's fields (domain.SUBJECT), an option each: a whole number, or a yes/no pair.
SUBJECT_PARAMS = tuple(Param(name, "int" if spec.kind == "whole" else "switch", spec.help, (spec.option,)) for name, spec in SUBJECT.items())

CHECK_HELP = "Check one proposed disclosure and print the answer. Exit 0 when decided, 5 when referred."
CHECK_PARAMS = (
    Param("question_file", "path", "A question file (YAML or JSON); or give the question with the options below.", metavar="QUESTION.yaml"),
    Param("discloser", "text", "Role id of the discloser, or a job title (opettaja, skolkurator, nurse).", ("--from",)),
    Param("recipient", "text", "Role id of the recipient, or a job title.", ("--to",)),
    Param("item", "text", "Item id: what would be shared.", ("--item",)),
    Param("purpose", "text", "Purpose id.", ("--purpose",)),
    Param("initiative", "text", "proactive or on_request.", ("--initiative",)),
    *SUBJECT_PARAMS,
    Param("fact", "texts", "A fact as id=value, e.g. consent=refused; repeat for more.", ("--fact",)),
    Param("as_of", "text", "The day whose law applies (YYYY-MM-DD); default: the question's, else today.", ("--as-of",)),
    Param("lang", Language, "Answer language (default: the question's, else fi).", ("--lang",)),
    Param(
        "output_format",
        Format,
        "text: a summary for the terminal; json: the contract's answer object; memo: the cited justification memo (Markdown); html: the memo as a printable page.",
        ("--format",),
        Format.text,
        show_default=True,
    ),
    Param("output", "path", "Write the answer to this file instead of the terminal (written whole, or not at all).", ("-o", "--output")),
    FOLLOW_SYMLINK,
    Param("assume_enacted", "texts", "Treat a pending bill (e.g. HE-182-2025) as enacted, to see what it would change.", ("--assume-enacted",)),
    ENGINE,
    AUDIT_LOG,
    Param("case_ref", "text", "Memo: the case or diary reference (else a blank line to fill in).", ("--case-ref",)),
    Param("organisation", "text", "Memo: the organisation deciding (else a blank line).", ("--organisation",)),
    Param("decided_by", "text", "Memo: the decision-maker's title or role, not a name or contact details (else a blank line).", ("--decided-by",)),
    Param("secrecy_marking", "text", "Memo: mark it secret, naming the provision the secrecy rests on (Openness Act s.25), e.g. 'JulkL 24 § 1 mom. 25 k.'.", ("--secrecy-marking",)),
    RULES,
)


def check(
    *,
    question_file: Path | None,
    discloser: str | None,
    recipient: str | None,
    item: str | None,
    purpose: str | None,
    initiative: str | None,
    fact: list[str] | None,
    as_of: str | None,
    lang: Language | None,
    output_format: Format,
    output: Path | None,
    follow_symlink: bool,
    assume_enacted: list[str] | None,
    engine: EngineName | None,
    audit_log: Path | None,
    case_ref: str | None,
    organisation: str | None,
    decided_by: str | None,
    secrecy_marking: str | None,
    root: Path | None,
    **subject: Any,
) -> int:
    """Answer one question and print the answer; the exit code (0 decided, 5 referred). Errors raise InfoshareError.
    `subject`: the subject's fields (SUBJECT_PARAMS), None where not given."""
    from infoshare.core.documents import Located
    from infoshare.core.loader import load_ruleset
    from infoshare.core.question_record import checked_question, read_question_file, role_for_flag

    filing = None  # only a memo is filed; a detail given for another format is still refused when it is personal data
    if output_format in (Format.memo, Format.html) or any((case_ref, organisation, decided_by, secrecy_marking)):
        filing = memo_filing(case_ref, organisation, decided_by, secrecy_marking)
    flags = {"discloser": discloser, "recipient": recipient, "item": item, "purpose": purpose}
    if question_file is not None and any(v is not None for v in (*flags.values(), initiative, *subject.values(), fact)):
        raise UsageError("give the question either as a file or with --from/--to/--item/--purpose, not both")
    ruleset = load_ruleset(root, light=True)
    overrides: dict[str, Any] = {}
    if as_of is not None:
        overrides["as_of"] = as_of
    if lang is not None:
        overrides["language"] = lang
    if question_file is not None:
        question = read_question_file(question_file, ruleset)
        if overrides or assume_enacted:
            data = question.model_dump(mode="json", exclude_none=True)
            data.update(overrides)
            data["assume_enacted"] = [*question.assume_enacted, *(assume_enacted or [])]
            question = checked_question(Located("<command line>", data), ruleset)
    else:
        missing = [f"--{'from' if k == 'discloser' else 'to' if k == 'recipient' else k}" for k, v in flags.items() if v is None]
        if missing:
            raise UsageError(f"give a question file, or all of --from, --to, --item and --purpose (missing {', '.join(missing)})")
        typed = {"--from": discloser or "", "--to": recipient or ""}  # either may be a job title (`opettaja`, `skolkurator`)
        read_as: dict[str, str] = {}
        for flag, part in (("--from", "discloser"), ("--to", "recipient")):
            role, from_title = role_for_flag(flag, typed[flag], ruleset.vocabulary)
            flags[part] = role
            if from_title:
                read_as[flag] = role
        question = checked_question(Located("<command line>", flag_data(flags | overrides, initiative, subject, fact, assume_enacted, ruleset)), ruleset)
        for flag, role in read_as.items():  # said on stderr, so that stdout stays the contract's answer
            label = ruleset.vocabulary.role_label(role, "en", question.with_defaults().as_of)
            print(f"infoshare: {flag} '{typed[flag]}' is read as the role '{role}' ({label})", file=sys.stderr)

    from infoshare.checker import make_checker

    answer = make_checker(ruleset, engine.value if engine else None).answer(question)
    if audit_log is not None:
        from infoshare.render.audit import AuditLog

        AuditLog(audit_log).record(answer)
    language = answer.question["language"]
    if output_format is Format.text and output is None:
        from infoshare.render.screen import Screen
        from infoshare.render.terminal import render

        render(answer, ruleset, Screen.of(sys.stdout))
    else:
        emit(rendered(answer, ruleset, output_format, language, filing), output, follow_symlink)
    return answer.exit_code


def memo_filing(case_ref: str | None, organisation: str | None, decided_by: str | None, secrecy_marking: str | None) -> Any:
    """The memo's filing details, dated today; refused (exit 4) like a question when one looks like personal data."""
    import datetime

    from infoshare.errors import Problem
    from infoshare.render.memo import Filing

    filing = Filing(datetime.date.today().isoformat(), case_ref, organisation, decided_by, secrecy_marking)
    refused = [
        Problem("<command line>", None, f"{option} looks like {kind}; a memo names the decision-maker by title or role, never by contact details")
        for option, kind in filing.personal_data()
    ]
    if refused:
        raise QuestionError(refused)
    return filing


def rendered(answer: Any, ruleset: Any, output_format: Format, language: str, filing: Any = None) -> str:
    if output_format is Format.json:
        return str(answer.to_json())
    if output_format is Format.memo:
        from infoshare.render.memo import render_markdown

        return render_markdown(answer, ruleset, language, filing)
    if output_format is Format.html:
        from infoshare.render.memo import render_html

        return render_html(answer, ruleset, language, filing)
    import io

    from infoshare.render.screen import Screen
    from infoshare.render.terminal import render

    buffer = io.StringIO()
    render(answer, ruleset, Screen(buffer, width=100))  # a file gets no escape codes
    return buffer.getvalue()


def emit(text: str, output: Path | None, follow_symlink: bool = False) -> None:
    """Print, or write the file whole (through a symbolic link only when told to follow it)."""
    if output is None:
        sys.stdout.write(text)
        return
    from infoshare.render.output import followed, write_file

    write_file(text, followed(output) if follow_symlink else output)


def question_from_flags(
    data: dict[str, Any], initiative: str | None, subject: dict[str, Any], fact: list[str] | None, assume_enacted: list[str] | None, ruleset: Any
) -> Any:
    """A question given with options (check, matrix), checked like a question file."""
    from infoshare.core.question import question_from_data

    return question_from_data(flag_data(data, initiative, subject, fact, assume_enacted, ruleset), "<command line>", ruleset)


def flag_data(
    data: dict[str, Any], initiative: str | None, subject: dict[str, Any], fact: list[str] | None, assume_enacted: list[str] | None, ruleset: Any
) -> dict[str, Any]:
    """A question's data from its options: `data` with the subject (its fields by name, None where not given),
    facts and bills the other options give."""
    data = dict(data)
    if initiative is not None:
        data["initiative"] = initiative
    given = {name: value for name, value in subject.items() if value is not None}
    if given:
        data["subject"] = given
    if fact:
        data["facts"] = parse_facts(fact, ruleset)
    if assume_enacted:
        data["assume_enacted"] = assume_enacted
    return data


def parse_facts(pairs: list[str], ruleset: Any) -> dict[str, Any]:
    """`consent=refused`, `risk_of_violence=true`, `offence_max_penalty_years=4` typed by the vocabulary."""
    from infoshare.core.privacy import personal_data_kind
    from infoshare.core.suggest import did_you_mean
    from infoshare.errors import Problem

    facts: dict[str, Any] = {}
    for pair in pairs:
        if kind := personal_data_kind(pair):
            raise QuestionError([Problem("<command line>", None, f"--fact looks like {kind}; a question must not hold personal data")])
        name, sep, raw = pair.partition("=")
        if not sep:
            raise UsageError(f"--fact takes id=value, got '{pair}'")
        entry = ruleset.vocabulary.facts.get(name)
        if entry is None:
            raise QuestionError([Problem("<command line>", None, f"unknown fact '{name}'", did_you_mean(name, ruleset.vocabulary.facts))])
        if entry.type == "bool":
            lowered = raw.lower()
            value: Any = {"true": True, "yes": True, "false": False, "no": False}.get(lowered, raw)
        elif entry.type == "number":
            try:
                value = float(raw) if "." in raw else int(raw)
            except ValueError:
                value = raw
        else:
            value = raw
        facts[name] = value
    return facts
