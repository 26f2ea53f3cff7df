"""Ship the rule data, which stays at the top of the checkout, inside the wheel under infoshare/data/, and the
templates compiled ahead by Jinja2 under infoshare/render/compiled/ (render/shipped_templates.py).

Laid out as in a checkout, so infoshare/locations.py reads an installed copy like a clone. Only a real
wheel gets the copy: an editable install puts the checkout on the path and reads the data where it lies
(`make install` compiles the templates in place there).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

DATA = ("vocabulary.yaml", "ruleset.yaml", "dossier_patterns.yaml", "rules", "legal_basis", "templates", "schemas", "examples/scenarios")


class ShipData(BuildHookInterface):
    scratch: Path | None = None

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if version == "standard":
            build_data["force_include"].update({name: f"infoshare/data/{name}" for name in DATA})
            build_data["force_include"].update(self._compiled_templates())

    def _compiled_templates(self) -> dict[str, str]:
        """Jinja2's code for each template, written to a scratch folder, as the wheel's paths to ship it under. Without
        Jinja2 in the build environment none is shipped, and a memo compiles its template at run time (the same text)."""
        sys.path.insert(0, self.root)
        try:
            from infoshare.render.sandbox import template_environment
            from infoshare.render.shipped_templates import compiled_modules
        except ImportError as exc:
            self.app.display_warning(f"templates not compiled ahead ({exc}): a memo will compile its template when written")
            return {}
        finally:
            sys.path.remove(self.root)
        templates = Path(self.root, "templates")
        folder = self.scratch = Path(tempfile.mkdtemp(prefix="infoshare-compiled-"))
        shipped = {}
        for name, text in compiled_modules(template_environment(templates), templates).items():
            (folder / name).write_text(text, encoding="utf-8")
            shipped[str(folder / name)] = f"infoshare/render/compiled/{name}"
        return shipped

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        """The wheel is written: the scratch folder goes."""
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)
