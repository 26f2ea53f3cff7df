"""The quick path of the command line: an ordinary `check`, `--version` and `--help`, without importing Typer.

Typer takes about as long to import and to parse a check's options as the check itself takes, so a check
given in the usual forms (`--name value`, `--name=value`, `-o value`, each option once, known choices, a whole
number for --age) is parsed here, from the same declaration app.py builds the Typer command from
(check_command.CHECK_PARAMS), and runs the same code. Anything else (another command, a mistyped or repeated
option, a missing value, shell completion) returns None, and Typer parses the command line as it always did,
with its own messages and exit codes.

A help text (`infoshare --help`, `infoshare check --help`, …) is Typer's: the first time, Typer prints it and it
is kept in the cache (cache.py, with its ownership checks); later it is printed from there, as long as the command
line, the terminal's width, this package's command code and the installed Typer are the same.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from enum import Enum
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from infoshare import __version__
from infoshare.cli.check_command import CHECK_PARAMS, Param

_WHOLE_NUMBER = re.compile(r"0|[1-9][0-9]{0,8}")
_COMMAND_NAME = re.compile(r"[a-z][a-z-]{0,30}")
_HELP_CODE = ("cli/app.py", "cli/check_command.py", "cli/quick.py", "domain.py")  # what the help texts are written from (in the package)


def main() -> None:
    """The `infoshare` console script: the quick path where it applies, else the Typer app (app.py)."""
    code = run_quickly(sys.argv[1:])
    if code is None:
        from infoshare.cli.app import app

        app()
    else:
        _leave_the_heap_to_exit()
        sys.exit(code)


def _leave_the_heap_to_exit() -> None:
    """The process ends now: let the collector's last pass at exit skip every object alive (the ruleset, the
    modules), which the end of the process frees anyway. That pass alone took about a sixth of a cold check."""
    import gc

    gc.freeze()


def run_quickly(argv: list[str]) -> int | None:
    """Run the command line if it is one this path takes, and give its exit code; else None (Typer takes it)."""
    if any(name.endswith("_COMPLETE") for name in os.environ):  # a shell asking Typer for completions
        return None
    if argv == ["--version"]:
        return _run(_print_version, None)
    if argv and argv[-1] == "--help" and all(_COMMAND_NAME.fullmatch(word) for word in argv[:-1]):
        return _help(argv)
    if not argv or argv[0] != "check":
        return None
    options = parse(CHECK_PARAMS, argv[1:])
    if options is None:
        return None
    from infoshare.cli.check_command import check

    return _run(lambda: check(**options), options["root"], one_shot=True)


def parse(params: tuple[Param, ...], args: list[str]) -> dict[str, Any] | None:
    """The values of `params` given by `args` (defaults for the rest), or None for anything out of the ordinary."""
    by_flag: dict[str, tuple[Param, Any]] = {}
    for param in params:
        for flag in param.flags:
            if param.kind == "switch":
                yes, no = flag.split("/")
                by_flag[yes], by_flag[no] = (param, True), (param, False)
            else:
                by_flag[flag] = (param, None)
    positional = [param for param in params if not param.flags]
    values: dict[str, Any] = {}
    given: set[str] = set()
    rest = list(args)
    while rest:
        word = rest.pop(0)
        if word == "-" or not word.startswith("-"):
            if not positional:
                return None
            param = positional.pop(0)
            value = _converted(param, word)
        else:
            flag, equals, inline = word.partition("=")
            if flag not in by_flag or (equals and not flag.startswith("--")):
                return None
            param, switch = by_flag[flag]
            if param.kind == "switch":
                if equals:
                    return None
                value = switch
            else:
                if not equals:
                    if not rest:
                        return None
                    inline = rest.pop(0)
                value = _converted(param, inline)
        if value is None or (param.name in given and param.kind != "texts"):
            return None
        given.add(param.name)
        values[param.name] = [*values.get(param.name, []), value] if param.kind == "texts" else value
    return {param.name: values.get(param.name, param.default) for param in params}


def _converted(param: Param, word: str) -> Any:
    """The value of one word for `param`, or None where Typer might read it otherwise (or refuse it)."""
    if not word or (word.startswith("-") and word != "-"):
        return None
    if param.kind in ("text", "texts"):
        return word
    if param.kind == "path":
        return Path(word)
    if param.kind == "int":
        return int(word) if _WHOLE_NUMBER.fullmatch(word) else None
    if isinstance(param.kind, type) and issubclass(param.kind, Enum):
        return next((choice for choice in param.kind if choice.value == word), None)
    if get_origin(param.kind) is Literal:
        return word if word in get_args(param.kind) else None
    return None


def _help(argv: list[str]) -> int:
    """Typer's help text for `argv`: from the cache when Typer printed it before in the same setting, else Typer's
    (kept for next time when it succeeded)."""
    from infoshare.cli.exits import flush_standard_output
    from infoshare.core import cache

    key = _help_key(argv)
    entry = cache.load(key, "help")
    text = entry.get("text") if entry is not None else None
    code = 0
    if not isinstance(text, str):
        text, code = _typer_output(argv)
        if code == 0:
            cache.store(key, {"text": text}, "help")
    sys.stdout.write(text)
    flush_standard_output()
    return code


def _typer_output(argv: list[str]) -> tuple[str, int]:
    """What Typer prints on standard output for `argv`, and its exit code."""
    import io

    from infoshare.cli.app import app

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        try:
            app(args=argv)
            code: Any = 0
        except SystemExit as ended:
            code = ended.code
    return buffer.getvalue(), code if isinstance(code, int) else 1


def _help_key(argv: list[str]) -> str:
    """Everything a help text depends on: the command line and program name, the terminal's width (as Click reads
    it) and the locale, the code the commands are declared in, and the installed Typer."""
    from importlib.util import find_spec

    from infoshare.core.fingerprint import fingerprint

    try:
        columns: object = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (OSError, ValueError, AttributeError):  # no terminal (AttributeError: no standard output at all)
        columns = None
    main = sys.modules.get("__main__")
    typer = find_spec("typer")
    typer_files = [Path(typer.origin).with_name(name) for name in ("__init__.py", "core.py", "main.py")] if typer and typer.origin else []
    setting = [os.environ.get(name) for name in ("COLUMNS", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")]  # width; Click's gettext
    parts = [repr((__version__, argv, sys.argv[0], getattr(main, "__package__", None), setting, columns)).encode()]
    package = Path(__file__).parent.parent
    for path in [*(package / name for name in _HELP_CODE), *typer_files]:
        try:
            info = path.stat()
            parts.append(f"{path}\0{info.st_size}\0{info.st_mtime_ns}".encode())
        except OSError:
            parts.append(b"<missing>")
    parts += [(package / name).read_bytes() for name in _HELP_CODE]
    return fingerprint(*parts)


def _print_version() -> int:
    from infoshare.cli.about import version_text

    print(version_text())
    return 0


def _run(command: Any, root: Path | None, one_shot: bool = False) -> int:
    """Run a command as the Typer group does (app._Commands): standard error redacted, `--rules` for this run only,
    our errors as exit codes, standard output flushed (or its failure reported) at the end. `one_shot`: one answer,
    then the process ends, so the cycle collector is paused meanwhile (it would only walk the ruleset's objects
    over and over; what one answer leaves in cycles is small and freed at exit)."""
    import gc

    from infoshare.cli.exits import RedactedStream, flush_standard_output, reported
    from infoshare.locations import choose_root

    collecting = gc.isenabled()
    if one_shot:
        gc.disable()
    with contextlib.redirect_stderr(RedactedStream(sys.stderr)):
        try:
            choose_root(root)
            try:
                return int(command())
            except KeyboardInterrupt:
                return 130
            except Exception as error:
                return reported(error)
        finally:
            choose_root(None)
            if collecting:
                gc.enable()
            flush_standard_output()
