"""Archived versions render once: kept on disk under a key of everything they depend on.

Each part of the key is changed on its own and must find no old entry: the releases, site.yml,
the files recorded in SHA256SUMS, the engine, its catalogs, and the call (macro, arguments,
language, page, version, date, mode). A real build then shows what the cache holds (an
entry altered on disk shows up on the archived page, never on the current one) until
site.yml changes.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.render import archive_cache
from cookiepolicy.safeio import cache, memo

from .support.helpers import mkdocs_build

CALL = ("category_sections", "()", "[]", "en", "versions/1.0/index.md", "1.0", dt.date(2026, 11, 22), False)


@pytest.fixture
def files(site: Path) -> SiteFiles:
    memo.reset()
    return SiteFiles(root=site)


def _kept(files: SiteFiles, stamp: object = "s1") -> None:
    archive_cache.write(files, stamp, CALL, "<table>kept</table>")
    assert archive_cache.read(files, stamp, CALL) == "<table>kept</table>"


def test_an_entry_is_read_back(files: SiteFiles):
    _kept(files)
    memo.reset()  # another process: the digest from the files' bytes again
    assert archive_cache.read(files, "s1", CALL) == "<table>kept</table>"


@pytest.mark.parametrize("change", ["release", "lock", "new release", "site facts", "site.yml",
                                    "published file"])
def test_a_change_of_the_frozen_data_finds_no_old_entry(files: SiteFiles, change: str):
    _kept(files)
    if change == "release":
        path = files.releases / "1.0.yml"
        path.write_bytes(path.read_bytes() + b"\n# edited\n")
    elif change == "lock":
        path = files.lock
        path.write_bytes(path.read_bytes() + b"\n")
    elif change == "new release":
        (files.releases / "2.0.yml").write_text("version: '2.0'\n", encoding="utf-8")
    elif change == "site facts":
        (files.releases / "site-facts" / "2.0.yml").write_text("company: X\n", encoding="utf-8")
    elif change == "site.yml":
        path = files.draft_files()["site"]
        path.write_bytes(path.read_bytes() + b"\n# edited\n")
    else:
        from cookiepolicy.loading.sums import read_lock

        name = sorted(n for n in read_lock(files) if not n.startswith("data/releases/"))[0]
        path = files.root / name
        path.write_bytes(path.read_bytes() + b"\n")
    assert archive_cache.read(files, "s2", CALL) is None  # the new stamp of the changed files
    memo.reset()
    assert archive_cache.read(files, "s1", CALL) is None  # nor from a fresh process


def test_the_draft_is_not_part_of_the_key(files: SiteFiles):
    _kept(files)
    path = files.draft_files()["cookies"]
    path.write_bytes(path.read_bytes() + b"\n# edited\n")
    assert archive_cache.read(files, "s2", CALL) == "<table>kept</table>"


@pytest.mark.parametrize("index", range(len(CALL)), ids=["macro", "args", "kwargs", "language", "page", "version",
                                                          "date", "production"])
def test_each_part_of_the_call_is_part_of_the_key(files: SiteFiles, index: int):
    _kept(files)
    other = list(CALL)
    other[index] = {3: "tr", 6: dt.date(2026, 11, 23), 7: True}.get(index, f"{CALL[index]}x")
    assert archive_cache.read(files, "s1", tuple(other)) is None


def test_another_engine_finds_no_old_entry(files: SiteFiles, monkeypatch):
    _kept(files)
    monkeypatch.setattr(cache, "engine", lambda: b"another engine")
    assert archive_cache.read(files, "s1", CALL) is None


def test_another_babel_finds_no_old_entry(files: SiteFiles, monkeypatch):
    _kept(files)
    monkeypatch.setattr(archive_cache, "formatting", lambda: "99.0")
    assert archive_cache.read(files, "s1", CALL) is None


def test_the_engine_digest_covers_the_catalogs(monkeypatch):
    cache.engine.cache_clear()
    before = cache.engine()
    read_bytes = Path.read_bytes

    def edited(path: Path) -> bytes:
        raw = read_bytes(path)
        changed = path.parent.name == "catalog" and path.name == "tr.yml"
        return raw + b"\n# one catalog word changed\n" if changed else raw

    monkeypatch.setattr(Path, "read_bytes", edited)
    cache.engine.cache_clear()
    try:
        assert cache.engine() != before
    finally:
        monkeypatch.undo()
        cache.engine.cache_clear()
    assert cache.engine() == before


def test_the_cache_off_keeps_nothing(files: SiteFiles, monkeypatch):
    monkeypatch.setenv("POLICY_CACHE", "off")
    archive_cache.write(files, "s1", CALL, "x")
    assert archive_cache.read(files, "s1", CALL) is None


def _entry(path: Path) -> tuple[dict, object]:
    head, _, body = path.read_bytes().partition(b"\n")
    return json.loads(head), json.loads(body)


def _archived_entries(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*.json") if isinstance(_entry(path)[1], str)]


def _rewrite(path: Path, text: str, signed: bool) -> None:
    """Put ``text`` in the entry; ``signed``: with the user's own key, as the engine would."""
    record, _ = _entry(path)
    body = json.dumps(text, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if signed:
        record["mac"] = cache._mac(cache.key(), record["file"], archive_cache._context(), body)
    path.write_bytes(json.dumps(record).encode() + b"\n" + body)


@pytest.mark.slow
def test_a_build_reads_archived_pages_from_the_cache_until_the_data_changes(site: Path, tmp_path: Path):
    env = {"POLICY_TODAY": "2026-11-22", "POLICY_CACHE_DIR": str(tmp_path / "cache")}
    first = mkdocs_build(site, tmp_path / "out1", env=env)
    assert first.returncode == 0, first.stderr
    entries = _archived_entries(tmp_path / "cache")
    assert entries
    for path in entries:  # an entry changed by someone without the key is not used
        _rewrite(path, "FORGEDINCACHE " + _entry(path)[1], signed=False)
    forged = mkdocs_build(site, tmp_path / "out-forged", env=env)
    assert forged.returncode == 0, forged.stderr
    assert "FORGEDINCACHE" not in (tmp_path / "out-forged" / "versions" / "1.0" / "index.html").read_text("utf-8")
    entries = _archived_entries(tmp_path / "cache")  # the forged ones were written anew
    for path in entries:  # what a later build shows comes from here: mark it, signed with the user's key
        _rewrite(path, "MARKEDINCACHE " + _entry(path)[1], signed=True)
    second = mkdocs_build(site, tmp_path / "out2", env=env)
    assert second.returncode == 0, second.stderr
    archived = (tmp_path / "out2" / "versions" / "1.0" / "index.html").read_text(encoding="utf-8")
    assert "MARKEDINCACHE" in archived
    assert "MARKEDINCACHE" not in (tmp_path / "out2" / "index.html").read_text(encoding="utf-8")
    # the same build from a cache off: the marks came from the cache only
    off = mkdocs_build(site, tmp_path / "out-off", env={**env, "POLICY_CACHE": "off"})
    assert off.returncode == 0, off.stderr
    assert "MARKEDINCACHE" not in (tmp_path / "out-off" / "versions" / "1.0" / "index.html").read_text("utf-8")
    assert (tmp_path / "out-off" / "versions" / "1.0" / "index.html").read_bytes() == \
        (tmp_path / "out1" / "versions" / "1.0" / "index.html").read_bytes()
    # site.yml is part of what an archived page is made from: edited, the page is rendered again
    site_yml = site / "data" / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8") + "\n# reviewed\n", encoding="utf-8")
    third = mkdocs_build(site, tmp_path / "out3", env=env)
    assert third.returncode == 0, third.stderr
    rebuilt = (tmp_path / "out3" / "versions" / "1.0" / "index.html").read_bytes()
    assert b"MARKEDINCACHE" not in rebuilt
    assert rebuilt == (tmp_path / "out1" / "versions" / "1.0" / "index.html").read_bytes()
