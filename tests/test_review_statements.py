"""What a reviewer is told about consent and about what a `not_used` statement checks.

Written by hand from the Turkish legal review (M10) and the rule that a sentence says only what the
data states: "explicit consent" / "açık rıza" only where a category states `explicit: true`; an
item's `cross_site` changed in a way that changes what a statement checks is an attention point.
"""

from __future__ import annotations

import pytest

from cookiepolicy.history.diff import Side, diff_inventories
from cookiepolicy.model.inventory import Category, Duration, Inventory, Item, Policy, Service, Site
from cookiepolicy.render.sentences import change_sentences
from cookiepolicy.review.comment import Comparison, as_json, review


def loc(en: str, tr: str) -> dict[str, str]:
    return {"en": en, "tr": tr}


SITE = Site(company="Acme", domain="acme.example", url="https://acme.example", contact_email="privacy@acme.example",
            languages=("en", "tr"), default_language="en")
NECESSARY = Category("necessary", loc("Necessary Cookies", "Zorunlu Çerezler"), {}, "", "necessary",
                     legal_basis="strictly-necessary")
ADTECH = Service("adtech", "AdTech", loc("ads", "reklam"))


def stats(explicit: bool, basis: str = "consent") -> Category:
    return Category("stats", loc("Analytics Cookies", "Analiz Çerezleri"), {}, "", "analytics", legal_basis=basis,
                    explicit=explicit)


def item(name: str, category: str, cross_site: bool = False, provider: str = "first-party") -> Item:
    return Item(name, "cookie", category, loc(f"Setting {name}", f"{name} ayarı"), Duration("fixed", 30, "day"),
                provider=provider, cross_site=cross_site)


def text_review(old: Inventory, new: Inventory, lang: str) -> str:
    return review(Comparison(Side(Policy(SITE, old)), Side(Policy(SITE, new)), "main", "feature"), lang, "text")


# ---------------------------------------------------------------- "explicit" only where stated

NEW_ITEM = {  # (explicit stated, language) -> the attention point, written by hand
    (False, "en"): "`_stat` is new and is in Analytics Cookies, which needs consent: the site must ask before "
                   "using it.",
    (True, "en"): "`_stat` is new and is in Analytics Cookies, which needs explicit consent: the site must ask "
                  "before using it.",
    (False, "tr"): "`_stat` yeni eklendi ve rıza gerektiren Analiz Çerezleri kategorisindedir: kullanılmadan önce "
                   "rıza alınmalıdır.",
    (True, "tr"): "`_stat` yeni eklendi ve açık rıza gerektiren Analiz Çerezleri kategorisindedir: kullanılmadan "
                  "önce açık rıza alınmalıdır.",
}
BASIS = {
    (False, "en"): "The legal basis of category Analytics Cookies changed from consent to legitimate interest: "
                   "check that the law allows these cookies without consent.",
    (True, "en"): "The legal basis of category Analytics Cookies changed from explicit consent to legitimate "
                  "interest: check that the law allows these cookies without consent.",
    (False, "tr"): "Analiz Çerezleri kategorisinin hukuki sebebi rıza yerine meşru menfaat olarak değiştirildi: bu "
                   "çerezlerin rıza alınmadan kullanılmasına hukukun izin verdiğini kontrol edin.",
    (True, "tr"): "Analiz Çerezleri kategorisinin hukuki sebebi açık rıza yerine meşru menfaat olarak "
                  "değiştirildi: bu çerezlerin açık rıza alınmadan kullanılmasına hukukun izin verdiğini kontrol "
                  "edin.",
}
INTO_CONSENT = {  # a strictly necessary category that now rests on consent
    (False, "en"): ("Category Analytics Cookies now needs consent.",
                    "The Analytics Cookies category now needs your consent."),
    (True, "en"): ("Category Analytics Cookies now needs explicit consent.",
                   "The Analytics Cookies category now needs your explicit consent."),
    (False, "tr"): ("Analiz Çerezleri kategorisi artık rıza gerektirmektedir.",
                    "Analiz Çerezleri kategorisi artık rızanızı gerektirmektedir."),
    (True, "tr"): ("Analiz Çerezleri kategorisi artık açık rıza gerektirmektedir.",
                   "Analiz Çerezleri kategorisi artık açık rızanızı gerektirmektedir."),
}
ADDED = {(False, "en"): "Added category Analytics Cookies (needs consent).",
         (True, "en"): "Added category Analytics Cookies (needs explicit consent).",
         (False, "tr"): "Analiz Çerezleri kategorisi eklendi (rıza gerekir).",
         (True, "tr"): "Analiz Çerezleri kategorisi eklendi (açık rıza gerekir)."}
CASES = [(explicit, lang) for explicit in (False, True) for lang in ("en", "tr")]


def _no_explicit_word(said: str, lang: str) -> None:
    assert ("explicit" if lang == "en" else "açık rıza") not in said, said


@pytest.mark.parametrize(("explicit", "lang"), CASES)
def test_a_new_item_in_a_consent_category_says_explicit_only_when_stated(explicit: bool, lang: str):
    old = Inventory(categories=(NECESSARY, stats(explicit)))
    new = Inventory(categories=(NECESSARY, stats(explicit)), items=(item("_stat", "stats"),))
    said = text_review(old, new, lang)
    assert NEW_ITEM[explicit, lang] in said
    if not explicit:
        _no_explicit_word(said.split("\n\n", 2)[-1], lang)


@pytest.mark.parametrize(("explicit", "lang"), CASES)
def test_a_basis_change_from_consent_says_explicit_only_when_stated(explicit: bool, lang: str):
    old = Inventory(categories=(NECESSARY, stats(explicit)), items=(item("_stat", "stats"),))
    new = Inventory(categories=(NECESSARY, stats(False, "legitimate-interest")), items=(item("_stat", "stats"),))
    said = text_review(old, new, lang)
    assert BASIS[explicit, lang] in said
    if not explicit:
        _no_explicit_word(said.split("\n\n", 2)[-1], lang)


@pytest.mark.parametrize(("explicit", "lang"), CASES)
def test_a_category_that_now_needs_consent_says_explicit_only_when_stated(explicit: bool, lang: str):
    old = Inventory(categories=(NECESSARY, stats(False, "strictly-necessary")), items=(item("_stat", "stats"),))
    new = Inventory(categories=(NECESSARY, stats(explicit)), items=(item("_stat", "stats"),))
    said = text_review(old, new, lang)
    point, changelog = INTO_CONSENT[explicit, lang]
    assert point in said and changelog in said
    if not explicit:
        _no_explicit_word(said.split("\n\n", 2)[-1], lang)


@pytest.mark.parametrize(("explicit", "lang"), CASES)
def test_a_new_consent_category_in_the_changelog_says_explicit_only_when_stated(explicit: bool, lang: str):
    old = Inventory(categories=(NECESSARY,))
    new = Inventory(categories=(NECESSARY, stats(explicit)))
    sentences = [s for _, s in change_sentences(diff_inventories(old, new), lang, "Acme", old, new)]
    assert sentences == [ADDED[explicit, lang]]


def test_the_exported_points_do_not_carry_the_wording_choice():
    old = Inventory(categories=(NECESSARY, stats(True)))
    new = Inventory(categories=(NECESSARY, stats(True)), items=(item("_stat", "stats"),))
    data = as_json(Comparison(Side(Policy(SITE, old)), Side(Policy(SITE, new)), "main", "feature"))
    assert {"check": "new_needs_consent", "name": "_stat", "category": loc("Analytics Cookies", "Analiz Çerezleri")} \
        in data["attention"]


# ---------------------------------------------------------------- cross_site and what a statement checks

CROSS_OFF = {
    "en": "`_track` is no longer marked as used across sites, so the statement that the site does not use cross-site "
          "tracking cookies (`not_used`) no longer covers it: check that it really is not used across sites.",
    "tr": "`_track` artık siteler arası kullanılan bir çerez olarak işaretlenmemektedir; bu nedenle sitede siteler "
          "arası izleme çerezleri kullanılmadığına ilişkin beyan (`not_used`) bu çerezi artık kapsamamaktadır: "
          "çerezin gerçekten siteler arası kullanılmadığını kontrol edin.",
}
CROSS_ON = {
    "en": "`_track` is now marked as used across sites, which contradicts the statement that the site does not use "
          "cross-site tracking cookies and third-party tracking cookies (`not_used`): check which of the two is "
          "true.",
    "tr": "`_track` artık siteler arası kullanılan bir çerez olarak işaretlenmiştir; bu, sitede siteler arası izleme "
          "çerezleri ve üçüncü taraf izleme çerezleri kullanılmadığına ilişkin beyanla (`not_used`) çelişmektedir: "
          "hangisinin doğru olduğunu kontrol edin.",
}


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_an_item_no_longer_cross_site_under_a_cross_site_statement_is_an_attention_point(lang: str):
    old = Inventory(categories=(NECESSARY,), items=(item("_track", "necessary", cross_site=True),))
    new = Inventory(categories=(NECESSARY,), items=(item("_track", "necessary"),),
                    not_used=("cross-site-tracking",))
    said = text_review(old, new, lang)
    attention = said.split("\n\n")[-1]
    assert CROSS_OFF[lang] in attention


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_an_item_now_cross_site_names_every_statement_it_contradicts(lang: str):
    statements = ("cross-site-tracking", "third-party-tracking", "advertising")
    old = Inventory(categories=(NECESSARY,), services=(ADTECH,),
                    items=(item("_track", "necessary", provider="adtech"),), not_used=statements)
    new = Inventory(categories=(NECESSARY,), services=(ADTECH,),
                    items=(item("_track", "necessary", cross_site=True, provider="adtech"),), not_used=statements)
    assert CROSS_ON[lang] in text_review(old, new, lang).split("\n\n")[-1]


def test_a_cross_site_change_no_statement_checks_is_no_attention_point():
    old = Inventory(categories=(NECESSARY,), items=(item("_track", "necessary", cross_site=True),),
                    not_used=("advertising",))
    new = Inventory(categories=(NECESSARY,), items=(item("_track", "necessary"),), not_used=("advertising",))
    comparison = Comparison(Side(Policy(SITE, old)), Side(Policy(SITE, new)), "main", "feature")
    assert [p["check"] for p in as_json(comparison)["attention"]] == ["unreleased"]
    assert "across sites" not in review(comparison, "en", "text").split("no longer used across sites")[-1]


def test_the_cross_site_point_is_kept_with_the_legal_points_when_cut():
    from cookiepolicy.review.comment import POINT_WEIGHT

    assert POINT_WEIGHT["review.cross_site_off"] == POINT_WEIGHT["review.category_kind"] == 1
