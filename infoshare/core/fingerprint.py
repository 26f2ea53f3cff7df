"""Fingerprints for cache keys: a strong hash of bytes, without importing hashlib.

Importing hashlib loads OpenSSL, which costs about a twentieth of a cold check, and every check computes cache
keys. A key needs a strong hash, not OpenSSL: BLAKE2b comes from CPython's own `_blake2` module (the one
hashlib's blake2b is), and from hashlib where a Python lacks it. The ruleset's digest in every answer stays
SHA-256, as the contract says; it is computed when the ruleset is validated and kept in the cache entry.
"""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - every CPython we support has it
    from hashlib import blake2b


def fingerprint(*parts: bytes) -> str:
    """A 128-bit hex key over `parts`, each one's length included so that no two sequences of parts collide."""
    hashed = blake2b(digest_size=16)
    for part in parts:
        hashed.update(len(part).to_bytes(8, "little"))
        hashed.update(part)
    return hashed.hexdigest()
