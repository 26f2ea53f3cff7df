"""Which law an answer states, and how current it is: the warnings a question's date calls for.

The ruleset encodes the law from `law_covered_from` and was last checked against the statute texts on
`law_checked` (both in ruleset.yaml). An answer for a day outside that span, or one that assumes a pending
bill for a day already past, says so in every output: the answer's warnings, the matrix, the memo.
A bill assumed for a past day is warned about rather than refused: a question file with a fixed date (a
regression case, a training variation) must keep its meaning as the calendar moves on (docs/file-formats.md).
"""

from __future__ import annotations

import datetime as dt

from infoshare.core.loader import Ruleset
from infoshare.render.answer import WarningNote
from infoshare.render.messages import display_date, message

# Warnings shown above the answer itself, not only in its list of warnings.
PROMINENT = ("assumed_enacted", "bill_for_past_date")


def date_warnings(ruleset: Ruleset, as_of: dt.date, bills: list[str], language: str, today: dt.date | None = None) -> list[WarningNote]:
    """Assumed bills (and a bill assumed for a past day), and a day before or after the law the ruleset knows."""
    today = today or dt.date.today()
    named = {bill: ruleset.bills[bill].abbreviation[language] if bill in ruleset.bills else bill for bill in bills}  # as a reader writes it
    notes = [WarningNote("assumed_enacted", message("assumed_enacted", language, bill=named[bill]), bill) for bill in bills]
    if as_of < today:
        day = display_date(as_of, language)
        notes += [WarningNote("bill_for_past_date", message("bill_for_past_date", language, bill=named[bill], as_of=day), bill) for bill in bills]
    if as_of < ruleset.law_covered_from:
        notes.append(WarningNote("law_not_covered", message("law_not_covered", language, date=display_date(ruleset.law_covered_from, language))))
    checked = ruleset.law_checked
    if checked is not None and as_of > checked:
        text = message("law_checked", language, checked=display_date(checked, language), as_of=display_date(as_of, language))
        notes.append(WarningNote("law_checked", text))
    return notes
