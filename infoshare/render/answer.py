"""The answer to one question in words: one object that the JSON, terminal and memo renderers all read (words.py builds it)."""

from __future__ import annotations

import json
from typing import Any, NamedTuple

from infoshare.core.decide import Alternative
from infoshare.domain import EXIT_CODES
from infoshare.render.messages import catalogue


def outcome_with_reason(outcome: str, refer_reason: str | None) -> str:
    """`must_share`, or `refer/missing_facts`: the form reports and tables show an outcome in."""
    return outcome + (f"/{refer_reason}" if refer_reason else "")


def where(
    act: str, chapter: str | None, section: str | None, subsection: int | None, item: str | int | None, language: str = "en"
) -> str:
    """`417/2007 s.25(1)`, `417/2007 25 § 1 mom.`, `EU 2016/679 Art.6(1)(c)`; an unknown section of an Act is said so
    (a government proposal, `HE 182/2025`, has no sections to know)."""
    if act.startswith("EU"):  # articles, paragraphs and points are written alike in all three languages
        parts = [f"Art.{section}" if section else "", f"({subsection})" if subsection else "", f"({item})" if item else ""]
        return f"{act} {''.join(parts)}".strip()
    words = catalogue()  # once: a report cites thousands of provisions

    def word(key: str, value: object) -> str:
        return words[key][language].format(n=value)

    parts = [act]
    if chapter:
        parts.append(word("cite.chapter", chapter))
    if section:
        parts.append(word("cite.section", section))
    elif not chapter and not act.startswith("HE "):
        parts.append(words["cite.unconfirmed"][language])
    tail = [word(key, value) for key, value in (("cite.subsection", subsection), ("cite.item", item)) if value]
    return " ".join(parts) + "".join(tail)


class Citation(NamedTuple):
    provision: str
    act: str
    title: str
    chapter: str | None
    section: str | None
    subsection: int | None
    item: str | int | None
    url: str
    verified: bool
    paraphrase: str
    section_title: str

    def where(self, language: str = "en") -> str:
        return where(self.act, self.chapter, self.section, self.subsection, self.item, language)

    def cite(self, language: str) -> str:
        """The act's name, its number in brackets and where in it, as Finlex writes them: `Lastensuojelulaki (417/2007)
        25 § 1 mom.`; a name that already holds the act's number (a bill, an EU regulation) does not repeat it."""
        place, title = self.where(language), self.title
        if place.startswith(self.act):
            place = place[len(self.act):].strip()
            if self.act.split()[-1] not in title:
                # `Youth Act (2006)` names an earlier Act by its year, which the number in brackets now gives
                title = title.removesuffix(f" ({self.act.rsplit('/', 1)[-1]})")
                place = f"({self.act}) {place}".strip()
        return f"{title} {place}".strip()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"act": self.act, "title": self.title, "section": self.section}
        if self.chapter is not None:
            out["chapter"] = self.chapter
        if self.subsection is not None:
            out["subsection"] = self.subsection
        if self.item is not None:
            out["item"] = self.item
        out.update(url=self.url, verified=self.verified, provision=self.provision)
        return out


class Ground(NamedTuple):
    rule: str
    effect: str
    title: str
    explanation: str
    citations: tuple[Citation, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "effect": self.effect,
            "title": self.title,
            "explanation": self.explanation,
            "citations": [c.to_dict() for c in self.citations],
        }


class OpenQuestion(NamedTuple):
    fact: str
    text: str
    asked_by: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"fact": self.fact, "text": self.text, "asked_by": list(self.asked_by)}


class RelatedDuty(NamedTuple):
    recipient: str
    purpose: str
    item: str
    outcome: str
    grounds: tuple[Ground, ...]
    questions: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "recipient": self.recipient,
            "purpose": self.purpose,
            "item": self.item,
            "outcome": self.outcome,
            "grounds": [g.rule for g in self.grounds],
        }
        if self.outcome == "refer":
            out["refer_reason"] = "missing_facts"
            out["questions"] = list(self.questions)
        return out


class WarningNote(NamedTuple):
    code: str
    text: str
    subject: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {"code": self.code, "text": self.text}
        if self.subject is not None:
            out["subject"] = self.subject
        return out


class Answer(NamedTuple):
    outcome: str
    refer_reason: str | None
    question: dict[str, Any]
    grounds: list[Ground]
    defeated: list[tuple[str, str]]
    obligations: list[tuple[str, str]]
    related_duties: list[RelatedDuty]
    questions: list[OpenQuestion]
    alternatives: list[Alternative]
    warnings: list[WarningNote]
    ruleset: dict[str, str]

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.outcome]

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object, keys in the contract's order."""
        return {
            "outcome": self.outcome,
            "refer_reason": self.refer_reason,
            "question": self.question,
            "grounds": [g.to_dict() for g in self.grounds],
            "defeated": [{"rule": rule, "by": by} for rule, by in self.defeated],
            "obligations": [{"id": oid, "text": text} for oid, text in self.obligations],
            "related_duties": [d.to_dict() for d in self.related_duties],
            "questions": [q.to_dict() for q in self.questions],
            "alternatives": [a.to_dict() for a in self.alternatives],
            "warnings": [w.to_dict() for w in self.warnings],
            "ruleset": self.ruleset,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
