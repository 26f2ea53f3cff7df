"""The YAML data beside the templates (the message catalogue, the memo's glossary and filing table), parsed once.

Parsing them with PyYAML costs more than a check's whole answer, so the parsed data is kept in the cache
(core/cache.py, with its ownership checks) under a key over the files' paths and bytes: an edited file is parsed
anew, and a check whose files are unchanged imports no PyYAML at all.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from infoshare import __version__


def parsed_yaml(paths: Sequence[Path], kind: str) -> list[Any]:
    """Each file's data, in order: from the cache entry of kind `kind` when these bytes were parsed before."""
    import hashlib

    from infoshare.core import cache

    sources = [(path, path.read_bytes()) for path in paths]
    fingerprint = hashlib.sha256(__version__.encode())
    for path, data in sources:
        fingerprint.update(f"{path}\0{len(data)}\0".encode() + data)
    key = fingerprint.hexdigest()[:32]
    entry = cache.load(key, kind)
    documents = entry.get("documents") if entry is not None else None
    if isinstance(documents, list) and len(documents) == len(sources):
        return documents
    from infoshare.core.documents import decode, parse  # dates stay text, as in every file the tool reads

    documents = [parse(decode(data, str(path)), str(path)).data for path, data in sources]
    if _survives_json(documents):  # a number or yes/no as a mapping key would come back as text: not kept
        cache.store(key, {"documents": documents}, kind)
    return documents


def _survives_json(documents: list[Any]) -> bool:
    try:
        return bool(json.loads(json.dumps(documents, allow_nan=False)) == documents)
    except (TypeError, ValueError):
        return False
