"""Releases, the computed changelog and the archive, built with the real mkdocs in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support.helpers import ROOT, copy_site, mkdocs_build, policy, read_page
from .support.history import edit_yaml, make_history


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    site = copy_site(ROOT, tmp_path_factory.mktemp("history") / "site")
    make_history(site)
    edit_yaml(site / "data" / "cookies.yml", lambda d: d["items"][0]["purpose"].update(
        en="Keeps you signed in to the TalkOmni dashboard"))
    out = site.parent / "out"
    result = mkdocs_build(site, out, env={"POLICY_TODAY": "2026-11-22"})
    assert result.returncode == 0, result.stderr
    return site, out


def test_changelog_lists_every_change_newest_first(history):
    _, out = history
    page = read_page(out / "changelog" / "index.html")
    text = page.text
    order = [text.index(h) for h in ("Unreleased changes", "Version 1.3", "Version 1.2", "Version 1.1", "Version 1.0")]
    assert order == sorted(order)
    items = page.list_items
    expected = [
        "Added cookie cf_clearance (Cloudflare Turnstile, Strictly necessary, 30 minutes).",
        "Cookie refresh_token (TalkOmni): duration shortened from 30 days to 14 days.",
        "Cookie auth_token (TalkOmni): the English purpose text changed from “Keeps you signed in to the dashboard” "
        "to “Keeps you signed in to your dashboard”.",
        "Renamed cookie TALKOMNI_USER_LOCALE to talkomni_locale.",
        "Removed local storage key theme (TalkOmni, Preference, persistent).",
        "Session storage key conversation_id (TalkOmni): storage type changed from “localStorage” to “sessionStorage” "
        "and duration shortened from persistent to session.",
        "Cookie refresh_token (TalkOmni): category changed from “Strictly necessary” to “Preference”.",
        "Added third-party service Intercom (customer support chat).",
        "Added cookie intercom-session-* (Intercom, Preference, 1 week).",
        "Removed cookie cf_clearance (Cloudflare Turnstile, Strictly necessary, 30 minutes).",
        "Cookie auth_token (TalkOmni): duration extended from 12 hours to 1 day.",
    ]
    for sentence in expected:
        assert sentence in items, (sentence, items)
    assert "Adds bot protection." in text and "Published August 1, 2026 · Effective August 15, 2026" in text
    assert "This is the first published version of the policy." in text


def test_turkish_changelog(history):
    _, out = history
    page = read_page(out / "tr" / "changelog" / "index.html")
    assert page.lang == "tr"
    for sentence in [
        "cf_clearance çerezi eklendi (Cloudflare Turnstile, Zorunlu, 30 dakika).",
        "TalkOmni tarafından kullanılan refresh_token çerezinin saklama süresi 30 günden 14 güne kısaltıldı.",
        "TALKOMNI_USER_LOCALE çerezinin adı talkomni_locale olarak değiştirildi.",
        "theme yerel depolama anahtarı kaldırıldı (TalkOmni, Tercih, siz silene kadar).",
        "Intercom üçüncü taraf hizmeti eklendi (müşteri destek sohbeti).",
    ]:
        assert sentence in page.list_items, (sentence, page.list_items)
    assert "Bot koruması eklendi." in page.text
    assert "Yayım tarihi: 1 Ağustos 2026 · Yürürlük tarihi: 15 Ağustos 2026" in page.text


def test_archive_keeps_each_version_with_its_own_data(history):
    _, out = history
    for version, refresh in [("1.0", "30 days"), ("1.1", "14 days")]:
        page = read_page(out / "versions" / version / "index.html")
        row = next(r for r in page.tables[0] if r[0] == "refresh_token")
        assert row[2] == refresh
        assert f"This is version {version} of the policy" in page.text
        assert "It is not the version in force today." in page.text
    tr = read_page(out / "tr" / "versions" / "1.1" / "index.html")
    assert tr.lang == "tr" and "14 gün" in tr.text


# built on 2026-11-22: 1.0 (effective July 2) and 1.1 (Aug 15) superseded, 1.2 (Oct 15) in force, 1.3 (Dec 15) ahead
TENSES = {
    ("en", "1.0"): "This is version 1.0 of the policy, which was in force from July 2, 2026 to August 14, 2026. "
                   "It is not the version in force today.",
    ("en", "1.1"): "This is version 1.1 of the policy, which was in force from August 15, 2026 to October 14, "
                   "2026. It is not the version in force today.",
    ("en", "1.2"): "This is the archived copy of version 1.2, in force since October 15, 2026.",
    ("en", "1.3"): "This is version 1.3 of the policy. It takes effect on December 15, 2026 and is not in force yet.",
    ("tr", "1.0"): "Bu metin, politikanın 1.0 sürümüdür. Bu sürüm 2 Temmuz 2026 ile 14 Ağustos 2026 tarihleri "
                   "arasında yürürlükte kalmıştır; bugün yürürlükte olan sürüm değildir.",
    ("tr", "1.1"): "Bu metin, politikanın 1.1 sürümüdür. Bu sürüm 15 Ağustos 2026 ile 14 Ekim 2026 tarihleri "
                   "arasında yürürlükte kalmıştır; bugün yürürlükte olan sürüm değildir.",
    ("tr", "1.2"): "Bu metin, 15 Ekim 2026 tarihinden bu yana yürürlükte olan 1.2 sürümünün arşiv kopyasıdır.",
    ("tr", "1.3"): "Bu metin, politikanın 15 Aralık 2026 tarihinde yürürlüğe girecek olan 1.3 sürümüdür. "
                   "Bu sürüm henüz yürürlükte değildir.",
}


@pytest.mark.parametrize(("lang", "version"), sorted(TENSES))
def test_archived_notice_says_the_legal_state_in_its_tense(history, lang: str, version: str):
    _, out = history
    page = read_page(out / ("tr/" if lang == "tr" else "") / "versions" / version / "index.html")
    assert TENSES[lang, version] in page.text.replace("\xa0", " ")


def test_policy_page_shows_version_in_force_and_announces_the_next(history):
    site, out = history
    page = read_page(out / "index.html")
    assert "Version 1.3 takes effect on December 15, 2026." in page.text
    assert any(link.endswith("changelog/#v1-3") for link in page.links)
    tr = read_page(out / "tr" / "index.html")
    assert "Sürüm 1.3, 15 Aralık 2026 tarihinde yürürlüğe girecektir." in tr.text
    # a production build shows the release in force (1.2) and leaves the unreleased draft out
    prod = site.parent / "prod"
    result = mkdocs_build(site, prod, env={"POLICY_TODAY": "2026-11-22", "POLICY_PRODUCTION": "1"})
    assert result.returncode == 0, result.stderr
    assert "unreleased change(s); this production build leaves them out" in result.stderr
    page = read_page(prod / "index.html")
    assert "Effective date: October 15, 2026 · Version 1.2" in page.text
    assert "Keeps you signed in to your dashboard" in page.text  # 1.2 wording, not the draft's
    assert "Unreleased changes" not in read_page(prod / "changelog" / "index.html").text


def test_versions_page_lists_states(history):
    _, out = history
    page = read_page(out / "versions" / "index.html")
    rows = {r[0]: r[3] for r in page.tables[0][1:]}
    assert rows == {"Version 1.3": "Upcoming", "Version 1.1": "Superseded", "Version 1.0": "Superseded"}
    assert "Version 1.2 has been in force since October 15, 2026." in page.text  # on its own line, not in the table


def test_edited_published_snapshot_fails_validation_and_build(history, tmp_path: Path):
    site, _ = history
    copy = copy_site(site, tmp_path / "edited")
    snapshot = copy / "data" / "releases" / "1.1.yml"
    snapshot.write_text(snapshot.read_text(encoding="utf-8").replace("14 days", "7 days"), encoding="utf-8")
    result = policy(copy, "validate")
    assert result.returncode == 1
    assert "data/releases/1.1.yml:1: error: this published file was edited after its release" in result.stderr
    built = mkdocs_build(copy, tmp_path / "out")
    assert built.returncode == 1 and "data/releases/1.1.yml" in built.stderr
    archived = copy / "docs" / "versions" / "1.0" / "index.md"
    archived.write_text(archived.read_text(encoding="utf-8") + "\nextra\n", encoding="utf-8")
    result = policy(copy, "validate")
    assert "docs/versions/1.0/index.md:1: error: this published file was edited" in result.stderr


def test_production_build_before_the_first_effective_date_says_nothing_is_in_force(history):
    site, _ = history
    early = site.parent / "early"
    result = mkdocs_build(site, early, env={"POLICY_TODAY": "2026-06-30", "POLICY_PRODUCTION": "1"})
    assert result.returncode == 0, result.stderr
    page = read_page(early / "index.html")
    text = page.text.replace("\xa0", " ")
    assert "No version of the policy is in force yet. Version 1.0, shown here, takes effect on July 2, 2026." in text
    assert "Effective date: July 2, 2026 · Version 1.0" in text
    assert "Version 1.1 takes effect on August 15, 2026." in text
    assert "Version 1.0 takes effect" not in text and "Version 1.3, " not in text
    tr = read_page(early / "tr" / "index.html").text.replace("\xa0", " ")
    assert "Politikanın henüz yürürlükte olan bir sürümü bulunmamaktadır. Bu sayfada gösterilen 1.0 sürümü " \
           "2 Temmuz 2026 tarihinde yürürlüğe girecektir." in tr
    assert "Sürüm 1.1, 15 Ağustos 2026 tarihinde yürürlüğe girecektir." in tr
    rows = {r[0]: r[3] for r in read_page(early / "versions" / "index.html").tables[0][1:]}
    assert set(rows.values()) == {"Upcoming"}


def test_production_set_in_mkdocs_yml_is_the_same_as_the_environment_variable(history, tmp_path: Path):
    """`extra.policy.production: true` in mkdocs.yml, read through MkDocs' own config object."""
    site, _ = history
    text = (site / "mkdocs.yml").read_text(encoding="utf-8")
    assert "    production: !ENV [POLICY_PRODUCTION, false]\n" in text
    (site / "mkdocs.yml").write_text(text.replace("    production: !ENV [POLICY_PRODUCTION, false]\n",
                                                  "    production: true\n"), encoding="utf-8")
    try:
        out = tmp_path / "prod"
        result = mkdocs_build(site, out, env={"POLICY_TODAY": "2026-11-22"})
    finally:
        (site / "mkdocs.yml").write_text(text, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    assert "this production build leaves them out" in result.stderr
    assert "Effective date: October 15, 2026 · Version 1.2" in read_page(out / "index.html").text
    assert "Unreleased changes" not in read_page(out / "changelog" / "index.html").text
