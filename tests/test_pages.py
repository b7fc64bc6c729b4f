"""The markup the pages are made of: item anchors, wrap points in names, heading slugs, durations in
running text, and the versions page (the browser tests check how a reader sees them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cookiepolicy.text.slugs import slugify

from .test_model_cases import PREFERENCES, html, item, load, renderer


def test_every_item_row_has_a_stable_anchor_and_labelled_cells(tmp_path: Path):
    policy = load(tmp_path, [item("auth_token", category="preferences"),
                             item("theme", category="preferences", storage="localStorage", duration="persistent"),
                             item("_ga_*", category="preferences", match="wildcard")], categories=[PREFERENCES])
    for lang in ("en", "tr"):
        out = renderer(policy, lang).cookie_table(storage=None, columns=["name", "purpose", "duration", "category"])
        assert '<tr id="cookie-auth_token">' in out and '<tr id="localstorage-theme">' in out
        assert '<tr id="cookie-_ga_">' in out  # characters a URL fragment would need escaped are left out
        label = "Duration" if lang == "en" else "Saklama süresi"
        assert f'<td data-column="duration" data-label="{label}">' in out
    page = html(renderer(policy).cookie_table(storage=None))
    assert [row[0] for row in page.tables[0][1:]] == ["auth_token", "theme", "_ga_*"]  # <wbr> adds no text


def test_long_names_may_wrap_after_separators_only(tmp_path: Path):
    policy = load(tmp_path, [item("_ga_G-ABC.def:x")])
    out = renderer(policy).cookie_table()
    assert "<code>&#95;<wbr>ga&#95;<wbr>G&#45;<wbr>ABC.<wbr>def&#58;<wbr>x</code>" in out


@pytest.mark.parametrize(("heading", "slug"), [
    ("2. Yaklaşımımız", "2-yaklasimimiz"),
    ("3. Kullandığımız çerezler", "3-kullandigimiz-cerezler"),
    ("İşlevsel ÇEREZLER", "islevsel-cerezler"),
    ("Öğe ÜÇ", "oge-uc"),
    ("1. What cookies are", "1-what-cookies-are"),
])
def test_heading_slugs_keep_turkish_letters(heading: str, slug: str):
    assert slugify(heading, "-") == slug
    assert slugify(heading, "-") == slugify(heading, "-")


def test_durations_inside_a_sentence_start_in_lower_case(tmp_path: Path):
    policy = load(tmp_path, [item("theme", category="preferences", storage="localStorage", duration="persistent")],
                  categories=[PREFERENCES])
    assert renderer(policy, "tr").storage_list().endswith("(siz silene kadar)")
    assert renderer(policy, "en").storage_list().endswith("(persistent)")
    assert html(renderer(policy, "tr").cookie_table(storage=None)).tables[0][1][2] == "Siz silene kadar"


def test_search_spellings_are_the_turkish_lower_case_and_the_plain_letters():
    from cookiepolicy.text.slugs import search_variants

    assert search_variants("İşlevsel Çerezler, ISLAK çerez refresh_token") == \
        "işlevsel islevsel cerezler ıslak cerez"
    assert search_variants("plain words only") == ""
