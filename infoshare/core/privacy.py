"""Refuse personal data in a question, and keep it out of every message: identity codes, e-mail addresses,
phone numbers.

Questions speak of roles and categories only. The message says what kind of data was found and
where, never the value itself, and nothing is logged. `redact` is the one step every error message
passes through on its way out (app.py), so a value the user typed is never echoed even where a
library (YAML, the option parser) quotes it.

Detection runs in time linear in the text: the text is first folded to plain ASCII forms (full-width
characters, every kind of dash), and each pattern has a fixed length or bounded repetitions over
disjoint character classes, so no input makes the regular expressions backtrack.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-")

# Finnish personal identity code: DDMMYY, a century sign (+, -, A–F, U–Y), three digits, a check character.
# Letters may stand right before it ("hetu131052-308T"); digits may not.
_IDENTITY_CODE = re.compile(r"(?<!\d)[0-3]\d[01]\d\d\d[-+A-FU-Y]\d\d\d[0-9A-Y](?![0-9A-Za-z])", re.IGNORECASE)
# A phone number: a leading + or 0 and at least seven more digits; between digits up to three of
# space, dash, slash, dot and brackets: "(09) 123 4567", "+358 (0)40 123 4567", "040/123 4567".
_SEPARATORS = r"[\s()\-/.]"
_PHONE = re.compile(rf"(?<![\w.])(?:\+|00|0){_SEPARATORS}{{0,3}}\d(?:{_SEPARATORS}{{0,3}}\d){{6,}}")
# For redaction only: any run of nine or more digits (a number read from YAML loses its leading + or 0).
_LONG_NUMBER = re.compile(r"\d{9,}")
_EMAIL_DOMAIN = re.compile(r"[^\s@]{1,253}")
_TOP_LEVEL = re.compile(r"\.[A-Za-z]{2,}(?![A-Za-z])")

_REDACTED = "[redacted]"


def _folded(text: str) -> str:
    """Full-width and other compatibility forms as plain characters, every dash as '-'."""
    return unicodedata.normalize("NFKC", text).translate(_DASHES)


def _email_spans(text: str) -> Iterator[tuple[int, int]]:
    """Each `local@domain.tld`: found from its '@', so each character is looked at a bounded number of times."""
    at = text.find("@")
    while at != -1:
        start = at
        while start > 0 and at - start < 64 and not text[start - 1].isspace() and text[start - 1] != "@":
            start -= 1
        domain = _EMAIL_DOMAIN.match(text, at + 1)
        if start < at and domain and _TOP_LEVEL.search(domain.group()):
            yield start, domain.end()
        at = text.find("@", at + 1)


def personal_data_kind(text: str) -> str | None:
    """What kind of personal data `text` looks like, if any."""
    folded = _folded(text)
    if _IDENTITY_CODE.search(folded):
        return "a personal identity code (henkilötunnus)"
    if next(_email_spans(folded), None):
        return "an e-mail address"
    if _PHONE.search(folded):
        return "a phone number"
    return None


def redact(text: str) -> str:
    """`text` with everything that looks like personal data replaced by [redacted]."""
    folded = _folded(text)
    spans = [m.span() for pattern in (_IDENTITY_CODE, _PHONE, _LONG_NUMBER) for m in pattern.finditer(folded)]
    spans += list(_email_spans(folded))
    if not spans:
        return text  # nothing to hide: the user's own characters, unfolded
    pieces, end = [], 0
    for start, stop in sorted(spans):
        if start >= end:
            pieces.append(folded[end:start] + _REDACTED)
            end = stop
        elif stop > end:
            end = stop
    return "".join(pieces) + folded[end:]


def find_personal_data(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every (path, kind) in a parsed document where a key or value looks like personal data."""
    if isinstance(data, dict):
        for key, value in data.items():
            if kind := _scalar_kind(key):
                yield (*path, key), kind
            yield from find_personal_data(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from find_personal_data(value, (*path, index))
    elif kind := _scalar_kind(data):
        yield path, kind


def _scalar_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return personal_data_kind(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and (isinstance(value, int) or abs(value) < 1e15) and abs(value) >= 1_000_000:
        # YAML reads an unquoted +358401234567 as a number; no age, penalty or count is this large.
        return "a phone number or another long number"
    return None
