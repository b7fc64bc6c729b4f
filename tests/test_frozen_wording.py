"""An archived document keeps the words it was published with: site settings and catalog wording.

Facts are frozen in the release snapshot; the wording around them (site.yml's ``table_headers``
and ``tr_forms``, the engine catalog's sentences and headers) is frozen beside it in
``data/releases/wording/VERSION.yml``. Changing any of them changes the draft's pages and never
an archived one.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.loading.policy import load_policy
from cookiepolicy.render.renderer import MissingFact, Renderer, View
from cookiepolicy.render.site import MACROS as ALL_MACROS
from cookiepolicy.text.localize import Catalog

from .support.helpers import ROOT, copy_site, mkdocs_build, policy
from .support.history import edit_yaml, release

TODAY = {"POLICY_TODAY": "2026-09-01"}


def article(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    (found,) = re.findall(r"<article[^>]*>(.*?)</article>", html, re.S)
    return found


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = copy_site(ROOT, tmp_path_factory.mktemp("wording") / "site")
    edit_yaml(site / "data" / "site.yml", lambda d: d.update(
        table_headers={"purpose": {"en": "What it does", "tr": "Ne işe yarar"}},
        tr_forms={"TalkOmni": {"sounds_like": "talkomni"}}))
    edit_yaml(site / "data" / "cookies.yml", lambda d: d["items"][0].update(duration="1 day"))
    release(site, "1.1", "2026-08-01", "2026-08-15", "en=Longer sessions.", "tr=Daha uzun oturumlar.")
    assert (site / "data" / "releases" / "wording" / "1.1.yml").is_file()
    return site


def test_every_site_setting_edited_leaves_the_archived_document_as_published(released: Path, tmp_path: Path):
    before = tmp_path / "before"
    assert mkdocs_build(released, before, env=TODAY).returncode == 0
    pages = ["versions/1.1/index.html", "tr/versions/1.1/index.html"]
    published = {page: article(before / page) for page in pages}
    assert "What it does" in published[pages[0]] and "Ne işe yarar" in published[pages[1]]

    def every_setting(d: dict) -> None:
        d.update(company="TalkOmni Labs", domain="talkomni.example", url="https://talkomni.example",
                 contact_email="privacy@talkomni.example", cite_articles=True, country="TR",
                 table_headers={"purpose": {"en": "Typical Content", "tr": "Tipik İçerik"},
                                "duration": {"en": "Kept for", "tr": "Saklanma"},
                                "name": {"en": "Identifier", "tr": "Tanımlayıcı"}},
                 tr_forms={"TalkOmni Labs": {"sounds_like": "labs"}, "TalkOmni": {"sounds_like": "talkoma"}},
                 not_used=["advertising"])
        d["usage_places"]["dashboard"] = {"en": "the control panel", "tr": "kontrol paneli"}

    edit_yaml(released / "data" / "site.yml", every_setting)
    edit_yaml(released / "data" / "cookies.yml", lambda d: d["items"][0].update(duration="2 days"))
    assert policy(released, "validate").returncode == 0
    after = tmp_path / "after"
    result = mkdocs_build(released, after, env=TODAY)
    assert result.returncode == 0, result.stderr
    # the draft's page follows the new settings, so the edits took effect ...
    assert "Typical Content" in article(after / "index.html")
    # ... and the archived document is the one published, in both languages
    for page in pages:
        assert article(after / page) == published[page], page
    # the archived document's own words are frozen; policy verify and validate still pass on the files
    assert policy(released, "validate").returncode == 0


MACROS = [("release_line", ()), ("cookie_table", ()), ("storage_list", ("localStorage",)), ("services_list", ()),
          ("not_used_statement", ()), ("company", ("gen",))]


def render_archive(site: Path, lang: str) -> dict[str, str]:
    policy_, _ = load_policy(SiteFiles(site))
    archived = policy_.release("1.1")
    renderer = Renderer(policy_, lang, View(archived.inventory, archived, archived=True),
                        archived.effective)
    out = {}
    for name, args in MACROS:
        if name == "company" and lang != "tr":
            continue
        out[name] = getattr(renderer, name)(*args)
    # and every other macro an archived page may call without arguments (the legal-state notice and
    # the record of all versions are today's, not the document's)
    for name in set(ALL_MACROS) - {"notices", "changelog", "versions_table"} - set(out):
        try:
            out[name] = getattr(renderer, name)()
        except (TypeError, ValueError, MissingFact):  # needs arguments, or a fact this site does not state
            continue
    return out


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_catalog_wording_changed_leaves_the_archived_document_as_published(released: Path, lang: str,
                                                                            monkeypatch: pytest.MonkeyPatch):
    published = render_archive(released, lang)
    original = Catalog.get(lang)
    reworded = Catalog(lang, {key: f"REWORDED {value}" for key, value in original.strings.items()})
    monkeypatch.setattr(Catalog, "get", staticmethod(lambda code: reworded if code == lang else original))
    assert render_archive(released, lang) == published
    # the draft's words do change: the catalog change is real
    policy_, _ = load_policy(SiteFiles(released))
    draft = Renderer(policy_, lang, View(policy_.draft, None), policy_.release("1.1").effective)
    assert "REWORDED" in draft.cookie_table()


def test_an_edited_wording_file_fails_validation(released: Path, tmp_path: Path):
    site = copy_site(released, tmp_path / "edited")
    frozen = site / "data" / "releases" / "wording" / "1.1.yml"
    frozen.write_text(frozen.read_text(encoding="utf-8").replace("What it does", "What it did"), encoding="utf-8")
    result = policy(site, "validate")
    assert result.returncode == 1
    assert "data/releases/wording/1.1.yml" in result.stderr and "edited after its release" in result.stderr
