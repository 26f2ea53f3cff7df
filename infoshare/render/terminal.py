"""The terminal summary of an answer (rich): the answer first, then why, then what else to do."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from infoshare.core.loader import Ruleset
from infoshare.render.answer import Answer, Ground, RelatedDuty
from infoshare.render.messages import display_date, message, ruleset_line
from infoshare.render.words import PROMINENT

STYLES = {"must_share": "bold white on red", "may_share": "bold black on green", "must_not_share": "bold white on blue", "refer": "bold black on yellow"}


def render(answer: Answer, ruleset: Ruleset, console: Console) -> None:
    """Print the answer compactly: outcome, grounds with citations, open questions, related duties."""
    lang = answer.question["language"]
    q = answer.question
    labels = _labels(ruleset, lang, q["as_of"])
    headline = outcome_text(answer.outcome, lang)
    assumed = [Text(w.text, style="bold white on red") for w in answer.warnings if w.code in PROMINENT]
    body: list[Any] = [*assumed, headline]
    if answer.refer_reason:
        body.append(Text(message(f"reason.{answer.refer_reason}", lang), style="bold"))
    fields = Table.grid(padding=(0, 1))
    for name, value in (
        ("field.discloser", labels("roles", q["discloser"])), ("field.recipient", labels("roles", q["recipient"])),
        ("field.item", labels("items", q["item"])), ("field.purpose", labels("purposes", q["purpose"])),
        ("field.as_of", display_date(q["as_of"], lang)),
    ):
        fields.add_row(Text(message(name, lang) + ":", style="dim"), Text(value))
    body.append(fields)
    console.print(Panel(Group(*body), expand=False))

    titles = {rule_id: rule.title[lang] for rule_id, rule in ruleset.rules.items()}
    grounds_heading = "heading.grounds" if answer.outcome != "refer" else "heading.would_decide"
    if answer.grounds:
        _heading(console, message(grounds_heading, lang))
        for ground in answer.grounds:
            print_ground(console, ground, lang)
    if answer.defeated:
        _heading(console, message("heading.defeated", lang))
        for rule, by in answer.defeated:
            console.print(Text(f"  • {titles[rule]}: " + message("phrase.defeated_by", lang, by=titles[by])))
    if answer.obligations:
        _heading(console, message(f"heading.obligations_{answer.outcome}", lang))
        for _, text in answer.obligations:
            _bullet(console, Text(text))
    if answer.questions:
        _heading(console, message("heading.questions", lang))
        for question in answer.questions:
            asked_by = "; ".join(titles[rule] for rule in question.asked_by)
            console.print(Text.assemble(("  ? ", "bold yellow"), question.text, (f"  [{asked_by}]", "dim")))
    if answer.related_duties:
        _heading(console, message("heading.related_duties", lang))
        for duty in answer.related_duties:
            print_related_duty(console, duty, ruleset, lang, q["as_of"])
    if answer.alternatives:
        _heading(console, message("heading.alternatives", lang))
        for alternative in answer.alternatives:
            (fact, value), = alternative.condition.items()
            outcome = message(f"outcome.{alternative.outcome}", lang)
            console.print(Text(f"  • {labels('facts', fact)}: {labels('values', fact, value)} → {outcome}"))
    if answer.warnings:
        _heading(console, message("heading.warnings", lang))
        for warning in answer.warnings:  # an assumed bill is also shown above the answer (PROMINENT)
            _bullet(console, Text(warning.text, style="yellow"), "⚠")
    footer = ruleset_line(answer.ruleset, lang)
    console.print(Text("\n" + footer, style="dim"))


def outcome_text(outcome: str, lang: str) -> Text:
    """The outcome as the coloured headline of an answer."""
    return Text(" " + message(f"outcome.{outcome}", lang) + " ", style=STYLES[outcome])


def print_ground(console: Console, ground: Ground, lang: str) -> None:
    """One ground: its title and rule, the explanation, then each provision it cites."""
    console.print(Text.assemble(("  • ", ""), (ground.title, "bold")))
    console.print(Padding(Text(ground.explanation), (0, 0, 0, 4)))
    for citation in ground.citations:
        flag = "" if citation.verified else f"  ⚠ {message('phrase.unverified', lang)}"
        console.print(Text.assemble(("    § ", "cyan"), (citation.cite(lang), "cyan"), (f" – {citation.section_title}", ""), (flag, "yellow")))


def print_related_duty(console: Console, duty: RelatedDuty, ruleset: Ruleset, lang: str, as_of: str | None = None) -> None:
    """One other duty the facts trigger: toward whom (named as on `as_of`), for what, and whether it is certain."""
    labels = _labels(ruleset, lang, as_of)
    target = f"{labels('roles', duty.recipient)} – {labels('purposes', duty.purpose)}"
    if duty.outcome == "must_share":
        status = message("outcome.must_share", lang)
    else:
        status = message("phrase.possible_duty", lang, facts=" ".join(ruleset.vocabulary.entry(name)[lang] for name in duty.questions))
    cited = "; ".join(sorted({c.cite(lang) for g in duty.grounds for c in g.citations}))
    console.print(Text.assemble(("  ! ", "bold red"), (target, "bold"), f": {status}", (f"  [{cited}]", "dim")))


def _bullet(console: Console, text: Text, mark: str = "•") -> None:
    """A list item whose wrapped lines stay indented under its first word."""
    table = Table.grid(padding=(0, 1))
    table.add_column(width=3, justify="right")
    table.add_column()
    table.add_row(mark, text)
    console.print(table)


def _heading(console: Console, text: str) -> None:
    console.print(Text("\n" + text, style="bold underline"))


def _labels(ruleset: Ruleset, lang: str, as_of: str | None) -> Any:
    vocabulary = ruleset.vocabulary

    def label(kind: str, key: str, value: Any = None) -> str:
        if kind == "roles":
            return vocabulary.role_label(key, lang, as_of)
        if kind == "facts":
            entry = vocabulary.facts[key]
            return entry.label[lang]
        if kind == "values":
            if isinstance(value, bool):
                return message("word.yes" if value else "word.no", lang)
            entry = vocabulary.facts[key]
            if isinstance(value, str) and value in entry.values:
                return entry.values[value][lang]
            return str(value).lower()
        return getattr(vocabulary, kind)[key][lang]

    return label
