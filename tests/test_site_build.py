"""The real TalkOmni site built with the real mkdocs: every fact of the seed, in both languages."""

from __future__ import annotations

import re
from pathlib import Path

from .support.helpers import mkdocs_build, read_page

EN_ROWS = [
    ["auth_token", "Keeps you signed in to the dashboard (HTTP-only)", "12 hours", "Strictly necessary"],
    ["refresh_token", "Renews your session securely (HTTP-only)", "30 days", "Strictly necessary"],
    ["TALKOMNI_USER_LOCALE", "Remembers your language choice (TR/EN)", "Persistent", "Preference"],
]
TR_ROWS = [
    ["auth_token", "Yönetim panelinde oturumunuzun açık kalmasını sağlar (HttpOnly)", "12 saat", "Zorunlu"],
    ["refresh_token", "Oturumunuzu güvenli biçimde yeniler (HttpOnly)", "30 gün", "Zorunlu"],
    ["TALKOMNI_USER_LOCALE", "Dil tercihinizi (TR/EN) hatırlar", "Siz silene kadar", "Tercih"],
]


def test_no_template_syntax_survives(built: Path):
    pages = list(built.rglob("*.html"))
    assert len(pages) >= 8
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert "{{" not in html and "{%" not in html, path


def test_english_policy_holds_every_fact(built: Path):
    page = read_page(built / "index.html")
    assert page.lang == "en"
    assert page.tables[0][0] == ["Name", "Purpose", "Duration", "Type"]
    assert page.tables[0][1:] == EN_ROWS
    assert "Last updated: June 26, 2026" in page.text
    assert "Effective date: July 2, 2026 · Version 1.0" in page.text
    assert "mailto:support@talkomni.com" in page.links
    assert "TalkOmni uses on talkomni.com" in page.text
    assert "does not use advertising cookies, cross-site tracking cookies, or third-party analytics trackers" \
        in page.text
    items = " ".join(page.list_items)
    assert "interface preferences such as the light/dark theme of the dashboard" in items
    assert "a conversation identifier so your chat can continue where it left off" in items
    for name, url in [("Stripe", "https://stripe.com/privacy"),
                      ("Cloudflare Turnstile", "https://www.cloudflare.com/privacypolicy/"),
                      ("Google reCAPTCHA", "https://policies.google.com/privacy")]:
        assert any(li.startswith(name + ":") for li in page.list_items), name
        assert url in page.links


def test_turkish_policy_is_localized(built: Path):
    page = read_page(built / "tr" / "index.html")
    assert page.lang == "tr"
    assert page.tables[0][0] == ["Adı", "Amacı", "Saklama süresi", "Türü"]
    assert page.tables[0][1:] == TR_ROWS
    assert "Son güncelleme: 26 Haziran 2026" in page.text
    assert "Yürürlük tarihi: 2 Temmuz 2026 · Sürüm 1.0" in page.text
    assert "zorunlu çerezlerin" in page.text
    assert "TalkOmni, internet sitesinde reklam çerezleri, siteler arası izleme çerezleri veya üçüncü taraf " \
           "analiz araçları kullanmamaktadır." in page.text
    assert "mailto:support@talkomni.com" in page.links
    assert any(li.startswith("Stripe:") for li in page.list_items)
    # no English text leaked into the Turkish page
    assert "Keeps you signed in" not in page.text and "Persistent" not in page.text


def test_language_switcher_leads_to_the_same_page(built: Path):
    for page, other in [("index.html", "tr/"), ("changelog/index.html", "tr/changelog/"),
                        ("tr/index.html", "/"), ("tr/changelog/index.html", "/changelog/")]:
        html = (built / page).read_text(encoding="utf-8")
        alternates = dict(re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)"', html))
        assert alternates, page
        assert any(href.rstrip("/").endswith(other.rstrip("/")) for href in alternates), (page, alternates)


def test_archive_and_changelog_in_both_languages(built: Path):
    en = read_page(built / "versions" / "1.0" / "index.html")
    assert "archived copy of version 1.0" in en.text
    assert en.tables[0][1:] == EN_ROWS
    tr = read_page(built / "tr" / "versions" / "1.0" / "index.html")
    assert tr.lang == "tr" and "arşiv kopyası" in tr.text
    log = read_page(built / "changelog" / "index.html")
    assert "Version 1.0" in log.text and "This is the first published version of the policy." in log.text
    assert "Published June 26, 2026 · Effective July 2, 2026" in log.text
    assert "Unreleased" not in log.text
    tr_log = read_page(built / "tr" / "changelog" / "index.html")
    assert "Bu, politikanın yayımlanan ilk sürümüdür." in tr_log.text


def test_broken_data_stops_the_strict_build_with_one_message_per_problem(site: Path, tmp_path: Path):
    cookies = site / "data" / "cookies.yml"
    text = cookies.read_text(encoding="utf-8")
    text = text.replace("duration: 12 hours", "duraton: 12 hours", 1)
    text = text.replace("category: preferences", "category: preference", 1)
    cookies.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = mkdocs_build(site, out)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert re.search(r"data/cookies\.yml:\d+: error: items\[0\]\.duraton: unknown field \(did you mean "
                     r"`duration`\?\)", result.stderr), result.stderr
    assert re.search(r"data/cookies\.yml:\d+: error: items\[0\]\.duration: required field is missing",
                     result.stderr)
    assert re.search(r"data/cookies\.yml:\d+: error: items\[2\]\.category: unknown category `preference` "
                     r"\(did you mean `preferences`\?\)", result.stderr)
    assert not out.exists() or not any(out.iterdir()), "a failed build must not leave a half-written site"


def test_preview_build_shows_problems_instead_of_failing(site: Path, tmp_path: Path):
    cookies = site / "data" / "cookies.yml"
    cookies.write_text(cookies.read_text(encoding="utf-8").replace("storage: cookie", "storage: cookei", 1),
                       encoding="utf-8")
    out = tmp_path / "out"
    result = mkdocs_build(site, out, strict=False)
    assert result.returncode == 0, result.stderr
    page = read_page(out / "index.html")
    assert "The policy data has problems" in page.text
    assert "`cookei` is not an allowed value (did you mean `cookie`?)" in page.text
