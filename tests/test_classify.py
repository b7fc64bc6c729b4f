"""The change classifier: hand-written cases of each class, their reasons in both languages, the
changelog's groups and the banner revision that rises only on fresh consent."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from cookiepolicy.exchange.cookieconsent import revision
from cookiepolicy.exchange.export import Chosen
from cookiepolicy.history.classify import RULES, Level, classify, headline, level_of
from cookiepolicy.history.diff import diff_inventories
from cookiepolicy.model.inventory import Category, Duration, Inventory, Item, Policy, Release, Service, Site
from cookiepolicy.render.classed import changelog_markdown
from cookiepolicy.text.localize import Catalog

NECESSARY = Category("necessary", {"en": "Strictly necessary", "tr": "Zorunlu"}, {}, "exempt")
ANALYTICS = Category("analytics", {"en": "Analytics", "tr": "Analiz"}, {}, "required", kind="analytics")
SECURITY = Category("security", {"en": "Security", "tr": "Güvenlik"}, {}, "", legal_basis="legitimate-interest")
STATS = Service("stats", "Stats Inc")
SESSION = Item("sid", "cookie", "necessary", {"en": "Keeps you signed in", "tr": "Oturumunuzu açık tutar"},
               Duration("fixed", 1, "day"))
VISITS = Item("_v", "cookie", "analytics", {"en": "Counts visits", "tr": "Ziyaretleri sayar"},
              Duration("fixed", 30, "day"), provider="stats")
BASE = Inventory(categories=(NECESSARY, ANALYTICS), services=(STATS,), items=(SESSION, VISITS))


def with_items(*items: Item, base: Inventory = BASE, **changes: object) -> Inventory:
    return replace(base, items=items, **changes)


def kinds(new: Inventory, old: Inventory = BASE) -> list[tuple[str, ...]]:
    return [e.kinds for e in classify(diff_inventories(old, new), old, new).entries]


# ---------------------------------------------------------------- fresh consent

def test_a_longer_duration_of_a_consent_cookie_needs_fresh_consent():
    new = with_items(SESSION, replace(VISITS, duration=Duration("fixed", 13, "month")))
    assert kinds(new) == [("consent_longer",)]
    assert level_of(BASE, new) is Level.CONSENT


def test_a_new_consent_cookie_of_a_new_third_party_needs_fresh_consent():
    ads = Service("ads", "Ads Co")
    pixel = Item("_px", "cookie", "analytics", {"en": "Measures ads", "tr": "Reklamları ölçer"},
                 Duration("session"), provider="ads")
    new = with_items(SESSION, VISITS, pixel, services=(STATS, ads))
    assert kinds(new) == [("consent_third_party",), ("consent_item_added", "consent_third_party")]
    assert headline(classify(diff_inventories(BASE, new), BASE, new), "en") == (
        "Needs fresh consent: 2 changes (a new item in a consent category and a new third party receiving "
        "data under consent).")
    assert headline(classify(diff_inventories(BASE, new), BASE, new), "tr") == (
        "Yeniden açık rıza alınması gerekir: 2 değişiklik (açık rıza gerektiren bir kategoriye eklenen yeni bir "
        "çerez veya depolama anahtarı ve açık rızaya dayanılarak veri aktarılan yeni bir üçüncü taraf).")


def test_an_item_moved_into_a_consent_category_and_a_new_transfer_abroad_need_fresh_consent():
    moved = with_items(replace(SESSION, category="analytics"), VISITS)
    assert kinds(moved) == [("consent_item_moved_in",)]
    abroad = replace(BASE, services=(replace(STATS, transfer_abroad=True, country="US"),))
    assert kinds(abroad) == [("notice_transfer_details", "consent_transfer_abroad")]
    assert level_of(BASE, abroad) is Level.CONSENT


def test_a_changed_purpose_of_a_consent_cookie_needs_fresh_consent_but_its_wording_does_not():
    purpose = with_items(SESSION, replace(VISITS, purpose={"en": "Builds visitor profiles", "tr": "Ziyaretleri sayar"}))
    assert kinds(purpose) == [("consent_purpose",)]
    wording = with_items(SESSION, replace(VISITS, purpose={"en": "Counts visits.", "tr": "Ziyaretleri sayar"}))
    assert kinds(wording) == [("info_wording",)]
    assert level_of(BASE, wording) is Level.INFORMATIONAL


# ---------------------------------------------------------------- a new notice before processing

def test_a_new_category_on_legitimate_interest_needs_a_notice_not_consent():
    guard = Item("bot", "cookie", "security", {"en": "Stops bots", "tr": "Botları engeller"}, Duration("session"))
    new = with_items(SESSION, VISITS, guard, categories=(NECESSARY, ANALYTICS, SECURITY))
    assert kinds(new) == [("notice_category_added",), ("notice_item_added",)]
    c = classify(diff_inventories(BASE, new), BASE, new)
    assert c.level is Level.NOTICE
    assert headline(c, "en") == ("Needs a new notice before processing: 2 changes (a new category on a legal "
                                 "basis other than consent and a new item in a category that needs no consent).")
    assert headline(c, "tr") == ("Veri işlenmeden önce yeniden aydınlatma yapılması gerekir: 2 değişiklik (açık "
                                 "rıza dışındaki bir hukuki sebebe dayanan yeni bir kategori ve açık rıza "
                                 "gerektirmeyen bir kategoriye eklenen yeni bir çerez veya depolama anahtarı).")


def test_a_changed_purpose_or_a_longer_duration_of_a_necessary_cookie_needs_a_notice():
    new = with_items(replace(SESSION, purpose={"en": "Keeps you signed in and tracks logins", "tr": "Oturumunuzu "
                                               "açık tutar"}, duration=Duration("fixed", 7, "day")), VISITS)
    assert kinds(new) == [("notice_longer", "notice_purpose")]
    assert level_of(BASE, new) is Level.NOTICE


def test_a_consent_category_moved_to_another_basis_needs_a_notice():
    new = replace(BASE, categories=(NECESSARY, replace(ANALYTICS, consent="", legal_basis="legitimate-interest")))
    assert kinds(new) == [("notice_basis",)]


# ---------------------------------------------------------------- informational

def test_removals_shorter_durations_and_renames_are_informational():
    new = with_items(replace(SESSION, name="session_id", renamed_from="sid"),
                     replace(VISITS, duration=Duration("fixed", 7, "day")))
    found = classify(diff_inventories(BASE, new), BASE, new)
    assert [e.kinds for e in found.entries] == [("info_renamed",), ("info_shorter",)]
    assert found.level is Level.INFORMATIONAL
    removed = with_items(SESSION)
    assert kinds(removed) == [("info_removed",)]
    assert headline(classify(diff_inventories(BASE, removed), BASE, removed), "en") == \
        "Informational: 1 change (a removal)."
    assert headline(classify(diff_inventories(BASE, removed), BASE, removed), "tr") == \
        "Yalnızca bilgilendirme niteliğinde: 1 değişiklik (bir bilginin kaldırılması)."
    assert level_of(BASE, BASE) is Level.NONE


def test_every_kind_has_a_reason_in_every_language():
    for lang in ("en", "tr"):
        catalog = Catalog.get(lang)
        for kind in RULES:
            assert catalog.t(f"classify.reason.{kind}").strip(), (lang, kind)


# ---------------------------------------------------------------- the changelog and the banner revision

@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "Class of this version&#39;s changes&#58; Needs fresh consent."),
    ("tr", "Bu sürümdeki değişikliklerin sınıfı&#58; Yeniden açık rıza alınması gerekir."),
])
def test_the_changelog_groups_changes_by_class_highest_first(lang: str, expected: str):
    new = with_items(replace(SESSION, duration=Duration("fixed", 12, "hour")),
                     replace(VISITS, duration=Duration("fixed", 60, "day")))
    text = changelog_markdown(diff_inventories(BASE, new), BASE, new, lang, "Acme")
    blocks = text.split("\n\n")
    assert blocks[0].replace("&#x27;", "&#39;") == expected
    consent, informational = Catalog.get(lang).t("classify.level.consent"), \
        Catalog.get(lang).t("classify.level.informational")
    assert blocks[1].startswith(consent) and "&#95;v" in blocks[2] and "sid" not in blocks[2]
    assert blocks[3].startswith(informational) and "sid" in blocks[4]


def _release(version: str, inventory: Inventory) -> Release:
    """Each version published and in force a month after the one before (none replaced before taking effect)."""
    month = 1 + int(version.split(".")[1])
    return Release(version, dt.date(2026, month, 1), dt.date(2026, month, 2), {}, inventory)


def test_the_banner_revision_rises_only_on_fresh_consent():
    site = Site("Acme", "acme.example", "https://acme.example", "p@acme.example", ("en", "tr"), "en")
    wording = with_items(SESSION, replace(VISITS, purpose={"en": "Counts visits.", "tr": "Ziyaretleri sayar."}))
    notice = with_items(replace(SESSION, duration=Duration("fixed", 2, "day")), *wording.items[1:], base=wording)
    longer = with_items(notice.items[0], replace(VISITS, duration=Duration("fixed", 2, "year")), base=notice)
    history = [("1.0", BASE), ("1.1", wording), ("1.2", notice), ("1.3", longer)]
    policy = Policy(site, longer, tuple(_release(v, inv) for v, inv in history))
    found = {r.version: revision(policy, Chosen(policy, r.inventory, r)) for r in policy.releases}
    assert found == {"1.0": 1, "1.1": 1, "1.2": 1, "1.3": 2}
