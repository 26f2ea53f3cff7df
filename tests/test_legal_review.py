"""docs/legal-review.md is generated, and kept current: a rules change that forgets to regenerate it fails."""

from __future__ import annotations

from infoshare.legal_review import COMMAND, load_patterns, render


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
