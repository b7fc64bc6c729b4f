"""The browser checks catch what they are for: a broken copy of a site, and faults injected into a page."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..support.helpers import ROOT, copy_site
from .checks import (
    Monitor,
    check_accessibility,
    check_language_switch,
    check_phone_layout,
    check_search,
    check_table_contrast,
    check_tables,
    crawl,
    goto,
)
from .conftest import SITES
from .sites import read_site, serve_site

pytestmark = pytest.mark.browser


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path}: expected {old!r} once"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_broken_table_row_translation_and_link_are_reported(context, tmp_path):
    """A copy of the TalkOmni site, edited, rebuilt and served:

    - the Turkish policy asks only for the preference cookies: its table loses two rows;
    - the Turkish changelog is deleted: the i18n plugin serves the English text under /tr/;
    - the English changelog links to an archived version that does not exist.
    """
    copy = copy_site(ROOT, tmp_path / "site")
    docs = copy / "docs"
    edit(docs / "index.tr.md", "{{ cookie_table() }}", '{{ cookie_table(category="preferences") }}')
    (docs / "changelog.tr.md").unlink()
    with (docs / "changelog.md").open("a", encoding="utf-8") as f:
        f.write("\nThe [first draft](versions/0.9/) is no longer published.\n")
    broken = serve_site(read_site(copy / "mkdocs.yml", repo_root=copy), tmp_path / "out", strict=False)
    try:
        page = context.new_page()

        failures = check_tables(page, broken, "tr", broken.page(""))
        assert len(failures) == 2, failures
        assert "'auth_token'" in failures[0] and "'refresh_token'" in failures[1]
        assert check_tables(page, broken, "en", broken.page("")) == []

        failures = check_language_switch(page, broken, "en", "changelog/")
        assert len(failures) == 1, failures
        assert failures[0].endswith("/tr/changelog/: not translated, its title is the same as in 'en' ('Changelog')")
        assert check_language_switch(page, broken, "en", "") == []

        failures = crawl(context, broken).failures
        assert any(f.startswith("broken link:") and "/versions/0.9/ answers 404" in f for f in failures), failures
        assert all("/versions/0.9/" in f for f in failures), failures
    finally:
        broken.close()


@pytest.fixture
def policy(served):
    """The TalkOmni site as built, and the URL of its English policy."""
    site = served(next(spec for spec in SITES if spec.root == ROOT))
    return site, site.url("en", "")


def test_a_console_error_and_a_third_party_request_are_reported(context, policy):
    site, url = policy
    monitor = Monitor(context, site)
    page = context.new_page()
    goto(page, url)
    assert monitor.failures == []
    page.evaluate("""() => {
      console.error('something broke');
      const img = document.createElement('img');
      img.src = 'https://tracker.example/pixel.gif';
      document.body.append(img);
    }""")
    page.wait_for_load_state("networkidle")
    assert sorted(monitor.failures) == [
        f"console error: Failed to load resource: net::ERR_FAILED [https://tracker.example/pixel.gif] (on {url})",
        f"console error: something broke (on {url})",
        f"request to a third party: https://tracker.example/pixel.gif (on {url})"]


def test_faint_table_text_is_reported(context, policy):
    _, url = policy
    page = context.new_page()
    goto(page, url)
    assert check_table_contrast(page) == []
    page.add_style_tag(content=".md-typeset table td { color: #b0b0b0 !important; }")
    failures = check_table_contrast(page)
    assert failures and all("needs 4.5:1" in f for f in failures), failures
    assert any("'auth_token'" in f for f in failures), failures
    assert any(" color-contrast (serious)" in f for f in check_accessibility(page))


def test_an_image_without_text_is_reported(context, policy):
    _, url = policy
    page = context.new_page()
    goto(page, url)
    page.evaluate("""() => {
      const img = document.createElement('img');
      img.src = document.querySelector('link[rel=icon]').href;
      document.querySelector('article').append(img);
    }""")
    failures = check_accessibility(page)
    assert len(failures) == 1 and " image-alt (critical)" in failures[0], failures


def test_a_table_that_does_not_fit_a_phone_is_reported(phone, policy):
    _, url = policy
    page = phone.new_page()
    goto(page, url)
    assert check_phone_layout(page) == []
    page.add_style_tag(content="@media screen { .md-typeset table[data-policy-items] { display: table !important; "
                               "min-width: 700px; } .md-typeset table[data-policy-items] tr { display: table-row "
                               "!important; } .md-typeset table[data-policy-items] td { display: table-cell "
                               "!important; } }")
    failures = check_phone_layout(page)
    assert any("the page is" in f and "wide in a 390px viewport" in f for f in failures), failures
    assert any("auth_token is a table row (table-row), not a card" in f for f in failures), failures
    assert any("auth_token's category spans" in f and "outside the 390px viewport" in f for f in failures), failures
    goto(page, url)
    page.add_style_tag(content=".md-typeset table[data-policy-items] td::before { content: none !important; }")
    failures = check_phone_layout(page)
    assert any("auth_token's duration has no label" in f for f in failures), failures


def test_a_name_search_does_not_find_is_reported(context, policy):
    site, _ = policy
    failures = check_search(context.new_page(), site, "en", "", "no_such_cookie_anywhere", wait_ms=1500)
    assert len(failures) == 1 and "searching 'no_such_cookie_anywhere' finds nothing" in failures[0], failures
