"""The review shows what the pages will say: sentences that appear or disappear, rows and their headings."""

from __future__ import annotations

import datetime as dt

import pytest

from cookiepolicy.history.diff import Side
from cookiepolicy.model.inventory import Category, Duration, Inventory, Item, Policy, Service, Site
from cookiepolicy.review.comment import Comparison, _plain, review
from cookiepolicy.review.pagepreview import page_says, said_sentence


def loc(en: str, tr: str) -> dict[str, str]:
    return {"en": en, "tr": tr}


SITE = Site(company="Acme", domain="acme.example", url="https://acme.example", contact_email="privacy@acme.example",
            languages=("en", "tr"), default_language="en")
NECESSARY = Category("necessary", loc("Necessary", "Zorunlu"), {}, "exempt", "necessary")
STATS = Category("stats", loc("Analytics", "Analiz"), {}, "required", "analytics")
PAYMENTS = Category("payments", loc("Payments", "Ödemeler"), {}, "", "necessary", legal_basis="contract")
PAY = Service("pay", "Payly", loc("payments", "ödemeler"), loc("sets cookies", "çerez yerleştirir"),
              "https://payly.example/privacy")


def item(name: str, category: str, provider: str = "first-party") -> Item:
    return Item(name, "cookie", category, loc("Counts visits", "Ziyaretleri sayar"), Duration("fixed", 1, "year"),
                provider=provider)


OLD = Inventory(categories=(NECESSARY, STATS, PAYMENTS), items=(item("_ga", "stats"), item("sid", "necessary")))
NEW = Inventory(categories=(NECESSARY, Category("stats", STATS.name, {}, "", "analytics",
                                                legal_basis="legitimate-interest"), PAYMENTS),
                services=(PAY,),
                items=(item("_ga", "stats"), item("sid", "necessary"), item("pay_token", "payments", "pay")))
PAGES = {"index.md": "# Cookie Policy\n\n## Your consent\n\n{{ withdraw_consent() }}\n\n## Cookies\n\n"
                     "{{ category_sections(level=3) }}\n",
         "index.tr.md": "# Çerez Politikası\n\n## Açık rızanız\n\n{{ withdraw_consent() }}\n\n## Çerezler\n\n"
                        "{{ category_sections(level=3) }}\n"}
DAY = dt.date(2026, 12, 1)


def said(lang: str) -> list[str]:
    changes = page_says(Policy(SITE, OLD), Policy(SITE, NEW), PAGES, PAGES, DAY)
    return [_plain(said_sentence(change, lang)) for change in changes]


def test_the_withdrawal_sentence_disappears_and_the_new_row_lands_under_its_heading():
    english = said("en")
    assert ("The English page (index.md), under “Your consent”, no longer says: “You can withdraw your consent to "
            "Analytics at any time; the withdrawal applies from then on and does not affect the use made before "
            "it.”") in english, english
    assert any(s.startswith("The English page (index.md), under “Payments”, gets a new table row: “pay_token")
               for s in english), english
    assert ("The English page (index.md), under “Analytics”, now says: “Used because it is necessary for the data "
            "controller's legitimate interests, provided that this does not harm your fundamental rights and "
            "freedoms.”") in english, english
    turkish = said("tr")
    assert any(s.startswith("Türkçe sayfada (index.tr.md) “Açık rızanız” başlığı altında artık şu ifade yer "
                            "almayacak: “") for s in turkish), turkish
    assert any(s.startswith("Türkçe sayfada (index.tr.md) “Ödemeler” başlığı altındaki tabloya şu satır "
                            "eklenecek: “pay_token") for s in turkish), turkish


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_the_comment_shows_them_under_their_own_heading(lang: str):
    changes = tuple(page_says(Policy(SITE, OLD), Policy(SITE, NEW), PAGES, PAGES, DAY))
    out = review(Comparison(Side(Policy(SITE, OLD)), Side(Policy(SITE, NEW)), "main", "feature", says=changes),
                 lang, "text")
    title = {"en": "What the pages will say", "tr": "Sayfalarda yer alacak ifadeler"}[lang]
    attention = {"en": "Needs a reviewer's attention", "tr": "İnceleyenin dikkatine"}[lang]
    assert out.index(title) < out.index(attention)  # after the changes, before the attention points
    block = out.split(title, 1)[1].split(attention, 1)[0]
    assert block.count("\n- ") == len(changes) >= 2


def test_unchanged_data_says_nothing_new():
    assert page_says(Policy(SITE, OLD), Policy(SITE, OLD), PAGES, PAGES, DAY) == []
