"""The justification memo: golden files for every example in three languages, translation, safety.

Regenerate the goldens after an intended change with `make goldens`, and read the diff.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
EXAMPLES = sorted([*(ROOT / "examples").glob("*.yaml"), *(ROOT / "examples" / "hard-cases").glob("*.yaml")])
LANGUAGES = ("fi", "sv", "en")


def memo_for(path: Path, language: str, ruleset, decider) -> str:
    from infoshare.memo import render_markdown
    from infoshare.question import read_question_file

    question = read_question_file(path, ruleset).model_copy(update={"language": language})
    return render_markdown(decider.answer(question), ruleset, language)


def golden_path(path: Path, language: str) -> Path:
    return GOLDEN / f"{path.stem}.{language}.md"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_memo_matches_its_golden(path, language, ruleset, durable):
    expected = golden_path(path, language).read_text(encoding="utf-8")
    assert memo_for(path, language, ruleset, durable) == expected, "memo changed: run `make goldens` and review the diff"


def _english_phrases(ruleset) -> set[str]:
    """Texts that exist in English in the data: finding one in a Finnish or Swedish memo means a fallback."""
    from infoshare.messages import catalogue

    phrases = {texts["en"] for texts in catalogue().values()}
    phrases |= {rule.explain.en.strip() for rule in ruleset.rules.values()} | {rule.title.en for rule in ruleset.rules.values()}
    phrases |= {p.section.paraphrase.en.strip() for p in ruleset.provisions.values()}
    phrases |= {text.en for text in ruleset.vocabulary.obligations.values()}
    return {p for p in phrases if len(p) > 12}


@pytest.mark.parametrize("language", ("fi", "sv"))
def test_finnish_and_swedish_memos_have_no_english_fallback(language, ruleset, durable):
    english = _english_phrases(ruleset)
    for path in EXAMPLES:
        memo = memo_for(path, language, ruleset, durable)
        leaked = [phrase for phrase in english if phrase in memo]
        assert not leaked, f"{path.name} ({language}): {leaked[:2]}"
        assert not re.search(r"\b(outcome|reason|phrase|heading|word)\.[a-z_]+\b", memo), "an untranslated catalogue key"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_example_renders_as_a_page(language, ruleset, durable):
    from infoshare.memo import render_html
    from infoshare.question import read_question_file

    for path in EXAMPLES:
        question = read_question_file(path, ruleset).model_copy(update={"language": language})
        page = render_html(durable.answer(question), ruleset, language)
        assert page.count("<h1>") == 1 and f'lang="{language}"' in page and page.rstrip().endswith("</html>")


def test_html_memo_is_standalone_and_escapes_rule_text(ruleset, durable):
    from infoshare.answer import Ground
    from infoshare.memo import render_html
    from infoshare.question import read_question_file

    answer = durable.answer(read_question_file(ROOT / "examples" / "must-share-child-welfare-notification.yaml", ruleset))
    ground = answer.grounds[0]
    answer.grounds[0] = Ground(ground.rule, ground.effect, ground.title, "<script>alert(1)</script> {{ 7*7 }}", ground.citations)
    html = render_html(answer, ruleset, "en")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en">' in html
    assert "<script" not in html and "&lt;script&gt;" in html and "{{ 7*7 }}" in html
    assert not re.search(r"<(link|img|iframe)\b|\bsrc=", html), "the page must load nothing"


def regenerate() -> None:
    """Write every golden memo anew (`make goldens`)."""
    from infoshare.decide import Decider
    from infoshare.loader import load_ruleset
    from infoshare.matchers import make_matcher

    ruleset = load_ruleset()
    decider = Decider(ruleset, make_matcher("durable", ruleset))
    GOLDEN.mkdir(exist_ok=True)
    for stale in GOLDEN.glob("*.md"):
        stale.unlink()
    for path in EXAMPLES:
        for language in LANGUAGES:
            golden_path(path, language).write_text(memo_for(path, language, ruleset, decider), encoding="utf-8")


if __name__ == "__main__" and sys.argv[1:] == ["--regenerate"]:
    regenerate()
