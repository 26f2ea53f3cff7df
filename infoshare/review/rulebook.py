"""The rulebook: a static HTML site of every act, provision and rule, for legal advisers to browse offline.

A reviewer needs to move between a rule, the provisions it rests on and the rules it prevails over
without reading Python, so every page links to the others and nothing is fetched from the internet
(the only outside links are the acts' own Finlex, EUR-Lex or Parliament addresses). Each rule's cases
are answered by the durable engine, so the coverage shown is what the tool really decides. The
templates run in Jinja2's sandbox, autoescaped and strict, and the site is written to a temporary
folder and moved into place, so a failed build never leaves a half-written site.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from infoshare.core.loader import Provision, Ruleset, bill_id, display
from infoshare.core.model import Condition, IdSet, NumberTest, Texts
from infoshare.domain import LANGUAGES, SUBJECT_FIELDS
from infoshare.locations import templates_dir
from infoshare.render.answer import outcome_with_reason, where
from infoshare.render.output import generated_by, write_folder
from infoshare.render.sandbox import template_environment
from infoshare.review.case_report import run_cases
from infoshare.review.cases import LocatedCase, case_files

GENERATOR = "infoshare rulebook"
EFFECTS = {"require": "must share", "permit": "may share", "forbid": "must not share"}
LINK_NAMES = {"www.finlex.fi": "Finlex", "finlex.fi": "Finlex", "eur-lex.europa.eu": "EUR-Lex"}


@dataclass(frozen=True)
class CaseOnPage:
    """One case answered: where it is written, its anchor on its rule's page, and what decided it."""

    located: LocatedCase
    file: str
    anchor: str
    referred: bool
    grounds: frozenset[str]
    failures: tuple[str, ...]

    def role_of(self, rule_id: str) -> str:
        """`decides`, `refers` (a ground of an answer that refers) or an empty string (not a ground)."""
        if rule_id not in self.grounds:
            return ""
        return "refers" if self.referred else "decides"


def build(ruleset: Ruleset, out_dir: Path) -> None:
    """Render every page and write the site to `out_dir`, replacing a rulebook built there before."""
    write_site(render_pages(ruleset), out_dir)


def render_pages(ruleset: Ruleset) -> dict[str, str]:
    """Every page of the site by its path relative to the site's root (deterministic: sorted, no dates)."""
    environment = template_environment(templates_dir() / "rulebook")
    environment.globals["languages"] = LANGUAGES  # the site is in English, with every text in each language
    results = answer_cases(ruleset)
    cited_by = ruleset.cited_by
    overridden_by: dict[str, list[str]] = {}
    for rule_id, rule in sorted(ruleset.rules.items()):
        for other in rule.overrides:
            overridden_by.setdefault(other, []).append(rule_id)
    acts = _acts(ruleset)
    pages = {
        f"acts/{slug}.html": environment.get_template("act.html.j2").render(
            home="../index.html", act=_act_view(members, cited_by, ruleset)
        )
        for slug, members in acts.items()
    }
    for rule_id in sorted(ruleset.rules):
        view = _rule_view(rule_id, ruleset, results, overridden_by.get(rule_id, []))
        pages[f"rules/{rule_id}.html"] = environment.get_template("rule.html.j2").render(home="../index.html", rule=view)
    pages["index.html"] = environment.get_template("index.html.j2").render(home="index.html", **_index_view(ruleset, acts))
    return pages


def answer_cases(ruleset: Ruleset) -> list[CaseOnPage]:
    """Every case under rules/, answered as `infoshare test` answers it, in file order."""
    files = case_files(ruleset.root)
    relative = {display(path): path.relative_to(ruleset.root).as_posix() for path in files}
    results = []
    numbers: dict[str, int] = {}  # each rule page numbers its cases: case-1, case-2, …
    for one in run_cases(files, ruleset):
        located = one.located
        numbers[located.rule] = numbers.get(located.rule, 0) + 1
        referred = one.answer is not None and one.answer.outcome == "refer"
        file = f"{relative[located.file]}:{located.line}"
        results.append(CaseOnPage(located, file, f"case-{numbers[located.rule]}", referred, frozenset(one.grounds), one.failures))
    return results


def write_site(pages: dict[str, str], out_dir: Path) -> None:
    """Write the site whole; only an empty folder or an earlier rulebook is replaced."""
    write_folder(pages, out_dir, lambda folder: generated_by(folder, GENERATOR), "a rulebook")


# --- acts ---------------------------------------------------------------------------------------------


def _acts(ruleset: Ruleset) -> dict[str, list[Provision]]:
    """The provisions of each act, by the act's page name (417-2007, eu-2016-679), acts in number order."""
    return {bill_id(act).lower(): members for act, members in ruleset.acts.items()}


def _act_view(members: list[Provision], cited_by: dict[str, list[str]], ruleset: Ruleset) -> dict[str, Any]:
    act = members[0].act
    return {
        "number": act.act,
        "pending": act.status == "pending",
        "names": _texts(act.names),
        "abbreviation": _texts(act.abbreviation),
        "url": act.url,
        "url_name": _link_name(act.url),
        "in_force": _period(act.in_force.from_, act.in_force.to),
        "note": act.note,
        "sections": [_section_view(p, cited_by.get(p.section.id, []), ruleset) for p in members],
    }


def _section_view(provision: Provision, rules: list[str], ruleset: Ruleset) -> dict[str, Any]:
    section = provision.section
    place = (provision.act.act, section.chapter, section.section, section.subsection, section.item)
    return {
        "id": section.id,
        "where": {language: where(*place, language) for language in LANGUAGES},
        "parts": [
            (name, str(value))
            for name, value in (("chapter", section.chapter), ("section", section.section), ("subsection", section.subsection), ("item", section.item))
            if value is not None
        ],
        "title": _texts(section.title),
        "paraphrase": _texts(section.paraphrase),
        "notwithstanding_secrecy": section.notwithstanding_secrecy,
        "in_force": _period(section.in_force.from_, section.in_force.to),
        "verified": section.verified,
        "source": section.source,
        "note": section.note or ("" if section.verified else "The section number and wording have not been checked against the statute."),
        "confidence": section.confidence,
        "rules": [_rule_link(rule_id, ruleset, "../rules/") for rule_id in rules],
    }


def _provision_link(provision_id: str, ruleset: Ruleset) -> dict[str, Any]:
    provision = ruleset.provisions[provision_id]
    section = provision.section
    return {
        "id": provision_id,
        "href": f"../acts/{bill_id(provision.act.act).lower()}.html#{provision_id}",
        "act": provision.act.names.en,
        "where": where(provision.act.act, section.chapter, section.section, section.subsection, section.item),
        "title": section.title.en,
        "verified": section.verified,
    }


# --- rules --------------------------------------------------------------------------------------------


def _rule_view(rule_id: str, ruleset: Ruleset, results: list[CaseOnPage], overridden_by: list[str]) -> dict[str, Any]:
    rule = ruleset.rules[rule_id]
    own = [r for r in results if r.located.rule == rule_id]
    deciding = [r for r in results if r.role_of(rule_id) == "decides"]
    return {
        "id": rule_id,
        "area": _area(rule_id, ruleset),
        "file": ruleset.rule_files[rule_id].relative_to(ruleset.root).as_posix(),
        "effect": rule.effect,
        "effect_meaning": EFFECTS[rule.effect],
        "title": _texts(rule.title),
        "explain": _texts(rule.explain),
        "in_force": _period(rule.valid_from, rule.valid_to),
        "pending_bill": rule.pending_bill,
        "conditions": _conditions(rule.when, ruleset),
        "provisions": [_provision_link(p, ruleset) for p in rule.provisions],
        "overrides": [_rule_link(other, ruleset, "") for other in sorted(rule.overrides)],
        "overridden_by": [_rule_link(other, ruleset, "") for other in overridden_by],
        "obligations": [{"id": o, "text": _texts(ruleset.vocabulary.obligations[o])} for o in rule.obligations],
        "cases": [_case_view(r, rule_id) for r in own],
        "coverage": {
            "total": len(deciding),
            "referred": sum(r.role_of(rule_id) == "refers" for r in results),
            "own": sum(r.located.rule == rule_id for r in deciding),
            "elsewhere": [
                {"href": f"{r.located.rule}.html#{r.anchor}", "rule": r.located.rule, "name": r.located.case.name, "role": r.role_of(rule_id)}
                for r in results
                if r.role_of(rule_id) and r.located.rule != rule_id
            ],
        },
    }


def _rule_link(rule_id: str, ruleset: Ruleset, prefix: str) -> dict[str, str]:
    return {"id": rule_id, "href": f"{prefix}{rule_id}.html", "title": ruleset.rules[rule_id].title.en}


def _area(rule_id: str, ruleset: Ruleset) -> str:
    """The rule's folder under rules/ (its area of law)."""
    folder = ruleset.rule_files[rule_id].parent.relative_to(ruleset.root / "rules")
    return folder.as_posix() if folder.parts else "(top level)"


def _case_view(result: CaseOnPage, rule_id: str) -> dict[str, Any]:
    case = result.located.case
    expect = case.expect
    return {
        "anchor": result.anchor,
        "name": case.name,
        "file": result.file,
        "question": _question_summary(case.question),
        "expected": outcome_with_reason(expect.outcome, expect.refer_reason),
        "expected_grounds": expect.grounds,
        "role": result.role_of(rule_id),
        "failures": list(result.failures),
    }


def _question_summary(question: dict[str, Any]) -> str:
    """One line in the ids of the case file: `youth_services → police: threat_information for prevent_violence …`."""
    parts = [f"{question.get('discloser')} → {question.get('recipient')}: {question.get('item')} for {question.get('purpose')}"]
    if question.get("initiative"):
        parts.append(str(question["initiative"]))
    subject = question.get("subject") or {}
    parts += [f"{key} {_value(subject[key])}" for key in SUBJECT_FIELDS if key in subject]
    parts += [f"{fact}={_value(value)}" for fact, value in (question.get("facts") or {}).items()]
    if question.get("as_of"):
        parts.append(f"as of {question['as_of']}")
    parts += [f"assuming {bill} enacted" for bill in question.get("assume_enacted") or []]
    return "; ".join(parts)


def _value(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


# --- conditions ---------------------------------------------------------------------------------------


def _conditions(condition: Condition, ruleset: Ruleset) -> list[dict[str, Any]]:
    """A rule's `when` as rows of a definition list: a heading, how the values combine, and the values."""
    vocabulary = ruleset.vocabulary
    rows = []
    for field, heading, labels in (
        ("discloser", "Discloser", vocabulary.roles),
        ("recipient", "Recipient", vocabulary.roles),
        ("item", "Item", vocabulary.items),
        ("purpose", "Purpose", vocabulary.purposes),
        ("initiative", "Initiative", vocabulary.subject["initiative"].values),
    ):
        id_set: IdSet | None = getattr(condition, field)
        if id_set is not None:
            covers = ruleset.descendants if field in ("discloser", "recipient") else {}
            rows.append(_row(heading, None, id_set, labels, covers))
    for name in SUBJECT_FIELDS if condition.subject is not None else ():
        test = getattr(condition.subject, name)
        if test is not None:
            shown = ("yes" if test else "no") if isinstance(test, bool) else _comparison(test)
            rows.append(_text_row(name, vocabulary.subject[name].label, shown))
    for fact, test in condition.facts.items():
        entry = vocabulary.facts[fact]
        if isinstance(test, bool):
            rows.append(_text_row(fact, entry.label, "yes" if test else "no"))
        elif isinstance(test, NumberTest):
            rows.append(_text_row(fact, entry.label, _comparison(test)))
        else:
            values = test if isinstance(test, IdSet) else IdSet(any=[test] if isinstance(test, str) else list(test))
            rows.append(_row(fact, entry.label, values, entry.values, {}))
    if condition.any_of:
        rows.append({"heading": "At least one of", "labels": None, "mode": "", "terms": [], "text": "", "blocks": [_conditions(c, ruleset) for c in condition.any_of]})
    return rows


def _row(heading: str, labels: Texts | None, id_set: IdSet, names: dict[str, Any], covers: dict[str, frozenset[str]]) -> dict[str, Any]:
    many = len(id_set.ids) > 1
    mode = ("none of" if many else "not") if id_set.negated else ("one of" if many else "")
    terms = [
        {
            "id": value,
            "labels": _texts(names[value]) if value in names else None,
            "covers": sorted(covers.get(value, frozenset()) - {value}),
        }
        for value in id_set.ids
    ]
    return {"heading": heading, "labels": _texts(labels) if labels else None, "mode": mode, "terms": terms, "text": "", "blocks": []}


def _text_row(heading: str, labels: Texts, text: str) -> dict[str, Any]:
    return {"heading": heading, "labels": _texts(labels), "mode": "", "terms": [], "text": text, "blocks": []}


def _comparison(test: NumberTest) -> str:
    """`at least 15 and below 18`."""
    bounds = (("at least", test.at_least), ("above", test.above), ("below", test.below), ("at most", test.at_most))
    return " and ".join(f"{word} {value:g}" for word, value in bounds if value is not None)


# --- the index ----------------------------------------------------------------------------------------


def _index_view(ruleset: Ruleset, acts: dict[str, list[Provision]]) -> dict[str, Any]:
    areas: dict[str, list[dict[str, Any]]] = {}
    entries = []
    for rule_id, rule in sorted(ruleset.rules.items()):
        href = f"rules/{rule_id}.html"
        areas.setdefault(_area(rule_id, ruleset), []).append({"id": rule_id, "href": href, "title": _texts(rule.title), "effect": rule.effect})
        entries.append({"kind": "rule", "id": rule_id, "href": href, "title": _texts(rule.title), "provisions": list(rule.provisions)})
    act_links = []
    for slug, members in acts.items():
        act = members[0].act
        href = f"acts/{slug}.html"
        act_links.append({"number": act.act, "href": href, "names": _texts(act.names), "pending": act.status == "pending", "sections": len(members)})
        entries.append({"kind": "act", "id": act.act, "href": href, "title": _texts(act.names), "provisions": [p.section.id for p in members]})
    provisions = list(ruleset.provisions.values())
    return {
        "ruleset": {"version": ruleset.version, "digest": ruleset.digest, "law_covered_from": ruleset.law_covered_from.isoformat()},
        "counts": {"rules": len(ruleset.rules), "provisions": len(provisions), "verified": sum(p.section.verified for p in provisions)},
        "acts": act_links,
        "areas": sorted(areas.items()),
        "search_index": _script_json(entries),
    }


def _script_json(data: Any) -> Any:
    """JSON safe inside a <script> element: `<`, `>` and `&` escaped, so no text can close the element."""
    from markupsafe import Markup

    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


# --- small helpers ------------------------------------------------------------------------------------


def _texts(texts: Texts) -> dict[str, str]:
    return {language: texts[language] for language in LANGUAGES}


def _period(start: Any, end: Any) -> str:
    """`2015-04-01 – 2022-12-31`, `from 2015-04-01`, `until 2022-12-31`."""
    if start and end:
        return f"{start.isoformat()} – {end.isoformat()}"
    if start or end:
        return f"from {start.isoformat()}" if start else f"until {end.isoformat()}"
    return "no dates given"


def _link_name(url: str) -> str:
    host = urlsplit(url).hostname or url
    return LINK_NAMES.get(host, host)
