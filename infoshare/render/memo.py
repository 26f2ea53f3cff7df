"""The cited justification memo: Markdown and printable HTML, in Finnish, Swedish or English.

The answer is turned into a context of ready, localised strings (from the rule and legal-basis files, the
vocabulary, the message catalogue and the glossary); the per-language templates only lay it out. The
templates run in Jinja2's sandbox with strict undefined names, and the HTML is escaped, so no text from a
rule file can run code or inject markup.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from infoshare.core.loader import Ruleset
from infoshare.core.privacy import personal_data_kind
from infoshare.domain import SUBJECT_FIELDS
from infoshare.locations import templates_dir
from infoshare.render.answer import Answer
from infoshare.render.messages import display_date, message
from infoshare.render.sandbox import template_environment
from infoshare.render.template_data import parsed_yaml
from infoshare.render.words import PROMINENT


def glossary(templates: Path) -> dict[str, dict[str, str]]:
    return _memo_data(templates)[0]


def filing_data(templates: Path) -> dict[str, Any]:
    """Who decides and whom to inform, by provision and role (templates/memo_filing.yaml)."""
    return _memo_data(templates)[1]


@cache
def _memo_data(templates: Path) -> list[Any]:
    return parsed_yaml([templates / "glossary.yaml", templates / "memo_filing.yaml"], "memo")


_FILING_OPTIONS = {"case_ref": "--case-ref", "organisation": "--organisation", "decided_by": "--decided-by", "secrecy_marking": "--secrecy-marking"}


class Filing(NamedTuple):
    """The details a filed memo carries; one left out is printed as a blank line to fill in by hand. (A named tuple:
    a memo is written at a check's cold start, and a dataclass would bring the dataclasses module with it.)"""

    date: str | None = None  # ISO; the day the memo is written
    case_ref: str | None = None
    organisation: str | None = None
    decided_by: str | None = None  # the decision-maker's title or role
    secrecy_marking: str | None = None  # where the secrecy rests, e.g. "JulkL 24 § 1 mom. 25 kohta"

    def personal_data(self) -> list[tuple[str, str]]:
        """(option, kind) for each detail that looks like an identity code, e-mail address or phone number.

        A decision-maker is named by title or role: an official's name is personal data too, but cannot be told
        from a title by its form; the signature on the filed memo records who decided.
        """
        return [(option, kind) for name, option in _FILING_OPTIONS.items() if (kind := personal_data_kind(getattr(self, name) or ""))]


def render_markdown(answer: Answer, ruleset: Ruleset, language: str, filing: Filing | None = None) -> str:
    """The memo as Markdown; every text from the rule data is escaped, so none becomes HTML, a link or emphasis."""
    templates = templates_dir()
    return _markdown(memo_context(answer, ruleset, language, templates, filing), language, templates)


def _markdown(context: dict[str, Any], language: str, templates: Path) -> str:
    escaped = context | {key: markdown_escaped(value) for key, value in context.items() if key not in ("g", "m", "outcome", "refer_reason")}
    return template_environment(templates).get_template(f"memo.{language}.md.j2").render(**escaped)


_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>&|!"})


def markdown_escaped(value: Any, key: str = "") -> Any:
    """Strings in `value` with Markdown's active characters backslash-escaped; a validated https `url` is kept."""
    if isinstance(value, str):
        return value if key == "url" else value.translate(_MARKDOWN_SPECIAL)
    if isinstance(value, dict):
        return {k: markdown_escaped(v, k) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(markdown_escaped(v) for v in value)
    return value


def render_html(answer: Answer, ruleset: Ruleset, language: str, filing: Filing | None = None) -> str:
    """A standalone printable A4 page: the Markdown memo as HTML, with inline CSS, page numbers and nothing fetched."""
    from markdown_it import MarkdownIt

    templates = templates_dir()
    context = memo_context(answer, ruleset, language, templates, filing)
    body = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table").render(_markdown(context, language, templates))
    page = template_environment(templates).get_template("memo.html.j2")
    return page.render(language=language, title=context["title"], body=body, marking=context["g"]["secret_document"] if filing and filing.secrecy_marking else None, page_word=context["g"]["page"])


def memo_context(answer: Answer, ruleset: Ruleset, language: str, templates: Path, filing: Filing | None = None) -> dict[str, Any]:
    """Everything a memo template needs, as localised strings: no id of a rule, provision or label reaches it."""
    vocabulary = ruleset.vocabulary
    q = answer.question
    filing = filing or Filing()

    def label(kind: str, key: str) -> str:
        if kind == "roles":
            return vocabulary.role_label(key, language, q["as_of"])
        return getattr(vocabulary, kind)[key][language]

    def yes_no(value: bool) -> str:
        return message("word.yes" if value else "word.no", language)

    def value_label(fact: str, value: Any) -> str:
        entry = vocabulary.facts[fact]
        if isinstance(value, bool):
            return yes_no(value)
        if isinstance(value, str) and value in entry.values:
            return entry.values[value][language]
        return str(value)

    rule_titles = {rule_id: rule.title[language] for rule_id, rule in ruleset.rules.items()}
    subject = q["subject"]
    facts = [(vocabulary.facts[f].label[language], value_label(f, v)) for f, v in q["facts"].items()]
    unknown = message("word.unknown", language)
    initiative_entry = vocabulary.subject["initiative"]
    initiative = initiative_entry.values[q["initiative"]][language] if q["initiative"] else unknown
    bills = ruleset.bills
    discloser, recipient = label("roles", q["discloser"]), label("roles", q["recipient"])
    glossary_terms = {term: texts[language] for term, texts in glossary(templates).items()}
    return {
        "g": glossary_terms,
        "m": lambda key, **values: message(key, language, **values),
        "title": f"{glossary_terms['memo'].capitalize()}: {label('items', q['item'])} – {discloser} → {recipient}",
        "outcome": answer.outcome,
        # A duty met by giving what the recipient asks for (a right to obtain), not by notifying on one's own motion:
        # the lead says "give" (annettava, lämna ut), not "notify".
        "given_on_request": bool(answer.grounds) and all(ruleset.rules[g.rule].duty == "on_request" for g in answer.grounds),
        "refer_reason": answer.refer_reason,
        "filing": {
            "date": display_date(filing.date, language) if filing.date else None,
            "case_ref": filing.case_ref,
            "organisation": filing.organisation,
            "decided_by": filing.decided_by,
            "secrecy_marking": filing.secrecy_marking,
        },
        "question": {
            "discloser": discloser,
            "recipient": recipient,
            "item": label("items", q["item"]),
            "purpose": label("purposes", q["purpose"]),
            "initiative_label": initiative_entry.label[language],
            "initiative": initiative,
            **{f"{name}_label": vocabulary.subject[name].label[language] for name in SUBJECT_FIELDS},  # `age_label`: Ikä
            **{name: unknown if subject[name] is None else yes_no(subject[name]) if isinstance(subject[name], bool) else subject[name] for name in SUBJECT_FIELDS},
            "facts": facts,
            "as_of": display_date(q["as_of"], language),
            "assumed_bills": [bills[b].abbreviation[language] if b in bills else b for b in q.get("assume_enacted", [])],
        },
        "grounds": [
            {
                "rule": ground.rule,
                "title": ground.title,
                "explanation": ground.explanation,
                "citations": [
                    {
                        "cite": c.cite(language),
                        "title": c.section_title,
                        "paraphrase": c.paraphrase,
                        "url": section_url(c.url, c.chapter, c.section, language),
                        "site": site_name(c.url, language),
                        "verified": c.verified,
                    }
                    for c in ground.citations
                ],
            }
            for ground in answer.grounds
        ],
        "defeated": [{"rule": rule_titles[rule], "by": rule_titles[by]} for rule, by in answer.defeated],
        "obligations": [text for _, text in answer.obligations],
        "related_duties": [
            {
                "recipient": label("roles", duty.recipient),
                "purpose": label("purposes", duty.purpose),
                "certain": duty.outcome == "must_share",
                "grounds": [g.title for g in duty.grounds],
                "citations": sorted({c.cite(language) for g in duty.grounds for c in g.citations}),
                "questions": [ruleset.vocabulary.entry(name)[language] for name in duty.questions],
            }
            for duty in answer.related_duties
        ],
        "alternatives": [
            {
                "fact": vocabulary.facts[fact].label[language],
                "value": value_label(fact, value),
                "outcome": message(f"outcome.{alternative.outcome}", language),
            }
            for alternative in answer.alternatives
            for fact, value in alternative.condition.items()
        ],
        "questions": [{"text": oq.text, "asked_by": [rule_titles[r] for r in oq.asked_by]} for oq in answer.questions],
        "warnings": [w.text for w in answer.warnings],
        # shown under the question too; the assumed bill itself is said there in the template's own words
        "prominent_warnings": [w.text for w in answer.warnings if w.code in PROMINENT and w.code != "assumed_enacted"],
        "who_decides": who_decides(answer, ruleset, language, templates),
        "informing": informing(answer, ruleset, language, templates),
        "ruleset": answer.ruleset,
        "law_as_of": display_date(answer.ruleset["as_of"], language),
    }


def who_decides(answer: Answer, ruleset: Ruleset, language: str, templates: Path) -> list[str]:
    """Who takes the decision, as paragraphs: a personal duty rests on the individual; otherwise the discloser's kind decides."""
    data = filing_data(templates)["who_decides"]
    personal = set(data["personal_provisions"])

    def is_personal(grounds: Any) -> bool:
        return any(c.provision in personal for g in grounds if g.effect == "require" for c in g.citations)

    kinds = data["kinds"]
    if answer.outcome == "must_share" and is_personal(answer.grounds):
        return [kinds["personal"][language]]
    kind = _role_kind(answer.question["discloser"], ruleset, data["roles"])
    entry = kinds[kind]
    if "from" in entry and date.fromisoformat(answer.question["as_of"]) < _as_date(entry["from"]):
        entry = kinds[entry["before"]]
    paragraphs = [entry[language]]
    asked = answer.question["initiative"] != "proactive"
    if kind in ("authority", "commissioned", "parish") and answer.outcome in ("must_not_share", "refer") and asked:
        paragraphs.append(data["refusal"][language])
    if any(is_personal(duty.grounds) for duty in answer.related_duties):
        paragraphs.append(kinds["personal_related"][language])
    return paragraphs


def _role_kind(role: str, ruleset: Ruleset, kinds: dict[str, list[str]]) -> str:
    """The kind listed for `role` or its nearest listed parent role."""
    by_role = {r: kind for kind, roles in kinds.items() for r in roles}
    for current in _role_chain(role, ruleset):
        if current in by_role:
            return by_role[current]
    raise KeyError(f"templates/memo_filing.yaml: role {role} has no kind of decision-maker")


def _role_chain(role: str, ruleset: Ruleset) -> list[str]:
    """`role`, its parent, the parent's parent…"""
    chain: list[str] = []
    current: str | None = role
    while current is not None:
        chain.append(current)
        current = ruleset.vocabulary.roles[current].parent
    return chain


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def informing(answer: Answer, ruleset: Ruleset, language: str, templates: Path) -> list[str]:
    """What to tell the person concerned: the GDPR's rule, a rule for the discloser and any sector rule a ground cites.
    Nothing when nothing is shared."""
    if answer.outcome == "must_not_share":
        return []
    data = filing_data(templates)["informing"]
    cited = {c.provision for g in answer.grounds for c in g.citations}
    roles = set(_role_chain(answer.question["discloser"], ruleset))
    return [
        data["general"][language],
        *(rule[language] for rule in data["discloser"] if roles & set(rule["roles"])),
        *(rule[language] for rule in data["sector"] if cited & set(rule["provisions"])),
    ]


_FINLEX = "https://www.finlex.fi/fi/laki/ajantasa/"
_FINLEX_ORIGINAL = "https://www.finlex.fi/fi/laki/alkup/"


def section_url(url: str, chapter: str | None, section: str | None, language: str) -> str:
    """The act's page in the memo's language, at the section: Finlex's `#L7P9` (chapter 7 s.9) or `#P22` anchors.

    Finlex has the consolidated acts in Finnish and Swedish; an English memo links the Finnish page. EU regulations
    link EUR-Lex, and government proposals Parliament's page, in the memo's language. Other addresses are kept.
    """
    if url.startswith(_FINLEX_ORIGINAL):  # an act as enacted (a repealed act's amendment): no section anchors there
        return url.replace("/fi/", "/sv/", 1) if language == "sv" else url
    if url.startswith(_FINLEX):
        page = url.replace("/fi/", "/sv/", 1) if language == "sv" else url
        if not section:
            return page
        anchor = ("L" + chapter.replace(" ", "") if chapter else "") + "P" + section.replace(" ", "")
        return f"{page}#{anchor}"
    regulation = re.search(r"eur-lex\.europa\.eu/eli/reg/(\d{4})/(\d+)", url)
    if regulation:  # EUR-Lex in the memo's language (its article anchors are not stable, so the act)
        year, number = regulation.groups()
        return f"https://eur-lex.europa.eu/legal-content/{language.upper()}/TXT/?uri=CELEX:3{year}R{int(number):04d}"
    bill = _bill_number(url)
    if bill:
        number, year = bill
        prefix, folder = ("RP", "SV") if language == "sv" else ("HE", "FI")
        return f"https://www.eduskunta.fi/{folder}/vaski/HallituksenEsitys/Sivut/{prefix}_{number}+{year}.aspx"
    return url


def _bill_number(url: str) -> tuple[str, str] | None:
    """(182, 2025) from any of the addresses Parliament's pages have had for HE 182/2025."""
    found = re.search(r"(?:eduskunta|riksdagen)\.fi/.*\b(?:HE|RP)[_+](\d+)(?:\+|/)(\d{4})", url)
    return (found.group(1), found.group(2)) if found else None


def site_name(url: str, language: str) -> str:
    """The name a link is shown by: Finlex, EUR-Lex, or Parliament."""
    if "finlex.fi" in url:
        return "Finlex"
    if "eur-lex" in url:
        return "EUR-Lex"
    if _bill_number(url):
        return message("site.parliament", language)
    return url
