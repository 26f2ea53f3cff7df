"""A larger law for the benchmark: the checkout's rule data with renamed copies of its rules, as if new sectors joined.

Copy k gives every role a twin (`police_k2`, its parent the twin of the parent) and copies each rule that
names its disclosers (a positive list) with its roles renamed to the twins, its id suffixed (`-k2`) and its
overrides pointing at the copies. A rule that is not copied (it applies to every discloser but some) applies to
the twins as to their originals: each role it names stands with its twins, and it overrides the copies of what
it overrides. So a question about the twins of copy k is answered as the same question about
the original roles, with the copies' ids, and a question about the original roles exactly as before: the rules
that cannot apply to a question grow while the ones that can stay the same, which is what an index should make free.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROLE_FIELDS = ("discloser", "recipient")


def write_scaled_ruleset(root: Path, target: Path, copies: int) -> int:
    """Write the rule data of `root` with `copies - 1` renamed copies into `target`; return the number of rules."""
    shutil.copytree(root / "legal_basis", target / "legal_basis")
    settings = yaml.safe_load((root / "ruleset.yaml").read_text(encoding="utf-8"))
    claims = settings.get("coverage", [])  # each copy's twins are covered as their originals
    settings["coverage"] = [*claims, *(_covered_twins(claim, k) for k in range(2, copies + 1) for claim in claims)]
    (target / "ruleset.yaml").write_text(yaml.safe_dump(settings, sort_keys=False, allow_unicode=True), encoding="utf-8")
    vocabulary = yaml.safe_load((root / "vocabulary.yaml").read_text(encoding="utf-8"))
    originals = dict(vocabulary["roles"])
    rule_paths = sorted(p for p in (root / "rules").rglob("*.yaml") if not p.name.endswith(".cases.yaml"))
    rules = {path: yaml.safe_load(path.read_text(encoding="utf-8")) for path in rule_paths}
    copied = {rule["id"] for rule in rules.values() if names_its_disclosers(rule["when"])}
    count = 0
    for k in range(1, copies + 1):
        for path, rule in rules.items():
            if k > 1 and rule["id"] not in copied:
                continue
            out = _copy(rule, k, copied) if k > 1 else rule if rule["id"] in copied else _widened(rule, copies, copied)
            folder = target / "rules" / path.parent.name
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{out['id']}.yaml").write_text(yaml.safe_dump(out, sort_keys=False, allow_unicode=True), encoding="utf-8")
            count += 1
        if k > 1:
            for role, entry in originals.items():
                twin = dict(entry)
                if "parent" in twin:
                    twin["parent"] = _twin(twin["parent"], k)
                for language in ("en", "fi", "sv"):
                    twin[language] = f"{entry[language]} ({k})"
                vocabulary["roles"][_twin(role, k)] = twin
    (target / "vocabulary.yaml").write_text(yaml.safe_dump(vocabulary, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return count


def names_its_disclosers(when: Any) -> bool:
    """Whether a rule's condition (YAML data or the loaded model) lists its disclosers: those rules are copied."""
    discloser = when.get("discloser") if isinstance(when, dict) else when.discloser
    if discloser is None:
        return False
    return not (discloser.get("not") if isinstance(discloser, dict) else getattr(discloser, "negated", False))


def _covered_twins(claim: dict[str, Any], k: int) -> dict[str, Any]:
    out = dict(claim)
    out["sector"] = f"{claim['sector']} ({k})"
    for field in ("disclosers", "recipients"):
        out[field] = [_twin(role, k) for role in claim[field]]
    return out


def _twin(role: str, k: int) -> str:
    return f"{role}_k{k}"


def _copy(rule: dict[str, Any], k: int, copied: set[str]) -> dict[str, Any]:
    out = dict(rule)
    out["id"] = f"{rule['id']}-k{k}"
    out["when"] = _map_roles(rule["when"], lambda ids: _renamed_ids(ids, k))
    out["overrides"] = [f"{other}-k{k}" if other in copied else other for other in rule.get("overrides", [])]
    return out


def _widened(rule: dict[str, Any], copies: int, copied: set[str]) -> dict[str, Any]:
    """A rule that is not copied, made to treat every twin as its original."""
    out = dict(rule)
    out["when"] = _map_roles(rule["when"], lambda ids: _with_twin_ids(ids, copies))
    overrides = rule.get("overrides", [])
    out["overrides"] = [*overrides, *(f"{other}-k{k}" for k in range(2, copies + 1) for other in overrides if other in copied)]
    return out


def _with_twin_ids(ids: Any, copies: int) -> Any:
    if isinstance(ids, str):
        ids = [ids]
    if isinstance(ids, list):
        return [*ids, *(_twin(role, k) for k in range(2, copies + 1) for role in ids)]
    return {key: _with_twin_ids(value, copies) for key, value in ids.items()}


def _map_roles(condition: dict[str, Any], change: Callable[[Any], Any]) -> dict[str, Any]:
    """A condition with `change` applied to each list of roles in it, inside `any_of` too."""
    out = dict(condition)
    for field in ROLE_FIELDS:
        if field in out:
            out[field] = change(out[field])
    if "any_of" in out:
        out["any_of"] = [_map_roles(block, change) for block in out["any_of"]]
    return out


def _renamed_ids(ids: Any, k: int) -> Any:
    if isinstance(ids, str):
        return _twin(ids, k)
    if isinstance(ids, list):
        return [_twin(i, k) for i in ids]
    return {key: _renamed_ids(value, k) for key, value in ids.items()}
