"""What a reader sees at 320, 390, 768 and 1280 px, in every language of every site: item cards on
phones and tables on desktops, per-item anchors, Turkish-aware heading anchors, the interface, the
footer and the 404 page in the page's language, and search that lists the page's language only and
leaves archived versions out.

Screenshots of every policy page at every width go to ``artifacts/screenshots/<site>/``.
"""

from __future__ import annotations

import re

import pytest

from cookiepolicy.text.localize import Catalog
from cookiepolicy.text.slugs import slugify

from ..support.helpers import ROOT
from .checks import check_layout, check_search, goto, report, screenshot
from .conftest import _context, site_language_params, site_params
from .sites import ServedSite
from .test_sites_in_browser import searchable_name

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "artifacts" / "screenshots"
WIDTHS = (320, 390, 768, 1280)
_WORD = re.compile(r"[^\W_]", re.UNICODE)


def sized(browser, width: int):
    phone = width < 768
    return _context(browser, viewport={"width": width, "height": 900}, device_scale_factor=2 if phone else 1,
                    is_mobile=phone, has_touch=phone)


def current_policy_page(site: ServedSite):
    pages = [p for p in site.policy_pages if p.release is None]
    assert pages, f"{site.spec.slug}: no current policy page"
    return pages[0]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("spec", "lang"), site_language_params())
def test_items_fit_the_screen_as_cards_or_a_table(browser, served, spec, lang, width):
    site = served(spec)
    context = sized(browser, width)
    try:
        page = context.new_page()
        failures = []
        for spec_page in site.policy_pages:
            goto(page, site.url(lang, spec_page.key))
            failures += check_layout(page)
            screenshot(page, SCREENSHOTS / spec.slug / f"{lang}-{spec_page.slug}-{width}px.png")
    finally:
        context.close()
    assert not failures, report(failures)


@pytest.mark.parametrize(("spec", "lang"), site_language_params())
def test_every_item_has_an_anchor_a_link_can_open(context, served, spec, lang):
    site = served(spec)
    key = current_policy_page(site).key
    page = context.new_page()
    anchors = {}
    for language in site.languages:
        goto(page, site.url(language, key))
        anchors[language] = page.eval_on_selector_all(
            "table[data-policy-items] tbody tr", "rows => rows.map(r => [r.id, r.querySelector('code').innerText])")
    ids = dict(anchors[lang])
    assert ids and all(re.fullmatch(r"[a-z]+-[A-Za-z0-9_.-]+", i) for i in ids), ids
    assert anchors[lang] == anchors[site.spec.default], "the same anchors in every language"
    cookie = next((i for i in ids if i.startswith("cookie-")), next(iter(ids)))
    assert cookie == "cookie-" + re.sub(r"[^A-Za-z0-9_.-]+", "-", ids[cookie]).strip("-")
    goto(page, site.url(lang, key) + "#" + cookie)
    box = page.locator(f"tr[id='{cookie}']").bounding_box()
    assert box and 0 <= box["y"] < 900, f"#{cookie} is not scrolled into view: {box}"
    assert page.evaluate(f"getComputedStyle(document.getElementById('{cookie}')).outlineStyle") == "solid"


@pytest.mark.parametrize(("spec", "lang"), site_language_params())
def test_heading_anchors_keep_every_letter(context, served, spec, lang):
    """Transliterated (ı→i, ş→s, ...), never dropped: an anchor has as many letters and digits as its heading."""
    site = served(spec)
    page = context.new_page()
    failures = []
    for spec_page in site.pages:
        goto(page, site.url(lang, spec_page.key))
        for heading_id, heading in page.eval_on_selector_all(
                "article :is(h1, h2, h3)[id]", "hs => hs.map(h => [h.id, h.firstChild.textContent.trim()])"):
            if re.fullmatch(r"v[0-9][0-9-]*", heading_id):
                continue  # a release's explicit anchor in the changelog ({#v1-0}), not a slug
            letters = len(_WORD.findall(heading))
            kept = len(re.findall(r"[A-Za-z0-9]", heading_id))
            if kept != letters or not heading_id.isascii():
                failures.append(f"{page.url}: heading {heading!r} has anchor #{heading_id}")
    assert not failures, report(failures)
    if lang == "tr" and spec.root == ROOT:
        goto(page, site.url("tr", ""))
        ids = page.eval_on_selector_all("article h2[id]", "hs => hs.map(h => h.id)")
        assert "2-yaklasimimiz" in ids and "3-kullandigimiz-cerezler" in ids, ids


@pytest.mark.parametrize(("spec", "lang"), site_language_params())
def test_interface_footer_and_description_are_in_the_page_language(context, served, spec, lang):
    site = served(spec)
    c = Catalog.get(lang)
    policy = site.policy
    page = context.new_page()
    goto(page, site.url(lang, current_policy_page(site).key))
    assert page.get_attribute("html", "lang") == lang
    titles = set(page.eval_on_selector_all("article a.headerlink", "links => links.map(a => a.title)"))
    assert titles == {c.t("site.permalink")}, titles
    toggles = page.eval_on_selector_all("form[data-md-component='palette'] label", "ls => ls.map(l => l.title)")
    assert toggles and set(toggles) <= {c.t("site.to_dark"), c.t("site.to_light")}, toggles
    footer = page.inner_text("footer")
    assert "Material for MkDocs" not in footer and "MkDocs" not in footer
    assert policy.site.company in footer and policy.site.contact_email in footer
    in_force = policy.in_force(site.today) or policy.latest
    assert in_force is not None and in_force.version in footer
    description = page.get_attribute("meta[name='description']", "content")
    assert description == c.t("site.description", company=policy.site.company)
    date = page.eval_on_selector("article", "a => a.innerText.match(/\\d{1,2}\\u00a0\\S+\\u00a0\\d{4}|"
                                            "\\S+\\u00a0\\d{1,2},\\u00a0\\d{4}/)")
    assert date, "dates are written with no-break spaces, so they never break across lines"


@pytest.mark.parametrize(("spec", "lang"), site_language_params())
def test_the_404_page_speaks_every_language_and_leads_back(context, served, spec, lang):
    site = served(spec)
    c = Catalog.get(lang)
    page = context.new_page()
    goto(page, site.base_url + "404.html")
    assert page.get_attribute("html", "lang") == site.spec.default
    section = page.locator(f"article section[lang='{lang}']")
    assert section.locator("h1, h2").inner_text() == c.t("site.not_found_title")
    assert c.t("site.not_found_text", company=site.policy.site.company) in section.inner_text()
    switcher = page.eval_on_selector_all(".md-select__link", "links => links.map(a => a.href)")
    assert all("/versions/" not in href for href in switcher), switcher
    section.locator("a").click()
    page.wait_for_load_state()
    assert page.url == site.url(lang, "")
    assert page.get_attribute("html", "lang") == lang


@pytest.mark.parametrize(("spec", "lang"), site_language_params())
def test_search_lists_pages_of_the_page_language_only(context, served, spec, lang):
    site = served(spec)
    key, name = searchable_name(site)
    page = context.new_page()
    failures = check_search(page, site, lang, key, name)
    assert not failures, report(failures)
    shown = page.eval_on_selector_all(".md-search-result__item > a.md-search-result__link",
                                      "links => links.filter(a => a.checkVisibility()).map(a => a.href)")
    assert shown, f"searching {name!r} shows no result"
    wrong = [href for href in shown if site.language_of(href.split("?")[0]) != lang]
    assert not wrong, f"searching {name!r} on a {lang} page shows other languages' pages: {wrong}"


@pytest.mark.parametrize(("spec", "lang"), site_language_params())
def test_search_leaves_archived_versions_out(context, served, spec, lang):
    site = served(spec)
    if not site.policy.releases:
        pytest.fail(f"{spec.slug} has no release to archive")
    page = context.new_page()
    goto(page, site.url(lang, ""))
    index = page.evaluate("fetch(new URL('search/search_index.json', __md_scope).href).then(r => r.json())")
    locations = [doc["location"] for doc in index["docs"]]
    assert locations and not [loc for loc in locations if "versions/" in loc and loc.split("versions/")[1]], \
        "archived versions are not in the search index"


@pytest.mark.parametrize("spec", [p for p in site_params() if "tr" in p.values[0].locales])
def test_turkish_words_are_found_as_readers_type_them(context, served, spec):
    """A word written with İ, typed in lower case ("işbu"), and a word typed without its diacritics
    ("cerez" for "çerez"), both find the Turkish page they are on."""
    site = served(spec)
    key = current_policy_page(site).key
    page = context.new_page()
    goto(page, site.url("tr", key))
    words = page.evaluate("() => document.querySelector('article').innerText.match(/[\\p{L}]+/gu)")
    dotted = next(w for w in words if w.startswith("İ") and len(w) > 3)
    accented = next(w for w in words if re.search("[çşğöüı]", w) and len(w) > 3)
    typed = ["i" + dotted[1:].lower(), slugify(accented.lower(), "")]
    assert typed[0] != dotted.lower() and typed[1].isascii(), typed
    failures = [f for query in typed for f in check_search(context.new_page(), site, "tr", key, query)]
    assert not failures, report(failures)
