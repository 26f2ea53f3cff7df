"""The scenario library in the terminal: a trainer lists and shows scenarios, a trainee plays them.

Playing asks before it tells: the trainee answers, then the engine's reasoning is revealed one step at
a time (pausing at a terminal; piped answers run straight through, and the play finishes on its own
when they run out), each variation in turn, and a score at the end.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from infoshare.checker import Checker
from infoshare.core.loader import Ruleset
from infoshare.core.question import question_file_text
from infoshare.domain import OUTCOMES
from infoshare.errors import UsageError
from infoshare.render.answer import outcome_with_reason
from infoshare.render.messages import message
from infoshare.render.screen import Screen
from infoshare.render.terminal import BULLET, outcome_text, print_defeated, print_ground, print_question, print_related_duty, render
from infoshare.training.interview import Choice
from infoshare.training.prompter import InputEnded, Prompter
from infoshare.training.scenario_view import Asked, ScenarioView
from infoshare.training.scenarios import Scenario


def list_scenarios(scenarios: list[Scenario], checker: Checker, language: str, console: Console) -> None:
    """One row a scenario: name, hard case and title; the outcome is the engine's, answered now. Tags when there is room."""
    from infoshare.render.terminal import STYLES

    table = Table(show_lines=False)
    columns = ["name", "outcome", "variations"] + (["tags"] if console.width >= 120 else [])
    for column in columns:
        table.add_column(message(f"scenarios.column.{column}", language), no_wrap=column in ("outcome", "variations"), justify="right" if column == "variations" else "left")
    for scenario in scenarios:
        verdict = checker.decider.verdict(scenario.question(checker, None, language))
        content = scenario.content
        hard_case = f" ({message('scenarios.hard_case', language, number=content.hard_case)})" if content.hard_case else ""
        outcome = outcome_with_reason(verdict.outcome, verdict.refer_reason)
        cells: list[Text | str] = [
            Text.assemble((scenario.name, "bold"), "\n", content.title[language], (hard_case, "dim")),
            Text(f" {outcome} ", style=STYLES[verdict.outcome]),
            str(len(content.variations)),
        ]
        table.add_row(*cells, *([", ".join(content.tags)] if "tags" in columns else []))
    console.print(table)


def question_yaml(scenario: Scenario, variation: int | None, language: str) -> str:
    """The scenario's question (or variation N's, counted from 1) as a file `infoshare check` reads."""
    variations = scenario.content.variations
    if variation is not None and not 1 <= variation <= len(variations):
        raise UsageError(f"--variation: {scenario.name} has variations 1 to {len(variations)}, not {variation}")
    chosen = variations[variation - 1] if variation else None
    title = chosen.title[language] if chosen else scenario.content.title[language]
    data = scenario.question_data(chosen, language)
    return question_file_text(data, f"{scenario.name}: {title}")


def show(view: ScenarioView, ruleset: Ruleset, console: Console) -> None:
    """The whole scenario for a trainer: story, question, discussion, then every answer and lesson."""
    language = view.language
    _title(console, view)
    _section(console, message("scenarios.heading.story", language))
    console.print(view.story.strip())
    _section(console, message("heading.question", language))
    _rows(console, view.question.rows)
    _section(console, message("scenarios.heading.discussion", language))
    _listed(console, view.discussion, "{}.".format)
    _section(console, message("scenarios.heading.answer", language))
    screen = Screen.like(console)
    _stale(screen, view.question, language)
    render(view.question.answer, ruleset, screen)
    _section(console, message("scenarios.heading.model_answer", language))
    console.print(view.model_answer.strip())
    _section(console, message("scenarios.heading.mistakes", language))
    _listed(console, view.mistakes, "{}.".format)
    _section(console, message("scenarios.heading.variations", language))
    for number, asked in enumerate(view.variations, start=1):
        console.print(Text("\n" + message("scenarios.variation", language, number=number, title=asked.title), style="bold"))
        _rows(console, asked.rows)
        _stale(screen, asked, language)
        render(asked.answer, ruleset, screen)
        console.print(Text("\n" + message("scenarios.lesson", language, text=asked.lesson), style="italic"))


def play(view: ScenarioView, ruleset: Ruleset, prompter: Prompter) -> None:
    """Ask, reveal and teach the story's question and each variation, then discuss and score."""
    console, language = prompter.console, view.language
    _title(console, view)
    console.print(view.story.strip())
    _section(console, message("heading.question", language))
    _rows(console, view.question.rows)
    right = 0
    for number, asked in enumerate([view.question, *view.variations]):
        if number:
            _section(console, message("scenarios.variation", language, number=number, title=asked.title))
            _rows(console, asked.rows)
        given = _ask(prompter, language)
        right += reveal(asked, given, ruleset, console, language, lambda: _pause(prompter))
        if asked.lesson:
            console.print(Text("\n" + message("scenarios.lesson", language, text=asked.lesson), style="bold italic"))
        else:
            _section(console, message("scenarios.heading.model_answer", language))
            console.print(view.model_answer.strip())
        _pause(prompter)
    _section(console, message("scenarios.heading.discussion", language))
    _listed(console, view.discussion, "{}.".format)
    _section(console, message("scenarios.heading.mistakes", language))
    _listed(console, view.mistakes, "{}.".format)
    console.print(Text("\n" + message("scenarios.play.score", language, right=right, total=1 + len(view.variations)), style="bold"))


def check_answer(view: ScenarioView, ruleset: Ruleset, console: Console, given: str) -> bool:
    """Judge one answer to the story's question against the engine's, and show the reasoning."""
    _title(console, view)
    return reveal(view.question, given, ruleset, console, view.language, lambda: None)


def parse_outcome(text: str) -> str | None:
    """An outcome from its number in the list (1–4) or its id."""
    text = text.strip()
    if text.isdigit() and 1 <= int(text) <= len(OUTCOMES):
        return OUTCOMES[int(text) - 1]
    return text if text in OUTCOMES else None


def reveal(asked: Asked, given: str | None, ruleset: Ruleset, console: Console, language: str, pause: Callable[[], None]) -> bool:
    """The reasoning step by step: the rules that apply, those set aside, the outcome, each ground, duties, conditions.

    Returns whether `given` is the engine's outcome.
    """
    answer = asked.answer
    rules = ruleset.rules
    screen = Screen.like(console)
    _stale(screen, asked, language)
    step = _stepper(console, pause)

    if answer.outcome != "refer":  # a referred answer lists the rules that could decide with its grounds, below
        step("scenarios.step.applies", language)
        for rule_id in dict.fromkeys([g.rule for g in answer.grounds] + [rule for pair in answer.defeated for rule in pair]):
            screen.print([("  • ", ""), (rules[rule_id].title[language], "bold"), (f"  [{rule_id}, {rules[rule_id].effect}]", "dim")], BULLET)
    if answer.defeated:
        step("heading.defeated", language)
        for rule_id, by in answer.defeated:
            print_defeated(screen, rules[rule_id].title[language], rules[by].title[language], language)

    step("scenarios.step.outcome", language)
    screen.print([outcome_text(answer.outcome, language)])
    if answer.refer_reason:
        screen.print([(message(f"reason.{answer.refer_reason}", language), "bold")])
    for question in answer.questions:
        print_question(screen, question.text)
    right = given == answer.outcome
    if given is None:
        screen.print([(message("scenarios.play.unanswered", language), "dim")])
    elif right:
        screen.print([(message("scenarios.play.right", language), "bold green")])
    else:
        screen.print([(message("scenarios.play.wrong", language, given=message(f"outcome.{given}", language)), "bold red")])

    for index, ground in enumerate(answer.grounds):
        step(None if index else "heading.grounds" if answer.outcome != "refer" else "heading.would_decide", language)
        print_ground(screen, ground, language)
    if answer.related_duties:
        step("heading.related_duties", language)
        for duty in answer.related_duties:
            print_related_duty(screen, duty, ruleset, language, answer.question["as_of"])
    if answer.obligations:
        step("heading.obligations", language)
        _listed(console, [text for _, text in answer.obligations], lambda _: "•")
    return right


def _stepper(console: Console, pause: Callable[[], None]) -> Callable[[str | None, str], None]:
    """Each step after the first waits for the trainee, then prints its heading (if it starts a new part)."""
    taken: list[str | None] = []

    def step(key: str | None, language: str) -> None:
        if taken:
            pause()
        taken.append(key)
        if key:
            console.print(Text("\n" + message(key, language), style="bold underline"))

    return step


def _ask(prompter: Prompter, language: str) -> str | None:
    """The trainee's outcome, or None once the input has ended."""
    if prompter.ended:
        return None
    prompter.console.print()
    choices = [Choice(outcome, message(f"outcome.{outcome}", language)) for outcome in OUTCOMES]
    try:
        chosen: Any = prompter.choose(message("scenarios.play.ask", language), choices, ids=list(OUTCOMES))
    except InputEnded:
        return None
    return str(chosen)


def _pause(prompter: Prompter) -> None:
    """Wait for Enter at a terminal; piped input never pauses."""
    if prompter.interactive and not prompter.ended:
        try:
            prompter.line(message("scenarios.play.continue", prompter.language))
        except InputEnded:
            pass


def _title(console: Console, view: ScenarioView) -> None:
    hard_case = f" · {message('scenarios.hard_case', view.language, number=view.hard_case)}" if view.hard_case else ""
    console.rule(Text(view.title + hard_case, style="bold"))
    if view.texts_in != view.language:
        console.print(Text(message("scenarios.texts_in_finnish", view.language), style="italic yellow"))


def _section(console: Console, title: str) -> None:
    console.print()
    console.rule(Text(title, style="bold"), align="left", style="dim")


def _rows(console: Console, rows: list[tuple[str, str]]) -> None:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    for label, value in rows:
        table.add_row(label, value)
    console.print(Padding(table, (0, 0, 0, 2), expand=False))


def _listed(console: Console, texts: list[str], mark: Callable[[int], str]) -> None:
    """A list whose wrapped lines stay under their first word; `mark` gives the bullet of item N (from 1)."""
    table = Table.grid(padding=(0, 1))
    table.add_column(width=4, justify="right")
    table.add_column()
    for number, text in enumerate(texts, start=1):
        table.add_row(mark(number), text.strip())
    console.print(table)


def _stale(screen: Screen, asked: Asked, language: str) -> None:
    if asked.stale:  # wrapped lines stay under the text, not under the sign
        screen.print([("⚠ " + message("scenarios.out_of_date", language, where=asked.stale), "bold yellow")], 2)
