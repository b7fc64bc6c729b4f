"""The banner's consent record and Global Privacy Control, on a production build of TalkOmni whose
site.yml says `global_privacy_control: reject`: the record names the notice of notices.json by version
and SHA-256; a browser sending the signal is refused every consent category without being asked, the
preferences say so in its language, and the visitor's own choice wins; `policy scan --banner all`
records the four states and the audit of them passes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest

from cookiepolicy.text.localize import Catalog

from ..support.helpers import ROOT, copy_site, mkdocs_build, policy
from ..support.history import edit_yaml, release
from ..test_banner import enable_banner
from .sites import TODAY, SubPathServer
from .test_banner_in_browser import ITEM, PALETTE

pytestmark = pytest.mark.browser

LANGS = {"en": "", "tr": "tr/"}
GPC = "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true})"
EVENTS = "window.__records = []; addEventListener('cookiepolicy:consent', e => window.__records.push(e.detail))"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SubPathServer]:
    folder = tmp_path_factory.mktemp("record")
    site = copy_site(ROOT, folder / "site")
    out = folder / "out"
    out.mkdir()
    server = SubPathServer(out, "/")
    enable_banner(site, server.base_url, ITEM)
    edit_yaml(site / "data" / "cookies.yml", lambda d: d["items"].append(PALETTE))
    edit_yaml(site / "data" / "site.yml", lambda d: d.update(global_privacy_control="reject"))
    for name in ("index.md", "index.tr.md"):
        page = site / "docs" / name
        page.write_text(page.read_text(encoding="utf-8") + "\n{{ cookie_settings_link() }}\n", encoding="utf-8")
    release(site, "1.1", "2026-11-01", "2026-11-01")  # production shows the release: it declares the consent item
    result = mkdocs_build(site, out, env={"POLICY_TODAY": TODAY, "SITE_URL": server.base_url,
                                          "POLICY_PRODUCTION": "1"})
    assert result.returncode == 0, result.stderr
    server.site = site  # type: ignore[attr-defined]
    server.out = out  # type: ignore[attr-defined]
    yield server
    server.close()


def open_page(browser, served: SubPathServer, lang: str, gpc: bool = False):
    context = browser.new_context(locale="en-US", service_workers="block",
                                  extra_http_headers={"Sec-GPC": "1"} if gpc else None)
    context.set_default_timeout(15000)
    context.add_init_script(EVENTS)
    if gpc:
        context.add_init_script(GPC)
    page = context.new_page()
    page.goto(served.base_url + LANGS[lang])
    page.wait_for_function("() => window.CookieConsent && window.cookiePolicyConsent")
    return context, page


def record(context) -> dict:
    cookie = next(c for c in context.cookies() if c["name"] == ITEM["name"])
    return json.loads(unquote(cookie["value"]))["data"]


def choices(entry: dict) -> dict[str, str]:
    return {c["category"]: c["status"] for c in entry["choices"]}


@pytest.mark.parametrize("lang", LANGS)
def test_accepting_stores_a_record_naming_the_notice_of_notices_json(browser, served, lang):
    c = Catalog.get(lang)
    context, page = open_page(browser, served, lang)
    try:
        page.locator("#cc-main .cm").get_by_role("button", name=c.t("banner.accept_all")).click()
        page.locator("#cc-main .cm").wait_for(state="hidden")
        entry = record(context)
        notices = json.loads((served.out / "notices.json").read_text(encoding="utf-8"))["notices"]
        [shown] = [n for n in notices if n["language"] == lang and n["state"] == "in-force"]
        assert entry["notice"] == {k: shown[k] for k in ("id", "version", "language", "sha256", "url")}
        assert entry["notice"]["version"] == "1.1" and len(entry["notice"]["sha256"]) == 64
        assert entry["method"] == "banner" and entry["gpc"] is False
        assert choices(entry) == {"strictly-necessary": "not-required", "preferences": "given"}
        assert entry["record_id"] and entry["timestamp"].startswith("20")
        assert page.evaluate("() => window.__records") == [entry]  # the hook a site forwards to its endpoint
    finally:
        context.close()


def test_global_privacy_control_refuses_consent_without_asking_and_a_choice_wins(browser, served):
    en = Catalog.get("en")
    context, page = open_page(browser, served, "en", gpc=True)
    try:
        page.wait_for_function("() => CookieConsent.validConsent()")
        assert not page.locator("#cc-main .cm").is_visible()  # not asked: the signal is the answer
        entry = record(context)
        assert entry["method"] == "global-privacy-control" and entry["gpc"] is True
        assert choices(entry) == {"strictly-necessary": "not-required", "preferences": "refused"}
        page.get_by_role("button", name=en.t("banner.settings_link")).click()
        prefs = page.locator("#cc-main .pm")
        prefs.wait_for(state="visible")
        assert en.t("banner.gpc_note", company="TalkOmni") in prefs.inner_text()
        prefs.get_by_role("button", name=en.t("banner.accept_all")).click()
        prefs.wait_for(state="hidden")
        entry = record(context)
        assert entry["method"] == "banner" and choices(entry)["preferences"] == "given"
        page.reload()  # the visitor's choice holds under the signal
        page.wait_for_function("() => CookieConsent.validConsent()")
        assert choices(record(context))["preferences"] == "given"
        tr = Catalog.get("tr")
        page.goto(served.base_url + "tr/")
        page.get_by_role("button", name=tr.t("banner.settings_link")).click()
        page.locator("#cc-main .pm").wait_for(state="visible")
        assert tr.t("banner.gpc_note", company="TalkOmni") in page.locator("#cc-main .pm").inner_text()
    finally:
        context.close()


def test_without_the_signal_the_preferences_do_not_mention_it(browser, served):
    en = Catalog.get("en")
    context, page = open_page(browser, served, "en")
    try:
        page.locator("#cc-main .cm").get_by_role("button", name=en.t("banner.show_preferences")).click()
        page.locator("#cc-main .pm").wait_for(state="visible")
        assert "Global Privacy Control" not in page.locator("#cc-main .pm").inner_text()
    finally:
        context.close()


def test_policy_scan_banner_all_records_four_states_and_the_audit_passes(served, tmp_path: Path):
    out = tmp_path / "evidence.json"
    result = policy(served.site, "scan", served.base_url, "--banner", "all", "-o", str(out), "--timeout", "10")
    assert result.returncode == 0, result.stderr
    assert "in the states before, reject, after, gpc" in result.stdout
    evidence = json.loads(out.read_text(encoding="utf-8"))
    assert evidence["states"] == ["before", "reject", "after", "gpc"]
    names = {phase: {c["name"] for c in evidence["cookies"] if c["phase"] == phase} for phase in evidence["states"]}
    assert ITEM["name"] not in names["before"]
    assert {ITEM["name"]} <= names["reject"] & names["after"] & names["gpc"]  # GPC answered for the visitor
    audit = policy(served.site, "audit", str(out), "--exit-code", "--format", "json", env={"POLICY_TODAY": TODAY})
    assert audit.returncode == 0, audit.stdout + audit.stderr
    assert json.loads(audit.stdout)["states"] == ["before", "reject", "after", "gpc"]
