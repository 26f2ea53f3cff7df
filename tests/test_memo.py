"""The justification memo: golden files for every example in three languages, translation, safety.

Regenerate the goldens after an intended change with `make goldens`, and read the diff.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from infoshare.domain import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
EXAMPLES = sorted([*(ROOT / "examples").glob("*.yaml"), *(ROOT / "examples" / "hard-cases").glob("*.yaml")])


def memo_for(path: Path, language: str, ruleset, checker) -> str:
    from infoshare.core.question import read_question_file
    from infoshare.render.memo import render_markdown

    question = read_question_file(path, ruleset).model_copy(update={"language": language})
    return render_markdown(checker.answer(question), ruleset, language)


def golden_path(path: Path, language: str) -> Path:
    return GOLDEN / f"{path.stem}.{language}.md"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_memo_matches_its_golden(path, language, ruleset, durable):
    expected = golden_path(path, language).read_text(encoding="utf-8")
    assert memo_for(path, language, ruleset, durable) == expected, "memo changed: run `make goldens` and review the diff"


def _english_phrases(ruleset) -> set[str]:
    """Texts that exist in English in the data: finding one in a Finnish or Swedish memo means a fallback."""
    from infoshare.render.messages import catalogue

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
    from infoshare.core.question import read_question_file
    from infoshare.render.memo import render_html

    for path in EXAMPLES:
        question = read_question_file(path, ruleset).model_copy(update={"language": language})
        page = render_html(durable.answer(question), ruleset, language)
        assert page.count("<h1>") == 1 and f'lang="{language}"' in page and page.rstrip().endswith("</html>")


def test_html_memo_is_standalone_and_escapes_rule_text(ruleset, durable):
    from infoshare.core.question import read_question_file
    from infoshare.render.answer import Ground
    from infoshare.render.memo import render_html

    answer = durable.answer(read_question_file(ROOT / "examples" / "must-share-child-welfare-notification.yaml", ruleset))
    ground = answer.grounds[0]
    answer.grounds[0] = Ground(ground.rule, ground.effect, ground.title, "<script>alert(1)</script> {{ 7*7 }}", ground.citations)
    html = render_html(answer, ruleset, "en")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en">' in html
    assert "<script" not in html and "&lt;script&gt;" in html and "{{ 7*7 }}" in html
    assert not re.search(r"<(link|img|iframe)\b|\bsrc=", html), "the page must load nothing"


def _answer(durable, ruleset, language="en", **fields):
    from infoshare.core.question import question_from_data

    data = {"as_of": "2025-03-01", "language": language, "subject": {"age": 30, "mature": True}} | fields
    return durable.answer(question_from_data(data, "q", ruleset))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_verdict_comes_first_under_a_title_naming_the_case(language, ruleset, durable):
    from infoshare.core.question import read_question_file
    from infoshare.render.messages import message

    for path in EXAMPLES:
        question = read_question_file(path, ruleset).model_copy(update={"language": language})
        answer = durable.answer(question)
        memo = memo_for(path, language, ruleset, durable)
        title, blank, verdict = memo.split("\n")[:3]
        vocabulary = ruleset.vocabulary
        shown = [vocabulary.role_label(role, language, question.as_of) for role in (question.discloser, question.recipient)]
        assert title.startswith("# ") and all(label in title for label in shown)
        assert verdict.startswith("> **") and message(f"outcome.{answer.outcome}", language) in verdict, f"{path.name}: {verdict}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_headings_fit_the_outcome(language, ruleset, durable):
    """A refusal's liability warning is not a condition on sharing, and duties when notifying are not conditions."""
    from infoshare.render.messages import message

    conditions = message("heading.obligations_may_share", language)
    for path in EXAMPLES:
        from infoshare.core.question import read_question_file

        answer = durable.answer(read_question_file(path, ruleset).model_copy(update={"language": language}))
        memo = memo_for(path, language, ruleset, durable)
        if answer.obligations:
            assert f"## {message(f'heading.obligations_{answer.outcome}', language)}" in memo
        if answer.outcome != "may_share":
            assert conditions not in memo, path.name


@pytest.mark.parametrize(("language", "give", "notify"), [("fi", "on annettava", "on ilmoitettava"), ("sv", "skyldig att lämna ut", "skyldig att anmäla")])
def test_a_duty_to_answer_a_request_is_to_give_and_a_duty_on_the_facts_is_to_notify(language, give, notify, ruleset, durable):
    """CDA s.63(2) obliges social services to give the police what they ask for; CWA s.25(1) obliges a school to notify."""
    from infoshare.render.memo import render_markdown

    asked = _answer(durable, ruleset, language, discloser="social_services", recipient="police", item="social_welfare_data", purpose="criminal_investigation",
                    initiative="on_request", facts={"consent": "refused", "offence_max_penalty_years": 10}, subject={"age": 17, "mature": True})
    notice = _answer(durable, ruleset, language, discloser="school", recipient="child_welfare", item="school_data", purpose="child_welfare_notification",
                     initiative="proactive", facts={"child_welfare_need": True}, subject={"age": 12, "mature": False})
    for answer, verb, other in ((asked, give, notify), (notice, notify, give)):
        assert answer.outcome == "must_share"
        lead = render_markdown(answer, ruleset, language).split("\n")[3]
        assert verb in lead and other not in lead, lead


# A social worker's client data asked for by the police outside an investigation, with no duty in play: secrecy holds.
SECRET_KEPT = {"consent": "refused", "planned_serious_offence": False, "risk_of_violence": False}


def test_who_decides_follows_the_grounds_and_the_discloser(ruleset, durable):
    from infoshare.render.memo import filing_data, who_decides

    kinds = filing_data(ROOT / "templates")["who_decides"]["kinds"]
    refusal = filing_data(ROOT / "templates")["who_decides"]["refusal"]["en"]
    templates = ROOT / "templates"
    # A child welfare notification is the worker's own duty, whoever employs them.
    notify = _answer(durable, ruleset, discloser="school", recipient="child_welfare", item="school_data", purpose="child_welfare_notification",
                     initiative="proactive", facts={"child_welfare_need": True}, subject={"age": 12, "mature": False})
    assert notify.outcome == "must_share" and who_decides(notify, ruleset, "en", templates) == [kinds["personal"]["en"]]
    # An authority refusing a request: the authority decides, and the refusal follows Openness Act s.14(3).
    refused = _answer(durable, ruleset, discloser="social_services", recipient="police", item="social_welfare_data", purpose="anchor_case_work",
                      initiative="on_request", facts=SECRET_KEPT, subject={"age": 30})
    assert refused.outcome == "must_not_share"
    assert who_decides(refused, ruleset, "en", templates) == [kinds["authority"]["en"], refusal]
    # The same on the authority's own initiative: no request, so nothing about refusing one.
    own_motion = _answer(durable, ruleset, discloser="social_services", recipient="police", item="social_welfare_data", purpose="anchor_case_work",
                         initiative="proactive", facts=SECRET_KEPT, subject={"age": 30})
    assert who_decides(own_motion, ruleset, "en", templates) == [kinds["authority"]["en"]]
    # Roles that are not authorities decide under their own rules; a child role takes its parent's kind.
    for role, kind in (("ngo", "own"), ("private_person", "own"), ("anchor_team", "team"), ("ngo_service_producer", "commissioned"),
                       ("physician", "authority"), ("outreach_youth_work", "authority")):
        answer = _answer(durable, ruleset, discloser=role, recipient="police", item="private_life", purpose="service_referral", initiative="proactive")
        if answer.outcome != "must_share":
            assert who_decides(answer, ruleset, "en", templates)[0] == kinds[kind]["en"], role
    # A duty among the other duties the facts trigger that rests on the individual is named as such.
    from infoshare.core.question import read_question_file

    nurse = durable.answer(read_question_file(ROOT / "examples" / "hard-cases" / "02-nurse-and-police-threat-assessment.yaml", ruleset))
    personal = set(filing_data(templates)["who_decides"]["personal_provisions"])
    duty_is_personal = any(c.provision in personal for d in nurse.related_duties for g in d.grounds if g.effect == "require" for c in g.citations)
    assert (kinds["personal_related"]["en"] in who_decides(nurse, ruleset, "en", templates)) == duty_is_personal
    # A parish before the 2023 Church Act: the memo does not claim the new Act's rule.
    early = _answer(durable, ruleset, discloser="parish_employee", recipient="police", item="private_life", purpose="service_referral",
                    initiative="proactive", as_of="2022-06-01")
    if early.outcome != "must_share":
        assert who_decides(early, ruleset, "en", templates)[0] == kinds["parish_before_2023"]["en"]


def test_informing_the_person_concerned_only_when_something_may_be_shared(ruleset, durable):
    from infoshare.render.memo import filing_data, informing

    data = filing_data(ROOT / "templates")["informing"]
    shared = _answer(durable, ruleset, discloser="school", recipient="outreach_youth_work", item="identity_contact", purpose="outreach_referral",
                     initiative="proactive", subject={"age": 17, "mature": True})
    texts = informing(shared, ruleset, "fi", ROOT / "templates")
    if shared.outcome != "must_not_share":
        assert texts[0] == data["general"]["fi"]
        youth_act = {c.provision for g in shared.grounds for c in g.citations} & set(data["sector"][0]["provisions"])
        assert (data["sector"][0]["fi"] in texts) == bool(youth_act)
    refused = _answer(durable, ruleset, discloser="social_services", recipient="police", item="social_welfare_data", purpose="anchor_case_work",
                      initiative="on_request", facts=SECRET_KEPT, subject={"age": 30})
    assert informing(refused, ruleset, "fi", ROOT / "templates") == []
    # The police's own data protection law is named when the police share.
    police = _answer(durable, ruleset, discloser="police", recipient="school", item="police_data", purpose="crime_prevention",
                     initiative="proactive", facts={"consent": "given"})
    assert police.outcome != "must_not_share"
    assert data["discloser"][0]["en"] in informing(police, ruleset, "en", ROOT / "templates")
    assert data["discloser"][0]["en"] not in informing(shared, ruleset, "en", ROOT / "templates")


def test_filing_details_from_the_options_or_blank_lines(tmp_path):
    from typer.testing import CliRunner

    from infoshare.cli.app import app

    example = str(ROOT / "examples" / "must-not-share-confession.yaml")
    given = CliRunner().invoke(app, ["check", example, "--format", "memo", "--lang", "sv", "--case-ref", "DNR 12/2026",
                                     "--organisation", "Församlingen", "--decided-by", "kyrkoherde", "--secrecy-marking", "OffL 24 § 1 mom. 32 p."])
    assert given.exit_code == 0, given.output
    assert "- **Diarienummer:** DNR 12/2026" in given.output and "- **Beslutsfattare (befattning):** kyrkoherde" in given.output
    assert "**SEKRETESSBELAGD** – OffL 24 § 1 mom. 32 p. (sekretessmarkering: 25 § i offentlighetslagen)" in given.output
    assert re.search(r"- \*\*Datum:\*\* \d{1,2}\.\d{1,2}\.\d{4}\n", given.output), "dated today, as 1.4.2015"
    blank = CliRunner().invoke(app, ["check", example, "--format", "memo", "--lang", "fi"])
    assert "- **Diaarinumero:** ____" in blank.output and "SALASSA PIDETTÄVÄ" not in blank.output


@pytest.mark.parametrize("option, value", [("--decided-by", "maija.meikalainen@kunta.fi"), ("--case-ref", "010190-123A"),
                                           ("--organisation", "+358 40 123 4567"), ("--secrecy-marking", "0401234567")])
def test_a_filing_detail_that_looks_like_personal_data_is_refused(option, value, tmp_path):
    from typer.testing import CliRunner

    from infoshare.cli.app import app

    out = tmp_path / "memo.md"
    result = CliRunner().invoke(app, ["check", str(ROOT / "examples" / "must-not-share-confession.yaml"), "--format", "memo", option, value, "-o", str(out)])
    assert result.exit_code == 4 and option in result.output and value not in result.output
    assert not out.exists(), "nothing is written"


def test_a_title_or_role_is_accepted_as_the_decision_maker():
    from infoshare.render.memo import Filing

    assert Filing(decided_by="johtava sosiaalityöntekijä", case_ref="SOTE/123/2026", organisation="Hyvinvointialue").personal_data() == []


def regenerate() -> None:
    """Write every golden memo anew (`make goldens`)."""
    from infoshare.checker import make_checker
    from infoshare.core.loader import load_ruleset

    ruleset = load_ruleset()
    checker = make_checker(ruleset, "durable")
    GOLDEN.mkdir(exist_ok=True)
    for stale in GOLDEN.glob("*.md"):
        stale.unlink()
    for path in EXAMPLES:
        for language in LANGUAGES:
            golden_path(path, language).write_text(memo_for(path, language, ruleset, checker), encoding="utf-8")


if __name__ == "__main__" and sys.argv[1:] == ["--regenerate"]:
    regenerate()


def test_every_role_has_someone_who_decides(ruleset):
    """A memo can be written for any discloser: each role, or a role above it, names its kind of decision-maker."""
    from infoshare.render.memo import _role_kind, filing_data

    roles = filing_data(ROOT / "templates")["who_decides"]["roles"]
    for role in ruleset.vocabulary.roles:
        assert _role_kind(role, ruleset, roles), role
