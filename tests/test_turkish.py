"""Turkish case forms of names: every form below was written by hand and checked against Turkish grammar
(TDK: apostrophe after proper names, letter names for abbreviations read letter by letter)."""

from __future__ import annotations

import pytest

from cookiepolicy.text.turkish import case_form, number_words

CASE_ORDER = ("gen", "dat", "loc", "acc", "abl")

# name, options, then genitive, dative, locative, accusative, ablative
NAMES: list[tuple[str, dict, tuple[str, str, str, str, str]]] = [
    ("TalkOmni", {}, ("TalkOmni'nin", "TalkOmni'ye", "TalkOmni'de", "TalkOmni'yi", "TalkOmni'den")),
    ("Stripe", {"sounds_like": "Straypt"}, ("Stripe'ın", "Stripe'a", "Stripe'ta", "Stripe'ı", "Stripe'tan")),
    ("Google", {"sounds_like": "Gugıl"}, ("Google'ın", "Google'a", "Google'da", "Google'ı", "Google'dan")),
    ("Cloudflare", {"sounds_like": "Klaudfler"},
     ("Cloudflare'in", "Cloudflare'e", "Cloudflare'de", "Cloudflare'i", "Cloudflare'den")),
    ("Ankara", {}, ("Ankara'nın", "Ankara'ya", "Ankara'da", "Ankara'yı", "Ankara'dan")),
    ("İstanbul", {}, ("İstanbul'un", "İstanbul'a", "İstanbul'da", "İstanbul'u", "İstanbul'dan")),
    ("İzmir", {}, ("İzmir'in", "İzmir'e", "İzmir'de", "İzmir'i", "İzmir'den")),
    ("Türkiye", {}, ("Türkiye'nin", "Türkiye'ye", "Türkiye'de", "Türkiye'yi", "Türkiye'den")),
    ("Mehmet", {}, ("Mehmet'in", "Mehmet'e", "Mehmet'te", "Mehmet'i", "Mehmet'ten")),
    ("Zonguldak", {}, ("Zonguldak'ın", "Zonguldak'a", "Zonguldak'ta", "Zonguldak'ı", "Zonguldak'tan")),
    ("Bursa", {}, ("Bursa'nın", "Bursa'ya", "Bursa'da", "Bursa'yı", "Bursa'dan")),
    ("Ordu", {}, ("Ordu'nun", "Ordu'ya", "Ordu'da", "Ordu'yu", "Ordu'dan")),
    ("Düzce", {}, ("Düzce'nin", "Düzce'ye", "Düzce'de", "Düzce'yi", "Düzce'den")),
    ("Göksu", {}, ("Göksu'nun", "Göksu'ya", "Göksu'da", "Göksu'yu", "Göksu'dan")),
    ("Üsküdar", {}, ("Üsküdar'ın", "Üsküdar'a", "Üsküdar'da", "Üsküdar'ı", "Üsküdar'dan")),
    ("Kadıköy", {}, ("Kadıköy'ün", "Kadıköy'e", "Kadıköy'de", "Kadıköy'ü", "Kadıköy'den")),
    ("Pommy", {}, ("Pommy'nin", "Pommy'ye", "Pommy'de", "Pommy'yi", "Pommy'den")),
    ("Atlas Pay", {"sounds_like": "Atlas Pey"},
     ("Atlas Pay'in", "Atlas Pay'e", "Atlas Pay'de", "Atlas Pay'i", "Atlas Pay'den")),
    ("Kemal", {"sounds_like": "Kemel"}, ("Kemal'in", "Kemal'e", "Kemal'de", "Kemal'i", "Kemal'den")),
    # abbreviations read letter by letter: the last letter's name decides (se, ke, de, te, me, be)
    ("AWS", {}, ("AWS'nin", "AWS'ye", "AWS'de", "AWS'yi", "AWS'den")),
    # but the Law's own abbreviation as Turkish legal texts (and the catalogs' "KVKK’nın") decline it (review L21)
    ("KVKK", {}, ("KVKK'nın", "KVKK'ya", "KVKK'da", "KVKK'yı", "KVKK'dan")),
    ("ABD", {}, ("ABD'nin", "ABD'ye", "ABD'de", "ABD'yi", "ABD'den")),
    ("TRT", {}, ("TRT'nin", "TRT'ye", "TRT'de", "TRT'yi", "TRT'den")),
    ("TBMM", {}, ("TBMM'nin", "TBMM'ye", "TBMM'de", "TBMM'yi", "TBMM'den")),
    ("AB", {}, ("AB'nin", "AB'ye", "AB'de", "AB'yi", "AB'den")),
    ("Plan B", {}, ("Plan B'nin", "Plan B'ye", "Plan B'de", "Plan B'yi", "Plan B'den")),
    # abbreviations read as words
    ("NATO", {"sounds_like": "Nato"}, ("NATO'nun", "NATO'ya", "NATO'da", "NATO'yu", "NATO'dan")),
    ("UNESCO", {"sounds_like": "Unesko"}, ("UNESCO'nun", "UNESCO'ya", "UNESCO'da", "UNESCO'yu", "UNESCO'dan")),
    # numbers read aloud: üç, beş, altı, on, kırk, yüz, bin, iki bin yirmi altı, iki bin otuz, iki nokta sıfır
    ("3", {}, ("3'ün", "3'e", "3'te", "3'ü", "3'ten")),
    ("5", {}, ("5'in", "5'e", "5'te", "5'i", "5'ten")),
    ("6", {}, ("6'nın", "6'ya", "6'da", "6'yı", "6'dan")),
    ("10", {}, ("10'un", "10'a", "10'da", "10'u", "10'dan")),
    ("40", {}, ("40'ın", "40'a", "40'ta", "40'ı", "40'tan")),
    ("100", {}, ("100'ün", "100'e", "100'de", "100'ü", "100'den")),
    ("1000", {}, ("1000'in", "1000'e", "1000'de", "1000'i", "1000'den")),
    ("2026", {}, ("2026'nın", "2026'ya", "2026'da", "2026'yı", "2026'dan")),
    ("2030", {}, ("2030'un", "2030'a", "2030'da", "2030'u", "2030'dan")),
    ("Web 2.0", {}, ("Web 2.0'ın", "Web 2.0'a", "Web 2.0'da", "Web 2.0'ı", "Web 2.0'dan")),
    # foreign names whose spelling gives the right sound
    ("Google Analytics", {},
     ("Google Analytics'in", "Google Analytics'e", "Google Analytics'te", "Google Analytics'i",
      "Google Analytics'ten")),
    ("Intercom", {}, ("Intercom'un", "Intercom'a", "Intercom'da", "Intercom'u", "Intercom'dan")),
    ("Microsoft", {}, ("Microsoft'un", "Microsoft'a", "Microsoft'ta", "Microsoft'u", "Microsoft'tan")),
    ("Meta", {}, ("Meta'nın", "Meta'ya", "Meta'da", "Meta'yı", "Meta'dan")),
    ("Yandex", {}, ("Yandex'in", "Yandex'e", "Yandex'te", "Yandex'i", "Yandex'ten")),
    ("Trendyol", {}, ("Trendyol'un", "Trendyol'a", "Trendyol'da", "Trendyol'u", "Trendyol'dan")),
    ("Apple", {"sounds_like": "Epıl"}, ("Apple'ın", "Apple'a", "Apple'da", "Apple'ı", "Apple'dan")),
    ("Spotify", {"sounds_like": "Spotifay"}, ("Spotify'ın", "Spotify'a", "Spotify'da", "Spotify'ı", "Spotify'dan")),
    # common nouns: no apostrophe; a possessive compound takes the pronominal n
    ("yönetim paneli", {"proper": False, "possessive": True},
     ("yönetim panelinin", "yönetim paneline", "yönetim panelinde", "yönetim panelini", "yönetim panelinden")),
    ("ödeme sayfası", {"proper": False, "possessive": True},
     ("ödeme sayfasının", "ödeme sayfasına", "ödeme sayfasında", "ödeme sayfasını", "ödeme sayfasından")),
    ("internet sitesi", {"proper": False, "possessive": True},
     ("internet sitesinin", "internet sitesine", "internet sitesinde", "internet sitesini", "internet sitesinden")),
    ("Zorunlu Çerezler", {"proper": False},
     ("Zorunlu Çerezlerin", "Zorunlu Çerezlere", "Zorunlu Çerezlerde", "Zorunlu Çerezleri", "Zorunlu Çerezlerden")),
    ("tarayıcı", {"proper": False}, ("tarayıcının", "tarayıcıya", "tarayıcıda", "tarayıcıyı", "tarayıcıdan")),
    ("uygulama", {"proper": False}, ("uygulamanın", "uygulamaya", "uygulamada", "uygulamayı", "uygulamadan")),
]


def test_the_table_is_large_enough():
    assert len(NAMES) >= 40


@pytest.mark.parametrize(("name", "options", "forms"), NAMES, ids=[n for n, _, _ in NAMES])
def test_case_forms(name: str, options: dict, forms: tuple[str, ...]):
    assert tuple(case_form(name, case, **options) for case in CASE_ORDER) == forms


def test_possessive_uses_the_buffer_s_after_a_vowel():
    assert case_form("Türkiye", "poss") == "Türkiye'si"
    assert case_form("Mehmet", "poss") == "Mehmet'i"
    assert case_form("Stripe", "poss", sounds_like="Straypt") == "Stripe'ı"
    assert case_form("uygulama", "poss", proper=False) == "uygulaması"


def test_whole_forms_from_data_win():
    assert case_form("Pommy", "dat", forms={"dat": "Pommy uygulamasına"}) == "Pommy uygulamasına"
    assert case_form("Pommy", "gen", forms={"dat": "Pommy uygulamasına"}) == "Pommy'nin"


def test_numbers_are_read_aloud():
    assert number_words(2026) == "iki bin yirmi altı"
    assert number_words(1000) == "bin"
    assert number_words(1100) == "bin yüz"
    assert number_words(300) == "üç yüz"
    assert number_words(1_000_000) == "bir milyon"
    assert number_words(0) == "sıfır"


def test_an_unknown_case_is_refused():
    with pytest.raises(ValueError, match="unknown case 'genitive'; use one of gen, dat, loc, acc, abl, poss"):
        case_form("Stripe", "genitive")
