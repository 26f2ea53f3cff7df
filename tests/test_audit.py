"""The audit trail: whole, hash-chained lines under concurrent writers, and `verify` naming every broken line."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest
from strategies import sample_questions

from infoshare.errors import UsageError
from infoshare.render.audit import GENESIS, AuditLog, line_hash, verify

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def answers(ruleset, reference):
    return [reference.answer(q) for q in sample_questions(ruleset, 6, seed=11)]


def written(tmp_path, answers) -> Path:
    log = tmp_path / "audit.jsonl"
    for answer in answers:
        AuditLog(log).record(answer)
    return log


def lines_of(log: Path) -> list[bytes]:
    return log.read_bytes().removesuffix(b"\n").split(b"\n")


def test_each_decision_is_one_chained_line_that_replays_the_question(tmp_path, answers, ruleset, reference):
    log = written(tmp_path, answers)
    raw = lines_of(log)
    entries = [json.loads(line) for line in raw]
    assert [e["seq"] for e in entries] == list(range(1, len(answers) + 1))
    assert [e["prev"] for e in entries] == [GENESIS, *(line_hash(line) for line in raw[:-1])]
    for entry, answer in zip(entries, answers):
        assert entry["ruleset"] == {"version": ruleset.version, "digest": ruleset.digest, "as_of": answer.ruleset["as_of"]}
        assert (entry["outcome"], entry["refer_reason"], entry["grounds"]) == (answer.outcome, answer.refer_reason, [g.rule for g in answer.grounds])
        from infoshare.core.question import question_from_data

        replayed = reference.answer(question_from_data(entry["question"], "<audit>", ruleset))
        assert replayed.to_dict() == answer.to_dict()
    result = verify(log)
    assert (result.lines, result.findings, result.head) == (len(answers), [], line_hash(raw[-1]))


def rewrite(log: Path, lines: list[bytes], end: bytes = b"\n") -> None:
    log.write_bytes(b"\n".join(lines) + end)


def test_an_edited_line_is_named(tmp_path, answers):
    log = written(tmp_path, answers)
    raw = lines_of(log)
    entry = json.loads(raw[2])
    entry["outcome"] = "may_share" if entry["outcome"] != "may_share" else "must_share"
    raw[2] = json.dumps(entry, separators=(",", ":")).encode()
    rewrite(log, raw)
    assert [f.line for f in verify(log).findings] == [3]


def test_a_removed_line_is_named_by_the_line_now_in_its_place(tmp_path, answers):
    log = written(tmp_path, answers)
    raw = lines_of(log)
    rewrite(log, raw[:2] + raw[3:])
    findings = verify(log).findings
    assert [f.line for f in findings] == [3] and "removed" in findings[0].message


def test_reordered_lines_are_named(tmp_path, answers):
    log = written(tmp_path, answers)
    raw = lines_of(log)
    raw[1], raw[2] = raw[2], raw[1]
    rewrite(log, raw)
    assert [f.line for f in verify(log).findings] == [2, 3]


def test_a_line_cut_by_a_crash_is_reported_and_the_next_writer_closes_it(tmp_path, answers):
    log = written(tmp_path, answers[:4])
    data = log.read_bytes()
    log.write_bytes(data[: len(data) - 40])  # the last write was interrupted part-way
    findings = verify(log).findings
    assert [f.line for f in findings] == [4] and "cut short" in findings[0].message and "interrupted" in findings[0].message
    AuditLog(log).record(answers[4])
    findings = verify(log).findings
    assert [f.line for f in findings] == [4], findings  # still reported, never silently accepted; the new line chains on
    assert json.loads(lines_of(log)[4])["seq"] == 5


def _write_many(log: str, answers_json: list[dict], count: int) -> None:
    class Recorded:  # the fields an audit line reads from an Answer
        def __init__(self, data: dict):
            self.question, self.ruleset = data["question"], data["ruleset"]
            self.outcome, self.refer_reason = data["outcome"], data["refer_reason"]
            self.grounds = [type("G", (), {"rule": g["rule"]}) for g in data["grounds"]]

    audit = AuditLog(Path(log))
    for index in range(count):
        audit.record(Recorded(answers_json[index % len(answers_json)]))


def test_concurrent_writers_interleave_whole_lines_and_keep_the_chain(tmp_path, answers):
    log = tmp_path / "audit.jsonl"
    data = [a.to_dict() for a in answers]
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    writers = [context.Process(target=_write_many, args=(str(log), data, 30)) for _ in range(4)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=60)
    assert all(w.exitcode == 0 for w in writers)
    result = verify(log)
    assert (result.lines, result.findings) == (120, [])


def test_check_appends_to_the_log_and_verify_reports_it(tmp_path, answers):
    log = written(tmp_path, answers[:1])
    env = {**os.environ, "INFOSHARE_ROOT": str(ROOT)}
    example = ROOT / "examples" / "must-share-child-welfare-notification.yaml"
    check = [sys.executable, str(ROOT / "cli.py"), "check", str(example), "--format", "json", "--audit-log", str(log)]
    checked = subprocess.run(check, capture_output=True, text=True, env=env, timeout=60)
    answer = json.loads(checked.stdout)
    entry = json.loads(lines_of(log)[1])
    assert (entry["seq"], entry["question"], entry["outcome"]) == (2, answer["question"], answer["outcome"])
    command = [sys.executable, str(ROOT / "cli.py"), "audit", "verify", str(log)]
    whole = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    assert whole.returncode == 0 and "the chain is whole" in whole.stdout
    log.write_bytes(log.read_bytes()[:-10])
    broken = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    assert broken.returncode == 7 and "line 2: cut short" in broken.stdout


def test_a_kept_head_shows_lines_lost_from_the_end(tmp_path, answers):
    log = written(tmp_path, answers)
    raw = lines_of(log)
    head = verify(log).head
    assert verify(log, head).kept_head_line == len(raw)
    AuditLog(log).record(answers[0])  # the log grows: the kept head is an earlier line, still there
    grown = verify(log, head)
    assert (grown.findings, grown.kept_head_line) == ([], len(raw))
    rewrite(log, raw[:-1])  # the last line removed: the chain alone stays whole
    assert verify(log).findings == []
    shortened = verify(log, head)
    assert [(f.line, "no line has the kept head" in f.message) for f in shortened.findings] == [(None, True)]
    with pytest.raises(UsageError, match="not a head"):
        verify(log, "sha256:xyz")


def test_replay_decides_each_line_again_and_names_the_one_the_log_misstates(tmp_path, answers, ruleset):
    log = written(tmp_path, answers)
    raw = lines_of(log)
    entries = [json.loads(line) for line in raw]
    wrong = next(i for i, e in enumerate(entries) if e["outcome"] != "may_share")
    entries[wrong]["outcome"] = "may_share"
    unreadable = next(i for i in range(len(entries) - 1) if i != wrong)
    entries[unreadable]["question"]["item"] = "no_such_item"
    entries[-1]["ruleset"]["digest"] = "sha256:" + "1" * 64  # made under another ruleset: counted, never judged
    rewrite(log, [*(json.dumps(e).encode() for e in entries), b'{"seq": 99, "cut short'])  # and a line no entry: not replayed
    env = {**os.environ, "INFOSHARE_ROOT": str(ROOT)}
    command = [sys.executable, str(ROOT / "cli.py"), "audit", "replay", str(log), "--engine", "reference"]
    replayed = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    assert replayed.returncode == 7, replayed.stderr
    named = {int(line.split(": line ")[1].split(":")[0]): line for line in replayed.stdout.splitlines() if ": line " in line}
    assert list(named) == sorted([wrong + 1, unreadable + 1, len(entries) + 1])  # in line order
    assert "not a whole entry" in named[len(entries) + 1]
    assert f"decided again: {answers[wrong].outcome}" in named[wrong + 1] and "the log says may_share" in named[wrong + 1]
    assert "cannot be decided again" in named[unreadable + 1] and "no_such_item" in named[unreadable + 1]
    assert f"{len(answers) - 1} made under ruleset {ruleset.version}" in replayed.stdout
    assert f"of which {len(answers) - 3} decided again as logged" in replayed.stdout
    assert "1 made under ruleset" in replayed.stdout and "1" * 64 in replayed.stdout
    rewrite(log, raw)  # as written: every line agrees
    whole = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    assert whole.returncode == 0 and f"of which {len(answers)} decided again as logged" in whole.stdout
