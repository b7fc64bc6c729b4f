"""The ``policy`` command: validate, release, diff, init, schema, import.

A user mistake prints a report and exits 1; no traceback. Usage errors exit 2 (argparse).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from .diff import diff_inventories
from .load import SiteFiles, load_policy
from .model import Inventory, Policy
from .problems import PolicyError, Report


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date: use YYYY-MM-DD") from exc


def _files(args: argparse.Namespace) -> SiteFiles:
    root = Path(args.root).resolve()
    if not root.is_dir():
        raise PolicyError(f"{args.root} is not a folder")
    return SiteFiles(root=root, data_dir=args.data_dir)


def cmd_validate(args: argparse.Namespace) -> int:
    files = _files(args)
    policy, report = load_policy(files)
    if policy is not None:
        from .coverage import has_pages, unshown_items
        from .lint import lint, site_laws

        if has_pages(files, policy):  # what the pages show: read from their macro calls
            report.extend(unshown_items(files, policy))
            report.extend(f.problem() for f in lint(files, policy, site_laws(files)) if f.status == "missing")
    for problem in report:
        print(problem.format(), file=sys.stderr)
    if policy is None:
        print(f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)", file=sys.stderr)
        return 1
    if args.strict and report.warnings:
        print(f"{len(report.warnings)} warning(s) (--strict)", file=sys.stderr)
        return 1
    inv = policy.draft
    print(f"ok: {len(inv.items)} items, {len(inv.services)} services, {len(inv.categories)} categories, "
          f"{len(policy.releases)} release(s)" + (f", {len(report.warnings)} warning(s)" if report.warnings else ""))
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from .verify import verify

    report = verify(_files(args))
    for problem in report:
        print(problem.format(), file=sys.stderr)
    if not report.ok:
        print(f"{len(report.errors)} error(s): the published versions do not match their history", file=sys.stderr)
        return 1
    print("ok: every published version is as it was released")
    return 0


def cmd_release(args: argparse.Namespace) -> int:
    from .releases import create_release

    summary = {}
    for entry in args.summary or []:
        lang, sep, text = entry.partition("=")
        if not sep or not text.strip():
            raise PolicyError(f"--summary {entry!r}: write LANG=TEXT, e.g. --summary 'en=Adds Turnstile'")
        summary[lang.strip()] = text.strip()
    files = _files(args)
    written = create_release(files, args.version, args.effective, args.published or dt.date.today(), summary)
    for path in written:
        print(f"wrote {files.name(path)}")
    print(f"released version {args.version}")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from .gitdata import default_base, policy_at, readable_policy
    from .review import as_json, review

    files = _files(args)
    revs = args.revisions
    if len(revs) > 2:
        raise PolicyError("give at most two revisions or versions: policy diff [OLD [NEW]]")
    current, current_report = readable_policy(files)

    def side(rev: str) -> tuple[Policy | None, Report, bool]:
        """The policy at a release version or a git revision; True when it is a published release."""
        release = current.release(rev) if current else None
        if release:
            return replace(current, draft=release.inventory), Report(), True
        try:
            policy, report = policy_at(files, rev)
        except PolicyError as exc:
            if not re.fullmatch(r"[0-9]+(\.[0-9]+)*", rev):
                raise
            if current is None:
                site_yml = files.name(files.draft_files()["site"])
                raise PolicyError(f"`{rev}` is not a git revision, and the releases cannot be read while "
                                  f"{site_yml} has errors: run `policy validate`") from exc
            known = ", ".join(r.version for r in current.releases) or "none yet"
            raise PolicyError(f"`{rev}` is neither a published release (releases: {known}) "
                              "nor a git revision") from exc
        return policy, report, False

    base_rev = revs[0] if revs else default_base(files.root)
    if revs:
        base, base_report, base_is_release = side(base_rev)
    else:
        base, base_report, base_is_release = *policy_at(files, base_rev), False
    if len(revs) == 2:
        head, head_report, head_is_release = side(revs[1])
    else:
        head, head_report, head_is_release = current, current_report, False
    if base_report.errors and not all("is missing" in p.message for p in base_report.errors):
        print(f"note: the data at {base_rev} does not validate; "
              "comparing what could be read", file=sys.stderr)
    title = None
    if base_is_release or head_is_release:
        title = f"{revs[0]} → {revs[1] if len(revs) == 2 else 'draft'}"
    today = dt.date.today()
    if args.format == "json":
        data = as_json(base, head, head_report, draft=not head_is_release)
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(review(base, head, head_report, args.lang, today, args.format, title, draft=not head_is_release),
              end="")
    if args.exit_code:
        if head is None:
            return 1
        changed = not diff_inventories(base.draft if base else Inventory(), head.draft).empty
        return 1 if changed else 0
    return 0


def cmd_lint(args: argparse.Namespace) -> int:
    from .lint import lint, site_laws

    files = _files(args)
    policy, report = load_policy(files)
    if policy is None:
        raise PolicyError(report)
    laws = args.law or site_laws(files) or ["kvkk", "gdpr"]
    findings = lint(files, policy, laws)
    for finding in findings:
        print(finding.format())
    missing = [f for f in findings if f.status == "missing"]
    print(f"{', '.join(laws)}: {len(missing)} missing, {len(findings) - len(missing)} to check by hand",
          file=sys.stderr)
    return 1 if missing else 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .schemas import write_schemas

    for path in write_schemas(Path(args.folder)):
        print(f"wrote {path}")
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    from .scaffold import init_site

    written = init_site(Path(args.folder), company=args.company, domain=args.domain, email=args.email)
    print(f"created a site in {args.folder} ({len(written)} files); next: cd {args.folder} && mkdocs serve")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from .importers import import_open_cookie_database

    files = _files(args)
    added, flagged = import_open_cookie_database(files, Path(args.file), args.platform, args.category)
    print(f"added {added} item(s); {flagged} need a human (see `# TODO` comments in data/cookies.yml)")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="policy", description="Cookie policies as data.")
    parser.add_argument("--root", default=".", help="the site folder (with mkdocs.yml and data/); default: .")
    parser.add_argument("--data-dir", default="data", help="data folder inside the site; default: data")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check the data and print every problem")
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.set_defaults(run=cmd_validate)

    p = sub.add_parser("lint", help="which disclosures KVKK or the GDPR ask for that the data and pages lack")
    p.add_argument("--law", action="append", choices=["kvkk", "gdpr"],
                   help="repeatable; default: `laws` in site.yml, else both")
    p.set_defaults(run=cmd_lint)

    p = sub.add_parser("verify", help="check the published versions against the git history (needs full history)")
    p.set_defaults(run=cmd_verify)

    p = sub.add_parser("release", help="freeze the draft as a published version")
    p.add_argument("version", help="e.g. 1.1; must be greater than the latest release")
    p.add_argument("--effective", type=_date, required=True, help="YYYY-MM-DD, the day it takes effect")
    p.add_argument("--published", type=_date, help="YYYY-MM-DD, default: today")
    p.add_argument("--summary", action="append", metavar="LANG=TEXT", help="a summary per language")
    p.set_defaults(run=cmd_release)

    p = sub.add_parser("diff", help="what changed, in words: between git revisions or releases")
    p.add_argument("revisions", nargs="*", help="OLD [NEW]: git revisions or release versions; "
                   "default: merge base with the default branch against the working tree")
    p.add_argument("--format", choices=["markdown", "text", "json"], default="markdown")
    p.add_argument("--lang", default="en", choices=["en", "tr"])
    p.add_argument("--exit-code", action="store_true", help="exit 1 when the policy changed")
    p.set_defaults(run=cmd_diff)

    p = sub.add_parser("init", help="scaffold a new site in an empty folder")
    p.add_argument("folder")
    p.add_argument("--company", default="Example")
    p.add_argument("--domain", default="example.com")
    p.add_argument("--email", default="privacy@example.com")
    p.set_defaults(run=cmd_init)

    p = sub.add_parser("schema", help="write the JSON Schemas of the data files (for editors)")
    p.add_argument("folder", nargs="?", default="schemas")
    p.set_defaults(run=cmd_schema)

    p = sub.add_parser("import", help="add known cookies from a reference database to the draft")
    p.add_argument("source", choices=["open-cookie-database"])
    p.add_argument("file")
    p.add_argument("--platform", action="append", required=True, help="platform name (repeatable)")
    p.add_argument("--category", action="append", default=[], metavar="OCD=ID",
                   help="map a database category to a category id, e.g. Analytics=analytics")
    p.set_defaults(run=cmd_import)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except PolicyError as exc:
        print("\n".join(p.format() if p.file else f"error: {p.message}" for p in exc.report) or str(exc),
              file=sys.stderr)
        return 1
    except OSError as exc:  # a full disk or a read-only folder is not a bug: nothing was changed
        print(f"error: cannot write {exc.filename or ''}: {exc.strerror or exc}; no file was changed",
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
