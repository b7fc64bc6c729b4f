"""Case forms of names found in real Turkish cookie policies and aydınlatma metinleri.

Every ending below was written by hand from Turkish rules, not taken from the program: the name
is read as it is pronounced (Google "gugıl", Stripe "straypt", 3D Secure "sikyur", a capital I in a
Latin name as i, an abbreviation letter by letter: BTK "be-te-ke"); the vowel of the ending follows
the last vowel of that sound (two-way e/a, four-way i/ı/u/ü); after a vowel the buffer n (genitive)
or y (dative, accusative) comes in; after a voiceless consonant (f s t k ç ş h p) the d of the
locative and ablative becomes t; a compound ending in a possessive takes the pronominal n
("internet sitesine", "Ziraat Bankası'na"). Proper names take an apostrophe; common nouns and, as
TDK writes them, names of institutions ("Kişisel Verileri Koruma Kurumuna") do not.
"""

from __future__ import annotations

import pytest

from cookiepolicy.text.turkish import case_form, possessive_compound, unreadable
from tests.test_turkish import NAMES as EARLIER_NAMES

CASE_ORDER = ("gen", "dat", "loc", "acc", "abl")
COMMON = {"proper": False}

# name, options, the five endings (genitive, dative, locative, accusative, ablative) as written
# after the name; an apostrophe in the ending is part of what is expected
NAMES: list[tuple[str, dict, str]] = [
    # foreign brands read from the shipped pronunciation table
    ("Google", {}, "'ın 'a 'da 'ı 'dan"),
    ("Google Ads", {}, "'in 'e 'te 'i 'ten"),
    ("Google Tag Manager", {}, "'ın 'a 'da 'ı 'dan"),
    ("Google Maps", {}, "'in 'e 'te 'i 'ten"),
    ("Google Pay", {}, "'in 'e 'de 'i 'den"),
    ("Google Play", {}, "'in 'e 'de 'i 'den"),
    ("Google Chrome", {}, "'un 'a 'da 'u 'dan"),
    ("Google Drive", {}, "'ın 'a 'da 'ı 'dan"),
    ("Google Optimize", {}, "'ın 'a 'da 'ı 'dan"),
    ("Apple", {}, "'ın 'a 'da 'ı 'dan"),
    ("Apple Pay", {}, "'in 'e 'de 'i 'den"),
    ("App Store", {}, "'un 'a 'da 'u 'dan"),
    ("YouTube", {}, "'un 'a 'da 'u 'dan"),
    ("Stripe", {}, "'ın 'a 'ta 'ı 'tan"),
    ("Cloudflare", {}, "'in 'e 'de 'i 'den"),
    ("Cloudflare Turnstile", {}, "'ın 'a 'da 'ı 'dan"),
    ("3D Secure", {}, "'un 'a 'da 'u 'dan"),
    ("Twitter", {}, "'ın 'a 'da 'ı 'dan"),
    ("Vodafone", {}, "'un 'a 'da 'u 'dan"),
    ("Firebase", {}, "'in 'e 'te 'i 'ten"),
    ("Shopify", {}, "'ın 'a 'da 'ı 'dan"),
    ("Spotify", {}, "'ın 'a 'da 'ı 'dan"),
    ("Salesforce", {}, "'un 'a 'ta 'u 'tan"),
    ("Adjust", {}, "'ın 'a 'ta 'ı 'tan"),
    ("AppsFlyer", {}, "'ın 'a 'da 'ı 'dan"),
    ("Amplitude", {}, "'un 'a 'da 'u 'dan"),
    ("OneTrust", {}, "'ın 'a 'ta 'ı 'tan"),
    ("Snapchat", {}, "'in 'e 'te 'i 'ten"),
    ("Insider", {}, "'ın 'a 'da 'ı 'dan"),
    ("Skype", {}, "'ın 'a 'ta 'ı 'tan"),
    ("Slack", {}, "'in 'e 'te 'i 'ten"),
    ("Microsoft Teams", {}, "'in 'e 'te 'i 'ten"),
    ("Microsoft Edge", {}, "'in 'e 'de 'i 'den"),
    ("Microsoft Office", {}, "'in 'e 'te 'i 'ten"),
    ("Amazon Web Services", {}, "'in 'e 'de 'i 'den"),
    ("Amazon Prime", {}, "'ın 'a 'da 'ı 'dan"),
    ("Euromessage", {}, "'in 'e 'de 'i 'den"),
    ("Comscore", {}, "'un 'a 'da 'u 'dan"),
    ("SurveyMonkey", {}, "'nin 'ye 'de 'yi 'den"),
    ("Turkish Airlines", {}, "'ın 'a 'ta 'ı 'tan"),
    ("reCAPTCHA", {}, "'nın 'ya 'da 'yı 'dan"),
    # a capital I in a Latin name or abbreviation is read as i
    ("LinkedIn", {}, "'in 'e 'de 'i 'den"),
    ("API", {}, "'nin 'ye 'de 'yi 'den"),
    ("IBM", {}, "'nin 'ye 'de 'yi 'den"),
    ("Bing", {}, "'in 'e 'de 'i 'den"),
    # foreign names whose spelling gives the sound
    ("Facebook", {}, "'un 'a 'ta 'u 'tan"),
    ("Instagram", {}, "'ın 'a 'da 'ı 'dan"),
    ("TikTok", {}, "'un 'a 'ta 'u 'tan"),
    ("Pinterest", {}, "'in 'e 'te 'i 'ten"),
    ("WhatsApp", {}, "'ın 'a 'ta 'ı 'tan"),
    ("Meta Pixel", {}, "'in 'e 'de 'i 'den"),
    ("Hotjar", {}, "'ın 'a 'da 'ı 'dan"),
    ("Yandex Metrica", {}, "'nın 'ya 'da 'yı 'dan"),
    ("Yandex.Metrica", {}, "'nın 'ya 'da 'yı 'dan"),
    ("Criteo", {}, "'nun 'ya 'da 'yu 'dan"),
    ("Microsoft Clarity", {}, "'nin 'ye 'de 'yi 'den"),
    ("Zendesk", {}, "'in 'e 'te 'i 'ten"),
    ("HubSpot", {}, "'un 'a 'ta 'u 'tan"),
    ("Mailchimp", {}, "'in 'e 'te 'i 'ten"),
    ("Netmera", {}, "'nın 'ya 'da 'yı 'dan"),
    ("OneSignal", {}, "'ın 'a 'da 'ı 'dan"),
    ("Segment", {}, "'in 'e 'te 'i 'ten"),
    ("Mixpanel", {}, "'in 'e 'de 'i 'den"),
    ("Matomo", {}, "'nun 'ya 'da 'yu 'dan"),
    ("Adobe Analytics", {}, "'in 'e 'te 'i 'ten"),
    ("Tealium", {}, "'un 'a 'da 'u 'dan"),
    ("Cookiebot", {}, "'un 'a 'ta 'u 'tan"),
    ("Sentry", {}, "'nin 'ye 'de 'yi 'den"),
    ("New Relic", {}, "'in 'e 'te 'i 'ten"),
    ("Datadog", {}, "'un 'a 'da 'u 'dan"),
    ("Optimizely", {}, "'nin 'ye 'de 'yi 'den"),
    ("VWO", {}, "'nun 'ya 'da 'yu 'dan"),
    ("Taboola", {}, "'nın 'ya 'da 'yı 'dan"),
    ("Outbrain", {}, "'in 'e 'de 'i 'den"),
    ("Admatic", {}, "'in 'e 'te 'i 'ten"),
    ("Gemius", {}, "'un 'a 'ta 'u 'tan"),
    ("Tawk.to", {}, "'nun 'ya 'da 'yu 'dan"),
    ("Typeform", {}, "'un 'a 'da 'u 'dan"),
    ("Jotform", {}, "'un 'a 'da 'u 'dan"),
    ("Calendly", {}, "'nin 'ye 'de 'yi 'den"),
    ("Vimeo", {}, "'nun 'ya 'da 'yu 'dan"),
    ("Wix", {}, "'in 'e 'te 'i 'ten"),
    ("WordPress", {}, "'in 'e 'te 'i 'ten"),
    ("Gmail", {}, "'in 'e 'de 'i 'den"),
    ("Hotmail", {}, "'in 'e 'de 'i 'den"),
    ("Outlook", {}, "'un 'a 'ta 'u 'tan"),
    ("Zoom", {}, "'un 'a 'da 'u 'dan"),
    ("Safari", {}, "'nin 'ye 'de 'yi 'den"),
    ("Firefox", {}, "'un 'a 'ta 'u 'tan"),
    ("Opera", {}, "'nın 'ya 'da 'yı 'dan"),
    ("Visa", {}, "'nın 'ya 'da 'yı 'dan"),
    ("Mastercard", {}, "'ın 'a 'da 'ı 'dan"),
    ("Troy", {}, "'un 'a 'da 'u 'dan"),
    ("PayPal", {}, "'ın 'a 'da 'ı 'dan"),
    ("Masterpass", {}, "'ın 'a 'ta 'ı 'tan"),
    ("BKM Express", {}, "'in 'e 'te 'i 'ten"),
    ("Amazon", {}, "'un 'a 'da 'u 'dan"),
    ("Samsung", {}, "'un 'a 'da 'u 'dan"),
    ("Xiaomi", {}, "'nin 'ye 'de 'yi 'den"),
    ("Sony", {}, "'nin 'ye 'de 'yi 'den"),
    ("Netflix", {}, "'in 'e 'te 'i 'ten"),
    ("Bolt", {}, "'un 'a 'ta 'u 'tan"),
    ("Allianz", {}, "'ın 'a 'da 'ı 'dan"),
    ("Axa", {}, "'nın 'ya 'da 'yı 'dan"),
    ("FedEx", {}, "'in 'e 'te 'i 'ten"),
    ("Google Analytics 4", {}, "'ün 'e 'te 'ü 'ten"),
    # Turkish companies and brands
    ("iyzico", {}, "'nun 'ya 'da 'yu 'dan"),
    ("PayTR", {}, "'nin 'ye 'de 'yi 'den"),
    ("BluTV", {}, "'nin 'ye 'de 'yi 'den"),
    ("Param", {}, "'ın 'a 'da 'ı 'dan"),
    ("Papara", {}, "'nın 'ya 'da 'yı 'dan"),
    ("ininal", {}, "'ın 'a 'da 'ı 'dan"),
    ("Tosla", {}, "'nın 'ya 'da 'yı 'dan"),
    ("Paycell", {}, "'in 'e 'de 'i 'den"),
    ("Enpara", {}, "'nın 'ya 'da 'yı 'dan"),
    ("Garanti BBVA", {}, "'nın 'ya 'da 'yı 'dan"),
    ("QNB", {}, "'nin 'ye 'de 'yi 'den"),
    ("Akbank", {}, "'ın 'a 'ta 'ı 'tan"),
    ("Halkbank", {}, "'ın 'a 'ta 'ı 'tan"),
    ("VakıfBank", {}, "'ın 'a 'ta 'ı 'tan"),
    ("Kuveyt Türk", {}, "'ün 'e 'te 'ü 'ten"),
    ("Ziraat Katılım", {}, "'ın 'a 'da 'ı 'dan"),
    ("Yapı Kredi", {}, "'nin 'ye 'de 'yi 'den"),
    ("Türk Hava Yolları", {}, "'nın 'na 'nda 'nı 'ndan"),
    ("Türkiye İş Bankası", {}, "'nın 'na 'nda 'nı 'ndan"),
    ("Ankara Üniversitesi", {}, "'nin 'ne 'nde 'ni 'nden"),
    ("Türk Telekom", {}, "'un 'a 'da 'u 'dan"),
    ("Turkcell", {}, "'in 'e 'de 'i 'den"),
    ("Hepsiburada", {}, "'nın 'ya 'da 'yı 'dan"),
    ("Hepsijet", {}, "'in 'e 'te 'i 'ten"),
    ("n11", {}, "'in 'e 'de 'i 'den"),
    ("A101", {}, "'in 'e 'de 'i 'den"),
    ("Getir", {}, "'in 'e 'de 'i 'den"),
    ("Yemeksepeti", {"possessive": True}, "'nin 'ne 'nde 'ni 'nden"),
    ("Çiçeksepeti", {"possessive": True}, "'nin 'ne 'nde 'ni 'nden"),
    ("Sahibinden", {}, "'in 'e 'de 'i 'den"),
    ("Dolap", {}, "'ın 'a 'ta 'ı 'tan"),
    ("Letgo", {}, "'nun 'ya 'da 'yu 'dan"),
    ("Armut", {}, "'un 'a 'ta 'u 'tan"),
    ("Obilet", {}, "'in 'e 'te 'i 'ten"),
    ("Enuygun", {}, "'un 'a 'da 'u 'dan"),
    ("Biletix", {}, "'in 'e 'te 'i 'ten"),
    ("Passo", {}, "'nun 'ya 'da 'yu 'dan"),
    ("Exxen", {}, "'in 'e 'de 'i 'den"),
    ("Digiturk", {}, "'un 'a 'ta 'u 'tan"),
    ("Tivibu", {}, "'nun 'ya 'da 'yu 'dan"),
    ("Migros", {}, "'un 'a 'ta 'u 'tan"),
    ("CarrefourSA", {}, "'nın 'ya 'da 'yı 'dan"),
    ("BİM", {"sounds_like": "Bim"}, "'in 'e 'de 'i 'den"),
    ("ŞOK", {"sounds_like": "Şok"}, "'un 'a 'ta 'u 'tan"),
    ("LC Waikiki", {}, "'nin 'ye 'de 'yi 'den"),
    ("Koton", {}, "'un 'a 'da 'u 'dan"),
    ("DeFacto", {}, "'nun 'ya 'da 'yu 'dan"),
    ("Mavi", {}, "'nin 'ye 'de 'yi 'den"),
    ("Penti", {}, "'nin 'ye 'de 'yi 'den"),
    ("Flo", {}, "'nun 'ya 'da 'yu 'dan"),
    ("Boyner", {}, "'in 'e 'de 'i 'den"),
    ("Beymen", {}, "'in 'e 'de 'i 'den"),
    ("Modanisa", {}, "'nın 'ya 'da 'yı 'dan"),
    ("Teknosa", {}, "'nın 'ya 'da 'yı 'dan"),
    ("MediaMarkt", {}, "'ın 'a 'ta 'ı 'tan"),
    ("Arçelik", {}, "'in 'e 'te 'i 'ten"),
    ("Vestel", {}, "'in 'e 'de 'i 'den"),
    ("Pegasus", {}, "'un 'a 'ta 'u 'tan"),
    ("THY", {}, "'nin 'ye 'de 'yi 'den"),
    ("Ticimax", {}, "'ın 'a 'ta 'ı 'tan"),
    ("İdeaSoft", {}, "'un 'a 'ta 'u 'tan"),
    ("T-Soft", {}, "'un 'a 'ta 'u 'tan"),
    ("Aras Kargo", {}, "'nun 'ya 'da 'yu 'dan"),
    ("Yurtiçi Kargo", {}, "'nun 'ya 'da 'yu 'dan"),
    ("MNG Kargo", {}, "'nun 'ya 'da 'yu 'dan"),
    ("Trendyol Go", {}, "'nun 'ya 'da 'yu 'dan"),
    ("Trendyol Yemek", {}, "'in 'e 'te 'i 'ten"),
    ("Sigortam.net", {}, "'in 'e 'te 'i 'ten"),
    ("Anadolu Sigorta", {}, "'nın 'ya 'da 'yı 'dan"),
    ("Sabancı", {}, "'nın 'ya 'da 'yı 'dan"),
    ("Koç", {}, "'un 'a 'ta 'u 'tan"),
    ("Doğuş", {}, "'un 'a 'ta 'u 'tan"),
    ("Borusan", {}, "'ın 'a 'da 'ı 'dan"),
    ("Ülker", {}, "'in 'e 'de 'i 'den"),
    ("Pınar", {}, "'ın 'a 'da 'ı 'dan"),
    ("Eti", {}, "'nin 'ye 'de 'yi 'den"),
    ("Yıldız Market", {}, "'in 'e 'te 'i 'ten"),
    ("Kuzey Ödeme", {}, "'nin 'ye 'de 'yi 'den"),
    ("Atlas Pay", {}, "'in 'e 'de 'i 'den"),
    ("Kanal 7", {}, "'nin 'ye 'de 'yi 'den"),
    ("Web3", {}, "'ün 'e 'te 'ü 'ten"),
    ("e-Devlet", {}, "'in 'e 'te 'i 'ten"),
    # public bodies: abbreviations letter by letter, MASAK read as a word
    ("BTK", {}, "'nin 'ye 'de 'yi 'den"),
    ("SPK", {}, "'nin 'ye 'de 'yi 'den"),
    ("BDDK", {}, "'nin 'ye 'de 'yi 'den"),
    ("TCMB", {}, "'nin 'ye 'de 'yi 'den"),
    ("PTT", {}, "'nin 'ye 'de 'yi 'den"),
    ("UPS", {}, "'nin 'ye 'de 'yi 'den"),
    ("DHL", {}, "'nin 'ye 'de 'yi 'den"),
    ("MASAK", {"sounds_like": "Masak"}, "'ın 'a 'ta 'ı 'tan"),
    # institutions as TDK writes them, and common nouns: no apostrophe
    ("Kişisel Verileri Koruma Kurumu", COMMON, "nun na nda nu ndan"),
    ("Kişisel Verileri Koruma Kurulu", COMMON, "nun na nda nu ndan"),
    ("Ziraat Bankası", COMMON, "nın na nda nı ndan"),
    ("internet sitesi", COMMON, "nin ne nde ni nden"),
    ("ödeme sayfası", COMMON, "nın na nda nı ndan"),
    ("ödeme ekranı", COMMON, "nın na nda nı ndan"),
    ("sohbet aracı", COMMON, "nın na nda nı ndan"),
    ("müvekkil portalı", COMMON, "nın na nda nı ndan"),
    ("kullanıcı paneli", COMMON, "nin ne nde ni nden"),
    ("çağrı merkezi", COMMON, "nin ne nde ni nden"),
    ("çerez politikası", COMMON, "nın na nda nı ndan"),
    ("müşteri hizmetleri", COMMON, "nin ne nde ni nden"),
    ("Pazarlama Çerezleri", COMMON, "nin ne nde ni nden"),
    ("Analiz Çerezleri", COMMON, "nin ne nde ni nden"),
    ("Tercih Çerezleri", COMMON, "nin ne nde ni nden"),
    ("Sepet ve Sipariş Çerezleri", COMMON, "nin ne nde ni nden"),
    ("İşlevsel Çerezler", COMMON, "in e de i den"),
    ("mobil uygulama", COMMON, "nın ya da yı dan"),
    ("yeni tarayıcı", {"proper": False, "possessive": False}, "nın ya da yı dan"),
]


def test_at_least_150_names_from_real_policies():
    assert len(NAMES) >= 150
    assert len({n for n, _, _ in NAMES}) == len(NAMES)  # no name counted twice
    assert len({n for n, _, _ in NAMES} | {n for n, _, _ in EARLIER_NAMES}) >= 200


@pytest.mark.parametrize(("name", "options", "endings"), NAMES, ids=[n for n, _, _ in NAMES])
def test_case_forms_of_real_names(name: str, options: dict, endings: str):
    expected = tuple(name + ending for ending in endings.split())
    assert tuple(case_form(name, case, **options) for case in CASE_ORDER) == expected


def test_data_forms_win_over_the_shipped_table():
    # a site that says "Google'ın" differently keeps its own forms, and its own sound
    assert case_form("Google", "dat", forms={"dat": "Google hizmetine"}) == "Google hizmetine"
    assert case_form("Google", "gen", sounds_like="Gogıl") == "Google'ın"
    assert case_form("Stripe", "gen", sounds_like="Stripe") == "Stripe'nin"  # the site reads it as written


def test_possessive_compounds_by_default_and_the_opt_out():
    assert possessive_compound("internet sitesi")
    assert possessive_compound("Pazarlama Çerezleri")
    assert not possessive_compound("tarayıcı")  # one word: not a compound
    assert not possessive_compound("Zorunlu Çerezler")
    assert not possessive_compound("Yapı Kredi", proper=True)
    assert possessive_compound("Ziraat Bankası", proper=True)
    assert case_form("internet sitesi", "loc", proper=False, possessive=False) == "internet siteside"


def test_names_the_engine_cannot_read():
    # a silent final e in a Latin name the table does not know: the spelling does not give the sound
    for name in ("Make", "Coinbase", "Hootsuite", "Evernote", "Kindle"):
        assert unreadable(name), name
    for name in ("Google", "Stripe", "Firebase", "iyzico", "Türkiye", "Düzce", "AWS", "Hotjar", "3D Secure"):
        assert not unreadable(name), name
