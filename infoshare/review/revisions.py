"""The rule data as it stood at a git revision, so two versions of the law can be compared.

Only the files the ruleset is made of are taken from git (`git archive`), into a temporary folder
that is removed afterwards; the working tree is never touched.
"""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from infoshare.errors import RulesetError, UsageError

RULE_DATA = ("vocabulary.yaml", "ruleset.yaml", "legal_basis", "rules", "templates")


@contextmanager
def checked_out(root: Path, revision: str, extra: Sequence[str] = ()) -> Iterator[Path]:
    """The rule data of `revision` (relative to the git repository holding `root`), and the `extra` paths it has,
    in a temporary folder."""
    commit = resolve(root, revision)
    prefix = _git(root, "rev-parse", "--show-prefix").decode().strip()
    tree = f"{commit}:{prefix}"
    present = set(_git(root, "ls-tree", "-r", "--name-only", tree).decode().splitlines())
    paths = [name for name in (*RULE_DATA, *extra) if name in present or any(p.startswith(f"{name}/") for p in present)]
    with tempfile.TemporaryDirectory(prefix="infoshare-revision-") as folder:
        target = Path(folder) / "rules-root"
        target.mkdir()
        if paths:
            archive = _git(root, "archive", "--format=tar", tree, "--", *paths)
            with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
                tar.extractall(target, filter="data")
        yield target


def resolve(root: Path, revision: str) -> str:
    """The commit a revision names; a usage error (exit 2) when there is none."""
    if not revision or revision.startswith("-"):
        raise UsageError(f"'{revision}' is not a git revision")
    _git(root, "rev-parse", "--git-dir")  # outside a repository, git's own message says so
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}").decode().strip()
    except UsageError:
        raise UsageError(f"unknown git revision '{revision}' in {root}") from None


def relocated(error: RulesetError, folder: Path, revision: str) -> RulesetError:
    """The same problems, naming files as `REVISION:path/in/repo` instead of the temporary folder."""
    base = folder.resolve()
    problems = []
    for problem in error.problems:
        path = Path(os.path.abspath(problem.file)).resolve() if problem.file else None
        if path is not None and path.is_relative_to(base):
            problem = replace(problem, file=f"{revision}:{path.relative_to(base).as_posix()}")
        problems.append(problem)
    return RulesetError(problems)


def _git(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise UsageError("git is not installed; infoshare diff needs it") from None
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip().splitlines()
        raise UsageError(f"git {args[0]} failed in {root}" + (f": {message[-1]}" if message else ""))
    return done.stdout
