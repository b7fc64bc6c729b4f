"""Published releases read back, each checked against its checksum and cached on its bytes."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cookiepolicy.loading.files import RECORD_DIRS
from cookiepolicy.loading.validate import check_localized, problem_at
from cookiepolicy.model.inventory import (
    Release,
    Site,
)
from cookiepolicy.model.problems import Problem, Report
from cookiepolicy.safeio import cache
from cookiepolicy.safeio.yamlsafe import Document
from cookiepolicy.text.words import say

if TYPE_CHECKING:
    from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.loading.build import Part, build_inventory
from cookiepolicy.loading.documents import check_file, read_checked
from cookiepolicy.loading.sitefacts import build_site, migrate_format_1, recorded_site_facts
from cookiepolicy.loading.sums import FORMAT, Sum, file_sha256, is_version, lock_digests, parse_sums
from cookiepolicy.safeio.memo import Memo, Stamp, stamp


def _is_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


_RELEASE_CACHE: Memo[Path, tuple[Stamp, str, Release | None, list[Problem]]] = Memo()
WORDED: Memo[str, tuple[Release, Release]] = Memo()  # a loaded release -> the same with its wording file named


def load_release(path: Path, files: SiteFiles, languages: list[str] | None, usage_places: dict[str, Any] | None,
                 report: Report, current: Site | None = None) -> Release | None:
    """One snapshot, checked against the rules it was written under: its own languages and places.

    ``languages``/``usage_places`` are not used for a snapshot that records its site facts; a
    format-1 snapshot (none recorded) is checked for structure only, its texts having been
    checked when it was published.

    A snapshot is checked once per content (on disk, see ``cache``) and, while its file is
    unchanged, is the same object on every load of the process, so what is remembered by its
    identity (the changelog's release-to-release diffs) stays valid.
    """
    signature = stamp(path)
    if signature is None:
        return _load_release(path, files, languages, usage_places, report, current)
    recorded = recorded_site_facts(files, path.stem)
    facts = cache.read_plain(recorded) if recorded.exists() else b""  # a format-1 release's recorded facts
    context = json.dumps(["release", files.name(path), languages, usage_places, current,
                          hashlib.sha256(facts).hexdigest() if facts is not None else "unreadable"],
                         sort_keys=True, default=repr)
    kept = _RELEASE_CACHE.get(path)
    if kept is not None and kept[0] == signature and kept[1] == context:
        report.extend(kept[3])
        return kept[2]

    own = Report()
    release = _load_release(path, files, languages, usage_places, own, current)
    problems = own.problems
    _RELEASE_CACHE[path] = (signature, context, release, problems)
    report.extend(problems)
    return release


def _load_release(path: Path, files: SiteFiles, languages: list[str] | None, usage_places: dict[str, Any] | None,
                  report: Report, current: Site | None) -> Release | None:
    # not read_checked: only the release built from the document is kept, in the process and on disk
    name = files.name(path)
    raw = cache.read_plain(path)
    frozen = raw is not None and lock_digests(files).get(name) == hashlib.sha256(raw).hexdigest()
    # on disk only the checked document, plain data (see ``cache``); the release is built from it here
    doc, problems = cache.cached(path, f"release\0{name}\0{frozen}", lambda: check_file(path, name, "release", frozen))
    doc.path = path
    report.extend(problems)
    if doc.data is None or problems:
        return None
    release = _release(doc, path, files, own := Report(), current)
    report.extend(own.errors)  # warnings were for the author before publishing; a release cannot change
    return release


def _release(doc: Document, path: Path, files: SiteFiles, report: Report, current: Site | None) -> Release | None:
    data = doc.data
    if str(data["version"]) != path.stem:
        report.add(problem_at(doc, ("version",), say("data.version_mismatch", version=data["version"]),
                              say("data.version_mismatch_hint", version=data["version"])))
    fmt = data.get("format", 1)
    rules = _release_rules(doc, path, files, report, current)
    if rules is None:
        return None
    site, languages, usage_places = rules
    inventory = build_inventory(Part(doc, "categories"), Part(doc, "services"), Part(doc, "items"),
                                list(data.get("not_used", [])), languages, usage_places,
                                report, (doc, ()), site, history=True)
    if "summary" in data:
        report.extend(check_localized(doc, ("summary",), data["summary"], languages))
    dates = _release_dates(doc, report)
    if dates is None:
        return None
    published, effective = dates
    return Release(version=str(data["version"]), published=published, effective=effective,
                   summary=dict(data.get("summary", {})), inventory=inventory, path=files.name(path), format=fmt)


_Rules = tuple[Site | None, list[str] | None, dict[str, Any] | None]


def _release_rules(doc: Document, path: Path, files: SiteFiles, report: Report, current: Site | None) -> _Rules | None:
    """The site facts a release was written under, with its languages and places; None if unreadable.

    Format 2 records them in the release; format 1 in a recorded site-facts file, if any (its texts
    were checked when it was published, so it gets no languages or places to check them against)."""
    fmt = doc.data.get("format", 1)
    if fmt > FORMAT:
        report.add(problem_at(doc, ("format",), f"snapshot format {fmt} is newer than this engine reads "
                              f"({FORMAT})", "upgrade the cookiepolicy package"))
        return None
    if fmt < 2:
        return _format_1_rules(path, files, report, current)
    site = build_site(doc, ("site",))
    if site is None:
        report.add(problem_at(doc, ("site",), "the site facts of this release cannot be read"))
        return None
    for key, text in site.usage_places.items():
        report.extend(check_localized(doc, ("site", "usage_places", key), text, list(site.languages)))
    return site, list(site.languages), site.usage_places


def _format_1_rules(path: Path, files: SiteFiles, report: Report, current: Site | None) -> _Rules | None:
    site = migrate_format_1(current)
    recorded = recorded_site_facts(files, path.stem)
    if recorded.exists():
        facts, problems = read_checked(recorded, files.name(recorded), "site_facts")
        report.extend(problems)
        site = build_site(facts, ("site",)) if not problems else None
        if site is None:
            return None
    return site, None, None


def _release_dates(doc: Document, report: Report) -> tuple[dt.date, dt.date] | None:
    """Publication and effect dates, real calendar dates and in that order; None if not dates."""
    data = doc.data
    try:
        published = dt.date.fromisoformat(data["published"])
        effective = dt.date.fromisoformat(data["effective"])
    except ValueError:  # the schema checks the shape; 2026-02-30 has the shape of a date
        for field in ("published", "effective"):
            if not _is_date(data[field]):
                report.add(problem_at(doc, (field,), say("data.impossible_date", value=data[field]),
                                      say("data.impossible_date_hint")))
        return None
    if effective < published:
        report.add(problem_at(doc, ("effective",),
                              say("release.before_published", effective=effective, published=published),
                              say("release.before_published_hint")))
    return published, effective


def check_published(files: SiteFiles, report: Report) -> None:
    """What holds without git history: releases, archive folders and SHA256SUMS agree, files unedited.

    Every release has its archive folder and vice versa; every file in an archive folder and
    every release is listed in SHA256SUMS; every listed file exists and has its checksum.
    """
    sums, problems = parse_sums(files)
    report.extend(problems)
    archive = files.docs / "versions"
    snapshots = {p.stem: p for p in files.releases.glob("*.yml")} if files.releases.is_dir() else {}
    folders = {p.name: p for p in archive.iterdir() if p.is_dir()} if archive.is_dir() else {}
    for version, path in sorted(snapshots.items()):
        if version not in folders and is_version(version):
            report.add(Problem(file=files.name(path), message=f"release {version} has no archived pages in "
                               f"{files.name(archive / version)}/", hint="restore them from git"))
    if _interrupted(files, archive, report):
        return
    listed = {s.name for s in sums}
    _check_archives(files, folders, snapshots, listed, report)
    _check_recorded_facts(files, snapshots, listed, report)
    _check_sums(files, sums, report)


def _interrupted(files: SiteFiles, archive: Path, report: Report) -> bool:
    """Whether an interrupted command left a journal or temporary files (reported; the rest waits for it)."""
    from cookiepolicy.safeio.fsutil import journal_command, journal_path, old_journal_path

    journals = [p for p in (journal_path(files.data), old_journal_path(files.data)) if p.exists()]
    state = journal_path(files.data).parent
    leftovers = [p for folder in (files.data, archive, state) if folder.is_dir() and not folder.is_symlink()
                 for p in folder.rglob(".*.policy-tmp")]
    if not (leftovers or journals):
        return False
    command = journal_command(journals[0] if journals else journal_path(files.data), leftovers)
    report.add(Problem(file=files.name(files.data) + "/", message=f"an interrupted `{command}` left "
                       "files behind", hint=f"run `{command}` again: it completes or undoes it first"))
    return True


def _check_archives(files: SiteFiles, folders: dict[str, Path], snapshots: dict[str, Path], listed: set[str],
                    report: Report) -> None:
    """Every archive folder belongs to a release, and every file in it is recorded in the lock."""
    lock = files.name(files.lock)
    for version, folder in sorted(folders.items()):
        if version not in snapshots:
            report.add(Problem(file=files.name(folder) + "/", message=f"archive folder without a release "
                               f"{files.name(files.releases / (version + '.yml'))}",
                               hint="restore the release from git, or remove a folder made by hand"))
        for path in sorted(folder.rglob("*")):
            if (path.is_file() or path.is_symlink()) and files.name(path) not in listed:
                report.add(Problem(file=files.name(path), message=f"is in an archive folder but not in {lock}",
                                   hint="only `policy release` adds pages to a published version: remove it"))


def _check_recorded_facts(files: SiteFiles, snapshots: dict[str, Path], listed: set[str], report: Report) -> None:
    """Every file recorded beside the releases (site facts, wording, rendered pages) is in the lock and
    belongs to a release: a file added by hand would otherwise change what an archive is read with."""
    lock = files.name(files.lock)
    for folder, command in RECORD_DIRS.items():
        recorded = files.releases / folder
        for path in sorted(recorded.iterdir()) if recorded.is_dir() else []:
            if files.name(path) not in listed:
                report.add(Problem(file=files.name(path), message=say("data.not_recorded", lock=lock),
                                   hint=say("data.not_recorded_hint", command=command, folder=folder)))
            if path.stem not in snapshots:
                report.add(Problem(file=files.name(path), message=f"is kept for a release {path.stem} that does "
                                   "not exist", hint="restore the release from git"))


def _check_sums(files: SiteFiles, sums: list[Sum], report: Report) -> None:
    """Every file the lock records exists and has its checksum."""
    lock = files.name(files.lock)
    for entry in sums:
        path = files.root / entry.name
        if not path.exists():
            report.add(Problem(file=lock, line=entry.line, message=f"published file `{entry.name}` is missing",
                               hint="restore it from git: published releases are never deleted"))
        elif file_sha256(path) != entry.digest:
            report.add(Problem(file=entry.name, line=1,
                               message=say("data.edited_after_release", lock=lock, line=entry.line),
                               hint=say("data.edited_after_release_hint", file=entry.name)))
