"""Unit tests of the personal-data refusal (infoshare.core.privacy) and the line-tracking YAML reader (infoshare.core.documents, through plain_yaml or PyYAML)."""

from __future__ import annotations

from pathlib import Path

import pytest

from infoshare.core.documents import YamlSyntaxError, load_file, parse
from infoshare.core.privacy import find_personal_data, personal_data_kind
from infoshare.errors import Problem

IDENTITY = "a personal identity code (henkilötunnus)"
EMAIL = "an e-mail address"
PHONE = "a phone number"


# --- privacy: what is refused ------------------------------------------------------------------------------

# Valid codes (correct check character) for every century sign: + 1800s; - and U–Y 1900s; A–F 2000s.
IDENTITY_CODES = [
    "150675+111E",
    "131052-308T",
    "311299U456X",
    "050590V555C",
    "060690W666D",
    "070790X777E",
    "010594Y9032",
    "010101A123N",
    "020304B987K",
    "290205C001M",
    "101010D2228",
    "121212E3338",
    "231023F4445",
]


@pytest.mark.parametrize("code", IDENTITY_CODES)
def test_identity_codes_with_every_century_sign_are_found(code: str):
    assert personal_data_kind(code) == IDENTITY
    assert personal_data_kind(code.lower()) == IDENTITY
    assert personal_data_kind(f"the pupil {code} told the teacher") == IDENTITY
    assert personal_data_kind(f"hetu:{code}.") == IDENTITY


@pytest.mark.parametrize("address", ["matti.meikalainen@example.fi", "a@b.co", "Nuoriso.Tyo+ankkuri@kunta.example.com", "mail me at x_y@sub.domain.org please"])
def test_email_addresses_are_found(address: str):
    assert personal_data_kind(address) == EMAIL


@pytest.mark.parametrize("number", ["+358 40 123 4567", "+358401234567", "040 123 4567", "0401234567", "040-123 4567", "00358 40 1234567", "call 09 123 4567 today"])
def test_phone_numbers_are_found(number: str):
    assert personal_data_kind(number) == PHONE


# --- privacy: what is NOT refused ----------------------------------------------------------------------------

HARMLESS = [
    "2025-03-01",
    "2014-06-01",
    "2025-03-01T10:00:00",
    "15",
    "16",
    "130",
    "youth_services",
    "child_welfare_notification",
    "threat_information",
    "prevent_planned_offence",
    "offence_max_penalty_years",
    "consent",
    "given",
    "not_asked",
    "HE-182-2025",
    "rl-15-10-1",
    "oa-24-1-25",
    "cwa-25-3-2012",
    "church1993-5-2",
    "417/2007",
    "EU 2016/679",
    "25 a",
    "15:10",
    "0.1.0",
    "sha256:8fd8a6ba5b8132b6739ddadf55858fae3faf7b978091a978731143ec017bca1f",
    "https://www.finlex.fi/fi/laki/ajantasa/2016/20161285",
    "the 16-year-old's guardian refused on 2025-03-01",
    "",
]


@pytest.mark.parametrize("text", HARMLESS)
def test_dates_ages_and_ids_are_not_flagged(text: str):
    assert personal_data_kind(text) is None


def test_a_whole_ordinary_question_has_no_personal_data():
    question = {
        "as_of": "2025-03-01",
        "language": "en",
        "discloser": "youth_services",
        "recipient": "police",
        "item": "threat_information",
        "purpose": "prevent_violence",
        "initiative": "proactive",
        "subject": {"age": 16, "mature": True},
        "facts": {"consent": "refused", "risk_of_violence": True, "offence_max_penalty_years": 4, "share": 0.5},
        "assume_enacted": ["HE-182-2025"],
    }
    assert list(find_personal_data(question)) == []


def test_find_personal_data_names_where_and_what_but_never_the_value():
    code, address, number = "131052-308T", "matti@example.fi", "+358 40 123 4567"
    data = {
        "facts": {"consent": code, "note": ["fine", f"mail {address}"]},
        f"client {code}": "seen",
        "subject": {"age": 15, "phone": number},
    }
    found = list(find_personal_data(data))
    assert sorted(found, key=repr) == sorted(
        [
            (("facts", "consent"), IDENTITY),
            (("facts", "note", 1), EMAIL),
            ((f"client {code}",), IDENTITY),
            (("subject", "phone"), PHONE),
        ],
        key=repr,
    )
    for _, kind in found:
        assert code not in kind and address not in kind and number not in kind


def test_non_strings_are_not_inspected():
    assert list(find_personal_data({"age": 16, "mature": False, "years": 4.5, "none": None, 7: [1, 2]})) == []


# --- documents: line numbers ------------------------------------------------------------------------------

DOC = """\
# a comment on line 1
as_of: 2025-03-01
subject:
  age: 15
  mature: true
facts:
  consent: given

  risk_of_violence: true
assume_enacted:
  - HE-182-2025
  - HE-1-2026
sections:
  - id: oa-22
    title:
      fi: Salassapito
  - id: oa-23
flow: [a, b]
"""


def test_lines_of_nested_keys_and_list_items():
    doc = parse(DOC, "q.yaml")
    assert doc.file == "q.yaml"
    assert doc.lines[("as_of",)] == 2
    assert doc.lines[("subject",)] == 3
    assert doc.lines[("subject", "age")] == 4
    assert doc.lines[("subject", "mature")] == 5
    assert doc.lines[("facts", "consent")] == 7
    assert doc.lines[("facts", "risk_of_violence")] == 9
    assert doc.lines[("assume_enacted", 0)] == 11
    assert doc.lines[("assume_enacted", 1)] == 12
    assert doc.lines[("sections", 0)] == 14
    assert doc.lines[("sections", 0, "id")] == 14
    assert doc.lines[("sections", 0, "title", "fi")] == 16
    assert doc.lines[("sections", 1, "id")] == 17
    assert doc.lines[("flow", 0)] == doc.lines[("flow", 1)] == 18


def test_line_of_falls_back_to_the_nearest_ancestor():
    doc = parse(DOC, "q.yaml")
    assert doc.line_of(("facts", "no_such_fact")) == 6
    assert doc.line_of(("sections", 0, "title", "sv")) == 15
    assert doc.line_of(("nowhere", "at", "all")) == doc.lines[()]
    assert doc.line_of(()) == doc.lines[()]


def test_problem_carries_file_and_line():
    doc = parse(DOC, "q.yaml")
    problem = doc.problem(("subject", "age"), "too old", "did you mean 15?")
    assert problem == Problem("q.yaml", 4, "too old", "did you mean 15?")
    assert str(problem) == "q.yaml:4: too old (did you mean 15?)"


def test_values_keep_their_yaml_types_except_timestamps():
    doc = parse(DOC + "when: 2025-03-01 10:00:00\nyes_no: no\npenalty: 4\nratio: 0.5\n", "q.yaml")
    assert doc.data["as_of"] == "2025-03-01"
    assert isinstance(doc.data["as_of"], str)
    assert doc.data["when"] == "2025-03-01 10:00:00"
    assert doc.data["subject"] == {"age": 15, "mature": True}
    assert doc.data["yes_no"] is False  # YAML 1.1: an unquoted no is a boolean (the question reader explains this)
    assert doc.data["penalty"] == 4 and doc.data["ratio"] == 0.5
    assert doc.data["assume_enacted"] == ["HE-182-2025", "HE-1-2026"]


def test_top_level_list_and_empty_document():
    listed = parse("- a\n- b\n", "q.yaml")
    assert listed.data == ["a", "b"]
    assert listed.lines[(1,)] == 2
    empty = parse("", "q.yaml")
    assert empty.data is None
    assert empty.line_of(("anything",)) is None
    assert parse("# only a comment\n", "q.yaml").data is None


# --- documents: errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: 1\nb: 2\na: 3\n", 3),
        ("facts:\n  consent: given\n  other: true\n  consent: refused\n", 4),
        ("list:\n  - x: 1\n    y: 2\n    x: 3\n", 4),
    ],
    ids=["top-level", "nested", "in-a-list-item"],
)
def test_duplicate_keys_are_an_error_with_the_line(text: str, line: int):
    with pytest.raises(YamlSyntaxError) as caught:
        parse(text, "q.yaml")
    problem = caught.value.problem
    assert (problem.file, problem.line) == ("q.yaml", line)
    assert "twice" in problem.message


def test_syntax_error_has_a_line_and_does_not_echo_the_line():
    with pytest.raises(YamlSyntaxError) as caught:
        parse("as_of: 2025-03-01\nnote: 131052-308T: secret\n", "q.yaml")
    problem = caught.value.problem
    assert (problem.file, problem.line) == ("q.yaml", 2)
    assert problem.message.startswith("not valid YAML")
    assert "131052-308T" not in str(problem)
    assert "secret" not in str(problem)


def test_duplicate_key_error_does_not_echo_personal_data():
    with pytest.raises(YamlSyntaxError) as caught:
        parse("131052-308T: 1\n131052-308T: 2\n", "q.yaml")
    assert caught.value.problem.line == 2
    assert "131052-308T" not in str(caught.value.problem)


def test_a_mapping_key_must_be_a_plain_word():
    with pytest.raises(YamlSyntaxError) as caught:
        parse("ok: 1\n[a, b]: 2\n", "q.yaml")
    assert caught.value.problem.line == 2


def test_load_file_names_the_display_path_and_refuses_non_utf8(tmp_path: Path):
    good = tmp_path / "q.yaml"
    good.write_text("a:\n  b: 1\n", encoding="utf-8")
    doc = load_file(good, "shown.yaml")
    assert doc.file == "shown.yaml" and doc.lines[("a", "b")] == 2
    assert load_file(good).file == str(good)

    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("nimi: Jyväskylä\n".encode("latin-1"))
    with pytest.raises(YamlSyntaxError) as caught:
        load_file(bad, "latin1.yaml")
    assert caught.value.problem.file == "latin1.yaml"
    assert "UTF-8" in caught.value.problem.message


# --- reading a whole question: personal data that YAML turns into a number -----------------------------------


def test_unquoted_international_phone_number_is_refused(ruleset):
    from infoshare.core.question import read_question_text
    from infoshare.errors import QuestionError

    text = (
        "as_of: 2025-03-01\ndiscloser: police\nrecipient: social_services\nitem: police_data\n"
        "purpose: anchor_case_work\nfacts:\n  offence_max_penalty_years: +358401234567\n"
    )
    with pytest.raises(QuestionError) as caught:
        read_question_text(text, "q.yaml", ruleset)
    assert "phone number" in str(caught.value)
    assert "358401234567" not in str(caught.value)
