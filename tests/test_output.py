"""`-o` writes only what it should (issue 14, finding 8): regular files, whole or not at all, no temporary
file left behind on any failure, folders replaced in one step, and a killed run's leftovers removed next time."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from infoshare.errors import UsageError
from infoshare.render import output
from infoshare.render.output import write_file, write_folder


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".infoshare-" in p.name)


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_file_is_written_whole(tmp_path):
    target = tmp_path / "memo.md"
    write_file("one", target)
    write_file("two", target)
    assert target.read_text() == "two" and leftovers(tmp_path) == []


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full"])
def test_a_device_is_refused_and_left_alone(device):
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    with pytest.raises(UsageError, match="device"):
        write_file("text", Path(device))
    assert stat.S_ISCHR(os.stat(device).st_mode)


def test_a_symbolic_link_is_refused_and_its_target_kept(tmp_path):
    target = tmp_path / "precious.txt"
    target.write_text("keep me")
    link = tmp_path / "memo.md"
    link.symlink_to(target)
    with pytest.raises(UsageError, match="symbolic link"):
        write_file("text", link)
    assert link.is_symlink() and target.read_text() == "keep me"


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(UsageError, match="folder"):
        write_file("text", tmp_path)


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_no_temporary_file_stays_after_a_failed_write(tmp_path, monkeypatch, failure):
    target = tmp_path / "memo.md"
    target.write_text("old")

    def fail(*args, **kwargs):
        raise failure

    monkeypatch.setattr(output.os, "replace", fail)
    with pytest.raises(UsageError if isinstance(failure, OSError) else KeyboardInterrupt):
        write_file("new", target)
    assert target.read_text() == "old" and leftovers(tmp_path) == []


def test_a_killed_writers_leftovers_are_removed_and_a_live_ones_kept(tmp_path):
    dead = tmp_path / f".memo.md.infoshare-{dead_pid()}-abc"
    dead.write_text("half")
    staging = tmp_path / f".site.infoshare-{dead_pid()}-xyz"
    (staging / "sub").mkdir(parents=True)
    live = tmp_path / f".memo.md.infoshare-{os.getppid()}-abc"
    live.write_text("in progress")
    write_file("text", tmp_path / "memo.md")
    write_folder({"index.html": "x"}, tmp_path / "site", lambda _: True, "a site")
    assert not dead.exists() and not staging.exists() and live.exists()


@pytest.mark.parametrize("exchange", [True, False])
def test_a_folder_is_replaced_whole(tmp_path, monkeypatch, exchange):
    if not exchange:
        monkeypatch.setattr(output, "_exchange", lambda first, second: False)
    site = tmp_path / "site"
    write_folder({"index.html": "old", "old.html": "x"}, site, lambda _: True, "a site")
    write_folder({"index.html": "new"}, site, lambda _: True, "a site")
    assert sorted(p.name for p in site.iterdir()) == ["index.html"] and (site / "index.html").read_text() == "new"
    assert leftovers(tmp_path) == []


def test_a_linked_folder_is_not_replaced(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "site").symlink_to(real)
    with pytest.raises(UsageError):
        write_folder({"index.html": "x"}, tmp_path / "site", lambda _: True, "a site")
    assert (tmp_path / "site").is_symlink()
