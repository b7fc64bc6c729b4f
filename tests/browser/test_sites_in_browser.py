"""Every site of the repository, in every language, as a reader's browser shows it (headless Chromium).

Each site is built once per worker with ``SITE_URL`` set to where it is served: under a sub-path
of a loopback HTTP server, as GitHub Pages serves a project site. Screenshots of the policy pages
go to ``artifacts/screenshots/<site>/``.
"""

from __future__ import annotations

import itertools
import re

import pytest

from ..support.helpers import ROOT
from .checks import (
    check_accessibility,
    check_language_switch,
    check_phone_layout,
    check_search,
    check_table_contrast,
    check_tables,
    crawl,
    goto,
    palette_schemes,
    report,
    screenshot,
    set_palette,
)
from .conftest import site_language_params, site_params
from .sites import ServedSite

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "artifacts" / "screenshots"


def shot(site: ServedSite, lang: str, slug: str, device: str, scheme: str):
    return SCREENSHOTS / site.spec.slug / f"{lang}-{slug}-{device}-{scheme}.png"


def searchable_name(site: ServedSite) -> tuple[str, str]:
    """A page to search for and a cookie name it lists: the current policy, a plain name."""
    pages = [p for p in site.policy_pages if p.release is None] or site.policy_pages
    assert pages, f"{site.spec.slug}: no page calls cookie_table or category_sections"
    page = pages[0]
    expect = site.expect(page)
    names = [i.name for i in site.policy.draft.items if i.name in expect.required] or sorted(expect.required)
    assert names, f"{site.spec.slug}: {page.key or 'the home page'} lists no item"
    plain = [n for n in names if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_]*", n)]
    return page.key, (plain or names)[0]


@pytest.mark.parametrize("spec", site_params())
def test_every_page_loads_cleanly_and_every_link_resolves(context, served, spec):
    site = served(spec)
    result = crawl(context, site)
    assert not result.failures, report(result.failures)
    assert set(result.pages.values()) == set(site.languages)


@pytest.mark.parametrize("spec", site_params())
def test_language_menu_leads_to_the_same_page_and_back(context, served, spec):
    """For each pair of languages, from every page of the first to the second and back: that uses the
    menu link of both pages."""
    site = served(spec)
    page = context.new_page()
    failures = [f for spec_page in site.pages for lang, other in itertools.combinations(site.languages, 2)
                for f in check_language_switch(page, site, lang, spec_page.key, others=[other])]
    assert not failures, report(failures)


@pytest.mark.parametrize(("spec", "lang"), site_language_params())
def test_tables_show_what_the_data_lists(context, served, spec, lang):
    site = served(spec)
    assert site.policy_pages, f"{spec.slug}: no page calls cookie_table or category_sections"
    page = context.new_page()
    failures = [f for spec_page in site.pages for f in check_tables(page, site, lang, spec_page)]
    assert not failures, report(failures)


@pytest.mark.parametrize(("spec", "lang"), site_language_params())
def test_search_finds_a_cookie_by_name(context, served, spec, lang):
    site = served(spec)
    key, name = searchable_name(site)
    failures = check_search(context.new_page(), site, lang, key, name)
    assert not failures, report(failures)


@pytest.mark.parametrize(("spec", "lang"), site_language_params())
def test_no_serious_accessibility_violation(context, served, spec, lang):
    """axe-core on every page in the light palette, and on the policy pages in every palette."""
    site = served(spec)
    page = context.new_page()
    failures = []
    for spec_page in site.pages:
        goto(page, site.url(lang, spec_page.key))
        failures += check_accessibility(page)
    for spec_page in site.policy_pages:
        goto(page, site.url(lang, spec_page.key))
        for scheme in palette_schemes(page)[1:]:
            set_palette(page, scheme)
            failures += [f"[{scheme}] {f}" for f in check_accessibility(page)]
    assert not failures, report(failures)


@pytest.mark.parametrize(("spec", "lang"), site_language_params())
def test_on_a_phone_tables_scroll_inside_the_page(phone, served, spec, lang):
    site = served(spec)
    page = phone.new_page()
    failures = []
    for spec_page in site.pages:
        goto(page, site.url(lang, spec_page.key))
        failures += check_phone_layout(page)
        if spec_page.policy_page:
            for scheme in palette_schemes(page):
                set_palette(page, scheme)
                screenshot(page, shot(site, lang, spec_page.slug, "phone", scheme))
    assert not failures, report(failures)


@pytest.mark.parametrize(("spec", "lang"), site_language_params())
def test_every_palette_keeps_tables_legible(context, served, spec, lang):
    site = served(spec)
    page = context.new_page()
    failures = []
    for spec_page in site.policy_pages:
        goto(page, site.url(lang, spec_page.key))
        for scheme in palette_schemes(page):
            set_palette(page, scheme)
            failures += check_table_contrast(page)
            screenshot(page, shot(site, lang, spec_page.slug, "desktop", scheme))
    assert not failures, report(failures)
