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


def test_a_symbolic_link_is_written_through_when_followed(tmp_path):
    target = tmp_path / "memos" / "memo.md"
    target.parent.mkdir()
    target.write_text("old")
    link, chain = tmp_path / "latest.md", tmp_path / "current.md"
    link.symlink_to(target)
    chain.symlink_to(link)
    write_file("new", output.followed(chain))
    assert chain.is_symlink() and link.is_symlink() and target.read_text() == "new"
    assert leftovers(tmp_path) == leftovers(target.parent) == []


def test_a_followed_link_to_a_device_or_folder_is_still_refused(tmp_path):
    for where, refusal in (("/dev/null", "device"), (str(tmp_path), "folder")):
        link = tmp_path / f"to-{refusal}"
        link.symlink_to(where)
        with pytest.raises(UsageError, match=refusal):
            write_file("text", output.followed(link))


def test_a_followed_link_that_loops_is_refused(tmp_path):
    loop = tmp_path / "loop.md"
    loop.symlink_to(loop)
    with pytest.raises(UsageError, match="symbolic link"):
        write_file("text", output.followed(loop))


def test_the_commands_write_through_a_link_only_when_told(tmp_path):
    example = Path(__file__).resolve().parent.parent / "examples" / "must-share-child-welfare-notification.yaml"
    target = tmp_path / "answer.json"
    target.write_text("keep me")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    command = [sys.executable, str(example.parent.parent / "cli.py"), "check", str(example), "--format", "json", "-o", str(link), "--engine", "reference"]
    refused = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2 and "--follow-symlink" in refused.stderr and target.read_text() == "keep me"
    written = subprocess.run([*command, "--follow-symlink"], capture_output=True, text=True, timeout=120)
    assert written.returncode == 0 and link.is_symlink() and '"outcome": "must_share"' in target.read_text()


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
