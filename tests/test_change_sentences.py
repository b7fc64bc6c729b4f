"""Every change sentence of the catalogs, rendered with sample values, against sentences written by hand.

The expected sentences below were written by a person, in both languages; the Turkish ones follow
the house style (Turkish word order, no double possessives, uzatıldı/kısaltıldı for durations).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml

from cookiepolicy.history.diff import diff_inventories
from cookiepolicy.model.inventory import Category, Duration, Inventory, Item, Service
from cookiepolicy.render.sentences import sentences
from cookiepolicy.review.comment import _plain
from cookiepolicy.text.localize import Catalog

CATALOGS = Path(str(resources.files("cookiepolicy.text") / "catalog"))


def _keys(tree: dict, path: str = "") -> list[tuple[str, object]]:
    found = []
    for key, value in tree.items():
        found.append((path, key))
        if isinstance(value, dict):
            found += _keys(value, f"{path}{key}.")
    return found


@pytest.mark.parametrize("catalog", sorted(CATALOGS.glob("*.yml")), ids=lambda p: p.name)
def test_every_catalog_key_is_a_string(catalog: Path):
    """`yes:` and `no:` unquoted are booleans in YAML: a look-up by "yes" then fails with KeyError."""
    tree = yaml.safe_load(catalog.read_text(encoding="utf-8"))
    bad = [f"{path}{key!r}" for path, key in _keys(tree) if not isinstance(key, str)]
    assert bad == [], f"{catalog.name}: quote these keys: {', '.join(bad)}"


def test_the_key_check_catches_an_unquoted_yes():
    tree = yaml.safe_load("yes: evet\nreview:\n  no: hayır\n")
    assert [key for _, key in _keys(tree) if not isinstance(key, str)] == [True, False]


def loc(en: str, tr: str) -> dict[str, str]:
    return {"en": en, "tr": tr}


NECESSARY = Category("necessary", loc("Strictly necessary", "Zorunlu"), loc("Needed", "Gerekli"), "exempt",
                     "necessary")
PREFS = Category("prefs", loc("Preference", "Tercih"), loc("Choices", "Seçimler"), "required", "preferences")
STATS = Category("stats", loc("Statistics", "İstatistik"), loc("Counts", "Sayımlar"), "required", "analytics")
ADS = Category("ads", loc("Advertising", "Reklam"), loc("Ads", "Reklamlar"), "required", "advertising")
CHAT = Service("chat", "Chatty", loc("support chat", "destek sohbeti"), loc("sets cookies", "çerez yerleştirir"),
               "https://chatty.example/privacy")
PAY = Service("pay", "Payly", loc("payments", "ödemeler"), loc("sets cookies", "çerez yerleştirir"),
              "https://payly.example/privacy")
MAPS = Service("maps", "Mapsy", loc("maps", "haritalar"), loc("sets cookies", "çerez yerleştirir"),
               "https://mapsy.example/privacy")


def day(n: int, unit: str = "day") -> Duration:
    return Duration("fixed", n, unit)


def cookie(name: str, **fields) -> Item:
    values = {"storage": "cookie", "category": "necessary", "purpose": loc("Keeps you in", "Oturumu açık tutar"),
              "duration": day(30)}
    values.update(fields)
    return Item(name=name, **values)


OLD = Inventory(
    categories=(NECESSARY, PREFS, STATS),
    services=(CHAT, PAY),
    items=(
        cookie("gone", provider="pay", category="prefs"),
        cookie("old_name", storage="localStorage", duration=Duration("persistent")),
        cookie("longer"),
        cookie("shorter", duration=day(2, "hour")),
        cookie("free", duration=Duration("session")),
        cookie("moved", category="prefs", purpose=loc("Remembers the theme", "Temayı hatırlar"),
               attributes=("HttpOnly",)),
        cookie("texts", purpose=loc("Keeps you signed in.", "Oturumunuzu açık tutar.")),
        cookie("deleted", purpose=loc("Counts visits", "Ziyaretleri sayar")),
        cookie("flags", used_on=("dash",), domain=".example.com"),
    ),
    not_used=("advertising",),
)
NEW = Inventory(
    categories=(NECESSARY, PREFS.__class__(**{**PREFS.__dict__, "consent": "exempt"}),
                STATS.__class__(**{**STATS.__dict__, "kind": "security",
                                   "name": loc("Security", "Güvenlik")}), ADS),
    services=(CHAT.__class__(**{**CHAT.__dict__, "listed": False, "policy_url": "https://chatty.example/legal"}),
              MAPS),
    items=(
        cookie("new_name", storage="localStorage", duration=Duration("persistent"), renamed_from="old_name"),
        cookie("longer", duration=day(60)),
        cookie("shorter", duration=day(30, "minute")),
        cookie("free", duration=day(1, "year")),
        cookie("moved", category="stats", purpose=loc("Remembers the colour theme", "Temayı hatırlar"),
               attributes=("HttpOnly", "Secure"), provider="chat"),
        cookie("texts", purpose=loc("keeps you signed in", "Oturumunuzu  açık tutar!")),
        cookie("deleted", purpose={"en": "Counts visits"}),
        cookie("flags", used_on=("dash", "widget"), cross_site=True, domain=None),
        cookie("added", provider="maps", category="ads", duration=day(1, "week")),
    ),
    not_used=("cross-site-tracking",),
)
PLACES = {"dash": loc("the dashboard", "yönetim paneli"), "widget": loc("the chat widget", "sohbet aracı")}

EXPECTED = {
    "en": [
        "The Preference category no longer needs your explicit consent.",
        "Category Security: the English name changed from “Statistics” to “Security”, the Turkish name changed "
        "from “İstatistik” to “Güvenlik”, and kind changed from “analytics” to “security”.",
        "Added category Advertising (needs explicit consent).",
        "Third-party service Chatty: privacy policy link changed from `https://chatty.example/privacy` to "
        "`https://chatty.example/legal`.",
        "Chatty is no longer in the list of third-party services.",
        "Added third-party service Mapsy (maps).",
        "Removed third-party service Payly.",
        "Removed cookie `gone` (Payly, Preference, 30 days).",
        "Renamed local storage key `old_name` to `new_name`.",
        "Cookie `deleted` (Acme): the Turkish purpose text deleted.",
        "Cookie `flags` (Acme): where it is used changed from “the dashboard” to “the dashboard and the chat "
        "widget”, now used across sites, and domain removed (was `.example.com`).",
        "Cookie `free` (Acme): duration extended from session to 1 year.",
        "Cookie `longer` (Acme): duration extended from 30 days to 60 days.",
        "Cookie `moved` (Chatty): category changed from “Preference” to “Security”, provider changed from “Acme” "
        "to “Chatty”, the English purpose text changed from “Remembers the theme” to “Remembers the colour theme”, "
        "and attributes changed from “HTTP-only” to “HTTP-only and Secure”.",
        "Cookie `shorter` (Acme): duration shortened from 2 hours to 30 minutes.",
        "Cookie `texts` (Acme): the English purpose text corrected in wording only and the Turkish purpose text "
        "corrected in wording only.",
        "Added cookie `added` (Mapsy, Advertising, 1 week).",
        "Now states that the site does not use cross-site tracking cookies.",
        "No longer states that the site does not use advertising cookies.",
    ],
    "tr": [
        "Tercih kategorisi artık açık rızanızı gerektirmemektedir.",
        "Güvenlik kategorisinin İngilizce adı “Statistics” yerine “Security” olarak değiştirildi, Türkçe adı "
        "“İstatistik” yerine “Güvenlik” olarak değiştirildi ve türü “analiz” yerine “güvenlik” olarak değiştirildi.",
        "Reklam kategorisi eklendi (açık rıza gerekir).",
        "Chatty üçüncü taraf hizmetinin gizlilik politikası bağlantısı `https://chatty.example/privacy` yerine "
        "`https://chatty.example/legal` olarak değiştirildi.",
        "Chatty artık üçüncü taraf hizmetleri listesinde yer almamaktadır.",
        "Mapsy üçüncü taraf hizmeti eklendi (haritalar).",
        "Payly üçüncü taraf hizmeti kaldırıldı.",
        "`gone` çerezi kaldırıldı (Payly, Tercih, 30 gün).",
        "`old_name` yerel depolama anahtarının adı `new_name` olarak değiştirildi.",
        "Acme tarafından kullanılan `deleted` çerezinin Türkçe amaç metni silindi.",
        "Acme tarafından kullanılan `flags` çerezinin kullanıldığı yerler “yönetim paneli” yerine “yönetim paneli "
        "ve sohbet aracı” olarak değiştirildi, siteler arası kullanımı başladı ve alan adı kaldırıldı (önceden "
        "`.example.com`).",
        "Acme tarafından kullanılan `free` çerezinin saklama süresi 1 yıl olarak uzatıldı (önceden oturum "
        "süresince).",
        "Acme tarafından kullanılan `longer` çerezinin saklama süresi 30 günden 60 güne uzatıldı.",
        "Chatty tarafından kullanılan `moved` çerezinin kategorisi “Tercih” yerine “Güvenlik” olarak değiştirildi, "
        "sağlayıcısı “Acme” yerine “Chatty” olarak değiştirildi, İngilizce amaç metni “Remembers the theme” yerine "
        "“Remembers the colour theme” olarak değiştirildi ve nitelikleri “HttpOnly” yerine “HttpOnly ve Secure” "
        "olarak değiştirildi.",
        "Acme tarafından kullanılan `shorter` çerezinin saklama süresi 2 saatten 30 dakikaya kısaltıldı.",
        "Acme tarafından kullanılan `texts` çerezinin İngilizce amaç metni yalnızca yazım ve noktalama bakımından "
        "düzeltildi ve Türkçe amaç metni yalnızca yazım ve noktalama bakımından düzeltildi.",
        "`added` çerezi eklendi (Mapsy, Reklam, 1 hafta).",
        "Sitede siteler arası izleme çerezleri kullanılmadığı artık açıkça belirtilmektedir.",
        "Sitede reklam çerezleri kullanılmadığına ilişkin beyan kaldırıldı.",
    ],
}


def _record_keys(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """The catalog keys used from now on, so a test can show that every template was rendered."""
    used: set[str] = set()
    original = Catalog.t

    def recording(self: Catalog, key: str, **values: object) -> str:
        used.add(key)
        return original(self, key, **values)

    monkeypatch.setattr(Catalog, "t", recording)
    return used


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_every_change_sentence_reads_as_written_by_hand(lang: str, monkeypatch: pytest.MonkeyPatch):
    used = _record_keys(monkeypatch)
    diff = diff_inventories(OLD, NEW)
    got = [_plain(s) for s in sentences(diff, lang, "Acme", OLD, NEW, PLACES)]
    assert got == EXPECTED[lang]
    _the_remaining_sentences(lang)
    _the_header_sentences(lang)
    # every sentence and clause template of the catalog was rendered above and compared
    templates = {k for k in Catalog.get(lang).strings if k.startswith("change.") and not k.startswith(
        ("change.thing", "change.consent_short.", "change.kind.", "change.duration_", "change.none"))}
    assert templates - used == set()


# a site that names its own columns (table_headers): each duration form under that name, written by hand
HEADER_SENTENCES = {
    "en": ["Cookie `a` (Acme): “Expiry” extended from 30 days to 1 year.",
           "Cookie `a` (Acme): “Expiry” shortened from 1 year to 30 days.",
           "Cookie `a` (Acme): “Expiry” extended from 30 days to persistent.",
           "Cookie `a` (Acme): “Expiry” shortened from persistent to 30 days.",
           "Cookie `a` (Acme): “Expiry” changed from “1 day” to “24 hours”.",
           "Cookie `a` (Acme): “Where” set to `.example.com`."],
    "tr": ["Acme tarafından kullanılan `a` çerezinin “Süre” bilgisi 30 günden 1 yıla uzatıldı.",
           "Acme tarafından kullanılan `a` çerezinin “Süre” bilgisi 1 yıldan 30 güne kısaltıldı.",
           "Acme tarafından kullanılan `a` çerezinin “Süre” bilgisi siz silene kadar olarak uzatıldı "
           "(önceden 30 gün).",
           "Acme tarafından kullanılan `a` çerezinin “Süre” bilgisi 30 gün olarak kısaltıldı "
           "(önceden siz silene kadar).",
           "Acme tarafından kullanılan `a` çerezinin “Süre” bilgisi “1 gün” yerine “24 saat” olarak değiştirildi.",
           "Acme tarafından kullanılan `a` çerezinin “Nerede” bilgisi `.example.com` olarak belirlendi."],
}


def _the_header_sentences(lang: str) -> None:
    headers = {"duration": {"en": "Expiry", "tr": "Süre"}, "domain": {"en": "Where", "tr": "Nerede"}}
    cats = (NECESSARY,)
    pairs = [(day(30), day(1, "year")), (day(1, "year"), day(30)), (day(30), Duration("persistent")),
             (Duration("persistent"), day(30)), (day(1), day(24, "hour"))]
    got = []
    for old, new in pairs:
        a = Inventory(categories=cats, items=(cookie("a", duration=old),))
        b = Inventory(categories=cats, items=(cookie("a", duration=new),))
        got += [_plain(s) for s in sentences(diff_inventories(a, b), lang, "Acme", a, b, headers=headers)]
    a = Inventory(categories=cats, items=(cookie("a"),))
    b = Inventory(categories=cats, items=(cookie("a", domain=".example.com"),))
    got += [_plain(s) for s in sentences(diff_inventories(a, b), lang, "Acme", a, b, headers=headers)]
    assert got == HEADER_SENTENCES[lang]


SMALL = {
    "en": {
        "set": "Cookie `a` (Acme): domain set to `.example.com`.",
        "needs": "The Preference category now needs your explicit consent.",
        "needs_plain": "The Preference category now needs your consent.",
        "no_consent_plain": "The Preference category no longer needs your consent.",
        "off": "Cookie `a` (Acme): no longer used across sites.",
        "on": "Chatty is now in the list of third-party services.",
        "shorter_free": "Cookie `a` (Acme): duration shortened from persistent to 30 days.",
        "renamed": "Renamed cookie `a` to `b`. Cookie `b` (Acme): duration extended from 30 days to 1 year.",
        "category_removed": "Removed category Preference.",
        "text_added": "Cookie `a` (Acme): the Turkish purpose text added: “Oturumu açık tutar”.",
        "service_plain": "Added third-party service Sentry.",
        "category_listed_off": "The cookies of category Preference are no longer listed one by one.",
        "category_listed_on": "The cookies of category Preference are now listed one by one.",
    },
    "tr": {
        "set": "Acme tarafından kullanılan `a` çerezinin alan adı `.example.com` olarak belirlendi.",
        "needs": "Tercih kategorisi artık açık rızanızı gerektirmektedir.",
        "needs_plain": "Tercih kategorisi artık rızanızı gerektirmektedir.",
        "no_consent_plain": "Tercih kategorisi artık rızanızı gerektirmemektedir.",
        "off": "Acme tarafından kullanılan `a` çerezinin siteler arası kullanımı sona erdi.",
        "on": "Chatty artık üçüncü taraf hizmetleri listesinde yer almaktadır.",
        "shorter_free": "Acme tarafından kullanılan `a` çerezinin saklama süresi 30 gün olarak kısaltıldı "
                        "(önceden siz silene kadar).",
        "renamed": "`a` çerezinin adı `b` olarak değiştirildi. Acme tarafından kullanılan `b` çerezinin saklama "
                   "süresi 30 günden 1 yıla uzatıldı.",
        "category_removed": "Tercih kategorisi kaldırıldı.",
        "text_added": "Acme tarafından kullanılan `a` çerezinin Türkçe amaç metni eklendi: “Oturumu açık tutar”.",
        "service_plain": "Sentry üçüncü taraf hizmeti eklendi.",
        "category_listed_off": "Tercih kategorisindeki çerezler artık tek tek listelenmemektedir.",
        "category_listed_on": "Tercih kategorisindeki çerezler artık tek tek listelenmektedir.",
    },
}


def _the_remaining_sentences(lang: str) -> None:
    def one(old: Inventory, new: Inventory) -> str:
        (sentence,) = sentences(diff_inventories(old, new), lang, "Acme", old, new)
        return _plain(sentence)

    cats = (NECESSARY, PREFS)
    base = Inventory(categories=cats, services=(CHAT,), items=(cookie("a", cross_site=True),))
    unlisted = Inventory(categories=cats, services=(CHAT.__class__(**{**CHAT.__dict__, "listed": False}),))
    want = SMALL[lang]
    assert one(Inventory(categories=cats, items=(cookie("a"),)),
               Inventory(categories=cats, items=(cookie("a", domain=".example.com"),))) == want["set"]
    exempt = Inventory(categories=(NECESSARY, PREFS.__class__(**{**PREFS.__dict__, "consent": "exempt"})))
    assert one(exempt, Inventory(categories=cats)) == want["needs"]
    # consent the data does not call explicit (`legal_basis: consent` alone): "explicit" is not said
    plain = Inventory(categories=(NECESSARY, Category("prefs", PREFS.name, PREFS.description, "", "preferences",
                                                      legal_basis="consent")))
    necessary = Inventory(categories=(NECESSARY, Category("prefs", PREFS.name, PREFS.description, "", "preferences",
                                                          legal_basis="strictly-necessary")))
    assert one(necessary, plain) == want["needs_plain"]
    assert one(plain, necessary) == want["no_consent_plain"]
    assert one(base, Inventory(categories=cats, services=(CHAT,), items=(cookie("a"),))) == want["off"]
    assert one(unlisted, Inventory(categories=cats, services=(CHAT,))) == want["on"]
    assert one(Inventory(categories=cats, items=(cookie("a", duration=Duration("persistent")),)),
               Inventory(categories=cats, items=(cookie("a"),))) == want["shorter_free"]
    assert one(Inventory(categories=cats, items=(cookie("a"),)),
               Inventory(categories=cats, items=(cookie("b", renamed_from="a", duration=day(1, "year")),))) \
        == want["renamed"]
    assert one(Inventory(categories=cats), Inventory(categories=(NECESSARY,))) == want["category_removed"]
    assert one(Inventory(categories=cats, items=(cookie("a", purpose={"en": "Keeps you in"}),)),
               Inventory(categories=cats, items=(cookie("a"),))) == want["text_added"]
    # a service with only a name (role is optional): no parentheses left empty
    assert one(Inventory(categories=cats), Inventory(categories=cats, services=(Service("sentry", "Sentry"),))) \
        == want["service_plain"]
    # a category whose cookies stop (or start) being listed: said of its cookies, in a sentence of its own
    prose = Inventory(categories=(NECESSARY, PREFS.__class__(**{**PREFS.__dict__, "listed": False})))
    assert one(Inventory(categories=cats), prose) == want["category_listed_off"]
    assert one(prose, Inventory(categories=cats)) == want["category_listed_on"]


# ---------------------------------------------------------------- KVKK / GDPR facts (the `kvkk.` templates)
# Written by hand; the Turkish ones use KVKK's terms (hukuki sebep, veri işleyen, bağımsız veri sorumlusu).

KVKK_SENTENCES = {
    "en": {
        "added_plain": "Added category Payment Page Cookies.",
        "added_basis": "Added category Payment Page Cookies (legal basis: the performance of a contract).",
        "service_facts": "Added third-party service Chatty (support chat; Russia; processor; data is transferred "
                         "abroad).",
        "service_country": "Added third-party service Sentry (Germany; independent controller; data is not "
                           "transferred abroad).",
        "basis": "The legal basis of the Preference category changed from explicit consent to legitimate interest.",
        "basis_set": "The Preference category now states its legal basis: the performance of a contract.",
        "basis_cleared": "The Preference category no longer states its legal basis (was explicit consent).",
        "transfer_on": "Third-party service Chatty: now transfers data abroad.",
        "transfer_off": "Third-party service Chatty: no longer transfers data abroad.",
        "transfer_no": "Third-party service Chatty: now stated not to transfer data abroad.",
        "transfer_unstated": "Third-party service Chatty: no longer states whether it transfers data abroad.",
        "country_role": "Third-party service Chatty: country set to “Germany” and data protection role set to "
                        "“processor”.",
        "site_set": "The legal name of the data controller is now “Acme A.Ş.”.",
        "site_cleared": "The country of the data controller was removed (was Türkiye).",
        "site_language": "The Turkish contact name changed from “Kişisel Veriler” to “Kişisel Veriler Birimi”.",
        "site_changed": "The link for exercising your rights changed from “https://acme.example/a” to "
                        "“https://acme.example/b”.",
    },
    "tr": {
        "added_plain": "Ödeme Sayfası Çerezleri kategorisi eklendi.",
        "added_basis": "Ödeme Sayfası Çerezleri kategorisi eklendi (hukuki sebep: sözleşmenin kurulması veya ifası).",
        "service_facts": "Chatty üçüncü taraf hizmeti eklendi (destek sohbeti; Rusya; veri işleyen; veriler yurt "
                         "dışına aktarılır).",
        "service_country": "Sentry üçüncü taraf hizmeti eklendi (Almanya; bağımsız veri sorumlusu; veriler yurt "
                           "dışına aktarılmaz).",
        "basis": "Tercih kategorisinin hukuki sebebi açık rıza yerine meşru menfaat olarak değiştirildi.",
        "basis_set": "Tercih kategorisinin hukuki sebebi sözleşmenin kurulması veya ifası olarak belirtildi.",
        "basis_cleared": "Tercih kategorisinin hukuki sebebine ilişkin bilgi kaldırıldı (önceden açık rıza).",
        "transfer_on": "Chatty üçüncü taraf hizmetinin yurt dışına veri aktarımı başladı.",
        "transfer_off": "Chatty üçüncü taraf hizmetinin yurt dışına veri aktarımı sona erdi.",
        "transfer_no": "Chatty üçüncü taraf hizmetinin yurt dışına veri aktarmadığı belirtildi.",
        "transfer_unstated": "Chatty üçüncü taraf hizmetinin yurt dışına veri aktarıp aktarmadığına ilişkin bilgi "
                             "kaldırıldı.",
        "country_role": "Chatty üçüncü taraf hizmetinin ülkesi “Almanya” olarak belirlendi ve hukuki sıfatı “veri "
                        "işleyen” olarak belirlendi.",
        "site_set": "Veri sorumlusunun unvanı “Acme A.Ş.” olarak belirlendi.",
        "site_cleared": "Veri sorumlusunun ülkesi kaldırıldı (önceden Türkiye).",
        "site_language": "İngilizce metindeki iletişim birimi “Privacy Desk” yerine “Privacy Team” olarak "
                         "değiştirildi.",
        "site_changed": "Haklarınızı kullanma bağlantısı “https://acme.example/a” yerine “https://acme.example/b” "
                        "olarak değiştirildi.",
    },
}


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_every_kvkk_change_sentence_reads_as_written_by_hand(lang: str, monkeypatch: pytest.MonkeyPatch):
    import dataclasses

    from cookiepolicy.model.inventory import Contact, Site

    used = _record_keys(monkeypatch)

    def one(old: Inventory, new: Inventory) -> str:
        (sentence,) = sentences(diff_inventories(old, new), lang, "Acme", old, new)
        return _plain(sentence)

    def basis(value: str) -> Category:
        return dataclasses.replace(PREFS, consent="", legal_basis=value)

    def chat(**facts: object) -> Inventory:
        return Inventory(services=(dataclasses.replace(CHAT, **facts),))

    def site(**facts: object) -> Inventory:
        contact = {k: facts.pop(k) for k in list(facts) if k in ("legal_name", "name", "rights_url")}
        return Inventory(site=Site("Acme", None, None, "a@acme.example", ("en", "tr"), "en",
                                   contact=Contact(**contact), **facts))

    want = KVKK_SENTENCES[lang]
    payment = Category("payment", loc("Payment Page Cookies", "Ödeme Sayfası Çerezleri"), {}, "", "other",
                       legal_basis="not-stated")
    assert one(Inventory(), Inventory(categories=(payment,))) == want["added_plain"]
    # a new category states its basis, a new third party its country, role and transfer (M6)
    assert one(Inventory(), Inventory(categories=(dataclasses.replace(payment, legal_basis="contract"),))) \
        == want["added_basis"]
    assert one(Inventory(), chat(country="RU", processor_role="processor", transfer_abroad=True)) \
        == want["service_facts"]
    sentry = Service("sentry", "Sentry", country="DE", processor_role="controller", transfer_abroad=False)
    assert one(Inventory(), Inventory(services=(sentry,))) == want["service_country"]
    assert one(Inventory(categories=(PREFS,)), Inventory(categories=(basis("legitimate-interest"),))) == want["basis"]
    assert one(Inventory(categories=(basis("not-stated"),)), Inventory(categories=(basis("contract"),))) \
        == want["basis_set"]
    assert one(Inventory(categories=(PREFS,)), Inventory(categories=(basis("not-stated"),))) == want["basis_cleared"]
    assert one(chat(transfer_abroad=False), chat(transfer_abroad=True)) == want["transfer_on"]
    assert one(chat(transfer_abroad=True), chat(transfer_abroad=False)) == want["transfer_off"]
    assert one(chat(), chat(transfer_abroad=False)) == want["transfer_no"]
    assert one(chat(transfer_abroad=True), chat()) == want["transfer_unstated"]
    assert one(chat(), chat(country="DE", processor_role="processor")) == want["country_role"]
    assert one(site(), site(legal_name="Acme A.Ş.")) == want["site_set"]
    assert one(site(country="TR"), site()) == want["site_cleared"]
    # only the other language's text changed: the sentence names that language and shows its text
    other = {"en": ("Privacy Desk", "Privacy Desk"), "tr": ("Kişisel Veriler", "Kişisel Veriler Birimi")} \
        if lang == "en" else {"en": ("Privacy Desk", "Privacy Team"), "tr": ("Kişisel Veriler", "Kişisel Veriler")}
    assert one(site(name={k: v[0] for k, v in other.items()}), site(name={k: v[1] for k, v in other.items()})) \
        == want["site_language"]
    assert one(site(rights_url="https://acme.example/a"), site(rights_url="https://acme.example/b")) \
        == want["site_changed"]
    templates = {k for k in Catalog.get(lang).strings if k.startswith(("kvkk.category_", "kvkk.transfer_",
                                                                       "kvkk.site_"))}
    assert templates - used == set()


# A name from data that starts a sentence keeps its letters: a service called "iyzico" is never "İyzico".
LOWER_CASE_NAME = {
    "en": ["Third-party service iyzico: privacy policy link changed from `https://iyzico.example/a` to "
           "`https://iyzico.example/b`.",
           "Cookie `pay` (iyzico): duration extended from 30 days to 1 year."],
    "tr": ["iyzico üçüncü taraf hizmetinin gizlilik politikası bağlantısı `https://iyzico.example/a` yerine "
           "`https://iyzico.example/b` olarak değiştirildi.",
           "iyzico tarafından kullanılan `pay` çerezinin saklama süresi 30 günden 1 yıla uzatıldı."],
}


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_a_name_from_data_starts_a_sentence_as_written(lang: str):
    import dataclasses

    old_service = Service("iyzico", "iyzico", policy_url="https://iyzico.example/a")
    new_service = dataclasses.replace(old_service, policy_url="https://iyzico.example/b")
    item = Item("pay", "cookie", "prefs", loc("Pays", "Öder"), Duration("fixed", 30, "day"), provider="iyzico")
    old = Inventory(categories=(PREFS,), services=(old_service,), items=(item,))
    new = Inventory(categories=(PREFS,), services=(new_service,),
                    items=(dataclasses.replace(item, duration=Duration("fixed", 1, "year")),))
    got = [_plain(s) for s in sentences(diff_inventories(old, new), lang, "Acme", old, new)]
    assert got == LOWER_CASE_NAME[lang]
