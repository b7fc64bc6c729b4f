"""The consent banner on a real build, in headless Chromium, as the data configures it: first visit,
accept, reject, preferences and keyboard only, at 320, 390 and 1280 px, in English and Turkish, with
axe; the cookie it stores is the inventory's consent item; `policy scan --banner` drives it."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest

from cookiepolicy.text.localize import Catalog

from ..support.helpers import ROOT, copy_site, mkdocs_build, policy
from ..support.history import edit_yaml
from ..test_banner import CONSENT_ITEM, enable_banner
from .checks import check_accessibility
from .sites import TODAY, SubPathServer

pytestmark = pytest.mark.browser

WIDTHS = (320, 390, 1280)
LANGS = {"en": "", "tr": "tr/"}  # where each language's policy page is
PREFERENCE_COOKIE = "TALKOMNI_USER_LOCALE"  # TalkOmni's consent category (preferences)
# the consent item as the browser stores it: no Secure over http (the banner sets it on https only)
ITEM = {**CONSENT_ITEM, "attributes": ["SameSite=Lax"]}
DAY = 86400
# Material keeps the reader's colour scheme under the site's path: the scan sees it, so the data declares it
PALETTE = {"name": "/.__palette", "storage": "localStorage", "category": "strictly-necessary", "duration": "persistent",
           "purpose": {"en": "Remembers the colour scheme you chose", "tr": "Seçtiğiniz renk düzenini hatırlar"}}
_RING = """el => {
  const parse = v => (v.match(/rgba?\\(([^)]+)\\)/) || [, '0,0,0'])[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
  const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255;
    return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  let bg = null;
  for (let e = el.parentElement; e && !bg; e = e.parentElement) {
    const c = parse(getComputedStyle(e).backgroundColor);
    if (c.length < 4 || c[3] > 0) bg = c;
  }
  const style = getComputedStyle(el);
  const [a, b] = [lum(parse(style.outlineColor)), lum(bg || [255, 255, 255])].sort((x, y) => y - x);
  return {width: parseFloat(style.outlineWidth), style: style.outlineStyle, ratio: (a + 0.05) / (b + 0.05)};
}"""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SubPathServer]:
    """TalkOmni with the banner on, the consent cookie declared, the settings button on both pages,
    and site.yml's url at the served address (where consent is stored)."""
    folder = tmp_path_factory.mktemp("banner")
    site = copy_site(ROOT, folder / "site")
    out = folder / "out"
    out.mkdir()
    server = SubPathServer(out, "/")
    enable_banner(site, server.base_url, ITEM)
    edit_yaml(site / "data" / "cookies.yml", lambda d: d["items"].append(PALETTE))
    for name in ("index.md", "index.tr.md"):
        page = site / "docs" / name
        page.write_text(page.read_text(encoding="utf-8") + "\n{{ cookie_settings_link() }}\n", encoding="utf-8")
    result = mkdocs_build(site, out, env={"POLICY_TODAY": TODAY, "SITE_URL": server.base_url})
    assert result.returncode == 0, result.stderr
    server.site = site  # type: ignore[attr-defined]
    yield server
    server.close()


def visit(browser, served: SubPathServer, lang: str, width: int = 1280, scheme: str = "light", cookies=()):
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme, locale="en-US",
                                  reduced_motion="reduce", service_workers="block")
    context.set_default_timeout(15000)
    if cookies:
        context.add_cookies([{"name": n, "value": "1", "url": served.origin + "/"} for n in cookies])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(served.base_url + LANGS[lang])
    page.locator("#cc-main .cm").wait_for(state="visible")
    page.errors = errors  # type: ignore[attr-defined]
    return context, page


def stored(context) -> dict[str, dict]:
    return {c["name"]: c for c in context.cookies()}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_first_visit_speaks_the_page_language_fits_and_is_axe_clean(browser, served, lang, width):
    c = Catalog.get(lang)
    context, page = visit(browser, served, lang, width)
    try:
        modal = page.locator("#cc-main .cm")
        assert modal.locator(".cm__title").inner_text() == c.t("banner.title")
        text = modal.locator(".cm__desc").inner_text()
        assert text.startswith("TalkOmni")
        assert ("açık rızanız aranmaksızın" if lang == "tr" else "without asking for your consent") in text
        link = modal.get_by_role("link", name=c.t("banner.policy_link"))
        assert link.get_attribute("href") == served.base_url + LANGS[lang]  # the policy in the page's language
        box = modal.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, box
        accept = modal.get_by_role("button", name=c.t("banner.accept_all")).bounding_box()
        reject = modal.get_by_role("button", name=c.t("banner.reject_all")).bounding_box()
        # reject as easy as accept: both on the first layer, the same size
        assert accept and reject and abs(accept["height"] - reject["height"]) < 1
        assert abs(accept["width"] - reject["width"]) < 1 or width < 400
        assert check_accessibility(page) == []
        modal.get_by_role("button", name=c.t("banner.show_preferences")).click()
        page.locator("#cc-main .pm").wait_for(state="visible")
        assert check_accessibility(page) == []
        assert page.errors == []
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_accept_stores_the_inventory_s_consent_cookie_and_keeps_consent_cookies(browser, served, lang):
    c = Catalog.get(lang)
    context, page = visit(browser, served, lang, cookies=[PREFERENCE_COOKIE])
    try:
        before = time.time()
        page.locator("#cc-main .cm").get_by_role("button", name=c.t("banner.accept_all")).click()
        page.locator("#cc-main .cm").wait_for(state="hidden")
        cookies = stored(context)
        assert "cc_cookie" not in cookies and PREFERENCE_COOKIE in cookies
        consent = cookies["cookie_consent"]
        # the data: 12 months (360 days, as the policy and the audit count them), SameSite=Lax, this host
        assert abs(consent["expires"] - before - 360 * DAY) < 120
        assert consent["sameSite"] == "Lax" and consent["path"] == "/" and not consent["httpOnly"]
        assert consent["domain"] == "127.0.0.1"
        assert json.loads(unquote(consent["value"]))["categories"] == \
            ["strictly-necessary", "preferences"]
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_reject_deletes_consent_cookies_and_keeps_the_choice(browser, served, lang):
    c = Catalog.get(lang)
    context, page = visit(browser, served, lang, cookies=[PREFERENCE_COOKIE])
    try:
        page.locator("#cc-main .cm").get_by_role("button", name=c.t("banner.reject_all")).click()
        page.locator("#cc-main .cm").wait_for(state="hidden")
        cookies = stored(context)
        assert PREFERENCE_COOKIE not in cookies and "cookie_consent" in cookies
        page.reload()
        page.wait_for_function("() => window.CookieConsent && CookieConsent.validConsent()")
        assert not page.locator("#cc-main .cm").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_preferences_show_switches_by_basis_and_the_settings_button_reopens_them(browser, served, lang):
    c = Catalog.get(lang)
    context, page = visit(browser, served, lang, cookies=[PREFERENCE_COOKIE])
    try:
        page.locator("#cc-main .cm").get_by_role("button", name=c.t("banner.show_preferences")).click()
        prefs = page.locator("#cc-main .pm")
        prefs.wait_for(state="visible")
        necessary = prefs.locator('input[value="strictly-necessary"]')
        preferences = prefs.locator('input[value="preferences"]')
        assert necessary.is_checked() and necessary.is_disabled()  # read-only, with its basis
        assert not preferences.is_checked() and not preferences.is_disabled()
        assert prefs.get_by_role("link", name=c.t("banner.policy_link")).count() == 1
        prefs.get_by_role("button", name=c.t("banner.save")).click()
        prefs.wait_for(state="hidden")
        assert PREFERENCE_COOKIE not in stored(context)
        button = page.get_by_role("button", name=c.t("banner.settings_link"))
        button.click()
        prefs.wait_for(state="visible")
        page.keyboard.press("Escape")  # a real modal: Escape closes it
        prefs.wait_for(state="hidden")
        assert page.errors == []
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGS)
def test_keyboard_only_reaches_the_page_sees_the_focus_and_chooses(browser, served, lang, scheme):
    c = Catalog.get(lang)
    context, page = visit(browser, served, lang, scheme=scheme)
    try:
        assert (page.get_attribute("body", "data-md-color-scheme") == "slate") == (scheme == "dark")
        # the banner follows Material's scheme, and is axe clean in it
        assert page.evaluate("() => document.documentElement.classList.contains('cc--darkmode')") == (scheme == "dark")
        assert check_accessibility(page) == []
        reached_page, ring = False, None
        for _ in range(60):
            page.keyboard.press("Tab")
            where = page.evaluate("() => { const e = document.activeElement; return {inBanner: !!e.closest('#cc-main'),"
                                  " tag: e.tagName, text: (e.innerText || '').trim()}; }")
            if where["inBanner"] and where["text"] == c.t("banner.reject_all"):
                ring = page.evaluate(_RING, page.evaluate_handle("() => document.activeElement"))
            if not where["inBanner"] and where["tag"] == "A" and ring is not None:
                reached_page = True  # Tab left the banner for the policy's own links
                break
        assert ring is not None, "Tab never reached the reject button"
        assert ring["style"] != "none" and ring["width"] >= 2 and ring["ratio"] >= 3, ring
        assert reached_page, "Tab stays in the banner: the policy cannot be read before choosing"
        page.keyboard.press("Shift+Tab")
        for _ in range(60):  # back into the banner, then choose with the keyboard
            if page.evaluate("() => (document.activeElement.innerText || '').trim()") == c.t("banner.reject_all"):
                break
            page.keyboard.press("Shift+Tab")
        page.keyboard.press("Enter")
        page.locator("#cc-main .cm").wait_for(state="hidden")
        assert "cookie_consent" in stored(context)
        settings = page.get_by_role("button", name=c.t("banner.settings_link"))
        settings.focus()
        page.keyboard.press("Enter")
        page.locator("#cc-main .pm").wait_for(state="visible")
        for _ in range(12):  # the preferences dialog keeps focus while open
            page.keyboard.press("Tab")
            assert page.evaluate("() => !!document.activeElement.closest('#cc-main .pm')")
        page.keyboard.press("Escape")
        page.locator("#cc-main .pm").wait_for(state="hidden")
        assert page.errors == []
    finally:
        context.close()


@pytest.mark.parametrize("choice", ["accept", "reject", "preferences"])
def test_policy_scan_drives_the_banner_without_a_script(served, tmp_path: Path, choice: str):
    out = tmp_path / "evidence.json"
    result = policy(served.site, "scan", served.base_url, "--banner", choice, "-o", str(out), "--timeout", "10")
    assert result.returncode == 0, result.stderr
    assert f"{choice} chosen on the banner" in result.stderr
    evidence = json.loads(out.read_text(encoding="utf-8"))
    phase = "after" if choice == "accept" else "reject"  # preferences saved as shown: every switch off
    assert evidence["states"] == ["before", phase]
    after = {c["name"] for c in evidence["cookies"] if c["phase"] == phase}
    assert "cookie_consent" in after and "cc_cookie" not in after
    assert any(p["phase"] == phase for p in evidence["pages"])
    audit = policy(served.site, "audit", str(out), "--exit-code", env={"POLICY_TODAY": TODAY})
    assert audit.returncode == 0, audit.stdout + audit.stderr


def test_policy_scan_of_a_site_without_the_banner_scans_before_consent_only(tmp_path: Path):
    (tmp_path / "index.html").write_text("<!doctype html><html lang=en><title>x</title><p>no banner</p>",
                                         encoding="utf-8")
    server = SubPathServer(tmp_path, "/")
    try:
        out = tmp_path / "evidence.json"
        result = policy(ROOT, "scan", server.base_url, "--banner", "accept", "-o", str(out), "--timeout", "5")
        assert result.returncode == 0, result.stderr
        assert "no consent banner of this policy's site" in result.stderr
        assert "before consent" in result.stdout and "after" not in result.stdout
    finally:
        server.close()


def test_the_starter_s_scheduled_audit_passes_on_a_fresh_site_with_the_banner(tmp_path: Path):
    """`policy init`, the banner turned on as the README says (the setting, the consent cookie, the
    colour-scheme key), the deploy's build, then the audit workflow's own scan and compare steps, as
    written in the new site's .github/workflows/audit.yml, against the served build."""
    import os
    import subprocess

    import yaml

    made = policy(tmp_path, "init", "acme", "--company", "Acme Ltd", "--domain", "acme.example",
                  "--email", "privacy@acme.example")
    assert made.returncode == 0, made.stderr
    site = tmp_path / "acme"
    out = tmp_path / "out"
    out.mkdir()
    server = SubPathServer(out, "/cookie-policy/")
    try:
        enable_banner(site, item=ITEM)  # served over http: no Secure (the banner sets it on https)
        palette = {**PALETTE, "name": "/cookie-policy/.__palette"}
        edit_yaml(site / "data" / "cookies.yml", lambda d: d["items"].append(palette))
        assert policy(site, "validate", "--strict").returncode == 0
        built = mkdocs_build(site, out, env={"POLICY_TODAY": TODAY, "SITE_URL": server.base_url,
                                             "POLICY_PRODUCTION": "0"})
        assert built.returncode == 0, built.stderr
        workflow = yaml.safe_load((site / ".github" / "workflows" / "audit.yml").read_text(encoding="utf-8"))
        steps = {s.get("name"): s for s in workflow["jobs"]["audit"]["steps"]}
        (site / ".venv").symlink_to(ROOT / ".venv")
        summary, output = tmp_path / "summary.md", tmp_path / "output.txt"
        env = {**os.environ, **{k: str(v) for k, v in workflow["env"].items()}, "POLICY_AUDIT_URL": server.base_url,
               "POLICY_AUDIT_PAGES": "3", "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_OUTPUT": str(output),
               "POLICY_TODAY": TODAY}
        assert env["POLICY_AUDIT_BANNER"] == "accept" and env["POLICY_AUDIT_ACCEPT"] == ""  # as shipped
        for name in ("Scan the site", "Compare with the policy"):
            ran = subprocess.run(["bash", "-e", "-c", steps[name]["run"]], cwd=site, env=env, capture_output=True,
                                 text=True, timeout=300)
            assert ran.returncode == 0, f"{name}: {ran.stdout}{ran.stderr}"
        assert "status=0" in output.read_text(encoding="utf-8"), summary.read_text(encoding="utf-8")
        evidence = json.loads((site / "audit" / "evidence.json").read_text(encoding="utf-8"))
        assert "cookie_consent" in {c["name"] for c in evidence["cookies"] if c["phase"] == "after"}
    finally:
        server.close()
