"""What a category states besides its basis (``explicit``, ``withdrawal``, ``requested_service``): a
change of one is a changelog line of its own, and "explicit" is said only where the data states it."""

from __future__ import annotations

import dataclasses

import pytest

from cookiepolicy.history.diff import diff_inventories
from cookiepolicy.model.inventory import Category, Duration, Inventory, Item
from cookiepolicy.render.renderer import Renderer, View
from cookiepolicy.render.sentences import sentences
from cookiepolicy.review.comment import _legal_changes, _plain
from cookiepolicy.text.localize import Catalog

STATS = Category("stats", {"en": "Statistics", "tr": "İstatistik"}, {}, "", "analytics", legal_basis="consent")
NEEDED = Category("needed", {"en": "Essential", "tr": "Zorunlu"}, {}, "", "necessary",
                  legal_basis="strictly-necessary")

# written by hand; the Turkish in KVKK's words (açık rıza only where the data says explicit)
LINES = {
    "en": {
        ("explicit", True): "The Statistics category is now used only with your explicit consent.",
        ("explicit", False): "The Statistics category no longer states that your consent is explicit.",
        ("withdrawal", True): "The Statistics category now states that you can withdraw your consent at any time.",
        ("withdrawal", False): "The Statistics category no longer states that you can withdraw your consent at "
                               "any time.",
        ("requested_service", True): "The Essential category now states that it is strictly necessary to provide "
                                     "the service you ask for.",
        ("requested_service", False): "The Essential category no longer states that it is strictly necessary to "
                                      "provide the service you ask for.",
    },
    "tr": {
        ("explicit", True): "İstatistik kategorisindeki çerezler artık yalnızca açık rızanız alınarak "
                            "kullanılmaktadır.",
        ("explicit", False): "İstatistik kategorisi için rızanızın açık rıza olarak alındığı artık "
                             "belirtilmemektedir.",
        ("withdrawal", True): "İstatistik kategorisi için verdiğiniz rızayı dilediğiniz zaman geri "
                              "alabileceğiniz artık belirtilmektedir.",
        ("withdrawal", False): "İstatistik kategorisi için verdiğiniz rızayı dilediğiniz zaman geri "
                               "alabileceğiniz artık belirtilmemektedir.",
        ("requested_service", True): "Zorunlu kategorisindeki çerezlerin talep ettiğiniz hizmetin sunulabilmesi "
                                     "için zorunlu olduğu artık belirtilmektedir.",
        ("requested_service", False): "Zorunlu kategorisindeki çerezlerin talep ettiğiniz hizmetin "
                                      "sunulabilmesi için zorunlu olduğu artık belirtilmemektedir.",
    },
}


def _lines(old: Category, new: Category, lang: str) -> list[str]:
    a, b = Inventory(categories=(old,)), Inventory(categories=(new,))
    return [_plain(s) for s in sentences(diff_inventories(a, b), lang, "Acme", a, b)]


@pytest.mark.parametrize("lang", ["en", "tr"])
@pytest.mark.parametrize("fact", ["explicit", "withdrawal", "requested_service"])
@pytest.mark.parametrize("on", [True, False])
def test_a_changed_consent_fact_is_a_changelog_line(lang: str, fact: str, on: bool):
    base = NEEDED if fact == "requested_service" else STATS
    old, new = dataclasses.replace(base, **{fact: not on}), dataclasses.replace(base, **{fact: on})
    assert _lines(old, new, lang) == [LINES[lang][(fact, on)]]
    changed = diff_inventories(Inventory(categories=(old,)), Inventory(categories=(new,)))
    assert changed.changes  # a change: `policy diff --exit-code` fails on it
    assert _legal_changes(changed, Inventory(categories=(old,)), Inventory(categories=(new,))).categories, \
        "a consent fact is a legal change: a shortened review keeps it"


def test_a_basis_change_says_explicit_only_when_stated():
    """From consent to legitimate interest: the old basis is named as the data stated it."""
    li = dataclasses.replace(STATS, consent="", legal_basis="legitimate-interest")
    assert _lines(STATS, li, "en") == [
        "The legal basis of the Statistics category changed from consent to legitimate interest."]
    assert _lines(STATS, li, "tr") == ["İstatistik kategorisinin hukuki sebebi rıza yerine meşru menfaat olarak "
                                       "değiştirildi."]
    explicit = dataclasses.replace(STATS, explicit=True, withdrawal=True)
    assert _lines(explicit, dataclasses.replace(li, explicit=False, withdrawal=False), "tr") == [
        "İstatistik kategorisinin hukuki sebebi açık rıza yerine meşru menfaat olarak değiştirildi."]


@pytest.mark.parametrize("lang,plain,explicit", [("en", "Consent", "Explicit consent"), ("tr", "Rıza", "Açık rıza")])
def test_the_legal_basis_cell_says_explicit_only_when_stated(lang: str, plain: str, explicit: str):
    from cookiepolicy.model.inventory import Policy, Site

    item = Item(name="_ga", storage="cookie", category="stats", purpose={"en": "Counts", "tr": "Sayar"},
                duration=Duration("session"))
    import datetime as dt

    for category, want, other in ((STATS, plain, explicit), (dataclasses.replace(STATS, explicit=True), explicit,
                                                              None)):
        inv = Inventory(categories=(category,), items=(item,))
        site = Site("Acme", None, None, None, ("en", "tr"), "en")
        renderer = Renderer(Policy(site=site, draft=inv), lang, View(inv, None), dt.date(2026, 12, 1))
        table = renderer.cookie_table(columns=["name", "legal_basis"])
        assert f'data-label="{Catalog.get(lang).t("column.legal_basis")}">{want}</td>' in table, table
        if other:
            assert other not in table
    assert Catalog.get(lang).t("table.legal_basis.consent") == plain
