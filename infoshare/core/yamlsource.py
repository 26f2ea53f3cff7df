"""YAML parsed by PyYAML, remembering where every value stood, so errors can name file:line (documents.py
sends here every text that is not plain_yaml.py's plain subset).

Dates stay strings (the schema parses them), duplicate keys are errors, and a YAML syntax error
reports its position without echoing the offending line (it may hold personal data).

Nothing parsed can exhaust the machine: nesting deeper than MAX_DEPTH and alias expansion beyond `max_nodes`
are refused before anything is built, and numbers must be finite.
"""

from __future__ import annotations

import math
from typing import Any

import yaml

from infoshare.core.documents import UNREADABLE, Located, Path_, YamlSyntaxError
from infoshare.errors import Problem

try:  # the C parser is several times faster; fall back to pure Python where it is missing
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - libyaml is present in our lock
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_DEPTH = 40  # the deepest rule nests about 8 levels
MAX_NODES = 200_000  # values in one document, with every alias expanded


class _Loader(_BaseLoader):
    """SafeLoader without the timestamp resolver: `as_of: 2025-03-01` stays a string."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


def load_text(text: str, file: str, *, aliases: bool = True) -> Located:
    """Parse one YAML document from text with PyYAML; `aliases=False` refuses `&anchor`/`*alias`."""
    _check_shape(text, file, aliases)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        located = Located(file=file, data=None)
        if node is not None:
            located.lines[()] = node.start_mark.line + 1
            located.data = _construct(loader, node, (), located)
        return located
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, file) from None
    except (ValueError, OverflowError):  # an integer too long to convert, a malformed base-60 number
        raise YamlSyntaxError(Problem(file, None, "not valid YAML: a number cannot be read", code=UNREADABLE)) from None
    finally:
        loader.dispose()


def _check_shape(text: str, file: str, aliases: bool) -> None:
    """Refuse, from the parser's events alone, nesting deeper than MAX_DEPTH and documents that expand to
    more than MAX_NODES values (an alias bomb): the tree is built only when both are bounded."""
    sizes: dict[str, int] = {}  # an anchor's size, aliases within it expanded
    stack: list[list[Any]] = [[None, 0]]  # per open collection: its anchor and size so far
    total = 0

    def fail(event: yaml.Event, message: str) -> YamlSyntaxError:
        return YamlSyntaxError(Problem(file, event.start_mark.line + 1 if event.start_mark else None, message, code=UNREADABLE))

    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            if isinstance(event, yaml.AliasEvent):
                if not aliases:
                    raise fail(event, "an alias (*name) is not allowed here: write the value out")
                added = sizes.get(event.anchor or "", 1)
                stack[-1][1] += added
                total += added
            elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                if not aliases and event.anchor:
                    raise fail(event, "an anchor (&name) is not allowed here: write the value out")
                if len(stack) > MAX_DEPTH:
                    raise fail(event, f"values nest deeper than {MAX_DEPTH} levels")
                stack.append([event.anchor, 1])
                total += 1
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                anchor, size = stack.pop()
                if anchor:
                    sizes[anchor] = size
                stack[-1][1] += size
                continue
            elif isinstance(event, yaml.ScalarEvent):
                if not aliases and event.anchor:
                    raise fail(event, "an anchor (&name) is not allowed here: write the value out")
                if event.anchor:
                    sizes[event.anchor] = 1
                stack[-1][1] += 1
                total += 1
            else:
                continue
            if total > MAX_NODES:
                raise fail(event, f"the document expands to more than {MAX_NODES} values (aliases included)")
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, file) from None


def _syntax_error(exc: yaml.YAMLError, file: str) -> YamlSyntaxError:
    """The parser's complaint with its line; the offending text is not quoted (it may hold personal data)."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "invalid YAML"
        return YamlSyntaxError(Problem(file, mark.line + 1 if mark else None, f"not valid YAML: {what}", code=UNREADABLE))
    return YamlSyntaxError(Problem(file, None, f"not valid YAML: {type(exc).__name__}", code=UNREADABLE))


def _construct(loader: _Loader, node: yaml.Node, path: Path_, out: Located) -> Any:
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        loader.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                raise yaml.MarkedYAMLError(problem="a mapping key must be a plain word", problem_mark=key_node.start_mark)
            if key in result:  # the key is not echoed: it may itself be personal data
                first = out.lines[(*path, key)]
                raise yaml.MarkedYAMLError(problem=f"a key appears twice (first on line {first})", problem_mark=key_node.start_mark)
            child = (*path, key)
            out.lines[child] = key_node.start_mark.line + 1
            result[key] = _construct(loader, value_node, child, out)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item_node in enumerate(node.value):
            child = (*path, index)
            out.lines[child] = item_node.start_mark.line + 1
            items.append(_construct(loader, item_node, child, out))
        return items
    value = loader.construct_object(node, deep=True)
    if isinstance(value, float) and not math.isfinite(value):
        raise yaml.MarkedYAMLError(problem="a number must be finite (not .nan or .inf)", problem_mark=node.start_mark)
    return value
