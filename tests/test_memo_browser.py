"""The HTML memo in a real headless browser (Debian's chromium): it loads cleanly and prints on A4 with the verdict,
the filing fields, the secrecy marking and page numbers (the PDF read back with poppler's pdfinfo and pdftotext)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from infoshare.domain import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
POPPLER = shutil.which("pdftotext") and shutil.which("pdfinfo")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs Debian's package)")

FIELDS = {"fi": ("Päivämäärä", "Diaarinumero", "Organisaatio", "Päätöksentekijä"), "sv": ("Datum", "Diarienummer", "Organisation", "Beslutsfattare"),
          "en": ("Date", "Case or diary reference", "Organisation", "Decision-maker")}


@pytest.mark.parametrize("language", LANGUAGES)
def test_html_memo_renders_and_prints_on_a4_with_verdict_filing_fields_and_page_numbers(language, tmp_path, ruleset, durable):
    from infoshare.core.question import read_question_file
    from infoshare.render.memo import Filing, render_html
    from infoshare.render.messages import message

    question = read_question_file(ROOT / "examples" / "refer-missing-facts.yaml", ruleset).model_copy(update={"language": language})
    answer = durable.answer(question)
    filing = Filing("2026-04-01", "DNRO 7/2026", "Esimerkkikunta", None, "JulkL 24 § 1 mom. 25 k.")
    page = tmp_path / f"memo.{language}.html"
    page.write_text(render_html(answer, ruleset, language, filing), encoding="utf-8")
    profile = f"--user-data-dir={tmp_path / 'profile'}"

    dom = subprocess.run([CHROMIUM, *FLAGS, profile, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "<h1>" in dom.stdout and "<h2>" in dom.stdout and "sha256:" in dom.stdout

    pdf = tmp_path / f"memo.{language}.pdf"
    printed = subprocess.run([CHROMIUM, *FLAGS, profile, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert printed.returncode == 0, printed.stderr[-2000:]
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 5_000
    if not POPPLER:
        pytest.skip("poppler-utils is not installed: the printed page cannot be read back")

    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert re.search(r"^Page size:\s+59[45](\.\d+)? x 841(\.\d+)? pts \(A4\)", info, re.M), info
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
    first_page = text.split("\f")[0]
    flat = " ".join(first_page.split())
    assert message("outcome.refer", language) in flat, "the verdict is on the first page"
    for field in FIELDS[language]:
        assert field in flat, f"filing field {field} on the first page"
    assert "DNRO 7/2026" in flat and "Esimerkkikunta" in flat and "JulkL 24 § 1 mom. 25 k." in flat
    assert flat.index(message("outcome.refer", language)) < flat.index(FIELDS[language][1]), "the verdict comes before the filing fields"
    word = {"fi": "Sivu", "sv": "Sida", "en": "Page"}[language]
    for number, printed_page in enumerate(text.split("\f")[:pages], start=1):
        assert f"{word} {number} / {pages}" in printed_page, f"page number on page {number}"
        assert {"fi": "SALASSA PIDETTÄVÄ", "sv": "SEKRETESSBELAGD", "en": "SECRET"}[language] in printed_page, "the secrecy marking on every page"
