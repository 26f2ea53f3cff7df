"""Which law an answer states, and how current it is: the notices a question's date calls for.

The ruleset encodes the law from `law_covered_from` and was last checked against the statute texts on
`law_checked` (both in ruleset.yaml). An answer for a day outside that span, or one that assumes a pending
bill for a day already past, says so in every output: the answer's warnings, the matrix, the memo.
A bill assumed for a past day is warned about rather than refused: a question file with a fixed date (a
regression case, a training variation) must keep its meaning as the calendar moves on (docs/file-formats.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from infoshare.core.loader import Ruleset


@dataclass(frozen=True)
class Notice:
    """A warning without words: its code, the id it concerns, and the values its text names (ids and dates);
    render/words.py turns it into a sentence."""

    code: str
    subject: str | None = None
    values: Mapping[str, Any] = field(default_factory=dict)


def date_notices(ruleset: Ruleset, as_of: dt.date, bills: list[str], today: dt.date | None = None) -> list[Notice]:
    """Assumed bills (and a bill assumed for a past day), and a day before or after the law the ruleset knows."""
    today = today or dt.date.today()
    notices = [Notice("assumed_enacted", bill, {"bill": bill}) for bill in bills]
    if as_of < today:
        notices += [Notice("bill_for_past_date", bill, {"bill": bill, "as_of": as_of}) for bill in bills]
    if as_of < ruleset.law_covered_from:
        notices.append(Notice("law_not_covered", values={"date": ruleset.law_covered_from}))
    checked = ruleset.law_checked
    if checked is not None and as_of > checked:
        notices.append(Notice("law_checked", values={"checked": checked, "as_of": as_of}))
    return notices
