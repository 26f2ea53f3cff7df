"""YAML loading that remembers where every value stood, so errors can name file:line.

Dates stay strings (the schema parses them), duplicate keys are errors, and a YAML syntax error
reports its position without echoing the offending line (it may hold personal data).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

try:  # the C parser is several times faster; fall back to pure Python where it is missing
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - libyaml is present in our lock
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

Path_ = tuple[str | int | float, ...]  # mapping keys may be numbers, or true/false
UNREADABLE = "IS001"  # the lint code of a file that cannot be read as YAML


class _Loader(_BaseLoader):
    """SafeLoader without the timestamp resolver: `as_of: 2025-03-01` stays a string."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Located:
    """A parsed document and the 1-based line of every mapping key and list item in it."""

    file: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int | None:
        """The line of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)

    def problem(self, path: Path_, message: str, hint: str | None = None, code: str | None = None) -> Problem:
        return Problem(self.file, self.line_of(path), message, hint, code)


class YamlSyntaxError(Exception):
    """Carries the Problem for a file that is not valid YAML or has duplicate keys."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def load_text(text: str, file: str) -> Located:
    """Parse one YAML document from text."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        located = Located(file=file, data=None)
        if node is not None:
            located.lines[()] = node.start_mark.line + 1
            located.data = _construct(loader, node, (), located)
        return located
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context or "invalid YAML"
        raise YamlSyntaxError(Problem(file, line, f"not valid YAML: {what}", code=UNREADABLE)) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(Problem(file, None, f"not valid YAML: {type(exc).__name__}", code=UNREADABLE)) from None
    finally:
        loader.dispose()


def load_file(path: Path, display: str | None = None) -> Located:
    """Parse one YAML file; the error names `display` (a path relative to where the user stands)."""
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError):
        raise YamlSyntaxError(Problem(name, None, "file not found", code=UNREADABLE)) from None
    except UnicodeDecodeError:
        raise YamlSyntaxError(Problem(name, None, "not UTF-8 text", code=UNREADABLE)) from None
    return load_text(text, name)


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
    return loader.construct_object(node, deep=True)
