"""`provider: third-party`: a cookie or a category set by a third party the source policy does not name
("a third-party analytics vendor"), said as such on the page, in the changelog, the review, the exports
and lint, and never given an invented name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cookiepolicy.adapters.scaffold import init_site

from .support.helpers import mkdocs_build, policy, read_page

CATEGORY = """  - id: analytics
    kind: analytics
    legal_basis: consent
    provider: third-party
    name: {en: Analytics cookies, tr: Analitik çerezler}
"""
ITEM = """  - name: _va
    storage: cookie
    category: analytics
    provider: third-party
    purpose: {en: Counts visits for an analytics vendor, tr: Bir analiz hizmeti için ziyaretleri sayar}
    duration: 13 months
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("unnamed") / "site"
    init_site(folder, company="Acme", domain="acme.example", email="privacy@acme.example")
    released = policy(folder, "release", "1.0", "--published", "2026-06-01", "--effective", "2026-06-01")
    assert released.returncode == 0, released.stderr
    with (folder / "data" / "categories.yml").open("a", encoding="utf-8") as f:
        f.write(CATEGORY)
    with (folder / "data" / "cookies.yml").open("a", encoding="utf-8") as f:
        f.write(ITEM)
    page = folder / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n{{ cookie_table(category="analytics", '
                    'columns=["name", "provider", "duration"], group_by="provider") }}\n', encoding="utf-8")
    return folder


def test_it_validates_without_a_service(site: Path):
    checked = policy(site, "validate", "--strict")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "2 items, 0 services, 2 categories" in checked.stdout


def test_the_page_says_a_third_party_in_each_language(site: Path, tmp_path: Path):
    built = mkdocs_build(site, tmp_path / "out", env={"POLICY_TODAY": "2026-11-22"})
    assert built.returncode == 0, built.stderr
    en = read_page(tmp_path / "out" / "index.html")
    assert "These cookies are set by a third party." in en.text
    assert ["_va", "Third party", "13 months"] in [row for table in en.tables for row in table]
    tr = read_page(tmp_path / "out" / "tr" / "index.html")
    assert "Bu çerezler üçüncü taraf bir hizmet sağlayıcı tarafından kullanılır." in tr.text
    changelog = read_page(tmp_path / "out" / "changelog" / "index.html")
    assert "Added cookie _va (a third party, Analytics cookies, 13 months)." in changelog.text


def test_the_review_points_at_an_unnamed_third_party(site: Path):
    en = policy(site, "diff", "1.0", "--format", "text", "--lang", "en")
    assert "`_va` is set by a third party that the policy does not name." in en.stdout, en.stdout
    tr = policy(site, "diff", "1.0", "--format", "text", "--lang", "tr")
    said = "`_va`, politikada adı belirtilmeyen üçüncü bir taraf tarafından yerleştirilmektedir."
    assert said in tr.stdout, tr.stdout


def test_exports_and_lint_keep_it_unnamed(site: Path):
    exported = policy(site, "export", "json")
    assert exported.returncode == 0, exported.stderr
    item = next(i for i in json.loads(exported.stdout)["items"] if i["name"] == "_va")
    assert item["provider"] == "third-party"
    banner = policy(site, "export", "cookieconsent")
    assert banner.returncode == 0, banner.stderr
    config = json.loads(banner.stdout.split("window.cookiePolicyConsent = ", 1)[1].rstrip().rstrip(";"))
    rows = {lang: row for lang, texts in config["language"]["translations"].items()
            for section in texts["preferencesModal"]["sections"]
            for row in section.get("cookieTable", {}).get("body", []) if row["name"] == "_va"}
    assert {lang: row["provider"] for lang, row in rows.items()} == {"en": "Third party", "tr": "Üçüncü taraf"}
    linted = policy(site, "lint", "--law", "gdpr")
    assert "check   GDPR Art. 13(1)(e): docs: some cookies are set by a third party the policy does not name" \
        in linted.stdout


def test_a_site_that_says_it_uses_no_third_party_analytics_is_contradicted(site: Path, tmp_path: Path):
    text = (site / "data" / "site.yml").read_text(encoding="utf-8")
    # `policy init` states nothing the company did not: the statement is the test's own
    assert "\nnot_used:" not in text
    (site / "data" / "site.yml").write_text(text + "not_used: [third-party-analytics]\n", encoding="utf-8")
    try:
        checked = policy(site, "validate")
        assert checked.returncode == 1
        assert "says the site does not use third-party-analytics" in checked.stdout + checked.stderr
    finally:
        (site / "data" / "site.yml").write_text(text, encoding="utf-8")


def test_a_misspelt_provider_suggests_third_party(tmp_path: Path):
    folder = tmp_path / "site"
    init_site(folder, company="Acme", domain="acme.example", email="privacy@acme.example")
    misspelt = ITEM.replace("provider: third-party", "provider: third-partie")
    with (folder / "data" / "cookies.yml").open("a", encoding="utf-8") as f:
        f.write(misspelt.replace("category: analytics", "category: strictly-necessary"))
    checked = policy(folder, "validate")
    assert checked.returncode == 1
    assert "unknown third-party service `third-partie` (did you mean `third-party`?)" in checked.stderr + checked.stdout
