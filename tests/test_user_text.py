"""What a reader sees — the memo and the terminal answer — in every example, hard case and training scenario, in
fi, sv and en: no internal id, no ISO date, no "salainen", no "hen", and links in the memo's own language, at the
section. The same checks over the rule and legal-basis texts show which data texts still break them."""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path

import pytest

from infoshare.core.loader import default_root
from infoshare.core.question import read_question_file
from infoshare.domain import LANGUAGES
from infoshare.render.memo import Filing, render_markdown, section_url
from infoshare.render.screen import Screen
from infoshare.render.terminal import render
from infoshare.training.scenarios import load_scenarios

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted([*(ROOT / "examples").glob("*.yaml"), *(ROOT / "examples" / "hard-cases").glob("*.yaml")])
URL = re.compile(r"https?://[^\s)\]]+")
ISO_DATE = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")
SALAINEN = re.compile(r"\bsalai(?!suu)\w*", re.IGNORECASE)  # salainen, salaiset, salaisia…; not (ripin)salaisuus
HEN = re.compile(r"\bhen(s)?\b", re.IGNORECASE)


@cache
def internal_ids() -> re.Pattern[str]:
    """Every id a reader must never see: rules, provisions, bills and vocabulary keys that read as ids (have _ or -)."""
    from infoshare.core.loader import load_ruleset

    ruleset = load_ruleset()
    vocabulary = ruleset.vocabulary
    ids = {*ruleset.rules, *ruleset.provisions, *ruleset.bills, *vocabulary.roles, *vocabulary.items, *vocabulary.purposes}
    ids |= {*vocabulary.facts, *vocabulary.obligations}
    ids |= {value for entry in vocabulary.facts.values() for value in (entry.values or {})}
    ids = {i for i in ids if "_" in i or "-" in i}
    return re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, ids), key=len, reverse=True)) + r")(?![\w-])")


def problems(text: str, language: str) -> list[str]:
    """Each break of the user-text rules in `text`, named with its words."""
    found: list[str] = []
    for url in URL.findall(text):
        if language == "sv" and "finlex.fi/fi/" in url or language != "sv" and "finlex.fi/sv/" in url:
            found.append(f"a link in the wrong language: {url}")
    prose = URL.sub(" ", text)
    found += [f"an internal id: {m}" for m in internal_ids().findall(prose)]
    found += [f"an ISO date: {m}" for m in ISO_DATE.findall(prose)]
    found += [f"a doubled full stop: …{prose[max(m.start() - 20, 0):m.end()]}" for m in re.finditer(r"(?<!\.)\.\.(?!\.)", prose)]
    if language == "fi":
        found += [f"the security-classification word: {m}" for m in SALAINEN.findall(prose)]
    found += [f"a raw value: {m}" for m in re.findall(r"\b(?:True|False|None|true|false|null)\b", prose)]
    if language in ("fi", "sv"):
        found += [f"'hen': …{prose[max(m.start() - 30, 0):m.end() + 10]}…" for m in HEN.finditer(prose)]
    return found


def questions(language: str, decider) -> list[tuple[str, object]]:
    """Every example, hard case and scenario (with each variation) as a question in `language`."""
    ruleset = decider.ruleset
    out = [(path.stem, read_question_file(path, ruleset).model_copy(update={"language": language})) for path in EXAMPLES]
    for scenario in load_scenarios(default_root()):
        out.append((scenario.name, scenario.question(decider, None, language)))
        out += [(f"{scenario.name}/{i}", scenario.question(decider, v, language)) for i, v in enumerate(scenario.content.variations)]
    return out


def terminal_text(answer, ruleset) -> str:
    buffer = io.StringIO()
    render(answer, ruleset, Screen(buffer, width=10_000))  # no wrapping: data texts are matched whole
    return buffer.getvalue()


def data_texts(ruleset, language: str) -> set[str]:
    """The texts that come from rules/ and legal_basis/ (owned by the legal review, checked separately below)."""
    texts = {rule.title[language] for rule in ruleset.rules.values()} | {rule.explain[language].strip() for rule in ruleset.rules.values()}
    texts |= {p.section.paraphrase[language].strip() for p in ruleset.provisions.values()}
    texts |= {p.section.title[language] for p in ruleset.provisions.values()}
    return {t for t in texts if t}


@pytest.mark.parametrize("language", LANGUAGES)
def test_what_a_reader_sees_keeps_the_rules_of_user_text(language, ruleset, durable):
    filing = Filing("2026-04-01", "DNRO 1/2026", "Kunta", "sosiaalityön johtaja", "JulkL 24 § 1 mom. 25 k.")
    own = sorted(data_texts(ruleset, language), key=len, reverse=True)
    failures = []
    for name, question in questions(language, durable):
        answer = durable.answer(question)
        for kind, text in (("memo", render_markdown(answer, ruleset, language, filing)), ("terminal", terminal_text(answer, ruleset))):
            for data_text in own:  # the rule and legal-basis texts are checked by the test below
                text = text.replace(data_text, " ")
            failures += [f"{name} {kind} ({language}): {p}" for p in problems(text, language)]
    assert not failures, "\n".join(sorted(set(failures))[:40])


@pytest.mark.parametrize("language", ("fi", "sv"))
def test_rule_and_legal_basis_texts_keep_the_rules_of_user_text(language, ruleset):
    failures = [f"{text[:60]}…: {p}" for text in data_texts(ruleset, language) for p in problems(text, language)]
    assert not failures, "\n".join(sorted(failures))


def test_the_checks_catch_what_they_look_for():
    """Each class of error is found in a sentence made to hold it (so the checks above cannot pass vacuously)."""
    assert any("internal id" in p for p in problems("Säännöksen oa-22 mukaan", "fi"))
    assert any("ISO date" in p for p in problems("Laki 2025-03-01", "en"))
    assert any("doubled full stop" in p for p in problems("Säännökset: Lastensuojelulaki 417/2007 25 § 1 mom..", "fi"))
    assert not problems("Poliisilaki 872/2011 7 luku 2 § 1 mom. …", "fi")
    assert any("security-classification" in p for p in problems("Tieto on salainen.", "fi"))
    assert not problems("Rippisalaisuus ja asiakirjasalaisuus.", "fi")
    assert any("raw value" in p for p in problems("jos Riski = true", "fi"))
    assert any("'hen'" in p for p in problems("ansvaret är hens", "sv"))
    assert any("wrong language" in p for p in problems("[Finlex](https://www.finlex.fi/fi/laki/ajantasa/2007/20070417#P25)", "sv"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_link_points_to_the_section_in_the_memos_language(language, ruleset):
    """Finlex's anchors: #L7P9 for chapter 7 s.9, #P25 for s.25; the act's page only where the section is unknown."""
    folder = "sv" if language == "sv" else "fi"

    def link(provision_id: str) -> str:
        provision = ruleset.provisions[provision_id]
        return section_url(provision.act.url, provision.section.chapter, provision.section.section, language)

    assert link("church-7-9-1") == f"https://www.finlex.fi/{folder}/laki/ajantasa/2023/20230652#L7P9"
    assert link("cwa-25-1") == f"https://www.finlex.fi/{folder}/laki/ajantasa/2007/20070417#P25"
    assert link("gdpr-6-1-c") == f"https://eur-lex.europa.eu/legal-content/{language.upper()}/TXT/?uri=CELEX:32016R0679"
    assert link("orthodox-110-1") == f"https://www.finlex.fi/{folder}/laki/ajantasa/2006/20060985#P110"
    assert link("cia-act") == f"https://www.finlex.fi/{folder}/laki/ajantasa/2011/20110805"  # section unconfirmed: the act's page
    for provision in ruleset.provisions.values():
        url = link(provision.section.id)
        if "finlex.fi" in url:
            assert url.startswith(f"https://www.finlex.fi/{folder}/"), url
            consolidated = "/ajantasa/" in url  # an act as enacted (alkup) has no section anchors
            assert ("#" in url) == (consolidated and bool(provision.section.section)), (provision.section.id, url)
    bills = {link(p.section.id) for p in ruleset.provisions.values() if p.pending}
    assert all(re.fullmatch(rf"https://www\.eduskunta\.fi/{folder.upper()}/vaski/HallituksenEsitys/Sivut/(HE|RP)_\d+\+\d{{4}}\.aspx", u) for u in bills), bills
