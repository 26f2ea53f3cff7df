"""Refuse personal data in a question: identity codes, e-mail addresses and phone numbers.

Questions speak of roles and categories only. The message says what kind of data was found and
where, never the value itself, and nothing is logged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

# Finnish personal identity code: DDMMYY, a century sign (+, -, A–F, U–Y), three digits, a check character.
_IDENTITY_CODE = re.compile(r"(?<![0-9A-Za-z])[0-3]\d[01]\d\d\d[-+A-FU-Y]\d\d\d[0-9A-Y](?![0-9A-Za-z])", re.IGNORECASE)
_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[A-Za-z]{2,}")
# A phone number: a leading + or 0 and at least seven more digits, spaces and dashes allowed between.
_PHONE = re.compile(r"(?<![\w.])(?:\+|00|0)\d(?:[\s-]?\d){6,}(?!\w)")

_KINDS = (
    (_IDENTITY_CODE, "a personal identity code (henkilötunnus)"),
    (_EMAIL, "an e-mail address"),
    (_PHONE, "a phone number"),
)


def personal_data_kind(text: str) -> str | None:
    """What kind of personal data `text` looks like, if any."""
    for pattern, kind in _KINDS:
        if pattern.search(text):
            return kind
    return None


def find_personal_data(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every (path, kind) in a parsed document where a key or string value looks like personal data."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str) and (kind := personal_data_kind(key)):
                yield (*path, key), kind
            yield from find_personal_data(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from find_personal_data(value, (*path, index))
    elif isinstance(data, str) and (kind := personal_data_kind(data)):
        yield path, kind
    elif isinstance(data, int) and not isinstance(data, bool) and abs(data) >= 1_000_000:
        # YAML reads an unquoted +358401234567 as a number; no age, penalty or count is this large.
        yield path, "a phone number or another long number"
