"""A loaded site and the views of its pages, shared by every adapter, the exports and the CLI.

What is computed is kept per process, so a second language and every rebuild of a live preview
reuse what did not change:

* the loaded policy, while no data file changed (stat of each draft file, release and file
  recorded in SHA256SUMS); the loader's per-file cache makes a reload parse only what changed;
* each macro's Markdown (``Loaded.outputs``), keyed by the adapter on what it depends on;
* the loaded data is kept out of the cyclic garbage collector's passes (see ``_long_lived``).

An adapter maps its generator's page to (language, page, pinned version) and asks
``renderer`` for the Markdown; which inventory a page shows is decided here (``view_for``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from cookiepolicy.history.diff import PolicyDiff, diff_inventories
from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.loading.policy import load_policy
from cookiepolicy.loading.sums import read_lock
from cookiepolicy.model import legalstate
from cookiepolicy.model.inventory import Policy
from cookiepolicy.model.problems import Report
from cookiepolicy.render.macros import NAMES
from cookiepolicy.render.renderer import Renderer, View
from cookiepolicy.safeio.memo import Memo, stamp
from cookiepolicy.text.words import Refusal

# The names of the macros a page may call (declared in ``render.macros``): the Renderer's methods.
MACROS = NAMES


def today() -> dt.date:
    """The build date; ``POLICY_TODAY`` pins it for previews of a future release and for tests."""
    from cookiepolicy.safeio.envvars import date

    return date("POLICY_TODAY") or dt.date.today()


Stamp = tuple[Any, ...]


def stamps(files: SiteFiles) -> tuple[Stamp, Stamp]:
    """(everything the policy is read from, what an archived page depends on): file stats, no reading."""
    try:
        releases = tuple(sorted((p.name, stamp(p)) for p in files.releases.iterdir()))
    except OSError:
        releases = ()
    published = tuple((name, stamp(files.root / name)) for name in read_lock(files)) if releases else ()
    draft_files = files.draft_files()
    site = draft_files["site"]
    drafts = tuple(stamp(path) for path in [*draft_files.values(), files.data / "tcf.yml"])  # tcf.yml: optional
    return (drafts, releases, published), (stamp(site), releases, published)


@dataclass
class Loaded:
    """One load of a site's data; reused while ``stamp`` still describes the files."""

    stamp: Stamp
    archive_stamp: Stamp
    policy: Policy | None
    report: Report
    outputs: dict[tuple[Any, ...], str] = field(default_factory=dict)  # macro Markdown, shared by the loads of a site
    _pending: PolicyDiff | None = None

    def pending(self) -> PolicyDiff | None:
        """The draft's unreleased changes (None without a release), computed once."""
        if self.policy is None or self.policy.latest is None:
            return None
        if self._pending is None:
            self._pending = diff_inventories(self.policy.latest.inventory, self.policy.draft)
        return self._pending


_LOADED: Memo[SiteFiles, Loaded] = Memo()


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


def cached(files: SiteFiles) -> Loaded | None:
    """The last load of a site in this process, without checking its files again."""
    return _LOADED.get(files)


def view_for(policy: Policy, pinned: str | None, date: dt.date, is_production: bool,
             pending: PolicyDiff | None) -> View:
    """Which inventory a page shows: its pinned release, the release in force, or the draft."""
    if pinned is not None:
        release = policy.release(pinned)
        if release is None:
            raise Refusal("policy_version", version=repr(pinned))
        return View(release.inventory, release, archived=True)
    if is_production:
        # before the first effective date nothing is in force: show the first version, as upcoming
        release = legalstate.shown(policy.releases, date)
        return View(release.inventory if release else policy.draft, release, production=True)
    latest = policy.latest
    draft = latest is None or pending is None or not pending.empty
    return View(policy.draft, policy.in_force(date) or latest, draft=draft)


def renderer(loaded: Loaded, lang: str, src: str, pinned: str | None, date: dt.date,
              is_production: bool) -> Renderer:
    policy = loaded.policy
    assert policy is not None
    view = view_for(policy, pinned, date, is_production, loaded.pending())

    def href(target: str) -> str:
        path, _, anchor = target.partition("#")
        rel = posixpath.relpath(path, posixpath.dirname(src) or ".")
        return rel + (f"#{anchor}" if anchor else "")

    return Renderer(policy, lang, view, date, href)
