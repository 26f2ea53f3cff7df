"""schemas/ is current, and every rule data file validates against the schema its editor comment names.

An editor checks a rule while it is typed only if the committed schemas list today's ids: a change to the
vocabulary or the rules that forgets `make schemas` fails here.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from infoshare.core.documents import load_file
from infoshare.review.schemas import FILES, json_schema, render

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
COMMENT = "# yaml-language-server: $schema="


def _rule_data_files() -> list[tuple[Path, str]]:
    """Each file with the schema it must name: rules, cases, legal basis and the top-level files."""
    found = [(path, "cases" if path.name.endswith(".cases.yaml") else "rule") for path in sorted((ROOT / "rules").rglob("*.yaml"))]
    found += [(path, "legal-basis") for path in sorted((ROOT / "legal_basis").glob("*.yaml"))]
    found += [(ROOT / "vocabulary.yaml", "vocabulary"), (ROOT / "ruleset.yaml", "ruleset"), (ROOT / "dossier_patterns.yaml", "patterns")]
    found += [(path, "scenario") for path in sorted((ROOT / "examples" / "scenarios").glob("*.yaml"))]
    return found


def _questions() -> list[Path]:
    """The ready questions of examples/ (the training scenarios hold theirs inside)."""
    return sorted(path for path in (ROOT / "examples").rglob("*.yaml") if "scenarios" not in path.relative_to(ROOT).parts)


@cache
def _validator(name: str) -> Any:
    """A standard validator, which also checks the schema itself against the JSON Schema meta-schema."""
    jsonschema = pytest.importorskip("jsonschema")  # test_the_validator_is_installed fails in its place
    schema = json.loads((SCHEMAS / FILES[name]).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _problems(path: Path, name: str) -> list[str]:
    doc = load_file(path, str(path.relative_to(ROOT)))  # dates stay strings, as an editor's YAML 1.2 reads them
    errors = sorted(_validator(name).iter_errors(doc.data), key=lambda e: [str(p) for p in e.absolute_path])
    return [f"{doc.file}:{doc.line_of(tuple(error.absolute_path))}: {error.message[:300]}" for error in errors]


def test_the_validator_is_installed() -> None:
    """jsonschema is a dev dependency (requirements.lock); one failure here rather than one per file below."""
    import jsonschema

    assert jsonschema.Draft202012Validator


@pytest.mark.parametrize("name", FILES)
def test_the_committed_schema_is_current(name: str) -> None:
    path = SCHEMAS / FILES[name]
    assert path.is_file(), f"{path} is missing: run `make schemas`"
    assert path.read_text(encoding="utf-8") == render(json_schema(name)), f"{path} is out of date: run `make schemas`"


def _id(value: Any) -> str:
    return str(value.relative_to(ROOT)) if isinstance(value, Path) else str(value)


@pytest.mark.parametrize(("path", "name"), _rule_data_files(), ids=_id)
def test_a_file_names_its_schema_and_validates(path: Path, name: str) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(COMMENT), f"{path.relative_to(ROOT)}:1 must start with `{COMMENT}…`"
    named = (path.parent / first.removeprefix(COMMENT).strip()).resolve()
    assert named == SCHEMAS / FILES[name], f"{path.relative_to(ROOT)}:1 names {named}, not schemas/{FILES[name]}"
    assert _problems(path, name) == []


@pytest.mark.parametrize("path", _questions(), ids=_id)
def test_an_example_question_validates(path: Path) -> None:
    assert _problems(path, "question") == []


@pytest.mark.parametrize(
    ("name", "document", "where"),
    [
        ("rule", {"when": {"discloser": ["police", "polise"]}}, ["when", "discloser"]),
        ("rule", {"provisions": ["cwa-25-x"]}, ["provisions", 0]),
        ("rule", {"overrides": ["no-such-rule"]}, ["overrides", 0]),
        ("rule", {"when": {"facts": {"consent": "maybe"}}}, ["when", "facts", "consent"]),
        ("rule", {"when": {"subject": {"age": {}}}}, ["when", "subject", "age"]),
        ("cases", {"cases": [{"question": {"discloser": "polise"}}]}, ["cases", 0, "question", "discloser"]),
        ("cases", {"cases": [{"expect": {"grounds": ["no-such-rule"]}}]}, ["cases", 0, "expect", "grounds", 0]),
    ],
)
def test_the_schemas_catch_typical_mistakes(name: str, document: dict[str, Any], where: list[Any]) -> None:
    """A misspelt id, a dangling provision or rule, a wrong fact value, an empty comparison, an unknown ground."""
    found = [list(error.absolute_path) for error in _validator(name).iter_errors(document)]
    assert where in found


def test_a_verified_provision_must_name_its_source() -> None:
    act = load_file(ROOT / "legal_basis" / "417-2007.yaml").data
    section = next(s for s in act["sections"] if s["verified"])
    act = {**act, "sections": [{k: v for k, v in section.items() if k != "source"}]}
    assert [(list(e.absolute_path), e.message) for e in _validator("legal-basis").iter_errors(act)] == [
        (["sections", 0], "'source' is a required property")
    ]
