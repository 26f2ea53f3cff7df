"""JSON Schemas of the files, for editors and for `infoshare schema`.

Every rule, cases, legal-basis and top-level file starts with a `# yaml-language-server: $schema=…` comment
naming its schema in `schemas/`, so an editor checks the file while it is typed. The schemas list the
ruleset's own ids as enums (roles, items, purposes, facts, provision and rule ids) where a file takes them,
so an editor can complete them; they therefore change with the vocabulary and the rules. `schemas/` is
written by `write_schemas` (`make schemas`), and a test checks that the committed files are current.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from infoshare.core.loader import INITIATIVES
from infoshare.core.model import ActFile, CasesFile, Rule, RulesetFile, ScenarioFile, VocabularyFile
from infoshare.domain import OPEN_FIELDS, SUBJECT, fact_name

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"
FILES = {
    "rule": "rule.schema.json",
    "legal-basis": "legal-basis.schema.json",
    "question": "question.schema.json",
    "cases": "cases.schema.json",
    "vocabulary": "vocabulary.schema.json",
    "ruleset": "ruleset.schema.json",
    "patterns": "patterns.schema.json",
    "scenario": "scenario.schema.json",
}


def json_schema(name: str, root: Path | None = None) -> dict[str, Any]:
    """The schema of one kind of file (a key of FILES); those listing ids read the ruleset under `root`."""
    builders: dict[str, Callable[[Path | None], dict[str, Any]]] = {
        "rule": rule_schema,
        "legal-basis": legal_basis_schema,
        "question": question_schema,
        "cases": cases_schema,
        "vocabulary": lambda _: _document("infoshare vocabulary", VocabularyFile.model_json_schema(by_alias=True)),
        "ruleset": lambda _: _document("infoshare ruleset", RulesetFile.model_json_schema(by_alias=True)),
        "patterns": patterns_schema,
        "scenario": scenario_schema,
    }
    return builders[name](root)


def render(schema: dict[str, Any]) -> str:
    """A schema as written to schemas/: stable, indented JSON ending in a newline."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def write_schemas(root: Path | None = None) -> list[Path]:
    """Write every schema to `schemas/` beside the rule data (the files' schema comments point there)."""
    from infoshare.core.loader import default_root

    folder = (root or default_root()) / "schemas"
    folder.mkdir(exist_ok=True)
    written = []
    for name, file_name in FILES.items():
        path = folder / file_name
        path.write_text(render(json_schema(name, root)), encoding="utf-8")
        written.append(path)
    return written


# -- the files that take the ruleset's ids ----------------------------------------------------------------


def question_schema(root: Path | None = None) -> dict[str, Any]:
    from infoshare.core.question import Question

    ids = _Ids(root)
    schema = Question.model_json_schema()
    properties = schema["properties"]
    for name, choices in (("discloser", ids.roles), ("recipient", ids.roles), ("item", ids.items), ("purpose", ids.purposes)):
        properties[name]["enum"] = choices
    facts: dict[str, Any] = {}
    for fact, entry in ids.vocabulary.facts.items():
        if entry.type == "bool":
            facts[fact] = {"type": "boolean", "description": entry.en}
        elif entry.type == "number":
            facts[fact] = {"type": "number", "description": entry.en}
        else:
            facts[fact] = {"enum": list(entry.type), "description": entry.en}
    description = properties["facts"].get("description", "")
    properties["facts"] = {"type": "object", "properties": facts, "additionalProperties": False, "description": description}
    properties["assume_enacted"]["items"] = _enum(ids.bills)
    return _document("infoshare question", schema)


def rule_schema(root: Path | None = None) -> dict[str, Any]:
    """A rule file: its conditions take the vocabulary's ids; `provisions` and `overrides` the ruleset's."""
    ids = _Ids(root)
    schema = Rule.model_json_schema(by_alias=True)
    definitions = schema["$defs"]
    for replaced in ("IdSet", "SubjectTest"):
        del definitions[replaced]
    definitions["NumberTest"] = _NUMBER_TEST
    definitions["Condition"] = _condition(ids)
    definitions["Role"] = {**_enum(ids.roles), "description": "a role id from vocabulary.yaml"}
    definitions["Item"] = {**_enum(ids.items), "description": "an item id from vocabulary.yaml"}
    definitions["Purpose"] = {**_enum(ids.purposes), "description": "a purpose id from vocabulary.yaml"}
    definitions["Initiative"] = _enum(INITIATIVES)
    properties = schema["properties"]
    properties["provisions"]["items"] = _enum(ids.provisions)
    properties["overrides"]["items"] = _enum(ids.rules)
    properties["obligations"]["items"] = _enum(ids.obligations)
    properties["pending_bill"] = {"anyOf": [_enum(ids.bills), {"type": "null"}], "default": None}
    for name, text in _RULE_HELP.items():
        properties[name]["description"] = text
    return _document("infoshare rule", schema)


def cases_schema(root: Path | None = None) -> dict[str, Any]:
    """A cases file: its questions are questions, its expectations name rules, provisions, facts and roles."""
    ids = _Ids(root)
    schema = CasesFile.model_json_schema(by_alias=True)
    definitions = schema["$defs"]
    _with_question_and_expectation(definitions, ids, root)
    definitions["Case"]["properties"]["question"] = {"$ref": "#/$defs/Question"}
    schema["properties"]["rule"] = {**_enum(ids.rules), "description": "the rule whose cases these are"}
    return _document("infoshare cases", schema)


def scenario_schema(root: Path | None = None) -> dict[str, Any]:
    """A training scenario: its question is a question, its expectations (and its variations') are a case's."""
    ids = _Ids(root)
    schema = ScenarioFile.model_json_schema(by_alias=True)
    _with_question_and_expectation(schema["$defs"], ids, root)
    schema["properties"]["question"] = {"$ref": "#/$defs/Question"}
    return _document("infoshare scenario", schema)


def _with_question_and_expectation(definitions: dict[str, Any], ids: _Ids, root: Path | None) -> None:
    """Add the question's definition, and give an expectation's lists the ruleset's ids."""
    question = question_schema(root)
    definitions.update(question.pop("$defs", {}))
    definitions["Question"] = {key: value for key, value in question.items() if key != "$schema"}
    expect = definitions["Expectation"]["properties"]
    for name, choices in (
        ("grounds", ids.rules),
        ("not_grounds", ids.rules),
        ("citations", ids.provisions),
        ("questions", [*map(fact_name, OPEN_FIELDS), *ids.facts]),
        ("related_duties", ids.roles),
    ):
        expect[name]["items"] = _enum(choices)


def patterns_schema(root: Path | None = None) -> dict[str, Any]:
    """dossier_patterns.yaml: the dossier's decision patterns and the rules encoding each."""
    from infoshare.review.legal_review import PatternsFile

    schema = PatternsFile.model_json_schema(by_alias=True)
    schema["$defs"]["Pattern"]["properties"]["rules"]["items"] = _enum(_Ids(root).rules)
    return _document("infoshare dossier patterns", schema)


def legal_basis_schema(root: Path | None = None) -> dict[str, Any]:
    """A legal-basis file; a provision marked verified must name its source, as the loader requires."""
    schema = ActFile.model_json_schema(by_alias=True)
    schema["$defs"]["Section"]["if"] = {"properties": {"verified": {"const": True}}, "required": ["verified"]}
    schema["$defs"]["Section"]["then"] = {"required": ["source"], "properties": {"source": {"type": "string", "minLength": 1}}}
    return _document("infoshare legal basis", schema)


# -- building blocks ------------------------------------------------------------------------------------


class _Ids:
    """The ids a schema lists, read from the validated ruleset."""

    def __init__(self, root: Path | None):
        from infoshare.core.loader import load_ruleset

        ruleset = load_ruleset(root)
        self.vocabulary = vocabulary = ruleset.vocabulary
        self.roles = list(vocabulary.roles)
        self.items = list(vocabulary.items)
        self.purposes = list(vocabulary.purposes)
        self.facts = list(vocabulary.facts)
        self.obligations = list(vocabulary.obligations)
        self.provisions = sorted(ruleset.provisions)
        self.rules = sorted(ruleset.rules)
        self.bills = sorted(ruleset.bills)


_RULE_HELP = {
    "effect": "require → must_share, permit → may_share, forbid → must_not_share",
    "provisions": "provision ids from legal_basis/; list every version of a provision the rule rests on over time",
    "when": "what must hold for the rule to apply: every line must hold",
    "overrides": "the rules this one prevails over when both apply",
    "obligations": "conditions on a lawful disclosure (vocabulary.yaml `obligations`)",
    "valid_from": "the first day the rule applies (YYYY-MM-DD)",
    "valid_to": "the last day the rule applies, or null while it is in force",
    "pending_bill": "the pending bill the rule belongs to (applied only with --assume-enacted)",
    "unsettled": "the point of law this rule marks as open, with its source: where it meets an opposing rule the tool refers (conflict)",
}

_NUMBER_TEST = {
    "description": "comparisons that all must hold: {below: 18}, {at_least: 15, below: 18}",
    "type": "object",
    "properties": {name: {"type": "number"} for name in ("below", "at_most", "above", "at_least")},
    "additionalProperties": False,
    "minProperties": 1,
}


# How a rule tests a subject field of each kind (domain.SubjectSpec).
_SUBJECT_TESTS: dict[str, dict[str, Any]] = {"whole": {"$ref": "#/$defs/NumberTest"}, "bool": {"type": "boolean"}}


def _enum(choices: Sequence[str]) -> dict[str, Any]:
    return {"enum": list(choices)} if choices else {"not": {}}


def _id_set(one: dict[str, Any], what: str) -> dict[str, Any]:
    """`police`, `[police, school]` (one of these) or `{not: [youth_services]}` (none of these)."""
    some = {"type": "array", "items": one, "minItems": 1}
    return {
        "description": f"{what}: one id, a list of ids (one of them), or {{not: [ids]}} (none of them)",
        "anyOf": [
            {"type": "string", **one},
            some,
            {"type": "object", "properties": {"not": some}, "required": ["not"], "additionalProperties": False},
        ],
    }


def _condition(ids: _Ids) -> dict[str, Any]:
    facts: dict[str, Any] = {}
    for fact, entry in ids.vocabulary.facts.items():
        if entry.type == "bool":
            facts[fact] = {"type": "boolean", "description": entry.label.en}
        elif entry.type == "number":
            facts[fact] = {"$ref": "#/$defs/NumberTest", "description": entry.label.en}
        else:
            facts[fact] = _id_set(_enum(entry.type), entry.label.en)
    role_note = " (a parent role covers its children)"
    return {
        "description": "What must hold for a rule to apply. Every given line must hold; `any_of` needs one block.",
        "type": "object",
        "properties": {
            "discloser": _id_set({"$ref": "#/$defs/Role"}, "the discloser's role" + role_note),
            "recipient": _id_set({"$ref": "#/$defs/Role"}, "the recipient's role" + role_note),
            "item": _id_set({"$ref": "#/$defs/Item"}, "what would be shared"),
            "purpose": _id_set({"$ref": "#/$defs/Purpose"}, "the purpose of the disclosure"),
            "initiative": _id_set({"$ref": "#/$defs/Initiative"}, "whose initiative"),
            "subject": {
                "type": "object",
                "properties": {name: {**_SUBJECT_TESTS[spec.kind], "description": spec.tested} for name, spec in SUBJECT.items()},
                "additionalProperties": False,
            },
            "facts": {"type": "object", "properties": facts, "additionalProperties": False},
            "any_of": {"type": "array", "items": {"$ref": "#/$defs/Condition"}, "description": "at least one of these blocks holds"},
        },
        "additionalProperties": False,
    }


def _document(title: str, schema: dict[str, Any]) -> dict[str, Any]:
    schema.pop("title", None)
    return {"$schema": SCHEMA_URI, "title": title, **schema}


if __name__ == "__main__":  # `python -m infoshare.review.schemas`: what `make schemas` runs
    for written in write_schemas():
        print(written)
