"""JSON Schemas of the files, for editors and for `infoshare schema`.

The question schema lists the vocabulary's ids as enums, so an editor can complete and check them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .model import ActFile, CasesFile, Rule, VocabularyFile

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"


def json_schema(name: str, root: Path | None = None) -> dict[str, Any]:
    if name == "question":
        return question_schema(root)
    model = {"rule": Rule, "legal-basis": ActFile, "cases": CasesFile, "vocabulary": VocabularyFile}[name]
    return {"$schema": SCHEMA_URI, **model.model_json_schema(by_alias=True)}


def question_schema(root: Path | None = None) -> dict[str, Any]:
    from .loader import load_ruleset
    from .question import Question

    ruleset = load_ruleset(root)
    vocabulary = ruleset.vocabulary
    schema = Question.model_json_schema()
    properties = schema["properties"]
    for name, ids in (("discloser", vocabulary.roles), ("recipient", vocabulary.roles), ("item", vocabulary.items), ("purpose", vocabulary.purposes)):
        properties[name]["enum"] = list(ids)
    facts: dict[str, Any] = {}
    for fact, entry in vocabulary.facts.items():
        if entry.type == "bool":
            facts[fact] = {"type": "boolean", "description": entry.en}
        elif entry.type == "number":
            facts[fact] = {"type": "number", "description": entry.en}
        else:
            facts[fact] = {"enum": list(entry.type), "description": entry.en}
    properties["facts"] = {"type": "object", "properties": facts, "additionalProperties": False, "description": properties["facts"].get("description", "")}
    properties["assume_enacted"]["items"] = {"enum": sorted(ruleset.bills)}
    return {"$schema": SCHEMA_URI, "title": "infoshare question", **schema}
