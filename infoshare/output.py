"""Writing what the tool produces: sandboxed templates, and files or folders written whole or not at all.

The memo, the rulebook, the scenario handouts and the matrix all render through one Jinja2
sandbox (a rule text can never run template code) and write through one of the two writers
below, so an interrupted or failed run never leaves a half-written file or site behind.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from .errors import UsageError
from .loader import display


@cache
def template_environment(templates: Path) -> Any:
    """The sandboxed Jinja2 environment; autoescaping for `.html.j2`, undefined names are errors."""
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(
        loader=FileSystemLoader(templates),
        undefined=StrictUndefined,
        autoescape=lambda name: bool(name and name.endswith(".html.j2")),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def write_file(text: str, output: Path) -> None:
    """Write `text` to a temporary file beside `output`, then rename it into place."""
    try:
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=output.parent or Path("."), prefix=f".{output.name}.", delete=False) as handle:
            handle.write(text)
    except OSError as error:
        raise UsageError(f"cannot write {display(output)}: {error.strerror}") from None
    put_in_place(Path(handle.name), output)


def put_in_place(written: Path, output: Path) -> None:
    """Rename a finished temporary file onto `output`, with an ordinary file's permissions."""
    try:
        os.chmod(written, 0o666 & ~_umask())  # a temporary file is private; the written file is an ordinary one
        os.replace(written, output)
    except OSError as error:
        written.unlink(missing_ok=True)
        raise UsageError(f"cannot write {display(output)}: {error.strerror}") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_folder(pages: dict[str, str], out_dir: Path, replaceable: Callable[[Path], bool], what: str) -> None:
    """Write the pages into a temporary folder beside `out_dir`, then move it into place whole.

    An existing `out_dir` is replaced only when empty or when `replaceable` recognises it as an
    earlier output of the same kind (`what`, e.g. "a rulebook"): `-o .` must never wipe a checkout.
    """
    out_dir = out_dir.absolute()
    if out_dir.exists() and not (out_dir.is_dir() and not out_dir.is_symlink() and (not any(out_dir.iterdir()) or replaceable(out_dir))):
        raise UsageError(f"{display(out_dir)} exists and is not {what}: choose a new or empty folder")
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    except OSError as error:
        raise UsageError(f"cannot write {display(out_dir)}: {error.strerror}") from None
    try:
        for relative, text in sorted(pages.items()):
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        staging.chmod(0o755)  # mkdtemp makes it private; a site is meant to be read
        if out_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old.", dir=out_dir.parent))
            os.replace(out_dir, old)  # renaming onto the empty folder frees the name
            os.replace(staging, out_dir)
            shutil.rmtree(old)
        else:
            os.replace(staging, out_dir)
    except OSError as error:
        raise UsageError(f"cannot write {display(out_dir)}: {error.strerror}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def generated_by(out_dir: Path, generator: str) -> bool:
    """Whether `out_dir/index.html` names `generator` in its meta tag: an earlier output we may replace."""
    index = out_dir / "index.html"
    return index.is_file() and f'<meta name="generator" content="{generator}">' in index.read_text(encoding="utf-8", errors="replace")
