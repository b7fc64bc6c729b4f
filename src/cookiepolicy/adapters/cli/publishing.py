"""The commands that check and publish a site: validate, verify, release, lint, schema, init, doctor."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.loading.policy import load_policy
from cookiepolicy.model.problems import PolicyError
from cookiepolicy.text.words import say, tell

if TYPE_CHECKING:

    from cookiepolicy.history.diff import Side
from cookiepolicy.adapters.cli.common import policy_of, site_files_of


def cmd_validate(args: argparse.Namespace) -> int:
    files = site_files_of(args)
    policy, report = load_policy(files)
    from cookiepolicy.render.pageguard import check_pages

    report.extend(check_pages(files.docs, files.name))  # what a page may run: the engine's macros only
    if policy is not None:
        from cookiepolicy.adapters.mkdocs.languages import check_languages

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
    from cookiepolicy.render.archived import archive_changes

    files = site_files_of(args)
    report = verify(files)
    report.extend(archive_changes(files))  # archived documents rendered again with today's engine
    for problem in report:
        print(problem.format(), file=sys.stderr)
    if not report.ok:
        print(tell("verify.failed", errors=len(report.errors)), file=sys.stderr)
        return 1
    print(tell("verify.ok"))
    return 0


def cmd_record_site_facts(args: argparse.Namespace) -> int:
    from cookiepolicy.history.verify import record_site_facts

    files = site_files_of(args)
    written = record_site_facts(files)
    for path in written:
        print(tell("wrote", path=files.name(path)))
    print(tell("record.done", count=len([p for p in written if p != files.lock])))
    return 0


def cmd_release(args: argparse.Namespace) -> int:
    from cookiepolicy.adapters.mkdocs.languages import check_page_names
    from cookiepolicy.history.releases import create_release
    from cookiepolicy.render.archived import record

    summary = {}
    for entry in args.summary or []:
        lang, sep, text = entry.partition("=")
        if not sep or not text.strip():
            raise PolicyError(say("release.summary", entry=repr(entry)))
        summary[lang.strip()] = text.strip()
    files = site_files_of(args)
    written = create_release(files, args.version, args.effective, args.published or dt.date.today(), summary,
                             page_checks=(check_page_names,), recorder=record)
    for path in written:
        print(tell("wrote", path=files.name(path)))
    print(tell("release.done", version=args.version))
    return 0


def review_lint(files: SiteFiles, head: Side, head_ref: str | None) -> tuple[str, ...]:
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

    files, policy = policy_of(args)
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
