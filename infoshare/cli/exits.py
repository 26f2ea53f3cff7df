"""How every command ends, whichever parser ran it: our errors as the contract's exit codes with file:line
messages, a bug said to be one without a traceback, a standard output that cannot be written reported as such,
and standard error redacted on its way out."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from typing import Any

from infoshare.core.privacy import redact
from infoshare.errors import InfoshareError


class RedactedStream:
    """Standard error seen through privacy.redact: every message, ours or the option parser's, passes here."""

    def __init__(self, stream: Any):
        self._stream = stream

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError("standard error takes text")
        self._stream.write(redact(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        if name == "buffer":  # writers must not go around the redaction to the bytes below
            raise AttributeError(name)
        return getattr(self._stream, name)


def flush_standard_output() -> None:
    try:
        sys.stdout.flush()
    except OSError as error:
        output_failed(error)


_OUTPUT_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EPIPE, errno.EBADF}


def output_failed(error: OSError) -> None:
    """Report a file or device the system failed on (exit 2; a closed pipe quietly, exit 1); a failed standard
    output is dropped, so nothing tries to write it again at exit."""
    if error.errno not in _OUTPUT_ERRORS:
        print(f"infoshare: cannot use a file: {error.strerror or error}", file=sys.stderr)
        raise SystemExit(2) from None
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    if error.errno == errno.EPIPE:
        raise SystemExit(1) from None
    print(f"infoshare: cannot write the output: {error.strerror or error}", file=sys.stderr)
    raise SystemExit(2) from None


def reported(error: Exception) -> int:
    """Say what went wrong on standard error and give the exit code: ours with the contract's code and file:line
    problems, a failed output as output_failed says, anything else as a bug, in a short message without locals."""
    if isinstance(error, InfoshareError):
        print(f"infoshare: {error.title}", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return error.exit_code
    if isinstance(error, OSError):  # the command's files were checked; this is the output or the device failing
        output_failed(error)
    print(
        f"infoshare: unexpected error ({type(error).__name__}). This is a bug in infoshare: "
        "please report it with the command you ran (not the personal details of any case).",
        file=sys.stderr,
    )
    return 1
