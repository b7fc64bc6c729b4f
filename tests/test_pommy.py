"""The Pommy example: a second site from the same engine, faithful to Pommy's published policy."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from cookiepolicy.loading.schemas import SCHEMAS

from .support.helpers import ROOT, SEEDS, copy_site, read_page
from .test_all_sites import strict_build

SITE = ROOT / "examples" / "pommy"
SEED = SEEDS / "pommy-2026-03-07.txt"
HEADERS = ("CookiePurposeDuration", "StoragePurposeDuration")
_ROW = re.compile(r"^([a-z0-9_.-]+(?: \([A-Za-z]+\))?)(.+?)"
                  r"(Session|Persistent|\d+ (?:second|minute|hour|day|week|month|year)s?)$")


@dataclass
class SeedTable:
    heading: str
    description: str
    header: str
    rows: list[str]


def seed_lines() -> list[str]:
    return [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines()]


def seed_tables() -> list[SeedTable]:
    """Each table of the seed with the category heading and description above it.

    The seed is the page's text: cells run together ("session_tokenUser session authenticationSession"),
    a table is its header line and the non-blank lines after it.
    """
    lines = seed_lines()
    tables = []
    for index, line in enumerate(lines):
        if line not in HEADERS:
            continue
        above = [x for x in lines[:index] if x]
        rows = []
        for row in lines[index + 1:]:
            if not row:
                break
            rows.append(row)
        tables.append(SeedTable(heading=above[-2], description=above[-1], header=line, rows=rows))
    return tables


def split_row(line: str) -> list[str]:
    """A seed row cut into name, purpose and duration (names are lower-case, purposes start upper-case)."""
    match = _ROW.match(line)
    assert match, line
    return list(match.groups())


@pytest.fixture(scope="module")
def pommy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pommy")
    result = strict_build(SITE, out)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return out


def test_seed_parses_as_expected():
    tables = seed_tables()
    assert [t.heading for t in tables] == ["Strictly Necessary Cookies", "Performance Cookies", "Functional Cookies",
                                           "Chat Widget Storage"]
    assert [len(t.rows) for t in tables] == [3, 2, 3, 1]
    assert split_row("pommy-widget-v2 (localStorage)Visitor identity and session statePersistent") == \
        ["pommy-widget-v2 (localStorage)", "Visitor identity and session state", "Persistent"]
    assert split_row("cookie_consentCookie preference storage1 year") == \
        ["cookie_consent", "Cookie preference storage", "1 year"]


def test_every_seed_table_row_is_in_the_english_page_in_order(pommy: Path):
    page = read_page(pommy / "index.html")
    assert page.lang == "en"
    expected = seed_tables()
    assert len(page.tables) == len(expected)
    for table, seed in zip(page.tables, expected, strict=True):
        header, *rows = table
        assert "".join(header) == seed.header
        assert ["".join(row) for row in rows] == seed.rows  # the seed's run-together cells, exactly
        assert rows == [split_row(line) for line in seed.rows]  # and each cell where it belongs
    assert expected[-1].header == "StoragePurposeDuration"
    assert page.tables[-1][1][0] == "pommy-widget-v2 (localStorage)"


def test_categories_are_sections_in_the_seed_order(pommy: Path):
    html = (pommy / "index.html").read_text(encoding="utf-8")
    headings = re.findall(r'<h3 id="[^"]*">([^<]+)', html)
    assert headings == [t.heading for t in seed_tables()]
    text = read_page(pommy / "index.html").text
    positions = [text.index(f"{t.heading} {t.description}") for t in seed_tables()]
    assert positions == sorted(positions)


def test_every_line_of_the_seed_policy_is_on_the_english_page(pommy: Path):
    page = read_page(pommy / "index.html")
    lines = seed_lines()
    start = lines.index("Cookie Policy")
    end = next(i for i, line in enumerate(lines) if line.startswith("For questions about cookie usage"))
    body = lines[start:end + 1]  # the policy, without the site's menu and footer
    table_lines = {row for t in seed_tables() for row in [t.header, *t.rows]}
    checked = 0
    for line in body:
        if not line or line in table_lines:
            continue
        if line.startswith("•"):
            assert line.lstrip("• ") in page.list_items, line
        else:
            assert line in page.text, line
        checked += 1
    assert checked == 24  # headings, paragraphs and list items of sections 1 to 6
    assert "Pommy adopts a privacy-first approach. We do not use third-party tracking cookies such as Google " \
           "Analytics or Facebook Pixel. Analytics data is collected anonymously via Cloudflare Web Analytics " \
           "with no user tracking." in page.text
    assert "mailto:privacy@dev.pommy.ai" in page.links


def test_legal_basis_and_withdrawal_of_consent_are_stated(pommy: Path):
    text = read_page(pommy / "index.html").text
    exempt = "Strictly necessary to provide the service you ask for; no consent is needed."
    consent = "Used only with your explicit consent; you can withdraw it at any time."
    assert f"They cannot be disabled. {exempt}" in text
    assert f"They do not contain personal information. {consent}" in text
    assert f"provide a personalized experience. {consent}" in text
    assert f"Storage used by the Pommy widget on end-user websites. {exempt}" in text
    assert "You can withdraw your consent to Performance Cookies and Functional Cookies at any time" in text


def test_release_line_and_archive(pommy: Path):
    page = read_page(pommy / "index.html")
    assert "Last updated: March 7, 2026 Effective date: March 7, 2026 · Version 1.0" in page.text
    assert "Draft" not in page.text
    archived = read_page(pommy / "versions" / "1.0" / "index.html")
    assert "This is the archived copy of version 1.0, in force since March 7, 2026." in archived.text
    assert archived.tables == page.tables
    versions = read_page(pommy / "tr" / "versions" / "index.html")
    assert "Sürüm 1.0, 7 Mart 2026 tarihinden bu yana yürürlüktedir." in versions.text
    assert "Daha önce yayımlanmış bir sürüm bulunmamaktadır." in versions.text
    assert versions.tables == [], "the version in force is not listed among the previous versions"


TR_TABLES = [
    ("Zorunlu Çerezler", ["Çerez", "Amacı", "Saklama süresi"], [
        ["session_token", "Kullanıcı oturumunun doğrulanması", "Oturum süresince"],
        ["csrf_token", "Siteler arası istek sahteciliği (CSRF) saldırılarına karşı koruma", "Oturum süresince"],
        ["cookie_consent", "Çerez tercihlerinizin saklanması", "1 yıl"]]),
    ("Performans Çerezleri", ["Çerez", "Amacı", "Saklama süresi"], [
        ["_cf_analytics", "Cloudflare Web Analytics (anonim)", "Oturum süresince"],
        ["perf_metrics", "Sayfa yükleme performansının ölçülmesi", "30 gün"]]),
    ("İşlevsel Çerezler", ["Çerez", "Amacı", "Saklama süresi"], [
        ["theme", "Tema tercihi (açık/koyu)", "1 yıl"],
        ["locale", "Dil tercihi", "1 yıl"],
        ["sidebar_state", "Kenar çubuğunun açık/daraltılmış durumu", "30 gün"]]),
    ("Sohbet Aracı Depolama Alanı", ["Depolama", "Amacı", "Saklama süresi"], [
        ["pommy-widget-v2 (localStorage)", "Ziyaretçi tanımlayıcısı ve oturum durumu", "Siz silene kadar"]]),
]


def test_turkish_page_is_a_kvkk_policy_with_localized_tables(pommy: Path):
    html = (pommy / "tr" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<html lang="tr"[ >]', html)
    page = read_page(pommy / "tr" / "index.html")
    assert re.findall(r'<h3 id="[^"]*">([^<]+)', html) == [heading for heading, _, _ in TR_TABLES]
    assert page.tables == [[header, *rows] for _, header, rows in TR_TABLES]
    text = page.text
    assert "Son güncelleme: 7 Mart 2026 Yürürlük tarihi: 7 Mart 2026 · Sürüm 1.0" in text
    assert "6698 sayılı Kişisel Verilerin Korunması Kanunu (“KVKK”)" in text
    assert "Yalnızca açık rızanız alınarak kullanılır; rızanızı dilediğiniz zaman geri alabilirsiniz." in text
    assert "Bu çerezler, talep ettiğiniz hizmetin sunulabilmesi için açık rızanız aranmaksızın kullanılır." in text
    assert "Performans Çerezleri ve İşlevsel Çerezler için vermiş olduğunuz açık rızayı dilediğiniz zaman geri " \
           "alabilirsiniz; rızanın geri alınması ileriye dönük sonuç doğurur" in text
    assert "Google Analytics veya Facebook Pixel gibi üçüncü taraf izleme çerezleri kullanmamaktayız." in text
    assert "Cloudflare Web Analytics aracılığıyla" in text
    assert "Zorunlu çerezlerin devre dışı bırakılması hâlinde" in text
    assert "mailto:privacy@dev.pommy.ai" in page.links
    for english in ("Cookie Policy", "Strictly Necessary", "Purpose", "Duration", "Session", "Persistent",
                    "We do not use"):
        assert english not in text, english


def test_a_tracking_cookie_contradicts_the_third_party_statement_and_stops_the_build(tmp_path: Path):
    site = copy_site(SITE, tmp_path / "examples" / "pommy")
    shutil.copytree(ROOT / "overrides", tmp_path / "overrides")  # the theme it shares, at the same place
    cookies = site / "data" / "cookies.yml"
    text = cookies.read_text(encoding="utf-8")
    text = text.replace("    provider: cloudflare-web-analytics\n",
                        "    provider: cloudflare-web-analytics\n    cross_site: true\n", 1)
    cookies.write_text(text, encoding="utf-8")
    result = strict_build(site, tmp_path / "out")
    assert result.returncode != 0
    assert "says the site does not use third-party-tracking, but cookie `_cf_analytics` is one" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "index.html").exists()


def test_the_engine_has_no_site_specific_branch():
    engine = ROOT / "src" / "cookiepolicy"
    files = [p for p in engine.rglob("*") if p.is_file() and p.suffix in (".py", ".yml", ".md", ".html", ".json")]
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8").lower()
        for name in ("pommy", "talkomni"):
            assert name not in text, f"{path.relative_to(ROOT)} mentions {name}"


def test_every_data_file_names_a_current_schema_for_editors():
    files = sorted((SITE / "data").glob("*.yml")) + sorted((SITE / "data" / "releases").glob("*.yml"))
    assert len(files) == 5
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, path
        target = (path.parent / match.group(1)).resolve()
        assert target.is_file(), f"{path.relative_to(ROOT)} points at a missing {match.group(1)}"
        kind = target.name.removesuffix(".schema.json")
        published = json.loads(target.read_text(encoding="utf-8"))
        assert published == SCHEMAS[kind], "run `policy schema examples/pommy/schemas`"
