"""The plain YAML a question is written in, read without importing PyYAML.

Importing PyYAML costs about a sixth of a cold check. A question file is a block mapping of plain words, whole
numbers, yes/no values and dates, with comments, nested a level or two, and perhaps a one-line `{…}` or `[…]`.
`read` takes exactly that and gives up (None) on anything else: quotes, anchors, tags, block scalars, tabs,
other numbers, a repeated key, a word YAML might read as something other than text. The file then goes to
PyYAML (yamlsource.py), which reads it or refuses it with its own messages. Where `read` answers, it gives what
yamlsource gives: the same values, and the same line for every key and item (tests/test_plain_yaml.py).
"""

from __future__ import annotations

import re
from typing import Any

Lines = dict[tuple[Any, ...], int]

_KEY = r"[A-Za-z_][A-Za-z0-9_]*"
_LINE = re.compile(rf"( *)(?:({_KEY}):|-(?= |$))(.*)")
_BLANK_OR_COMMENT = re.compile(r" *(?:#.*)?")
_FLOW_KEY = re.compile(_KEY)
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_WHOLE_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]{0,17})")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # text: yamlsource leaves dates to the schema
_NOT_TEXT = {  # the words PyYAML (YAML 1.1) reads as yes/no or as nothing
    **dict.fromkeys(("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), True),
    **dict.fromkeys(("no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), False),
    **dict.fromkeys(("null", "Null", "NULL"), None),
}
_MAX_DEPTH = 8


class _NotPlain(Exception):
    """The text is not in the plain subset: PyYAML reads it."""


def read(text: str) -> tuple[Any, Lines] | None:
    """The document and the 1-based line of every key and item (and of the whole, under `()`), or None when the
    text is anything but a plain block mapping."""
    try:
        return _read(text)
    except _NotPlain:
        return None


def _read(text: str) -> tuple[Any, Lines]:
    if "\t" in text or "\r" in text:
        raise _NotPlain
    root: dict[str, Any] = {}
    lines: Lines = {}
    open_blocks: list[tuple[int, Any, tuple[Any, ...]]] = [(0, root, ())]  # (indent, mapping or list, path)
    waiting: tuple[int, dict[str, Any], str, tuple[Any, ...]] | None = None  # `key:` with its value on the lines below
    for number, line in enumerate(text.split("\n"), 1):
        if not line.isprintable():
            raise _NotPlain
        if _BLANK_OR_COMMENT.fullmatch(line):
            continue
        match = _LINE.fullmatch(line)
        if match is None:
            raise _NotPlain
        indent, key, value = len(match[1]), match[2], _without_comment(match[3])
        lines.setdefault((), number)
        if waiting is not None:
            above, mapping, name, path = waiting
            if key is not None and indent > above:
                mapping[name] = {}
            elif key is None and indent >= above:
                mapping[name] = []
            else:
                mapping[name] = None
            if mapping[name] is not None:
                if len(open_blocks) >= _MAX_DEPTH:
                    raise _NotPlain
                open_blocks.append((indent, mapping[name], path))
            waiting = None
        while open_blocks[-1][0] > indent or (key is not None and isinstance(open_blocks[-1][1], list) and open_blocks[-1][0] == indent):
            open_blocks.pop()
            if not open_blocks:
                raise _NotPlain
        block_indent, block, path = open_blocks[-1]
        if block_indent != indent:
            raise _NotPlain
        if key is not None:
            if not isinstance(block, dict) or key in block or key in _NOT_TEXT:
                raise _NotPlain
            lines[(*path, key)] = number
            if value:
                block[key] = _value(value, (*path, key), number, lines)
            else:
                block[key] = None
                waiting = (indent, block, key, (*path, key))
        else:
            if not isinstance(block, list) or not value:
                raise _NotPlain
            lines[(*path, len(block))] = number
            block.append(_value(value, (*path, len(block)), number, lines))
    if () not in lines:
        raise _NotPlain  # nothing but comments: PyYAML says what that is
    return root, lines


def _without_comment(rest: str) -> str:
    """What follows `key:` or `-` without its comment; a `#` that does not start a comment is not plain."""
    if rest and rest[0] != " ":
        raise _NotPlain  # `key:value` is one word in YAML
    hash_at = rest.find("#")
    if hash_at != -1:
        if rest[hash_at - 1] != " ":
            raise _NotPlain
        rest = rest[:hash_at]
    return rest.strip(" ")


def _value(text: str, path: tuple[Any, ...], number: int, lines: Lines) -> Any:
    """A scalar, or a one-line `{key: scalar, …}` or `[scalar, …]`, whose keys and items all stand on line `number`."""
    if text[0] == "{" and text[-1] == "}":
        mapping: dict[str, Any] = {}
        for pair in _flow_parts(text):
            key, _, value = pair.partition(":")
            key = key.strip(" ")
            if value[:1] != " " or not _FLOW_KEY.fullmatch(key) or key in _NOT_TEXT or key in mapping:
                raise _NotPlain  # `{a:b}` is one word in YAML
            lines[(*path, key)] = number
            mapping[key] = _scalar(value.strip(" "))
        return mapping
    if text[0] == "[" and text[-1] == "]":
        items = []
        for index, item in enumerate(_flow_parts(text)):
            lines[(*path, index)] = number
            items.append(_scalar(item.strip(" ")))
        return items
    return _scalar(text)


def _flow_parts(text: str) -> list[str]:
    inner = text[1:-1]
    if not inner.strip(" "):
        return []
    parts = inner.split(",")
    if any(not part.strip(" ") for part in parts):
        raise _NotPlain  # an empty entry, or a comma at the end
    return parts


def _scalar(text: str) -> Any:
    """A plain word, whole number or date as PyYAML reads it (dates stay text, as in yamlsource)."""
    if _DAY.fullmatch(text):
        return text
    if _WHOLE_NUMBER.fullmatch(text):
        return int(text)
    if _WORD.fullmatch(text):
        return _NOT_TEXT.get(text, text)
    raise _NotPlain
