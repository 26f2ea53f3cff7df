"""A larger law for the benchmark: the checkout's rule data with renamed copies of its rules, as if new sectors joined.

Copy k gives every role a twin (`police_k2`, its parent the twin of the parent) and copies each rule that
names its disclosers (a positive list) with its roles renamed to the twins, its id suffixed (`-k2`) and its
overrides pointing at the copies. A question about the original roles is answered exactly as before, so the
rules that cannot apply to it grow while the ones that can stay the same: what an index should make free.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

ROLE_FIELDS = ("discloser", "recipient")


def write_scaled_ruleset(root: Path, target: Path, copies: int) -> int:
    """Write the rule data of `root` with `copies - 1` renamed copies into `target`; return the number of rules."""
    for name in ("ruleset.yaml", "legal_basis"):
        source = root / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / name)
    vocabulary = yaml.safe_load((root / "vocabulary.yaml").read_text(encoding="utf-8"))
    originals = dict(vocabulary["roles"])
    rule_paths = sorted(p for p in (root / "rules").rglob("*.yaml") if not p.name.endswith(".cases.yaml"))
    rules = {path: yaml.safe_load(path.read_text(encoding="utf-8")) for path in rule_paths}
    copied = {rule["id"] for rule in rules.values() if _names_its_disclosers(rule["when"])}
    count = 0
    for k in range(1, copies + 1):
        for path, rule in rules.items():
            if k > 1 and rule["id"] not in copied:
                continue
            out = _copy(rule, k, copied) if k > 1 else rule
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


def _names_its_disclosers(when: dict[str, Any]) -> bool:
    discloser = when.get("discloser")
    return discloser is not None and not (isinstance(discloser, dict) and "not" in discloser)


def _twin(role: str, k: int) -> str:
    return f"{role}_k{k}"


def _copy(rule: dict[str, Any], k: int, copied: set[str]) -> dict[str, Any]:
    out = dict(rule)
    out["id"] = f"{rule['id']}-k{k}"
    out["when"] = _renamed(rule["when"], k)
    out["overrides"] = [f"{other}-k{k}" if other in copied else other for other in rule.get("overrides", [])]
    return out


def _renamed(condition: dict[str, Any], k: int) -> dict[str, Any]:
    out = dict(condition)
    for field in ROLE_FIELDS:
        if field in out:
            out[field] = _renamed_ids(out[field], k)
    if "any_of" in out:
        out["any_of"] = [_renamed(block, k) for block in out["any_of"]]
    return out


def _renamed_ids(ids: Any, k: int) -> Any:
    if isinstance(ids, str):
        return _twin(ids, k)
    if isinstance(ids, list):
        return [_twin(i, k) for i in ids]
    return {key: _renamed_ids(value, k) for key, value in ids.items()}
