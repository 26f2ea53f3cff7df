"""The HTML memo in a real headless browser (Debian's chromium): it loads cleanly and prints to PDF."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs Debian's package)")


@pytest.mark.parametrize("language", ("fi", "sv", "en"))
def test_html_memo_renders_and_prints(language, tmp_path, ruleset, durable):
    from infoshare.memo import render_html
    from infoshare.question import read_question_file

    question = read_question_file(ROOT / "examples" / "refer-missing-facts.yaml", ruleset).model_copy(update={"language": language})
    page = tmp_path / f"memo.{language}.html"
    page.write_text(render_html(durable.answer(question), ruleset, language), encoding="utf-8")
    profile = f"--user-data-dir={tmp_path / 'profile'}"

    dom = subprocess.run([CHROMIUM, *FLAGS, profile, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "<h1>" in dom.stdout and "<h2>" in dom.stdout and "sha256:" in dom.stdout

    pdf = tmp_path / f"memo.{language}.pdf"
    printed = subprocess.run([CHROMIUM, *FLAGS, profile, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert printed.returncode == 0, printed.stderr[-2000:]
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 5_000
