"""The audit trail: an append-only file of decisions, one JSON line each, chained by hashes.

Each line holds the time, the question (which holds no personal data: questions are refused otherwise), the
ruleset's version and digest, the outcome and its grounds: enough to replay the decision under the ruleset
it was made with. Each line also carries its number (`seq`) and the hash of the line before it (`prev`), so
`infoshare audit verify` finds a line that was edited, removed or moved, and a line cut short by a crash.

Writers take an exclusive lock on the file for the append and fsync before releasing it, so processes writing
at once interleave whole lines and the chain stays unbroken. What a chain cannot show by itself is the loss
of its last lines or an edit of its very last line: `verify` prints the head (the last line's hash) for an
organisation to keep elsewhere and give back to a later `verify --head`, which then requires that line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from infoshare.errors import UsageError

GENESIS = "sha256:" + "0" * 64  # the `prev` of the first line
_TAIL = 65536  # bytes read from the end of the file to find the last line and its number


def line_hash(raw: bytes) -> str:
    return "sha256:" + hashlib.sha256(raw).hexdigest()


class AuditLog:
    """Appends decisions to one audit file; safe to share between processes."""

    def __init__(self, path: Path):
        self.path = path

    def record(self, answer: Any) -> None:
        """Append one line for `answer` (an `Answer`), chained to the line before it."""
        body = {
            "time": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
            "question": answer.question,
            "ruleset": answer.ruleset,
            "outcome": answer.outcome,
            "refer_reason": answer.refer_reason,
            "grounds": [ground.rule for ground in answer.grounds],
        }
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
        except OSError as error:
            raise UsageError(f"cannot write the audit log {self.path}: {error.strerror}") from None
        try:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX)
            size = os.fstat(fd).st_size
            last, seq, ends_whole = _tail(fd, size)
            line = json.dumps({"seq": seq + 1, **body, "prev": line_hash(last) if size else GENESIS}, ensure_ascii=False, separators=(",", ":"))
            # a line cut by a crash is closed first, so it stays a line of its own that `verify` reports
            os.write(fd, (b"" if ends_whole else b"\n") + line.encode() + b"\n")
            os.fsync(fd)
        except OSError as error:
            raise UsageError(f"cannot write the audit log {self.path}: {error.strerror}") from None
        finally:
            os.close(fd)  # closing releases the lock


def _tail(fd: int, size: int) -> tuple[bytes, int, bool]:
    """The last line (without its newline), the number of lines so far, and whether the file ends with a newline."""
    if size == 0:
        return b"", 0, True
    start = max(0, size - _TAIL)
    chunk = os.pread(fd, size - start, start)
    ends_whole = chunk.endswith(b"\n")
    lines = chunk.removesuffix(b"\n").split(b"\n")
    if start > 0:
        lines = lines[1:]  # the first piece may be the end of a longer line
    for back, raw in enumerate(reversed(lines)):
        entry = entry_of(raw)
        if entry is not None:
            return lines[-1], entry["seq"] + back, ends_whole
    whole = os.pread(fd, size, 0).removesuffix(b"\n").split(b"\n")  # no whole entry near the end: count them all
    return whole[-1], len(whole), ends_whole


def entry_of(raw: bytes) -> dict[str, Any] | None:
    """A line as an entry, or None where it is not a whole one."""
    try:
        entry = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(entry, dict) or not isinstance(entry.get("seq"), int) or not isinstance(entry.get("prev"), str):
        return None
    return entry


@dataclass(frozen=True)
class Finding:
    line: int | None  # None: the log as a whole
    message: str

    def __str__(self) -> str:
        return self.message if self.line is None else f"line {self.line}: {self.message}"


@dataclass(frozen=True)
class Verification:
    lines: int
    head: str
    findings: list[Finding]
    kept_head_line: int | None = None  # the line whose hash is the head given to `verify`, when one was given and found


def read_lines(path: Path) -> tuple[list[bytes], bool]:
    """The log's lines (without their newlines), and whether the last one ends with a newline (a whole write)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror}") from None
    return (data.removesuffix(b"\n").split(b"\n") if data else []), data.endswith(b"\n")


def verify(path: Path, kept_head: str | None = None) -> Verification:
    """Check every line's number and its link to the line before; name each line where the chain breaks. With
    `kept_head` (a head an earlier `verify` printed), the log must still hold that line: a chain alone cannot show
    that its last lines were removed or its last line edited."""
    lines, ends_whole = read_lines(path)
    findings = _chain_findings(lines, ends_whole)
    head = line_hash(lines[-1]) if lines else GENESIS
    if kept_head is None:
        return Verification(len(lines), head, findings)
    if not (kept_head.startswith("sha256:") and len(kept_head) == len(GENESIS) and all(c in "0123456789abcdef" for c in kept_head[7:])):
        raise UsageError(f"--head {kept_head!r} is not a head verify prints: sha256: and 64 hexadecimal digits")
    hashes = {GENESIS: 0, **{line_hash(raw): number for number, raw in enumerate(lines, start=1)}}
    found = hashes.get(kept_head)
    if found is None:
        findings.append(Finding(None, f"no line has the kept head {kept_head}: lines were removed from the end, its line was edited, or it is another log's head"))
    return Verification(len(lines), head, findings, found)


def _chain_findings(lines: list[bytes], ends_whole: bool) -> list[Finding]:
    findings: list[Finding] = []
    previous, expected = GENESIS, 1
    for number, raw in enumerate(lines, start=1):
        entry = entry_of(raw)
        if entry is None:
            if number == len(lines) and not ends_whole:
                findings.append(Finding(number, "cut short: the write of this line was interrupted (a crash?); it is not a whole entry"))
            else:
                findings.append(Finding(number, "not a whole entry: cut short by an interrupted write, or edited"))
        elif entry["seq"] != expected:
            if entry["seq"] > expected:
                findings.append(Finding(number, f"holds entry {entry['seq']} where entry {expected} belongs: entries before it were removed or moved"))
            else:
                findings.append(Finding(number, f"holds entry {entry['seq']} where entry {expected} belongs: it was moved or copied here"))
        elif entry["prev"] != previous:
            if number == 1:
                findings.append(Finding(1, "does not start a chain: the lines before it were removed"))
            elif not findings or findings[-1].line != number - 1:
                findings.append(Finding(number - 1, "was edited or replaced: the line after it no longer chains to it"))
        previous = line_hash(raw)
        expected = max(expected, entry["seq"] + 1) if entry is not None else expected + 1  # a line moved back does not reset the count
    return findings
