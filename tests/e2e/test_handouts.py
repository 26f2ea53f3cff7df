"""The scenario handouts in a real headless browser (Debian's chromium, driven by Playwright): they load
cleanly, fetch nothing, and print with the answers starting on a page after the story and the questions.

The handouts are exported into a temporary folder and served from 127.0.0.1 by the
fixtures in conftest.py (`base_url` serves this module's `site`; `watched` refuses and records every outside request).
Where a passage lands in the PDF is read from the link annotations Chromium writes on each page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from infoshare.core.loader import default_root
from infoshare.training.handouts import export
from infoshare.training.scenarios import load_scenarios

from .conftest import SKIP_WITHOUT_CHROMIUM

pytestmark = SKIP_WITHOUT_CHROMIUM

MARKS = """() => {
  const mark = (selector, name, where) => {
    const link = document.createElement("a");
    link.href = "https://mark.invalid/" + name;
    link.textContent = "\u00b7";
    document.querySelector(selector).insertAdjacentElement(where, link);
  };
  mark("section.story", "story-start", "afterbegin");
  mark("section.for-class", "questions-end", "beforeend");
  mark("section.answers", "answers-start", "afterbegin");
}"""


@pytest.fixture(scope="module")
def site(durable, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("e2e") / "handouts"
    export(durable, [], out, "fi")
    return out


def link_pages(pdf: bytes) -> dict[str, int]:
    """The page (from 0) on which each link address first appears in a PDF that Chromium printed."""
    objects = {int(m.group(1)): m.group(2) for m in re.finditer(rb"(\d+) 0 obj\s*(<<.*?>>)\s*(?:stream|endobj)", pdf, re.S)}
    kids = re.search(rb"/Type /Pages\s.*?/Kids \[([^\]]*)\]", pdf, re.S)
    assert kids, "no page tree in the PDF"
    found: dict[str, int] = {}
    for number, page in enumerate(int(ref) for ref in re.findall(rb"(\d+) 0 R", kids.group(1))):
        annots = re.search(rb"/Annots \[([^\]]*)\]", objects[page])
        for ref in re.findall(rb"(\d+) 0 R", annots.group(1) if annots else b""):
            uri = re.search(rb"/URI \((.*?)\)>>", objects[int(ref)])
            if uri:
                found.setdefault(uri.group(1).decode(), number)
    return found


def test_every_handout_loads_without_errors_or_outside_requests(watched, site):
    pages = sorted(p.name for p in site.glob("*.html"))
    assert len(pages) == len(load_scenarios(default_root())) + 1
    for page in pages:
        watched.open(page)
    assert not watched.problems, "\n".join(watched.problems)


def test_the_index_links_to_every_scenario(watched, site):
    watched.open("index.html")
    hrefs = watched.page.locator("ol.scenarios a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert sorted(hrefs) == sorted(p.name for p in site.glob("*.html") if p.name != "index.html")
    watched.page.locator("ol.scenarios a").first.click()
    watched.page.wait_for_url(f"**/{hrefs[0]}")
    assert watched.page.locator("section.answers").count() == 1
    assert not watched.problems, "\n".join(watched.problems)


def test_printed_answers_start_on_a_later_page_than_the_story(watched, site):
    for page in sorted(p.name for p in site.glob("*.html") if p.name != "index.html"):
        watched.open(page)
        watched.page.evaluate(MARKS)
        where = link_pages(watched.page.pdf(format="A4"))
        story, questions, answers = (where[f"https://mark.invalid/{name}"] for name in ("story-start", "questions-end", "answers-start"))
        assert story == 0, f"{page}: the story does not open the first page"
        assert answers > questions >= story, f"{page}: the answers start on page {answers + 1}, the questions end on page {questions + 1}"
    assert not watched.problems, "\n".join(watched.problems)
