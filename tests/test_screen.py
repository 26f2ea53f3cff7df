"""The terminal layout without rich (render/screen.py): word wrap with hanging indents, the box, and styles as
escape codes only where a terminal shows them."""

from __future__ import annotations

import io
import os
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.color import ColorSystem
from rich.style import Style

from infoshare.domain import OUTCOMES
from infoshare.render.screen import Screen, boxed, cells, line_cells, sgr, wrap
from infoshare.render.terminal import STYLES

ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
STYLE_WORDS = ["", "bold", "dim", "italic", "underline", "cyan", "bold yellow", "bold underline", *STYLES.values()]

words = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzäö§–(),.:"), min_size=1, max_size=14)
spaces = st.sampled_from([" ", "  ", "   "])
spans = st.lists(st.tuples(st.builds(lambda w, g: "".join(x for pair in zip(w, g) for x in pair), st.lists(words, min_size=1, max_size=8), st.lists(spaces, min_size=8, max_size=8)), st.sampled_from(STYLE_WORDS[:-4])), min_size=1, max_size=5)


def text_of(line) -> str:
    return "".join(text for text, _ in line)


def styled_characters(spans) -> list[tuple[str, str]]:
    """Each printed character but spaces, with its style: what a wrap may not lose, add, reorder or restyle."""
    return [(character, style) for text, style in spans for character in text if character != " "]


@given(spans, st.integers(min_value=1, max_value=60), st.integers(min_value=0, max_value=8))
def test_a_wrapped_line_is_no_wider_than_the_width_unless_it_holds_a_single_word_that_is(given_spans, width, indent):
    for line in wrap(given_spans, width, indent):
        if line_cells(line) > width:
            assert len(text_of(line).split()) == 1


@given(spans, st.integers(min_value=1, max_value=60), st.integers(min_value=0, max_value=8))
def test_wrapping_never_loses_adds_or_reorders_a_word_nor_its_style(given_spans, width, indent):
    lines = wrap(given_spans, width, indent)
    assert styled_characters(span for line in lines for span in line) == styled_characters(given_spans)
    assert " ".join(text_of(line) for line in lines).split() == "".join(text for text, _ in given_spans).split()


@given(spans, st.integers(min_value=1, max_value=60), st.integers(min_value=0, max_value=8))
def test_lines_after_the_first_start_at_the_indent_and_none_ends_in_a_space(given_spans, width, indent):
    lines = [text_of(line) for line in wrap(given_spans, width, indent)]
    assert all(not line.endswith(" ") for line in lines)
    assert all(line.startswith(" " * indent) and line[indent] != " " for line in lines[1:])


@given(spans, st.integers(min_value=1, max_value=60))
def test_a_screen_without_styles_writes_no_escape_codes_and_with_them_the_same_text(given_spans, width):
    plain, styled = io.StringIO(), io.StringIO()
    Screen(plain, width).print(given_spans, 4)
    Screen(styled, width, styles=True, colours=True).print(given_spans, 4)
    assert "\x1b" not in plain.getvalue()
    assert ESCAPE.sub("", styled.getvalue()) == plain.getvalue()
    assert all(not line.endswith(" ") for line in plain.getvalue().splitlines())


def test_a_break_keeps_the_text_under_the_first_word_of_a_bullet():
    lines = [text_of(line) for line in wrap([("  • ", ""), ("one two three four", "bold")], 12, 4)]
    assert lines == ["  • one two", "    three", "    four"]
    assert [text_of(line) for line in wrap([("a b\nc", "")], 10, 2)] == ["a b", "  c"]


def test_a_badge_keeps_its_coloured_margin_and_plain_trailing_spaces_go():
    assert wrap([(" Refer ", "bold black on yellow")], 20) == [[(" ", "bold black on yellow"), ("Refer", "bold black on yellow"), (" ", "bold black on yellow")]]
    assert wrap([("Refer ", "bold")], 20) == [[("Refer", "bold")]]


def test_the_box_fits_its_widest_line_and_the_width():
    box = boxed([[("ab", "")], [("abcd", "dim")]])
    assert [text_of(line) for line in box] == ["╭──────╮", "│ ab   │", "│ abcd │", "╰──────╯"]
    stream = io.StringIO()
    Screen(stream, 12).box([([("one two three", "")], 2)])
    assert stream.getvalue().splitlines() == ["╭─────────╮", "│ one two │", "│   three │", "╰─────────╯"]


@pytest.mark.parametrize("style", STYLE_WORDS[1:] + ["bright_red on default", "italic magenta on bright_white"])
def test_a_style_gives_the_escape_code_rich_gives_it(style):
    """The outcome colours are declared once, in rich's words (terminal.STYLES): rich's tables and this module agree."""
    assert f"{sgr(style)}x\x1b[0m" == Style.parse(style).render("x", color_system=ColorSystem.STANDARD)


def test_without_colours_a_style_keeps_only_its_attributes_and_a_bad_word_is_refused():
    assert sgr("bold white on red", colours=False) == "\x1b[1m"
    assert sgr("yellow", colours=False) == ""
    with pytest.raises(ValueError, match="grey50"):
        sgr("bold grey50")


def test_every_outcome_has_a_style():
    assert set(STYLES) == set(OUTCOMES)
    assert all(sgr(style) for style in STYLES.values())


def test_wide_and_combining_characters_take_their_columns():
    assert (cells("abc"), cells("äö§–⚠"), cells("漢字"), cells("a\u0301")) == (3, 5, 4, 1)


ENVIRONMENT = ("FORCE_COLOR", "NO_COLOR", "TERM", "COLUMNS")


@pytest.mark.parametrize(
    ("environ", "tty", "expected"),
    [
        ({}, False, (False, False, 80)),
        ({}, True, (True, True, 80)),
        ({"COLUMNS": "120"}, False, (False, False, 120)),
        ({"NO_COLOR": "1"}, True, (True, False, 80)),
        ({"TERM": "dumb"}, True, (False, False, 80)),
        ({"FORCE_COLOR": "1"}, False, (True, True, 80)),
        ({"FORCE_COLOR": ""}, True, (False, False, 80)),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "50"}, False, (True, False, 50)),
    ],
)
def test_a_screen_styles_and_colours_as_rich_would(monkeypatch, environ, tty, expected):
    for name in ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(os, "get_terminal_size", lambda fd: os.terminal_size((80, 24)))
    stream = io.StringIO()
    stream.isatty = lambda: tty  # type: ignore[method-assign]
    screen = Screen.of(stream)
    assert (screen.styles, screen.colours, screen.width) == expected


def test_a_screen_like_a_rich_console_writes_to_its_file_at_its_width_in_its_colours():
    from rich.console import Console

    for no_color, colours in ((False, True), (True, False)):
        stream = io.StringIO()
        screen = Screen.like(Console(file=stream, width=33, force_terminal=True, no_color=no_color, color_system="standard"))
        assert (screen.stream, screen.width, screen.styles, screen.colours) == (stream, 33, True, colours)
    assert not Screen.like(Console(file=io.StringIO())).styles  # a file: no escape codes
