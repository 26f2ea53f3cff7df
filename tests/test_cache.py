"""The compiled-ruleset cache: a hit gives the same ruleset, any edit is a miss, a broken entry is ignored."""

from __future__ import annotations

import pytest
from rule_data import copy_rule_data

from infoshare import cache
from infoshare.errors import RulesetError
from infoshare.loader import load_ruleset


@pytest.fixture()
def copy_of_rules(tmp_path, monkeypatch):
    monkeypatch.setenv("INFOSHARE_CACHE_DIR", str(tmp_path / "cache"))
    return copy_rule_data(tmp_path / "root")


def test_a_second_load_comes_from_the_cache_and_is_the_same(copy_of_rules, tmp_path):
    first = load_ruleset(copy_of_rules)
    assert len(list((tmp_path / "cache").glob("ruleset-*.pickle"))) == 1
    second = load_ruleset(copy_of_rules)
    assert second is not first
    assert (second.digest, sorted(second.rules), sorted(second.provisions)) == (first.digest, sorted(first.rules), sorted(first.provisions))


def test_an_edited_rule_is_a_miss_and_is_validated_again(copy_of_rules):
    load_ruleset(copy_of_rules)
    rule = copy_of_rules / "rules" / "secrecy" / "secrecy-default.yaml"
    rule.write_text(rule.read_text(encoding="utf-8").replace("provisions: [oa-22, oa-23]", "provisions: [oa-22, oa-999]"), encoding="utf-8")
    with pytest.raises(RulesetError, match="oa-999"):
        load_ruleset(copy_of_rules)


def test_a_corrupt_cache_entry_is_ignored(copy_of_rules, tmp_path):
    expected = load_ruleset(copy_of_rules).digest
    for entry in (tmp_path / "cache").glob("ruleset-*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert load_ruleset(copy_of_rules).digest == expected


def test_an_unwritable_cache_folder_is_no_error(copy_of_rules, tmp_path, monkeypatch):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    monkeypatch.setenv("INFOSHARE_CACHE_DIR", str(blocker / "cache"))
    assert load_ruleset(copy_of_rules).rules
    assert cache.load("nothing") is None
