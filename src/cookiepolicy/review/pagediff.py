"""What changed in the policy pages themselves: their title, the prose of each section, the tables' columns.

The data diff sees cookies and services; a reader also reads the page around them. A changed
paragraph, a new title or a table that gains or loses a column changes what the policy says, so
the review lists each, in words, and ``policy diff --exit-code`` counts it.

A page is compared section by section (a section is a heading and what follows it, up to the next
heading). Macro calls of tables are compared by their structure (``columns=``, ``headers=``), other
text as text. Columns are named by the header the page shows: a call's ``headers=``, else site.yml's
``table_headers``, else the catalog's.
"""

from __future__ import annotations

import ast
import contextlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cookiepolicy.history.diff import Side
from cookiepolicy.history.gitdata import git, git_path
from cookiepolicy.history.releases import policy_pages
from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.model.inventory import Localized
from cookiepolicy.model.problems import PolicyError
from cookiepolicy.render.macros import CALL, TABLES
from cookiepolicy.render.sentences import shorten
from cookiepolicy.text.localize import Catalog, language_name, text
from cookiepolicy.text.markdown import escape

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{[^}]*\})?\s*$")
_PIN = re.compile(r'^policy_version: .*\n', re.M)
_UP = re.compile(r"\]\((?:\.\./)+")
TABLE_MACROS = TABLES  # the table macros and their default columns


@dataclass(frozen=True)
class PageChange:
    """One change of a policy page, with what its sentence names."""

    page: str  # the page's file name under docs/
    lang: str  # the page's language
    kind: str  # title, section_changed, section_added, section_removed, columns_added, columns_removed, header
    section: str = ""
    old: str = ""
    new: str = ""


@dataclass(frozen=True)
class Table:
    macro: str
    columns: tuple[str, ...]
    headers: Mapping[str, object]


@dataclass
class Page:
    title: str
    sections: dict[str, str]  # heading -> its prose, whitespace folded, table calls by name only
    tables: dict[str, list[Table]]  # heading -> its tables, in order


def _call_args(source: str) -> dict[str, object] | None:
    """The keyword arguments of a macro call whose values are literals; None when it is not Python."""
    try:
        node = ast.parse(f"f({source})", mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    if not isinstance(node, ast.Call):
        return None
    out: dict[str, object] = {}
    for keyword in node.keywords:
        try:
            out[keyword.arg or ""] = ast.literal_eval(keyword.value)
        except (ValueError, TypeError, SyntaxError, RecursionError):
            out[keyword.arg or ""] = ast.unparse(keyword.value)
    return out


def normalize(source: str) -> str:
    """An archived page read like the page it was made from: no version pin, links not re-pointed."""
    match = FRONT_MATTER.match(source)
    if match:
        source = "---\n" + _PIN.sub("", match.group(1) + "\n").rstrip("\n") + "\n---\n" + source[match.end():]
    return _UP.sub("](", source)


def read_page(source: str) -> Page:
    """A page's title, sections and tables."""
    source = normalize(source)
    title = ""
    match = FRONT_MATTER.match(source)
    if match:
        found = re.search(r"^title:\s*(.+?)\s*$", match.group(1), re.M)
        title = found.group(1).strip("'\"") if found else ""
        source = source[match.end():]
    sections: dict[str, list[str]] = {"": []}
    tables: dict[str, list[Table]] = {"": []}
    current = ""
    for line in source.splitlines():
        heading = HEADING.match(line)
        if heading:
            current = heading.group(2)
            if heading.group(1) == "#" and not title:
                title = current
            sections.setdefault(current, [])
            tables.setdefault(current, [])
            continue
        sections[current].append(line)
    prose: dict[str, str] = {}
    for name, lines in sections.items():
        body = "\n".join(lines)

        def table(match: re.Match[str], name: str = name) -> str:
            macro = match.group(1)
            if macro not in TABLE_MACROS:
                return match.group(0)
            args = _call_args(match.group(2)) or {}
            columns = args.get("columns", TABLE_MACROS[macro])
            cols = tuple(columns) if isinstance(columns, list | tuple) else (str(columns),)
            headers: Mapping[str, object] = given if isinstance(given := args.get("headers"), dict) else {}
            tables[name].append(Table(macro, cols, headers or {}))
            return f"{{{{ {macro} }}}}"

        folded = " ".join(CALL.sub(table, body).split())
        if folded or name:
            prose[name] = folded
    return Page(title, prose, tables)


def _header(column: str, table: Table, site_headers: Mapping[str, Localized], lang: str) -> str:
    own = table.headers.get(column)
    if isinstance(own, str):
        return own
    if isinstance(own, dict) and own.get(lang):
        return str(own[lang])
    if site_headers.get(column):
        return text(site_headers[column], lang)
    return Catalog.get(lang).maybe(f"column.{column}") or column


def page_lang(name: str, default: str) -> str:
    """``index.tr.md`` is Turkish; ``index.md`` is in the site's default language."""
    match = re.search(r"\.([a-z]{2})\.md$", name)
    return match.group(1) if match else default


def diff_pages(old: Mapping[str, str], new: Mapping[str, str], default_lang: str,
               old_headers: Mapping[str, Localized] | None = None,
               new_headers: Mapping[str, Localized] | None = None) -> list[PageChange]:
    """Every change between two sets of policy pages (file name -> Markdown source)."""
    out: list[PageChange] = []
    old_headers, new_headers = old_headers or {}, new_headers or {}
    for name in sorted(set(old) | set(new)):
        lang = page_lang(name, default_lang)
        a = read_page(old[name]) if name in old else Page("", {}, {})
        b = read_page(new[name]) if name in new else Page("", {}, {})
        if a.title != b.title:
            out.append(PageChange(name, lang, "title", old=a.title, new=b.title))
        out += _section_changes(name, lang, a, b)
        for section in b.tables:
            before, after = a.tables.get(section, []), b.tables[section]
            for old_table, new_table in zip(before, after, strict=False):
                out += _table_changes(name, lang, section, old_table, new_table, old_headers, new_headers)
        out += _site_header_changes(name, lang, b, old_headers, new_headers)
    return out


def _section_changes(name: str, lang: str, a: Page, b: Page) -> list[PageChange]:
    """Sections removed, added (the untitled top of a page is never "added") and changed."""
    out = [PageChange(name, lang, "section_removed", section) for section in a.sections if section not in b.sections]
    for section, body in b.sections.items():
        if section not in a.sections:
            if section:
                out.append(PageChange(name, lang, "section_added", section))
        elif a.sections[section] != body:
            out.append(PageChange(name, lang, "section_changed", section, a.sections[section], body))
    return out


def _site_header_changes(name: str, lang: str, b: Page, old_headers: Mapping[str, Localized],
                         new_headers: Mapping[str, Localized]) -> list[PageChange]:
    """A changed ``table_headers`` of site.yml, where the page shows that column without its own header."""
    out = []
    for column in sorted(set(old_headers) | set(new_headers)):
        was = text(old_headers[column], lang) if column in old_headers else ""
        now = text(new_headers[column], lang) if column in new_headers else ""
        shows = any(column in t.columns and column not in t.headers for ts in b.tables.values() for t in ts)
        if was != now and shows:
            was = was or Catalog.get(lang).maybe(f"column.{column}") or column
            now = now or Catalog.get(lang).maybe(f"column.{column}") or column
            out.append(PageChange(name, lang, "header", "", was, now))
    return out


def _table_changes(name: str, lang: str, section: str, a: Table, b: Table, old_headers: Mapping[str, Localized],
                   new_headers: Mapping[str, Localized]) -> list[PageChange]:
    out = []
    added = [c for c in b.columns if c not in a.columns]
    removed = [c for c in a.columns if c not in b.columns]
    if added:
        out.append(PageChange(name, lang, "columns_added", section,
                              new=", ".join(_header(c, b, new_headers, lang) for c in added)))
    if removed:
        out.append(PageChange(name, lang, "columns_removed", section,
                              old=", ".join(_header(c, a, old_headers, lang) for c in removed)))
    for column in b.columns:
        if column in a.columns and column in (set(a.headers) | set(b.headers)):
            was, now = _header(column, a, old_headers, lang), _header(column, b, new_headers, lang)
            if was != now:
                out.append(PageChange(name, lang, "header", section, was, now))
    return out


def page_sentence(change: PageChange, lang: str) -> str:
    """One change in words, in the reader's language (Markdown, text from the page escaped)."""
    c = Catalog.get(lang)
    words = {"page": escape(change.page), "language": escape(language_name(change.lang, lang))}
    values = {f"where_{case}": c.t(f"page.where.{case}", **words) for case in ("gen", "loc", "dat", "abl")}
    values["section"] = escape(change.section or c.t("page.top"))
    if change.kind in ("title", "section_changed", "header"):
        old, new = shorten(change.old, change.new)
        values |= {"old": escape(old), "new": escape(new)}
    else:
        values |= {"old": escape(change.old), "new": escape(change.new)}
    if change.kind == "header" and not change.section:
        return c.t("page.site_header", **values)
    return c.t(f"page.{change.kind}", **values)


# ---------------------------------------------------------------- where the pages are read from


def pages_in_tree(files: SiteFiles) -> dict[str, str]:
    """The policy pages of the working tree, by their name under docs/."""
    try:
        pages = policy_pages(files)
    except PolicyError:
        return {}
    out = {}
    for page in pages:
        with contextlib.suppress(OSError, UnicodeDecodeError):  # an unreadable page is the build's to report
            out[page.relative_to(files.docs).as_posix()] = page.read_text(encoding="utf-8")
    return out


def pages_of_release(files: SiteFiles, version: str) -> dict[str, str]:
    """A release's archived pages, named as the pages they were made from."""
    folder = files.docs / "versions" / version
    out = {}
    for page in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
        with contextlib.suppress(OSError, UnicodeDecodeError):
            out[page.relative_to(folder).as_posix()] = page.read_text(encoding="utf-8")
    return out


def pages_at(files: SiteFiles, rev: str, names: list[str]) -> dict[str, str]:
    """The policy pages at a git revision (those of ``names`` that exist there)."""
    top = Path(git(files.root, "rev-parse", "--show-toplevel"))
    out = {}
    for name in names:
        with contextlib.suppress(PolicyError, UnicodeDecodeError):
            out[name] = git(top, "show", f"{rev}:{git_path(top, files.docs / name)}") + "\n"
    return out


def side_pages(files: SiteFiles, base: Side, base_ref: str, head: Side, head_ref: str | None) -> tuple[
        dict[str, str], dict[str, str]]:
    """The pages of both sides of ``policy diff``: a release's archived pages, the pages at a git
    revision, or (``head_ref`` None) the working tree's."""
    tree = pages_in_tree(files)

    def pages(side: Side, ref: str | None) -> dict[str, str]:
        if ref is None:
            return tree
        if side.is_release:
            return pages_of_release(files, ref)
        try:
            return pages_at(files, ref, sorted(tree))
        except PolicyError:
            return {}

    return pages(base, base_ref), pages(head, head_ref)


def page_changes(files: SiteFiles, base: Side, base_ref: str, head: Side, head_ref: str | None) -> tuple[
        PageChange, ...]:
    """The page changes between two sides of ``policy diff`` (see ``side_pages``)."""
    old, new = side_pages(files, base, base_ref, head, head_ref)
    policy = head.policy or base.policy
    if policy is None or not (old or new):
        return ()
    headers = [s.policy.site.table_headers if s.policy else {} for s in (base, head)]
    return tuple(diff_pages(old, new, policy.site.default_language, *headers))
