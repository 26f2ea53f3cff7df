"""Asking in the terminal, one line a reply: numbered choices found by number, id or part of a label.

It reads plain lines, so the same code serves a person at a terminal (with Tab completion of the
choices where readline is available) and a script piping its replies in; piped replies are echoed
so the transcript reads as a dialogue. No reply is ever logged, and a reply that looks like
personal data is refused before it is used. The guided check and `scenarios play` both ask through it.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any, TextIO

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from infoshare.core.privacy import personal_data_kind
from infoshare.core.suggest import fold
from infoshare.render.messages import message
from infoshare.training.interview import Choice


class InputEnded(Exception):
    """The replies ran out (end of piped input, or Ctrl-D)."""


class Prompter:
    """Asks one thing at a time and reads one line per reply."""

    def __init__(self, console: Console, language: str, stream: TextIO | None = None):
        self.console = console
        self.language = language
        self.stream = stream or sys.stdin
        self.interactive = self.stream.isatty() and console.is_terminal
        self._completions: list[str] = []
        self.ended = False
        if self.interactive:
            _enable_completion(self)

    def say(self, key: str, style: str = "", **values: Any) -> None:
        self.console.print(Text(message(key, self.language, **values), style=style))

    def line(self, prompt: str) -> str:
        """One reply, stripped; refused and asked again when it looks like personal data."""
        while True:
            if self.interactive:
                try:
                    reply = input(prompt)
                except EOFError:
                    self.ended = True
                    raise InputEnded from None
            else:
                self.console.print(prompt, end="", markup=False, highlight=False)
                reply = self.stream.readline()
                if not reply:
                    self.console.print()
                    self.ended = True
                    raise InputEnded
                reply = reply.rstrip("\n")
            reply = reply.strip()
            kind = personal_data_kind(reply)
            if not self.interactive:  # echo piped replies, so the transcript reads as a dialogue; never personal data
                self.console.print("…" if kind else reply, markup=False, highlight=False)
            if kind is None:
                return reply
            self.say("interview.personal_data", "bold red")

    def choose(self, heading: str, choices: Sequence[Choice], ids: Sequence[str] = (), optional: bool = False) -> Any:
        """A choice by number, id or any part of its label; `?` lists them; Enter is "don't know" when optional."""
        self.console.print(Text(heading, style="bold"))
        self._list(choices, range(len(choices)))
        hint = f" [{message('interview.dont_know_hint', self.language)}]" if optional else ""
        self._completions = list(dict.fromkeys([c.label for c in choices] + [name for c in choices for name in c.names]))
        while True:
            reply = self.line(f"> {hint.strip()} " if hint else "> ")
            if not reply:
                if optional:
                    self.say("interview.chosen", "dim", label=message("interview.dont_know", self.language))
                    return None
                self.say("interview.required", "yellow")
                continue
            if reply == "?":
                self._list(choices, range(len(choices)))
                continue
            matches = _matching(reply, choices, ids)
            if len(matches) == 1:
                chosen = choices[matches[0]]
                self.say("interview.chosen", "green", label=chosen.label)
                return chosen.value
            if matches:
                self.say("interview.several_match", "yellow", text=reply)
                self._list(choices, matches)
            else:
                self.say("interview.no_match", "yellow", text=reply)

    def number(self, heading: str, whole: bool) -> float | int | None:
        """A number (an age in whole years, or a value such as a maximum penalty); Enter is "don't know"."""
        self.console.print(Text(heading, style="bold"))
        hint = message("interview.dont_know_hint", self.language)
        while True:
            reply = self.line(f"> [{hint}] ")
            if not reply:
                self.say("interview.chosen", "dim", label=message("interview.dont_know", self.language))
                return None
            try:
                value: float | int = int(reply) if whole else float(reply.replace(",", "."))
            except ValueError:
                value = -1
            if whole and 0 <= value <= 130:
                return value
            if not whole and value >= 0:
                return value
            if whole:
                self.say("interview.not_a_number", "yellow", low=0, high=130)
            else:
                self.say("interview.not_a_value", "yellow")

    def _list(self, choices: Sequence[Choice], indexes: Sequence[int] | range) -> None:
        width = len(str(len(choices)))
        for index in indexes:
            self.console.print(f"  [cyan]{index + 1:>{width}}[/cyan]  {escape(choices[index].label)}", highlight=False)


def _matching(reply: str, choices: Sequence[Choice], ids: Sequence[str]) -> list[int]:
    """Indexes of the choices a reply names: its number, else the first non-empty tier of an exact id, label or
    other name (a job title), a label it begins, labels or names with a word beginning with each typed word, and
    any label, name or id containing it. Two choices sharing a name are both offered; a name's beginning alone
    does not outrank other choices (`youth` offers every youth role, not just the one with a `youth worker`)."""
    if reply.isdigit():
        number = int(reply)
        return [number - 1] if 1 <= number <= len(choices) else []
    typed = fold(reply)
    typed_words = typed.split()
    names = [([fold(choice.label), *map(fold, choice.names)], fold(ids[i]) if ids else "") for i, choice in enumerate(choices)]
    tiers = (
        lambda labels, ident: typed == ident or typed in labels,
        lambda labels, ident: labels[0].startswith(typed),
        lambda labels, ident: any(all(any(word.startswith(t) for word in _words(label)) for t in typed_words) for label in labels),
        lambda labels, ident: any(typed in label for label in labels) or bool(ident) and typed in ident,
    )
    for tier in tiers:
        found = [i for i, (labels, ident) in enumerate(names) if tier(labels, ident)]
        if found:
            return found
    return []


def _words(label: str) -> list[str]:
    return "".join(c if c.isalnum() else " " for c in label).split()


def _enable_completion(prompter: Prompter) -> None:
    """Tab completes the choices on offer (GNU readline or libedit), where the platform has it."""
    try:
        import readline
    except ImportError:
        return

    def complete(text: str, state: int) -> str | None:
        typed = fold(text)
        found = [label for label in prompter._completions if fold(label).startswith(typed)]
        return found[state] if state < len(found) else None

    readline.set_completer(complete)
    readline.set_completer_delims("")
    readline.parse_and_bind("bind ^I rl_complete" if "libedit" in (readline.__doc__ or "") else "tab: complete")
