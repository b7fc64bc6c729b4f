"""The notice registry: ``notices.json``, every archived policy page a build publishes, per language
and version, with its effective date, its legal state on the build's day, its address and the
SHA-256 of the page's HTML file exactly as the build wrote it (and the server sends it), so anyone
can fetch the address and check the hash. A consent record names the notice it was given on by
version and hash (the banner's ``notice``); an archived page is rebuilt when its legal state
changes (in force, then superseded), so keep each build's registry beside the consent records.

Plain Python: the site generator's adapter reads the built files and writes the result."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cookiepolicy.exchange.export import loaded_policy
from cookiepolicy.exchange.pages import page_language
from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.model import legalstate
from cookiepolicy.model.inventory import Policy, Release
from cookiepolicy.render.site import load, view_for

FORMAT = "cookiepolicy-notices/1"
HASHED = "the SHA-256 of the archived page's HTML file, byte for byte as published at its url"
_PINNED = re.compile(r'\A---\n(?:.*\n)*?policy_version:\s*"?([0-9][0-9.]*)"?\s*\n(?:.*\n)*?---\n')


@dataclass(frozen=True)
class ArchivedPage:
    """A page pinned to a release (``policy_version`` in its front matter) and where the build writes it."""

    lang: str
    version: str
    url: str  # relative to the site's root: "versions/1.0/", "tr/versions/1.0/"
    path: str  # the file: "versions/1.0/index.html"


def _target(stem: str, directory_urls: bool) -> tuple[str, str]:
    """(url, file) of a page ``stem`` (its path without ``.md``), as MkDocs names them."""
    if stem == "index" or stem.endswith("/index"):
        folder = stem.removesuffix("index")
        return folder, folder + "index.html"
    if directory_urls:
        return stem + "/", stem + "/index.html"
    return stem + ".html", stem + ".html"


def archived_pages(files: SiteFiles, directory_urls: bool = True) -> list[ArchivedPage]:
    """Every archived page of the site, in the suffix structure (``LANG/`` for other languages)."""
    site = loaded_policy(files).site
    pages = []
    for path in sorted(files.docs.rglob("*.md")):
        rel = path.relative_to(files.docs).as_posix()
        pinned = _PINNED.match(path.read_text(encoding="utf-8"))
        if not pinned:
            continue
        lang, target = page_language(rel, site)
        prefix = "" if lang == site.default_language else f"{lang}/"
        url, file = _target(target.removesuffix(".md"), directory_urls)
        pages.append(ArchivedPage(lang, pinned.group(1), prefix + url, prefix + file))
    return pages


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _state(policy: Policy, release: Release, day: dt.date) -> dict[str, Any]:
    state = legalstate.state_of(policy.releases, release, day)
    out: dict[str, Any] = {"state": state.state.value}
    if state.until is not None:
        out["until"] = state.until.isoformat()
    if state.replaced_by is not None:
        out["replaced_by"] = state.replaced_by.version
    return out


def _address(base: str | None, url: str) -> str:
    return (base.rstrip("/") + "/" + url) if base else url


def registry(policy: Policy, pages: list[ArchivedPage], read: Callable[[str], bytes | None], day: dt.date,
             base: str | None = None) -> dict[str, Any]:
    """``notices.json``: one entry per archived page the build wrote (``read`` gives a file's bytes, or
    None when it is not there); ``base`` is the site's address (MkDocs' ``site_url``)."""
    notices = []
    for page in pages:
        release = policy.release(page.version)
        content = read(page.path)
        if release is None or content is None:  # a wrong pin is the build's error; a missing file, not yet built
            continue
        notices.append({"id": f"{page.version}/{page.lang}", "version": page.version, "language": page.lang,
                        "published": release.published.isoformat(), "effective": release.effective.isoformat(),
                        **_state(policy, release, day), "sha256": sha256(content),
                        "url": _address(base, page.url), "path": page.path})
    return {"format": FORMAT, "date": day.isoformat(), "hash": HASHED, "notices": notices}


def shown_release(files: SiteFiles, day: dt.date, production: bool) -> Release | None:
    """The release the policy page shows, which the banner's consent record names; None for the draft."""
    loaded = load(files)
    policy = loaded_policy(files)
    view = view_for(policy, None, day, production, loaded.pending())
    return view.release if view.production or not view.draft else None


def banner_notices(registry_: dict[str, Any], release: Release | None) -> dict[str, dict[str, Any]]:
    """Per language, the registry's entry of the shown release: what the banner puts in its record."""
    if release is None:
        return {}
    return {n["language"]: {k: n[k] for k in ("id", "version", "language", "sha256", "url")}
            for n in registry_["notices"] if n["version"] == release.version}


def notice_js(notices: dict[str, dict[str, Any]]) -> str:
    """The banner's ``window.cookiePolicyNotice``: the notice each language's consent record names."""
    return ("// Generated by the build from notices.json; do not edit.\n"
            f"window.cookiePolicyNotice = {json.dumps(notices, ensure_ascii=False, indent=2)};\n")
