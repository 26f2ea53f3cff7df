"""Collect every case in rules/**/*.cases.yaml as one pytest item, named by its file and case."""

from __future__ import annotations

from pathlib import Path

import pytest

from infoshare.checker import make_checker
from infoshare.core.loader import load_ruleset
from infoshare.review.cases import check_case, load_cases

RULES = Path(__file__).resolve().parent / "rules"


def pytest_collect_file(parent, file_path):
    if file_path.name.endswith(".cases.yaml") and RULES in file_path.parents:
        return CasesFile.from_parent(parent, path=file_path)
    return None


class CasesFile(pytest.File):
    def collect(self):
        for located in load_cases(self.path):
            yield CaseItem.from_parent(self, name=located.case.name, located=located)


class CaseItem(pytest.Item):
    def __init__(self, *, located, **kwargs):
        super().__init__(**kwargs)
        self.located = located

    def runtest(self):
        _, failures = check_case(self.located, _checker(self.config))
        if failures:
            raise CaseFailure(failures)

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, CaseFailure):
            return f"{self.located.title}\n  " + "\n  ".join(excinfo.value.failures)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, self.located.line, self.located.case.name


class CaseFailure(Exception):
    def __init__(self, failures):
        super().__init__("\n".join(failures))
        self.failures = failures


def _checker(config):
    """One durable-rules checker for all cases of a session."""
    if not hasattr(config, "_infoshare_checker"):
        config._infoshare_checker = make_checker(load_ruleset(), "durable")
    return config._infoshare_checker
