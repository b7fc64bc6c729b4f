"""Checked data files kept on disk, keyed on their bytes and on the engine that checked them.

A published release never changes, so after its first check reading it is a hash and an
unpickle instead of a YAML parse and a schema check; a draft file is parsed once per edit,
not once per command. An entry's key is the SHA-256 of the engine's own code and schemas,
what the result depends on besides the file (its name in messages, the site's languages) and
the file's bytes: a file whose bytes differ, or a newer engine, never finds an old entry.

Where: ``$POLICY_CACHE_DIR``, else ``$XDG_CACHE_HOME/cookiepolicy``, else
``~/.cache/cookiepolicy`` (outside the site, so nothing to ignore in git). ``POLICY_CACHE=off``
turns it off. Entries are written to a temporary file and renamed into place, so runs at the
same time never read half an entry; an unreadable entry is recomputed. Deleting the folder is
always safe.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
_OFF = ("0", "off", "no", "false")


def folder() -> Path | None:
    """The cache folder, or None when ``POLICY_CACHE`` turns the cache off."""
    if os.environ.get("POLICY_CACHE", "").strip().lower() in _OFF:
        return None
    chosen = os.environ.get("POLICY_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "cookiepolicy"


@functools.cache
def engine() -> bytes:
    """A digest of the engine's code, schemas and catalogs: another version never reads these entries."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".json", ".yml") and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


def entry(context: str, raw: bytes) -> Path | None:
    """Where the result for ``raw`` (a file's bytes) read in ``context`` is kept, if caching is on."""
    where = folder()
    if where is None:
        return None
    digest = hashlib.sha256(engine() + context.encode() + b"\0" + raw).hexdigest()
    return where / digest[:2] / f"{digest}.pickle"


def read_plain(path: Path, limit: int = 5 * 1024 * 1024) -> bytes | None:
    """The bytes of a regular file of at most ``limit`` bytes, else None (a link to a device, a
    folder, a huge file: left to the strict reader, which words the problem, and never cached)."""
    try:
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except OSError:
        return None
    return raw if len(raw) <= limit else None


def cached(path: Path, context: str, compute: Callable[[], T]) -> T:
    """``compute()``'s result for the current bytes of ``path``, from disk when already known.

    An unreadable ``path`` is left to ``compute`` (it words the problem) and nothing is kept.
    """
    raw = read_plain(path)
    if raw is None:
        return compute()
    where = entry(context, raw)
    if where is None:
        return compute()
    with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
                             ValueError, TypeError, IndexError, KeyError):
        return pickle.loads(where.read_bytes())
    value = compute()
    _store(where, value)
    return value


def _store(where: Path, value: object) -> None:
    """Write atomically (temporary file, then rename); a cache that cannot be written is no error."""
    tmp = None
    try:
        where.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=where.parent, prefix=".", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, where)
        tmp = None
    except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
