"""``policy verify``: published versions checked against git history, not only against SHA256SUMS.

SHA256SUMS proves that a file matches its line, but whoever edits a file can edit its line too,
and deleting both leaves nothing to compare. The history cannot be rewritten unnoticed in a
reviewed repository, so it is the reference: every published file is byte-identical to the
commit that first added it, none is gone, no line of SHA256SUMS ever disappears or changes,
and each release equals the draft of the commit that added it (``policy release`` writes it
from that draft; a hand-made one does not).
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import subprocess
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from cookiepolicy.history.diff import diff_sites
from cookiepolicy.history.gitdata import git, git_path, is_shallow, policy_at
from cookiepolicy.history.releases import SITE_FACTS, archived_page, publish
from cookiepolicy.history.wording import wording_path
from cookiepolicy.loading.documents import read_checked
from cookiepolicy.loading.files import LOCK_NAME, SiteFiles
from cookiepolicy.loading.policy import load_policy
from cookiepolicy.loading.sitefacts import build_site, recorded_site_facts
from cookiepolicy.loading.sums import is_version, parse_sums_text
from cookiepolicy.model.inventory import Policy, Release, Site
from cookiepolicy.model.problems import PolicyError, Problem, Report
from cookiepolicy.safeio import cache
from cookiepolicy.safeio.fsutil import Transaction, journal_path, lock
from cookiepolicy.safeio.yamlsafe import Document, dump_yaml
from cookiepolicy.text.words import say


def _blob_id(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def _first_difference(old: bytes, new: bytes) -> int:
    """The first line where ``new`` differs from ``old`` (1-based)."""
    for number, (a, b) in enumerate(itertools.zip_longest(old.splitlines(), new.splitlines()), start=1):
        if a != b:
            return number
    return 1


def first_added(top: Path, paths: list[str]) -> dict[str, str]:
    """Each file ever added under ``paths`` (repository paths) and the commit that first added it."""
    log = git(top, "log", "--reverse", "--diff-filter=A", "--no-renames", "--format=commit %H", "--name-only",
              "HEAD", "--", *paths)
    added: dict[str, str] = {}
    commit = ""
    for line in log.splitlines():
        if line.startswith("commit "):
            commit = line.removeprefix("commit ")
        elif line.strip():
            added.setdefault(line, commit)
    return added


def verify(files: SiteFiles) -> Report:
    """Every problem of the site's data plus every break with the published history.

    Read from the files alone: an on-disk cache others may have filled is never consulted."""
    with cache.bypass():
        return _verify(files)


def _verify(files: SiteFiles) -> Report:
    _, report = load_policy(files)
    try:
        top = Path(git(files.root, "rev-parse", "--show-toplevel"))
    except PolicyError:
        report.add(Problem(file=".", message=say("verify.not_git"),
                           hint="run `policy verify` in a clone with its full history"))
        return report
    if is_shallow(top):
        report.add(Problem(file=".", message=say("verify.shallow"),
                           hint="fetch it (`git fetch --unshallow`, or actions/checkout with fetch-depth: 0)"))
        return report
    try:
        git(top, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    except PolicyError:
        return report  # no commit yet: nothing was published
    _check_history(files, top, report)
    return report


def _check_history(files: SiteFiles, top: Path, report: Report) -> None:
    releases, versions = git_path(top, files.releases), git_path(top, files.docs / "versions")
    lock = git_path(top, files.lock)
    site_prefix = git_path(top, files.root)

    def local(repo_path: str) -> str:
        """A repository path as messages name it: relative to the site root."""
        return repo_path if site_prefix == "." else str(PurePosixPath(repo_path).relative_to(site_prefix))

    added = first_added(top, [releases, versions])
    published = {path: commit for path, commit in added.items()
                 if path != lock and (PurePosixPath(path).parent != PurePosixPath(versions))}
    for path, commit in sorted(published.items()):
        current = top / path
        short = commit[:12]
        if not current.is_file():
            report.add(Problem(file=local(path), message=say("verify.gone", commit=short),
                               hint=f"restore it: `git checkout {short} -- {local(path)}`; a published version "
                                    "is never deleted"))
            continue
        now = current.read_bytes()
        if _blob_id(now) != git(top, "rev-parse", f"{commit}:{path}"):
            then = git_bytes(top, f"{commit}:{path}")
            report.add(Problem(file=local(path), line=_first_difference(then, now),
                               message=f"differs from the version published in commit {short}",
                               hint=f"restore it: `git checkout {short} -- {local(path)}`; publish a correction "
                                    "as a new release"))
    _check_sums_grow(files, top, lock, local, report)
    by_commit: dict[str, list[str]] = {}
    for path, commit in published.items():
        by_commit.setdefault(commit, []).append(path)
    for commit, paths in sorted(by_commit.items()):
        _check_made_by_release(files, top, commit, paths, local, report)


def git_bytes(top: Path, spec: str) -> bytes:
    """A blob's exact bytes (``git`` in gitdata decodes and strips text)."""
    result = subprocess.run(["git", "cat-file", "blob", spec], cwd=top, capture_output=True, check=False)
    if result.returncode != 0:
        raise PolicyError(result.stderr.decode("utf-8", "replace").strip())
    return result.stdout


Local = Callable[[str], str]


def _check_sums_grow(files: SiteFiles, top: Path, lock: str, local: Local, report: Report) -> None:
    """No line of SHA256SUMS ever disappears or changes: the file only grows."""
    current = {(s.name, s.digest) for s in parse_sums_text(_read(files.lock), files.name(files.lock))[0]}
    commits = git(top, "log", "--format=%H", "HEAD", "--", lock).split()
    for commit in commits:
        with contextlib.suppress(PolicyError):
            old = git_bytes(top, f"{commit}:{lock}").decode("utf-8", "replace")
            for entry in parse_sums_text(old, files.name(files.lock))[0]:
                if (entry.name, entry.digest) not in current:
                    report.add(Problem(file=local(lock), line=entry.line,
                                       message=f"the line for `{entry.name}` of commit {commit[:12]} was removed "
                                               "or changed",
                                       hint=f"SHA256SUMS only grows: restore it with `git checkout {commit[:12]} "
                                            f"-- {local(lock)}` and release again"))


def _read(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return ""


def _check_made_by_release(files: SiteFiles, top: Path, commit: str, paths: list[str], local: Local,
                           report: Report) -> None:
    """The files a commit published are what ``policy release`` writes from that commit's draft."""
    then, _ = policy_at(files, commit)
    releases_dir = PurePosixPath(git_path(top, files.releases))
    for path in sorted(paths):
        pure = PurePosixPath(path)
        if releases_dir in pure.parents and pure.parent != releases_dir:
            continue  # recorded site facts, wording, what pages rendered to: checked with their release
        if pure.parent == releases_dir and pure.suffix == ".yml" and is_version(pure.stem):
            _check_release(files, commit, path, then, local, report)
        else:
            _check_archived_page(files, top, commit, path, local, report)


def _check_release(files: SiteFiles, commit: str, path: str, then: Policy | None, local: Local,
                   report: Report) -> None:
    """A release is the draft of the commit that added it, with the site facts of that commit."""
    short = commit[:12]
    release = then.release(PurePosixPath(path).stem) if then else None
    if then is None or release is None:
        report.add(Problem(file=local(path), line=1, message=f"cannot be read as a release at commit {short}"))
        return
    if release.inventory != then.draft:
        report.add(Problem(file=local(path), line=1,
                           message=f"is not the draft of commit {short} that added it, so it was not "
                                   "written by `policy release`",
                           hint="remove it and publish with `policy release`"))
    if release.format < 2 and recorded_site_facts(files, release.version).exists():
        _check_recorded_facts(files, short, release, then, report)
        return
    site_doc, _ = read_checked(files.draft_files()["site"], files.name(files.draft_files()["site"]), "site")
    site_now = build_site(site_doc) if isinstance(site_doc.data, dict) else None
    if site_now is None or then.site is None:
        return
    if release.format < 2:
        _check_unrecorded_facts(site_doc, short, release, then.site, site_now, report)
    if not wording_path(files.releases, release.version).is_file():
        _check_unfrozen_wording(site_doc, short, release, then.site, site_now, report)


def _check_recorded_facts(files: SiteFiles, short: str, release: Release, then: Policy, report: Report) -> None:
    recorded = recorded_site_facts(files, release.version)
    facts, _ = read_checked(recorded, files.name(recorded), "site_facts")
    if then.site is not None and build_site(facts, ("site",)) != then.site:
        report.add(Problem(file=files.name(recorded), line=1,
                           message=f"differs from the site facts of commit {short}, which added "
                                   f"release {release.version}",
                           hint="remove it and run `policy record-site-facts`"))


def _check_unrecorded_facts(site_doc: Document, short: str, release: Release, then: Site, now: Site,
                            report: Report) -> None:
    """A snapshot without site facts shows today's: none may have changed since it was released."""
    for change in diff_sites(then, now):
        field, _, place = change.field.partition(":")
        at = ("usage_places", place) if place else (field,)
        report.add(Problem(file=site_doc.name, line=site_doc.line(at) or None, field=change.field,
                           message=f"changed since release {release.version} (commit {short}), "
                                   "whose snapshot does not record the site facts: its archived pages "
                                   "would show the new value",
                           hint="run `policy record-site-facts` to record the facts it was "
                                "published with, then change them"))


def _check_unfrozen_wording(site_doc: Document, short: str, release: Release, then: Site, now: Site,
                            report: Report) -> None:
    """No frozen wording (released before it was kept): today's headers and case forms render inside its
    archived pages, so a change of them rewrites a published document."""
    for name in ("table_headers", "tr_forms"):
        if getattr(then, name) != getattr(now, name):
            report.add(Problem(file=site_doc.name, line=site_doc.line((name,)) or None, field=name,
                               message=f"`{name}` changed since release {release.version} (commit "
                                       f"{short}), which does not freeze its wording: its archived "
                                       "pages would show the new words",
                               hint=f"restore `{name}` as it was in commit {short}; the pages of "
                                    "releases made from now on keep their own"))


def _check_archived_page(files: SiteFiles, top: Path, commit: str, path: str, local: Local,
                         report: Report) -> None:
    """An archived page is its commit's policy page, pinned to its version by ``policy release``."""
    docs_dir = PurePosixPath(git_path(top, files.docs))
    parts = PurePosixPath(path).relative_to(docs_dir / "versions").parts
    version, page = parts[0], PurePosixPath(*parts[1:])
    try:
        source = git_bytes(top, f"{commit}:{docs_dir / page}").decode("utf-8")
    except (PolicyError, UnicodeDecodeError):
        source = None
    expected = archived_page(source, version, 1 + len(page.parts)).encode("utf-8") if source is not None else None
    if expected != git_bytes(top, f"{commit}:{path}"):
        report.add(Problem(file=local(path), line=1,
                           message=f"is not a page `policy release` archived from commit {commit[:12]}",
                           hint="remove it; only `policy release` adds pages to a published version "
                                f"({LOCK_NAME} lists them)"))


def record_site_facts(files: SiteFiles) -> list[Path]:
    """Record, for each release whose snapshot lacks them, the site facts of the commit that added it.

    Written once, listed in SHA256SUMS, never changed: from then on the release is shown with
    them, and site.yml may change.
    """
    from cookiepolicy.history.releases import recover_release

    with lock(files.data, "`policy release` of this site"), cache.bypass():
        recover_release(files)  # an interrupted command is completed or undone first
        policy, report = load_policy(files)
        if policy is None:
            raise PolicyError(report)
        try:
            top = Path(git(files.root, "rev-parse", "--show-toplevel"))
        except PolicyError as exc:
            raise PolicyError("not a git repository: the site facts are read from the commit that added each "
                              "release") from exc
        if is_shallow(top):
            raise PolicyError("this is a shallow clone: fetch the history (`git fetch --unshallow`) first")
        added = first_added(top, [git_path(top, files.releases)])
        contents: dict[Path, str] = {}
        for release in policy.releases:
            target = recorded_site_facts(files, release.version)
            commit = added.get(git_path(top, files.root / release.path))
            if release.format >= 2 or target.exists() or commit is None:
                continue
            then, _ = policy_at(files, commit)
            if then is None:
                raise PolicyError(f"cannot read site.yml at commit {commit[:12]}, which added {release.path}")
            raw = git_bytes(top, f"{commit}:{git_path(top, files.draft_files()['site'])}").decode("utf-8")
            doc = yaml_mapping(raw)
            facts = {key: doc[key] for key in SITE_FACTS if key in doc}
            header = ("# yaml-language-server: $schema=../../../schemas/site_facts.schema.json\n"
                      f"# The site facts release {release.version} was published with (site.yml of commit "
                      f"{commit[:12]}),\n# recorded by `policy record-site-facts`. Never edit this file.\n")
            contents[target] = header + dump_yaml({"version": release.version, "site": facts})
        if not contents:
            return []
        return publish(files, Transaction(journal=journal_path(files.data), label="site-facts",
                                          command="policy record-site-facts"), contents)


def yaml_mapping(text: str) -> dict[str, Any]:
    data = yaml.safe_load(text)
    return data if isinstance(data, dict) else {}
