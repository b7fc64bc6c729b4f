"""The one 404 page, as GitHub Pages serves it for any missing address: a missing address under a
language's folder shows that language first and names it on <html>; every language is still there."""

from __future__ import annotations

import pytest

from cookiepolicy.text.localize import Catalog

from ..support.helpers import ROOT
from .checks import goto
from .sites import read_site

pytestmark = pytest.mark.browser

SITES = [read_site(ROOT / "mkdocs.yml"), read_site(ROOT / "tests" / "sites" / "yildizkaya" / "mkdocs.yml")]


@pytest.mark.parametrize("spec", SITES, ids=lambda spec: spec.slug)
def test_a_missing_address_is_answered_in_the_language_of_its_folder(context, served, spec):
    site = served(spec)
    not_found = (site.out / "404.html").read_bytes()
    page = context.new_page()
    for lang in site.languages:
        missing = site.url(lang, "") + "no-such-page/"
        page.route(missing, lambda route: route.fulfill(status=404, body=not_found, content_type="text/html"))
        goto(page, missing)
        assert page.get_attribute("html", "lang") == lang, missing
        first = page.locator("article section").first
        assert first.get_attribute("lang") == lang
        c = Catalog.get(lang)
        assert first.locator("h1").inner_text() == c.t("site.not_found_title")
        assert page.locator("footer .md-copyright").first.get_attribute("lang") == lang
        # the other languages stay on the page, each marked with its own language
        assert sorted(page.eval_on_selector_all("article section", "s => s.map(e => e.lang)")) == \
            sorted(site.languages)
        assert page.locator(".md-header, .md-search, .md-sidebar").count() == 0
