"""The cited justification memo: Markdown and printable HTML, in Finnish, Swedish or English.

The answer is turned into a context of ready, localised strings (from the rule and legal-basis files, the
vocabulary, the message catalogue and the glossary); the per-language templates only lay it out. The
templates run in Jinja2's sandbox with strict undefined names, and the HTML is escaped, so no text from a
rule file can run code or inject markup.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .answer import Answer
from .loader import Ruleset, default_root
from .messages import message
from .output import template_environment



@cache
def glossary(templates: Path) -> dict[str, dict[str, str]]:
    with (templates / "glossary.yaml").open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def render_markdown(answer: Answer, ruleset: Ruleset, language: str) -> str:
    """The memo as Markdown; every text from the rule data is escaped, so none becomes HTML, a link or emphasis."""
    templates = default_root() / "templates"
    context = memo_context(answer, ruleset, language, templates)
    context |= {key: markdown_escaped(value) for key, value in context.items() if key not in ("g", "m", "outcome", "refer_reason")}
    return template_environment(templates).get_template(f"memo.{language}.md.j2").render(**context)


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


def render_html(answer: Answer, ruleset: Ruleset, language: str) -> str:
    """A standalone printable page: the Markdown memo as HTML, with inline CSS and nothing fetched."""
    from markdown_it import MarkdownIt

    templates = default_root() / "templates"
    body = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table").render(render_markdown(answer, ruleset, language))
    title = glossary(templates)["memo"][language]
    return template_environment(templates).get_template("memo.html.j2").render(language=language, title=title, body=body)


def memo_context(answer: Answer, ruleset: Ruleset, language: str, templates: Path) -> dict[str, Any]:
    """Everything a memo template needs, as localised strings."""
    vocabulary = ruleset.vocabulary
    q = answer.question

    def label(kind: str, key: str) -> str:
        return getattr(vocabulary, kind)[key][language]

    def value_label(fact: str, value: Any) -> str:
        entry = vocabulary.facts[fact]
        if isinstance(value, bool):
            return message("word.yes" if value else "word.no", language)
        if isinstance(value, str) and value in entry.values:
            return entry.values[value][language]
        return str(value)

    rule_titles = {rule_id: rule.title[language] for rule_id, rule in ruleset.rules.items()}
    subject = q["subject"]
    facts = [(vocabulary.facts[f].label[language], value_label(f, v)) for f, v in q["facts"].items()]
    initiative_entry = vocabulary.subject["initiative"]
    if q["initiative"]:
        initiative = initiative_entry.values[q["initiative"]][language]
    else:  # said plainly, or "(unknown)" after the purpose reads as if the purpose were unknown
        initiative = f"{initiative_entry.label[language].lower()}: {message('word.unknown', language)}"
    return {
        "g": {term: texts[language] for term, texts in glossary(templates).items()},
        "m": lambda key, **values: message(key, language, **values),
        "outcome": answer.outcome,
        "refer_reason": answer.refer_reason,
        "question": {
            "discloser": label("roles", q["discloser"]),
            "recipient": label("roles", q["recipient"]),
            "item": label("items", q["item"]),
            "purpose": label("purposes", q["purpose"]),
            "initiative": initiative,
            "age": subject["age"] if subject["age"] is not None else message("word.unknown", language),
            "mature": message("word.unknown", language) if subject["mature"] is None else message("word.yes" if subject["mature"] else "word.no", language),
            "facts": facts,
            "as_of": _date(q["as_of"], language),
            "assumed_bills": q.get("assume_enacted", []),
        },
        "grounds": [
            {
                "rule": ground.rule,
                "title": ground.title,
                "explanation": ground.explanation,
                "citations": [
                    {
                        "act_name": c.title,
                        "where": c.where(language),
                        "title": c.section_title,
                        "paraphrase": c.paraphrase,
                        "url": c.url,
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
        "ruleset": {**answer.ruleset, "as_of": _date(answer.ruleset["as_of"], language)},
    }


def _date(iso: str, language: str) -> str:
    """1.3.2025 in Finnish and Swedish, 2025-03-01 in English."""
    year, month, day = iso.split("-")
    return iso if language == "en" else f"{int(day)}.{int(month)}.{year}"
