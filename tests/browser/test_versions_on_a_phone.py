"""The versions page of a site with a history (TalkOmni's copy with releases 1.1 to 1.3, built on
2026-11-22: two superseded versions and one upcoming) on a 390×844 phone, in both languages: nothing
wider than the screen, every column header named (from the catalogs), every version a card whose
dates say which date they are; on a desktop, the same versions in a four-column table."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ..support.helpers import ROOT, copy_site
from ..support.history import make_history
from .checks import check_accessibility, check_phone_layout, goto, report, screenshot
from .sites import ServedSite, read_site, serve_site

pytestmark = pytest.mark.browser

HEADERS = {"en": ["Version", "Published", "Effective", "Status"],
           "tr": ["Sürüm", "Yayım tarihi", "Yürürlük tarihi", "Yürürlük durumu"]}
CARDS = {"en": ["Version 1.3", "Published: November 20, 2026",
                "Effective: December 15, 2026", "Upcoming"],
         "tr": ["Sürüm 1.3", "Yayım tarihi: 20 Kasım 2026", "Yürürlük tarihi: 15 Aralık 2026", "Yürürlüğe girecek"]}

_MEASURE = """() => {
  const doc = document.documentElement;
  const table = document.querySelector('article table');
  const wrap = table.closest('.md-typeset__scrollwrap');
  const rows = [...table.querySelectorAll('tbody tr')];
  return {
    page: [doc.scrollWidth, doc.clientWidth],
    wrap: [wrap.scrollWidth, wrap.clientWidth],
    right: table.getBoundingClientRect().right,
    headers: [...table.querySelectorAll('th')].map(th => th.textContent.replace('\\u00b6', '').trim()),
    rows: rows.map(row => [...row.querySelectorAll('td')].map(td => td.innerText.replace(/\\s+/g, ' ').trim())),
    display: rows.length ? getComputedStyle(rows[0]).display : null,
  };
}"""


@pytest.fixture(scope="module")
def history_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    folder = tmp_path_factory.mktemp("versions")
    site = copy_site(ROOT, folder / "site")
    make_history(site)
    served = serve_site(read_site(site / "mkdocs.yml", site), folder / "out")
    yield served
    served.close()


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_the_versions_page_fits_a_phone_with_every_column_named(phone, history_site: ServedSite, lang: str):
    page = phone.new_page()
    goto(page, history_site.url(lang, "versions/"))
    shown = page.evaluate(_MEASURE)
    screenshot(page, ROOT / "artifacts" / "screenshots" / "history" / f"{lang}-versions-phone.png")
    width = shown["page"][1]
    assert width == 390
    assert shown["page"][0] <= width, f"the page is {shown['page'][0]}px wide"
    assert shown["wrap"][0] <= shown["wrap"][1], f"the table scrolls: {shown['wrap']}"
    assert shown["right"] <= width
    assert shown["headers"] == HEADERS[lang]  # no empty <th>
    assert shown["display"] == "block"  # a card per version
    assert len(shown["rows"]) == 3 and shown["rows"][0] == CARDS[lang]
    failures = check_phone_layout(page) + check_accessibility(page)
    assert not failures, report(failures)


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_on_a_desktop_the_versions_are_a_table_without_the_phone_labels(context, history_site: ServedSite,
                                                                        lang: str):
    page = context.new_page()
    goto(page, history_site.url(lang, "versions/"))
    shown = page.evaluate(_MEASURE)
    assert shown["display"] == "table-row"
    assert shown["headers"] == HEADERS[lang]
    first = shown["rows"][0]
    assert first[0] == CARDS[lang][0] and first[3] == CARDS[lang][3]
    assert first[1] == CARDS[lang][1].split(": ", 1)[1]  # the date alone: its header is above it
    assert not check_accessibility(page)

