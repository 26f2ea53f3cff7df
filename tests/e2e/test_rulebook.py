"""The rulebook in a real headless browser: Playwright drives Debian's chromium package (no browser download).

The site is built into a temporary folder and served from 127.0.0.1, as a reviewer would open it; every
request that leaves that server is refused and counted (conftest.py), so a page that needs the internet fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from infoshare.review.rulebook import build

from .conftest import SKIP_WITHOUT_CHROMIUM

pytestmark = SKIP_WITHOUT_CHROMIUM


@pytest.fixture(scope="module")
def site(ruleset, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("e2e") / "site"
    build(ruleset, out)
    return out


def test_every_page_loads_without_errors(watched, site):
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert len(pages) > 50
    for relative in pages:
        watched.open(relative)
    assert not watched.problems, "\n".join(watched.problems)


@pytest.mark.parametrize("rule_id", ["cwa-25-1-notify-child-welfare", "ngo-consent-gdpr"])
def test_search_finds_a_rule_by_its_id(watched, rule_id):
    watched.open("index.html")
    watched.page.locator("#search").fill(rule_id)
    expect(watched.page.locator(f'li[data-href="rules/{rule_id}.html"]')).to_be_visible()
    expect(watched.page.locator("li[data-href]:visible")).to_have_count(1)
    expect(watched.page.locator("#search-status")).to_have_text("1 match")
    assert not watched.problems, "\n".join(watched.problems)


@pytest.mark.parametrize("rule_id", ["cwa-25-1-notify-child-welfare", "ngo-consent-gdpr"])
def test_search_finds_a_rule_by_a_finnish_title_word(watched, ruleset, rule_id):
    word = max(re.findall(r"\w+", ruleset.rules[rule_id].title.fi), key=len).lower()
    watched.open("index.html")
    total = watched.page.locator("li[data-href]").count()
    watched.page.locator("#search").press_sequentially(word)
    expect(watched.page.locator(f'li[data-href="rules/{rule_id}.html"]')).to_be_visible()
    assert watched.page.locator("li[data-href]:visible").count() < total, f"'{word}' filtered nothing out"
    assert not watched.problems, "\n".join(watched.problems)


def test_a_search_without_matches_says_so(watched):
    watched.open("index.html")
    watched.page.locator("#search").fill("zzzz-no-such-rule")
    expect(watched.page.locator("li[data-href]:visible")).to_have_count(0)
    expect(watched.page.locator("#search-empty")).to_be_visible()
    assert not watched.problems, "\n".join(watched.problems)


def test_a_provision_link_reaches_the_section_on_the_act_page_and_back(watched):
    watched.open("rules/cwa-25-1-notify-child-welfare.html")
    watched.page.locator('#provisions + ul a[href="../acts/417-2007.html#cwa-25-1"]').click()
    watched.page.wait_for_url("**/acts/417-2007.html#cwa-25-1")
    section = watched.page.locator("section#cwa-25-1")
    expect(section).to_be_in_viewport()
    expect(section.locator("h3")).to_contain_text("cwa-25-1")
    section.locator('a[href="../rules/cwa-25-1-notify-child-welfare.html"]').click()
    watched.page.wait_for_url("**/rules/cwa-25-1-notify-child-welfare.html")
    expect(watched.page.locator("h1")).to_contain_text("cwa-25-1-notify-child-welfare")
    assert not watched.problems, "\n".join(watched.problems)


def test_overrides_and_overridden_by_links_reach_the_other_rule(watched, ruleset):
    winner = next(rule_id for rule_id, rule in sorted(ruleset.rules.items()) if rule.overrides)
    loser = sorted(ruleset.rules[winner].overrides)[0]
    watched.open(f"rules/{winner}.html")
    watched.page.locator(f'a[data-rel="overrides"][href="{loser}.html"]').click()
    watched.page.wait_for_url(f"**/rules/{loser}.html")
    expect(watched.page.locator("h1")).to_contain_text(loser)
    watched.page.locator(f'a[data-rel="overridden-by"][href="{winner}.html"]').click()
    watched.page.wait_for_url(f"**/rules/{winner}.html")
    expect(watched.page.locator("h1")).to_contain_text(winner)
    assert not watched.problems, "\n".join(watched.problems)
