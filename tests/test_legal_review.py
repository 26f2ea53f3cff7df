"""docs/legal-review.md is generated and kept current, and it says for every provision what its paraphrase was checked against and, for an unverified one, why."""

from __future__ import annotations

import dataclasses

import pytest

from infoshare.review.legal_review import COMMAND, checked_against, load_patterns, render


def test_legal_review_is_up_to_date(ruleset):
    committed = (ruleset.root / "docs" / "legal-review.md").read_text(encoding="utf-8")
    assert committed == render(ruleset), f"docs/legal-review.md is stale: run `{COMMAND}`"


def test_every_dossier_pattern_is_encoded_or_explained(ruleset):
    patterns = load_patterns(ruleset)
    assert [p.id for p in patterns] == [f"R{n}" for n in range(1, 27)]
    for pattern in patterns:
        if pattern.status == "encoded":
            assert pattern.rules, pattern.id
        else:
            assert pattern.note, f"{pattern.id} is {pattern.status} but says not why"


def test_every_unverified_provision_in_use_is_listed_for_review(ruleset):
    review_list = render(ruleset).split("## The dossier's decision patterns")[0]
    for rule in ruleset.rules.values():
        for provision_id in rule.provisions:
            if not ruleset.provisions[provision_id].section.verified:
                assert f"`{provision_id}`" in review_list


def test_an_unwritable_output_is_a_usage_error_not_a_bug(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    result = subprocess.run([str(Path(sys.executable).parent / "infoshare"), "legal-review", "-o", str(tmp_path / "missing" / "review.md")],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "cannot write" in result.stderr and "Traceback" not in result.stderr


def test_every_unverified_provision_says_why_and_the_review_shows_it(ruleset):
    why_section = render(ruleset).split("## Why ")[1].split("## The dossier's decision patterns")[0]
    for provision_id, provision in ruleset.provisions.items():
        if provision.section.verified:
            continue
        assert provision.section.unverified_because, f"{provision_id} is unverified but gives no `unverified_because`"
        row = next(line for line in why_section.splitlines() if line.startswith(f"| `{provision_id}` |"))
        assert " ".join(provision.section.unverified_because.split()) in row


def test_the_review_counts_the_unverified_provisions(ruleset):
    unverified = sum(not p.section.verified for p in ruleset.provisions.values())
    review = render(ruleset)
    assert f", {unverified} not (each with its reason below)." in review
    assert f"## Why {unverified} provisions are unverified" in review


def test_every_statute_file_a_source_names_exists(ruleset):
    """A `source` naming finlex/fi/asd….xml is a claim that the paraphrase was read against that file."""
    finlex = ruleset.root.parent / "shared" / "legal" / "finlex"
    if not finlex.is_dir():
        pytest.skip("../shared/legal/finlex is not beside this checkout")
    for provision_id, provision in ruleset.provisions.items():
        for name in checked_against(provision):
            assert (finlex / name.removeprefix("finlex/")).is_file(), f"{provision_id}: {name} is not in {finlex}"


def test_checked_against_lists_the_statute_files_of_the_source_once_each(ruleset):
    provision = next(iter(ruleset.provisions.values()))
    section = provision.section.model_copy(update={
        "source": "verification.md item 1; finlex/fi/asd20230703.xml; finlex/sv/asd20230703.xml; finlex/fi/asd20230703.xml"})
    assert checked_against(dataclasses.replace(provision, section=section)) == [
        "finlex/fi/asd20230703.xml", "finlex/sv/asd20230703.xml"]


def test_a_verified_provision_cannot_say_why_it_is_unverified():
    from pydantic import ValidationError

    from infoshare.core.model import Section

    texts = {"fi": "x", "sv": "x", "en": "x"}
    with pytest.raises(ValidationError, match="unverified_because"):
        Section(id="x-1", title=texts, paraphrase=texts, verified=True, source="finlex/fi/asd1.xml",
                unverified_because="because", confidence="H")
