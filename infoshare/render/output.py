"""Writing what the tool produces: files or folders written whole or not at all.

The memo, the rulebook, the scenario handouts and the matrix all write through one of the two writers below,
so an interrupted or failed run never leaves a half-written file or site behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from infoshare.core.loader import display
from infoshare.errors import UsageError


def write_file(text: str, output: Path) -> None:
    """Write `text` to a temporary file beside `output`, then rename it into place.

    Only a regular file (or a new name) is written: a device, a pipe, a folder or a symbolic link at
    `output` is refused, never replaced. The temporary file is removed on every failure path.
    """
    _refuse_unless_regular(output)
    folder = output.parent or Path(".")
    _remove_leftovers(folder, output.name)
    try:
        handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, prefix=_staging_prefix(output.name), delete=False)
    except OSError as error:
        raise UsageError(f"cannot write {display(output)}: {error.strerror}") from None
    try:
        with handle:
            handle.write(text)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(handle.name)
        if isinstance(error, OSError):
            raise UsageError(f"cannot write {display(output)}: {error.strerror}") from None
        raise
    put_in_place(Path(handle.name), output)


def followed(output: Path) -> Path:
    """Where a symbolic link at `output` leads, through every link of a chain; `output` itself when it is no link.
    For `--follow-symlink`: the file linked to is then written whole (if it is a regular file), and the link stays."""
    return Path(os.path.realpath(output)) if output.is_symlink() else output


def put_in_place(written: Path, output: Path) -> None:
    """Rename a finished temporary file onto `output` (a regular file or nothing), with an ordinary file's
    permissions; on any failure the temporary file goes."""
    try:
        os.chmod(written, 0o666 & ~_umask())  # a temporary file is private; the written file is an ordinary one
        _refuse_unless_regular(output)  # again: the name may have changed while we wrote
        os.replace(written, output)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(written)
        if isinstance(error, OSError):
            raise UsageError(f"cannot write {display(output)}: {error.strerror}") from None
        raise


def _refuse_unless_regular(output: Path) -> None:
    try:
        info = os.lstat(output)
    except FileNotFoundError:
        return
    except OSError as error:
        raise UsageError(f"cannot write {display(output)}: {error.strerror}") from None
    if stat.S_ISLNK(info.st_mode):
        raise UsageError(f"{display(output)} is a symbolic link: give the path of the file itself, or --follow-symlink to write the file it points to")
    if not stat.S_ISREG(info.st_mode):
        what = "a folder" if stat.S_ISDIR(info.st_mode) else "a device, pipe or socket"
        raise UsageError(f"{display(output)} is {what}, not a file: give a file name")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _staging_prefix(name: str) -> str:
    """Temporary names carry the writer's process id, so a later run can tell a leftover from work in progress."""
    return f".{name}.infoshare-{os.getpid()}-"


def _remove_leftovers(folder: Path, name: str) -> None:
    """Remove temporary files and folders for `name` left by a writer that was killed (its process is gone)."""
    marker = f".{name}.infoshare-"
    try:
        candidates = [p for p in folder.iterdir() if p.name.startswith(marker)]
    except OSError:
        return
    for path in candidates:
        pid = path.name[len(marker):].partition("-")[0]
        if pid.isdigit() and not _alive(int(pid)):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    path.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process: alive
    return True


def write_folder(pages: dict[str, str], out_dir: Path, replaceable: Callable[[Path], bool], what: str) -> None:
    """Write the pages into a temporary folder beside `out_dir`, then move it into place whole.

    An existing `out_dir` is replaced only when empty or when `replaceable` recognises it as an
    earlier output of the same kind (`what`, e.g. "a rulebook"): `-o .` must never wipe a checkout.
    The replacement is one atomic exchange of the two folders where the system offers it, so a reader
    (or a kill) always finds the old folder or the new one, and leftovers of a killed run are removed
    on the next.
    """
    out_dir = out_dir.absolute()
    if out_dir.is_symlink() or (out_dir.exists() and not (out_dir.is_dir() and (not any(out_dir.iterdir()) or replaceable(out_dir)))):
        raise UsageError(f"{display(out_dir)} exists and is not {what}: choose a new or empty folder")
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(out_dir.parent, out_dir.name)
        staging = Path(tempfile.mkdtemp(prefix=_staging_prefix(out_dir.name), dir=out_dir.parent))
    except OSError as error:
        raise UsageError(f"cannot write {display(out_dir)}: {error.strerror}") from None
    try:
        for relative, text in sorted(pages.items()):
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        staging.chmod(0o755)  # mkdtemp makes it private; a site is meant to be read
        if not out_dir.exists():
            os.replace(staging, out_dir)
        elif not _exchange(staging, out_dir):
            old = Path(tempfile.mkdtemp(prefix=_staging_prefix(out_dir.name), dir=out_dir.parent))
            os.replace(out_dir, old)  # renaming onto the empty folder frees the name
            os.replace(staging, out_dir)
            shutil.rmtree(old, ignore_errors=True)
    except OSError as error:
        raise UsageError(f"cannot write {display(out_dir)}: {error.strerror}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # the new folder on failure, the old one after an exchange


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one atomic step (Linux renameat2 RENAME_EXCHANGE); False where unavailable."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_cwd, rename_exchange = -100, 2
    result = renameat2(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), rename_exchange)
    return result == 0


def generated_by(out_dir: Path, generator: str) -> bool:
    """Whether `out_dir/index.html` names `generator` in its meta tag: an earlier output we may replace."""
    index = out_dir / "index.html"
    return index.is_file() and f'<meta name="generator" content="{generator}">' in index.read_text(encoding="utf-8", errors="replace")
