"""What the pages show: the macro calls in ``docs/``, and which items and facts they put on a page.

The pages are prose with ``{{ macro(...) }}`` calls; reading the calls (not rendering) is enough to
know that, say, no page lists the sessionStorage keys. Archived versions (``docs/versions/``) are
left out: they show releases, not the draft. A page in another language (``index.tr.md``) replaces
the default page of the same name in that language; a missing translation falls back to it, as
mkdocs-static-i18n does.
"""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cookiepolicy.loading.documents import read_checked
from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.model.inventory import Item, Policy
from cookiepolicy.model.problems import ERROR, WARNING, Problem
from cookiepolicy.render.macros import COLUMNS, GROUPS, LISTING
from cookiepolicy.render.pageguard import page_source
from cookiepolicy.render.renderer import Renderer, View
from cookiepolicy.render.tables import columns_for

_JINJA_NAMES = {"true": True, "false": False, "none": None, "True": True, "False": False, "None": None}
LISTING_MACROS = LISTING  # the macros that list items


@dataclass(frozen=True)
class Call:
    """One macro call on a page; ``literal`` is False when an argument is not a plain value."""

    name: str
    page: str
    line: int
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    literal: bool = True


class _Literals(ast.NodeTransformer):
    def visit_Name(self, node: ast.Name) -> Any:
        if node.id in _JINJA_NAMES:
            return ast.copy_location(ast.Constant(_JINJA_NAMES[node.id]), node)
        return node


def _value(node: ast.expr) -> tuple[Any, bool]:
    try:
        return ast.literal_eval(_Literals().visit(node)), True
    except (ValueError, TypeError, SyntaxError):
        return None, False


def _expressions(text: str) -> list[tuple[int, str]]:
    """Where each ``{{ ... }}`` starts and what it holds; a ``}}`` inside brackets or quotes (a
    dict of headers per language: ``{"en": "Expiration"}}``) does not end it, as in Jinja."""
    out = []
    start = text.find("{{")
    while start != -1:
        at, depth, quote = start + 2, 0, ""
        while at < len(text) and not (depth == 0 and not quote and text.startswith("}}", at)):
            ch = text[at]
            if quote:
                at += 1 if ch == "\\" else 0
                quote = "" if ch == quote else quote
            elif ch in "'\"":
                quote = ch
            elif ch in "([{":
                depth += 1
            elif ch in ")]}":
                depth = max(0, depth - 1)
            at += 1
        out.append((start, text[start + 2:at]))
        start = text.find("{{", at + 2)
    return out


def calls_in(text: str, page: str) -> list[Call]:
    """Every macro call inside ``{{ }}`` of one page, with its literal arguments; none on a page whose
    front matter says ``render_macros: false`` (its calls are shown as examples, never run)."""
    if not page_source(text)[1]:
        return []
    found = []
    for offset, expression in _expressions(text):
        source = expression.strip()
        try:
            tree = ast.parse(source, mode="eval")
        except SyntaxError:
            try:  # a Jinja filter after the call: {{ company() | upper }}
                tree = ast.parse(source.split("|")[0].strip(), mode="eval")
            except SyntaxError:
                continue
        line = text.count("\n", 0, offset) + 1
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                values = [_value(a) for a in node.args]
                kwvalues = {k.arg: _value(k.value) for k in node.keywords if k.arg}
                literal = all(ok for _, ok in values) and all(ok for _, ok in kwvalues.values())
                found.append(Call(node.func.id, page, line, tuple(v for v, _ in values),
                                  {k: v for k, (v, _) in kwvalues.items()}, literal))
    return found


def pages_by_language(files: SiteFiles, languages: Iterable[str], default: str) -> dict[str, dict[str, Path]]:
    """The Markdown pages each language is built from (suffix structure), archived versions left out."""
    languages = list(languages)
    suffixed = re.compile(r"^(.*)\.(" + "|".join(map(re.escape, languages)) + r")\.md$")
    base: dict[str, Path] = {}
    translated: dict[str, dict[str, Path]] = {lang: {} for lang in languages}
    if not files.docs.is_dir():
        return {lang: {} for lang in languages}
    for path in sorted(files.docs.rglob("*.md")):
        rel = path.relative_to(files.docs).as_posix()
        if rel.startswith("versions/"):
            continue
        match = suffixed.match(rel)
        if match:
            translated[match.group(2)][match.group(1) + ".md"] = path
        else:
            base[rel] = path
    return {lang: {**base, **(translated[lang] if lang != default else {})} for lang in languages}


def site_calls(files: SiteFiles, policy: Policy) -> dict[str, list[Call]]:
    """The macro calls of every page, per language."""
    out = {}
    for lang, pages in pages_by_language(files, policy.site.languages, policy.site.default_language).items():
        out[lang] = [call for rel, path in pages.items()
                     for call in calls_in(path.read_text(encoding="utf-8"), files.name(path))]
    return out


def _bound(method: Any, call: Call) -> dict[str, Any]:
    arguments = inspect.signature(method).bind(None, *call.args, **call.kwargs)
    arguments.apply_defaults()
    return dict(arguments.arguments)


def shown(policy: Policy, calls: Iterable[Call]) -> dict[tuple[str, str], set[str]]:
    """Items some call lists, with what it shows of them: "listed" and its columns ("duration", ...).

    A call whose arguments are not plain values may list anything: it counts as listing every
    item with every column, so that the checks never warn about what they cannot know.
    """
    renderer = Renderer(policy, policy.site.default_language, View(policy.draft, None), dt.date.today())
    out: dict[tuple[str, str], set[str]] = {}
    for call in calls:
        for items, columns in _listed(renderer, policy, call):
            for item in items:
                out.setdefault(item.key, set()).update({"listed", *columns})
    return out


Listed = list[tuple[Iterable[Item], Iterable[str]]]


def _listed(renderer: Renderer, policy: Policy, call: Call) -> Listed:
    """(items, columns shown of them) for one call; nothing for a call that lists no items."""
    if call.name not in LISTING_MACROS:
        return []
    if not call.literal:
        return [(policy.draft.items, COLUMNS)]
    try:
        args = _bound(getattr(Renderer, call.name), call)
    except TypeError:
        return []  # the build reports a call with wrong arguments
    if call.name == "cookie_table":
        grouped = (args["group_by"],) if args["group_by"] in GROUPS else ()
        return [(renderer.items(args["storage"], args["category"], args["used_on"]), (*args["columns"], *grouped))]
    if call.name == "storage_list":
        return [(renderer.items(args["storage"]), ("purpose", "duration"))]
    return [(renderer.items(category=category.id), columns_for(args["columns"], category.id))
            for category in policy.draft.categories if category.listed]


def item_lines(files: SiteFiles) -> dict[tuple[str | None, str], tuple[str, int | None, str]]:
    """Where each draft item is written: file, line and field path, for messages."""
    path = files.draft_files()["cookies"]
    doc, _ = read_checked(path, files.name(path), "cookies")
    out: dict[tuple[str | None, str], tuple[str, int | None, str]] = {}
    for i, entry in enumerate((doc.data or {}).get("items") or []):
        if isinstance(entry, dict):
            out[(entry.get("storage"), str(entry.get("name")))] = (doc.name, doc.line(("items", i)), f"items[{i}]")
    return out


def has_pages(files: SiteFiles, policy: Policy) -> bool:
    """Whether there are pages to read: a data folder alone says nothing about what pages show."""
    return any(pages_by_language(files, policy.site.languages, policy.site.default_language).values())


def unshown_items(files: SiteFiles, policy: Policy) -> list[Problem]:
    """A warning for every item of a listed category that no page of some language lists."""
    if not has_pages(files, policy):
        return []
    calls = site_calls(files, policy)
    where = item_lines(files)
    listed = {c.id for c in policy.draft.categories if c.listed}
    problems = []
    shown_in = {lang: shown(policy, lang_calls) for lang, lang_calls in calls.items()}
    for item in policy.draft.items:
        if item.category not in listed:
            continue  # a category described in prose only: its items are not listed one by one
        missing = [lang for lang, items in shown_in.items() if item.key not in items]
        if not missing:
            continue
        file, line, at = where.get(item.key, (files.name(files.draft_files()["cookies"]), None, None))
        langs = "" if len(missing) == len(shown_in) else " in " + ", ".join(f"`{lang}`" for lang in missing)
        example = f'{{{{ storage_list("{item.storage}") }}}}' if item.storage != "cookie" \
            else "{{ cookie_table() }} or {{ category_sections() }}"
        problems.append(Problem(file=file, line=line, field=at, severity=WARNING,
                                message=f"{item.storage} `{item.name}` is shown on no page{langs}",
                                hint=f"no page calls a macro that lists it: add e.g. {example}"))
    return problems


def header_problems(files: SiteFiles, policy: Policy) -> list[Problem]:
    """A call's own table headers must read in every language its page is shown in: a plain text
    only on a page of one language (``index.tr.md``, or a site of one language)."""
    served: dict[Path, list[str]] = {}
    for lang, pages in pages_by_language(files, policy.site.languages, policy.site.default_language).items():
        for path in pages.values():
            served.setdefault(path, []).append(lang)
    problems = []
    for path, langs in served.items():
        for call in calls_in(path.read_text(encoding="utf-8"), files.name(path)):
            headers = call.kwargs.get("headers") if call.name in LISTING_MACROS else None
            if not isinstance(headers, dict):
                continue
            for column, value in headers.items():
                if isinstance(value, str) and len(langs) > 1:
                    problems.append(Problem(
                        file=call.page, line=call.line, field=f"{call.name}(headers={{{column!r}: ...}})",
                        severity=ERROR, message=f"a plain text header on a page shown in {', '.join(langs)}",
                        hint=f"give it per language: {{{', '.join(f'{lang!r}: ...' for lang in langs)}}}"))
                elif isinstance(value, dict) and (missing := [lang for lang in langs if not value.get(lang)]):
                    problems.append(Problem(
                        file=call.page, line=call.line, field=f"{call.name}(headers={{{column!r}: ...}})",
                        severity=ERROR, message=f"the header has no text in {', '.join(missing)}",
                        hint="the page is shown in " + ", ".join(langs) + ": give a text for each"))
    return problems
