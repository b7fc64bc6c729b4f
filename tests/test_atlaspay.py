"""The Atlas Pay test site (tests/sites/atlaspay): every form of duration and the Turkish case forms
of names from data, built strictly in both languages and read back fact by fact from the HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support.helpers import ROOT, copy_test_site, mkdocs_build, policy, read_page, validated_build

ATLAS = ROOT / "tests" / "sites" / "atlaspay"


def copy_atlas(folder: Path) -> Path:
    return copy_test_site("atlaspay", folder)

# item, English duration, Turkish duration: as written in data/cookies.yml, read by hand
DURATIONS = [
    ("atlas_session", "Session", "Oturum süresince"),  # Session
    ("atlas_remember", "90 days", "90 gün"),  # 90 Days
    ("atlas_consent", "13 months", "13 ay"),  # 13 Months
    ("atlas_csrf", "5 minutes", "5 dakika"),  # Five minutes
    ("atlas_locale", "1 year", "1 yıl"),  # One year
    ("atlas_region", "1 year", "1 yıl"),  # 1 yıl
    ("atlas_beta", "Until November 9, 2030", "9 Kasım 2030 tarihine kadar"),  # {until: 2030-11-09}
    # {until: {en, tr}}: a table cell starts with a capital letter (the value inside a sentence does not)
    ("atlas_signup", "Until you finish signing up", "Kaydınızı tamamlayana kadar"),
    ("__stripe_mid", "1 year", "1 yıl"),  # bir yıl
    ("__cf_bm", "30 minutes", "30 dakika"),  # otuz dakika
    ("atlas_draft", "Session", "Oturum süresince"),  # Oturum
    ("_ga", "13 months in the EEA and the UK; 24 months elsewhere",
     "AEA ve Birleşik Krallık'ta 13 ay; diğer bölgelerde 24 ay"),  # by_region + elsewhere
    ("_gid", "About a day, renewed on each visit", "Yaklaşık bir gün; her ziyarette yenilenir"),  # text
]


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("atlaspay")
    return validated_build(copy_atlas(folder), folder / "out", env={"POLICY_TODAY": "2026-11-22"})


def _durations(page_path: Path) -> dict[str, str]:
    page = read_page(page_path)
    rows = [row for table in page.tables if table[0][0] not in ("Third party", "Üçüncü taraf")  # services_table()
            for row in table[1:]]
    return {row[0].split(" (")[0]: row[3] for row in rows}


@pytest.mark.parametrize(("lang", "page"), [("en", "index.html"), ("tr", "tr/index.html")])
def test_every_duration_is_shown_in_the_page_language(out: Path, lang: str, page: str):
    shown = _durations(out / page)
    expected = {name: en if lang == "en" else tr for name, en, tr in DURATIONS}
    assert shown == expected
    assert read_page(out / page).lang == lang


def test_session_storage_is_listed_with_its_duration(out: Path):
    assert "atlas_draft: Keeps an unsent payment form (session)" in read_page(out / "index.html").list_items
    assert "atlas_draft: Gönderilmemiş ödeme formunu saklar (oturum süresince)" in \
        read_page(out / "tr" / "index.html").list_items


def test_turkish_prose_has_the_case_forms_of_names(out: Path):
    text = read_page(out / "tr" / "index.html").text
    for sentence in [
        "Bu politika, Atlas Pay'in atlaspay.example üzerinde çerezleri nasıl kullandığını açıklar.",
        "Oturum çerezlerini yalnızca yönetim panelinde kullanırız.",
        "Analitik Çerezlerin saklama süreleri yukarıdaki tabloda yer alır.",
        "Kart bilgileriniz Atlas Pay'e değil, doğrudan Stripe'a iletilir.",
        "Stripe'ın çerezleri yalnızca ödeme sayfasında kullanılır ve ödeme sayfasından ayrıldığınızda da saklanır.",
        "Sitemizi botlara karşı Cloudflare korur; Cloudflare'in kullandığı çerez yukarıdaki tabloda yer alır.",
        "Google Analytics'i yalnızca açık rızanızla kullanırız.",
        "Hata kayıtları Sentry hizmetine gönderilir.",
        "Bu politika KVKK'ya uygun olarak hazırlanmıştır.",
    ]:
        assert sentence in text


def test_english_genitive(out: Path):
    assert "This policy explains Atlas Pay's use of cookies on atlaspay.example." in read_page(out / "index.html").text


def test_an_apostrophe_is_text_not_markup(out: Path):
    html = (out / "tr" / "index.html").read_text(encoding="utf-8")
    assert "Stripe&#39;a" in html or "Stripe'a" in html or "Stripe&rsquo;a" in html
    assert "<code>Stripe" not in html


def test_a_changed_pronunciation_changes_the_suffix(tmp_path: Path):
    site = copy_atlas(tmp_path)
    path = site / "data" / "site.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  Stripe: {sounds_like: Straypt}\n",
                                                             "  Stripe: {sounds_like: Stripe}\n"),
                    encoding="utf-8")
    assert mkdocs_build(site, tmp_path / "out", env={"POLICY_TODAY": "2026-11-22"}).returncode == 0
    text = read_page(tmp_path / "out" / "tr" / "index.html").text
    assert "doğrudan Stripe'ye iletilir" in text  # spelled as written: what the override is for
    # without the override, the shipped table of frequent brands reads Stripe as "straypt" (issue #25, M3)
    path.write_text(path.read_text(encoding="utf-8").replace("  Stripe: {sounds_like: Stripe}\n", ""),
                    encoding="utf-8")
    assert mkdocs_build(site, tmp_path / "out2", env={"POLICY_TODAY": "2026-11-22"}).returncode == 0
    assert "doğrudan Stripe'a iletilir" in read_page(tmp_path / "out2" / "tr" / "index.html").text


def test_a_turkish_case_on_an_english_page_fails_the_build(tmp_path: Path):
    site = copy_atlas(tmp_path)
    page = site / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace('{{ company(case="gen") }}', '{{ company(case="dat") }}'),
                    encoding="utf-8")
    result = mkdocs_build(site, tmp_path / "out", env={"POLICY_TODAY": "2026-11-22"})
    assert result.returncode != 0
    assert "case 'dat' is a Turkish case form; in en write a preposition instead" in result.stderr


def test_an_unknown_tr_forms_option_is_refused(tmp_path: Path):
    site = copy_atlas(tmp_path)
    path = site / "data" / "site.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("{sounds_like: Straypt}", "{sound_like: Straypt}"),
                    encoding="utf-8")
    result = policy(site, "validate")
    assert result.returncode == 1
    assert "data/site.yml:25: error: tr_forms.Stripe.sound_like: unknown field (did you mean `sounds_like`?)" \
        in result.stderr


def test_missing_optional_facts_make_no_sentence(out: Path):
    for page, heading, basis in [
        ("index.html", "Analytics Cookies", "Used only with your explicit consent; you can withdraw it at any time."),
        ("tr/index.html", "Analitik Çerezler",
         "Yalnızca açık rızanız alınarak kullanılır; rızanızı dilediğiniz zaman geri alabilirsiniz."),
    ]:
        page_ = read_page(out / page)
        # no description: the legal basis follows the heading directly
        assert f"{heading} {basis}" in page_.text
        # a service with only a name: no role, no description of its cookies, no link
        assert "Sentry" in page_.list_items
    links = read_page(out / "index.html").links
    assert "https://stripe.com/privacy" in links and not any("sentry" in link for link in links)


def test_a_category_names_its_provider(out: Path):
    assert ("Payment Cookies Set on the checkout page while you pay; they are not listed one by one. "
            "These cookies are set by Stripe. Strictly necessary") in read_page(out / "index.html").text
    assert ("Ödeme Çerezleri Ödeme yaparken ödeme sayfasında kullanılır; tek tek listelenmez. "
            "Bu çerezler Stripe tarafından kullanılır. Bu çerezler, talep ettiğiniz") in \
        read_page(out / "tr" / "index.html").text


def test_a_new_service_is_added_with_its_country_role_and_transfer(out: Path):
    # Sentry has no role, but the data states its country, its role and the transfer: the changelog says them
    en = read_page(out / "changelog" / "index.html").list_items
    assert "Added third-party service Sentry (United States; processor; data is transferred abroad)." in en
    assert ("Added third-party service Stripe (payment processing; Ireland; independent controller; "
            "data is transferred abroad).") in en
    assert ("Sentry üçüncü taraf hizmeti eklendi (Amerika Birleşik Devletleri; veri işleyen; veriler yurt dışına "
            "aktarılır).") in read_page(out / "tr" / "changelog" / "index.html").list_items


def test_an_unknown_category_provider_is_an_error(tmp_path: Path):
    site = copy_atlas(tmp_path)
    path = site / "data" / "categories.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("provider: stripe", "provider: strpe"), encoding="utf-8")
    result = policy(site, "validate")
    assert result.returncode == 1
    assert "data/categories.yml:19: error: categories[2].provider: unknown third-party service `strpe` " \
           "(did you mean `stripe`?)" in result.stderr
