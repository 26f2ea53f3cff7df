"""Paraphrase, never copy: no rule explanation, provision paraphrase or scenario text repeats a long run of statute text."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

FINLEX = Path(__file__).resolve().parents[2] / "shared" / "legal" / "finlex"
RUN = 14  # words: legal terms and act names recur in shorter runs; a longer shared run is copied text


def _runs(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + RUN]) for i in range(len(words) - RUN + 1)}


@pytest.mark.skipif(not FINLEX.is_dir(), reason="../shared/legal/finlex is not beside this checkout")
@pytest.mark.parametrize("language", ("fi", "sv"))
def test_no_text_repeats_the_statutes(language, ruleset):
    statutes: set[tuple[str, ...]] = set()
    for path in sorted((FINLEX / language).glob("*.xml")):
        statutes |= _runs("".join(ET.parse(path).getroot().itertext()))
    texts = [(f"rule {rid}", rule.explain[language]) for rid, rule in ruleset.rules.items()]
    texts += [(f"provision {pid}", p.section.paraphrase[language]) for pid, p in ruleset.provisions.items()]
    texts += [(f"scenario {name}", text) for name, text in _scenario_texts(ruleset.root, language)]
    copied = [f"{where}: {' '.join(sorted(_runs(text) & statutes)[0])}" for where, text in texts if _runs(text) & statutes]
    assert copied == []


def _scenario_texts(root: Path, language: str) -> list[tuple[str, str]]:
    from infoshare.training.scenarios import load_scenarios

    found = []
    for scenario in load_scenarios(root):
        content = scenario.content
        written = [content.story, content.model_answer, *content.discussion, *content.mistakes, *(v.lesson for v in content.variations)]
        found += [(scenario.name, text[language]) for text in written if text.written_in(language) == language]
    return found
