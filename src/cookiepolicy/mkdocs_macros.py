"""The mkdocs-macros entry point: a thin adapter from MkDocs pages to the core renderer.

Every macro reads the page's language when it is called (mkdocs-static-i18n switches it per
build), and the data is loaded through the core's per-file cache, so the second language and
every ``mkdocs serve`` rebuild reuse what did not change. A strict build stops before writing
anything when the data has errors; ``mkdocs serve`` shows them on the page and recovers.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import posixpath
from pathlib import Path
from typing import Any

from .diff import diff_inventories
from .load import SiteFiles, load_policy
from .markdown import escape
from .model import Policy
from .problems import Report
from .render import Renderer, View

log = logging.getLogger("mkdocs.plugins.cookiepolicy")
# Outside mkdocs' namespace on purpose: seen even with -q, yet not counted by --strict, so a
# production deploy of merged-but-unreleased edits goes ahead (without them) and says so.
notice = logging.getLogger("cookiepolicy.build")
if not notice.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    notice.addHandler(_handler)
    notice.propagate = False
_REPORTED: set[tuple[int, str]] = set()
MACROS = ("company", "domain", "contact_email", "version", "release_line", "notices", "cookie_table",
          "storage_list", "services_list", "category_sections", "not_used_statement", "legal_basis",
          "category_description", "category_name", "changelog", "versions_table")


def settings(config: Any) -> dict[str, Any]:
    extra = config.get("extra") or {}
    return dict(extra.get("policy") or {})


def site_files(config: Any) -> SiteFiles:
    root = Path(config["config_file_path"]).resolve().parent
    options = settings(config)
    return SiteFiles(root=root, data_dir=options.get("data_dir", "data"), docs_dir=config["docs_dir"])


def today() -> dt.date:
    """The build date; ``POLICY_TODAY`` pins it for previews of a future release and for tests."""
    pinned = os.environ.get("POLICY_TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


def production(config: Any) -> bool:
    flag = os.environ.get("POLICY_PRODUCTION", str(settings(config).get("production", "")))
    return flag.lower() in ("1", "true", "yes", "on")


def _report(config: Any, report: Report) -> None:
    key = (id(config), report.format())
    if key in _REPORTED:
        return
    _REPORTED.add(key)
    for problem in report:
        if problem.severity == "error":
            log.error(problem.format())
        else:
            log.info(problem.format())


def define_env(env: Any) -> None:
    config = env.conf
    files = site_files(config)
    policy, report = load_policy(files)
    _report(config, report)
    if policy is None:
        if config.get("strict"):
            from mkdocs.exceptions import PluginError

            raise PluginError(f"the policy data has {len(report.errors)} error(s), listed above; nothing was built")
        env.variables["policy_problems"] = report
    else:
        env.variables.pop("policy_problems", None)
        if production(config) and policy.latest is not None:
            pending = diff_inventories(policy.latest.inventory, policy.draft)
            if not pending.empty:
                key = (id(config), "unreleased")
                if key not in _REPORTED:
                    _REPORTED.add(key)
                    notice.warning("the draft has %d unreleased change(s); this production build leaves them out",
                             len(pending.changes()) + len(pending.not_used_added) + len(pending.not_used_removed))

    def renderer() -> Renderer | None:
        return _renderer(env, policy)

    for name in MACROS:
        env.macro(_bind(renderer, name), name)


def _bind(renderer: Any, name: str) -> Any:
    def macro(*args: Any, **kwargs: Any) -> str:
        r = renderer()
        return "" if r is None else str(getattr(r, name)(*args, **kwargs))

    macro.__name__ = name
    macro.__doc__ = getattr(Renderer, name).__doc__
    return macro


def _renderer(env: Any, policy: Policy | None) -> Renderer | None:
    if policy is None:
        return None
    config = env.conf
    lang = config["theme"]["language"]
    page = env.page
    meta = getattr(page, "meta", None) or {}
    date = today()
    pinned = meta.get("policy_version")
    if pinned is not None:
        release = policy.release(str(pinned))
        if release is None:
            raise ValueError(f"policy_version {pinned!r} is not a published release")
        view = View(release.inventory, release, archived=True)
    elif production(config):
        release = policy.in_force(date) or policy.latest
        view = View(release.inventory if release else policy.draft, release, production=True)
    else:
        latest = policy.latest
        draft = latest is None or not diff_inventories(latest.inventory, policy.draft).empty
        view = View(policy.draft, policy.in_force(date) or latest, draft=draft)
    src = page.file.src_uri if page is not None and getattr(page, "file", None) else "index.md"

    def href(target: str) -> str:
        path, _, anchor = target.partition("#")
        rel = posixpath.relpath(path, posixpath.dirname(src) or ".")
        return rel + (f"#{anchor}" if anchor else "")

    return Renderer(policy, lang, view, date, href)


def on_post_page_macros(env: Any) -> None:
    """With broken data, every page starts with the list of problems (``mkdocs serve`` keeps running)."""
    report: Report | None = env.variables.get("policy_problems")
    if not report:
        return
    lang = env.conf["theme"]["language"]
    from .localize import Catalog

    c = Catalog.get(lang if Catalog.has(lang) else "en")
    lines = "\n".join(f"    - {escape(p.format())}" for p in report.errors)
    box = f'!!! failure "{escape(c.t("errors.title"))}"\n    {escape(c.t("errors.note"))}\n\n{lines}\n\n'
    env.markdown = box + env.markdown
