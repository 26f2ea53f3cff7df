"""A cache of the validated, compiled ruleset, so a check skips parsing and validating every rule file.

The key covers the content of every rule, legal-basis and vocabulary file, where they lie, and the code
that defines what is cached, so an edit to any of them is a miss. Entries are written whole (to a
temporary file, then renamed) and only in the user's own cache folder; a cache that cannot be read or
written is ignored, never an error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from . import __version__

_DEFINING_MODULES = ("model.py", "conditions.py", "loader.py", "cache.py")


def cache_dir() -> Path:
    """$INFOSHARE_CACHE_DIR, else $XDG_CACHE_HOME/infoshare, else ~/.cache/infoshare."""
    if explicit := os.environ.get("INFOSHARE_CACHE_DIR"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "infoshare"


def key(digest: str, root: Path) -> str:
    fingerprint = hashlib.sha256(f"{digest}\0{root}\0{__version__}".encode())
    package = Path(__file__).parent
    for name in _DEFINING_MODULES:
        fingerprint.update((package / name).read_bytes())
    return fingerprint.hexdigest()[:32]


def load(cache_key: str) -> Any | None:
    try:
        with (cache_dir() / f"ruleset-{cache_key}.pickle").open("rb") as handle:
            return pickle.load(handle)
    except Exception:  # missing, unreadable or from an incompatible version: rebuild
        return None


def store(cache_key: str, value: Any) -> None:
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".ruleset-", delete=False) as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, folder / f"ruleset-{cache_key}.pickle")
    except OSError:
        return
