"""Styled lines on a terminal with the standard library alone: word wrap with hanging indents, a box, ANSI colours.

The answer is the one thing `infoshare check` prints, and importing rich costs a cold check more than all the rest
of it, so the answer's layout is done here. Styles are written as rich writes them ("bold white on red"), so one
declaration (terminal.STYLES) serves this module and the rich tables of the matrix and the scenario list alike.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import Any, TextIO

Span = tuple[str, str]  # a piece of text and its style in rich's words ("" for none)
Line = list[Span]

_ATTRIBUTES = {"bold": "1", "dim": "2", "italic": "3", "underline": "4"}
_COLOURS = ("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white")
_SPACES = re.compile(r"( +)")


def sgr(style: str, colours: bool = True) -> str:
    """The escape sequence that starts `style` ("" when it has nothing to show); `colours=False` keeps only the
    attributes (bold, dim, italic, underline), as rich does under NO_COLOR. Codes come in rich's order."""
    attributes: list[str] = []
    foreground: list[str] = []
    background: list[str] = []
    words = iter(style.split())
    for word in words:
        if word in _ATTRIBUTES:
            attributes.append(_ATTRIBUTES[word])
        elif word == "on":
            background = [_colour_code(next(words, ""), style, background=True)]
        else:
            foreground = [_colour_code(word, style, background=False)]
    codes = sorted(attributes) + (foreground + background if colours else [])
    return f"\x1b[{';'.join(codes)}m" if codes else ""


def _colour_code(name: str, style: str, background: bool) -> str:
    """SGR code of one of the sixteen standard colours ("red", "bright_red") or "default"."""
    base = 40 if background else 30
    if name == "default":
        return str(base + 9)
    bright = name.startswith("bright_")
    colour = name.removeprefix("bright_")
    if colour not in _COLOURS:
        raise ValueError(f"style {style!r}: {name!r} is not a style word or one of the sixteen standard colours")
    return str(base + _COLOURS.index(colour) + (60 if bright else 0))


def cells(text: str) -> int:
    """How many columns `text` takes on a terminal: wide East Asian characters two, combining marks none."""
    if text.isascii():
        return len(text)
    import unicodedata

    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def line_cells(line: Sequence[Span]) -> int:
    return sum(cells(text) for text, _ in line)


def wrap(spans: Sequence[Span], width: int, indent: int = 0) -> list[Line]:
    """The spans as lines of at most `width` columns, broken at spaces; every line after the first starts with
    `indent` spaces, under the first word of a bullet. A word wider than the line gets a line of its own and overflows.
    Spaces at a break are dropped, and so are trailing ones, unless they have a background colour (a badge's margin).
    A newline in the text breaks the line there."""
    lines: list[Line] = []
    for number, paragraph in enumerate(_paragraphs(spans)):
        lines.extend(_wrap_paragraph(paragraph, width, indent, first=number == 0))
    return lines


def _paragraphs(spans: Sequence[Span]) -> list[Line]:
    paragraphs: list[Line] = [[]]
    for text, style in spans:
        for number, part in enumerate(text.split("\n")):
            if number:
                paragraphs.append([])
            if part:
                paragraphs[-1].append((part, style))
    return paragraphs


def _wrap_paragraph(spans: Line, width: int, indent: int, first: bool) -> list[Line]:
    margin: Line = [(" " * indent, "")] if indent else []
    runs, tail = _words(spans)
    lines: list[Line] = []
    line: Line = [] if first else list(margin)
    used = 0 if first else indent
    has_word = False
    for gap, word in runs:
        gap_width, word_width = line_cells(gap), line_cells(word)
        if has_word and used + gap_width + word_width > width:
            lines.append(line)
            line, used = list(margin), indent
        else:
            line += gap
            used += gap_width
        line += word
        used += word_width
        has_word = True
    line += [(text, style) for text, style in tail if "on" in style.split()]
    lines.append(line if has_word or first else [])  # an empty line gets no margin: no trailing spaces
    return lines


def _words(spans: Line) -> tuple[list[tuple[Line, Line]], Line]:
    """The spans as (spaces before, word) pairs, each part in its own style, and the spaces after the last word."""
    runs: list[tuple[Line, Line]] = []
    gap: Line = []
    word: Line = []
    for text, style in spans:
        for piece in _SPACES.split(text):
            if not piece:
                continue
            if piece[0] == " ":
                if word:
                    runs.append((gap, word))
                    gap, word = [], []
                gap.append((piece, style))
            else:
                word.append((piece, style))
    if word:
        runs.append((gap, word))
        gap = []
    return runs, gap


def boxed(lines: Sequence[Line]) -> list[Line]:
    """The lines in a rounded box as wide as the widest of them, one space inside each side."""
    inner = max((line_cells(line) for line in lines), default=0)
    top, bottom = f"╭{'─' * (inner + 2)}╮", f"╰{'─' * (inner + 2)}╯"
    middle = [[("│ ", ""), *line, (" " * (inner - line_cells(line)) + " │", "")] for line in lines]
    return [[(top, "")], *middle, [(bottom, "")]]


class Screen:
    """Where styled lines go: a stream, its width, and whether to write escape codes (`styles`) and colours in them."""

    def __init__(self, stream: TextIO, width: int = 80, styles: bool = False, colours: bool = False):
        self.stream = stream
        self.width = width
        self.styles = styles
        self.colours = styles and colours

    @classmethod
    def of(cls, stream: TextIO) -> Screen:
        """A screen for `stream` as rich would see it: styled only on a terminal (FORCE_COLOR=1 says it is one,
        TERM=dumb that it shows no styles), coloured unless NO_COLOR is set; as wide as COLUMNS says, else as the
        terminal is, else 80 columns."""
        environ = os.environ
        force = environ.get("FORCE_COLOR")
        terminal = force != "" if force is not None else _isatty(stream)
        styles = terminal and environ.get("TERM", "").lower() not in ("dumb", "unknown")
        return cls(stream, _width(stream, environ.get("COLUMNS", "")), styles, colours=environ.get("NO_COLOR", "") == "")

    @classmethod
    def like(cls, console: Any) -> Screen:
        """The screen a rich Console writes to, with its width and colours (the scenario player and the interview,
        which print their own parts with rich)."""
        styles = console.color_system is not None
        return cls(console.file, console.width, styles, colours=not console.no_color)

    def print(self, spans: Sequence[Span] = (), indent: int = 0) -> None:
        """One paragraph, wrapped to the width with continuation lines `indent` columns in."""
        self.lines(wrap(spans, self.width, indent))

    def box(self, paragraphs: Sequence[tuple[Sequence[Span], int]]) -> None:
        """(spans, indent) paragraphs in a box that fits them and the width."""
        inner = max(1, self.width - 4)
        self.lines(boxed([line for spans, indent in paragraphs for line in wrap(spans, inner, indent)]))

    def lines(self, lines: Sequence[Line]) -> None:
        self.stream.write("".join(self._text(line) + "\n" for line in lines))

    def _text(self, line: Line) -> str:
        if not self.styles:
            return "".join(text for text, _ in line).rstrip(" ")
        shown = []
        for style, text in _merged(line):
            start = sgr(style, self.colours) if style else ""
            shown.append(f"{start}{text}\x1b[0m" if start else text)
        return "".join(shown)


def _merged(line: Line) -> list[tuple[str, str]]:
    """(style, text) of each run of spans in one style: the words a wrap split apart take one escape code again."""
    runs: list[tuple[str, str]] = []
    for text, style in line:
        if runs and runs[-1][0] == style:
            runs[-1] = (style, runs[-1][1] + text)
        else:
            runs.append((style, text))
    return runs


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no such method, or a closed stream
        return False


def _width(stream: TextIO, columns: str) -> int:
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        return os.get_terminal_size(stream.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):  # not a terminal, or a stream without a file descriptor
        return 80
