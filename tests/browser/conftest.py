"""Fixtures for the browser tests: one headless Chromium per worker, each site built and served once."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .sites import ServedSite, SiteSpec, discover_sites, serve_site

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
NO_BROWSER = ("no Chromium at {path}: run `scripts/bootstrap --test` as root, or `sudo apt-get install chromium` "
              "(or set CHROMIUM to a Chromium binary)")

SITES = discover_sites()


def site_params() -> list:
    return [pytest.param(spec, id=spec.slug) for spec in SITES]


def site_language_params() -> list:
    return [pytest.param(spec, lang, id=f"{spec.slug}-{lang}") for spec in SITES for lang in spec.locales]


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """Debian's Chromium, headless; Playwright gives it a new temporary profile. Shared by this worker's tests."""
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(NO_BROWSER.format(path=CHROMIUM), pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def _context(browser, **options):
    context = browser.new_context(color_scheme="light", locale="en-US", reduced_motion="reduce",
                                  service_workers="block", **options)
    context.set_default_timeout(15000)
    return context


@pytest.fixture
def context(browser) -> Iterator:
    """A new desktop-sized browser context (no cookies, no storage) for one test."""
    context = _context(browser, viewport=DESKTOP)
    yield context
    context.close()


@pytest.fixture
def phone(browser) -> Iterator:
    """A new phone-sized context: 390×844 CSS pixels, touch, mobile viewport rules."""
    context = _context(browser, viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    yield context
    context.close()


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[SiteSpec], ServedSite]]:
    """Build and serve a site on first use; later tests of this worker reuse it."""
    sites: dict[Path, ServedSite] = {}

    def get(spec: SiteSpec) -> ServedSite:
        key = spec.root / spec.config
        if key not in sites:
            sites[key] = serve_site(spec, tmp_path_factory.mktemp(f"served-{spec.slug}"))
        return sites[key]

    yield get
    for site in sites.values():
        site.close()
