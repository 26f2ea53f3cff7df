"""The answer in the terminal (render/terminal.py): every example and hard case, narrow or wide, says the same words
in the same order; wrapped lines stay under the first word of their bullet, and the box closes around its lines."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from infoshare.core.question import read_question_file
from infoshare.domain import LANGUAGES
from infoshare.render.messages import catalogue
from infoshare.render.screen import Screen, cells
from infoshare.render.terminal import render

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted([*(ROOT / "examples").glob("*.yaml"), *(ROOT / "examples" / "hard-cases").glob("*.yaml")])
NARROW = 56


def shown(answer, ruleset, width: int) -> list[str]:
    buffer = io.StringIO()
    render(answer, ruleset, Screen(buffer, width))
    return buffer.getvalue().splitlines()


def words(lines: list[str]) -> list[str]:
    """The words of the text, the box's lines left out."""
    return " ".join(line.strip("│ ") for line in lines if line[:1] not in "╭╰").split()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_narrow_answer_has_the_wide_ones_words_its_box_closes_and_its_bullets_hang(language, ruleset, durable):
    headings = {texts[language] for key, texts in catalogue().items() if key.startswith("heading.")}
    for path in EXAMPLES:
        answer = durable.answer(read_question_file(path, ruleset).model_copy(update={"language": language}))
        narrow, wide = shown(answer, ruleset, NARROW), shown(answer, ruleset, 10_000)
        assert words(narrow) == words(wide), path.name
        end = next(number for number, line in enumerate(narrow) if line.startswith("╰"))
        box = narrow[: end + 1]
        assert len({cells(line) for line in box}) == 1 and all(line[0] + line[-1] in ("╭╮", "││", "╰╯") for line in box), path.name
        footer = len(narrow) - narrow[::-1].index("")  # the ruleset's line, after the last blank one
        for line in narrow[end + 1 : footer]:
            assert not line or line in headings or line.startswith("  "), f"{path.name}: {line!r} is back at column 0"
        assert all(cells(line) <= NARROW or len(line.split()) == 1 for line in narrow[end + 1 :]), path.name
        assert all(not line.endswith(" ") for line in narrow), path.name
