"""A cache of the validated ruleset, so a check skips parsing and validating every rule file (and of the help
texts quick.py prints without importing Typer, and of the template data: the message catalogue, the memo's glossary
and filing table).

The key covers the bytes of every rule, legal-basis and vocabulary file as they were parsed, where
they lie, and the code that defines what is cached, so an edit to any of them is a miss. An entry is
plain JSON data (nothing in it can run code) and is trusted only where nobody else could have put it:
the folder and the entry must be the user's own, not writable by group or others, and the entry a
regular file. Entries are written whole (a temporary file, then a rename), the oldest beyond
KEEP_ENTRIES of each kind are removed, and a cache that cannot be used is ignored, never an error.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from pathlib import Path
from typing import Any

from infoshare import __version__

_DEFINING_MODULES = ("model.py", "records.py", "compile.py", "loader.py", "cache.py", "rule_index.py", "evaluate.py")
KEEP_ENTRIES = 8
KINDS = ("ruleset", "help", "messages", "memo")
_MAX_ENTRY_BYTES = 64 << 20
_STALE_TEMPORARY_SECONDS = 3600


def cache_dir() -> Path | None:
    """$INFOSHARE_CACHE_DIR, else $XDG_CACHE_HOME/infoshare, else ~/.cache/infoshare; None (no cache)
    when none of them is an absolute path (an empty HOME must not put the cache in /.cache)."""
    if explicit := os.environ.get("INFOSHARE_CACHE_DIR"):
        return Path(explicit) if os.path.isabs(explicit) else None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        home = os.environ.get("HOME", "")
        if not os.path.isabs(home):
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "infoshare"


def key(digest: str, root: Path) -> str:
    fingerprint = hashlib.sha256(f"{digest}\0{root}\0{__version__}".encode())
    package = Path(__file__).parent
    for name in _DEFINING_MODULES:
        fingerprint.update((package / name).read_bytes())
    return fingerprint.hexdigest()[:32]


def _entry_name(cache_key: str, kind: str) -> str:
    return f"{kind}-{cache_key}.json"


def _private(info: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else."""
    return info.st_uid == os.geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _trusted_folder() -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        info = os.lstat(folder)
    except OSError:
        return None
    return folder if stat.S_ISDIR(info.st_mode) and _private(info) else None


def load(cache_key: str, kind: str = "ruleset") -> dict[str, Any] | None:
    """The entry stored under `cache_key`, or None when there is none we may trust."""
    folder = _trusted_folder()
    if folder is None:
        return None
    try:
        fd = os.open(folder / _entry_name(cache_key, kind), os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or not _private(info) or info.st_size > _MAX_ENTRY_BYTES:
            return None
        with os.fdopen(os.dup(fd), "rb") as handle:
            entry = json.loads(handle.read())
        os.utime(fd)  # in use: the pruning keeps the most recently used entries
    except (OSError, ValueError, RecursionError):
        return None
    finally:
        os.close(fd)
    return entry if isinstance(entry, dict) and entry.get("key") == cache_key else None


def store(cache_key: str, entry: dict[str, Any], kind: str = "ruleset") -> None:
    """Write `entry` (plain JSON data) under `cache_key`, then prune; any failure leaves no trace."""
    import tempfile  # here, not above: a check served from the cache never writes one

    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if _trusted_folder() is None:
            return
        text = json.dumps({**entry, "key": cache_key}, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, prefix=f".{kind}-", delete=False) as handle:
            try:
                handle.write(text)
            except BaseException:
                handle.close()
                os.unlink(handle.name)
                raise
        os.replace(handle.name, folder / _entry_name(cache_key, kind))
    except (OSError, ValueError, TypeError):
        return
    prune(folder)


def prune(folder: Path) -> None:
    """Keep the KEEP_ENTRIES most recently used entries of each kind; remove older ones, entries of the earlier
    pickle format and temporary files left by a writer that was killed."""
    try:
        entries: dict[str, list[tuple[float, Path]]] = {kind: [] for kind in KINDS}
        now = time.time()
        for path in folder.iterdir():
            info = path.lstat()
            kind = path.name.lstrip(".").split("-", 1)[0]
            if kind not in KINDS:
                continue
            if path.name.startswith(f"{kind}-") and path.suffix == ".json":
                entries[kind].append((info.st_mtime, path))
            elif path.name.startswith(f"{kind}-") and path.suffix == ".pickle":
                path.unlink()
            elif path.name.startswith(f".{kind}-") and now - info.st_mtime > _STALE_TEMPORARY_SECONDS:
                path.unlink()
        for found in entries.values():
            for _, path in sorted(found, reverse=True)[KEEP_ENTRIES:]:
                path.unlink()
    except OSError:
        return
