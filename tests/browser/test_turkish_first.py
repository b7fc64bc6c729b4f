"""A Turkish-first site (tests/sites/yildizkaya) in headless Chromium: the root is Turkish, and the
header's language menu leads from each Turkish page to its English page under /en/ and back."""

from __future__ import annotations

import pytest

from ..support.helpers import ROOT
from .checks import check_language_switch, check_search, goto, report
from .sites import read_site

pytestmark = pytest.mark.browser

SITE = read_site(ROOT / "tests" / "sites" / "yildizkaya" / "mkdocs.yml")


def test_the_language_menu_goes_from_the_turkish_root_to_english_and_back(context, served):
    site = served(SITE)
    assert site.languages == ["tr", "en"]
    page = context.new_page()
    goto(page, site.base_url)
    assert page.get_attribute("html", "lang") == "tr"
    assert page.locator("article h1").first.inner_text().rstrip("¶ ").strip() == "Çerez Politikası"
    page.locator(".md-header .md-select").hover()
    with page.expect_navigation():
        page.locator(".md-header .md-select a[hreflang='en']").click()
    assert page.url == site.base_url + "en/"
    assert page.get_attribute("html", "lang") == "en"
    assert page.locator("article h1").first.inner_text().rstrip("¶ ").strip() == "Cookie Policy"
    page.locator(".md-header .md-select").hover()
    with page.expect_navigation():
        page.locator(".md-header .md-select a[hreflang='tr']").click()
    assert page.url == site.base_url
    assert page.get_attribute("html", "lang") == "tr"


def test_every_turkish_page_has_its_english_page_in_the_menu(context, served):
    site = served(SITE)
    page = context.new_page()
    keys = [spec.key for spec in site.pages]
    assert {"", "changelog/", "versions/", "versions/1.0/", "versions/1.1/"} <= set(keys)
    failures = [f for key in keys for f in check_language_switch(page, site, "tr", key, others=["en"])]
    assert not failures, report(failures)


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_search_lists_the_pages_of_the_language_being_read(context, served, lang):
    """One search index serves both languages; the Turkish root lists Turkish results only, /en/ English ones."""
    site = served(SITE)
    page = context.new_page()
    failures = check_search(page, site, lang, "", "yk_oturum")
    assert not failures, report(failures)
    shown = page.eval_on_selector_all(".md-search-result__item a.md-search-result__link",
                                      "links => links.filter(a => a.checkVisibility()).map(a => a.href)")
    assert shown and all(site.language_of(href) == lang for href in shown), shown
