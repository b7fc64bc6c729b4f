"""Publishing a release: freeze the draft and the policy pages, record their checksums."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cookiepolicy.history.diff import diff_inventories
from cookiepolicy.history.wording import Wording, frozen_text, parse_wording, rendered_path, wording_path
from cookiepolicy.loading.documents import read_checked
from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.loading.policy import load_policy
from cookiepolicy.loading.schemas import FROZEN_SITE_FIELDS
from cookiepolicy.loading.sums import FORMAT, is_version, read_lock, version_key
from cookiepolicy.model.inventory import Policy, Release, Site
from cookiepolicy.model.problems import PolicyError, Problem, Report
from cookiepolicy.safeio import cache
from cookiepolicy.safeio.fsutil import (
    TMP_SUFFIX,
    Transaction,
    drop_state_folder,
    journal_command,
    journal_path,
    lock,
    old_journal_path,
    recover,
)
from cookiepolicy.safeio.yamlsafe import dump_yaml
from cookiepolicy.text.words import say

SITE_FACTS = FROZEN_SITE_FIELDS  # the site facts a release records (declared in loading.schemas)
_RELATIVE_LINK = re.compile(r"\]\((?!(?:[a-z]+:|#|/))([^)\s]+)\)")
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


def policy_pages(files: SiteFiles) -> list[Path]:
    """The policy page in every language (``index.md``, ``index.tr.md``, ...)."""
    doc, _ = read_checked(files.draft_files()["site"], "site.yml", "site")
    names = (doc.data or {}).get("policy_pages", ["index.md"])
    pages = []
    for name in names if isinstance(names, list) else []:
        pages += _pages_of(files, str(name))
    return pages


def _pages_of(files: SiteFiles, name: str) -> list[Path]:
    """The files of one ``policy_pages`` entry: the name itself and its ``.LL.md`` translations
    (the name is a file name, never a pattern: ``*`` or ``[`` in it match only themselves)."""
    import glob

    stem = name.removesuffix(".md")
    return sorted(p for p in files.docs.glob(f"{glob.escape(stem)}*.md")
                  if p.name == name or re.fullmatch(re.escape(stem) + r"\.[a-z]{2}\.md", p.name))


def policy_page_problems(files: SiteFiles) -> list[Problem]:
    """Every ``policy_pages`` entry must name pages that exist: a release archives them, and a release
    without its archived pages could never be built again."""
    from cookiepolicy.loading.validate import problem_at

    path = files.draft_files()["site"]
    doc, problems = read_checked(path, files.name(path), "site")
    if problems or not isinstance(doc.data, dict) or not isinstance(doc.data.get("policy_pages"), list):
        return []
    found = []
    for number, name in enumerate(doc.data["policy_pages"]):
        if isinstance(name, str) and not _pages_of(files, name):
            found.append(problem_at(doc, ("policy_pages", number),
                                    say("data.no_policy_page", name=name, docs=files.name(files.docs)),
                                    say("data.no_policy_page_hint")))
    return found


def archived_page(text: str, version: str, depth: int) -> str:
    """The page pinned to ``version``, its relative links re-pointed from the archive folder."""
    up = "../" * depth
    text = _RELATIVE_LINK.sub(lambda m: f"]({up}{m.group(1)})", text)
    pin = f'policy_version: "{version}"\n'
    match = _FRONT_MATTER.match(text)
    if match:
        return f"---\n{pin}{match.group(1)}\n---\n" + text[match.end():]
    return f"---\n{pin}---\n\n" + text


def recover_release(files: SiteFiles) -> tuple[str, list[Path]] | None:
    """Complete a command that was killed after it decided to write (release, record-site-facts,
    import), or remove what it staged. Each may replace only the files it rewrites itself."""
    journal = pending_journal(files)
    drafts = files.draft_files()
    staged = list(files.data.glob(f".*{TMP_SUFFIX}"))
    replaceable = {"policy release": {files.lock}, "policy record-site-facts": {files.lock},
                   "policy import": {drafts["cookies"], drafts["services"]}}[journal_command(journal, staged)]
    completed = recover(journal, [files.data, files.docs / "versions"], files.docs / "versions",
                        frozenset(replaceable))
    drop_state_folder(journal_path(files.data).parent)  # what a kill left before its journal was written
    return completed


def pending_journal(files: SiteFiles) -> Path:
    """The journal to complete: in the state folder, or where an older version left it (``data/``)."""
    journal, old = journal_path(files.data), old_journal_path(files.data)
    if old.exists() or old.is_symlink():
        if journal.exists():
            raise PolicyError(f"{files.name(old)} and {files.name(journal)} both record an interrupted command: "
                              f"nothing was changed; remove {files.name(old)} (left by an older version) and run "
                              "the command again")
        return old
    return journal


PageCheck = Callable[[SiteFiles, Site], list[Problem]]
# What the archived pages' macros render to (render/archived.py), given the policy with the new release,
# that release, its wording and its archived pages (docs-relative name -> text): the record's text.
Recorder = Callable[[Policy, Release, Wording, dict[str, str]], str]


def create_release(files: SiteFiles, version: str, effective: dt.date, published: dt.date,
                   summary: dict[str, str] | None = None, page_checks: Sequence[PageCheck] = (),
                   recorder: Recorder | None = None) -> list[Path]:
    """Write the snapshot, the archived pages and their checksums, or nothing at all.

    ``page_checks``: the site generator's rules for page names (from its adapter); pages frozen under
    names the build cannot read would never build again. ``recorder``: what the archived pages
    render to, recorded with them so ``policy verify`` can render them again and compare.

    One release at a time per site (a second waits for the lock); an interrupted one is
    completed or undone first. Asked again for the version it completed, it reports it done.
    """
    with lock(files.data, "`policy release` of this site"), cache.bypass():  # only the files themselves
        completed = recover_release(files)
        if completed and completed[0] == version:
            return completed[1]
        asked = Asked(version, effective, published, summary or {})
        policy = _checked(files, asked, page_checks)
        return publish(files, Transaction(journal=journal_path(files.data), label=version),
                       _contents(files, policy, asked, recorder))


@dataclass(frozen=True)
class Asked:
    """The release asked for."""

    version: str
    effective: dt.date
    published: dt.date
    summary: dict[str, str]


def _checked(files: SiteFiles, asked: Asked, page_checks: Sequence[PageCheck]) -> Policy:
    """The draft to release, or every reason it cannot be released (PolicyError)."""
    report = Report()

    def refuse(message: str, hint: str | None = None) -> None:
        report.add(Problem(file=files.name(files.releases), message=message, hint=hint))

    version = asked.version
    if not is_version(version):
        refuse(f"`{version!r}` is not a version number" if not version.isprintable() else
               say("release.not_version", version=version), say("release.not_version_hint"))
    if asked.effective < asked.published:
        refuse(say("release.before_published", effective=asked.effective, published=asked.published),
               say("release.before_published_hint"))
    policy, loaded = load_policy(files)
    report.extend(loaded.errors)
    if policy is not None:  # pages frozen under names the build cannot read would never build again
        for check in page_checks:
            report.extend(check(files, policy.site))
        report.extend(policy_page_problems(files))
    if policy is not None and is_version(version):
        _check_against_latest(policy, asked, refuse)
        _check_summary(policy, asked.summary, refuse)
    if not report.ok or policy is None:
        raise PolicyError(report)
    return policy


Refuse = Callable[..., None]


def _check_against_latest(policy: Policy, asked: Asked, refuse: Refuse) -> None:
    """A new version number, after the latest release, published no earlier, with a change."""
    version, latest = asked.version, policy.latest
    if policy.release(version):
        refuse(say("release.exists", version=version), say("release.exists_hint"))
    if latest is None:
        return
    if version_key(version) <= version_key(latest.version):
        refuse(say("release.not_after", version=version, latest=latest.version), say("release.not_after_hint"))
    if asked.published < latest.published:
        refuse(f"published {asked.published} is before version {latest.version} ({latest.published})")
    if diff_inventories(latest.inventory, policy.draft).empty and not asked.summary:
        refuse(say("release.same", version=latest.version), say("release.same_hint"))


def _check_summary(policy: Policy, summary: dict[str, str], refuse: Refuse) -> None:
    """A summary is in site languages only, and in every one of them."""
    for lang in summary:
        if lang not in policy.site.languages:
            refuse(f"summary language `{lang}` is not a site language")
    missing = [lang for lang in policy.site.languages if not summary.get(lang)]
    if summary and missing:
        refuse("the summary has no translation for " + ", ".join(missing),
               "give --summary LANG=TEXT for every language")


def _contents(files: SiteFiles, policy: Policy, asked: Asked, recorder: Recorder | None) -> dict[Path, str]:
    """Every file the release publishes: snapshot, wording, archived pages and what they render to."""
    version = asked.version
    raw = {kind: read_checked(path, files.name(path), kind)[0].data for kind, path in files.draft_files().items()}
    snapshot = {"format": FORMAT, "version": version, "published": asked.published.isoformat(),
                "effective": asked.effective.isoformat()}
    if asked.summary:
        snapshot["summary"] = asked.summary
    snapshot["site"] = {key: raw["site"][key] for key in SITE_FACTS if key in raw["site"]}
    if raw["site"].get("not_used"):
        snapshot["not_used"] = raw["site"]["not_used"]
    snapshot["categories"] = raw["categories"]["categories"]
    snapshot["services"] = raw["services"]["services"]
    snapshot["items"] = raw["cookies"]["items"]
    header = ("# yaml-language-server: $schema=../../schemas/release.schema.json\n"
              f"# Published release {version}: frozen by `policy release`. Never edit this file;\n"
              "# its checksum is in SHA256SUMS and the build fails if it changes.\n")
    contents = {files.releases / f"{version}.yml": header + dump_yaml(snapshot)}
    wording = frozen_text(version, raw["site"])
    contents[wording_path(files.releases, version)] = wording
    archive = files.docs / "versions" / version
    pages: dict[str, str] = {}
    for page in policy_pages(files):
        rel = page.relative_to(files.docs)
        depth = len(archive.relative_to(files.docs).parts) + len(rel.parts) - 1
        contents[archive / rel] = archived_page(page.read_text(encoding="utf-8"), version, depth)
        pages[(archive / rel).relative_to(files.docs).as_posix()] = contents[archive / rel]
    if recorder is not None:
        release = Release(version=version, published=asked.published, effective=asked.effective,
                          summary=dict(asked.summary), inventory=policy.draft)
        with_it = dataclasses.replace(policy, releases=(*policy.releases, release))
        contents[rendered_path(files.releases, version)] = recorder(with_it, release, parse_wording(wording), pages)
    return contents


def publish(files: SiteFiles, tx: Transaction, contents: dict[Path, str]) -> list[Path]:
    """Write new published files with their lines added to SHA256SUMS, all or nothing."""
    for path, text in contents.items():
        tx.write(path, text)
    sums = read_lock(files)
    for path, text in contents.items():
        sums[files.name(path)] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    lock_text = "# Checksums of published releases (sha256sum -c SHA256SUMS from the site root).\n" + "".join(
        f"{digest}  {name}\n" for name, digest in sums.items())
    tx.write(files.lock, lock_text, replace=True)
    tx.check(files.root)
    return tx.commit()
