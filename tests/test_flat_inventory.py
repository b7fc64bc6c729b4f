"""A source with no categories is a flat inventory: no category is invented, in tables or changelogs;
and a category the company sets itself says so (`provider: first-party`)."""

from __future__ import annotations

from pathlib import Path

from .support.helpers import mkdocs_build, policy, read_page

TODAY = {"POLICY_TODAY": "2026-11-22"}
FLAT = """items:
  - name: sid
    storage: cookie
    purpose: {en: Keeps you signed in, tr: Oturumunuzun açık kalmasını sağlar}
    duration: session
"""


def _flat_site(tmp_path: Path) -> Path:
    assert policy(tmp_path, "init", "flat", "--company", "Meridyen Kitap").returncode == 0
    site = tmp_path / "flat"
    (site / "data" / "categories.yml").write_text("categories: []\n", encoding="utf-8")
    (site / "data" / "cookies.yml").write_text(FLAT, encoding="utf-8")
    for page in ("index.md", "index.tr.md"):
        path = site / "docs" / page
        text = path.read_text(encoding="utf-8")
        start = text.index("{{ category_sections(")
        end = text.index("}}", start) + 2
        path.write_text(text[:start] + '{{ cookie_table(columns=["name", "purpose", "duration"]) }}' + text[end:],
                        encoding="utf-8")
    return site


def test_a_flat_inventory_builds_and_its_changelog_names_no_category(tmp_path: Path):
    site = _flat_site(tmp_path)
    checked = policy(site, "validate", "--strict")
    assert checked.returncode == 0, checked.stderr
    released = policy(site, "release", "1.0", "--published", "2026-11-01", "--effective", "2026-11-15")
    assert released.returncode == 0, released.stderr
    (site / "data" / "cookies.yml").write_text(FLAT + """  - name: basket
    storage: cookie
    purpose: {en: Keeps your basket, tr: Sepetinizi saklar}
    duration: 30 days
""", encoding="utf-8")
    built = mkdocs_build(site, tmp_path / "out", env=TODAY)
    assert built.returncode == 0, built.stderr
    page = read_page(tmp_path / "out" / "index.html")
    assert page.tables[0] == [["Name", "Purpose", "Duration"], ["sid", "Keeps you signed in", "Session"],
                              ["basket", "Keeps your basket", "30 days"]]
    changes = read_page(tmp_path / "out" / "changelog" / "index.html").text
    assert "basket (Meridyen Kitap, 30 days)" in changes, changes


def test_a_first_party_category_names_the_company(tmp_path: Path):
    assert policy(tmp_path, "init", "site", "--company", "Meridyen Kitap").returncode == 0
    site = tmp_path / "site"
    path = site / "data" / "categories.yml"
    stated = "    legal_basis: not-stated\n"
    path.write_text(path.read_text(encoding="utf-8").replace(stated, stated + "    provider: first-party\n"),
                    encoding="utf-8")
    checked = policy(site, "validate", "--strict")
    assert checked.returncode == 0, checked.stderr
    built = mkdocs_build(site, tmp_path / "out", env=TODAY)
    assert built.returncode == 0, built.stderr
    assert "These cookies are set by Meridyen Kitap." in read_page(tmp_path / "out" / "index.html").text
    assert "Bu çerezler Meridyen Kitap tarafından kullanılır." in read_page(tmp_path / "out" / "tr" / "index.html").text


def test_an_unknown_category_provider_offers_first_party(tmp_path: Path):
    assert policy(tmp_path, "init", "site", "--company", "Meridyen Kitap").returncode == 0
    path = tmp_path / "site" / "data" / "categories.yml"
    stated = "    legal_basis: not-stated\n"
    path.write_text(path.read_text(encoding="utf-8").replace(stated, stated + "    provider: first-party-x\n"),
                    encoding="utf-8")
    result = policy(tmp_path / "site", "validate")
    assert result.returncode == 1
    assert "categories[0].provider: unknown third-party service `first-party-x` (did you mean `first-party`?)" \
        in result.stderr, result.stderr
