"""Turkish sentences built around names from data: a name keeps its letters where it starts a
sentence, and possessive compounds take their endings without help from ``tr_forms``.
The expected sentences were written by hand."""

from __future__ import annotations

from pathlib import Path

from cookiepolicy.text.turkish import SOUNDS

from .support.helpers import policy
from .test_model_cases import html, item, load, renderer

PLACES = {"website": {"tr": "internet sitesi", "en": "the website"},
          "checkout": {"tr": "ödeme sayfası", "en": "the checkout page"}}


def test_a_lower_case_company_keeps_its_letters_at_the_start_of_the_not_used_sentence(tmp_path: Path):
    policy = load(tmp_path, [item("sid")], company="iyzico", not_used=["advertising", "cross-site-tracking"],
                  usage_places=PLACES)
    tr = renderer(policy, "tr")
    assert html(tr.not_used_statement()).text == \
        "iyzico, internet sitesinde reklam çerezleri veya siteler arası izleme çerezleri kullanmamaktadır."
    # the place needs no tr_forms: "internet sitesi" is a possessive compound, so "sitesinde", not "siteside"
    assert html(tr.not_used_statement(where="website")).text == \
        "iyzico, internet sitesinde reklam çerezleri veya siteler arası izleme çerezleri kullanmamaktadır."
    assert html(tr.not_used_statement(voice="we", where="checkout")).text == \
        "Ödeme sayfasında reklam çerezleri veya siteler arası izleme çerezleri kullanmamaktayız."
    assert tr.usage_place("checkout", case="abl") == "ödeme sayfasından"


def test_an_example_from_data_that_starts_the_sentence_keeps_its_letters(tmp_path: Path):
    policy = load(tmp_path, [item("sid")], not_used=["third-party-tracking"])
    tr = renderer(policy, "tr")
    such_as = {"third-party-tracking": ["iyzico Analitik"]}
    assert html(tr.not_used_statement(voice="we", such_as=such_as)).text == \
        "iyzico Analitik gibi üçüncü taraf izleme çerezleri kullanmamaktayız."
    # a common word at the start is still capitalized the Turkish way
    assert html(tr.not_used_statement(voice="we")).text == "Üçüncü taraf izleme çerezleri kullanmamaktayız."


def test_case_forms_on_pages_read_brands_from_the_table_and_data_wins(tmp_path: Path):
    services = [{"id": "google", "name": "Google", "role": {"en": "maps", "tr": "harita"}},
                {"id": "linkedin", "name": "LinkedIn", "role": {"en": "ads", "tr": "reklam"}}]
    policy = load(tmp_path, [item("sid")], services=services, tr_forms={"LinkedIn": {"gen": "LinkedIn şirketinin"}})
    tr = renderer(policy, "tr")
    assert html(tr.service_name("google", case="gen")).text == "Google'ın"
    assert html(tr.service_name("google", case="dat")).text == "Google'a"
    assert html(tr.service_name("linkedin", case="gen")).text == "LinkedIn şirketinin"
    assert html(tr.service_name("linkedin", case="loc")).text == "LinkedIn'de"


def test_possessive_false_in_data_opts_out(tmp_path: Path):
    places = {"browser": {"tr": "yeni tarayıcı", "en": "the new browser"}}
    policy = load(tmp_path, [item("sid")], usage_places=places,
                  tr_forms={"yeni tarayıcı": {"possessive": False}})
    assert renderer(policy, "tr").usage_place("browser", case="loc") == "yeni tarayıcıda"


def test_validate_warns_about_a_case_form_the_engine_cannot_read(tmp_path: Path):
    result = policy(tmp_path, "init", "site", "--company", "Coinbase", "--domain", "coinbase.example",
                    "--email", "kvkk@coinbase.example", "--default-language", "tr")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    page = site / "docs" / "index.md"
    text = page.read_text(encoding="utf-8")
    line = text.count("\n") + 2
    page.write_text(text + '\n{{ company(case="gen") }} çerezleri; {{ case_form("Google", "dat") }} iletilir.\n',
                    encoding="utf-8")
    result = policy(site, "validate", "--strict")
    assert result.returncode == 1
    warnings = [w for w in result.stderr.splitlines() if "case=" in w]
    assert warnings == [
        f"docs/index.md:{line}: uyarı: company(case=...): `Coinbase` adının Türkçe hâl eki yazılışına göre "
        "seçiliyor ve okunuşuna uymayabilir (sonda okunmayan bir e mi var?); yerleşik tablo sık kullanılan "
        f"{len(SOUNDS)} markayı biliyor, bu adı bilmiyor (data/site.yml dosyasına, adın Türkçede okunduğu gibi "
        "yazılışıyla `tr_forms: {Coinbase: {sounds_like: ...}}` ya da `{gen: ..., dat: ...}` gibi hâllerinin "
        "tamamını ekleyin)"]  # a Turkish-first site: in Turkish; Google is in the table: no warning for it
    site_yml = site / "data" / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8") + "tr_forms:\n  Coinbase: {sounds_like: Koynbeys}\n",
                        encoding="utf-8")
    result = policy(site, "validate", "--strict")
    assert result.returncode == 0, result.stderr
    assert "case=" not in result.stderr


def test_a_sentence_case_category_name_is_lowered_inside_the_withdrawal_sentence(tmp_path: Path):
    from .test_model_cases import ANALYTICS, PREFERENCES

    prefs = dict(PREFERENCES, name={"en": "Preference cookies", "tr": "İşlevsel çerezler"})
    stats = dict(ANALYTICS, name={"en": "Analytics cookies", "tr": "Analitik çerezler"})
    titled = dict(ANALYTICS, id="ads", name={"en": "Advertising Cookies", "tr": "Reklam Çerezleri"})
    policy_ = load(tmp_path, [item("p", category="preferences"), item("a", category="analytics"),
                              item("c", category="ads")], categories=[prefs, stats, titled])
    assert html(renderer(policy_, "tr").withdraw_consent()).text.startswith(
        "İşlevsel çerezler, analitik çerezler ve Reklam Çerezleri için vermiş olduğunuz açık rızayı")
    assert html(renderer(policy_, "en").withdraw_consent()).text.startswith(
        "You can withdraw your consent to preference cookies, analytics cookies, and Advertising Cookies at any "
        "time")
