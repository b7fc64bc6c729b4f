"""Strict YAML reading for files edited by hand: every value keeps its line number.

PyYAML's loaders silently keep the last of two duplicate keys, build Python objects from
tags and expand aliases without bound. We compose the node graph with the C parser when
it is there and build plain data ourselves, so that each of those becomes a clear problem.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import ERROR, Problem

try:  # the C loader is about 7x faster on large files
    from yaml import CSafeDumper as SafeDumper
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper, SafeLoader  # type: ignore[assignment]

MAX_BYTES = 5 * 1024 * 1024
MAX_NODES = 500_000
_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}
_SCALARS = yaml.constructor.SafeConstructor()

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


class _TooBig(Exception):
    pass


def _closest_line(text: str, line: int) -> int:
    return max(1, min(line, text.count("\n") + 1))


def read_yaml(path: Path, name: str, max_bytes: int = MAX_BYTES) -> tuple[Document, list[Problem]]:
    """Read one file; never raises for a user mistake, returns the problems instead."""
    doc = Document(path=path, name=name)
    problems: list[Problem] = []

    def fail(message: str, line: int | None = None, hint: str | None = None) -> tuple[Document, list[Problem]]:
        problems.append(Problem(file=name, line=line, message=message, hint=hint, severity=ERROR))
        return doc, problems

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return fail("file is missing", hint="create it, or run `policy init` to scaffold a site")
    except OSError as exc:
        return fail(f"cannot be read: {exc.strerror}")
    if len(raw) > max_bytes:
        return fail(f"file is {len(raw):,} bytes, over the limit of {max_bytes:,}", hint="split it up")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return fail("is not UTF-8 text", line=line, hint="save the file with UTF-8 encoding")
    text = text.removeprefix("\ufeff")
    tab = re.search(r"^( *)\t", text, flags=re.MULTILINE)
    if tab:
        line = text[: tab.start()].count("\n") + 1
        return fail("a tab is used for indentation", line=line, hint="indent with spaces only")
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        return fail("file is empty", hint="add the data, or delete the file")
    try:
        node = yaml.compose(text, Loader=SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = _closest_line(text, mark.line + 1) if mark else None
        reason = exc.problem or exc.context or "malformed YAML"
        return fail(f"malformed YAML: {reason}", line=line, hint="check indentation, colons and quotes")
    except yaml.YAMLError as exc:
        return fail(f"malformed YAML: {exc}")
    if node is None:
        return fail("file is empty", hint="add the data, or delete the file")
    builder = _Builder(name, doc.lines, problems)
    try:
        doc.data = builder.build(node, ())
    except _TooBig:
        doc.data = None
        return fail(
            f"aliases expand to more than {MAX_NODES:,} values",
            hint="write the values out instead of repeating anchors (`&`/`*`)",
        )
    return doc, problems


class _Builder:
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

    def build(self, node: yaml.Node, at: Path_) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig
        self.lines.setdefault(at, node.start_mark.line + 1)
        if node.tag not in _STANDARD_TAGS:
            self._problem(
                node,
                at,
                f"the YAML tag `{node.tag}` is not allowed",
                "write plain values; tags that construct objects are refused",
            )
            return None
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge" or key_node.value == "<<":
                    self._problem(key_node, at, "merge keys (`<<`) are not supported", "write the fields out")
                    continue
                if not isinstance(key_node, yaml.ScalarNode):
                    self._problem(key_node, at, "a key must be plain text")
                    continue
                key = (
                    key_node.value
                    if key_node.tag == "tag:yaml.org,2002:str"
                    else str(_SCALARS.construct_object(key_node))
                )
                if key in result:
                    first = self.lines.get((*at, key))
                    self._problem(
                        key_node,
                        (*at, key),
                        f"duplicate key `{key}`" + (f" (first on line {first})" if first else ""),
                        "keep one of them: YAML would silently use the last",
                    )
                    continue
                self.lines[(*at, key)] = key_node.start_mark.line + 1
                result[key] = self.build(value_node, (*at, key))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*at, i)) for i, item in enumerate(node.value)]
        try:
            value = _SCALARS.construct_object(node)
        except ValueError:  # "2030-13-09" looks like a date and is none: kept as text, the checks say why
            return node.value
        if isinstance(value, dt.datetime):
            return value.isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        return value


def dotted(at: Iterable[str | int]) -> str:
    """A field's path as people write it: ``items[0].purpose.tr``."""
    out = ""
    for part in at:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out




def dump_yaml(data: Any) -> str:
    """YAML for files we write: block style, keys in the order given, Unicode kept."""
    return yaml.dump(data, Dumper=SafeDumper, sort_keys=False, allow_unicode=True, width=100)
