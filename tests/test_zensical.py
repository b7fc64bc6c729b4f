"""TalkOmni built with Zensical (from `policy export zensical`) states every fact of the MkDocs build."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support.helpers import BIN, ROOT, policy, read_page, run

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("zensical")
    result = policy(ROOT, "export", "zensical", "--output", str(project), env={"POLICY_TODAY": "2026-11-22"})
    assert result.returncode == 0, result.stderr
    for lang in ("en", "tr"):  # the default language first: the other builds into its site/tr/
        result = run([str(BIN / "zensical"), "build", "-f", f"mkdocs.{lang}.yml"], project)
        assert result.returncode == 0, result.stderr + result.stdout
    return project / "site"


def test_every_page_of_the_mkdocs_build_has_the_same_facts_in_zensical(built, zensical_site):
    pages = sorted(p.relative_to(built) for p in built.rglob("index.html"))
    assert len([p for p in pages if p.parts[0] == "tr"]) == 4 and len(pages) == 8
    for rel in pages:
        mkdocs_page, zensical_page = read_page(built / rel), read_page(zensical_site / rel)
        assert zensical_page.lang == mkdocs_page.lang == ("tr" if rel.parts[0] == "tr" else "en"), rel
        assert zensical_page.text == mkdocs_page.text, rel
        assert zensical_page.tables == mkdocs_page.tables, rel
        assert zensical_page.list_items == mkdocs_page.list_items, rel
    turkish = read_page(zensical_site / "tr" / "index.html")
    assert ["auth_token", "Yönetim panelinde oturumunuzun açık kalmasını sağlar (HttpOnly)", "12 saat", "Zorunlu"] \
        in turkish.tables[0]


def test_zensical_site_publishes_the_exports_at_the_same_urls(built, zensical_site):
    for name in ("cookies.json", "tcf-disclosure.json", "versions/1.0/cookies.json",
                 "versions/1.0/tcf-disclosure.json"):
        assert (zensical_site / name).read_text() == (built / name).read_text(), name
