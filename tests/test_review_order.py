"""A review comment cut to fit keeps what matters legally, and says what it left out.

The case follows the Turkish legal review (M9, M10): a release with many small additions, plus a
basis change from consent to legitimate interest, a new advertising cookie that needs consent, a
third party that starts transferring data abroad, and a category whose `kind` changes.
"""

from __future__ import annotations

import pytest

from cookiepolicy.history.diff import Side
from cookiepolicy.model.inventory import Category, Duration, Inventory, Item, Policy, Service, Site
from cookiepolicy.review.comment import Comparison, review


def loc(en: str, tr: str) -> dict[str, str]:
    return {"en": en, "tr": tr}


SITE = Site(company="Acme", domain="acme.example", url="https://acme.example", contact_email="privacy@acme.example",
            languages=("en", "tr"), default_language="en")
NECESSARY = Category("necessary", loc("Necessary Cookies", "Zorunlu Çerezler"), {}, "exempt", "necessary")
STATS = Category("stats", loc("Analytics Cookies", "Analiz Çerezleri"), {}, "required", "analytics")
ADS = Category("ads", loc("Advertising Cookies", "Reklam Çerezleri"), {}, "required", "advertising")
PAY = Service("pay", "Kuzey Ödeme", loc("payments", "ödemeler"), transfer_abroad=False)


def item(name: str, category: str, provider: str = "first-party") -> Item:
    return Item(name, "cookie", category, loc(f"Setting {name}", f"{name} ayarı"), Duration("fixed", 30, "day"),
                provider=provider)


OLD = Inventory(categories=(NECESSARY, STATS, ADS), services=(PAY,),
                items=(item("_ga", "stats"), item("pay_sess", "necessary", "pay")))
NEW = Inventory(
    categories=(NECESSARY, Category("stats", STATS.name, {}, "", "analytics", legal_basis="legitimate-interest"),
                Category("ads", ADS.name, {}, "required", "other")),
    services=(Service("pay", "Kuzey Ödeme", loc("payments", "ödemeler"), transfer_abroad=True),),
    items=(item("_ga", "stats"), item("pay_sess", "necessary", "pay"),
           *(item(f"pref_setting_number_{n:02}", "necessary") for n in range(60)), item("_fbp", "ads")),
)


def comparison() -> Comparison:
    return Comparison(Side(Policy(SITE, OLD)), Side(Policy(SITE, NEW)), "main", "feature")


POINTS = {  # written by hand from the catalogs' wording
    "en": ["The legal basis of category Analytics Cookies changed from explicit consent to legitimate interest: "
           "check that the law allows these cookies without consent.",
           "`_fbp` is new and is in Advertising Cookies, which needs explicit consent: the site must ask before "
           "using it.",
           "The kind of category Advertising Cookies changed from “advertising” to “other”: check that the statements "
           "that the site does not use some cookies (`not_used`) are still true."],
    "tr": ["Analiz Çerezleri kategorisinin hukuki sebebi açık rıza yerine meşru menfaat olarak değiştirildi: bu "
           "çerezlerin açık rıza alınmadan kullanılmasına hukukun izin verdiğini kontrol edin.",
           "`_fbp` yeni eklendi ve açık rıza gerektiren Reklam Çerezleri kategorisindedir: kullanılmadan önce açık "
           "rıza alınmalıdır.",
           "Reklam Çerezleri kategorisinin türü “reklam” yerine “diğer” olarak değişti: sitenin bazı çerezleri "
           "kullanmadığına ilişkin beyanların (`not_used`) hâlâ doğru olduğunu kontrol edin."],
}
BASIS_CHANGE = {"en": "The legal basis of the Analytics Cookies category changed from explicit consent to "
                      "legitimate interest.",
                "tr": "Analiz Çerezleri kategorisinin hukuki sebebi açık rıza yerine meşru menfaat olarak "
                      "değiştirildi."}
KIND_CHANGE = {"en": "Category Advertising Cookies: kind changed from “advertising” to “other”.",
               "tr": "Reklam Çerezleri kategorisinin türü “reklam” yerine “diğer” olarak değiştirildi."}
LEFT_OUT = {"en": "Left out of this comment: ", "tr": "Bu yoruma alınmayanlar: "}


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_the_full_comment_puts_legal_points_first(lang: str):
    full = review(comparison(), lang, "text")
    attention = full.split("\n\n")[-1]
    found = [attention.index(p) for p in POINTS[lang]]
    assert found == sorted(found), attention
    assert attention.index(POINTS[lang][0]) < attention.index("Kuzey")  # basis before the transfer point


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_a_cut_comment_keeps_legal_points_and_changes_and_says_what_it_left_out(lang: str):
    cmp = comparison()
    full = review(cmp, lang, "text")
    cut = review(cmp, lang, "text", limit=2500, full_url="https://ci.example/run/1")
    assert len(full) > 2500 >= len(cut)
    for point in POINTS[lang]:
        assert point in cut, (point, cut)
    lines = cut.splitlines()
    changes = [line for line in lines if line.startswith("- ") and line[2:] not in POINTS[lang]]
    # the basis change comes first among the changes, and the kind change and the transfer are kept;
    # _fbp, added last, is kept before the other 60 additions because it needs consent
    assert BASIS_CHANGE[lang] in changes[0], changes[:3]
    assert any(KIND_CHANGE[lang] in line for line in changes[:4]), changes[:4]
    assert any("_fbp" in line for line in changes[:4]), "an addition that needs consent is kept over the rest"
    assert any("Kuzey Ödeme" in line for line in changes[:4]), changes[:4]
    shown_additions = sum("pref_setting_number_" in line for line in changes)
    assert 0 < shown_additions < 60
    (left,) = [line for line in lines if line.startswith(LEFT_OUT[lang])]
    assert str(60 - shown_additions) in left


def test_a_kind_change_is_an_attention_point_even_alone():
    old = Inventory(categories=(ADS,), items=(item("_fbp", "ads"),), not_used=("advertising",))
    new = Inventory(categories=(Category("ads", ADS.name, {}, "required", "other"),), items=old.items,
                    not_used=("advertising",))
    out = review(Comparison(Side(Policy(SITE, old)), Side(Policy(SITE, new)), "main", "feature"), "en", "text")
    assert POINTS["en"][2] in out
