"""The words around the policy on an English-first site (TalkOmni) as a Turkish reader meets them: the
404 page that a missing /tr/ address lands on, the theme's Turkish words, and the search index's text."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

from cookiepolicy.text.localize import Catalog

ENGLISH_CHROME = ("Switch to dark mode", "Switch to light mode", "Search", "Table of contents", "Navigation",
                  "Header", "Skip to content")


def test_the_404_page_has_no_chrome_in_one_language_around_the_others(built: Path):
    """A Turkish visitor's missing /tr/ address is answered by the English build's 404.html: it holds each
    language's message, home link and footer line in a part marked with that language, and nothing else."""
    html = (built / "404.html").read_text(encoding="utf-8")
    assert not [words for words in ENGLISH_CHROME if words in html]
    assert 'class="md-header' not in html and 'class="md-search' not in html and 'class="md-sidebar' not in html
    sections = re.findall(r'<section class="policy-not-found" lang="(\w+)" data-policy-root="([^"]+)">', html)
    assert sections == [("en", "/cookie-policy/"), ("tr", "/cookie-policy/tr/")]
    tr = html.split('<section class="policy-not-found" lang="tr"', 1)[1].split("</section>", 1)[0]
    c = Catalog.get("tr")
    assert f"<h1>{c.t('site.not_found_title')}</h1>" in tr
    assert unescape(c.t("site.not_found_text", company="TalkOmni")) in unescape(tr)
    assert 'href="/cookie-policy/tr/">Çerez Politikasını okuyun</a>' in tr
    footer = re.findall(r'<div class="md-copyright" lang="(\w+)"[^>]*>\s*<div class="md-copyright__highlight">'
                        r'(.*?)</div>', html, re.S)
    assert [(lang, unescape(text).split(":")[0]) for lang, text in footer] == [
        ("en", "© TalkOmni · Questions about this policy"),
        ("tr", "© TalkOmni · Bu politikayla ilgili sorularınız için")]
    assert "<title>Page not found · Sayfa bulunamadı</title>" in html
    # the language of the missing address comes first, and <html> says which it is
    assert "document.documentElement.lang = part.lang" in html


def test_the_turkish_pages_use_the_sites_own_words_for_the_theme(built: Path):
    """Material's Turkish calques ("doküman", "Versiyon", "Navigasyon") replaced by the words the policy
    uses everywhere else (review L1)."""
    html = (built / "tr" / "index.html").read_text(encoding="utf-8")
    raw = html.encode("ascii", "backslashreplace").decode("unicode_escape", "ignore")  # the JSON's \u015f
    for calque in ("Navigasyon", "doküman", "Versiyon seç", 'aria-label="Başlık"'):
        assert calque not in html and calque not in raw, calque
    assert 'aria-label="Gezinme"' in html and 'aria-label="Üst bilgi"' in html
    assert '"search.result.none": "Eşleşen sayfa bulunamadı"' in raw
    assert '"search.result.other": "# sayfa bulundu"' in raw and '"select.version": "Sürüm seç"' in raw


def test_the_search_index_keeps_the_table_headers_apart(built: Path):
    """A result's snippet reads "Çerez Amacı Saklama süresi", not "ÇerezAmacıSaklama süresi" (review L24)."""
    index = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = [doc["text"] for doc in index["docs"] if doc["location"].startswith("tr/")]
    assert any("Amacı Saklama süresi" in text for text in texts)
    assert not [text for text in texts if re.search(r"[a-zçğıöşü](Amacı|Saklama süresi)", text)]
