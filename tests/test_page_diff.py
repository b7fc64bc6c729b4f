"""The policy pages' own changes, in words: title, prose per section, table columns and headers.

Hand-written cases in both languages; the expected sentences are written by hand.
"""

from __future__ import annotations

import pytest

from cookiepolicy.review.comment import _plain
from cookiepolicy.review.pagediff import diff_pages, page_sentence

EN = """---
title: Cookie Policy
---

# Cookie Policy

{{ notices() }}

## Managing cookies

You can delete cookies in your browser settings at any time.

## Cookies we set

{{ cookie_table(columns=["name", "purpose", "duration"]) }}
"""
TR = """# Çerez Politikası

## Çerezleri yönetme

Çerezleri tarayıcı ayarlarınızdan dilediğiniz zaman silebilirsiniz.

## Kullandığımız çerezler

{{ cookie_table(columns=["name", "purpose", "duration"]) }}
"""


def sentences(old: dict[str, str], new: dict[str, str], lang: str, **headers) -> list[str]:
    return [_plain(page_sentence(change, lang)) for change in diff_pages(old, new, "en", **headers)]


def test_the_same_pages_have_no_change():
    assert diff_pages({"index.md": EN, "index.tr.md": TR}, {"index.md": EN, "index.tr.md": TR}, "en") == []


def test_an_archived_copy_reads_as_the_page_it_was_made_from():
    archived = EN.replace("---\ntitle", '---\npolicy_version: "1.0"\ntitle').replace(
        "browser settings", "browser [settings](../../settings.md)")
    page = EN.replace("browser settings", "browser [settings](settings.md)")
    assert diff_pages({"index.md": archived}, {"index.md": page}, "en") == []


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", ["The wording of section “Managing cookies” of the English page (index.md) changed from “You can "
            "delete cookies in your browser settings at any time.” to “You can delete cookies in your browser "
            "settings; doing so signs you out.”.",
            "The wording of section “Çerezleri yönetme” of the Turkish page (index.tr.md) changed from "
            "“Çerezleri tarayıcı ayarlarınızdan dilediğiniz zaman silebilirsiniz.” to “Çerezleri tarayıcı "
            "ayarlarınızdan silebilirsiniz; bu durumda oturumunuz kapanır.”."]),
    ("tr", ["İngilizce sayfada (index.md) “Managing cookies” bölümünün metni “You can delete cookies in your "
            "browser settings at any time.” yerine “You can delete cookies in your browser settings; doing so "
            "signs you out.” olarak değiştirildi.",
            "Türkçe sayfada (index.tr.md) “Çerezleri yönetme” bölümünün metni “Çerezleri tarayıcı ayarlarınızdan "
            "dilediğiniz zaman silebilirsiniz.” yerine “Çerezleri tarayıcı ayarlarınızdan silebilirsiniz; bu "
            "durumda oturumunuz kapanır.” olarak değiştirildi."]),
])
def test_prose_of_a_section(lang: str, expected: list[str]):
    new_en = EN.replace("at any time.", "; doing so signs you out.").replace("settings; doing", "settings; doing")
    new_en = new_en.replace("settings ; doing", "settings; doing")
    new_tr = TR.replace("dilediğiniz zaman silebilirsiniz.", "silebilirsiniz; bu durumda oturumunuz kapanır.")
    assert sentences({"index.md": EN, "index.tr.md": TR}, {"index.md": new_en, "index.tr.md": new_tr}, lang) \
        == expected


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", ["The title of the English page (index.md) changed from “Cookie Policy” to “Cookies and Storage”.",
            "Section “Managing cookies” was removed from the English page (index.md).",
            "Section “Your choices” was added to the English page (index.md)."]),
    ("tr", ["İngilizce sayfanın (index.md) başlığı “Cookie Policy” yerine “Cookies and Storage” olarak "
            "değiştirildi.",
            "İngilizce sayfadan (index.md) “Managing cookies” bölümü kaldırıldı.",
            "İngilizce sayfaya (index.md) “Your choices” bölümü eklendi."]),
])
def test_title_and_sections_added_and_removed(lang: str, expected: list[str]):
    new = EN.replace("title: Cookie Policy", "title: Cookies and Storage").replace(
        "## Managing cookies", "## Your choices")
    assert sentences({"index.md": EN}, {"index.md": new}, lang) == expected


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", ["Columns added to the table in section “Cookies we set” of the English page (index.md): Type.",
            "Columns removed from the table in section “Cookies we set” of the English page (index.md): Duration."]),
    ("tr", ["İngilizce sayfada (index.md) “Cookies we set” bölümündeki tabloya şu sütunlar eklendi: Type.",
            "İngilizce sayfada (index.md) “Cookies we set” bölümündeki tablodan şu sütunlar kaldırıldı: Duration."]),
])
def test_columns_added_and_removed_are_named_by_the_page_headers(lang: str, expected: list[str]):
    new = EN.replace('columns=["name", "purpose", "duration"]', 'columns=["name", "purpose", "category"]')
    assert sentences({"index.md": EN}, {"index.md": new}, lang) == expected


def test_a_header_renamed_in_the_call_or_in_site_yml():
    call = EN.replace('"duration"])', '"duration"], headers={"purpose": "Typical Content"})')
    assert sentences({"index.md": EN}, {"index.md": call}, "en") == [
        "The column header “Purpose” of the table in section “Cookies we set” of the English page (index.md) "
        "changed to “Typical Content”."]
    site = {"purpose": {"en": "Typical Content", "tr": "Tipik İçerik"}}
    assert sentences({"index.tr.md": TR}, {"index.tr.md": TR}, "tr", new_headers=site) == [
        "Türkçe sayfada (index.tr.md) tabloların “Amacı” sütun başlığı “Tipik İçerik” olarak değiştirildi "
        "(site.yml dosyasındaki `table_headers`)."]
