"""Forgewell's tables grouped by provider on a 390 px phone: every row is a card whose labels are the
site's own column headers ("Typical content", "Expiration"), under its provider's heading; nothing
scrolls sideways and axe-core finds no serious violation."""

from __future__ import annotations

import pytest

from ..support.helpers import ROOT
from .checks import check_accessibility, check_layout, goto, report
from .sites import read_site

pytestmark = pytest.mark.browser

FORGEWELL = ROOT / "tests" / "sites" / "forgewell" / "mkdocs.yml"

_CARDS = """() => {
  let heading = '';
  const tables = [];
  for (const el of document.querySelectorAll('article h2, article h3, article table[data-policy-items]')) {
    if (el.tagName !== 'TABLE') { heading = el.textContent.replace('¶', '').trim(); continue; }
    tables.push([heading, el]);
  }
  return tables.map(([heading, table]) => ({
    heading,
    display: getComputedStyle(table.querySelector('tbody tr')).display,
    labels: Array.from(table.querySelector('tbody tr').querySelectorAll('td:not([data-column="name"])'))
      .map(cell => getComputedStyle(cell, '::before').content),
  }));
}"""


@pytest.mark.parametrize(("lang", "labels"), [
    ("en", ['"Typical content: "', '"Type: "', '"Expiration: "', '"Domain: "']),
    ("tr", ['"Tipik içerik: "', '"Türü: "', '"Saklama Süresi: "', '"Alan adı: "']),
])
def test_a_grouped_tables_cards_show_the_sites_own_headers(phone, served, lang, labels):
    site = served(read_site(FORGEWELL))
    page = phone.new_page()
    goto(page, site.url(lang, ""))
    tables = page.evaluate(_CARDS)
    assert [t["heading"] for t in tables][:3] == ["Forgewell", "Google Analytics", "Stripe"]
    assert len(tables) == 11
    for table in tables:
        assert table["display"] == "block", table["heading"]  # a card, not a table row
        assert table["labels"] == labels, table["heading"]
    failures = check_layout(page) + check_accessibility(page)  # headings, links and tables axe-core accepts
    assert not failures, report(failures)
    page.locator("#google-analytics").scroll_into_view_if_needed()
    shot = ROOT / "artifacts" / "screenshots" / "forgewell" / f"{lang}-index-phone-grouped.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shot))  # the screen a reader sees at the second group's heading
