"""What the policy pages will say after a change: the generated sentences and table rows that differ.

The data diff says "the basis of Analytics changed"; a reviewer approves what the page then says.
Each page's macro calls are rendered for both sides with the same renderer the build uses (plain
Python, no mkdocs), and their outputs compared: a sentence that appears or disappears (the
withdrawal sentence after a basis change), a table row added, removed or changed, each named with
the heading it stands under (a new third party lands under "Payments").
"""

from __future__ import annotations

import ast
import bisect
import datetime as dt
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cookiepolicy.model.inventory import Policy
from cookiepolicy.render.macros import CALL, PREVIEWED
from cookiepolicy.render.renderer import Renderer, View
from cookiepolicy.review.pagediff import FRONT_MATTER, HEADING, page_lang
from cookiepolicy.text.localize import Catalog, language_name, upper_first
from cookiepolicy.text.markdown import escape

_ROW = re.compile(r'<tr id="([^"]+)">(.*?)</tr>', re.S)
_CELL = re.compile(r"<td[^>]*>(.*?)</td>", re.S)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Said:
    """One difference in what a page says."""

    page: str
    lang: str
    kind: str  # said_added, said_removed, row_added, row_removed, row_changed
    heading: str
    old: str = ""
    new: str = ""


def _plain(markdown: str) -> str:
    no_tags = _TAG.sub("", markdown.replace("<wbr>", ""))
    no_emphasis = re.sub(r"(?<![\w*])\*{1,2}(\S(?:.*?\S)?)\*{1,2}(?![\w*])", r"\1", no_tags)
    return " ".join(html.unescape(re.sub(r"\\(.)", r"\1", no_emphasis)).split())


def _args(source: str) -> tuple[list[Any], dict[str, Any]] | None:
    try:
        node = ast.parse(f"f({source})", mode="eval").body
        assert isinstance(node, ast.Call)
        return ([ast.literal_eval(a) for a in node.args],
                {k.arg: ast.literal_eval(k.value) for k in node.keywords if k.arg})
    except (SyntaxError, ValueError, TypeError, AssertionError, RecursionError, MemoryError):
        return None


def _headings(output: str) -> tuple[list[int], list[str]]:
    """Where each heading line of ``output`` starts, and its plain text: read once, however many rows follow."""
    starts: list[int] = []
    titles: list[str] = []
    offset = 0
    for line in output.splitlines(keepends=True):
        found = HEADING.match((line.splitlines() or [""])[0])
        if found:
            starts.append(offset)
            titles.append(_plain(found.group(2)))
        offset += len(line)
    return starts, titles


def _units(output: str, section: str) -> tuple[list[tuple[str, str]], dict[str, tuple[str, str]]]:
    """A macro output as (heading, sentence line) pairs and table rows by id -> (heading, row text)."""
    lines: list[tuple[str, str]] = []
    rows: dict[str, tuple[str, str]] = {}
    heading = section
    starts, titles = _headings(output)
    for match in _ROW.finditer(output):
        above = bisect.bisect_left(starts, match.start())  # the headings on lines before the row's
        row_heading = titles[above - 1] if above else section
        rows[match.group(1)] = (row_heading, " | ".join(_plain(c) for c in _CELL.findall(match.group(2))))
    text = re.sub(r"<table.*?</table>", "", output, flags=re.S)
    for line in text.splitlines():
        found = HEADING.match(line)
        if found:
            heading = _plain(found.group(2))
            continue
        said = _plain(re.sub(r"^\s*(?:[-*]|\d+\.)\s+", "", line))
        if said and not said.startswith(("!!!", "|")):
            lines.append((heading, said))
    return lines, rows


def _render(policy: Policy, lang: str, source: str, today: dt.date) -> tuple[list[Any], dict[str, Any]]:
    renderer = Renderer(policy, lang, View(policy.draft, None), today)
    match = FRONT_MATTER.match(source)
    body = source[match.end():] if match else source
    lines: list[tuple[str, str]] = []
    rows: dict[str, tuple[str, str]] = {}
    section = ""
    for part in re.split(r"(\{\{-?.*?-?\}\})", body, flags=re.S):
        call = CALL.fullmatch(part)
        if call is None:
            for line in part.splitlines():
                found = HEADING.match(line)
                if found:
                    section = found.group(2)
            continue
        name, parsed = call.group(1), _args(call.group(2))
        if name not in PREVIEWED or parsed is None or not hasattr(renderer, name):
            continue
        try:
            output = str(getattr(renderer, name)(*parsed[0], **parsed[1]))
        except Exception:  # a call this side cannot render: the build reports it, not the review
            continue
        more_lines, more_rows = _units(output, section)
        lines += more_lines
        rows.update(more_rows)
    return lines, rows


def page_says(old_policy: Policy | None, new_policy: Policy | None, old_pages: Mapping[str, str],
              new_pages: Mapping[str, str], today: dt.date) -> list[Said]:
    """The differences in what each policy page says, old side against new."""
    if old_policy is None or new_policy is None:
        return []
    out: list[Said] = []
    default = new_policy.site.default_language
    for name in sorted(set(old_pages) & set(new_pages)):
        lang = page_lang(name, default)
        if not Catalog.has(lang):
            continue
        old_lines, old_rows = _render(old_policy, lang, old_pages[name], today)
        new_lines, new_rows = _render(new_policy, lang, new_pages[name], today)
        old_said, new_said = {s for _, s in old_lines}, {s for _, s in new_lines}
        out += [Said(name, lang, "said_removed", h, old=s) for h, s in old_lines if s not in new_said]
        out += [Said(name, lang, "said_added", h, new=s) for h, s in new_lines if s not in old_said]
        for rid, (heading, row) in new_rows.items():
            if rid not in old_rows:
                out.append(Said(name, lang, "row_added", heading, new=row))
            elif old_rows[rid][1] != row:
                out.append(Said(name, lang, "row_changed", heading, old=old_rows[rid][1], new=row))
        out += [Said(name, lang, "row_removed", heading, old=row)
                for rid, (heading, row) in old_rows.items() if rid not in new_rows]
    return out


def said_sentence(said: Said, lang: str) -> str:
    """One difference in words, in the reader's language (Markdown)."""
    c = Catalog.get(lang)
    words = {"page": escape(said.page), "language": escape(language_name(said.lang, lang))}
    where = {f"where_{case}": c.t(f"page.where.{case}", **words) for case in ("gen", "loc", "dat", "abl")}
    return upper_first(c.t(f"review.{said.kind}", heading=escape(said.heading or c.t("page.top")),
                           old=escape(said.old), new=escape(said.new), **where), lang)
