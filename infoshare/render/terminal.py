"""The terminal summary of an answer: the answer first, then why, then what else to do.

Laid out by screen.py with the standard library alone, so that `infoshare check` prints its answer without rich.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from infoshare.render.answer import Answer, Ground, RelatedDuty
from infoshare.render.messages import display_date, message, ruleset_line
from infoshare.render.screen import Screen, Span, cells
from infoshare.render.words import PROMINENT

if TYPE_CHECKING:
    from infoshare.core.loader import Ruleset

STYLES = {"must_share": "bold white on red", "may_share": "bold black on green", "must_not_share": "bold white on blue", "refer": "bold black on yellow"}
BULLET = 4  # where the text of a bullet ("  • ") starts, and its wrapped lines with it


def render(answer: Answer, ruleset: Ruleset, screen: Screen) -> None:
    """Print the answer compactly: outcome, grounds with citations, open questions, related duties."""
    lang = answer.question["language"]
    q = answer.question
    labels = _labels(ruleset, lang, q["as_of"])
    headline: list[tuple[list[Span], int]] = [([(w.text, "bold white on red")], 0) for w in answer.warnings if w.code in PROMINENT]
    headline.append(([outcome_text(answer.outcome, lang)], 0))
    if answer.refer_reason:
        headline.append(([(message(f"reason.{answer.refer_reason}", lang), "bold")], 0))
    fields = [
        (message(name, lang) + ":", value)
        for name, value in (
            ("field.discloser", labels("roles", q["discloser"])), ("field.recipient", labels("roles", q["recipient"])),
            ("field.item", labels("items", q["item"])), ("field.purpose", labels("purposes", q["purpose"])),
            ("field.as_of", display_date(q["as_of"], lang)),
        )
    ]
    column = max(cells(name) for name, _ in fields) + 1
    headline += [([(name, "dim"), (" " * (column - cells(name)), ""), (value, "")], column) for name, value in fields]
    screen.box(headline)

    titles = {rule_id: rule.title[lang] for rule_id, rule in ruleset.rules.items()}
    grounds_heading = "heading.grounds" if answer.outcome != "refer" else "heading.would_decide"
    if answer.grounds:
        _heading(screen, message(grounds_heading, lang))
        for ground in answer.grounds:
            print_ground(screen, ground, lang)
    if answer.defeated:
        _heading(screen, message("heading.defeated", lang))
        for rule, by in answer.defeated:
            print_defeated(screen, titles[rule], titles[by], lang)
    if answer.obligations:
        _heading(screen, message(f"heading.obligations_{answer.outcome}", lang))
        for _, text in answer.obligations:
            _bullet(screen, (text, ""))
    if answer.questions:
        _heading(screen, message("heading.questions", lang))
        for question in answer.questions:
            print_question(screen, question.text, "; ".join(titles[rule] for rule in question.asked_by))
    if answer.related_duties:
        _heading(screen, message("heading.related_duties", lang))
        for duty in answer.related_duties:
            print_related_duty(screen, duty, ruleset, lang, q["as_of"])
    if answer.alternatives:
        _heading(screen, message("heading.alternatives", lang))
        for alternative in answer.alternatives:
            (fact, value), = alternative.condition.items()
            outcome = message(f"outcome.{alternative.outcome}", lang)
            _bullet(screen, (f"{labels('facts', fact)}: {labels('values', fact, value)} → {outcome}", ""))
    if answer.warnings:
        _heading(screen, message("heading.warnings", lang))
        for warning in answer.warnings:  # an assumed bill is also shown above the answer (PROMINENT)
            _bullet(screen, (warning.text, "yellow"), "⚠")
    screen.print()
    screen.print([(ruleset_line(answer.ruleset, lang), "dim")])


def outcome_text(outcome: str, lang: str) -> Span:
    """The outcome as the coloured headline of an answer."""
    return " " + message(f"outcome.{outcome}", lang) + " ", STYLES[outcome]


def print_ground(screen: Screen, ground: Ground, lang: str) -> None:
    """One ground: its title and rule, the explanation, then each provision it cites."""
    _bullet(screen, (ground.title, "bold"))
    screen.print([(" " * BULLET, ""), (ground.explanation, "")], BULLET)
    for citation in ground.citations:
        flag = "" if citation.verified else f"  ⚠ {message('phrase.unverified', lang)}"
        cited = [("    § ", "cyan"), (citation.cite(lang), "cyan"), (f" – {citation.section_title}", ""), (flag, "yellow")]
        screen.print(cited, BULLET + 2)


def print_defeated(screen: Screen, rule: str, by: str, lang: str) -> None:
    """A rule that gave way (titles both)."""
    _bullet(screen, (f"{rule}: " + message("phrase.defeated_by", lang, by=by), ""))


def print_question(screen: Screen, text: str, asked_by: str = "") -> None:
    """A fact still to find out, and the rules that ask it (when given)."""
    screen.print([("  ? ", "bold yellow"), (text, ""), (f"  [{asked_by}]" if asked_by else "", "dim")], BULLET)


def print_related_duty(screen: Screen, duty: RelatedDuty, ruleset: Ruleset, lang: str, as_of: str | None = None) -> None:
    """One other duty the facts trigger: toward whom (named as on `as_of`), for what, and whether it is certain."""
    labels = _labels(ruleset, lang, as_of)
    target = f"{labels('roles', duty.recipient)} – {labels('purposes', duty.purpose)}"
    if duty.outcome == "must_share":
        status = message("outcome.must_share", lang)
    else:
        status = message("phrase.possible_duty", lang, facts=" ".join(ruleset.vocabulary.entry(name)[lang] for name in duty.questions))
    cited = "; ".join(sorted({c.cite(lang) for g in duty.grounds for c in g.citations}))
    screen.print([("  ! ", "bold red"), (target, "bold"), (f": {status}", ""), (f"  [{cited}]", "dim")], BULLET)


def _bullet(screen: Screen, text: Span, mark: str = "•") -> None:
    """A list item whose wrapped lines stay indented under its first word."""
    screen.print([(f"{mark:>3} ", ""), text], BULLET)


def _heading(screen: Screen, text: str) -> None:
    screen.print()
    screen.print([(text, "bold underline")])


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
