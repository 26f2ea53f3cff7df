"""plain_yaml reads the plain YAML of a question exactly as PyYAML (yamlsource) does, and gives up on the rest."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from infoshare.core.documents import YamlSyntaxError
from infoshare.core.plain_yaml import read
from infoshare.core.yamlsource import load_text

ROOT = Path(__file__).resolve().parent.parent
QUESTION_FILES = sorted([*ROOT.glob("examples/*.yaml"), *ROOT.glob("examples/hard-cases/*.yaml")])

# words and values chosen to meet every way YAML 1.1 may read a plain-looking word as something else
KEYS = ["as_of", "facts", "consent", "age", "x", "_x", "yes", "No", "on", "null", "y", "n", "a-b", "15", "True"]
SCALARS = [
    "consent", "given", "on_request", "HE-182-2025", "y", "n", "yes", "Yes", "NO", "off", "On", "true", "FALSE", "null",
    "Null", "~", "0", "15", "-3", "007", "0x1f", "0o7", "1_000", "1e3", "1.5", ".inf", ".NaN", "+4", "12:30",
    "2025-03-01", "2025-3-1", "2025-03-01 10:00:00", "'quoted'", '"quoted"', "a b", "a:b", "a: b", "a#b", "a #b",
    "-", "- a", "&anchor a", "*alias", "!!str a", "|", ">", "%", "@x", "`x", "[a, b]", "[a,b]", "[a, b,]", "[]",
    "{a: b}", "{a:b}", "{}", "{a: 1, a: 2}", "{yes: 1}", "[a, [b]]", "{a: {b: c}}", "ä", "x\u00a0y", "99999999999999999999",
]
COMMENTS = ["", "  # a comment", " #", " #x", "#glued", "  # ä € ✓"]
PLAIN = {  # what a question file holds: plain_yaml must read every document made of these alone
    "keys": KEYS[:6], "scalars": SCALARS[:3] + ["y", "yes", "Off", "null", "0", "15", "-3", "2025-03-01", "[a, b]", "[]", "{a: b}", "{}"],
    "comments": [c for c in COMMENTS if c != "#glued"], "indents": [2, 4], "list_indents": [0, 2], "shifts": [0],
}
TRICKY = {"keys": KEYS, "scalars": SCALARS, "comments": COMMENTS, "indents": [2, 2, 4, 1], "list_indents": [0, 2, 2, 3], "shifts": [0, 0, 0, 1]}


def agrees(text: str) -> bool:
    """True when plain_yaml read `text`, and read it as PyYAML does; False when it gave up. Fails on a disagreement."""
    plain = read(text)
    if plain is None:
        return False
    located = load_text(text, "q.yaml")  # a YamlSyntaxError here means plain_yaml accepted what YAML refuses
    assert plain == (located.data, located.lines)
    return True


@pytest.mark.parametrize("path", QUESTION_FILES, ids=lambda path: path.name)
def test_every_example_question_is_read_without_pyyaml_and_as_pyyaml_reads_it(path):
    assert agrees(path.read_text(encoding="utf-8"))


@st.composite
def documents(draw, parts: dict, depth: int = 0, indent: int = 0) -> list[str]:
    """The lines of a block mapping made of `parts`: comments, blank lines, flow values and lists mixed in."""
    lines: list[str] = []
    keys = draw(st.lists(st.sampled_from(parts["keys"]), min_size=1, max_size=4, unique=parts is PLAIN))
    for key in keys:
        pad = " " * indent
        lines += draw(st.sampled_from([[], [""], [pad + "# note"], ["   "]]))
        kind = draw(st.sampled_from(["scalar", "scalar", "empty", "mapping", "list"] if depth < 2 else ["scalar", "empty"]))
        comment = draw(st.sampled_from(parts["comments"]))
        if kind == "scalar":
            lines.append(f"{pad}{key}: {draw(st.sampled_from(parts['scalars']))}{comment}")
        elif kind == "empty":
            lines.append(f"{pad}{key}:{comment}")
        elif kind == "mapping":
            lines.append(f"{pad}{key}:{comment}")
            lines += draw(documents(parts, depth + 1, indent + draw(st.sampled_from(parts["indents"]))))
        else:
            lines.append(f"{pad}{key}:")
            inner = indent + draw(st.sampled_from(parts["list_indents"]))
            for value in draw(st.lists(st.sampled_from(parts["scalars"]), min_size=1, max_size=3)):
                shift = draw(st.sampled_from(parts["shifts"]))
                lines.append(" " * (inner + shift) + f"- {value}{draw(st.sampled_from(parts['comments']))}")
    return lines


@settings(max_examples=300, deadline=None)
@given(documents(TRICKY), st.sampled_from(["\n", "", "\n\n", "\n  "]))
def test_a_document_plain_yaml_reads_is_read_the_same_by_pyyaml(lines, ending):
    text = "\n".join(lines) + ending
    try:
        agrees(text)
    except YamlSyntaxError:
        pytest.fail("plain_yaml read a document that PyYAML refuses")


@settings(max_examples=200, deadline=None)
@given(documents(PLAIN))
def test_a_document_of_plain_parts_is_read_by_plain_yaml(lines):
    assert agrees("\n".join(lines) + "\n")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab:- #[]{},\n01y'\t", max_size=40))
def test_arbitrary_text_is_read_as_pyyaml_reads_it_or_left_to_pyyaml(text):
    plain = read(text)
    try:
        located = load_text(text, "q.yaml")
    except YamlSyntaxError:
        assert plain is None
        return
    assume(plain is not None)
    assert plain == (located.data, located.lines)


def test_plain_questions_are_read_and_anything_else_is_left_to_pyyaml():
    plain = "# a comment\nas_of: 2025-03-01\nsubject: {age: 15, mature: yes}\nfacts:\n  consent: refused  # said\nassume_enacted:\n- HE-182-2025\n"
    assert read(plain) == (
        {"as_of": "2025-03-01", "subject": {"age": 15, "mature": True}, "facts": {"consent": "refused"}, "assume_enacted": ["HE-182-2025"]},
        {(): 2, ("as_of",): 2, ("subject",): 3, ("subject", "age"): 3, ("subject", "mature"): 3, ("facts",): 4, ("facts", "consent"): 5,
         ("assume_enacted",): 6, ("assume_enacted", 0): 7},
    )
    for other in ("a: 'quoted'\n", "a: 1.5\n", "a: &x b\n", "a: b\na: c\n", "a:\tb\n", "# nothing\n", "", "- a\n", "a: |\n  b\n", "a: b\r\n"):
        assert read(other) is None, other
