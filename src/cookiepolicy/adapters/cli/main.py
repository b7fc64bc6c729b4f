"""The ``policy`` command: its arguments, and a run that ends with an exit code, never a traceback."""

from __future__ import annotations

import argparse
import contextlib
import gc
import signal
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from cookiepolicy import __version__
from cookiepolicy.model.problems import PolicyError, visible
from cookiepolicy.text.words import in_language, tell, use

if TYPE_CHECKING:
    import io

from cookiepolicy.adapters.cli.common import date_argument, speaks_site_language
from cookiepolicy.adapters.cli.comparing import cmd_audit, cmd_diff, cmd_export, cmd_import, cmd_scan
from cookiepolicy.adapters.cli.publishing import (
    cmd_doctor,
    cmd_init,
    cmd_lint,
    cmd_record_site_facts,
    cmd_release,
    cmd_schema,
    cmd_validate,
    cmd_verify,
)

LANG_HELP = "the language of the messages: en, tr, ...; default: the site's default_language"

FORMATS = ("json", "tcf-disclosure", "cookieconsent", "markdown", "zensical")  # of `policy export`


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
    p.add_argument("--effective", type=date_argument, required=True, help="YYYY-MM-DD, the day it takes effect")
    p.add_argument("--published", type=date_argument, help="YYYY-MM-DD, default: today")
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
    p.add_argument("--date", type=date_argument, help="YYYY-MM-DD for --in-force; default: today (or POLICY_TODAY)")
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
    p.add_argument("--reject", metavar="SELECTOR", help="CSS selector of the \"reject all\" button: scan a new "
                                                        "browser after it")
    p.add_argument("--gpc", action="store_true", help="also scan a new browser with Global Privacy Control on")
    p.add_argument("--banner", choices=["accept", "reject", "preferences", "all"],
                   help="with this project's consent banner: accept all, reject all, or save the preferences "
                        "as shown, then scan again; all: before consent, after reject, after accept, with GPC")
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
    use(speaks_site_language(args))
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
