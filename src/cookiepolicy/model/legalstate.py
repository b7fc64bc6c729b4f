"""Which release is in force on a date, and the legal state of every release on it.

One function decides it, and every surface (footer, notices, archive banners, the versions table,
changelog headings, exports, the sitemap, the banner's revision) reads it, so no two of them can
tell a reader different things about the same day.

The rules, for releases in version order:

* the release in force on a day is the latest version whose effective date has come;
* a release is *replaced before taking effect* once a later version, published by that day,
  takes effect on or before its own effective date: it never takes effect, and is never announced;
* a release whose effective date has not come, and which is not replaced, is *upcoming*;
* a release that took effect and is no longer the one in force is *superseded*.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from cookiepolicy.model.inventory import Release


class State(StrEnum):
    UPCOMING = "upcoming"
    IN_FORCE = "in-force"
    SUPERSEDED = "superseded"
    REPLACED = "replaced-before-effect"


@dataclass(frozen=True)
class ReleaseState:
    """One release's legal state on a day, with the facts its sentences name."""

    release: Release
    state: State
    replaced_by: Release | None = None  # the correction that replaced it before it took effect
    until: dt.date | None = None  # the last day a superseded release was in force


def in_force(releases: Sequence[Release], day: dt.date) -> Release | None:
    """The release in force on ``day``, or None when none is yet."""
    current = [r for r in releases if r.effective <= day]
    return current[-1] if current else None


def state_of(releases: Sequence[Release], release: Release, day: dt.date) -> ReleaseState:
    """``release``'s legal state on ``day`` among ``releases`` (oldest version first)."""
    index = next(i for i, r in enumerate(releases) if r.version == release.version)
    later = releases[index + 1:]
    replacement = next((r for r in later if r.effective <= release.effective and r.published <= day), None)
    if replacement is not None:
        return ReleaseState(release, State.REPLACED, replaced_by=replacement)
    if release.effective > day:
        return ReleaseState(release, State.UPCOMING)
    current = in_force(releases, day)
    if current is not None and current.version == release.version:
        return ReleaseState(release, State.IN_FORCE)
    successor = min((r.effective for r in later if r.effective <= day), default=day)
    return ReleaseState(release, State.SUPERSEDED, until=successor - dt.timedelta(days=1))


def states(releases: Sequence[Release], day: dt.date) -> list[ReleaseState]:
    """Every release's state on ``day``, in version order."""
    return [state_of(releases, r, day) for r in releases]


def upcoming(releases: Sequence[Release], day: dt.date) -> list[Release]:
    """The releases announced on ``day``: not yet in force and not replaced, in version order."""
    return [s.release for s in states(releases, day) if s.state is State.UPCOMING]


def shown(releases: Sequence[Release], day: dt.date) -> Release | None:
    """The release a published site shows on ``day``: the one in force, else the next to take effect."""
    return in_force(releases, day) or next(iter(upcoming(releases, day)), None)


def took_effect(releases: Sequence[Release], day: dt.date) -> list[Release]:
    """The releases that were, or are, in force by ``day`` (what visitors were actually shown)."""
    return [s.release for s in states(releases, day) if s.state in (State.IN_FORCE, State.SUPERSEDED)]
