"""Archived versions render once: their macro output kept on disk, next to the checked files.

A page pinned to a release (``policy_version``) shows a frozen snapshot: its macros' output
depends on the releases, ``site.yml``, the engine (code, schemas, catalogs), the call and the
page (language, page, version, build date, production mode), nothing else. Kept under a key
of all of these, such a page's tables are computed by the first build and read back by every
later build and ``mkdocs serve`` process until one of them changes. The releases and
``site.yml`` enter the key by their bytes (every file under ``data/releases/`` and every file
recorded in SHA256SUMS), the engine by ``cache.engine()`` and the version of Babel (dates and
durations): any change is another key, never a stale page. What the Markdown becomes
is kept by the generator's adapter, as for any page (``adapters/mkdocs/pagecache``). The cache is
``cache.folder()``'s, off with ``POLICY_CACHE=off``.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
from pathlib import Path
from typing import Any

from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.loading.sums import read_lock
from cookiepolicy.safeio import cache
from cookiepolicy.safeio.memo import Memo

_DIGESTS: Memo[SiteFiles, tuple[Any, bytes]] = Memo()


def _add(digest: Any, label: str, path: Path) -> None:
    try:
        raw = path.read_bytes()
    except OSError:
        raw = b"\0missing"
    digest.update(label.encode() + b"\0" + hashlib.sha256(raw).digest())


def frozen_digest(files: SiteFiles) -> bytes:
    """A digest of what an archived page is made from: ``site.yml``, the releases, the published files."""
    digest = hashlib.sha256()
    _add(digest, "site", files.draft_files()["site"])
    try:
        releases = sorted(p for p in files.releases.rglob("*") if p.is_file())
    except OSError:
        releases = []
    for path in releases:
        _add(digest, "release/" + path.relative_to(files.releases).as_posix(), path)
    for name in sorted(read_lock(files)) if releases else ():
        _add(digest, "published/" + name, files.root / name)
    return digest.digest()


def _digest(files: SiteFiles, stamp: Any) -> bytes:
    """``frozen_digest``, computed again only when the files' stamp (their stats) changed."""
    known = _DIGESTS.get(files)
    if known is None or known[0] != stamp:
        known = (stamp, frozen_digest(files))
        _DIGESTS[files] = known
    return known[1]


def formatting() -> str:
    """The version of Babel, which words dates and durations: another one may word them otherwise."""
    try:
        return importlib.metadata.version("babel")
    except importlib.metadata.PackageNotFoundError:
        return "none"


def _context() -> str:
    return f"archived-macro babel {formatting()}"


def read(files: SiteFiles, stamp: Any, call: tuple[Any, ...], key: bytes | None = None) -> str | None:
    """The kept output of ``call`` (macro, arguments, language, page, version, date, mode), if any: a
    signed plain-text entry (``cache.read_signed``), never unpickled. ``key``: ``entry_key``, if known."""
    value = cache.read_signed(_context(), key if key is not None else entry_key(files, stamp, call))
    return value if isinstance(value, str) else None


def entry_key(files: SiteFiles, stamp: Any, call: tuple[Any, ...]) -> bytes:
    """What an entry is kept under: the site's published files, then the call; a miss computes it once
    and hands it to ``write``."""
    return _digest(files, stamp) + repr(call).encode("utf-8")


def write(files: SiteFiles, stamp: Any, call: tuple[Any, ...], text: str, key: bytes | None = None) -> None:
    cache.write_signed(_context(), key if key is not None else entry_key(files, stamp, call), text)
