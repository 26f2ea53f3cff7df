"""The rulebook site without a browser: every internal link lands, nothing is fetched from outside, output is stable.

The browser checks (search, clicks, console errors) are in tests/e2e/test_rulebook.py.
"""

from __future__ import annotations

import dataclasses
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from infoshare.domain import LANGUAGES
from infoshare.errors import UsageError
from infoshare.review.rulebook import build, render_pages, write_site

# The only outside addresses a page may hold: links (never resources) to the statute texts.
STATUTE_HOSTS = {"www.finlex.fi", "finlex.fi", "eur-lex.europa.eu", "www.eduskunta.fi", "www.riksdagen.fi"}


class Page(HTMLParser):
    """The ids, the links and every other attribute value of one page, and the text of its style and script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.other_urls: list[tuple[str, str, str]] = []
        self.code: list[str] = []
        self._in_code = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_code = tag in ("script", "style")
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            elif tag == "a" and name == "href" and value:
                self.links.append(value)
            elif value and ("//" in value or name in ("src", "href", "action", "srcset", "style")):
                self.other_urls.append((tag, name, value))

    def handle_endtag(self, tag: str) -> None:
        self._in_code = False

    def handle_data(self, data: str) -> None:
        if self._in_code:
            self.code.append(data)


@pytest.fixture(scope="module")
def site(ruleset, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("rulebook") / "site"
    build(ruleset, out)
    return out


@pytest.fixture(scope="module")
def pages(site) -> dict[str, Page]:
    parsed = {}
    for path in sorted(site.rglob("*.html")):
        page = Page()
        page.feed(path.read_text(encoding="utf-8"))
        parsed[path.relative_to(site).as_posix()] = page
    return parsed


def test_a_page_for_every_act_and_every_rule(ruleset, site):
    acts = {p.act.act.replace(" ", "-").replace("/", "-").lower() for p in ruleset.provisions.values()}
    assert {p.stem for p in (site / "acts").glob("*.html")} == acts
    assert {p.stem for p in (site / "rules").glob("*.html")} == set(ruleset.rules)
    assert (site / "index.html").is_file()
    assert not [p for p in site.parent.iterdir() if p.name.startswith(".site.")], "a staging folder was left behind"


def test_every_internal_link_lands_on_a_page_and_anchor(site, pages):
    broken = []
    for name, page in pages.items():
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme:
                continue
            target = (site / name).parent / unquote(parts.path) if parts.path else site / name
            target_name = target.resolve().relative_to(site.resolve()).as_posix()
            if target_name not in pages:
                broken.append(f"{name}: {href} (no such page)")
            elif parts.fragment and parts.fragment not in pages[target_name].ids:
                broken.append(f"{name}: {href} (no such anchor)")
    assert not broken, "\n".join(broken)


def test_nothing_is_fetched_from_outside(pages, ruleset):
    act_urls = {p.act.url for p in ruleset.provisions.values()}
    problems = []
    for name, page in pages.items():
        for href in page.links:
            if urlsplit(href).scheme and (urlsplit(href).hostname not in STATUTE_HOSTS or href not in act_urls):
                problems.append(f"{name}: a link outside the statute texts: {href}")
        for tag, attribute, value in page.other_urls:
            if not (tag == "link" and attribute == "href" and value == "data:,"):
                problems.append(f"{name}: <{tag} {attribute}={value!r}> would load a resource")
        for code in page.code:
            if re.search(r"https?:|//[a-z]|@import|url\(", code):
                problems.append(f"{name}: inline CSS or script refers to an outside resource")
    assert not problems, "\n".join(problems)
    assert any(href.startswith("https://www.finlex.fi/") for page in pages.values() for href in page.links)


def test_rule_pages_link_provisions_overrides_and_coverage(ruleset, site):
    text = (site / "rules" / "cwa-25-1-notify-child-welfare.html").read_text(encoding="utf-8")
    assert 'href="../acts/417-2007.html#cwa-25-1"' in text
    assert 'href="secrecy-default.html" data-rel="overrides"' in text
    assert "Lastensuojeluilmoitus on tehtävä" in text and "Barnskyddsanmälan ska göras" in text
    assert re.search(r"Decides [1-9]\d* cases: [1-9]\d* of its own", text)
    default = (site / "rules" / "secrecy-default.html").read_text(encoding="utf-8")
    assert 'href="cwa-25-1-notify-child-welfare.html" data-rel="overridden-by"' in default


def test_act_pages_show_verification(ruleset, site):
    unverified = next(p for _, p in sorted(ruleset.provisions.items()) if not p.section.verified and not p.pending)
    slug = unverified.act.act.replace(" ", "-").replace("/", "-").lower()
    text = (site / "acts" / f"{slug}.html").read_text(encoding="utf-8")
    section = text[text.index(f'id="{unverified.section.id}"') :]
    assert '<span class="unverified">unverified</span>' in section.split("</section>")[0]


def test_the_search_index_lists_every_rule_and_act(ruleset, site):
    text = (site / "index.html").read_text(encoding="utf-8")
    raw = re.search(r'<script type="application/json" id="search-index">(.*?)</script>', text, re.S)
    assert raw is not None
    entries = json.loads(raw.group(1))
    rules = {e["id"]: e for e in entries if e["kind"] == "rule"}
    assert set(rules) == set(ruleset.rules)
    assert rules["cwa-25-1-notify-child-welfare"]["provisions"] == ["cwa-25-1"]
    assert set(LANGUAGES) == set(rules["consent-given"]["title"])
    assert {e["id"] for e in entries if e["kind"] == "act"} == {p.act.act for p in ruleset.provisions.values()}


def test_output_is_deterministic(ruleset, site):
    again = render_pages(ruleset)
    on_disk = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    assert again == on_disk


def test_text_from_rule_files_is_escaped(ruleset):
    rule = ruleset.rules["consent-given"]
    hostile = rule.model_copy(update={"title": rule.title.model_copy(update={"en": "</script><script>alert(1)</script>"})})
    pages = render_pages(dataclasses.replace(ruleset, rules={**ruleset.rules, "consent-given": hostile}))
    assert "<script>alert(1)" not in pages["rules/consent-given.html"]
    assert "<script>alert(1)" not in pages["index.html"]
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in pages["rules/consent-given.html"]


def test_a_rebuild_replaces_the_site_whole(tmp_path):
    out = tmp_path / "site"
    write_site({"index.html": '<meta name="generator" content="infoshare rulebook">old', "rules/gone.html": "x"}, out)
    write_site({"index.html": '<meta name="generator" content="infoshare rulebook">new'}, out)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == ["index.html"]
    assert (out / "index.html").read_text(encoding="utf-8").endswith("new")
    assert [p.name for p in tmp_path.iterdir()] == ["site"], "staging or old folders were left behind"


def test_a_folder_that_is_not_a_rulebook_is_never_replaced(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(UsageError, match="not a rulebook"):
        write_site({"index.html": "x"}, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    assert [p.name for p in tmp_path.parent.iterdir() if p.name.startswith(f".{tmp_path.name}.")] == []
