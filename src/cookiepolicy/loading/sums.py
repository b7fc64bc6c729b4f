"""Versions and checksums: what ``SHA256SUMS`` records of every published file."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cookiepolicy.model.problems import Problem
from cookiepolicy.safeio.memo import Memo, stamp
from cookiepolicy.safeio.yamlsafe import Unreadable, read_limited
from cookiepolicy.text.words import say

if TYPE_CHECKING:
    from cookiepolicy.loading.files import SiteFiles



VERSION = re.compile(r"\A[0-9]+(\.[0-9]+)*\Z")
"""A version: ASCII digits and dots, the whole string (``$`` would accept a trailing newline)."""
FORMAT = 2
"""The snapshot format ``policy release`` writes; 2 added the site facts (``site:``)."""
PUBLISHED_DIRS = ("releases", "versions")


def is_version(text: str) -> bool:
    return bool(VERSION.match(text)) and text.isascii()


def version_key(version: str) -> tuple[int, ...]:
    """Versions compare as numbers: 1.10 comes after 1.9."""
    return tuple(int(p) for p in version.split("."))


def file_sha256(path: Path) -> str:
    return hashlib.sha256(read_limited(path)).hexdigest()


_SUM_LINE = re.compile(r"\A([0-9a-fA-F]{64}) ([ *])(.+)\Z", re.DOTALL)


@dataclass(frozen=True)
class Sum:
    """One line of SHA256SUMS: the digest (lower case), the path it names, and where it was read."""

    digest: str
    name: str
    line: int


def parse_sums(files: SiteFiles) -> tuple[list[Sum], list[Problem]]:
    """SHA256SUMS read the way ``sha256sum -c`` reads it, with every path confined to the site.

    Either hex case; ``  `` (text) or `` *`` (binary) before the name; ``#`` comments and blank
    lines skipped; a leading ``\\`` escapes ``\\n`` and ``\\\\`` in the name. A path is accepted
    only if it names a regular file under data/releases/ or docs/versions/ without leaving the
    site through ``..``, an absolute path or a symbolic link.
    """
    lock = files.name(files.lock)
    if not files.lock.is_file():
        return [], []
    try:
        text = read_limited(files.lock).decode("utf-8")
    except UnicodeDecodeError:
        return [], [Problem(file=lock, message="is not UTF-8 text", hint="restore it from git")]
    except Unreadable as exc:
        return [], [Problem(file=lock, message=exc.message, hint="restore it from git")]
    return parse_sums_text(text, lock, files)


def parse_sums_text(text: str, lock: str, files: SiteFiles | None = None) -> tuple[list[Sum], list[Problem]]:
    """The lines of a SHA256SUMS text; with ``files``, only paths that ``confine`` accepts."""
    sums: list[Sum] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.removesuffix("\r")
        if not line.strip() or line.startswith("#"):
            continue
        escaped = line.startswith("\\")
        match = _SUM_LINE.match(line[1:] if escaped else line)
        if not match:
            problems.append(Problem(file=lock, line=number, message="not a checksum line",
                                    hint="each line is a SHA-256 digest, two spaces (or ` *`) and a path"))
            continue
        digest, _, name = match.groups()
        if escaped:
            name = re.sub(r"\\(.)", lambda m: {"n": "\n", "\\": "\\"}.get(m.group(1), m.group(0)), name)
        where = confine(files, name) if files is not None else None
        if where:
            problems.append(Problem(file=lock, line=number, message=say("data.sums_entry", name=name, why=where),
                                    hint=say("data.sums_entry_hint")))
            continue
        if name in seen:
            problems.append(Problem(file=lock, line=number,
                                    message=f"`{name}` is listed twice (first on line {seen[name]})"))
            continue
        seen[name] = number
        sums.append(Sum(digest.lower(), name, number))
    return sums, problems


def confine(files: SiteFiles, name: str) -> str | None:
    """Why ``name`` may not be read as a published file, or None when it may."""
    parts = name.split("/")
    if name.startswith("/") or "\\" in name or "\n" in name or any(p in ("", ".", "..") for p in parts):
        return say("data.not_plain_path")
    allowed = [files.releases, files.docs / "versions"]
    path = files.root / name
    if not any(path.parent == folder or folder in path.parents for folder in allowed):
        return say("data.outside_folders", folders=", ".join(files.name(f) + "/" for f in allowed))
    root = files.root.resolve()
    try:
        resolved = path.resolve()
        resolved.relative_to(root)
    except (OSError, ValueError):
        return say("data.leads_outside")
    if resolved != root / name:
        return say("data.through_link")
    if path.exists() and not path.is_file():
        return say("data.not_regular")
    return None


def read_lock(files: SiteFiles) -> dict[str, str]:
    """The checksums of published files by path (lines that cannot be trusted are left out)."""
    return {s.name: s.digest for s in parse_sums(files)[0]}


_LOCK_MEMO: Memo[Path, tuple[tuple[int, int, int], dict[str, str]]] = Memo()


def lock_digests(files: SiteFiles) -> dict[str, str]:
    """``read_lock`` once per version of SHA256SUMS, for choosing how to read each release (the
    checksums themselves are checked by ``check_published`` on every load)."""
    signature = stamp(files.lock)
    if signature is None:
        return {}
    kept = _LOCK_MEMO.get(files.lock)
    if kept is None or kept[0] != signature:
        kept = (signature, read_lock(files))
        _LOCK_MEMO[files.lock] = kept
    return kept[1]
