"""Statements checked against what the cookies are: the shipped Open Cookie Database, not only the data's
`kind` and `cross_site` (an ad network's cookie filed under a "functional" category must not pass)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cookiepolicy.loading import cookiedb
from cookiepolicy.model.inventory import Category, Inventory, Item, Service
from cookiepolicy.text.durations import read_duration

from .support.helpers import ROOT, copy_test_site, policy

CSV = ROOT / "third_party" / "open-cookie-database" / "open-cookie-database.csv"
FUNCTIONAL = Category(id="functional", name={"en": "Functional"}, description={}, consent="exempt", kind="preferences")


def _item(name: str, provider: str) -> Item:
    return Item(name=name, storage="cookie", category="functional", purpose={"en": "x"},
                duration=read_duration("90 days"), provider=provider)


def _csv_line(name: str) -> int:
    """The line of the database's entry for ``name``, read from the CSV itself."""
    lines = CSV.read_text(encoding="utf-8").splitlines()
    return 1 + next(i for i, line in enumerate(lines) if line.split(",")[3] == name)


def test_the_database_ships_with_the_project():
    assert cookiedb.database_path() == CSV.resolve()


@pytest.mark.parametrize(("name", "service", "platform", "category"), [
    ("_fbp", Service(id="meta", name="Facebook Pixel"), "Facebook", "Marketing"),
    ("_gcl_au", Service(id="google-ads", name="Google Ads"), "Google", "Marketing"),
    ("IDE", Service(id="doubleclick", name="DoubleClick"), "DoubleClick/Google Marketing", "Marketing"),
])
def test_an_item_is_found_by_name_and_party(name: str, service: Service, platform: str, category: str):
    inv = Inventory(categories=(FUNCTIONAL,), services=(service,), items=(_item(name, service.id),))
    match = cookiedb.lookup(inv.items[0], inv, CSV)
    assert match is not None
    assert (match.row.platform, match.row.category, match.row.line) == (platform, category, _csv_line(name))


def test_another_partys_cookie_of_the_same_name_is_not_it():
    """`_fbp` set by a party the database does not name for it, or by the company itself, is not Facebook's."""
    stripe = Service(id="stripe", name="Stripe")
    inv = Inventory(categories=(FUNCTIONAL,), services=(stripe,),
                    items=(_item("_fbp", "stripe"), _item("_gcl_au", "first-party")))
    assert [cookiedb.lookup(i, inv, CSV) for i in inv.items] == [None, None]


def test_not_used_is_contradicted_whatever_the_category_says():
    meta = Service(id="meta", name="Facebook Pixel")
    inv = Inventory(categories=(FUNCTIONAL,), services=(meta,), items=(_item("_fbp", "meta"),),
                    not_used=("advertising", "cross-site-tracking", "third-party-analytics"))
    found = [(practice, item.name) for practice, item, _ in cookiedb.contradictions(inv, CSV)]
    assert found == [("advertising", "_fbp"), ("cross-site-tracking", "_fbp")]


def test_analytics_in_the_database_refutes_no_statement():
    """The database files some vendors' functional cookies under Analytics (Intercom's conversation cookie):
    that is a point for a person (lint), not an error against `third-party-analytics`."""
    intercom = Service(id="intercom", name="Intercom")
    inv = Inventory(categories=(FUNCTIONAL,), services=(intercom,), items=(_item("intercom-session-abc", "intercom"),),
                    not_used=("third-party-analytics",))
    assert cookiedb.lookup(inv.items[0], inv, CSV).row.category == "Analytics"
    assert list(cookiedb.contradictions(inv, CSV)) == []
    assert [i.name for i, _, _ in cookiedb.kind_disagreements(inv, CSV)] == ["intercom-session-abc"]


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    """Atlas Pay, with a statement that it uses no advertising and a Meta pixel cookie under its necessary
    category (the class of a real inventory: the ad cookie listed under a category of another kind)."""
    site = copy_test_site("atlaspay", tmp_path)
    with (site / "data" / "site.yml").open("a", encoding="utf-8") as f:
        f.write("not_used: [advertising]\n")
    with (site / "data" / "services.yml").open("a", encoding="utf-8") as f:
        f.write("  - id: meta\n    name: Facebook Pixel\n    country: US\n    processor_role: controller\n"
                "    transfer_abroad: true\n")
    with (site / "data" / "cookies.yml").open("a", encoding="utf-8") as f:
        f.write("  - name: _fbp\n    storage: cookie\n    category: necessary\n    provider: meta\n"
                "    purpose: {en: Measures visits, tr: Ziyaretleri ölçer}\n    duration: 90 days\n")
    return site


def test_validate_refuses_the_statement_naming_item_entry_and_statement(shop: Path):
    result = policy(shop, "validate")
    assert result.returncode == 1
    line = 1 + (shop / "data" / "site.yml").read_text(encoding="utf-8").splitlines().index("not_used: [advertising]")
    assert f"data/site.yml:{line}: error: not_used: says the site does not use advertising, but cookie `_fbp` is " \
           f"Facebook `_fbp` (Marketing, Open Cookie Database line {_csv_line('_fbp')}), whatever its category " \
           "`necessary` says (remove advertising from not_used, or check the item's name and provider)" \
           in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_the_statement_is_refused_in_turkish(shop: Path):
    result = policy(shop, "validate", "--lang", "tr")
    assert "hata: not_used: `not_used` alanı sitede `advertising` kullanılmadığını belirtiyor; ancak `_fbp` çerezi, " \
           "kategorisi `necessary` olsa da Open Cookie Database'in " \
           f"{_csv_line('_fbp')}. satırındaki Facebook `_fbp` kaydıyla eşleşmektedir (Marketing) (`advertising` " \
           "değerini `not_used` listesinden kaldırın ya da öğenin adını ve sağlayıcısını kontrol edin)" \
           in result.stderr, result.stderr


def test_lint_warns_when_the_category_disagrees_with_the_database(shop: Path):
    (shop / "data" / "site.yml").write_text(
        (shop / "data" / "site.yml").read_text(encoding="utf-8").replace("not_used: [advertising]\n", ""),
        encoding="utf-8")
    assert policy(shop, "validate").returncode == 0  # a disagreement is for a person to decide
    result = policy(shop, "lint", "--law", "kvkk")
    assert "check   KVKK cookie guide (Çerez Uygulamaları Hakkında Rehber); KVKK Art. 5(1): data/cookies.yml:" \
           in result.stdout
    assert "cookie `_fbp` is in category `necessary` of kind `necessary`, but the Open Cookie Database has it as " \
           f"Facebook `_fbp` (Marketing, Open Cookie Database line {_csv_line('_fbp')}): check its category and " \
           "legal basis" in result.stdout, result.stdout
