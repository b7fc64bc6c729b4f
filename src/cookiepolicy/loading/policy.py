"""A whole site loaded: the draft, every published release, and every problem found in them."""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cookiepolicy.loading.validate import check_localized, did_you_mean, problem_at
from cookiepolicy.model.inventory import (
    Inventory,
    Policy,
    Release,
    Site,
)
from cookiepolicy.model.problems import WARNING, Problem, Report
from cookiepolicy.safeio.yamlsafe import Document

if TYPE_CHECKING:
    from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.loading.build import Part, build_inventory
from cookiepolicy.loading.documents import read_checked
from cookiepolicy.loading.published import WORDED, check_published, load_release
from cookiepolicy.loading.sitefacts import build_site, check_contact
from cookiepolicy.loading.sums import is_version, read_lock, version_key
from cookiepolicy.text.words import say


def load_policy(files: SiteFiles) -> tuple[Policy | None, Report]:
    """The site's policy and the report of every problem; the policy is None when errors remain."""
    report = Report()
    docs, site_ok = _read_drafts(files, report)
    site = build_site(docs["site"]) if site_ok else None
    # with a broken site.yml, still check translations and places against what it says, if readable
    raw_site = docs["site"].data or {}
    languages = list(site.languages) if site else _strings(raw_site.get("languages"))
    usage_places = site.usage_places if site else raw_site.get("usage_places")
    if not isinstance(usage_places, dict):
        usage_places = None
    if site:
        _check_site(files, docs["site"], site, languages, report)
    raw_not_used = raw_site.get("not_used")  # a broken one was reported by the schema check
    not_used = [p for p in raw_not_used if isinstance(p, str)] if isinstance(raw_not_used, list) else []
    draft = build_inventory(Part(docs["categories"], "categories"), Part(docs["services"], "services"),
                            Part(docs["cookies"], "items"), not_used, languages, usage_places, report,
                            (docs["site"], ()), site)
    releases = _load_releases(files, languages, usage_places, report, site)
    check_published(files, report)
    releases.sort(key=lambda r: version_key(r.version))
    _check_dates(releases, report)
    _check_renames(Part(docs["cookies"], "items"), releases[-1] if releases else None, report)
    if site and draft is not None and report.ok:  # data/tcf.yml, when present, against the draft's categories
        _check_tcf(files, draft, report)
    if not site or not report.ok:
        return None, report
    return Policy(site=site, draft=draft, releases=tuple(releases)), report


def _read_drafts(files: SiteFiles, report: Report) -> tuple[dict[str, Document], bool]:
    """The draft's documents by kind, and whether site.yml is free of problems."""
    docs: dict[str, Document] = {}
    site_ok = False
    for kind, path in files.draft_files().items():
        doc, problems = read_checked(path, files.name(path), kind)
        report.extend(problems)
        site_ok = site_ok or (kind == "site" and not problems)
        # keep a file with schema problems: its valid entries still get the semantic checks
        docs[kind] = doc if isinstance(doc.data, dict) else Document(path, doc.name)
    return docs, site_ok


def _check_site(files: SiteFiles, doc: Document, site: Site, languages: list[str] | None, report: Report) -> None:
    """The site facts against themselves: contact, default language, translations, interface languages."""
    report.extend(check_contact(doc, (), languages))
    if site.default_language not in site.languages:
        report.add(problem_at(doc, ("default_language",),
                              f"`{site.default_language}` is not in languages", "add it to languages"))
    for key, text in site.usage_places.items():
        report.extend(check_localized(doc, ("usage_places", key), text, languages))
    for key, text in site.table_headers.items():
        report.extend(check_localized(doc, ("table_headers", key), text, languages))
    from cookiepolicy.text.localize import Catalog  # late: localization sits above loading

    for lang in site.languages:
        if not Catalog.has(lang):
            report.add(problem_at(doc, ("languages",), f"no translations of the interface for `{lang}`",
                                  Catalog.missing(lang, files.root)))


def _load_releases(files: SiteFiles, languages: list[str] | None, usage_places: dict[str, Any] | None,
                   report: Report, site: Site | None) -> list[Release]:
    """Every published release that can be read, each named after its version and recorded in the lock."""
    releases = []
    release_paths = sorted(files.releases.glob("*.yml")) if files.releases.is_dir() else []
    sums = read_lock(files)
    for path in release_paths:
        if not is_version(path.stem):
            report.add(Problem(file=files.name(path), message="a release file must be named VERSION.yml",
                               hint="e.g. 1.0.yml"))
            continue
        name = files.name(path)
        if name not in sums:
            report.add(Problem(file=name, message=say("data.release_not_recorded", lock=files.name(files.lock)),
                               hint=say("data.release_not_recorded_hint")))
        release = load_release(path, files, languages, usage_places, report, site)
        if release:
            releases.append(_with_wording(files, path, release))
    return releases


def _with_wording(files: SiteFiles, path: Path, release: Release) -> Release:
    """The release with its frozen wording file named, when it has one (see wording.py)."""
    frozen = files.releases / "wording" / path.name
    if not frozen.is_file():
        return release
    # the same object while the release is: its diffs are remembered by identity
    hit = WORDED.get(str(frozen))
    if hit is None or hit[0] is not release:
        hit = WORDED[str(frozen)] = (release, dataclasses.replace(release, wording=str(frozen)))
    return hit[1]


def _check_dates(releases: list[Release], report: Report) -> None:
    """Versions in order of publication (sorted by version)."""
    for before, after in itertools.pairwise(releases):
        if after.published < before.published:
            report.add(Problem(file=after.path, message=f"published {after.published}, before version "
                               f"{before.version} ({before.published})",
                               hint="a later version cannot be published earlier"))
        # a later version may take effect earlier: published before the other took effect, it replaces
        # it (see legalstate), as a correction of a release not yet in force does


def _check_tcf(files: SiteFiles, draft: Inventory, report: Report) -> None:
    """data/tcf.yml, when present, against the draft's categories."""
    from cookiepolicy.loading.tcf import tcf_mapping
    from cookiepolicy.model.problems import PolicyError

    try:
        tcf_mapping(files, draft)
    except PolicyError as exc:
        report.extend(exc.report.problems)


def _check_renames(items: Part, latest: Release | None, report: Report) -> None:
    """``renamed_from`` must name an item of the latest release, or the changelog says "added"."""
    before = {i.key for i in latest.inventory.items} if latest else set()
    for at, d in items.entries():
        old, key = d.get("renamed_from"), (d.get("storage"), str(d.get("name")))
        if not old or key in before or (key[0], old) in before:
            continue  # no rename, or one already published with this item
        names = [name for storage, name in before if storage == key[0]]
        where = f"version {latest.version}" if latest else "any published release"
        report.add(problem_at(items.doc, (*at, "renamed_from"), f"`{old}` is not in {where}, so nothing is renamed",
                              did_you_mean(old, names) or "remove renamed_from: the changelog lists the item as added",
                              WARNING))


def _strings(value: Any) -> list[str] | None:
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return value
    return None


