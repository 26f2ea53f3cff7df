"""'Did you mean …' hints for misspelt ids."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: object, choices: Iterable[str]) -> str | None:
    """A hint naming the closest valid id, or listing the few valid ones when nothing is close."""
    options = sorted(choices)
    close = difflib.get_close_matches(str(word), options, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    if len(options) <= 6:
        return "expected one of: " + ", ".join(options)
    return None
