"""JSON from outside (HAR files, scan evidence) read with the budgets YAML data has.

A HAR recorded from a hostile site can be a FIFO, a link to ``/dev/zero``, gigabytes, or arrays
nested 100,000 deep (the parser's recursion limit): each is a one-line error, never a hang or a
traceback.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

LIMIT = 256 * 1024 * 1024
DEPTH = 256


class JsonProblem(ValueError):
    """Why a JSON file cannot be used, worded for the user."""


def _depth(value: Any) -> int:
    """The nesting depth, without recursion (a deep value is the problem being checked for)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        current, level = stack.pop()
        deepest = max(deepest, level)
        if deepest > DEPTH:
            return deepest
        if isinstance(current, dict):
            stack.extend((v, level + 1) for v in current.values())
        elif isinstance(current, list):
            stack.extend((v, level + 1) for v in current)
    return deepest


def read_json(path: Path, limit: int = LIMIT) -> Any:
    """The value of a regular JSON file of at most ``limit`` bytes, nested at most ``DEPTH`` levels."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO without a writer does not block
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise JsonProblem("is not a regular file")
        if info.st_size > limit:
            raise JsonProblem(f"is {info.st_size:,} bytes, over the limit of {limit:,}")
        raw = handle.read(limit + 1)
    if len(raw) > limit:
        raise JsonProblem(f"is over the limit of {limit:,} bytes")
    try:
        value = json.loads(raw.decode("utf-8-sig"))
    except RecursionError:
        raise JsonProblem(f"values are nested more than {DEPTH} levels deep") from None
    if _depth(value) > DEPTH:
        raise JsonProblem(f"values are nested more than {DEPTH} levels deep")
    return value
