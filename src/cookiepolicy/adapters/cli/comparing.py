"""The commands that compare and convert: diff, export, import, scan, audit."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.loading.sums import is_version
from cookiepolicy.model.problems import PolicyError
from cookiepolicy.text.words import tell

if TYPE_CHECKING:
    from cookiepolicy.history.diff import Side
    from cookiepolicy.review.comment import Comparison
from cookiepolicy.adapters.cli.common import language_of, policy_of, site_files_of
from cookiepolicy.adapters.cli.publishing import review_lint


def _revision_label(files: SiteFiles, rev: str, named: bool) -> str:
    """How the first line names a revision: "main (1a2b3c4)", "1.0", or a short commit."""
    from cookiepolicy.history.gitdata import git

    try:
        short = git(files.root, "rev-parse", "--short", "--end-of-options", rev + "^{commit}")
    except PolicyError:
        return rev
    if not named or rev == "HEAD" or re.fullmatch(r"[0-9a-f]{7,40}", rev):
        return short
    return f"{rev} ({short})"


def cmd_diff(args: argparse.Namespace) -> int:
    from cookiepolicy.history.gitdata import default_base, readable_side, side_at
    from cookiepolicy.review.comment import Comparison

    files = site_files_of(args)
    revs = args.revisions
    if len(revs) > 2:
        raise PolicyError("give at most two revisions or versions: policy diff [OLD [NEW]]")
    current = readable_side(files)
    if revs:
        base, base_label = _side(files, current, revs[0])
    else:
        base_rev = default_base(files.root)
        base, base_label = side_at(files, base_rev), _revision_label(files, base_rev, named=False)
    head, head_label = _side(files, current, revs[1]) if len(revs) == 2 else (current, "")
    if base.report.errors and not all("is missing" in p.message for p in base.report.errors):
        print(tell("diff.base_invalid", base=base_label), file=sys.stderr)
    from cookiepolicy.render.site import today
    from cookiepolicy.review.pagediff import page_changes, side_pages
    from cookiepolicy.review.pagepreview import page_says

    head_ref = revs[1] if len(revs) == 2 else None
    base_ref = revs[0] if revs else base_rev
    old_pages, new_pages = side_pages(files, base, base_ref, head, head_ref)
    cmp = Comparison(base, head, base_label, head_label, draft=not head.is_release,
                     pages=page_changes(files, base, base_ref, head, head_ref),
                     lint=review_lint(files, head, head_ref), preview_url=args.preview_url or "")
    if cmp.complete and not cmp.diff().skipped:  # what a side could not read would show as gone
        cmp.says = tuple(page_says(base.policy, head.policy, old_pages, new_pages, today()))
    args.lang = language_of(args, files, head.policy or base.policy)
    _print_review(args, cmp)
    return _change_level(cmp) if args.exit_code else 0


def _side(files: SiteFiles, current: Side, rev: str) -> tuple[Side, str]:
    """The data at a release version or a git revision, and how to name it."""
    from cookiepolicy.history.diff import Side
    from cookiepolicy.history.gitdata import side_at

    release = current.policy.release(rev) if current.policy else None
    if release and current.policy:
        return Side(replace(current.policy, draft=release.inventory), is_release=True), rev
    try:
        found = side_at(files, rev)
    except PolicyError as exc:
        if not is_version(rev):
            raise
        if current.policy is None:
            site_yml = files.name(files.draft_files()["site"])
            raise PolicyError(f"`{rev}` is not a git revision, and the releases cannot be read while "
                              f"{site_yml} has errors: run `policy validate`") from exc
        known = ", ".join(r.version for r in current.policy.releases) or "none yet"
        raise PolicyError(f"`{rev}` is neither a published release (releases: {known}) "
                          "nor a git revision") from exc
    return found, _revision_label(files, rev, named=True)


def _print_review(args: argparse.Namespace, cmp: Comparison) -> None:
    """The review as JSON, or as text or Markdown (cut to ``--max-chars``, the whole in ``--full-output``)."""
    from cookiepolicy.review.comment import as_json, review

    fmt = args.format or ("text" if sys.stdout.isatty() else "markdown")
    if fmt == "json":
        print(json.dumps(as_json(cmp), ensure_ascii=False, indent=2))
        return
    color = fmt == "text" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    full = review(cmp, args.lang, fmt, color=color)
    if args.full_output:
        Path(args.full_output).write_text(full, encoding="utf-8")
    out = full if not args.max_chars or len(full) <= args.max_chars else \
        review(cmp, args.lang, fmt, color=color, limit=args.max_chars, full_url=args.full_review_url)
    from cookiepolicy.safeio.terminal import shown

    print(shown(out, colour=color), end="")


def _change_level(cmp: Comparison) -> int:
    """The class of the change (classify.Level): 0 none, 1, 2 a new notice, 3 fresh consent."""
    from cookiepolicy.review.comment import level

    found = int(level(cmp))
    if not cmp.complete or cmp.diff().skipped:
        return max(found, 1)  # a side that could not be read: nobody can say the policy is unchanged
    return found


def cmd_export(args: argparse.Namespace) -> int:
    from cookiepolicy.adapters.zensical import zensical_project
    from cookiepolicy.exchange.cookieconsent import cookieconsent_js, to_cookieconsent
    from cookiepolicy.exchange.export import choose, to_json, write_tree
    from cookiepolicy.exchange.pages import markdown_pages
    from cookiepolicy.exchange.tcf import to_tcf
    from cookiepolicy.render.site import today
    from cookiepolicy.safeio.fsutil import Transaction

    files = site_files_of(args)
    date = args.date or today()
    if args.format in ("markdown", "zensical"):
        if args.version or not args.output:
            raise PolicyError(f"{args.format} exports every page as a build shows it: give --output FOLDER, "
                              "and --in-force for the pages of the release in force instead of the draft")
        make = markdown_pages if args.format == "markdown" else zensical_project
        written = write_tree(Path(args.output), make(files, date, args.in_force))
        print(tell("export.wrote_tree", count=len(written), folder=args.output))
        return 0
    chosen = choose(files, args.version, args.in_force, date)
    if args.format == "json":
        output = json.dumps(to_json(chosen), ensure_ascii=False, indent=2) + "\n"
    elif args.format == "tcf-disclosure":
        output = json.dumps(to_tcf(chosen, files), ensure_ascii=False, indent=2) + "\n"
    else:
        output = cookieconsent_js(to_cookieconsent(chosen, files))
    for warning in chosen.warnings:
        print(f"{tell('severity.warning')}: {warning}", file=sys.stderr)
    if args.output:
        tx = Transaction()
        tx.write(Path(args.output), output, replace=True)
        tx.commit()
        print(tell("wrote", path=args.output), file=sys.stderr)
    else:
        sys.stdout.write(output)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from cookiepolicy.exchange.importers import import_open_cookie_database

    files = site_files_of(args)
    added, flagged = import_open_cookie_database(files, Path(args.file), args.platform, args.category)
    print(tell("import.done", added=added, flagged=flagged))
    return 0


def cmd_scan(args: argparse.Namespace) -> int:
    from cookiepolicy.evidence.scan import ScanOptions, scan, write_evidence

    if args.pages < 1 or args.timeout <= 0 or args.deadline <= 0:
        raise PolicyError("--pages must be at least 1, --timeout and --deadline more than 0 seconds")
    options = ScanOptions(urls=args.urls, max_pages=args.pages, timeout=args.timeout, accept=args.accept,
                          consent_script=args.consent_script, banner=args.banner, chromium=args.chromium,
                          deadline=args.deadline, reject=args.reject, gpc=args.gpc)
    evidence = scan(options, progress=lambda line: print(line, file=sys.stderr, flush=True))
    write_evidence(evidence, Path(args.output))
    phases = {("before",): "before consent", ("before", "after"): "before and after consent"}.get(
        tuple(evidence.states), "in the states " + ", ".join(evidence.states))
    print(f"wrote {args.output}: {len(evidence.pages)} page(s) {phases}, {len(evidence.cookies)} cookie(s), "
          f"{len(evidence.storage)} storage key(s), {len({r['host'] for r in evidence.requests})} host(s)")
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from cookiepolicy.evidence.audit import compare, read_evidence
    from cookiepolicy.evidence.audit_report import as_json, report
    from cookiepolicy.evidence.readers import PHASES
    from cookiepolicy.loading.cookiedb import database_path
    from cookiepolicy.text.localize import Catalog

    files, policy = policy_of(args)
    args.lang = language_of(args, files, policy)
    inventory, label = policy.draft, Catalog.get(args.lang).t("audit.draft")
    if args.release:
        release = policy.release(args.release)
        if release is None:
            known = ", ".join(r.version for r in policy.releases) or "none yet"
            raise PolicyError(f"--release {args.release}: no such release (releases: {known})")
        inventory, label = release.inventory, Catalog.get(args.lang).t("audit.release", version=args.release)
    database = Path(args.cookie_database) if args.cookie_database else database_path(files.root)
    evidence = read_evidence([Path(p) for p in args.evidence], [Path(p) for p in args.after_consent or []])
    gpc = (inventory.site or policy.site).global_privacy_control
    findings = compare(evidence, inventory, policy.site.domain, policy.site.languages, database, args.lang, gpc)
    if args.format == "json":
        states = [p for p in PHASES if p in evidence.phases]
        print(json.dumps(as_json(findings, args.release or "draft", evidence.sources, states), ensure_ascii=False,
                         indent=2))
    else:
        from cookiepolicy.safeio.terminal import shown

        print(shown(report(findings, args.lang, args.format, label, evidence.sources)), end="")
    return 1 if args.exit_code and any(not f.informational for f in findings) else 0
