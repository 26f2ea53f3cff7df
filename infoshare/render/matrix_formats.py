"""The outcome matrix as a terminal table, a printable HTML page or CSV.

All three read the same `Matrix`; the localised strings come from the vocabulary and the message
catalogue, so the views can never disagree about what a cell says.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from collections.abc import Sequence
from typing import Any

from rich import box
from rich.columns import Columns
from rich.console import Console
from rich.table import Table
from rich.text import Text

from infoshare.core.loader import Ruleset
from infoshare.domain import REFER_REASONS, SUBJECT, SUBJECT_FIELDS, fact_name
from infoshare.locations import templates_dir
from infoshare.render.answer import Citation
from infoshare.render.matrix import Matrix, Note
from infoshare.render.messages import message, ruleset_line
from infoshare.render.sandbox import template_environment
from infoshare.render.terminal import STYLES
from infoshare.render.words import date_warnings

MARKS = {"must_share": "▲", "may_share": "●", "must_not_share": "✕", "refer": "?"}
SUBJECT_FLAGS = {"initiative": "--initiative", **{fact_name(name): spec.option for name, spec in SUBJECT.items()}}


# -- what every view says -----------------------------------------------------------------------------


def mark(note: Note, language: str) -> str:
    """▲ ● ✕, or ? with a letter for the reason (?f: missing facts in English)."""
    return MARKS[note.outcome] + (message(f"matrix.mark.{note.refer_reason}", language) if note.refer_reason else "")


def role_label(ruleset: Ruleset, role: str, language: str, as_of: dt.date | None = None) -> str:
    """The role's label as on `as_of`, without its parenthesised detail: `Poliisi`, `Police`."""
    return ruleset.vocabulary.role_label(role, language, as_of).split(" (")[0]


def legend(language: str) -> list[tuple[str, str, str]]:
    """(outcome, mark, meaning) for every mark a cell can show."""
    entries = [(outcome, MARKS[outcome], message(f"outcome.{outcome}", language)) for outcome in ("must_share", "may_share", "must_not_share")]
    entries += [("refer", MARKS["refer"] + message(f"matrix.mark.{reason}", language), message(f"matrix.reason.{reason}", language)) for reason in REFER_REASONS]
    return entries


def facts_shown(matrix: Matrix, ruleset: Ruleset) -> list[tuple[str, str]]:
    """(label, value) of every part of the question that was given: initiative, age, maturity, facts."""
    vocabulary, question, language = ruleset.vocabulary, matrix.question, matrix.question.language

    def word(value: bool) -> str:
        return message("word.yes" if value else "word.no", language)

    shown = []
    if question.initiative is not None:
        initiative = vocabulary.subject["initiative"]
        shown.append((initiative.label[language], initiative.values[question.initiative][language]))
    for name in SUBJECT_FIELDS:
        value = getattr(question.subject, name)
        if value is not None:
            shown.append((vocabulary.subject[name].label[language], word(value) if isinstance(value, bool) else str(value)))
    for fact, value in question.facts.items():
        entry = vocabulary.facts[fact]
        if isinstance(value, bool):
            text = word(value)
        else:
            text = entry.values[value][language] if isinstance(value, str) and value in entry.values else str(value)
        shown.append((entry.label[language], text))
    return shown


def open_facts(matrix: Matrix, ruleset: Ruleset) -> list[tuple[str, str, int]]:
    """(fact, label, cells) for each unknown fact that would settle some ? cells, the most needed first."""
    vocabulary, language = ruleset.vocabulary, matrix.question.language
    counts: Counter[str] = Counter()
    for note in matrix.notes:
        for asked in note.questions:
            counts[asked.fact] += len(note.cells)
    found = []
    for fact, count in counts.items():
        found.append((fact, vocabulary.entry(fact).label[language], count))
    return sorted(found, key=lambda entry: -entry[2])


def warnings(matrix: Matrix, ruleset: Ruleset) -> list[str]:
    """Assumed bills, dates outside the law the ruleset knows, unverified provisions and uncertain grounds, once for the whole grid."""
    question, language = matrix.question, matrix.question.language
    as_of = question.with_defaults().as_of
    assert as_of is not None
    found = [note.text for note in date_warnings(ruleset, as_of, question.assume_enacted, language)]
    unverified = {
        citation.provision: f"{citation.provision} {citation.where(language)}"
        for note in matrix.notes
        for ground in note.grounds
        for citation in ground.citations
        if not citation.verified
    }
    if unverified:
        found.append(message("matrix.unverified", language, provisions=", ".join(unverified[p] for p in sorted(unverified))))
    mixed = sum(len(note.cells) for note in matrix.notes if note.mixed_grounds)
    if mixed:
        found.append(message("matrix.mixed_grounds", language, count=mixed))
    return found


def _described(ruleset: Ruleset, kind: str, key: str, language: str) -> str:
    return f"{getattr(ruleset.vocabulary, kind)[key][language]} [{key}]"


# -- the terminal -------------------------------------------------------------------------------------


def render_text(matrix: Matrix, ruleset: Ruleset, console: Console, show_grounds: bool) -> None:
    """Header, the grid (rows: disclosers, numbered columns: recipients), legend, notes, warnings, ruleset."""
    language = matrix.question.language

    def m(key: str, **values: object) -> str:
        return message(key, language, **values)

    console.print(Text(m("matrix.title"), style="bold underline"))
    facts = "; ".join(f"{label} = {value}" for label, value in facts_shown(matrix, ruleset)) or m("matrix.no_facts")
    for label, value in (
        (m("matrix.item"), _described(ruleset, "items", matrix.question.item, language)),
        (m("matrix.purpose"), _described(ruleset, "purposes", matrix.question.purpose, language)),
        (m("matrix.facts"), facts),
    ):
        console.print(Text.assemble((f"{label}: ", "bold"), value))
    console.print(Text(m("matrix.axes"), style="dim"))

    def cell(discloser: str, recipient: str) -> Text:
        note = matrix.cells[(discloser, recipient)]
        shown = MARKS[note.outcome] + str(note.number) if show_grounds else mark(note, language)
        return Text(shown, style=STYLES[note.outcome])

    key = {recipient: number for number, recipient in enumerate(matrix.recipients, start=1)}
    numbered = any(d in key for d in matrix.disclosers)
    rows = [
        ((f"{key[d]:>2} " if d in key else "   " if numbered else "") + role_label(ruleset, d, language, matrix.question.as_of), [cell(d, r) for r in matrix.recipients])
        for d in matrix.disclosers
    ]
    widest = max([len(str(len(matrix.recipients)))] + [c.cell_len for _, cells in rows for c in cells])
    spare = console.width - len(matrix.recipients) * (widest + 2) - 3 >= 24  # room for a space beside each mark
    width = widest + spare
    table = Table(box=box.SQUARE, padding=(0, 0), pad_edge=False)
    table.add_column("", no_wrap=True, max_width=max(12, min(36, console.width - len(matrix.recipients) * (width + 1) - 3)), overflow="ellipsis")
    for number in key.values():
        table.add_column(str(number), justify="center", width=width, no_wrap=True)
    for label, cells in rows:
        table.add_row(label, *cells)
    console.print(table)
    unlabelled = [r for r in matrix.recipients if r not in matrix.disclosers]
    if unlabelled:
        console.print(Text(f"{m('matrix.columns')}: " + " · ".join(f"{key[r]} {role_label(ruleset, r, language, matrix.question.as_of)}" for r in unlabelled)))

    entries = [Text.assemble((shown, STYLES[outcome]), f" {meaning}") for outcome, shown, meaning in legend(language)]
    console.print(Columns(entries, padding=(0, 3)))
    asked = open_facts(matrix, ruleset)
    if asked:
        line = " · ".join(f"{label} {SUBJECT_FLAGS.get(fact, f'--fact {fact}=…')} ({count})" for fact, label, count in asked)
        console.print(Text.assemble((m("matrix.open_facts", mark=m("matrix.mark.missing_facts")) + " ", "bold"), line))
    if show_grounds:
        _print_notes(matrix, console, language)
    for warning in warnings(matrix, ruleset):
        console.print(Text(f"⚠ {warning}", style="yellow"))
    console.print(Text(ruleset_line(matrix.ruleset, matrix.question.language), style="dim"))


def _print_notes(matrix: Matrix, console: Console, language: str) -> None:
    """Each numbered note: the outcome, how many cells share it, its grounds with provisions, open facts."""
    console.print(Text("\n" + message("matrix.notes", language), style="bold underline"))
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right")
    table.add_column()
    for note in matrix.notes:
        reason = message(f"matrix.reason.{note.refer_reason}", language) if note.refer_reason else message(f"outcome.{note.outcome}", language)
        body = Text.assemble((mark(note, language), STYLES[note.outcome]), " ", (reason, "bold"), f" · {message('matrix.cell_count', language, count=len(note.cells))}")
        if note.outcome == "refer" and note.grounds:
            body.append(f"\n{message('heading.would_decide', language)}:", style="dim")
        for ground in note.grounds:
            body.append(f"\n• {ground.title}", style="bold").append(f" – {_provisions(ground.citations, language)}")
        if note.questions:
            body.append("\n? " + ", ".join(q.fact for q in note.questions), style="yellow")
        if note.mixed_grounds:
            body.append("\n" + message("grounds_depend_on_unknown_facts", language), style="dim")
        table.add_row(str(note.number), body)
    console.print(table)


def _provisions(citations: Sequence[Citation], language: str) -> str:
    """The cited provisions with each act named once: `Lastensuojelulaki 417/2007 25 § 1 mom., 25 § 2 mom.`."""
    by_act: dict[str, list[str]] = {}
    for citation in citations:
        section = citation.where(language).removeprefix(citation.act).strip() + ("" if citation.verified else " ⚠")
        by_act.setdefault(f"{citation.title} {citation.act}", []).append(section)
    return "; ".join(f"{act} {', '.join(sections)}" for act, sections in by_act.items())


def text(matrix: Matrix, ruleset: Ruleset, show_grounds: bool) -> str:
    """The terminal view as plain text, 120 columns wide, for a file."""
    buffer = io.StringIO()
    render_text(matrix, ruleset, Console(file=buffer, width=120, no_color=True), show_grounds)
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


# -- the printable page -------------------------------------------------------------------------------


def html(matrix: Matrix, ruleset: Ruleset) -> str:
    """A standalone page: the coloured grid, each cell linked to its numbered note with grounds and Finlex links."""
    return template_environment(templates_dir()).get_template("matrix.html.j2").render(**_html_context(matrix, ruleset))


def _html_context(matrix: Matrix, ruleset: Ruleset) -> dict[str, Any]:
    language = matrix.question.language
    key = {recipient: number for number, recipient in enumerate(matrix.recipients, start=1)}

    def role(role_id: str) -> str:
        return ruleset.vocabulary.role_label(role_id, language, matrix.question.as_of)

    def cell(discloser: str, recipient: str) -> dict[str, Any]:
        note = matrix.cells[(discloser, recipient)]
        return {"outcome": note.outcome, "mark": mark(note, language), "note": note.number, "title": f"{role(discloser)} → {role(recipient)}: {_meaning(note, language)}"}

    return {
        "language": language,
        "m": lambda name, **values: message(name, language, **values),
        "item": _described(ruleset, "items", matrix.question.item, language),
        "purpose": _described(ruleset, "purposes", matrix.question.purpose, language),
        "facts": facts_shown(matrix, ruleset),
        "columns": [{"number": key[r], "label": role(r)} for r in matrix.recipients],
        "unlabelled": [{"number": key[r], "label": role(r)} for r in matrix.recipients if r not in matrix.disclosers],
        "rows": [
            {"number": key.get(d), "label": role(d), "cells": [cell(d, r) for r in matrix.recipients]}
            for d in matrix.disclosers
        ],
        "legend": legend(language),
        "open_facts": [(label, count) for _, label, count in open_facts(matrix, ruleset)],
        "notes": [
            {
                "number": note.number,
                "outcome": note.outcome,
                "mark": mark(note, language),
                "meaning": _meaning(note, language),
                "cells": [f"{role(d)} → {role(r)}" for d, r in note.cells],
                "grounds": [
                    {
                        "title": ground.title,
                        "rule": ground.rule,
                        "explanation": ground.explanation,
                        "citations": [
                            {"text": c.cite(language), "title": c.section_title, "url": c.url, "verified": c.verified}
                            for c in ground.citations
                        ],
                    }
                    for ground in note.grounds
                ],
                "questions": [q.text for q in note.questions],
                "mixed": note.mixed_grounds,
            }
            for note in matrix.notes
        ],
        "warnings": warnings(matrix, ruleset),
        "ruleset": ruleset_line(matrix.ruleset, matrix.question.language),
    }


def _meaning(note: Note, language: str) -> str:
    outcome = message(f"outcome.{note.outcome}", language)
    return f"{outcome}: {message(f'matrix.reason.{note.refer_reason}', language)}" if note.refer_reason else outcome


# -- CSV ------------------------------------------------------------------------------------------------


def csv_text(matrix: Matrix) -> str:
    """One row per cell, ids only."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["discloser", "recipient", "outcome", "refer_reason", "grounds", "citations"])
    for discloser in matrix.disclosers:
        for recipient in matrix.recipients:
            note = matrix.cells[(discloser, recipient)]
            provisions = dict.fromkeys(c.provision for g in note.grounds for c in g.citations)
            writer.writerow([discloser, recipient, note.outcome, note.refer_reason or "", ";".join(g.rule for g in note.grounds), ";".join(provisions)])
    return buffer.getvalue()
