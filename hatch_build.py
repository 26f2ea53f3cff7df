"""Ship the rule data, which stays at the top of the checkout, inside the wheel under infoshare/data/.

Laid out as in a checkout, so infoshare/locations.py reads an installed copy like a clone. Only a real
wheel gets the copy: an editable install puts the checkout on the path and reads the data where it lies.
"""

from __future__ import annotations

from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

DATA = ("vocabulary.yaml", "ruleset.yaml", "dossier_patterns.yaml", "rules", "legal_basis", "templates", "schemas", "examples/scenarios")


class ShipData(BuildHookInterface):
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if version == "standard":
            build_data["force_include"].update({name: f"infoshare/data/{name}" for name in DATA})
