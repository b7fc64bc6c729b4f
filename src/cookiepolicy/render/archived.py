"""What an archived document says, recorded with its release and rendered again by ``policy verify``.

The wording file freezes the words an archived page is made of, but the words are put together
by the engine: a new engine may build another sentence from the same facts and words, and a
setting that is neither a fact nor frozen wording would show its new value. So ``policy release``
also records what each macro call of each archived page rendered to (the Markdown the core
makes, in ``data/releases/rendered/VERSION.yml``), and ``policy verify`` renders every call again
with the engine, catalogs and site settings of today: any difference is an archived document
that would change, named by version, page, line and call. The notice above an archived page and
the record of all versions (``notices``, ``changelog``, ``versions_table``) are today's, not the
document's, and are left out.
"""

from __future__ import annotations

import ast
import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from cookiepolicy.history.wording import Wording, rendered_path
from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.loading.policy import load_policy
from cookiepolicy.model.inventory import Policy, Release
from cookiepolicy.model.problems import Problem
from cookiepolicy.render.macros import CALL, TODAYS
from cookiepolicy.render.renderer import Renderer, View
from cookiepolicy.render.site import MACROS
from cookiepolicy.safeio import cache
from cookiepolicy.safeio.yamlsafe import dump_yaml
from cookiepolicy.text.localize import Catalog
from cookiepolicy.text.words import say

_LANG_SUFFIX = re.compile(r"\.([a-z]{2})\.md$")


@dataclass(frozen=True)
class Rendered:
    """One macro call of an archived page and what it rendered to."""

    line: int
    call: str
    text: str


def _arguments(source: str) -> tuple[list[Any], dict[str, Any]] | None:
    try:
        node = ast.parse(f"f({source})", mode="eval").body
        assert isinstance(node, ast.Call)
        return ([ast.literal_eval(a) for a in node.args],
                {k.arg: ast.literal_eval(k.value) for k in node.keywords if k.arg})
    except (SyntaxError, ValueError, TypeError, AssertionError, RecursionError, MemoryError):
        return None


def _output(renderer: Renderer, name: str, source: str) -> str:
    """A call's output; a call that cannot render records why (the build reports it to the author)."""
    parsed = _arguments(source)
    if parsed is None:
        return "(not a call with literal arguments)"
    try:
        return str(getattr(renderer, name)(*parsed[0], **parsed[1]))
    except Exception as exc:  # the same failure on both sides is no change
        return f"({type(exc).__name__}: {exc})"


def page_language(page: str, default: str) -> str:
    """``index.tr.md`` is Turkish; a page without a language suffix is in the site's default language."""
    found = _LANG_SUFFIX.search(page)
    return found.group(1) if found else default


def render_page(policy: Policy, release: Release, lang: str, text: str,
                wording: Wording | None = None) -> list[Rendered]:
    """Every macro call of an archived page (outside today's notices) with its output, in page order."""
    view = View(release.inventory, release, archived=True, wording=wording)
    renderer = Renderer(policy, lang, view, release.effective)
    out = []
    for match in CALL.finditer(text):
        name = match.group(1)
        if name in TODAYS or name not in MACROS:
            continue
        line = text.count("\n", 0, match.start()) + 1
        out.append(Rendered(line, match.group(0), _output(renderer, name, match.group(2))))
    return out


def record(policy: Policy, release: Release, wording: Wording, pages: dict[str, str]) -> str:
    """The record ``policy release`` writes (a ``releases.Recorder``): each archived page's calls."""
    default = (release.site or policy.site).default_language
    data: dict[str, Any] = {"version": release.version, "pages": {}}
    for page, text in sorted(pages.items()):
        lang = page_language(page, default)
        if Catalog.has(lang):
            data["pages"][page] = [{"line": r.line, "call": r.call, "text": r.text}
                                   for r in render_page(policy, release, lang, text, wording)]
    header = (f"# What the archived pages of release {release.version} rendered to: recorded by `policy release`.\n"
              "# Never edit this file; its checksum is in SHA256SUMS. `policy verify` renders them again.\n")
    return header + dump_yaml(data)


def _recorded(path: Path) -> dict[str, list[Rendered]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}  # an unreadable or edited record fails its checksum in validate
    pages = data.get("pages") if isinstance(data, dict) else None
    try:
        return {str(page): [Rendered(int(c["line"]), str(c["call"]), str(c["text"])) for c in calls]
                for page, calls in (pages if isinstance(pages, dict) else {}).items() if isinstance(calls, list)}
    except (KeyError, TypeError, ValueError):
        return {}


def _difference(old: str, new: str) -> tuple[str, str]:
    """The first line where two outputs differ, each side shortened."""
    pairs = itertools.zip_longest(old.splitlines(), new.splitlines(), fillvalue="")
    before, after = next(((a, b) for a, b in pairs if a != b), (old, new))
    return _short(before), _short(after)


def _short(line: str, width: int = 160) -> str:
    line = " ".join(line.split())
    return line if len(line) <= width else line[:width - 1] + "…"


def archive_changes(files: SiteFiles) -> list[Problem]:
    """``changed_archives`` of the site as its files are now (no cache others may have filled)."""
    with cache.bypass():
        policy, _ = load_policy(files)
    return changed_archives(files, policy) if policy is not None else []  # its errors: verify reports them


def changed_archives(files: SiteFiles, policy: Policy) -> list[Problem]:
    """Every archived document whose text today's engine, catalogs and settings would change."""
    problems = []
    for release in policy.releases:
        default = (release.site or policy.site).default_language  # the language its pages were published in
        for page, calls in _recorded(rendered_path(files.releases, release.version)).items():
            path = files.docs / page
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue  # a missing or edited archived page is reported by its checksum and its history
            now = {(r.line, r.call): r.text for r in render_page(policy, release, page_language(page, default), text)}
            for call in calls:
                if now.get((call.line, call.call)) != call.text:
                    problems.append(_changed(files, release, page, path, call, now.get((call.line, call.call), "")))
    return problems


def _changed(files: SiteFiles, release: Release, page: str, path: Path, call: Rendered, now: str) -> Problem:
    before, after = _difference(call.text, now)
    return Problem(file=files.name(path), line=call.line, field=call.call,
                   message=say("verify.archive_changed", version=release.version, page=page, call=call.call,
                               before=before, after=after),
                   hint=say("verify.archive_changed_hint", version=release.version))
