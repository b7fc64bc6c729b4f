"""`policy verify` renders every archived document again with today's engine, catalogs and site
settings and fails, naming the version, the page, the call and what differs, if one would change."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest
import yaml

from cookiepolicy.adapters.cli.main import main
from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.render.archived import archive_changes
from cookiepolicy.render.renderer import Renderer
from cookiepolicy.text.localize import Catalog

from .support.helpers import ROOT, copy_site, policy
from .support.history import edit_yaml, release


def git(site: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args], cwd=site,
                   check=True, capture_output=True)


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """TalkOmni in git: 1.0 committed with the prose it was archived from, then 1.1 released by `policy release`."""
    site = copy_site(ROOT, tmp_path_factory.mktemp("archive-verify") / "site")
    added = subprocess.run(["git", "log", "--diff-filter=A", "--format=%H", "--", "docs/versions/1.0/index.md"],
                           cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()[-1]
    prose = {name: (site / "docs" / name).read_bytes() for name in ("index.md", "index.tr.md")}
    for name in prose:
        (site / "docs" / name).write_bytes(subprocess.run(["git", "show", f"{added}:docs/{name}"], cwd=ROOT,
                                                          capture_output=True, check=True).stdout)
    git(site, "init", "-q", "-b", "main")
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "1.0")
    for name, content in prose.items():
        (site / "docs" / name).write_bytes(content)
    edit_yaml(site / "data" / "cookies.yml", lambda d: d["items"][0].update(duration="1 day"))
    release(site, "1.1", "2026-08-01", "2026-08-15", "en=Shorter sessions.", "tr=Daha kısa oturumlar.")
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "1.1")
    return site


@pytest.fixture
def site(released: Path, tmp_path: Path) -> Path:
    """A clone of the released site, with its whole history, for one test to change."""
    subprocess.run(["git", "clone", "-q", str(released), str(tmp_path / "site")], check=True, capture_output=True)
    return tmp_path / "site"


def test_a_release_records_what_its_archived_pages_render_to(released: Path):
    record = yaml.safe_load((released / "data" / "releases" / "rendered" / "1.1.yml").read_text(encoding="utf-8"))
    assert sorted(record["pages"]) == ["versions/1.1/index.md", "versions/1.1/index.tr.md"]
    calls = {c["call"]: c["text"] for c in record["pages"]["versions/1.1/index.md"]}
    assert ">1 day<" in calls["{{ cookie_table() }}"]  # the released duration, as the page showed it
    assert not any("notices" in call for call in calls)  # the notice of today's legal state is not the document
    turkish = {c["call"]: c["text"] for c in record["pages"]["versions/1.1/index.tr.md"]}
    assert ">1 gün<" in turkish["{{ cookie_table() }}"]
    sums = (released / "data" / "releases" / "SHA256SUMS").read_text(encoding="utf-8")
    assert "data/releases/rendered/1.1.yml" in sums  # published, and checked, like every frozen file
    result = policy(released, "verify")
    assert result.returncode == 0, result.stderr


def test_every_site_setting_edited_changes_no_archived_document(site: Path):
    def every_setting(d: dict) -> None:
        d.update(company="TalkOmni Labs", domain="talkomni.example", url="https://talkomni.example",
                 contact_email="privacy@talkomni.example", cite_articles=True, country="TR",
                 contact={"legal_name": "TalkOmni Labs A.Ş.", "address": "İstanbul"}, laws=["kvkk", "gdpr"],
                 table_headers={"purpose": {"en": "Typical Content", "tr": "Tipik İçerik"},
                                "duration": {"en": "Kept for", "tr": "Saklanma"},
                                "name": {"en": "Identifier", "tr": "Tanımlayıcı"}},
                 tr_forms={"TalkOmni Labs": {"sounds_like": "labs"}, "TalkOmni": {"sounds_like": "talkoma"}},
                 not_used=["advertising"], policy_pages=["index.md"])
        d["usage_places"]["dashboard"] = {"en": "the control panel", "tr": "kontrol paneli"}

    edit_yaml(site / "data" / "site.yml", every_setting)
    assert policy(site, "validate").returncode == 0
    assert archive_changes(SiteFiles(site)) == []
    result = policy(site, "verify")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_catalog_wording_changed_changes_no_archived_document(site: Path, lang: str,
                                                               monkeypatch: pytest.MonkeyPatch):
    original = Catalog.get(lang)
    reworded = Catalog(lang, {key: f"REWORDED {value}" for key, value in original.strings.items()})
    monkeypatch.setattr(Catalog, "get", staticmethod(lambda code: reworded if code == lang else original))
    assert Catalog.get(lang).t("column.name") != original.t("column.name")
    assert archive_changes(SiteFiles(site)) == []


def _engine_words_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    """An engine that builds another sentence from the same facts and words."""
    before = Renderer.not_used_statement
    monkeypatch.setattr(Renderer, "not_used_statement",
                        lambda self, *a, **k: before(self, *a, **k).replace(" does not use ", " never uses ")
                        .replace(" kullanmamaktadır", " hiçbir zaman kullanmamaktadır"))


def test_an_engine_that_would_change_an_archived_document_fails_verify(site: Path, monkeypatch: pytest.MonkeyPatch,
                                                                       capsys: pytest.CaptureFixture[str]):
    _engine_words_otherwise(monkeypatch)
    problems = archive_changes(SiteFiles(site))
    assert {(p.file, p.field) for p in problems} == {
        ("docs/versions/1.1/index.md", "{{ not_used_statement() }}"),
        ("docs/versions/1.1/index.tr.md", "{{ not_used_statement() }}")}
    assert main(["--root", str(site), "verify"]) == 1
    err = capsys.readouterr().err
    assert ("docs/versions/1.1/index.md:18: error: {{ not_used_statement() }}: the archived document of version "
            "1.1 would change: versions/1.1/index.md, {{ not_used_statement() }} rendered \"TalkOmni does not use "
            "advertising cookies") in err
    assert "now renders \"TalkOmni never uses advertising cookies" in err
    assert "publish the change as a new release" in err
    assert "1.0" not in err.split("would change")[0]  # only the version whose document changes is named


def test_verify_says_it_in_the_sites_language(site: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]):
    _engine_words_otherwise(monkeypatch)
    assert main(["--root", str(site), "verify", "--lang", "tr"]) == 1
    err = capsys.readouterr().err
    assert ("1.1 sürümünün arşivlenmiş metni değişecek: versions/1.1/index.tr.md sayfasındaki "
            "{{ not_used_statement() }} çağrısı yayımlandığında \"TalkOmni, internet sitesinde") in err
    assert "hiçbir zaman kullanmamaktadır" in err
    assert "yeni bir sürümle yayımlayın" in err
    assert "would change" not in err


def test_an_archived_page_whose_calls_moved_fails_verify(site: Path):
    """An archived page is checksummed, but its record is compared call by call: a page edited together
    with its checksum line still differs from what was released."""
    page = site / "docs" / "versions" / "1.1" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("{{ not_used_statement() }}",
                                                             "{{ cookie_table() }}"), encoding="utf-8")
    sums = site / "data" / "releases" / "SHA256SUMS"
    digest = hashlib.sha256(page.read_bytes()).hexdigest()
    sums.write_text("".join(f"{digest}  docs/versions/1.1/index.md\n" if line.endswith(" docs/versions/1.1/index.md\n")
                            else line for line in sums.read_text(encoding="utf-8").splitlines(keepends=True)),
                    encoding="utf-8")
    assert policy(site, "validate").returncode == 0  # the checksum alone no longer tells
    problems = archive_changes(SiteFiles(site))
    assert [(p.file, p.line, p.field) for p in problems] == [
        ("docs/versions/1.1/index.md", 18, "{{ not_used_statement() }}")]


def test_a_later_release_changes_no_earlier_archived_document(site: Path):
    """What an archived page renders to does not depend on the releases after it."""
    edit_yaml(site / "data" / "cookies.yml", lambda d: d["items"][0].update(duration="3 days"))
    release(site, "1.2", "2026-09-01", "2026-09-01", "en=Longer sessions.", "tr=Daha uzun oturumlar.")
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "1.2")
    assert archive_changes(SiteFiles(site)) == []
    result = policy(site, "verify")
    assert result.returncode == 0, result.stderr


def test_a_broken_record_is_reported_by_its_checksum_never_a_traceback(site: Path):
    record = site / "data" / "releases" / "rendered" / "1.1.yml"
    record.write_text("version: '1.1'\npages:\n  versions/1.1/index.md:\n  - {line: x}\n", encoding="utf-8")
    result = policy(site, "verify")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "data/releases/rendered/1.1.yml:1: error: this published file was edited after its release" in result.stderr
