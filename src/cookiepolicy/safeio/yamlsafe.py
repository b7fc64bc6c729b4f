"""Strict YAML reading for files edited by hand: every value keeps its line number.

PyYAML's loaders silently keep the last of two duplicate keys, build Python objects from
tags and expand aliases without bound. We compose the node graph with the C parser when
it is there and build plain data ourselves, so that each of those becomes a clear problem.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, cast

import yaml

from cookiepolicy.model.problems import ERROR, Problem
from cookiepolicy.model.said import Count, Said

try:  # the C loader is about 7x faster on large files
    from yaml import CSafeDumper as SafeDumper
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper, SafeLoader  # type: ignore[assignment]

MAX_BYTES = 5 * 1024 * 1024
MAX_NODES = 500_000
MAX_DEPTH = 64  # real data nests 5 deep; a deeper file is a mistake or an attack on the parser
MAX_EXPANDED = 2 * MAX_BYTES  # values plus characters, counted with every alias written out
_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}
_SCALARS = yaml.constructor.SafeConstructor()
_RESOLVER = yaml.resolver.Resolver()

Path_ = tuple[str | int, ...]


@dataclass
class Document:
    """Plain data of one YAML file, with the line of every mapping key and item."""

    path: Path
    name: str
    data: Any = None
    lines: dict[Path_, int] = field(default_factory=dict)

    def line(self, at: Iterable[str | int]) -> int | None:
        """The line of ``at``, or of its nearest parent that has one."""
        key = tuple(at)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.lines.get((), 1)


# The English of the reader's messages; the catalogs' ``cli.read`` block words them in every language
# (the reader sits below the catalogs, so a test holds these and the English catalog to the same text).
_ENGLISH = {
    "cannot_read": "cannot be read: {reason}",
    "not_regular": "is not a regular file (a folder, device, FIFO or socket)",
    "not_regular_hint": "data files must be ordinary files; replace the link or special file",
    "too_big": "file is {size} bytes, over the limit of {limit}",
    "grew": "file is over the limit of {limit} bytes",
    "split": "split it up",
    "expands": "the values expand to more than {limit} characters (aliases included)",
    "write_out_or_split": "write the values out instead of repeating anchors (`&`/`*`), or split the file",
    "write_out": "write the values out instead of repeating anchors (`&`/`*`)",
    "too_many": "aliases expand to more than {limit} values",
    "documents": "the file holds more than one YAML document (`---`)",
    "one_document": "keep one document per file",
    "self_alias": "the alias `*{anchor}` refers to the value that contains it",
    "no_anchor": "the alias `*{anchor}` has no anchor `&{anchor}` before it",
    "anchor_first": "define the anchor first, or write the value out",
    "too_deep": "values are nested more than {depth} levels deep",
    "too_deep_hint": "the data files nest a few levels only: check the brackets and indentation",
    "missing": "file is missing",
    "missing_hint": "create it, or run `policy init` to scaffold a site",
    "not_utf8": "is not UTF-8 text",
    "not_utf8_hint": "save the file with UTF-8 encoding",
    "tab": "a tab is used for indentation",
    "tab_hint": "indent with spaces only",
    "empty": "file is empty",
    "empty_hint": "add the data, or delete the file",
    "malformed": "malformed YAML: {reason}",
    "malformed_hint": "check indentation, colons and quotes",
    "bad_character_hint": "remove the character, or quote the text",
    "key_unreadable": "the key `{key}` cannot be read",
    "key_unreadable_hint": "write the key as plain text",
    "tag": "the YAML tag `{tag}` is not allowed",
    "tag_hint": "write plain values; tags that construct objects are refused",
    "merge": "merge keys (`<<`) are not supported",
    "merge_hint": "write the fields out",
    "key_text": "a key must be plain text",
    "duplicate": "duplicate key `{key}`",
    "duplicate_first": "duplicate key `{key}` (first on line {first})",
    "duplicate_hint": "keep one of them: YAML would silently use the last",
    "not_date": "`{value}` is not a possible date",
    "not_date_hint": "write a real calendar date as YYYY-MM-DD",
    "not_number": "`{value}` is not a possible number",
    "not_number_hint": "write a smaller number, or quote the value to make it text",
}


def said(name: str, /, **values: Any) -> Said:
    """The reader's message ``cli.read.<name>``: English now, any language when it is printed."""
    return Said(f"read.{name}", _ENGLISH[name].format(**values), values)


def count(number: int) -> Count:
    """A number grouped as each language writes it: 5,242,880 in English, 5.242.880 in Turkish (CLDR)."""
    return Count(number)


class TooBig(Exception):
    pass


class Unreadable(Exception):
    """A path that is not a regular file we may read, or one over the size limit."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


def read_limited(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``, checked on the open file before reading.

    ``O_NONBLOCK`` keeps a FIFO from blocking the open; ``fstat`` on the open descriptor (not the
    name, which could be swapped) refuses devices, FIFOs and folders, and sizes over the limit.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise Unreadable(said("cannot_read", reason=exc.strerror)) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(said("not_regular"), said("not_regular_hint"))
        if info.st_size > max_bytes:
            raise Unreadable(said("too_big", size=count(info.st_size), limit=count(max_bytes)), said("split"))
        chunks, total = [], 0
        while True:  # the file may grow while we read: never take more than the limit
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise Unreadable(said("grew", limit=count(max_bytes)), said("split"))
        return b"".join(chunks)
    except OSError as exc:
        raise Unreadable(said("cannot_read", reason=exc.strerror)) from exc
    finally:
        os.close(fd)


def _closest_line(text: str, line: int) -> int:
    return max(1, min(line, text.count("\n") + 1))


def _mark_line(text: str, mark: yaml.Mark) -> int:
    """The line of a parser mark; a mistake noticed only at the start of a line (or at the end of the
    file, e.g. an unclosed ``[``) is on the last line with content before it."""
    line = _closest_line(text, mark.line + 1)
    if mark.column == 0:
        lines = text.split("\n")
        before = [n for n in range(1, min(mark.line, len(lines)) + 1)
                  if lines[n - 1].strip() and not lines[n - 1].lstrip().startswith("#")]
        line = before[-1] if before else line
    return line


class Refused(ValueError):
    def __init__(self, message: str, line: int | None, hint: str | None):
        super().__init__(message)
        self.message, self.line, self.hint = message, line, hint


def child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The value node under ``key`` of a composed mapping; None when absent or not a mapping."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return cast(yaml.Node, value_node)  # the stubs leave a mapping's pairs untyped
    return None


def compose(text: str) -> yaml.Node | None:
    """The node graph of one YAML document, composed from the parser's events without recursion.

    Depth and the size that aliases expand to are checked on the event stream as it arrives,
    so a 40,000-deep file or an alias bomb is refused before any node tree is built.
    """
    composer = _Composer()
    handlers = _Composer.HANDLERS
    for event in yaml.parse(text, Loader=SafeLoader):
        handle = handlers.get(type(event))
        if handle is not None:
            handle(composer, event, event.start_mark.line + 1 if event.start_mark else None)
    return composer.root


class _Composer:
    """The state of one ``compose``: open collections, anchors, and the size expanded so far."""

    def __init__(self) -> None:
        self.stack: list[tuple[yaml.Node, int, str | None]] = []  # (collection, expanded size so far, anchor)
        self.anchors: dict[str, tuple[yaml.Node, int]] = {}
        self.open_anchors: set[str] = set()
        self.root: yaml.Node | None = None
        self.documents = 0
        self.expanded = 0

    def add(self, node: yaml.Node, size: int, event: yaml.Event) -> None:
        """Put a finished node in its parent (or make it the root), counting what it expands to."""
        self.expanded += size
        if self.expanded > MAX_EXPANDED:
            raise Refused(said("expands", limit=count(MAX_EXPANDED)),
                          event.start_mark.line + 1 if event.start_mark else None, said("write_out_or_split"))
        if not self.stack:
            self.root = node
            return
        parent, parent_size, anchor = self.stack[-1]
        if isinstance(parent, yaml.MappingNode):
            pending = parent.value[-1] if parent.value and len(parent.value[-1]) == 1 else None
            if pending is None:
                parent.value.append((node,))
            else:
                parent.value[-1] = (pending[0], node)
        else:
            parent.value.append(node)
        self.stack[-1] = (parent, parent_size + size, anchor)

    def document(self, _event: yaml.DocumentStartEvent, line: int | None) -> None:
        self.documents += 1
        if self.documents > 1:
            raise Refused(said("documents"), line, said("one_document"))

    def alias(self, event: yaml.AliasEvent, line: int | None) -> None:
        if event.anchor in self.open_anchors:
            raise Refused(said("self_alias", anchor=event.anchor), line, said("write_out"))
        if event.anchor not in self.anchors:
            raise Refused(said("no_anchor", anchor=event.anchor), line, said("anchor_first"))
        node, size = self.anchors[event.anchor]
        self.add(node, size, event)

    def scalar(self, event: yaml.ScalarEvent, _line: int | None) -> None:
        tag = event.tag
        if tag is None or tag == "!":
            tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
        # the C parser's marks are yaml._yaml.Mark, which the stubs do not accept for a node
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark,  # type: ignore[arg-type]
                               style=event.style)
        size = 1 + len(event.value)
        if event.anchor is not None:
            self.anchors[event.anchor] = (node, size)
        self.add(node, size, event)

    def start(self, event: yaml.SequenceStartEvent | yaml.MappingStartEvent, line: int | None) -> None:
        if len(self.stack) >= MAX_DEPTH:
            raise Refused(said("too_deep", depth=MAX_DEPTH), line, said("too_deep_hint"))
        kind = yaml.MappingNode if isinstance(event, yaml.MappingStartEvent) else yaml.SequenceNode
        tag = event.tag
        if tag is None or tag == "!":
            tag = _RESOLVER.resolve(kind, None, event.implicit)
        node = kind(tag, [], event.start_mark, None, flow_style=event.flow_style)  # type: ignore[arg-type]
        if event.anchor is not None:
            self.open_anchors.add(event.anchor)
        self.stack.append((node, 1, event.anchor))

    def end(self, event: yaml.SequenceEndEvent | yaml.MappingEndEvent, _line: int | None) -> None:
        node, size, anchor = self.stack.pop()
        node.end_mark = event.end_mark
        if anchor is not None:
            self.open_anchors.discard(anchor)
            self.anchors[anchor] = (node, size)
        self.expanded -= size - 1  # the children were counted as they arrived
        self.add(node, size, event)

    # the parser's events this composer acts on (the stream's and documents' ends carry nothing)
    HANDLERS: ClassVar[dict[type, Callable[[_Composer, Any, int | None], None]]] = {
        yaml.DocumentStartEvent: document, yaml.AliasEvent: alias, yaml.ScalarEvent: scalar,
        yaml.SequenceStartEvent: start, yaml.MappingStartEvent: start,
        yaml.SequenceEndEvent: end, yaml.MappingEndEvent: end,
    }


def read_yaml(path: Path, name: str, max_bytes: int = MAX_BYTES) -> tuple[Document, list[Problem]]:
    """Read one file; never raises for a user mistake, returns the problems instead."""
    doc = Document(path=path, name=name)
    problems: list[Problem] = []
    try:
        text = _text(path, max_bytes)
        node = _node(text)
        builder = Builder(name, doc.lines, problems)
        try:
            doc.data = builder.build(node, ())
        except TooBig:
            doc.data = None
            raise Refused(said("too_many", limit=count(MAX_NODES)), None, said("write_out")) from None
    except Refused as exc:
        problems.append(Problem(file=name, line=exc.line, message=exc.message, hint=exc.hint, severity=ERROR))
    return doc, problems


def _text(path: Path, max_bytes: int) -> str:
    """The file's text: a UTF-8 file within the size limit, indented with spaces, with some data."""
    try:
        raw = read_limited(path, max_bytes)
    except FileNotFoundError:
        raise Refused(said("missing"), None, said("missing_hint")) from None
    except Unreadable as exc:
        raise Refused(exc.message, None, exc.hint) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Refused(said("not_utf8"), raw[: exc.start].count(b"\n") + 1, said("not_utf8_hint")) from None
    text = text.removeprefix("\ufeff")
    tab = re.search(r"^( *)\t", text, flags=re.MULTILINE)
    if tab:
        raise Refused(said("tab"), text[: tab.start()].count("\n") + 1, said("tab_hint"))
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise Refused(said("empty"), 1, said("empty_hint"))
    return text


def _node(text: str) -> yaml.Node:
    """The composed document, a malformed one refused with the line the parser stopped at."""
    try:
        node = compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = exc.problem or exc.context or "malformed YAML"
        raise Refused(said("malformed", reason=reason), _mark_line(text, mark) if mark else None,
                      said("malformed_hint")) from None
    except yaml.YAMLError as exc:  # the reader's errors carry a character position, not a mark
        position = getattr(exc, "position", None)
        line = text[:position].count("\n") + 1 if isinstance(position, int) else 1
        reason = getattr(exc, "reason", None) or str(exc).splitlines()[0]
        raise Refused(said("malformed", reason=reason), line, said("bad_character_hint")) from None
    if node is None:
        raise Refused(said("empty"), 1, said("empty_hint"))
    return node


class Builder:
    """Turns a composed node graph into dicts, lists and scalars, recording lines."""

    def __init__(self, name: str, lines: dict[Path_, int], problems: list[Problem]):
        self.name = name
        self.lines = lines
        self.problems = problems
        self.count = 0

    def _problem(self, node: yaml.Node, at: Path_, message: str, hint: str | None = None) -> None:
        self.problems.append(
            Problem(
                file=self.name,
                line=node.start_mark.line + 1,
                field=dotted(at) or None,
                message=message,
                hint=hint,
            )
        )

    def _key(self, node: yaml.ScalarNode, at: Path_) -> str | None:
        try:
            return str(_SCALARS.construct_object(node))
        except (ValueError, OverflowError, ArithmeticError, yaml.YAMLError):
            self._problem(node, at, said("key_unreadable", key=_short(node.value)), said("key_unreadable_hint"))
            return None

    def build(self, node: yaml.Node, at: Path_) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise TooBig
        self.lines.setdefault(at, node.start_mark.line + 1)
        if node.tag not in _STANDARD_TAGS:
            self._problem(node, at, said("tag", tag=node.tag), said("tag_hint"))
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, at)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*at, i)) for i, item in enumerate(node.value)]
        return self._scalar(node, at)

    def _mapping(self, node: yaml.MappingNode, at: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self._mapping_key(key_node, at, result)
            if key is not None:
                self.lines[(*at, key)] = key_node.start_mark.line + 1
                result[key] = self.build(value_node, (*at, key))
        return result

    def _mapping_key(self, key_node: yaml.Node, at: Path_, result: dict[str, Any]) -> str | None:
        """The text of a key, or None (reported) for a merge key, a key that is not text, a duplicate."""
        if key_node.tag == "tag:yaml.org,2002:merge" or key_node.value == "<<":
            self._problem(key_node, at, said("merge"), said("merge_hint"))
            return None
        if not isinstance(key_node, yaml.ScalarNode):
            self._problem(key_node, at, said("key_text"))
            return None
        key = key_node.value if key_node.tag == "tag:yaml.org,2002:str" else self._key(key_node, at)
        if key is not None and key in result:
            first = self.lines.get((*at, key))
            message = said("duplicate_first", key=key, first=first) if first else said("duplicate", key=key)
            self._problem(key_node, (*at, key), message, said("duplicate_hint"))
            return None
        return cast("str | None", key)

    def _scalar(self, node: yaml.Node, at: Path_) -> Any:
        try:
            value = _SCALARS.construct_object(node)
        except (ValueError, OverflowError, ArithmeticError, yaml.YAMLError):
            what = "not_date" if node.tag.endswith(":timestamp") else "not_number"
            self._problem(node, at, said(what, value=_short(node.value)), said(f"{what}_hint"))
            return None
        if isinstance(value, (dt.datetime, dt.date)):
            return value.isoformat()
        return value


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def dotted(at: Iterable[str | int]) -> str:
    """A field's path as people write it: ``items[0].purpose.tr``."""
    out = ""
    for part in at:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out




def dump_yaml(data: Any) -> str:
    """YAML for files we write: block style, keys in the order given, Unicode kept."""
    return yaml.dump(data, Dumper=SafeDumper, sort_keys=False, allow_unicode=True, width=100)


# SafeLoader and SafeDumper are the C ones when PyYAML has them: other modules load with the same classes
__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_EXPANDED", "MAX_NODES", "Document", "Path_", "SafeDumper", "SafeLoader",
           "Unreadable", "child", "compose", "count", "dotted", "dump_yaml", "read_limited", "read_yaml", "said"]
