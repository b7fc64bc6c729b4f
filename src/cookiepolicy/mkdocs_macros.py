"""The mkdocs-macros entry point: a thin adapter from MkDocs pages to the core renderer.

Every macro reads the page's language when it is called (mkdocs-static-i18n switches it per
build). What the adapter computes is kept per process, so the second language and every
``mkdocs serve`` rebuild reuse what did not change:

* the loaded policy, while no data file changed (stat of each draft file, release and file
  recorded in SHA256SUMS); the core's per-file cache makes a reload parse only what changed;
* each macro's Markdown, keyed on what it depends on: a page pinned to a release depends on
  site.yml and the releases only, so editing the draft re-renders the draft's pages, not the
  archive;
* the loaded data is kept out of the cyclic garbage collector's passes (see ``_long_lived``).

A strict build stops before writing anything when the data has errors; ``mkdocs serve``
shows them on the page and recovers.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import logging
import os
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diff import PolicyDiff, diff_inventories
from .load import SiteFiles, load_policy, read_lock
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
          "category_description", "category_name", "changelog", "versions_table", "withdraw_consent",
          "service_name", "usage_place", "case_form")


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


# ---------------------------------------------------------------- what is kept per process

Stamp = tuple[Any, ...]


def _stat(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def stamps(files: SiteFiles) -> tuple[Stamp, Stamp]:
    """(everything the policy is read from, what an archived page depends on): file stats, no reading."""
    try:
        releases = tuple(sorted((p.name, _stat(p)) for p in files.releases.iterdir()))
    except OSError:
        releases = ()
    published = tuple((name, _stat(files.root / name)) for name in read_lock(files)) if releases else ()
    site = files.draft_files()["site"]
    drafts = tuple(_stat(path) for path in files.draft_files().values())
    return (drafts, releases, published), (_stat(site), releases, published)


@dataclass
class Loaded:
    """One load of a site's data; reused while ``stamp`` still describes the files."""

    stamp: Stamp
    archive_stamp: Stamp
    policy: Policy | None
    report: Report
    outputs: dict[tuple, str] = field(default_factory=dict)  # macro Markdown, shared by the loads of a site
    _pending: PolicyDiff | None = None

    def pending(self) -> PolicyDiff | None:
        """The draft's unreleased changes (None without a release), computed once."""
        if self.policy is None or self.policy.latest is None:
            return None
        if self._pending is None:
            self._pending = diff_inventories(self.policy.latest.inventory, self.policy.draft)
        return self._pending


_LOADED: dict[SiteFiles, Loaded] = {}


_FROZEN: list[bool] = [False]


@contextlib.contextmanager
def _long_lived() -> Iterator[None]:
    """Load with the cyclic GC paused; after the first load, exempt what it built from later passes.

    The policy and the core's per-file cache are millions of small acyclic objects: every full
    collection during a build would walk all of them again, for nothing. ``gc.freeze`` takes
    what exists after the first load (the releases, which stay loaded) out of the collector's
    view; reference counting still frees it. It is done once per process: what later loads
    build (an edited draft) is small, and freezing again would also freeze the previous
    build's garbage cycles for good.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if not _FROZEN[0]:
            _FROZEN[0] = True
            gc.freeze()
        if enabled:
            gc.enable()


def load(files: SiteFiles) -> Loaded:
    """The site's policy, loaded again only when a data file changed; outputs still valid are kept."""
    stamp, archive_stamp = stamps(files)
    previous = _LOADED.get(files)
    if previous is not None and previous.stamp == stamp:
        return previous
    with _long_lived():
        policy, report = load_policy(files)
    outputs = previous.outputs if previous is not None else {}
    if policy is not None:  # keep what still holds: the archived pages, when only the draft changed
        for key in [key for key in outputs if key[0] != archive_stamp]:
            del outputs[key]
    loaded = Loaded(stamp, archive_stamp, policy, report, outputs)
    _LOADED[files] = loaded
    return loaded


# ---------------------------------------------------------------- the macros


def define_env(env: Any) -> None:
    config = env.conf
    files = site_files(config)
    loaded = load(files)
    policy, report = loaded.policy, loaded.report
    _report(config, report)
    if policy is None:
        if config.get("strict"):
            from mkdocs.exceptions import PluginError

            raise PluginError(f"the policy data has {len(report.errors)} error(s), listed above; nothing was built")
        env.variables["policy_problems"] = report
    else:
        env.variables.pop("policy_problems", None)
        pending = loaded.pending()
        if production(config) and pending is not None and not pending.empty:
            key = (id(config), "unreleased")
            if key not in _REPORTED:
                _REPORTED.add(key)
                notice.warning("the draft has %d unreleased change(s); this production build leaves them out",
                               len(pending.changes()) + len(pending.not_used_added) + len(pending.not_used_removed))

    for name in MACROS:
        env.macro(_bind(env, files, name), name)


# Macros whose output on a page pinned to a release depends on site.yml and the releases only
# (the changelog also lists the draft's unreleased changes).
_ARCHIVE_ONLY = frozenset(MACROS) - {"changelog"}


def _bind(env: Any, files: SiteFiles, name: str) -> Any:
    # The macro finds the data through _LOADED when it is called, not through a reference of its
    # own: a finished build's objects then keep no loaded policy alive.
    def macro(*args: Any, **kwargs: Any) -> str:
        loaded = _LOADED.get(files)
        if loaded is None or loaded.policy is None:
            return ""
        page = _page(env)
        pinned = page[2]
        deps = loaded.archive_stamp if pinned is not None and name in _ARCHIVE_ONLY else loaded.stamp
        key = (deps, name, repr(args), repr(sorted(kwargs.items())), *page)
        text = loaded.outputs.get(key)
        if text is None:
            text = str(getattr(_renderer(loaded, *page), name)(*args, **kwargs))
            loaded.outputs[key] = text
        return text

    macro.__name__ = name
    macro.__doc__ = getattr(Renderer, name).__doc__
    return macro


def _page(env: Any) -> tuple[str, str, str | None, dt.date, bool]:
    """What a macro's output depends on besides the data: language, page, pinned version, date, mode."""
    config = env.conf
    page = env.page
    meta = getattr(page, "meta", None) or {}
    pinned = meta.get("policy_version")
    src = page.file.src_uri if page is not None and getattr(page, "file", None) else "index.md"
    return (config["theme"]["language"], src, None if pinned is None else str(pinned), today(),
            production(config))


def view_for(policy: Policy, pinned: str | None, date: dt.date, is_production: bool,
             pending: PolicyDiff | None) -> View:
    """Which inventory a page shows: its pinned release, the release in force, or the draft."""
    if pinned is not None:
        release = policy.release(pinned)
        if release is None:
            raise ValueError(f"policy_version {pinned!r} is not a published release")
        return View(release.inventory, release, archived=True)
    if is_production:
        # before the first effective date nothing is in force: show the first version, as upcoming
        release = policy.in_force(date) or (policy.releases[0] if policy.releases else None)
        return View(release.inventory if release else policy.draft, release, production=True)
    latest = policy.latest
    draft = latest is None or pending is None or not pending.empty
    return View(policy.draft, policy.in_force(date) or latest, draft=draft)


def _renderer(loaded: Loaded, lang: str, src: str, pinned: str | None, date: dt.date,
              is_production: bool) -> Renderer:
    policy = loaded.policy
    assert policy is not None
    view = view_for(policy, pinned, date, is_production, loaded.pending())

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
