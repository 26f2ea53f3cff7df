"""Move the package's flat modules into the subpackages that show the pipeline, and rewrite every import.

    python tools/relayout.py            # move (git mv) what is still flat, then rewrite imports everywhere
    python tools/relayout.py --rewrite  # only rewrite: a branch begun before the move, after `git merge main`

Re-running is safe: a module already moved is left alone, and an import already rewritten no longer matches.
Imports inside the package become absolute (`from infoshare.core.decide import Decider`), so a module reads
the same wherever it lies; ruff then sorts them.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# old module (infoshare/<old>.py) → its new dotted place under infoshare
MODULES = {
    # the decision core: load, compile, evaluate, decide; no words
    "cache": "core.cache",
    "conditions": "core.compile",
    "currency": "core.currency",
    "decide": "core.decide",
    "engine": "core.durable",
    "loader": "core.loader",
    "matchers": "core.matchers",
    "model": "core.model",
    "privacy": "core.privacy",
    "question": "core.question",
    "reference": "core.evaluate",
    "rule_index": "core.rule_index",
    "suggest": "core.suggest",
    "yamlsource": "core.yamlsource",
    # words and files: an answer in a language, the memo, the terminal, the matrix, safe writing
    "answer": "render.answer",
    "audit": "render.audit",
    "matrix": "render.matrix",
    "matrix_render": "render.matrix_formats",
    "memo": "render.memo",
    "messages": "render.messages",
    "output": "render.output",
    "render_text": "render.terminal",
    # what a reviewer of the rules runs
    "boundaries": "review.boundaries",
    "case_runner": "review.case_report",
    "cases": "review.cases",
    "diff_render": "review.diff_report",
    "legal_review": "review.legal_review",
    "lint": "review.lint",
    "lint_changes": "review.lint_changes",
    "question_classes": "review.diff_classes",
    "question_space": "review.witnesses",
    "revisions": "review.revisions",
    "rule_text": "review.rule_text",
    "rulebook": "review.rulebook",
    "schemas": "review.schemas",
    "semantic_diff": "review.diff",
    # teaching: scenarios, playing them, the guided check, handouts
    "handouts": "training.handouts",
    "interview": "training.interview",
    "interview_ui": "training.interview_ui",
    "prompter": "training.prompter",
    "scenario_view": "training.scenario_view",
    "scenarios": "training.scenarios",
    "training": "training.play",
    # the commands
    "about": "cli.about",
    "app": "cli.app",
    "batch": "cli.batch",
}

PACKAGES = {
    "core": "The decision core: load and check the rule data, compile conditions, evaluate them, decide.\n\nIt returns "
    "language-free decisions (rule, provision and fact ids, warning codes); nothing here imports render/ or the\nmessage "
    "catalogue (tests/test_layout.py holds it to that).",
    "render": "Words and files: a decision as a localised answer, and that answer as JSON, terminal text, a memo, a "
    "matrix;\nthe message catalogue; writing files whole.",
    "review": "What a reviewer of the rule files runs: the cases, their coverage, lint, the semantic diff, the rulebook "
    "and\nthe legal review.",
    "training": "Teaching and guiding: the training scenarios, playing them, handouts, and the guided check (interview).",
    "cli": "The commands: parse the arguments, call the module that does the work, print what it returns.",
}

# Names that stay at the top of the package (used by every layer).
STAYING = ("errors", "locations")

_NEW_TRAINING = {new.split(".", 1)[1] for new in MODULES.values() if new.startswith("training.")}


def new_name(old: str) -> str | None:
    return MODULES.get(old)


_RELATIVE = re.compile(r"^(?P<indent>[ \t]*)from \.(?P<module>[A-Za-z_]\w*)? import(?P<names>[ \t(].*)$", re.M)


def rewrite_relative(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        indent, module, names = match.group("indent"), match.group("module"), match.group("names")
        if module:
            return f"{indent}from infoshare.{new_name(module) or module} import{names}"
        return _package_import(indent, names)

    return _RELATIVE.sub(replace, text)


_FROM_PACKAGE = re.compile(r"^(?P<indent>[ \t]*)from infoshare import(?P<names>[ \t].*)$", re.M)


def rewrite_package_imports(text: str) -> str:
    """`from infoshare import cache, loader` → `from infoshare.core import cache, loader`."""
    return _FROM_PACKAGE.sub(lambda match: _package_import(match.group("indent"), match.group("names")), text)


def _package_import(indent: str, names: str) -> str:
    """`from <package> import a, b`, each name a module (moved or not) or a package attribute (__version__)."""
    by_parent: dict[str, list[str]] = {}
    for one in (n.strip() for n in names.strip(" ()").split(",")):
        if not one:
            continue
        place = new_name(one)
        parent, leaf = place.rsplit(".", 1) if place else ("", one)
        by_parent.setdefault(parent, []).append(leaf if leaf == one else f"{leaf} as {one}")
    return "\n".join(f"{indent}from infoshare{'.' + parent if parent else ''} import {', '.join(leaves)}" for parent, leaves in by_parent.items())


_DOTTED = re.compile(r"\binfoshare\.(?P<old>[a-z_]+)\b(?P<rest>\.[a-z_]+)?")


def rewrite_dotted(text: str) -> str:
    """`infoshare.decide` → `infoshare.core.decide` in imports, strings and attribute access."""

    def replace(match: re.Match[str]) -> str:
        old, rest = match.group("old"), match.group("rest") or ""
        if old == "training" and rest[1:] in _NEW_TRAINING:
            return match.group(0)  # already the new training package
        place = new_name(old)
        return f"infoshare.{place}{rest}" if place else match.group(0)

    return _DOTTED.sub(replace, text)


_FILE_NAMES = re.compile(r"(?<![\w/])(?P<old>[a-z_]+)\.py\b")


def rewrite_file_names(text: str) -> str:
    """A module named by its file in a docstring or comment (`decide.py`) → its new file name."""

    def replace(match: re.Match[str]) -> str:
        place = new_name(match.group("old"))
        return f"{place.rsplit('.', 1)[1]}.py" if place else match.group(0)

    return _FILE_NAMES.sub(replace, text)


_PATHS = re.compile(r"\binfoshare/(?P<old>[a-z_]+)\.py\b")


def rewrite_paths(text: str) -> str:
    """`infoshare/memo.py` → `infoshare/render/memo.py` in data comments and configuration."""

    def replace(match: re.Match[str]) -> str:
        place = new_name(match.group("old"))
        return f"infoshare/{place.replace('.', '/')}.py" if place else match.group(0)

    return _PATHS.sub(replace, text)


def move() -> None:
    package = ROOT / "infoshare"
    for name, doc in PACKAGES.items():
        folder = package / name
        folder.mkdir(exist_ok=True)
        init = folder / "__init__.py"
        if not init.exists():
            init.write_text(f'"""{doc}"""\n', encoding="utf-8")
            subprocess.run(["git", "add", str(init)], cwd=ROOT, check=True)
    for old, new in MODULES.items():
        source = package / f"{old}.py"
        target = package / (new.replace(".", "/") + ".py")
        if source.is_file() and not target.exists():
            subprocess.run(["git", "mv", str(source), str(target)], cwd=ROOT, check=True)


def rewrite() -> list[Path]:
    changed = []
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, check=True, capture_output=True, text=True).stdout.split()
    for name in tracked:
        path = ROOT / name
        if path.suffix not in (".py", ".toml", ".yaml", ".md", ".cfg", ".txt") and path.name != "Makefile":
            continue
        if name.startswith(("tests/golden/", "tools/relayout.py", "CHANGELOG.md", "rules/", "legal_basis/", "examples/")):
            continue
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        new = rewrite_paths(rewrite_dotted(text))
        if path.suffix == ".py":
            new = rewrite_package_imports(new)
        if name.startswith("infoshare/") and path.suffix == ".py":
            new = rewrite_file_names(rewrite_relative(new))
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(path)
    return changed


def main(argv: list[str]) -> None:
    if "--rewrite" not in argv:
        move()
    changed = rewrite()
    python = [p for p in changed if p.suffix == ".py"]
    if python:  # absolute imports sort differently from relative ones
        ruff = Path(sys.executable).parent / "ruff"
        subprocess.run([str(ruff), "check", "--fix", "--select", "I", "--quiet", *map(str, python)], cwd=ROOT, check=False)
    print(f"rewrote {len(changed)} files")


if __name__ == "__main__":
    main(sys.argv[1:])
