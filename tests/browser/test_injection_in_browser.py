"""No script runs on a page built from hostile data: Chromium opens every page, hovers and clicks nothing
but the injected links' surroundings, and no dialog opens and no console error is logged."""

from __future__ import annotations

from pathlib import Path

from ..support.bad_inputs import INJECTED_HREFS, inject
from ..support.helpers import ROOT, copy_site, mkdocs_build
from .sites import SubPathServer

PAGES = ["", "changelog/", "versions/", "versions/1.0/", "tr/", "tr/changelog/", "tr/versions/", "tr/versions/1.0/"]


def test_injection_cases_run_no_script_in_chromium(browser, tmp_path: Path):
    site = copy_site(ROOT, tmp_path / "site")
    inject(site)
    out = tmp_path / "out"
    for production in ("false", "true"):  # the draft and the release in force, as deployed
        result = mkdocs_build(site, out / production, env={"POLICY_TODAY": "2026-11-22",
                                                           "POLICY_PRODUCTION": production})
        assert result.returncode == 0, result.stderr
    dialogs: list[str] = []
    errors: list[str] = []
    context = browser.new_context(service_workers="block")
    context.set_default_timeout(15000)
    context.route("**/*", lambda route: route.abort() if not route.request.url.startswith("http://127.0.0.1")
                  else route.continue_())
    try:
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(f"{dialog.type}: {dialog.message} on {page.url}"),
                                          dialog.dismiss()))
        page.on("console", lambda message: errors.append(f"{message.text} on {page.url}")
                if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(f"script error: {error} on {page.url}"))
        found: set[str] = set()
        for production in ("false", "true"):
            server = SubPathServer(out / production, "/cookie-policy/")
            try:
                for path in PAGES:
                    page.goto(server.base_url + path)
                    page.wait_for_load_state("load")
                    for anchor in page.locator("a[href]").all():
                        href = anchor.get_attribute("href")
                        if href in INJECTED_HREFS:
                            found.add(href)
                            anchor.hover()  # an injected onmouseover would fire here
                            anchor.focus()
                    page.mouse.move(5, 5)
                    page.wait_for_timeout(50)
            finally:
                server.close()
    finally:
        context.close()
    assert found == set(INJECTED_HREFS), "every injected link is on a page, intact"
    assert not dialogs, dialogs
    assert not errors, errors
