"""Labels workers recognise (issue 11 item 7): job titles and common names in Finnish, Swedish and English find
their role in the interview and in `check --from/--to`, a near miss is answered with "did you mean", a title two
roles share lists both, and every role's label says who it covers, under the name its institution had that day."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from rule_data import copy_rule_data
from test_cli import run

from infoshare.core.loader import load_ruleset
from infoshare.core.question import question_from_data
from infoshare.core.question_record import role_for_flag
from infoshare.core.suggest import fold, role_hint, roles_named
from infoshare.domain import LANGUAGES
from infoshare.errors import QuestionError, RulesetError
from infoshare.render.memo import render_markdown
from infoshare.training.interview import Choice
from infoshare.training.prompter import _matching

# The role the law treats each title as. A title two roles share is ambiguous by law, not by accident: a
# psychologist works in pupil welfare or in health care, a priest in the Lutheran or Orthodox Church or in
# another registered community, an imam or a rabbi leads a registered community or an unregistered one.
TITLES = {
    "sairaanhoitaja": ["health_care"], "terveydenhoitaja": ["health_care"], "psykiatrinen sairaanhoitaja": ["health_care"],
    "kuraattori": ["pupil_welfare"], "psykologi": ["health_care", "pupil_welfare"], "opettaja": ["school"],
    "rehtori": ["school"], "erityisopettaja": ["school"], "diakoni": ["orthodox_deacon", "parish_employee"],
    "diakoniatyöntekijä": ["parish_employee"], "sosiaalityöntekijä": ["social_services"],
    "sosiaaliohjaaja": ["social_services"], "nuorisotyöntekijä": ["youth_services"],
    "etsivä nuorisotyöntekijä": ["outreach_youth_work"], "poliisi": ["police"], "ankkuripoliisi": ["police"],
    "lääkäri": ["physician"], "pappi": ["parish_priest", "religious_minister"], "kirkkoherra": ["parish_priest"],
    "imaami": ["religious_minister", "unregistered_community_leader"],
    "skolkurator": ["pupil_welfare"], "lärare": ["school"], "rektor": ["school"], "sjukskötare": ["health_care"],
    "hälsovårdare": ["health_care"], "socialarbetare": ["social_services"], "ungdomsarbetare": ["youth_services"],
    "diakon": ["orthodox_deacon", "parish_employee"], "präst": ["parish_priest", "religious_minister"], "läkare": ["physician"],
    "nurse": ["health_care"], "teacher": ["school"], "principal": ["school"], "school social worker": ["pupil_welfare"],
    "psychologist": ["health_care", "pupil_welfare"], "deacon": ["orthodox_deacon", "parish_employee"],
    "imam": ["religious_minister", "unregistered_community_leader"], "youth worker": ["youth_services"],
    "social worker": ["social_services"], "doctor": ["physician"],
}
LATER_INSTITUTIONS = ("hyvinvointialue", "wellbeing services count", "välfärdsområde")


@pytest.mark.parametrize(("title", "roles"), sorted(TITLES.items()))
def test_each_title_names_the_role_the_law_treats_it_as(ruleset, title, roles):
    assert sorted(roles_named(title, ruleset.vocabulary)) == roles
    assert sorted(roles_named(f"  {title.upper()} ", ruleset.vocabulary)) == roles  # case and spacing do not matter


def test_every_listed_title_finds_its_own_role(ruleset):
    vocabulary = ruleset.vocabulary
    for role, names in vocabulary.role_names.items():
        for language, titles in names.titles.items():
            for title in titles:
                assert role in roles_named(title, vocabulary), f"{role}: {language} title '{title}'"


def test_every_role_has_a_label_saying_who_it_covers_in_three_languages(ruleset):
    vocabulary = ruleset.vocabulary
    assert sorted(set(vocabulary.roles) - set(vocabulary.role_names)) == [], "give each role a role_names entry"
    for role, names in vocabulary.role_names.items():
        for language in LANGUAGES:
            assert names.label[language].strip()
            assert names.titles.get(language), f"{role} has no {language} titles"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_role_is_named_for_an_early_day_by_an_institution_created_later(ruleset, language):
    early = dt.date(2016, 1, 1)
    for role in ruleset.vocabulary.roles:
        label = ruleset.vocabulary.role_label(role, language, early).casefold()
        assert not any(name in label for name in LATER_INSTITUTIONS), (role, label)


def test_the_wellbeing_services_county_is_named_from_2023(ruleset):
    vocabulary = ruleset.vocabulary
    assert "hyvinvointialue" in vocabulary.role_label("social_services", "fi", dt.date(2023, 1, 1)).casefold()
    assert "kunnan" in vocabulary.role_label("social_services", "fi", dt.date(2022, 12, 31)).casefold()


def test_a_memo_for_an_early_day_names_the_municipal_social_services(ruleset, reference):
    data = {"as_of": "2016-05-01", "language": "en", "discloser": "social_services", "recipient": "police",
            "item": "social_welfare_data", "purpose": "crime_prevention"}
    memo = render_markdown(reference.answer(question_from_data(data, "<test>", ruleset)), ruleset, "en")
    question = memo.split("## The answer")[0]
    assert "Social services of the municipality or joint municipal authority" in question
    assert "wellbeing services county" not in question


# --- the interview ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def role_choices(ruleset):
    vocabulary = ruleset.vocabulary
    roles = list(vocabulary.roles)
    return roles, [Choice(role, vocabulary.role_label(role, "fi"), tuple(vocabulary.role_names_of(role))) for role in roles]


@pytest.mark.parametrize(("title", "roles"), sorted(TITLES.items()))
def test_the_interview_finds_a_role_by_its_title(role_choices, title, roles):
    ids, choices = role_choices
    assert sorted(ids[i] for i in _matching(title, choices, ids)) == roles


@pytest.mark.parametrize(
    ("typed", "roles"),
    [
        ("sairaanh", ["health_care"]),  # the beginning of a title
        ("LARARE", ["school"]),  # case and accents folded
        ("skolkur", ["pupil_welfare"]),
        ("nuorisot", ["outreach_youth_work", "parish_employee", "youth_services"]),  # begins a word of three: all offered
    ],
)
def test_the_interview_finds_a_role_by_part_of_a_title(role_choices, typed, roles):
    ids, choices = role_choices
    assert sorted(ids[i] for i in _matching(typed, choices, ids)) == roles


# --- check --from/--to ---------------------------------------------------------------------------------


def test_a_title_for_a_flag_is_read_as_its_role(ruleset):
    assert role_for_flag("--from", "skolkurator", ruleset.vocabulary) == ("pupil_welfare", True)
    assert role_for_flag("--from", "school", ruleset.vocabulary) == ("school", False)
    assert role_for_flag("--from", "opetaja", ruleset.vocabulary) == ("opetaja", False)  # left for the question check


def test_a_shared_title_for_a_flag_lists_the_candidates(ruleset):
    with pytest.raises(QuestionError) as raised:
        role_for_flag("--to", "imaami", ruleset.vocabulary)
    text = str(raised.value)
    assert "religious_minister" in text and "unregistered_community_leader" in text


@pytest.mark.parametrize(
    ("typed", "role"),
    [("opetaja", "school"), ("sairanhoitaja", "health_care"), ("skolkuratr", "pupil_welfare"), ("polis officer", "police")],
)
def test_a_near_miss_suggests_the_role_and_the_title(ruleset, typed, role):
    hint = role_hint(typed, ruleset.vocabulary)
    assert hint is not None and f"'{role}'" in hint


def test_check_reads_a_title_and_shows_the_role_it_used():
    done = run("check", "--from", "opettaja", "--to", "lastensuojelu", "--item", "private_life",
               "--purpose", "child_welfare_notification", "--fact", "child_welfare_need=true", "--age", "15",
               "--initiative", "proactive", "--as-of", "2025-03-01", "--format", "json")
    assert done.returncode == 0, done.stderr
    answer = yaml.safe_load(done.stdout)
    assert (answer["question"]["discloser"], answer["question"]["recipient"]) == ("school", "child_welfare")
    assert "'opettaja' is read as the role 'school'" in done.stderr


def test_check_refuses_a_shared_title_and_suggests_on_a_miss():
    shared = run("check", "--from", "pappi", "--to", "police", "--item", "threat_information", "--purpose", "prevent_violence")
    assert shared.returncode == 4
    assert "parish_priest" in shared.stderr and "religious_minister" in shared.stderr
    missed = run("check", "--from", "sjuksköterska", "--to", "police", "--item", "threat_information", "--purpose", "prevent_violence")
    assert missed.returncode == 4
    assert "did you mean 'health_care'" in missed.stderr


def test_role_names_for_an_unknown_role_are_a_rule_file_error(tmp_path):
    root = copy_rule_data(tmp_path / "rules")
    vocabulary = root / "vocabulary.yaml"
    text = vocabulary.read_text(encoding="utf-8").replace("\n  police:\n    label:", "\n  polise:\n    label:", 1)
    vocabulary.write_text(text, encoding="utf-8")
    with pytest.raises(RulesetError) as raised:
        load_ruleset(root, cached=False)
    assert "unknown role 'polise'" in str(raised.value) and "vocabulary.yaml:" in str(raised.value)


def test_no_title_is_repeated_within_a_language(ruleset):
    for role, names in ruleset.vocabulary.role_names.items():
        for language, titles in names.titles.items():
            assert len({fold(t) for t in titles}) == len(titles), (role, language)


def _texts_shown_before(ruleset, day: dt.date):
    """Every rule and provision text an answer may show for a day before `day`, with where it comes from."""
    for rule_id, rule in ruleset.rules.items():
        if rule.valid_from < day:
            for language in LANGUAGES:
                yield f"rule {rule_id} ({language})", f"{rule.title[language]} {rule.explain[language]}"
    for provision_id, provision in ruleset.provisions.items():
        since = provision.section.in_force.from_ or provision.act.in_force.from_
        if since is None or since < day:
            for language in LANGUAGES:
                yield f"provision {provision_id} ({language})", f"{provision.section.title[language]} {provision.section.paraphrase[language]}"


def test_a_text_shown_for_a_day_before_2023_names_the_wellbeing_services_county_only_with_its_predecessor(ruleset):
    """Wellbeing services counties run social and health services from 1.1.2023; a text shown for an earlier day that
    names them must say who came before (as the CWA s.25(1) paraphrase does: "before 2023, the municipal …")."""
    offending = [
        where for where, text in _texts_shown_before(ruleset, dt.date(2023, 1, 1))
        if any(name in text.casefold() for name in LATER_INSTITUTIONS) and "2023" not in text
    ]
    assert offending == []


def test_the_matrix_takes_titles_for_its_rows_and_columns(ruleset):
    from infoshare.render.matrix import chosen_roles

    assert chosen_roles(["opettaja", "school", "skolkurator"], "--from", ruleset.vocabulary) == ("school", "pupil_welfare")
    with pytest.raises(QuestionError, match="did you mean 'police'"):
        chosen_roles(["polise"], "--to", ruleset.vocabulary)
