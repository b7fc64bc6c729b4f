"""What every command reads first: the site's files, its policy, the language of its messages."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from cookiepolicy.adapters.mkdocs.config import site_files
from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.loading.policy import load_policy
from cookiepolicy.model.inventory import Policy
from cookiepolicy.model.problems import PolicyError

if TYPE_CHECKING:

    pass



def date_argument(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date: use YYYY-MM-DD") from exc


def site_files_of(args: argparse.Namespace) -> SiteFiles:
    """The site as the build sees it: mkdocs.yml (or --config) says where the data is."""
    root = Path(args.root).resolve()
    if not root.is_dir():
        raise PolicyError(f"{args.root} is not a folder")
    config = Path(args.config) if args.config else None
    if config is not None and not config.is_file():
        raise PolicyError(f"--config {args.config}: no such file")
    return site_files(root, config.resolve() if config else None, args.data_dir)


def policy_of(args: argparse.Namespace) -> tuple[SiteFiles, Policy]:
    """The site's files and its valid policy; invalid data stops the command with its report."""
    files = site_files_of(args)
    policy, report = load_policy(files)
    if policy is None:
        raise PolicyError(report)
    return files, policy


def language_of(args: argparse.Namespace, files: SiteFiles, policy: Policy | None) -> str:
    """``--lang``, or the site's default language (the one at its root), also when its data does not
    validate, as long as site.yml names one."""
    from cookiepolicy.loading.documents import read_checked
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


def speaks_site_language(args: argparse.Namespace) -> str:
    """The language of the command's messages: ``--lang``, else the site's default language (read
    from site.yml even when the rest of the data has errors), else English. Never stops the command:
    what cannot be read here is reported by the command itself."""
    from cookiepolicy.loading.documents import read_checked
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
        from cookiepolicy.adapters.mkdocs.languages import read_i18n

        config = files.config or files.root / "mkdocs.yml"
        i18n = read_i18n(config, files.name(config)) if config.is_file() else None
    except (PolicyError, OSError, ValueError):
        return "en"
    if i18n is not None and (i18n.default is None or i18n.default.locale != lang):
        return "en"  # site.yml and mkdocs.yml disagree on the root's language (validate says so): no default yet
    return lang
