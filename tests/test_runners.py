"""The site generators the engine runs on: MkDocs 1.x and ProperDocs build the same tree (only the
generator meta differs, checked for every site by ``.ci/runners``); MkDocs 2 is refused before a build."""

from __future__ import annotations

import sys
from pathlib import Path

from cookiepolicy.adapters.runners import major, runner_problem, tree_differences

from .support.helpers import BIN, ROOT, run


def fake_install(folder: Path, name: str, version: str) -> Path:
    """A distribution's metadata, found before the real one when ``folder`` leads PYTHONPATH."""
    info = folder / f"{name}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8")
    return folder


def test_mkdocs_2_is_refused_with_what_to_install(tmp_path: Path):
    shadow = fake_install(tmp_path / "shadow", "mkdocs", "2.0.dev6")
    result = run([sys.executable, "-m", "cookiepolicy.adapters.runners"], tmp_path, {"PYTHONPATH": str(shadow)})
    assert result.returncode == 1
    assert "mkdocs 2.0.dev6 is installed; MkDocs 2 runs no plugins" in result.stderr
    assert "pip install 'mkdocs>=1.6,<2'" in result.stderr and "properdocs" in result.stderr
    assert "Traceback" not in result.stderr


def test_make_serve_refuses_mkdocs_2_before_starting_a_server(tmp_path: Path):
    shadow = fake_install(tmp_path / "shadow", "mkdocs", "2.0.dev6")
    result = run([sys.executable, "-m", "cookiepolicy.adapters.mkdocs.serve", "8765"], ROOT / "examples" / "pommy",
                 {"PYTHONPATH": str(shadow)})
    assert result.returncode == 1
    assert result.stderr.startswith("error: mkdocs 2.0.dev6 is installed") and "nothing was built" in result.stderr


def test_the_installed_mkdocs_1_is_accepted(tmp_path: Path):
    result = run([sys.executable, "-m", "cookiepolicy.adapters.runners"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert runner_problem() is None


def test_a_site_bootstrap_refuses_mkdocs_2(tmp_path: Path):
    """The scaffold's scripts/bootstrap, with an environment whose mkdocs is 2: it stops, with the message."""
    from cookiepolicy.adapters.scaffold import init_site

    site = tmp_path / "site"
    init_site(site, "Example Ltd", "example.com", "privacy@example.com")
    shadow = fake_install(tmp_path / "shadow", "mkdocs", "2.0.dev6")
    result = run(["scripts/bootstrap"], site, {"POLICY_VENV": str(BIN.parent), "PYTHONPATH": str(shadow)})
    assert result.returncode == 1
    assert "MkDocs 2 runs no plugins" in result.stderr


def test_major_reads_pre_releases():
    assert major("2.0.dev6") == 2 and major("1.6.1") == 1 and major("x") == 0


GENERATED = '<meta name="generator" content="{}, mkdocs-material">'


def page(folder: Path, name: str, generator: str, body: str = "<p>Cookies</p>") -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<html><head>{GENERATED.format(generator)}</head><body>{body}</body></html>", encoding="utf-8")


def test_trees_differing_only_in_the_generator_meta_are_the_same(tmp_path: Path):
    for folder, generator in ((tmp_path / "a", "mkdocs-1.6.1"), (tmp_path / "b", "mkdocs-ProperDocs 1.6.7")):
        page(folder, "index.html", generator)
        page(folder, "tr/index.html", generator, "<p>Çerezler</p>")
    assert tree_differences(tmp_path / "a", tmp_path / "b") == []


def test_any_other_difference_is_reported(tmp_path: Path):
    page(tmp_path / "a", "index.html", "mkdocs-1.6.1")
    page(tmp_path / "b", "index.html", "mkdocs-ProperDocs 1.6.7", "<p>Cookie</p>")
    page(tmp_path / "a", "tr/index.html", "mkdocs-1.6.1")
    page(tmp_path / "b", "en/index.html", "mkdocs-1.6.1")
    assert tree_differences(tmp_path / "a", tmp_path / "b") == [
        f"only in {tmp_path / 'a'}: tr/index.html", f"only in {tmp_path / 'b'}: en/index.html", "differs: index.html"]


def _registry(folder: Path, extra: dict[str, str] | None = None, digest: str | None = None) -> None:
    import hashlib
    import json

    archived = (folder / "versions/1.0/index.html").read_bytes()
    notice = {"id": "1.0/en", "version": "1.0", "path": "versions/1.0/index.html",
              "sha256": digest or hashlib.sha256(archived).hexdigest(), **(extra or {})}
    (folder / "notices.json").write_text(json.dumps({"notices": [notice]}), encoding="utf-8")


def test_notice_registries_agree_when_each_hashes_its_own_pages(tmp_path: Path):
    for folder, generator in ((tmp_path / "a", "mkdocs-1.6.1"), (tmp_path / "b", "mkdocs-ProperDocs 1.6.7")):
        page(folder, "versions/1.0/index.html", generator)
        _registry(folder)  # the two hashes differ: the pages' generator meta does
    assert tree_differences(tmp_path / "a", tmp_path / "b") == []


def test_a_registry_hash_that_is_not_its_page_or_another_difference_is_reported(tmp_path: Path):
    for folder, generator in ((tmp_path / "a", "mkdocs-1.6.1"), (tmp_path / "b", "mkdocs-ProperDocs 1.6.7")):
        page(folder, "versions/1.0/index.html", generator)
    _registry(tmp_path / "a", digest="0" * 64)
    _registry(tmp_path / "b", {"effective": "2026-07-02"})
    assert tree_differences(tmp_path / "a", tmp_path / "b") == [
        f"notices.json: the hash of versions/1.0/index.html in {tmp_path / 'a'} is not that page's",
        "notices.json: differs beyond the pages' hashes"]
