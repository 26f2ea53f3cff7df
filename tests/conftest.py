"""Shared fixtures and the Hypothesis profiles (a derandomized one for CI)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import pytest
from hypothesis import HealthCheck, settings

from infoshare.checker import make_checker
from infoshare.core.loader import load_ruleset

# The tests, and the commands they start, keep their compiled-ruleset cache apart from the user's.
if "INFOSHARE_CACHE_DIR" not in os.environ:
    os.environ["INFOSHARE_CACHE_DIR"] = tempfile.mkdtemp(prefix="infoshare-test-cache-")
    atexit.register(shutil.rmtree, os.environ["INFOSHARE_CACHE_DIR"], ignore_errors=True)

settings.register_profile("ci", derandomize=True, database=None, max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=100, deadline=None, database=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def pytest_collection_modifyitems(config, items):
    """Tests marked `soak` (long fuzzing runs) run only when asked for: `pytest -m soak`, `make soak`."""
    if "soak" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="a long fuzzing run: `make soak`")
    for item in items:
        if "soak" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def ruleset():
    return load_ruleset()


@pytest.fixture(scope="session")
def durable(ruleset):
    return make_checker(ruleset, "durable")


@pytest.fixture(scope="session")
def reference(ruleset):
    return make_checker(ruleset, "reference")
