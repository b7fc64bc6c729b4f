"""The consent banner (vendored vanilla-cookieconsent) with the configuration exported from the data,
in headless Chromium: a loopback page that sets one cookie per category, and the policy site itself."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.loading.policy import load_policy
from cookiepolicy.text.localize import Catalog

from ..support.helpers import ROOT, copy_site, mkdocs_build, policy
from ..support.history import edit_yaml, release
from ..test_banner import enable_banner
from .sites import TODAY, SubPathServer

pytestmark = pytest.mark.browser

VENDORED = ROOT / "src" / "cookiepolicy" / "adapters" / "mkdocs" / "theme" / "assets" / "cookieconsent"
# One cookie per category of TalkOmni, set by the page before the banner starts.
COOKIES = {"strictly-necessary": "auth_token", "preferences": "TALKOMNI_USER_LOCALE"}
PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>test</title>
<link rel="stylesheet" href="cookieconsent.css"></head>
<body><p>Loopback page</p>
<script>{cookies}</script>
<script src="cookieconsent.umd.js"></script>
<script src="{config}"></script>
<script src="run.js"></script>
</body></html>
"""


@pytest.fixture
def loopback(tmp_path: Path) -> Iterator[tuple[Path, SubPathServer]]:
    for name in ("cookieconsent.umd.js", "cookieconsent.css", "run.js"):
        shutil.copy(VENDORED / name, tmp_path / name)
    server = SubPathServer(tmp_path, "/")
    yield tmp_path, server
    server.close()


def make_page(folder: Path, site: Path, name: str, lang: str, *export_args: str) -> str:
    config = f"{name}.config.js"
    result = policy(site, "export", "cookieconsent", *export_args, "-o", str(folder / config),
                    env={"POLICY_TODAY": TODAY})
    assert result.returncode == 0, result.stderr
    cookies = "".join(f'document.cookie = "{n}=1; path=/; max-age=3600";' for n in COOKIES.values())
    (folder / f"{name}.html").write_text(PAGE.format(lang=lang, cookies=cookies, config=config), encoding="utf-8")
    return f"{name}.html"


@pytest.fixture
def visitor(browser) -> Iterator:
    """A new context that reports no automation (the exported configuration shows the banner to automated
    browsers too: `hideFromBots: false`, so the scan sees it; these tests do not depend on that)."""
    context = human(browser)
    yield context
    context.close()


def human(browser):
    context = browser.new_context(locale="en-US")
    context.set_default_timeout(15000)
    context.add_init_script("Object.defineProperty(Navigator.prototype, 'webdriver', {get: () => false})")
    return context


def cookie_names(context) -> set[str]:
    return {c["name"] for c in context.cookies()}


def consent_modal(page):
    return page.locator("#cc-main .cm")


def preferences_modal(page):
    return page.locator("#cc-main .pm")


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_banner_speaks_the_page_language_and_lists_exactly_the_policy_items(visitor, loopback, lang):
    folder, server = loopback
    page = visitor.new_page()
    page.goto(server.base_url + make_page(folder, ROOT, "policy", lang))
    c = Catalog.get(lang)
    modal = consent_modal(page)
    modal.wait_for(state="visible")
    assert modal.locator(".cm__title").inner_text() == c.t("banner.title")
    modal.get_by_role("button", name=c.t("banner.show_preferences")).click()
    prefs = preferences_modal(page)
    prefs.wait_for(state="visible")
    assert prefs.locator(".pm__title").first.inner_text() == c.t("banner.preferences_title")
    listed = sorted(prefs.locator("table tbody tr td:first-child").evaluate_all(
        "cells => cells.map(cell => cell.textContent.trim())"))
    policy_now, _ = load_policy(SiteFiles(ROOT))
    expected = sorted(i.name if i.storage == "cookie" else f"{i.name} ({c.t(f'storage_label.{i.storage}')})"
                      for i in policy_now.draft.items)
    assert listed == expected


def test_rejecting_a_category_removes_its_cookies_and_accepting_keeps_them(browser, loopback):
    folder, server = loopback
    url = server.base_url + make_page(folder, ROOT, "policy", "en")
    en = Catalog.get("en")
    for button, kept in [("banner.reject_all", {COOKIES["strictly-necessary"]}),
                         ("banner.accept_all", set(COOKIES.values()))]:
        context = human(browser)
        page = context.new_page()
        page.goto(url)
        assert set(COOKIES.values()) <= cookie_names(context)
        consent_modal(page).get_by_role("button", name=en.t(button)).click()
        consent_modal(page).wait_for(state="hidden")
        assert cookie_names(context) - {"cc_cookie"} == kept, button
        context.close()


def test_a_release_that_adds_a_consent_cookie_asks_again(visitor, loopback, site):
    folder, server = loopback

    def add(d):
        d["items"].append({"name": "chat_opened", "storage": "cookie", "category": "preferences",
                           "duration": "1 day", "purpose": {"en": "Remembers that the chat was opened",
                                                            "tr": "Sohbetin açıldığını hatırlar"}})

    edit_yaml(site / "data" / "cookies.yml", add)
    release(site, "1.1", "2026-11-01", "2026-11-01")
    old = make_page(folder, site, "v10", "en", "--version", "1.0")
    new = make_page(folder, site, "v11", "en", "--version", "1.1")
    en = Catalog.get("en")
    page = visitor.new_page()
    page.goto(server.base_url + old)
    consent_modal(page).get_by_role("button", name=en.t("banner.accept_all")).click()
    consent_modal(page).wait_for(state="hidden")
    page.goto(server.base_url + old)  # same revision: not asked again
    page.wait_for_function("() => window.CookieConsent && CookieConsent.validConsent()")
    assert not consent_modal(page).is_visible()
    page.goto(server.base_url + new)  # the release changed what needs consent: asked again
    consent_modal(page).wait_for(state="visible")
    assert page.evaluate("() => CookieConsent.validConsent()") is False


def test_the_policy_site_link_reopens_the_preferences(visitor, tmp_path):
    site = copy_site(ROOT, tmp_path / "site")
    enable_banner(site)  # the banner stores its choice in the consent item the data declares
    for name in ("index.md", "index.tr.md"):
        page_md = site / "docs" / name
        page_md.write_text(page_md.read_text(encoding="utf-8") + "\n{{ cookie_settings_link() }}\n", encoding="utf-8")
    out = tmp_path / "out"
    server = SubPathServer(out, "/")
    try:
        result = mkdocs_build(site, out, env={"POLICY_TODAY": TODAY, "SITE_URL": server.base_url})
        assert result.returncode == 0, result.stderr
        for lang, path in [("en", ""), ("tr", "tr/")]:
            c = Catalog.get(lang)
            page = visitor.new_page()
            requests: list[str] = []
            page.on("request", lambda request, seen=requests: seen.append(request.url))
            page.goto(server.base_url + path)
            if lang == "en":  # the first visit asks; the choice then holds on the Turkish pages too
                consent_modal(page).get_by_role("button", name=c.t("banner.reject_all")).click()
            consent_modal(page).wait_for(state="hidden")
            assert not preferences_modal(page).is_visible()
            page.get_by_role("button", name=c.t("banner.settings_link")).click()
            preferences_modal(page).wait_for(state="visible")
            assert preferences_modal(page).locator(".pm__title").first.inner_text() == c.t("banner.preferences_title")
            assert all(url.startswith(server.origin) for url in requests), "no third-party request"
            page.close()
    finally:
        server.close()
