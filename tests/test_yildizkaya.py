"""The Yıldız & Kaya test site (tests/sites/yildizkaya): a Turkish law firm's policy, Turkish first.

The root is Turkish and English is under /en/; built strictly, read back fact by fact from the HTML
in both languages; its two releases and a draft change give the changelog and versions pages content.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .support.helpers import ROOT, copy_test_site, policy, read_page, validated_build

YK = ROOT / "tests" / "sites" / "yildizkaya"
COMPANY = "Yıldız & Kaya Hukuk Bürosu"


def copy_yk(folder: Path) -> Path:
    return copy_test_site("yildizkaya", folder)


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("yildizkaya")
    site = copy_yk(folder)
    assert policy(site, "validate").stdout.startswith("sorun yok: 6 öğe, 1 hizmet, 3 kategori, 2 sürüm")
    return validated_build(site, folder / "out", env={"POLICY_TODAY": "2026-11-22"})


# name, provider, Turkish purpose, Turkish duration, English purpose, English duration: from data/cookies.yml
ROWS = [
    ("yk_oturum", COMPANY, "Müvekkil portalında oturumunuzun açık kalmasını sağlar", "Oturum süresince",
     "Keeps you signed in to the client portal", "Session"),
    ("yk_csrf", COMPANY, "İletişim ve randevu formlarını sahte isteklere karşı korur", "2 saat",
     "Protects the contact and appointment forms against forged requests", "2 hours"),
    ("yk_cerez_tercihi", COMPANY, "Çerez tercihlerinizi saklar", "6 ay", "Stores your cookie choices", "6 months"),
    ("yk_dil", COMPANY, "Dil tercihinizi hatırlar", "1 yıl", "Remembers your language", "1 year"),
    ("_ga", "Google Analytics", "Ziyaretçileri birbirinden ayırt eder", "13 ay", "Tells visitors apart", "13 months"),
]


def _rows(page_path: Path) -> dict[str, tuple[str, str, str]]:
    """name -> (provider, purpose without the attributes, duration), from every table of the page."""
    page = read_page(page_path)
    rows = [row for table in page.tables for row in table[1:]]
    return {row[0].split(" (")[0]: (row[1], row[2].split(" (")[0], row[3]) for row in rows}


def test_the_root_is_turkish_and_english_is_under_en(out: Path):
    tr, en = read_page(out / "index.html"), read_page(out / "en" / "index.html")
    assert (tr.lang, en.lang) == ("tr", "en")
    assert not (out / "tr").exists()
    assert tr.text.startswith("Çerez Politikası") and en.text.startswith("Cookie Policy")


def test_the_tables_show_every_cookie_in_both_languages(out: Path):
    tr, en = _rows(out / "index.html"), _rows(out / "en" / "index.html")
    rows = {name: (provider, tr_purpose, tr_duration) for name, provider, tr_purpose, tr_duration, _, _ in ROWS}
    # the sessionStorage key of the draft is in the table of its category too
    rows["yk_randevu"] = (COMPANY, "Randevu formuna girdiğiniz bilgileri, form gönderilene kadar saklar",
                          "Oturum süresince")
    assert tr == rows
    rows = {name: (provider, en_purpose, en_duration) for name, provider, _, _, en_purpose, en_duration in ROWS}
    rows["yk_randevu"] = (COMPANY, "Keeps what you entered in the appointment form until you send it", "Session")
    assert en == rows
    # a table of cookies and a storage key names the storage of each row; one of cookies only does not
    tables = read_page(out / "index.html").tables
    assert tables[0][0] == ["Depolama", "Sağlayıcı", "Amacı", "Saklama süresi"]
    assert [row[0] for row in tables[0][1:]] == ["yk_oturum (çerez)", "yk_csrf (çerez)", "yk_cerez_tercihi (çerez)",
                                                 "yk_randevu (sessionStorage)"]
    assert tables[1][0] == ["Çerez", "Sağlayıcı", "Amacı", "Saklama süresi"]


def test_the_prose_reads_as_written_with_facts_from_data(out: Path):
    tr = read_page(out / "index.html").text
    assert (f"veri sorumlusu sıfatıyla {COMPANY} tarafından, yildizkaya.av.tr internet sitesini ve müvekkil "
            "portalını ziyaret eden ilgili kişileri bilgilendirmek amacıyla hazırlanmıştır.") in tr
    # not_used_statement(voice="we", where="website"): the place from usage_places, in the locative
    assert "İnternet sitesinde reklam çerezleri veya siteler arası izleme çerezleri kullanmamaktayız." in tr
    # a sentence-case name inside the sentence starts in lower case (review L2)
    assert ("İşlevsel çerezler ve analitik çerezler için vermiş olduğunuz açık rızayı dilediğiniz zaman "
            "geri alabilirsiniz") in tr
    assert "Başvurularınızı kvkk@yildizkaya.av.tr adresine iletebilirsiniz." in tr
    en = read_page(out / "en" / "index.html").text
    assert "We do not use advertising cookies or cross-site tracking cookies on the website." in en
    assert "Send your requests to kvkk@yildizkaya.av.tr." in en
    assert "mailto:kvkk@yildizkaya.av.tr" in read_page(out / "index.html").links


def test_the_changelog_and_versions_pages_exist_in_both_languages(out: Path):
    tr = read_page(out / "changelog" / "index.html")
    assert tr.lang == "tr"
    assert "Google Analytics tarafından kullanılan _ga çerezinin saklama süresi 2 yıldan 13 aya kısaltıldı." in tr.text
    assert f"yk_dil çerezi eklendi ({COMPANY}, İşlevsel çerezler, 1 yıl)." in tr.text
    assert "Yayımlanmamış değişiklikler" in tr.text and "yk_randevu oturum depolama anahtarı eklendi" in tr.text
    en = read_page(out / "en" / "changelog" / "index.html")
    assert en.lang == "en"
    assert "Cookie _ga (Google Analytics): duration shortened from 2 years to 13 months." in en.text
    assert f"Added cookie yk_dil ({COMPANY}, Functional cookies, 1 year)." in en.text
    versions_tr = read_page(out / "versions" / "index.html")
    versions_en = read_page(out / "en" / "versions" / "index.html")
    assert "Sürüm 1.1, 15 Ekim 2026 tarihinden bu yana yürürlüktedir." in versions_tr.text
    assert "Version 1.1 has been in force" in versions_en.text
    for version in ("1.0", "1.1"):
        archived_tr = read_page(out / "versions" / version / "index.html")
        archived_en = read_page(out / "en" / "versions" / version / "index.html")
        assert (archived_tr.lang, archived_en.lang) == ("tr", "en")
    # version 1.0 had no functional cookies: its archived page shows it as it was published
    assert "yk_dil" not in _rows(out / "versions" / "1.0" / "index.html")
    assert _rows(out / "versions" / "1.0" / "index.html")["_ga"][2] == "2 yıl"


def test_the_404_page_and_sitemap_put_turkish_first(out: Path):
    html = (out / "404.html").read_text(encoding="utf-8")
    # every language's section is a page of its own (the script puts the missing address's language first)
    assert re.search(r'<section class="policy-not-found" lang="tr" data-policy-root="/cerez-politikasi/">\s*'
                     r'<h1>Sayfa bulunamadı</h1>', html)
    assert re.search(r'<section class="policy-not-found" lang="en" data-policy-root="/cerez-politikasi/en/">\s*'
                     r'<h1>Page not found</h1>', html)
    assert html.index('lang="tr" data-policy-root') < html.index('lang="en" data-policy-root')
    assert 'href="/cerez-politikasi/">Çerez Politikasını okuyun</a>' in html
    assert 'href="/cerez-politikasi/en/">Read the cookie policy</a>' in html
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://yildizkaya.av.tr/cerez-politikasi/</loc>" in sitemap
    assert 'hreflang="en" href="https://yildizkaya.av.tr/cerez-politikasi/en/"' in sitemap
    # x-default: the Turkish page at the root, for every page of either language
    assert sitemap.count('hreflang="x-default" href="https://yildizkaya.av.tr/cerez-politikasi/"') == 2
    assert 'hreflang="x-default" href="https://yildizkaya.av.tr/cerez-politikasi/en/' not in sitemap
    assert "/./" not in sitemap  # the root written as itself, not as `./`


def test_the_language_menu_of_the_turkish_root_links_to_english(out: Path):
    html = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="/cerez-politikasi/en/" hreflang="en"' in html
    english = (out / "en" / "index.html").read_text(encoding="utf-8")
    assert 'href="/cerez-politikasi/" hreflang="tr"' in english


def test_policy_diff_speaks_turkish_unless_asked(tmp_path: Path):
    site = copy_yk(tmp_path)
    result = policy(site, "diff", "1.0", "1.1", "--format", "text")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "Çerez politikası değişiklikleri: 1.0 → 1.1"
    assert "- Google Analytics tarafından kullanılan `_ga` çerezinin saklama süresi 2 yıldan 13 aya kısaltıldı." \
        in result.stdout
    english = policy(site, "diff", "1.0", "1.1", "--format", "text", "--lang", "en")
    assert english.stdout.splitlines()[0] == "Cookie policy changes: 1.0 → 1.1"


def test_the_exports_put_turkish_first(tmp_path: Path):
    site = copy_yk(tmp_path)
    banner = policy(site, "export", "cookieconsent")
    assert banner.returncode == 0, banner.stderr
    assert '"default": "tr",' in banner.stdout
    assert banner.stdout.index('"tr": {') < banner.stdout.index('"en": {')
    pages = policy(site, "export", "markdown", "--output", str(tmp_path / "md"))
    assert pages.returncode == 0, pages.stderr
    assert (tmp_path / "md" / "tr" / "index.md").read_text(encoding="utf-8").startswith("---\ntitle: Çerez Politikası")
    assert (tmp_path / "md" / "en" / "index.md").read_text(encoding="utf-8").startswith("---\ntitle: Cookie Policy")


def test_a_release_of_a_site_with_tr_forms_and_table_headers_is_verified(tmp_path: Path):
    """Case forms (tr_forms) and table headers are wording read from today's site.yml, not facts a release
    records: a site with them, released as `policy release` does it, passes `policy verify`."""
    site = copy_yk(tmp_path)
    with (site / "data" / "site.yml").open("a", encoding="utf-8") as f:
        f.write("table_headers:\n  duration: {tr: Saklama Süresi, en: Expiration}\n")
    for folder in ("data/releases", "docs/versions/1.0", "docs/versions/1.1"):
        shutil.rmtree(site / folder)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q", "-b", "main"], cwd=tmp_path, check=True)
    subprocess.run([*git, "add", "-A"], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "draft"], cwd=tmp_path, check=True)
    released = policy(site, "release", "1.0", "--published", "2026-06-01", "--effective", "2026-06-15")
    assert released.returncode == 0, released.stderr
    subprocess.run([*git, "add", "-A"], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "release 1.0"], cwd=tmp_path, check=True)
    assert "tr_forms:" in (site / "data" / "site.yml").read_text(encoding="utf-8")
    snapshot = (site / "data" / "releases" / "1.0.yml").read_text(encoding="utf-8")
    assert "table_headers" not in snapshot and "tr_forms" not in snapshot
    verified = policy(site, "verify")
    assert verified.returncode == 0, verified.stderr
    assert verified.stdout == "sorun yok: yayımlanan her sürüm yayımlandığı hâliyle duruyor\n"  # Turkish-first
