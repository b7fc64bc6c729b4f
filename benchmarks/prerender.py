"""The static baseline: the same pages with every macro already rendered, for mkdocs without macros.

Each page's ``{{ macro() }}`` calls are rendered through the core ``Renderer`` (the view chosen
by the adapter's own ``view_for``: an archived release for a pinned page, else the draft) into
a plain Markdown file. The site is then built by the same mkdocs, theme
and plugins, minus the macros plugin: the cost of building the pages, without the cost of
producing them from data.

The baseline must be the same site, file for file: what the adapter adds to a page's metadata
(an archived version stays out of search, the sitemap's date of the release shown) is written
into the page's front matter, and the exports the adapter publishes after the build
(``cookies.json``, ...) are computed here and written by the baseline's hook; the notice registry,
which hashes the archived pages as built, is computed by the hook after the build, as the adapter does.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
import shutil
from pathlib import Path

import jinja2
import yaml

from cookiepolicy.adapters.mkdocs.macros import MACROS, page_meta, view_for
from cookiepolicy.exchange.export import published
from cookiepolicy.history.diff import diff_inventories
from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.loading.policy import load_policy
from cookiepolicy.model.inventory import Policy
from cookiepolicy.render.renderer import Renderer, View, site_interface
from cookiepolicy.text.localize import Catalog

# The theme's interface strings (footer, description, labels) come from the data too: the static
# site gets the same words, computed here, through a hook that applies them as the adapter does.
_HOOK = """\
import json
from pathlib import Path

from cookiepolicy.adapters.mkdocs.macros import apply_interface

_SAVED = json.loads((Path(__file__).parent / "interface.json").read_text(encoding="utf-8"))


def on_config(config):
    apply_interface(config, _SAVED["words"], _SAVED["default"])
    return config


def on_post_build(config):
    site_dir = Path(config["site_dir"])
    for name, content in _SAVED["published"].items():
        target = site_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    _notices(config)


def _notices(config):
    # The notice registry hashes the archived pages as this build wrote them: computed after the
    # build, as the adapter does, from the generated site's data (read from its on-disk cache).
    import datetime as dt

    from cookiepolicy.adapters.mkdocs.macros import production, settings
    from cookiepolicy.adapters.mkdocs.notices import write_notices
    from cookiepolicy.loading.files import SiteFiles
    from cookiepolicy.loading.policy import load_policy

    files = SiteFiles(root=Path(_SAVED["site"]))
    policy, _ = load_policy(files)
    write_notices(config, files, policy, dt.date.fromisoformat(_SAVED["today"]), production(config),
                  bool(settings(config).get("cookie_settings")))
"""

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


def _with_page_meta(front: str, meta: dict, policy: Policy, lang: str, title: str, today: dt.date) -> str:
    """The page's front matter with what the adapter adds at build time (its own ``page_meta``)."""
    extra = {k: v for k, v in page_meta(policy, meta, lang, title, today).items() if meta.get(k) != v}
    if extra.get("title") and "title" in meta:  # a changed title replaces the one written
        front = re.sub(r"(?m)^title:.*\n", "", front)
    if not extra:
        return front
    lines = yaml.safe_dump(extra, sort_keys=False, allow_unicode=True)
    if not front:
        return f"---\n{lines}---\n"
    return front[: -len("---\n")] + lines + "---\n"


def prerender(site: Path, target: Path, config_text: str, today: dt.date) -> int:
    """Write ``target`` as a static copy of ``site``; returns the number of pages rendered."""
    if target.exists():
        shutil.rmtree(target)
    (target / "overrides").mkdir(parents=True)
    policy, report = load_policy(SiteFiles(root=site))
    if policy is None:
        raise SystemExit("the generated site does not validate:\n" + report.format())
    langs = [code for code in policy.site.languages if Catalog.has(code)]
    words = {code: site_interface(Renderer(policy, code, View(policy.draft, None), today)) for code in langs}
    outputs, _ = published(SiteFiles(root=site), today, False)
    (target / "interface.json").write_text(json.dumps({"default": policy.site.default_language, "words": words,
                                                       "published": outputs, "site": str(site.resolve()),
                                                       "today": today.isoformat()}), encoding="utf-8")
    (target / "interface_hook.py").write_text(_HOOK, encoding="utf-8")
    (target / "mkdocs.yml").write_text(config_text + "hooks:\n  - interface_hook.py\n", encoding="utf-8")
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    pending = diff_inventories(policy.latest.inventory, policy.draft) if policy.latest else None
    docs = site / "docs"
    named = re.search(r"(?m)^site_name:\s*(.+?)\s*$", config_text)  # the title of a page without one
    site_name = named.group(1).strip("\"'") if named else ""
    count = 0
    for path in sorted(docs.rglob("*.md")):
        src = path.relative_to(docs).as_posix()
        text = path.read_text(encoding="utf-8")
        match = _FRONT_MATTER.match(text)
        meta = (yaml.safe_load(match.group(1)) or {}) if match else {}
        front, body = (text[: match.end()], text[match.end():]) if match else ("", text)
        lang = "tr" if path.name.endswith(".tr.md") else "en"

        def href(target_path: str, src: str = src) -> str:
            where, _, anchor = target_path.partition("#")
            rel = posixpath.relpath(where, posixpath.dirname(src) or ".")
            return rel + (f"#{anchor}" if anchor else "")

        pinned = meta.get("policy_version")
        heading = re.search(r"(?m)^# (.+)$", body)
        title = str(meta.get("title") or (heading.group(1).strip() if heading else "") or site_name)
        front = _with_page_meta(front, meta, policy, lang, title, today)
        view = view_for(policy, None if pinned is None else str(pinned), today, False, pending)
        renderer = Renderer(policy, lang, view, today, href)
        macros = {name: getattr(renderer, name) for name in MACROS}
        out = target / "docs" / src
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(front + env.from_string(body).render(**macros), encoding="utf-8")
        count += 1
    return count
