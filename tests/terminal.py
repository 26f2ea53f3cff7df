"""A command on a real pseudo-terminal, driven as a person would: wait for text on the screen, type a line.

A small pexpect-style driver on the standard library's pty: the program sees a terminal on stdin and
stdout (so it takes its interactive path: readline, colours, the rendered memo), and the test reads
what it printed with the terminal's escape codes removed.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import termios
import time

ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\x1b[=>]|\r")


class Terminal:
    def __init__(self, *command: str, columns: int = 110, env: dict[str, str] | None = None, cwd: str | None = None):
        self._main, secondary = os.openpty()
        fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
        self.process = subprocess.Popen(
            command, stdin=secondary, stdout=secondary, stderr=secondary, close_fds=True, start_new_session=True,
            env={**os.environ, "TERM": "xterm-256color", "COLUMNS": str(columns), **(env or {})}, cwd=cwd,
        )
        os.close(secondary)
        self._raw = b""
        self._seen = 0  # how much of the screen text earlier expectations consumed

    @property
    def screen(self) -> str:
        """Everything printed so far, as text without escape codes."""
        return ESCAPES.sub("", self._raw.decode("utf-8", errors="replace"))

    def expect(self, text: str, timeout: float = 20) -> str:
        """Wait until `text` appears after the previous expectation; returns the screen text up to it."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.screen.find(text, self._seen)
            if found >= 0:
                before = self.screen[self._seen:found]
                self._seen = found + len(text)
                return before
            if time.monotonic() > deadline or not self._read(deadline - time.monotonic()):
                raise AssertionError(f"{text!r} did not appear; the screen ends with:\n{self.screen[-1500:]}")

    def expect_any(self, *texts: str, timeout: float = 20) -> str:
        """Wait for whichever of `texts` appears first; returns that text."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen
            found = sorted((screen.find(t, self._seen), t) for t in texts if screen.find(t, self._seen) >= 0)
            if found:
                self.expect(found[0][1])
                return found[0][1]
            if time.monotonic() > deadline or not self._read(deadline - time.monotonic()):
                raise AssertionError(f"none of {texts!r} appeared; the screen ends with:\n{screen[-1500:]}")

    def type(self, line: str) -> None:
        os.write(self._main, line.encode("utf-8") + b"\r")

    def wait(self, timeout: float = 30) -> int:
        """Read to the end and return the exit code."""
        deadline = time.monotonic() + timeout
        while self._read(max(0.0, deadline - time.monotonic())):
            pass
        code = self.process.wait(timeout=max(0.1, deadline - time.monotonic()))
        os.close(self._main)
        return code

    def _read(self, timeout: float) -> bool:
        """Read what is available; False when the program closed the terminal or time ran out."""
        ready, _, _ = select.select([self._main], [], [], max(0.0, timeout))
        if not ready:
            return False
        try:
            chunk = os.read(self._main, 65536)
        except OSError:  # EIO: the program has exited and closed its side
            return False
        self._raw += chunk
        return bool(chunk)
