"""In-process memos of what was read or computed from files, declared once so that one call forgets them all.

MkDocs' i18n plugin runs a build once per language and ``mkdocs serve`` rebuilds in the same process,
so loading keeps results per file while its stamp is unchanged. Every such memo is a ``Memo`` (a dict
that registers itself) or a function wrapped by ``memoized``; ``reset()`` empties all of them, for a
test that rewrites files faster than their timestamps move, or a benchmark that must start cold.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

K = TypeVar("K")
V = TypeVar("V")
F = TypeVar("F", bound=Callable[..., Any])

_MEMOS: list[Memo[Any, Any]] = []
_FUNCTIONS: list[Any] = []


class Memo(dict[K, V]):
    """A module's memo: a plain dict, known to ``reset`` and ``forget``."""

    def __init__(self) -> None:
        super().__init__()
        _MEMOS.append(self)


def memoized(function: F) -> F:
    """``functools.cache``, known to ``reset``."""
    cached = functools.cache(function)
    _FUNCTIONS.append(cached)
    return cached  # type: ignore[return-value]


Stamp = tuple[int, int, int]


def stamp(path: Path) -> Stamp | None:
    """What tells a changed file from the one read before: its modification time, size and inode (a file
    replaced by a rename within the timestamp's granularity is another inode); None when it cannot be read.
    Every cache of the engine that is keyed on files asks this one function."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size, info.st_ino


def forget(path: Path) -> None:
    """Drop what every memo keeps for ``path`` (a file rewritten within its timestamp's granularity)."""
    for memo in _MEMOS:
        memo.pop(path, None)


def reset() -> None:
    """Forget everything every memo keeps: the next read goes to the files again."""
    for memo in _MEMOS:
        memo.clear()
    for function in _FUNCTIONS:
        function.cache_clear()
