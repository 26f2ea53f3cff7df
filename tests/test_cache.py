"""The ruleset cache: a hit gives the same ruleset, any edit is a miss, and nothing the cache holds is served
unless it is the user's own plain data for exactly the bytes that were parsed."""

from __future__ import annotations

import json
import os
import pickle

import pytest
from rule_data import copy_rule_data

from infoshare.core import cache, loader
from infoshare.core.loader import load_ruleset
from infoshare.errors import RulesetError

SECRECY = ("rules", "secrecy", "secrecy-default.yaml")
ORIGINAL_PROVISIONS = "provisions: [oa-22, oa-23]"


@pytest.fixture()
def cache_folder(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("INFOSHARE_CACHE_DIR", str(folder))
    return folder


@pytest.fixture()
def copy_of_rules(tmp_path, cache_folder):
    return copy_rule_data(tmp_path / "root")


def entries(folder):
    return sorted(folder.glob("ruleset-*.json"))


def test_a_second_load_comes_from_the_cache_and_is_the_same(copy_of_rules, cache_folder):
    first = load_ruleset(copy_of_rules)
    assert len(entries(cache_folder)) == 1
    second = load_ruleset(copy_of_rules)
    assert second is not first
    assert (second.digest, second.rules, second.provisions, second.vocabulary) == (first.digest, first.rules, first.provisions, first.vocabulary)
    assert second.rule_files == first.rule_files and second.descendants == first.descendants


def test_the_entry_is_plain_json_and_the_folder_is_private(copy_of_rules, cache_folder):
    load_ruleset(copy_of_rules)
    (entry,) = entries(cache_folder)
    assert isinstance(json.loads(entry.read_text(encoding="utf-8")), dict)
    assert cache_folder.stat().st_mode & 0o077 == 0


def test_an_edited_rule_is_a_miss_and_is_validated_again(copy_of_rules):
    load_ruleset(copy_of_rules)
    rule = copy_of_rules.joinpath(*SECRECY)
    rule.write_text(rule.read_text(encoding="utf-8").replace(ORIGINAL_PROVISIONS, "provisions: [oa-22, oa-999]"), encoding="utf-8")
    with pytest.raises(RulesetError, match="oa-999"):
        load_ruleset(copy_of_rules)


def test_a_rule_edited_during_a_cold_start_is_never_served_from_the_cache(copy_of_rules, monkeypatch):
    """The file changes on disk right after it was read: the cache entry must hold what was read under the
    key of what was read, so the next load sees the edit."""
    rule = copy_of_rules.joinpath(*SECRECY)
    edited = rule.read_text(encoding="utf-8").replace(ORIGINAL_PROVISIONS, "provisions: [oa-22]")
    real_read = loader.read_source

    def read_then_edit(path, display=None):
        data = real_read(path, display)
        if path == rule and ORIGINAL_PROVISIONS.encode() in data:
            rule.write_text(edited, encoding="utf-8")
        return data

    monkeypatch.setattr(loader, "read_source", read_then_edit)
    during = load_ruleset(copy_of_rules)
    assert during.rules["secrecy-default"].provisions == ["oa-22", "oa-23"]
    monkeypatch.setattr(loader, "read_source", real_read)
    after = load_ruleset(copy_of_rules)
    assert after.rules["secrecy-default"].provisions == ["oa-22"]
    assert load_ruleset(copy_of_rules, cached=False).digest == after.digest


def _plant_flipped_entry(copy_of_rules, cache_folder):
    """Rewrite the stored entry so the secrecy default becomes a permit, keeping its digest and key."""
    load_ruleset(copy_of_rules)
    (entry,) = entries(cache_folder)
    data = json.loads(entry.read_text(encoding="utf-8"))
    for rule in data["rules"]:
        if rule["id"] == "secrecy-default":
            rule["effect"] = "permit"
            rule.pop("fallback", None)  # a permit is no secrecy default: the entry must still validate
    entry.write_text(json.dumps(data), encoding="utf-8")
    return entry


def test_a_tampered_entry_of_our_own_is_served_which_shows_the_planted_entries_below_would_be(copy_of_rules, cache_folder):
    _plant_flipped_entry(copy_of_rules, cache_folder)
    assert load_ruleset(copy_of_rules).rules["secrecy-default"].effect == "permit"


def test_an_entry_others_may_write_is_not_served(copy_of_rules, cache_folder):
    entry = _plant_flipped_entry(copy_of_rules, cache_folder)
    entry.chmod(0o666)
    assert load_ruleset(copy_of_rules).rules["secrecy-default"].effect == "forbid"


def test_a_shared_cache_folder_is_not_trusted(copy_of_rules, cache_folder):
    _plant_flipped_entry(copy_of_rules, cache_folder)
    cache_folder.chmod(0o777)
    assert load_ruleset(copy_of_rules).rules["secrecy-default"].effect == "forbid"


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_an_entry_owned_by_another_user_is_not_served(copy_of_rules, cache_folder):
    entry = _plant_flipped_entry(copy_of_rules, cache_folder)
    os.chown(entry, 65534, 65534)
    assert load_ruleset(copy_of_rules).rules["secrecy-default"].effect == "forbid"


def test_a_linked_or_special_entry_is_not_served(copy_of_rules, cache_folder, tmp_path):
    entry = _plant_flipped_entry(copy_of_rules, cache_folder)
    elsewhere = tmp_path / "planted.json"
    entry.rename(elsewhere)
    entry.symlink_to(elsewhere)
    assert load_ruleset(copy_of_rules).rules["secrecy-default"].effect == "forbid"
    entry.unlink()
    os.mkfifo(entry)
    assert load_ruleset(copy_of_rules).rules["secrecy-default"].effect == "forbid"  # and does not wait on the pipe


class _Payload:
    def __reduce__(self):
        return (exec, ("import pathlib; pathlib.Path(__import__('os').environ['INFOSHARE_CACHE_DIR'], 'ran').touch()",))


def test_a_pickle_in_the_cache_folder_is_never_loaded_and_is_removed(copy_of_rules, cache_folder):
    cache_folder.mkdir(mode=0o700)
    key = cache.key(loader._named(copy_of_rules, loader.read_sources(_sources(copy_of_rules))), copy_of_rules)
    planted = cache_folder / f"ruleset-{key}.pickle"
    planted.write_bytes(pickle.dumps(_Payload()))
    load_ruleset(copy_of_rules)
    load_ruleset(copy_of_rules)
    assert not (cache_folder / "ran").exists()
    assert not planted.exists()


def _sources(root):
    acts, rules = loader.source_paths(root)
    return [root / "vocabulary.yaml", root / "ruleset.yaml", *acts, *rules]


def test_a_corrupt_cache_entry_is_ignored(copy_of_rules, cache_folder):
    expected = load_ruleset(copy_of_rules).digest
    for entry in entries(cache_folder):
        entry.write_bytes(b"not json")
    assert load_ruleset(copy_of_rules).digest == expected
    for entry in entries(cache_folder):
        entry.write_text('{"key": "x", "rules": [[[[]]]]}')
    assert load_ruleset(copy_of_rules).digest == expected


def test_old_entries_are_pruned(copy_of_rules, cache_folder):
    cache_folder.mkdir(mode=0o700)
    for number in range(cache.KEEP_ENTRIES + 3):
        old = cache_folder / f"ruleset-{number:032x}.json"
        old.write_text("{}")
        os.utime(old, (1_000_000 + number, 1_000_000 + number))
    stale_temporary = cache_folder / ".ruleset-abandoned"
    stale_temporary.write_text("{")
    os.utime(stale_temporary, (1_000_000, 1_000_000))
    load_ruleset(copy_of_rules)
    kept = entries(cache_folder)
    assert len(kept) == cache.KEEP_ENTRIES
    assert cache_folder / f"ruleset-{0:032x}.json" not in kept
    assert not stale_temporary.exists()


@pytest.mark.parametrize("home", ["", "relative/home"])
def test_without_an_absolute_home_there_is_no_cache(monkeypatch, home):
    monkeypatch.delenv("INFOSHARE_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", home)
    assert cache.cache_dir() is None
    cache.store("nothing", {"x": 1})
    assert cache.load("nothing") is None


def test_an_unwritable_cache_folder_is_no_error(copy_of_rules, tmp_path, monkeypatch):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    monkeypatch.setenv("INFOSHARE_CACHE_DIR", str(blocker / "cache"))
    assert load_ruleset(copy_of_rules).rules
    assert cache.load("nothing") is None
