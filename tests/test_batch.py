"""`infoshare batch`: one question a line in, the same answer `check` gives a line out, in order; bad lines get error objects."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from strategies import sample_questions

from infoshare.cli.batch import CHUNK, run_batch
from infoshare.errors import UsageError

ROOT = Path(__file__).resolve().parent.parent


def question_lines(ruleset, count: int, seed: int = 3) -> list[str]:
    return [json.dumps(q.model_dump(mode="json", exclude_none=True)) for q in sample_questions(ruleset, count, seed=seed)]


def test_each_line_gets_the_answer_check_gives_in_order(tmp_path, ruleset, durable):
    lines = question_lines(ruleset, 12)
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    answered, invalid = run_batch(source, tmp_path / "out.jsonl")
    out = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert (answered, invalid) == (12, 0)
    expected = [durable.answer(q).to_dict() for q in sample_questions(ruleset, 12, seed=3)]
    assert [json.loads(line) for line in out] == expected


def test_a_bad_line_gives_an_error_object_with_its_line_and_the_batch_goes_on(tmp_path, ruleset):
    good = question_lines(ruleset, 2)
    wrong_role = json.dumps({**json.loads(good[0]), "discloser": "polise"})
    personal = json.dumps({**json.loads(good[0]), "facts": {"note": "131052-308T"}})
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join([good[0], "{not json", "", wrong_role, personal, good[1]]) + "\n", encoding="utf-8")
    answered, invalid = run_batch(source, tmp_path / "out.jsonl")
    out = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert (answered, invalid) == (2, 3)
    assert [o.get("error", {}).get("line") for o in out] == [None, 2, 4, 5, None]
    assert "outcome" in out[0] and "outcome" in out[-1]
    assert out[2]["error"]["problems"][0].endswith("in.jsonl:4: unknown role 'polise' (did you mean 'police'?)")
    assert all(o["error"]["exit_code"] == 4 for o in out[1:4])
    assert "131052-308T" not in json.dumps(out[3])  # the refusal never echoes the personal data


def test_jobs_answer_in_input_order(tmp_path, ruleset):
    lines = question_lines(ruleset, 2 * CHUNK + 10, seed=5)
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run_batch(source, tmp_path / "one.jsonl", engine="reference")
    run_batch(source, tmp_path / "two.jsonl", engine="reference", jobs=2)
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()


def test_a_missing_input_is_a_usage_error_and_writes_nothing(tmp_path):
    with pytest.raises(UsageError):
        run_batch(tmp_path / "absent.jsonl", tmp_path / "out.jsonl")
    assert not list(tmp_path.iterdir())


def test_stdin_to_stdout_through_the_command(ruleset):
    lines = question_lines(ruleset, 3)
    text = "\n".join([lines[0], "[1, 2]", lines[1]]) + "\n"
    env = {**os.environ, "INFOSHARE_ROOT": str(ROOT)}
    done = subprocess.run([sys.executable, str(ROOT / "cli.py"), "batch", "-", "-o", "-"], input=text, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 4, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [("outcome" in o, o.get("error", {}).get("line")) for o in out] == [(True, None), (False, 2), (True, None)]
    assert out[1]["error"]["problems"][0].startswith("<stdin>:2:")
    assert "\r" not in done.stderr  # no progress bar when stderr is not a terminal
