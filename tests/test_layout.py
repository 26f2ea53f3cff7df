"""The package's layers: the decision core speaks no language, and no layer reaches up into one built on it.

    core/      load, compile, evaluate, decide: ids and codes only
    render/    words and files (the message catalogue lives here)
    checker    core + render wired together
    review/, training/   what reviewers and trainers run (peers)
    cli/       the commands
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "infoshare"

# What each layer may import from the package besides itself; the top-level modules (errors, locations, the
# package's own version) are open to all.
ALLOWED = {
    "core": {"core"},
    "render": {"core", "render"},
    "checker": {"core", "render", "checker"},
    "review": {"core", "render", "checker", "review", "training"},  # peers: the diff asks the scenarios' questions
    "training": {"core", "render", "checker", "review", "training"},
    "cli": {"core", "render", "checker", "review", "training", "cli"},
}
SHARED = {"errors", "locations", "domain", ""}


def _layer(path: Path) -> str:
    part = path.relative_to(PACKAGE).parts[0]
    return part.removesuffix(".py")


def _imported(path: Path) -> list[tuple[int, str]]:
    """Every infoshare module a file imports, at any depth of the file (imports inside functions too)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level:
            found.append((node.lineno, "<relative>"))
    return [(line, name) for line, name in found if name == "<relative>" or name == "infoshare" or name.startswith("infoshare.")]


def _top(name: str) -> str:
    """`infoshare.core.decide` → `core`; `infoshare` → ``."""
    return name.split(".")[1] if "." in name else ""


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if _layer(p) in ALLOWED)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_layer_imports_one_above_it(path: Path):
    allowed = ALLOWED[_layer(path)] | SHARED
    wrong = [
        f"{path.relative_to(PACKAGE)}:{line} imports {name}"
        for line, name in _imported(path)
        if name == "<relative>" or _top(name) not in allowed
    ]
    assert not wrong, "\n".join(wrong)


def test_every_module_belongs_to_a_layer():
    loose = sorted(p.name for p in PACKAGE.glob("*.py") if p.stem not in ALLOWED and p.stem not in SHARED and p.name != "__init__.py")
    assert loose == [], "a module at the top of the package: put it in the layer it belongs to, or list it here"


def test_deciding_loads_no_words():
    """Importing the core and deciding a question loads neither render/ nor the message catalogue (checked in a
    fresh interpreter, so nothing another test imported counts)."""
    probe = (
        "import sys\n"
        "from infoshare.core.decide import Decider\n"
        "from infoshare.core.loader import load_ruleset\n"
        "from infoshare.core.matchers import make_matcher\n"
        "from infoshare.core.question import question_from_data\n"
        "ruleset = load_ruleset()\n"
        "decider = Decider(ruleset, make_matcher('reference', ruleset))\n"
        "data = {'as_of': '2025-03-01', 'discloser': 'police', 'recipient': 'school', 'item': 'threat_information', 'purpose': 'prevent_violence'}\n"
        "ruling = decider.ruling(question_from_data(data, 'probe', ruleset))\n"
        "assert ruling.verdict.outcome\n"
        "print(sorted(m for m in sys.modules if m.startswith('infoshare.') and not m.startswith('infoshare.core')))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    loaded = ast.literal_eval(done.stdout)
    assert loaded and {_top(name) for name in loaded} <= SHARED, loaded
