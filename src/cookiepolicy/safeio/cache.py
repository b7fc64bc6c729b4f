"""Checked data files kept on disk, keyed on their bytes and on the engine that checked them.

A draft file is parsed once per edit, not once per command. An entry's name is the SHA-256 of
the engine's own code and schemas, what the result depends on besides the file (its name in
messages, the site's languages) and the file's bytes: a file whose bytes differ, or a newer
engine, never finds an old entry.

Nothing in the folder is trusted. An entry is plain JSON (the parsed data, its lines and the
problems found; never a pickle, never code), read only from a regular file of bounded size, and
used only when it names the digest of the file's current bytes and carries an HMAC made with a
key kept outside the cache folder (``$XDG_STATE_HOME/cookiepolicy/cache.key``, owner-only): an
entry written by anyone without that key, or restored from another machine, is recomputed. A
folder (or key) that is not the user's own, or that others can write, is not used, with one
warning. ``verify``, ``release`` and production builds never read the cache (``bypass``).

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
import hmac
import json
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from cookiepolicy.model.problems import Problem
from cookiepolicy.model.said import Said, from_plain
from cookiepolicy.safeio.yamlsafe import Document

FORMAT = 1
ENTRY_LIMIT = 64 * 1024 * 1024
_DISABLED: list[bool] = [False]
_WARNED: set[str] = set()


def _warn_once(message: str) -> None:
    if message not in _WARNED:
        _WARNED.add(message)
        print(f"warning: {message}", file=sys.stderr)


def setting() -> bool:
    """Whether ``POLICY_CACHE`` allows the cache (strictly read: an unknown value is an error)."""
    from cookiepolicy.safeio.envvars import flag

    return flag("POLICY_CACHE", default=True)


@contextlib.contextmanager
def bypass() -> Iterator[None]:
    """Neither read nor write the cache inside this block (verify, release, production builds)."""
    _DISABLED.append(True)
    try:
        yield
    finally:
        _DISABLED.pop()


def disable() -> None:
    """Turn the cache off for the rest of this process (a command that must read only the files)."""
    _DISABLED.append(True)


def _private(path: Path, what: str) -> bool:
    """``path`` is a folder or file the user owns and nobody else can write; else warn and say no."""
    try:
        info = path.stat()
    except OSError:
        return False
    if info.st_uid != os.getuid() or info.st_mode & 0o022:
        _warn_once(f"the {what} {path} is not private (owned by someone else, or writable by others): the "
                   "cache is not used; give POLICY_CACHE_DIR a folder only you can write, or POLICY_CACHE=off")
        return False
    return True


def _ensure_private(path: Path, what: str) -> bool:
    """Create ``path`` (mode 0700) if missing, then check it is private."""
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return False
    return path.is_dir() and _private(path, what)


def folder() -> Path | None:
    """The cache folder, or None when the cache is off (``POLICY_CACHE``, ``bypass``)."""
    if _DISABLED[-1] or not setting():
        return None
    chosen = os.environ.get("POLICY_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "cookiepolicy"


def _key_file() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(base) / "cookiepolicy" / "cache.key"


@functools.cache
def _key_at(path: Path) -> bytes | None:
    """The secret that signs entries: made once per user, kept owner-only outside the cache folder."""
    if not _ensure_private(path.parent, "cache key folder"):
        return None
    with contextlib.suppress(FileExistsError, OSError):
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(os.urandom(32))

    def refuse() -> None:
        _warn_once(f"the cache key {path} is not a private file of yours: the cache is not used; "
                   "delete it (a new one is made)")

    def private(info: os.stat_result) -> bool:  # checked on the descriptor that is read, not on the name
        if info.st_uid != os.getuid() or info.st_mode & 0o077:
            refuse()
            return False
        return True

    key = read_plain(path, limit=64, accept=private)
    if key is None and not path.is_symlink() and path.exists() and not path.is_file():  # a FIFO, a folder
        refuse()
    return key if key is not None and len(key) == 32 else None


def key() -> bytes | None:
    return _key_at(_key_file())


@functools.cache
def engine() -> bytes:
    """A digest of the engine's code, schemas and catalogs: another version never reads these entries."""
    digest = hashlib.sha256()
    package = Path(__file__).parents[1]  # the whole engine, not only this layer
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
    return where / digest[:2] / f"{digest}.json"


def read_plain(path: Path, limit: int = 5 * 1024 * 1024,
               accept: Callable[[os.stat_result], bool] | None = None) -> bytes | None:
    """The bytes of a regular file of at most ``limit`` bytes, else None (a link to a device, a
    folder, a FIFO, a huge file: left to the strict reader, which words the problem, and never cached).
    ``accept`` adds a check of the opened file itself (its owner and mode, for the cache key)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:  # a folder, a FIFO, a device
            return None
        if accept is not None and not accept(info):
            return None
        with os.fdopen(fd, "rb") as handle:
            fd = -1
            raw = handle.read(limit + 1)
    except OSError:
        return None
    finally:
        if fd != -1:
            os.close(fd)
    return raw if len(raw) <= limit else None


# ---------------------------------------------------------------- plain data, both ways

class _NotPlain(Exception):
    pass


def _plain(value: Any) -> Any:
    """``value`` if it is JSON's own kind of data (str-keyed maps, lists, text, numbers), else _NotPlain."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {k: _plain(v) for k, v in value.items()}
    raise _NotPlain(type(value).__name__)


def encode(doc: Document, problems: list[Problem]) -> dict[str, Any]:
    """A checked document as plain data."""
    return {"name": doc.name, "data": _plain(doc.data),
            "lines": [[list(at), line] for at, line in doc.lines.items()],
            "problems": [[p.file, _message(p.message), p.line, p.field, _message(p.hint), p.severity]
                         for p in problems]}


def _message(text: str | None) -> Any:
    """A message as plain data: a ``Said`` keeps its key and values, to be worded in any language."""
    return text.plain() if isinstance(text, Said) else text


def _text_or_none(value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise ValueError("not text")
    return value


def decode(path: Path, payload: Any) -> tuple[Document, list[Problem]]:
    """The document back from ``encode``'s data; anything of another shape is a ValueError."""
    if not isinstance(payload, dict) or not isinstance(payload.get("name"), str):
        raise ValueError("not an entry")
    lines: dict[tuple[str | int, ...], int] = {}
    for at, line in payload["lines"]:
        if not all(isinstance(p, (str, int)) and not isinstance(p, bool) for p in at) or type(line) is not int:
            raise ValueError("bad line")
        lines[tuple(at)] = line
    problems = []
    for file, message, line, field, hint, severity in payload["problems"]:
        message, hint = from_plain(message), None if hint is None else from_plain(hint)
        if not isinstance(file, str) or not isinstance(message, str) or severity not in ("error", "warning") or \
                (line is not None and type(line) is not int):
            raise ValueError("bad problem")
        problems.append(Problem(file=file, message=message, line=line, field=_text_or_none(field),
                                hint=_text_or_none(hint), severity=severity))
    return Document(path=path, name=payload["name"], data=payload["data"], lines=lines), problems


def _mac(secret: bytes, file_digest: str, context: str, body: bytes) -> str:
    return hmac.new(secret, b"\0".join([engine(), file_digest.encode(), context.encode(), body]),
                    hashlib.sha256).hexdigest()


def _load(where: Path, secret: bytes, file_digest: str, context: str) -> Any:
    """An entry's payload if it is a regular file signed with our key for these bytes, else raise."""
    raw = read_plain(where, ENTRY_LIMIT)
    if raw is None:
        raise ValueError("no entry")
    head, _, body = raw.partition(b"\n")
    record = json.loads(head)
    if not (isinstance(record, dict) and record.get("format") == FORMAT and record.get("file") == file_digest
            and isinstance(record.get("mac"), str)
            and hmac.compare_digest(record["mac"], _mac(secret, file_digest, context, body))):
        raise ValueError("not signed for this file")
    return json.loads(body)


def cached(path: Path, context: str,
           compute: Callable[[], tuple[Document, list[Problem]]]) -> tuple[Document, list[Problem]]:
    """``compute()``'s checked document for the current bytes of ``path``, from disk when already known.

    An unreadable ``path`` is left to ``compute`` (it words the problem) and nothing is kept.
    """
    raw = read_plain(path)
    if raw is None:
        return compute()
    where = entry(context, raw)
    if where is None or not _ensure_private(where.parent.parent, "cache folder"):
        return compute()
    secret = key()
    if secret is None:
        return compute()
    file_digest = hashlib.sha256(raw).hexdigest()
    with contextlib.suppress(ValueError, TypeError, KeyError, RecursionError, OSError):
        return decode(path, _load(where, secret, file_digest, context))
    value = compute()
    with contextlib.suppress(_NotPlain, RecursionError, ValueError):
        body = json.dumps(encode(*value), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        head = json.dumps({"format": FORMAT, "file": file_digest,
                           "mac": _mac(secret, file_digest, context, body)}).encode()
        _store(where, head + b"\n" + body)
    return value


def _store(where: Path, data: bytes) -> None:
    """Write atomically (temporary file, then rename); a cache that cannot be written is no error."""
    tmp = None
    try:
        if not _ensure_private(where.parent, "cache folder"):
            return
        fd, tmp = tempfile.mkstemp(dir=where.parent, prefix=".", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, where)
        tmp = None
    except OSError:
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def read_signed(context: str, raw: bytes) -> Any | None:
    """The plain value kept for ``raw`` (what the result depends on) in ``context``, if signed with our key."""
    where, secret = entry(context, raw), key()
    if where is None or secret is None or not _ensure_private(where.parent.parent, "cache folder"):
        return None
    with contextlib.suppress(ValueError, TypeError, KeyError, RecursionError, OSError):
        return _load(where, secret, hashlib.sha256(raw).hexdigest(), context)
    return None


def write_signed(context: str, raw: bytes, value: Any) -> None:
    """Keep ``value`` (plain data) for ``raw`` in ``context``, signed; a cache that cannot be written is no error."""
    where, secret = entry(context, raw), key()
    if where is None or secret is None or not _ensure_private(where.parent.parent, "cache folder"):
        return
    digest = hashlib.sha256(raw).hexdigest()
    with contextlib.suppress(_NotPlain, RecursionError, ValueError):
        body = json.dumps(_plain(value), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        head = json.dumps({"format": FORMAT, "file": digest, "mac": _mac(secret, digest, context, body)}).encode()
        _store(where, head + b"\n" + body)
