"""Localization: CLDR dates and durations, and catalogs that cover the same keys in every language."""

from __future__ import annotations

import datetime as dt

import pytest

from cookiepolicy.model.inventory import Duration
from cookiepolicy.text import localize
from cookiepolicy.text.localize import Catalog, format_date, format_duration, format_list


@pytest.mark.parametrize(
    ("duration", "en", "tr"),
    [
        (Duration("fixed", 12, "hour"), "12 hours", "12 saat"),
        (Duration("fixed", 30, "day"), "30 days", "30 gün"),
        (Duration("fixed", 1, "day"), "1 day", "1 gün"),
        (Duration("fixed", 1, "year"), "1 year", "1 yıl"),
        (Duration("fixed", 13, "month"), "13 months", "13 ay"),
        (Duration("fixed", 2, "week"), "2 weeks", "2 hafta"),
        (Duration("fixed", 30, "minute"), "30 minutes", "30 dakika"),
        (Duration("fixed", 1, "second"), "1 second", "1 saniye"),
        (Duration("session"), "Session", "Oturum süresince"),
        (Duration("persistent"), "Persistent", "Siz silene kadar"),
        (Duration("event", until={"en": "the sign-in flow completes", "tr": "oturum açma işlemi tamamlanana"}),
         "Until the sign-in flow completes", "oturum açma işlemi tamamlanana kadar"),
    ],
)
def test_durations(duration: Duration, en: str, tr: str):
    assert format_duration(duration, "en") == en
    assert format_duration(duration, "tr") == tr


def test_dates_come_from_cldr():
    day = dt.date(2026, 6, 26)
    assert format_date(day, "en") == "June 26, 2026"
    assert format_date(day, "tr") == "26 Haziran 2026"
    assert format_date(dt.date(2026, 12, 15), "tr") == "15 Aralık 2026"


def test_lists_follow_each_language():
    assert format_list(["a", "b", "c"], "tr", style="or") == "a, b veya c"
    assert format_list(["a", "b"], "en") == "a and b"


def test_every_language_has_every_key():
    languages = Catalog.available()
    assert {"en", "tr"} <= set(languages)
    keys = {lang: set(Catalog.get(lang).strings) for lang in languages}
    for lang in languages:
        assert keys[lang] == keys["en"], (lang, keys[lang] ^ keys["en"])


CASES = ("_gen", "_loc", "_dat", "_abl", "_acc", "_nom")


def test_placeholders_match_across_languages():
    import string

    def fields(template: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name}

    en = Catalog.get("en")
    for lang in Catalog.available():
        other = Catalog.get(lang)
        for key, template in en.strings.items():
            # a language may name what English leaves unsaid: the kind of storage, the sentence's subject
            allowed = fields(template) | {"storage_cap", "storage", "subject"}
            # a placeholder in one case form allows the others: Turkish puts a name in the case it needs
            cased = {name.rsplit("_", 1)[0] for name in fields(template) if name.endswith(CASES)}
            allowed |= {f"{base}{case}" for base in cased for case in CASES}
            assert fields(other.strings[key]) <= allowed, (lang, key)


@pytest.mark.parametrize(("words", "lang", "lower", "upper"), [
    ("Işık", "tr", "ışık", "Işık"),
    ("İzin", "tr", "izin", "İzin"),
    ("izin", "tr", "izin", "İzin"),
    ("ılık", "tr", "ılık", "Ilık"),
    ("Item", "en", "item", "Item"),
    ("item", "en", "item", "Item"),
])
def test_first_letter_case_follows_the_language(words: str, lang: str, lower: str, upper: str):
    # The Turkish dotted and dotless i come from the catalog (casing.lower / casing.upper).
    assert localize.lower_first(words, lang) == lower
    assert localize.upper_first(words, lang) == upper
