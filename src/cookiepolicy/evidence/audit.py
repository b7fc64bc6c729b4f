"""Comparing what a site really stores with what its policy declares.

The evidence is read by ``readers`` (``policy scan``, HAR, the Website Evidence Collector) and the
report written by ``audit_report``. The audit reports, per item: undeclared (with a draft YAML
entry, from the Open Cookie Database when it knows the name), declared but not seen (for
information only), a lifetime or an attribute that contradicts the declaration, requests to hosts
of no declared service, and, first of all, what was stored or sent without consent: items that need
consent set before it, after "reject all", or with Global Privacy Control on when the policy says
the signal refuses them; and pixels or URL trackers of a service that needs consent sent then.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cookiepolicy.evidence.readers import Evidence, Request, Seen, Tracker, read_evidence
from cookiepolicy.evidence.suggest import Suggestions, observed_duration
from cookiepolicy.model.inventory import Duration, Inventory, Item

__all__ = ["ORDER", "Evidence", "Finding", "Request", "Seen", "Suggestions", "Tracker", "compare",
           "observed_duration", "read_evidence"]

BROWSER_CAP = 400 * 86400  # Chromium keeps no cookie longer than 400 days, whatever the site asks
TOLERANCE = 0.1  # a lifetime within 10 % (and at least an hour) of the declared one agrees with it
ORDER = ("before_consent", "after_reject", "with_gpc", "tracker_without_consent", "undeclared", "third_party",
         "lifetime", "attribute_missing", "attribute_extra", "same_site", "domain", "not_observed")
INFORMATIONAL = {"not_observed"}
# the check an item that needs consent fails when it is seen in a state without consent
WITHOUT_CONSENT = {"before": "before_consent", "reject": "after_reject", "gpc": "with_gpc"}


@dataclass
class Finding:
    check: str
    name: str
    storage: str | None = None
    values: dict[str, Any] = field(default_factory=dict)
    suggestion: str | None = None

    @property
    def informational(self) -> bool:
        return self.check in INFORMATIONAL


def _pattern(name: str) -> re.Pattern[str]:
    return re.compile("^" + ".*".join(re.escape(part) for part in name.split("*")) + "$")


class _Index:
    """Declared items by storage and name; a wildcard item (``match: wildcard``) matches as declared (``_ga_*``)."""

    def __init__(self, inventory: Inventory):
        self.exact = {item.key: item for item in inventory.items if not item.wildcard}
        self.wild = [(item, _pattern(item.name)) for item in inventory.items if item.wildcard]

    def find(self, storage: str, name: str) -> Item | None:
        item = self.exact.get((storage, name))
        if item:
            return item
        return next((i for i, p in self.wild if i.storage == storage and p.match(name)), None)


def _first_party(host: str, evidence: Evidence, site_domain: str | None) -> bool:
    hosts = evidence.first_party | ({site_domain.lower()} if site_domain else set())
    return any(host == h or host.endswith("." + h) for h in hosts)


def _lifetime_finding(item: Item, seen: Seen) -> dict[str, Any] | None:
    declared = item.duration
    if declared.kind in ("event", "conditional"):  # depends on what the visitor did: nothing to compare
        return None
    if seen.lifetime is None:
        return None if declared.kind == "session" else {"observed": Duration("session"), "declared": declared}
    if declared.kind == "session":
        return {"observed": observed_duration(seen.lifetime), "declared": declared}
    if declared.kind == "persistent":
        return None
    seconds = declared.seconds()
    if seconds is None:  # a date, per region or in words: no one length to compare with
        return None
    expected = min(float(seconds), BROWSER_CAP)
    if abs(seen.lifetime - expected) <= max(TOLERANCE * expected, 3600):
        return None
    return {"observed": observed_duration(seen.lifetime), "declared": declared}


def _attribute_findings(item: Item, seen: Seen) -> list[tuple[str, dict[str, Any]]]:
    """HttpOnly and Secure when the item lists its attributes; SameSite when it declares one."""
    out: list[tuple[str, dict[str, Any]]] = []
    declared = set(item.attributes)
    if declared:
        for attribute, value in (("HttpOnly", seen.http_only), ("Secure", seen.secure)):
            if value is None:
                continue
            if attribute in declared and not value:
                out.append(("attribute_missing", {"attribute": attribute}))
            elif attribute not in declared and value:
                out.append(("attribute_extra", {"attribute": attribute}))
    same_site = next((a.split("=", 1)[1] for a in declared if a.startswith("SameSite=")), None)
    if same_site and seen.same_site and seen.same_site.lower() != same_site.lower():
        out.append(("same_site", {"observed": seen.same_site, "declared": same_site}))
    if item.domain and seen.domain and item.domain.lstrip(".").lower() != seen.domain.lower():
        out.append(("domain", {"observed": seen.domain, "declared": item.domain}))
    return out


class _Findings:
    """Each finding once per item, check and values."""

    def __init__(self) -> None:
        self.found: dict[tuple[Any, ...], Finding] = {}

    def add(self, check: str, name: str, storage: str | None, values: dict[str, Any]) -> None:
        key = (check, storage, name, tuple(sorted((k, str(v)) for k, v in values.items())))
        self.found.setdefault(key, Finding(check, name, storage, values))

    def sorted(self) -> list[Finding]:
        return sorted(self.found.values(), key=lambda f: ORDER.index(f.check))


def _needs_consent(inventory: Inventory, item: Item) -> dict[str, str] | None:
    """The name of the item's category when it needs consent (``consent: required``), else None."""
    category = inventory.category(item.category)
    return category.name if category is not None and category.consent == "required" else None


def _without_consent(phase: str, gpc: str | None) -> str | None:
    """The check failed by an item needing consent seen in ``phase``: with GPC on, the policy's own
    promise when it states one (``global_privacy_control: reject``), else plainly "before consent"."""
    if phase == "gpc" and gpc != "reject":
        return "before_consent"
    return WITHOUT_CONSENT.get(phase)


def _item_findings(out: _Findings, inventory: Inventory, item: Item, seen: Seen, gpc: str | None) -> None:
    category = _needs_consent(inventory, item)
    check = _without_consent(seen.phase, gpc)
    if category is not None and check is not None:
        out.add(check, item.name, item.storage, {"category": category})
    if seen.storage != "cookie":
        return
    lifetime = _lifetime_finding(item, seen)
    if lifetime:
        out.add("lifetime", item.name, item.storage, lifetime)
    for name, values in _attribute_findings(item, seen):
        out.add(name, item.name, item.storage, values)


def _suggest(out: _Findings, undeclared: dict[tuple[str, str], Seen], inventory: Inventory,
             languages: tuple[str, ...], database: Path | None, lang: str) -> None:
    if not undeclared:  # the cookie database is read only when an entry is to be suggested
        return
    suggestions = Suggestions(inventory, languages, database, lang)
    for (storage, name), seen in sorted(undeclared.items()):
        finding = Finding("undeclared", name, storage)
        finding.suggestion, platform = suggestions.entry(seen)
        if platform:
            finding.values["platform"] = platform
        out.found[("undeclared", storage, name)] = finding


def _consent_services(inventory: Inventory) -> set[str]:
    """Services every one of whose declared items needs consent: what they send needs it too."""
    sets: dict[str, set[bool]] = {}
    for item in inventory.items:
        sets.setdefault(item.provider, set()).add(_needs_consent(inventory, item) is not None)
    return {sid for sid, needs in sets.items() if needs == {True}}


def _host_findings(out: _Findings, evidence: Evidence, inventory: Inventory, site_domain: str | None,
                   gpc: str | None) -> None:
    """Requests to undeclared hosts (with what looks like a tracker there), and trackers of a service
    that needs consent sent in a state without it."""
    trackers: dict[str, Tracker] = {}
    for tracker in evidence.trackers:
        trackers.setdefault(tracker.host, tracker)
    consent_only = _consent_services(inventory)
    for host in sorted({r.host for r in evidence.requests} | set(trackers)):
        if _first_party(host, evidence, site_domain):
            continue
        service = next((s for s in inventory.services if s.serves(host)), None)
        if service is None:
            seen = trackers.get(host)
            out.add("third_party", host, None, {"host": host, **({"tracker": seen.kind, "params": ", ".join(
                seen.params)} if seen else {})})
            continue
        for tracker in (t for t in evidence.trackers if t.host == host and service.id in consent_only):
            check = _without_consent(tracker.phase, gpc)
            if check is not None:
                out.add("tracker_without_consent", host, None, {"host": host, "service": service.name,
                        "tracker": tracker.kind, "params": ", ".join(tracker.params), "phase": tracker.phase})


def compare(evidence: Evidence, inventory: Inventory, site_domain: str | None = "",
            languages: tuple[str, ...] = ("en",), database: Path | None = None, lang: str = "en",
            gpc: str | None = None) -> list[Finding]:
    """Every finding, most important first; each reported once per item and check. ``gpc`` is what the
    policy says Global Privacy Control does (site.yml's ``global_privacy_control``)."""
    index = _Index(inventory)
    out = _Findings()
    matched: set[tuple[str, str]] = set()
    undeclared: dict[tuple[str, str], Seen] = {}
    for seen in evidence.seen:
        item = index.find(seen.storage, seen.name)
        if item is None:
            undeclared.setdefault((seen.storage, seen.name), seen)
            continue
        matched.add(item.key)
        _item_findings(out, inventory, item, seen, gpc)
    _suggest(out, undeclared, inventory, languages, database, lang)
    _host_findings(out, evidence, inventory, site_domain, gpc)
    for item in inventory.items:
        if item.key not in matched:
            out.add("not_observed", item.name, item.storage, {})
    return out.sorted()
