"""Collect every case in rules/**/*.cases.yaml as one pytest item, named by its file and case."""

from __future__ import annotations

from pathlib import Path

import pytest

from infoshare.core.decide import Decider
from infoshare.core.loader import load_ruleset
from infoshare.core.matchers import make_matcher
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
        _, failures = check_case(self.located, _decider(self.config))
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


def _decider(config):
    """One durable-rules decider for all cases of a session."""
    if not hasattr(config, "_infoshare_decider"):
        ruleset = load_ruleset()
        config._infoshare_decider = Decider(ruleset, make_matcher("durable", ruleset))
    return config._infoshare_decider
