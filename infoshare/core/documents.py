"""Input documents (rule data, questions, cases): read within bounds, parsed with the line of every value.

A file is read only when it is a regular file of at most MAX_FILE_BYTES: a pipe, a device or a folder is
refused without waiting on it. Its text is parsed by plain_yaml.py when it is the plain YAML a question is
written in (no PyYAML to import), else by yamlsource.py (PyYAML, with its bounds on nesting and aliases); both
give a `Located`, so an error can name file and line either way.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

from infoshare.core import plain_yaml
from infoshare.errors import Problem

Path_ = tuple[str | int | float, ...]  # mapping keys may be numbers, or true/false
UNREADABLE = "IS001"  # the lint code of a file that cannot be read as YAML
MAX_FILE_BYTES = 1 << 20  # the largest rule data file is about 30 KB


class Located:
    """A parsed document and the 1-based line of every mapping key and list item in it."""

    def __init__(self, file: str, data: Any, lines: dict[Path_, int] | None = None) -> None:
        self.file = file
        self.data = data
        self.lines: dict[Path_, int] = {} if lines is None else lines

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


def parse(text: str, file: str, *, aliases: bool = True) -> Located:
    """One YAML document; `aliases=False` refuses `&anchor`/`*alias` (a question needs none). A YAML error is a
    YamlSyntaxError naming `file` and the line."""
    plain = plain_yaml.read(text)
    if plain is not None:
        return Located(file, *plain)
    from infoshare.core.yamlsource import load_text

    return load_text(text, file, aliases=aliases)


def load_file(path: Path, display: str | None = None, *, aliases: bool = True) -> Located:
    """Parse one YAML file; the error names `display` (a path relative to where the user stands)."""
    name = display or str(path)
    return parse(decode(read_source(path, name), name), name, aliases=aliases)


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
