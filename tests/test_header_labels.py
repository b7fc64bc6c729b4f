"""A change is named by the site's own column header: a site whose purpose column is "Typical Content"
reads of a changed "Typical Content" text, in the changelog, `policy diff` and the review comment."""

from __future__ import annotations

import dataclasses

import pytest

from cookiepolicy.history.diff import Side, diff_inventories
from cookiepolicy.model.inventory import Category, Duration, Inventory, Item, Policy, Site
from cookiepolicy.render.sentences import sentences
from cookiepolicy.review.comment import Comparison, _plain, review

HEADERS = {"purpose": {"en": "Typical Content", "tr": "Tipik İçerik"}, "duration": {"en": "Expiry", "tr": "Süre"}}
NEEDED = Category("needed", {"en": "Essential", "tr": "Zorunlu"}, {}, "exempt", "necessary")
OLD_ITEM = Item(name="sid", storage="cookie", category="needed", purpose={"en": "Session id", "tr": "Oturum"},
                duration=Duration("fixed", 30, "day"))
NEW_ITEM = dataclasses.replace(OLD_ITEM, purpose={"en": "Session key", "tr": "Oturum"},
                               duration=Duration("fixed", 1, "year"))
OLD, NEW = Inventory(categories=(NEEDED,), items=(OLD_ITEM,)), Inventory(categories=(NEEDED,), items=(NEW_ITEM,))

# written by hand
WANT = {
    "en": "Cookie `sid` (Acme): “Expiry” extended from 30 days to 1 year and the English “Typical Content” text "
          "changed from “Session id” to “Session key”.",
    "tr": "Acme tarafından kullanılan `sid` çerezinin “Süre” bilgisi 30 günden 1 yıla uzatıldı ve İngilizce "
          "“Tipik İçerik” metni “Session id” yerine “Session key” olarak değiştirildi.",
}


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_a_changed_field_is_named_by_the_sites_header(lang: str):
    (line,) = sentences(diff_inventories(OLD, NEW), lang, "Acme", OLD, NEW, headers=HEADERS)
    assert _plain(line) == WANT[lang]
    (plain,) = sentences(diff_inventories(OLD, NEW), lang, "Acme", OLD, NEW)  # no headers: the catalog's names
    assert "Typical Content" not in plain and "Tipik İçerik" not in plain
    assert ("purpose text" if lang == "en" else "amaç metni") in plain


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_the_review_and_policy_diff_name_the_field_by_the_branchs_header(lang: str):
    site = Site(company="Acme", domain="acme.example", url="https://acme.example", contact_email="a@acme.example",
                languages=("en", "tr"), default_language="en", table_headers=HEADERS)
    out = review(Comparison(Side(Policy(site, OLD)), Side(Policy(site, NEW)), "main", "feature"), lang, "text")
    assert WANT[lang].replace("`", "") in out.replace("`", ""), out
    assert "purpose text" not in out and "amaç metni" not in out


def test_the_changelog_names_a_release_s_change_by_the_headers_frozen_with_it(tmp_path):
    """Release 1.1 was published while the column was "Typical Content"; site.yml now says "Contents":
    the changelog line of 1.1 keeps the name its release was published with."""
    import datetime as dt

    from cookiepolicy.history.wording import frozen_text
    from cookiepolicy.model.inventory import Release
    from cookiepolicy.render.renderer import Renderer, View

    wording = tmp_path / "1.1.yml"
    wording.write_text(frozen_text("1.1", {"languages": ["en"], "table_headers": HEADERS}), encoding="utf-8")
    releases = (Release("1.0", dt.date(2026, 1, 1), dt.date(2026, 1, 1), {}, OLD),
                Release("1.1", dt.date(2026, 2, 1), dt.date(2026, 2, 1), {}, NEW, wording=str(wording)))
    site = Site(company="Acme", domain=None, url=None, contact_email=None, languages=("en",),
                default_language="en", table_headers={"purpose": {"en": "Contents"}})
    policy = Policy(site, NEW, releases)
    changelog = Renderer(policy, "en", View(NEW, None), dt.date(2026, 3, 1)).changelog(include_unreleased=False)
    assert "the English “Typical Content” text changed from" in changelog, changelog
    assert "Contents" not in changelog
