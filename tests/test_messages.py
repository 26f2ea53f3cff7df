"""The phrase catalogues: every key once, in every language, with the same placeholders in each."""

from __future__ import annotations

import string

import pytest
import yaml

from infoshare.core.documents import load_file
from infoshare.core.loader import default_root
from infoshare.domain import LANGUAGES
from infoshare.render.messages import catalogue, catalogue_files

FILES = catalogue_files(default_root())


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_a_catalogue_file_defines_each_key_once_in_every_language(path):
    doc = load_file(path, path.name)  # raises on a key written twice in one file
    for key, texts in doc.data.items():
        assert set(texts) == set(LANGUAGES), f"{path.name}:{doc.line_of((key,))}: {key} needs {', '.join(LANGUAGES)}"


def test_no_key_is_defined_in_two_catalogue_files():
    assert catalogue()  # merging raises on a key defined twice


@pytest.mark.parametrize("key", sorted(catalogue()))
def test_each_language_fills_the_same_placeholders(key):
    names = {lang: {f for _, f, _, _ in string.Formatter().parse(text) if f} for lang, text in catalogue()[key].items()}
    assert len({frozenset(found) for found in names.values()}) == 1, f"{key}: {names}"


def test_the_catalogue_kept_in_the_cache_follows_every_edit(tmp_path, monkeypatch):
    import shutil

    from infoshare.render.messages import _parsed

    monkeypatch.setenv("INFOSHARE_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "root"
    shutil.copytree(default_root() / "templates", root / "templates")
    parsed = _parsed.__wrapped__(root)  # parsed, and kept
    assert list((tmp_path / "cache").glob("messages-*.json"))
    assert _parsed.__wrapped__(root) == parsed  # from the cache
    messages = root / "templates" / "messages.yaml"
    messages.write_text(messages.read_text(encoding="utf-8") + "\nadded_by_a_test: {fi: a, sv: b, en: c}\n", encoding="utf-8")
    edited = _parsed.__wrapped__(root)
    assert edited == {**parsed, "added_by_a_test": {"fi": "a", "sv": "b", "en": "c"}}


def test_a_checkout_made_before_a_phrase_was_added_is_still_read(tmp_path, monkeypatch):
    """`--rules` with an older checkout: its templates lack a phrase this version words citations with."""
    from rule_data import copy_rule_data
    from typer.testing import CliRunner

    from infoshare.cli.app import app

    monkeypatch.setenv("INFOSHARE_CACHE_DIR", str(tmp_path / "cache"))
    root = copy_rule_data(tmp_path / "older")
    messages = root / "templates" / "messages.yaml"
    phrases = yaml.safe_load(messages.read_text(encoding="utf-8"))
    del phrases["cite.chapter"]
    messages.write_text(yaml.safe_dump(phrases, allow_unicode=True), encoding="utf-8")
    question = ["--from", "police", "--to", "social_services", "--item", "police_data", "--purpose", "anchor_case_work", "--as-of", "2025-03-01"]
    result = CliRunner().invoke(app, ["check", *question, "--rules", str(root), "--format", "json", "--lang", "fi"])
    assert result.exit_code in (0, 5), result.output
    assert "(872/2011) 7 luku 2 §" in result.stdout  # the Police Act's chapter, worded with this version's phrase
