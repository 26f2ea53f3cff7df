"""YAML loading that remembers where every value stood, so errors can name file:line.

Dates stay strings (the schema parses them), duplicate keys are errors, and a YAML syntax error
reports its position without echoing the offending line (it may hold personal data).

Nothing read can exhaust the machine: a file is read only when it is a regular file of at most
MAX_FILE_BYTES (a pipe, a device or a folder is refused without waiting on it), nesting deeper than
MAX_DEPTH and alias expansion beyond `max_nodes` are refused before anything is built, and numbers
must be finite.
"""

from __future__ import annotations

import errno
import math
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from infoshare.errors import Problem

try:  # the C parser is several times faster; fall back to pure Python where it is missing
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - libyaml is present in our lock
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

Path_ = tuple[str | int | float, ...]  # mapping keys may be numbers, or true/false
UNREADABLE = "IS001"  # the lint code of a file that cannot be read as YAML

MAX_FILE_BYTES = 1 << 20  # the largest rule data file is about 30 KB
MAX_DEPTH = 40  # the deepest rule nests about 8 levels
MAX_NODES = 200_000  # values in one document, with every alias expanded


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


def load_text(text: str, file: str, *, aliases: bool = True) -> Located:
    """Parse one YAML document from text; `aliases=False` refuses `&anchor`/`*alias` (a question needs none)."""
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


def read_source(path: Path, display: str | None = None) -> bytes:
    """The bytes of one input file, read once; a missing file, a folder, a pipe or device, a loop of
    symbolic links or a file over MAX_FILE_BYTES is a YamlSyntaxError naming `display`, and nothing waits."""
    name = display or str(path)

    def refuse(message: str) -> YamlSyntaxError:
        return YamlSyntaxError(Problem(name, None, message, code=UNREADABLE))

    try:  # O_NONBLOCK: opening a pipe that nobody writes to returns at once instead of waiting
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise refuse("file not found") from None
    except IsADirectoryError:
        raise refuse("is a folder, not a file") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise refuse("the symbolic links form a loop") from None
        raise refuse(f"cannot be read: {error.strerror or 'error'}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise refuse("is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise refuse("is not a regular file (a pipe, device or socket is never read)")
        chunks, size = [], 0
        while size <= MAX_FILE_BYTES:
            chunk = os.read(fd, min(1 << 16, MAX_FILE_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_FILE_BYTES:
            raise refuse(f"is larger than {MAX_FILE_BYTES // 1024} KB")
        return b"".join(chunks)
    except OSError as error:
        raise refuse(f"cannot be read: {error.strerror or 'error'}") from None
    finally:
        os.close(fd)


def decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise YamlSyntaxError(Problem(name, None, "not UTF-8 text", code=UNREADABLE)) from None


def load_file(path: Path, display: str | None = None, *, aliases: bool = True) -> Located:
    """Parse one YAML file; the error names `display` (a path relative to where the user stands)."""
    name = display or str(path)
    return load_text(decode(read_source(path, name), name), name, aliases=aliases)


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
