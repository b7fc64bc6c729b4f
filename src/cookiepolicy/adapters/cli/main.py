"""The ``policy`` command: validate, release, diff, export, init, schema, import, scan, audit.

A user mistake prints a report and exits 1; no traceback. Usage errors exit 2 (argparse).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import json
import os
import re
import signal
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, cast

from cookiepolicy import __version__
from cookiepolicy.loading.load import SiteFiles, is_version, load_policy, site_files
from cookiepolicy.model.inventory import Policy
from cookiepolicy.model.problems import PolicyError, visible
from cookiepolicy.text.words import in_language, say, tell, use

if TYPE_CHECKING:
    import io

    from cookiepolicy.history.diff import Side


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date: use YYYY-MM-DD") from exc


def _files(args: argparse.Namespace) -> SiteFiles:
    """The site as the build sees it: mkdocs.yml (or --config) says where the data is."""
    root = Path(args.root).resolve()
    if not root.is_dir():
        raise PolicyError(f"{args.root} is not a folder")
    config = Path(args.config) if args.config else None
    if config is not None and not config.is_file():
        raise PolicyError(f"--config {args.config}: no such file")
    return site_files(root, config.resolve() if config else None, args.data_dir)


def _policy(args: argparse.Namespace) -> tuple[SiteFiles, Policy]:
    """The site's files and its valid policy; invalid data stops the command with its report."""
    files = _files(args)
    policy, report = load_policy(files)
    if policy is None:
        raise PolicyError(report)
    return files, policy


def _language(args: argparse.Namespace, files: SiteFiles, policy: Policy | None) -> str:
    """``--lang``, or the site's default language (the one at its root), also when its data does not
    validate, as long as site.yml names one."""
    from cookiepolicy.loading.load import read_checked
    from cookiepolicy.text.localize import Catalog

    lang: str | None = args.lang
    if lang is None and policy is not None:
        lang = policy.site.default_language
    if lang is None:
        doc, _ = read_checked(files.draft_files()["site"], "site.yml", "site")
        named = (doc.data or {}).get("default_language") if isinstance(doc.data, dict) else None
        lang = named if isinstance(named, str) and Catalog.has(named) else "en"
    if not Catalog.has(lang):
        raise PolicyError(f"--lang {lang}: there are interface strings for " + ", ".join(Catalog.available()))
    return lang


def _speaks(args: argparse.Namespace) -> str:
    """The language of the command's messages: ``--lang``, else the site's default language (read
    from site.yml even when the rest of the data has errors), else English. Never stops the command:
    what cannot be read here is reported by the command itself."""
    from cookiepolicy.loading.load import read_checked
    from cookiepolicy.text.localize import Catalog
    from cookiepolicy.text.words import site_language

    lang = getattr(args, "lang", None)
    if isinstance(lang, str):  # asked for: that language, or English for one without interface strings
        return lang if Catalog.has(lang) else "en"
    if not hasattr(args, "root") or getattr(args, "command", None) in ("init", "schema", "doctor", "scan"):
        return "en"
    try:
        files = site_files(Path(args.root).resolve(), Path(args.config).resolve() if args.config else None,
                           args.data_dir)
        path = files.draft_files()["site"]
        doc, _ = read_checked(path, files.name(path), "site")  # the entry the command reads again
        lang = site_language(doc.data) or "en"
        from cookiepolicy.checks.languages import read_i18n

        config = files.config or files.root / "mkdocs.yml"
        i18n = read_i18n(config, files.name(config)) if config.is_file() else None
    except (PolicyError, OSError, ValueError):
        return "en"
    if i18n is not None and (i18n.default is None or i18n.default.locale != lang):
        return "en"  # site.yml and mkdocs.yml disagree on the root's language (validate says so): no default yet
    return lang


def cmd_validate(args: argparse.Namespace) -> int:
    files = _files(args)
    policy, report = load_policy(files)
    from cookiepolicy.render.pageguard import check_pages

    report.extend(check_pages(files.docs, files.name))  # what a page may run: the engine's macros only
    if policy is not None:
        from cookiepolicy.checks.languages import check_languages

        report.extend(check_languages(files, policy.site))
        from cookiepolicy.exchange.banner import site_problems

        report.extend(site_problems(files, policy.draft, policy.site))
        policy = policy if report.ok else None
    if policy is not None:
        from cookiepolicy.checks.coverage import has_pages, header_problems, unshown_items
        from cookiepolicy.checks.lint import lint, site_laws

        if has_pages(files, policy):  # what the pages show: read from their macro calls
            report.extend(unshown_items(files, policy))
            report.extend(header_problems(files, policy))
            from cookiepolicy.checks.case_check import case_problems
            from cookiepolicy.checks.pagefacts import (
                missing_fact_problems,  # a page's macro whose fact is missing: as the build
            )

            report.extend(missing_fact_problems(files, policy))
            from cookiepolicy.checks.pageargs import (
                argument_problems,  # a literal argument naming nothing: as the build
            )

            report.extend(argument_problems(files, policy))
            report.extend(case_problems(files, policy))
            report.extend(f.problem() for f in lint(files, policy, site_laws(files)) if f.status == "missing")
    for problem in report:
        print(problem.format(), file=sys.stderr)
    if policy is None or report.errors:
        print(tell("validate.failed", errors=len(report.errors), warnings=len(report.warnings)), file=sys.stderr)
        return 1
    if args.strict and report.warnings:
        print(tell("validate.strict", warnings=len(report.warnings)), file=sys.stderr)
        return 1
    inv = policy.draft
    counts = dict(items=len(inv.items), services=len(inv.services), categories=len(inv.categories),
                  releases=len(policy.releases))
    print(tell("validate.ok_warnings", warnings=len(report.warnings), **counts) if report.warnings
          else tell("validate.ok", **counts))
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from cookiepolicy.history.verify import verify

    report = verify(_files(args))
    for problem in report:
        print(problem.format(), file=sys.stderr)
    if not report.ok:
        print(tell("verify.failed", errors=len(report.errors)), file=sys.stderr)
        return 1
    print(tell("verify.ok"))
    return 0


def cmd_record_site_facts(args: argparse.Namespace) -> int:
    from cookiepolicy.history.verify import record_site_facts

    files = _files(args)
    written = record_site_facts(files)
    for path in written:
        print(tell("wrote", path=files.name(path)))
    print(tell("record.done", count=len([p for p in written if p != files.lock])))
    return 0


def cmd_release(args: argparse.Namespace) -> int:
    from cookiepolicy.history.releases import create_release

    summary = {}
    for entry in args.summary or []:
        lang, sep, text = entry.partition("=")
        if not sep or not text.strip():
            raise PolicyError(say("release.summary", entry=repr(entry)))
        summary[lang.strip()] = text.strip()
    files = _files(args)
    written = create_release(files, args.version, args.effective, args.published or dt.date.today(), summary)
    for path in written:
        print(tell("wrote", path=files.name(path)))
    print(tell("release.done", version=args.version))
    return 0


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
    from cookiepolicy.history.diff import Side
    from cookiepolicy.history.gitdata import default_base, readable_side, side_at
    from cookiepolicy.review.comment import Comparison, as_json, review

    files = _files(args)
    revs = args.revisions
    if len(revs) > 2:
        raise PolicyError("give at most two revisions or versions: policy diff [OLD [NEW]]")
    current = readable_side(files)

    def side(rev: str) -> tuple[Side, str]:
        """The data at a release version or a git revision, and how to name it."""
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

    if revs:
        base, base_label = side(revs[0])
    else:
        base_rev = default_base(files.root)
        base, base_label = side_at(files, base_rev), _revision_label(files, base_rev, named=False)
    head, head_label = side(revs[1]) if len(revs) == 2 else (current, "")
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
                     lint=_review_lint(files, head, head_ref), preview_url=args.preview_url or "")
    if cmp.complete and not cmp.diff().skipped:  # what a side could not read would show as gone
        cmp.says = tuple(page_says(base.policy, head.policy, old_pages, new_pages, today()))
    args.lang = _language(args, files, head.policy or base.policy)
    fmt = args.format or ("text" if sys.stdout.isatty() else "markdown")
    if fmt == "json":
        print(json.dumps(as_json(cmp), ensure_ascii=False, indent=2))
    else:
        color = fmt == "text" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        full = review(cmp, args.lang, fmt, color=color)
        if args.full_output:
            Path(args.full_output).write_text(full, encoding="utf-8")
        out = full if not args.max_chars or len(full) <= args.max_chars else \
            review(cmp, args.lang, fmt, color=color, limit=args.max_chars, full_url=args.full_review_url)
        from cookiepolicy.safeio.terminal import shown

        print(shown(out, colour=color), end="")
    if args.exit_code:  # the class of the change (classify.Level): 0 none, 1, 2 a new notice, 3 fresh consent
        from cookiepolicy.review.comment import level

        found = int(level(cmp))
        if not cmp.complete or cmp.diff().skipped:
            return max(found, 1)  # a side that could not be read: nobody can say the policy is unchanged
        return found
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from cookiepolicy.exchange import export
    from cookiepolicy.render.site import today
    from cookiepolicy.safeio.fsutil import Transaction

    files = _files(args)
    date = args.date or today()
    if args.format in ("markdown", "zensical"):
        if args.version or not args.output:
            raise PolicyError(f"{args.format} exports every page as a build shows it: give --output FOLDER, "
                              "and --in-force for the pages of the release in force instead of the draft")
        make = export.markdown_pages if args.format == "markdown" else export.zensical_project
        written = export.write_tree(Path(args.output), make(files, date, args.in_force))
        print(tell("export.wrote_tree", count=len(written), folder=args.output))
        return 0
    chosen = export.choose(files, args.version, args.in_force, date)
    if args.format == "json":
        output = json.dumps(export.to_json(chosen), ensure_ascii=False, indent=2) + "\n"
    elif args.format == "tcf-disclosure":
        output = json.dumps(export.to_tcf(chosen, files), ensure_ascii=False, indent=2) + "\n"
    else:
        output = export.cookieconsent_js(export.to_cookieconsent(chosen, files))
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


def _review_lint(files: SiteFiles, head: Side, head_ref: str | None) -> tuple[str, ...]:
    """The lint's findings for the reviewed side, when it is the working tree (or HEAD, checked out)."""
    from cookiepolicy.checks.lint import lint, site_laws

    if head.policy is None or head.is_release or head_ref not in (None, "HEAD") or not site_laws(files):
        return ()
    try:
        return tuple(finding.format() for finding in lint(files, head.policy, site_laws(files)))
    except PolicyError:
        return ()


def cmd_lint(args: argparse.Namespace) -> int:
    from cookiepolicy.checks.lint import lint, site_laws

    files, policy = _policy(args)
    laws = args.law or site_laws(files) or ["kvkk", "gdpr"]
    findings = lint(files, policy, laws)
    for finding in findings:
        print(finding.format())
    missing = [f for f in findings if f.status == "missing"]
    print(tell("lint.summary", laws=", ".join(laws), missing=len(missing), check=len(findings) - len(missing)),
          file=sys.stderr)
    return 1 if missing else 0


def cmd_schema(args: argparse.Namespace) -> int:
    from cookiepolicy.loading.schemas import write_schemas

    for path in write_schemas(Path(args.folder)):
        print(f"wrote {path}")
    return 0


_INIT_FACTS = (("company", "the company that publishes the policy", "Acme Ltd"),
               ("domain", "the website's domain", "acme.example"),
               ("email", "where readers send questions about the policy", "privacy@acme.example"))


def cmd_init(args: argparse.Namespace) -> int:
    from cookiepolicy.adapters.scaffold import init_site

    values = {}
    for name, what, example in _INIT_FACTS:  # facts are never invented: given, or asked on a terminal
        value = getattr(args, name)
        if value is None and sys.stdin.isatty():
            try:
                value = input(f"{what} (--{name}, e.g. {example}): ").strip() or None
            except EOFError:
                value = None
        values[name] = value  # not given: left out of the data, never invented (the company: a placeholder)
    folder = args.folder
    laws = tuple(dict.fromkeys(args.law or ()))
    written = init_site(Path(folder), **values, default_language=args.default_language, laws=laws,
                        engine=args.engine)
    from cookiepolicy.model.inventory import PLACEHOLDER_COMPANY
    from cookiepolicy.text.localize import Catalog  # in the new site's own language, as its README is

    print(Catalog.get(args.default_language).t("init.created", company=values["company"] or PLACEHOLDER_COMPANY,
                                               folder=folder,
                                               count=len(written)))
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from cookiepolicy.adapters.engine import doctor

    root = Path(args.root)
    if not root.is_dir():
        raise PolicyError(f"{args.root} is not a folder")
    check = doctor(root)
    print("\n".join(check.lines))
    for problem in check.problems:
        print(f"out of date: {problem}", file=sys.stderr)
    if not check.problems:
        print("ok: the engine and every pinned package are the versions the site names")
    return 1 if check.problems else 0


def cmd_import(args: argparse.Namespace) -> int:
    from cookiepolicy.exchange.importers import import_open_cookie_database

    files = _files(args)
    added, flagged = import_open_cookie_database(files, Path(args.file), args.platform, args.category)
    print(tell("import.done", added=added, flagged=flagged))
    return 0


def cmd_scan(args: argparse.Namespace) -> int:
    from cookiepolicy.evidence.scan import ScanOptions, scan, write_evidence

    if args.pages < 1 or args.timeout <= 0 or args.deadline <= 0:
        raise PolicyError("--pages must be at least 1, --timeout and --deadline more than 0 seconds")
    options = ScanOptions(urls=args.urls, max_pages=args.pages, timeout=args.timeout, accept=args.accept,
                          consent_script=args.consent_script, banner=args.banner, chromium=args.chromium,
                          deadline=args.deadline)
    evidence = scan(options, progress=lambda line: print(line, file=sys.stderr, flush=True))
    write_evidence(evidence, Path(args.output))
    phases = "before and after consent" if any(p.get("phase") == "after" for p in evidence.pages) \
        else "before consent"
    print(f"wrote {args.output}: {len(evidence.pages)} page(s) {phases}, {len(evidence.cookies)} cookie(s), "
          f"{len(evidence.storage)} storage key(s), {len({r['host'] for r in evidence.requests})} host(s)")
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from cookiepolicy.evidence.audit import as_json, compare, read_evidence, report
    from cookiepolicy.loading.cookiedb import database_path
    from cookiepolicy.text.localize import Catalog

    files, policy = _policy(args)
    args.lang = _language(args, files, policy)
    inventory, label = policy.draft, Catalog.get(args.lang).t("audit.draft")
    if args.release:
        release = policy.release(args.release)
        if release is None:
            known = ", ".join(r.version for r in policy.releases) or "none yet"
            raise PolicyError(f"--release {args.release}: no such release (releases: {known})")
        inventory, label = release.inventory, Catalog.get(args.lang).t("audit.release", version=args.release)
    database = Path(args.cookie_database) if args.cookie_database else database_path(files.root)
    evidence = read_evidence([Path(p) for p in args.evidence], [Path(p) for p in args.after_consent or []])
    findings = compare(evidence, inventory, policy.site.domain, policy.site.languages, database, args.lang)
    if args.format == "json":
        print(json.dumps(as_json(findings, args.release or "draft", evidence.sources), ensure_ascii=False, indent=2))
    else:
        from cookiepolicy.safeio.terminal import shown

        print(shown(report(findings, args.lang, args.format, label, evidence.sources)), end="")
    return 1 if args.exit_code and any(not f.informational for f in findings) else 0




LANG_HELP = "the language of the messages: en, tr, ...; default: the site's default_language"

FORMATS = ("json", "tcf-disclosure", "cookieconsent", "markdown", "zensical")  # of `policy export` (export.py)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="policy", description="Cookie policies as data.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--root", default=".", help="the site folder (with mkdocs.yml and data/); default: .")
    parser.add_argument("--data-dir", help="data folder inside the site; default: extra.policy.data_dir of "
                        "mkdocs.yml, or data")
    parser.add_argument("--config", help="the site's mkdocs.yml (default: mkdocs.yml in --root)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check the data and print every problem")
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.add_argument("--lang", help=LANG_HELP)
    p.add_argument("--config", default=argparse.SUPPRESS, help="the site's mkdocs.yml, as for mkdocs build -f")
    p.set_defaults(run=cmd_validate)

    p = sub.add_parser("lint", help="which disclosures KVKK or the GDPR ask for that the data and pages lack")
    p.add_argument("--law", action="append", choices=["kvkk", "gdpr"],
                   help="repeatable; default: `laws` in site.yml, else both")
    p.add_argument("--lang", help=LANG_HELP)
    p.set_defaults(run=cmd_lint)

    p = sub.add_parser("verify", help="check the published versions against the git history (needs full history)")
    p.add_argument("--lang", help=LANG_HELP)
    p.set_defaults(run=cmd_verify)

    p = sub.add_parser("record-site-facts", help="record, from git history, the site facts of releases "
                       "published before snapshots held them")
    p.add_argument("--lang", help=LANG_HELP)
    p.set_defaults(run=cmd_record_site_facts)

    p = sub.add_parser("release", help="freeze the draft as a published version")
    p.add_argument("version", help="e.g. 1.1; must be greater than the latest release")
    p.add_argument("--effective", type=_date, required=True, help="YYYY-MM-DD, the day it takes effect")
    p.add_argument("--published", type=_date, help="YYYY-MM-DD, default: today")
    p.add_argument("--summary", action="append", metavar="LANG=TEXT", help="a summary per language")
    p.add_argument("--lang", help=LANG_HELP)
    p.set_defaults(run=cmd_release)

    p = sub.add_parser("diff", help="what changed, in words: between git revisions or releases")
    p.add_argument("revisions", nargs="*", help="OLD [NEW]: git revisions or release versions; "
                   "default: merge base with the default branch against the working tree")
    p.add_argument("--format", choices=["markdown", "text", "json"],
                   help="default: text on a terminal, markdown when the output is a file or a pipe")
    p.add_argument("--lang", help="en, tr, ...; default: the site's default_language")
    p.add_argument("--exit-code", action="store_true",
                   help="exit with what the change requires: 0 no change, 1 informational (or a side could "
                   "not be read), 2 a new notice before processing, 3 fresh consent")
    p.add_argument("--max-chars", type=int, metavar="N",
                   help="a longer review becomes a summary with counts and the first changes")
    p.add_argument("--full-review-url", metavar="URL", help="where the full review is, linked from a summary")
    p.add_argument("--preview-url", metavar="URL", help="where the built preview is, linked from the review")
    p.add_argument("--full-output", metavar="FILE", help="also write the full review to FILE")
    p.set_defaults(run=cmd_diff)

    p = sub.add_parser("export", help="the policy for other tools: json, tcf-disclosure, cookieconsent, "
                       "markdown, zensical")
    p.add_argument("format", choices=list(FORMATS))
    which = p.add_mutually_exclusive_group()
    which.add_argument("--version", help="a published release, e.g. 1.0; default: the draft")
    which.add_argument("--in-force", action="store_true", help="the release in force on --date")
    p.add_argument("--date", type=_date, help="YYYY-MM-DD for --in-force; default: today (or POLICY_TODAY)")
    p.add_argument("--output", "-o", help="a file (a folder for markdown); default: standard output")
    p.add_argument("--lang", help=LANG_HELP)
    p.set_defaults(run=cmd_export)

    p = sub.add_parser("init", help="scaffold a new site in an empty folder")
    p.add_argument("folder")
    p.add_argument("--company", help="the company that publishes the policy (asked on a terminal; left out: a "
                                     "placeholder that validation refuses until it is filled in)")
    p.add_argument("--domain", help="the website's domain, e.g. acme.example (asked on a terminal; optional)")
    p.add_argument("--email", help="contact address for questions about the policy (asked on a terminal; optional)")
    p.add_argument("--default-language", default="en", choices=["en", "tr"],
                   help="the language at the site's root (the other one is under /en/ or /tr/); default: en")
    p.add_argument("--law", action="append", choices=["kvkk", "gdpr"],
                   help="a law the policy answers to (repeat for both): written to site.yml's `laws`, and with "
                        "--email the page states the rights under it; default: none named")
    p.add_argument("--engine", default="vendored", metavar="SOURCE",
                   help="where the site installs the engine from (engine.txt): vendored (a copy in engine/), a "
                   "wheel (a path or an https:// URL) or a git+https:// URL; default: vendored")
    p.set_defaults(run=cmd_init)

    p = sub.add_parser("doctor", help="which engine, site generator and packages the site runs, and what is "
                       "out of date")
    p.set_defaults(run=cmd_doctor)

    p = sub.add_parser("schema", help="write the JSON Schemas of the data files (for editors)")
    p.add_argument("folder", nargs="?", default="schemas")
    p.set_defaults(run=cmd_schema)

    p = sub.add_parser("import", help="add known cookies from a reference database to the draft")
    p.add_argument("source", choices=["open-cookie-database"])
    p.add_argument("file")
    p.add_argument("--platform", action="append", required=True, help="platform name (repeatable)")
    p.add_argument("--category", action="append", default=[], metavar="OCD=ID",
                   help="map a database category to a category id, e.g. Analytics=analytics")
    p.add_argument("--lang", help=LANG_HELP)
    p.set_defaults(run=cmd_import)

    p = sub.add_parser("scan", help="record what a site stores, before and after consent, in headless Chromium")
    p.add_argument("urls", nargs="+", metavar="URL")
    p.add_argument("-o", "--output", default="evidence.json", help="evidence file to write; default: evidence.json")
    p.add_argument("--pages", type=int, default=1, help="pages per phase, following same-site links; default: 1")
    p.add_argument("--timeout", type=float, default=15.0, help="seconds per page; default: 15")
    p.add_argument("--deadline", type=float, default=600.0,
                   help="seconds for the whole scan; pages left then are reported, not visited; default: 600")
    p.add_argument("--accept", metavar="SELECTOR", help="CSS selector of the consent button: scan again after it")
    p.add_argument("--consent-script", metavar="JS", help="JavaScript that gives consent (instead of --accept)")
    p.add_argument("--banner", choices=["accept", "reject", "preferences"],
                   help="with this project's consent banner: accept all, reject all, or save the preferences "
                        "as shown, then scan again")
    p.add_argument("--chromium", default="/usr/bin/chromium", help="Chromium binary; default: /usr/bin/chromium")
    p.set_defaults(run=cmd_scan)

    p = sub.add_parser("audit", help="compare scan evidence, HAR or Website Evidence Collector files with the policy")
    p.add_argument("evidence", nargs="+", metavar="EVIDENCE",
                   help="policy scan JSON, HAR, or Website Evidence Collector inspection.json")
    p.add_argument("--after-consent", action="append", metavar="FILE",
                   help="a HAR or collector file recorded after consent was given (repeatable)")
    p.add_argument("--release", metavar="VERSION", help="audit against this release; default: the draft")
    p.add_argument("--cookie-database", metavar="CSV", help="Open Cookie Database CSV for draft entries")
    p.add_argument("--format", choices=["markdown", "text", "json"], default="text")
    p.add_argument("--lang", help="en, tr, ...; default: the site's default_language")
    p.add_argument("--exit-code", action="store_true", help="exit 1 when the site and the policy disagree")
    p.set_defaults(run=cmd_audit)
    return parser


def _stop(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:
        # The `policy` process itself: it loads, prints and exits, and its data has no reference
        # cycles, so cyclic GC passes would only walk the whole loaded policy again and again (a
        # tenth of `policy validate` at scale). A call from Python leaves its caller's GC alone.
        gc.disable()
    args = build_parser().parse_args(argv)
    use(_speaks(args))
    if argv is None:  # a stop request is a Ctrl-C: whatever is being written is undone or completed
        signal.signal(signal.SIGTERM, _stop)
        for stream in (sys.stdout, sys.stderr):  # PYTHONIOENCODING=ascii: `ş` is written as \u015f
            with contextlib.suppress(AttributeError, ValueError):
                cast("io.TextIOWrapper", stream).reconfigure(errors="backslashreplace")
    try:
        return cast(int, args.run(args))  # each command returns its exit status
    except PolicyError as exc:
        print("\n".join(p.format() if p.file else visible(f"{tell('severity.error')}: {in_language(p.message)}")
                        for p in exc.report)
              or visible(str(exc)), file=sys.stderr)
        return 1
    except OSError as exc:  # a full disk or a read-only folder is not a bug: nothing was changed
        print(tell("cannot_write", file=exc.filename or "", reason=exc.strerror or exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(tell("interrupted"), file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
