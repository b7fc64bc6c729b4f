"""The notice registry (``notices.json``): every archived page per language and version, with its legal
state and the SHA-256 of the HTML file the build wrote; the banner's ``notice.js`` names the version the
policy page shows. The hashes are recomputed here from the built pages, not taken from the program."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from cookiepolicy.loading.schemas import EXPORT_SCHEMAS

from .support.helpers import copy_site, mkdocs_build
from .support.history import edit_yaml, release
from .test_banner import enable_banner

TODAY = "2026-11-22"
SITE_URL = "https://policy.talkomni.example/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """TalkOmni with the banner on and a second release (1.1, in force since 2026-11-01), built for production."""
    folder = tmp_path_factory.mktemp("notices")
    site = copy_site(Path(__file__).resolve().parents[1], folder / "site")
    enable_banner(site)
    edit_yaml(site / "data" / "cookies.yml", lambda d: d["items"][0]["purpose"].update(
        en=d["items"][0]["purpose"]["en"] + " (reworded)"))
    release(site, "1.1", "2026-10-20", "2026-11-01")
    out = folder / "out"
    result = mkdocs_build(site, out, env={"POLICY_TODAY": TODAY, "SITE_URL": SITE_URL, "POLICY_PRODUCTION": "1"})
    assert result.returncode == 0, result.stderr
    return out


def registry(out: Path) -> dict:
    return json.loads((out / "notices.json").read_text(encoding="utf-8"))


def test_the_registry_validates_and_lists_every_version_in_every_language(built: Path):
    data = registry(built)
    assert not list(Draft202012Validator(EXPORT_SCHEMAS["notices"]).iter_errors(data))
    assert {(n["version"], n["language"]) for n in data["notices"]} == {("1.0", "en"), ("1.0", "tr"),
                                                                      ("1.1", "en"), ("1.1", "tr")}
    assert data["date"] == TODAY


def test_each_hash_is_the_sha256_of_the_archived_page_as_written(built: Path):
    for notice in registry(built)["notices"]:
        prefix = "" if notice["language"] == "en" else "tr/"
        page = built / prefix / "versions" / notice["version"] / "index.html"
        assert notice["path"] == f"{prefix}versions/{notice['version']}/index.html"
        assert notice["sha256"] == hashlib.sha256(page.read_bytes()).hexdigest()
        assert notice["url"] == f"{SITE_URL}{prefix}versions/{notice['version']}/"


def test_legal_states_and_dates_are_the_releases(built: Path):
    by = {(n["version"], n["language"]): n for n in registry(built)["notices"]}
    old, new = by[("1.0", "tr")], by[("1.1", "tr")]
    assert (old["state"], old["until"], old["effective"]) == ("superseded", "2026-10-31", "2026-07-02")
    assert (new["state"], new["effective"], new["published"]) == ("in-force", "2026-11-01", "2026-10-20")
    assert "until" not in new


def test_the_banner_names_the_version_the_policy_page_shows(built: Path):
    js = (built / "assets" / "cookieconsent" / "notice.js").read_text(encoding="utf-8")
    shown = json.loads(js[js.index("= ") + 2:js.rindex(";")])
    by = {(n["version"], n["language"]): n for n in registry(built)["notices"]}
    for lang in ("en", "tr"):
        assert shown[lang] == {k: by[("1.1", lang)][k] for k in ("id", "version", "language", "sha256", "url")}
    html = (built / "index.html").read_text(encoding="utf-8")
    assert html.index("config.js") < html.index("notice.js") < html.index("run.js")


def test_a_draft_build_names_no_notice_and_a_site_without_the_banner_writes_no_notice_js(tmp_path: Path):
    site = copy_site(Path(__file__).resolve().parents[1], tmp_path / "site")
    edit_yaml(site / "data" / "cookies.yml", lambda d: d["items"].pop())  # a draft change: the page shows the draft
    out = tmp_path / "out"
    assert mkdocs_build(site, out, env={"POLICY_TODAY": TODAY}).returncode == 0
    assert [n["version"] for n in registry(out)["notices"]] == ["1.0", "1.0"]
    assert not (out / "assets" / "cookieconsent" / "notice.js").exists()
    enable_banner(site)
    assert mkdocs_build(site, out, env={"POLICY_TODAY": TODAY}).returncode == 0
    js = (out / "assets" / "cookieconsent" / "notice.js").read_text(encoding="utf-8")
    assert js.rstrip().endswith("window.cookiePolicyNotice = {};")


def test_a_page_whose_legal_state_changes_is_rebuilt_with_a_new_hash(built: Path, tmp_path: Path):
    """Before 1.1 takes effect, 1.0's archived page says it is in force; after, that it was: a consent
    record keeps the hash of the page it was given on, so each build's registry is kept beside them."""
    site = built.parent / "site"
    earlier = tmp_path / "earlier"
    result = mkdocs_build(site, earlier, env={"POLICY_TODAY": "2026-10-25", "SITE_URL": SITE_URL,
                                              "POLICY_PRODUCTION": "1"})
    assert result.returncode == 0, result.stderr
    before = {n["id"]: n for n in registry(earlier)["notices"]}
    after = {n["id"]: n for n in registry(built)["notices"]}
    assert (before["1.0/en"]["state"], after["1.0/en"]["state"]) == ("in-force", "superseded")
    assert before["1.0/en"]["sha256"] != after["1.0/en"]["sha256"]
    assert before["1.1/en"]["state"] == "upcoming"
