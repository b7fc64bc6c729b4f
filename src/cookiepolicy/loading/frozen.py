"""Reading published releases part by part: each distinct part is parsed once per process.

Twenty releases repeat most of the items, services and categories of the one before; parsing
each file whole parses the same entries twenty times. A release file whose checksum matches
SHA256SUMS was written by ``policy release`` in a known shape: top-level fields at column 0,
lists as ``- `` entries at column 0. Such a file is read as its top-level fields and its list
entries, each distinct text parsed once by the same strict reader (``yamlsafe``) and shared as
the same plain data, with its line numbers moved to where it stands in this file.

Anything else (a tab, a duplicate field, an entry that does not read cleanly on its own, more
values than the reader allows) gives None, and the caller reads the whole file as usual, which
words every problem.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from cookiepolicy.safeio.cache import read_plain
from cookiepolicy.safeio.memo import Memo
from cookiepolicy.safeio.yamlsafe import MAX_BYTES, MAX_NODES, Builder, Document, Refused, TooBig, compose

_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: .*)?\n?")
_PARTS: Memo[str, tuple[Any, dict[tuple[Any, ...], int], int] | None] = Memo()
_PARTS_LIMIT = 100_000


class _Lines(dict[tuple[str | int, ...], int]):
    """A document's lines: its own, plus each list entry's, looked up in the entry's shared part."""

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[Any, ...], tuple[dict[tuple[Any, ...], int], int]] = {}

    def _entry(self, key: object) -> int | None:
        if not isinstance(key, tuple) or len(key) < 2:
            return None
        found = self.entries.get(key[:2])
        if found is None:
            return None
        line = found[0].get((0, *key[2:]))
        return None if line is None else line + found[1]

    def __contains__(self, key: object) -> bool:
        return dict.__contains__(self, key) or self._entry(key) is not None

    def __getitem__(self, key: tuple[Any, ...]) -> int:
        if dict.__contains__(self, key):
            return super().__getitem__(key)
        line = self._entry(key)
        if line is None:
            raise KeyError(key)
        return line

    def get(self, key: tuple[Any, ...], default: Any = None) -> Any:  # dict.get's overloads, in one
        try:
            return self[key]
        except KeyError:
            return default


def _part(text: str) -> tuple[Any, dict[tuple[Any, ...], int], int] | None:
    """One part's data, its lines (1-based, within the part) and its count of values; None if unclean."""
    if text in _PARTS:
        return _PARTS[text]
    result = None
    try:
        node = compose(text)  # the strict reader's own limits apply to every part
    except (yaml.YAMLError, Refused):
        node = None
    if node is not None:
        lines: dict[tuple[Any, ...], int] = {}
        problems: list[Any] = []
        builder = Builder("", lines, problems)
        try:
            data = builder.build(node, ())
        except TooBig:
            problems.append(None)
        if not problems:
            result = (data, lines, builder.count)
    if len(_PARTS) >= _PARTS_LIMIT:
        _PARTS.clear()
    _PARTS[text] = result
    return result


def _sections(lines: list[str]) -> list[tuple[str, int, int]] | None:
    """Top-level fields as (key, first line index, end index); None when the shape is not plain."""
    sections: list[tuple[str, int, int]] = []
    for index, line in enumerate(lines):
        if not line.strip() or line.startswith(("#", " ", "- ")):
            continue
        match = _KEY.fullmatch(line)
        if match is None:
            return None
        if sections:
            key, start, _ = sections[-1]
            sections[-1] = (key, start, index)
        sections.append((match.group(1), index, len(lines)))
    return sections


def read_frozen(path: Path, name: str) -> Document | None:
    """The document of a published release, read part by part; None to read it the ordinary way."""
    lines = _plain_lines(path)
    sections = _sections(lines) if lines is not None else None
    if lines is None or not sections or len({key for key, _, _ in sections}) != len(sections):
        return None
    lines_of = _Lines()
    doc = Document(path=path, name=name, data={}, lines=lines_of)
    doc.lines[()] = sections[0][1] + 1
    count = 0
    for key, start, end in sections:
        entries = [i for i in range(start + 1, end) if lines[i].startswith("- ")]
        if lines[start].rstrip("\n") == f"{key}:" and entries:
            read = _list_section(lines, key, start, entries, end, lines_of)
        else:
            read = _field_section(lines, key, start, end, doc)
        if read is None:
            return None
        values, nodes = read
        count += nodes
        if count > MAX_NODES:
            return None
        doc.data[key] = values
    return doc


def _plain_lines(path: Path) -> list[str] | None:
    """The file's lines, when it is UTF-8 text in the shape ``policy release`` writes (no tab, no BOM)."""
    raw = read_plain(path, MAX_BYTES)
    try:
        text = raw.decode("utf-8") if raw is not None else ""
    except UnicodeDecodeError:
        return None
    if not text or "\t" in text or text.startswith("\ufeff"):
        return None
    return text.splitlines(keepends=True)


def _list_section(lines: list[str], key: str, start: int, entries: list[int], end: int,
                  lines_of: _Lines) -> tuple[list[Any], int] | None:
    """A top-level list, each ``- `` entry read as its own shared part; with its count of values."""
    if any(line.strip() and not line.startswith("#") for line in lines[start + 1:entries[0]]):
        return None
    lines_of[(key,)] = start + 1
    values, count = [], 0
    for number, (first, last) in enumerate(zip(entries, [*entries[1:], end], strict=True)):
        part = _part("".join(lines[first:last]))
        if part is None or not isinstance(part[0], list) or len(part[0]) != 1:
            return None
        values.append(part[0][0])
        count += part[2]
        lines_of.entries[(key, number)] = (part[1], first)
    return values, count


def _field_section(lines: list[str], key: str, start: int, end: int, doc: Document) -> tuple[Any, int] | None:
    """Any other top-level field, read whole; with its count of values."""
    part = _part("".join(lines[start:end]))
    if part is None or not isinstance(part[0], dict) or list(part[0]) != [key]:
        return None
    for at, line in part[1].items():
        if at:
            doc.lines[at] = line + start
    return part[0][key], part[2]
