"""The manual, built with the engine, as a reader's browser shows it: the example page's tables (rendered
by the engine's macros from manual/data) are cards on a 390 px phone in both languages, and the pages
in Turkish and English have no serious accessibility violation."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ..support.helpers import ROOT
from .checks import check_accessibility, check_phone_layout, goto, report
from .sites import ServedSite, read_site, serve_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def manual(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    served = serve_site(read_site(ROOT / "manual" / "mkdocs.yml"), tmp_path_factory.mktemp("manual") / "out")
    yield served
    served.close()


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_the_example_page_shows_its_tables_as_cards_on_a_phone(phone, manual: ServedSite, lang: str):
    page = phone.new_page()
    goto(page, manual.url(lang, "example/"))
    names = page.eval_on_selector_all("article table[data-policy-items] tbody tr td code",
                                      "codes => codes.map(code => code.innerText)")
    assert names == ["cart_id", "cookie_consent", "_pk_id.*", "_pk_ses.*"]
    failures = check_phone_layout(page) + check_accessibility(page)
    assert not failures, report(failures)


@pytest.mark.parametrize(("lang", "key"), [("en", ""), ("tr", ""), ("en", "tutorial/"), ("tr", "tutorial/"),
                                           ("tr", "how-to/change-the-policy/")])
def test_the_manual_s_pages_read_well_in_both_languages(context, manual: ServedSite, lang: str, key: str):
    page = context.new_page()
    goto(page, manual.url(lang, key))
    assert page.get_attribute("html", "lang") == lang
    failures = check_accessibility(page)
    assert not failures, report(failures)
