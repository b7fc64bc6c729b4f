"""Comparing what a site really stores with what its policy declares.

Evidence comes from three recorders, read into one shape (:class:`Seen`, :class:`Request`):
``policy scan``'s JSON, a HAR file (browsers' developer tools, Playwright's ``record_har_path``:
the ``Set-Cookie`` headers of every response), and the output of the European Data Protection
Supervisor's Website Evidence Collector (``inspection.json``: its ``cookies`` and
``localStorage`` sections and the hosts of its requests). A HAR or collector file does not know
when consent was given: it counts as "before consent" unless it is given with ``--after-consent``.

The audit reports, per item: undeclared (with a draft YAML entry, from the Open Cookie Database
when it knows the name), declared but not seen (for information only), a lifetime or an attribute
that contradicts the declaration, requests to hosts of no declared service, and, first of all,
items that need consent but were set before it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cookiepolicy.evidence.scan import FORMAT
from cookiepolicy.loading.opencookiedb import (
    CATEGORY_KINDS,
    FIRST_PARTY_CONTROLLERS,
    SOURCE,
    Row,
    parse_retention,
    read_database,
    slug,
)
from cookiepolicy.model.inventory import FIRST_PARTY, MATCH_WILDCARD, Duration, Inventory, Item
from cookiepolicy.model.problems import PolicyError
from cookiepolicy.safeio.jsonsafe import JsonProblem, read_json
from cookiepolicy.safeio.yamlsafe import dump_yaml
from cookiepolicy.text.durations import read_duration
from cookiepolicy.text.localize import Catalog, format_list, running_duration, text
from cookiepolicy.text.markdown import code, escape

MARKER = "<!-- cookie-policy-audit -->"
BROWSER_CAP = 400 * 86400  # Chromium keeps no cookie longer than 400 days, whatever the site asks
TOLERANCE = 0.1  # a lifetime within 10 % (and at least an hour) of the declared one agrees with it
ORDER = ("before_consent", "undeclared", "third_party", "lifetime", "attribute_missing", "attribute_extra",
         "same_site", "domain", "not_observed")
INFORMATIONAL = {"not_observed"}


@dataclass(frozen=True)
class Seen:
    """One cookie or storage key as a recorder saw it."""

    storage: str  # cookie | localStorage | sessionStorage
    name: str
    phase: str  # before | after (consent)
    source: str
    domain: str = ""  # a cookie's domain, without a leading dot; a storage key's host
    lifetime: float | None = None  # seconds a cookie lives; None for a session cookie or a storage key
    http_only: bool | None = None
    secure: bool | None = None
    same_site: str | None = None


@dataclass(frozen=True)
class Request:
    host: str
    phase: str
    source: str


@dataclass
class Evidence:
    seen: list[Seen] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    first_party: set[str] = field(default_factory=set)
    sources: list[str] = field(default_factory=list)


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


# ---------------------------------------------------------------- reading evidence


def _fail(path: Path, message: str) -> PolicyError:
    return PolicyError(f"{path.as_posix()}: {message}")


def read_evidence(paths: list[Path], after: list[Path] | None = None) -> Evidence:
    """Evidence from scan JSON, HAR and Website Evidence Collector files; the format is recognised."""
    evidence = Evidence()
    for path, phase in [*((p, "before") for p in paths), *((p, "after") for p in after or [])]:
        try:
            data = read_json(path)
        except JsonProblem as exc:
            raise _fail(path, f"{exc}: give a `policy scan` evidence file, a HAR file or a Website Evidence "
                        "Collector inspection.json") from None
        except FileNotFoundError as exc:
            raise _fail(path, "file is missing") from exc
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise _fail(path, f"is not JSON ({exc}): give a `policy scan` evidence file, a HAR file or a Website "
                        "Evidence Collector inspection.json") from exc
        except OSError as exc:
            raise _fail(path, f"cannot be read: {exc.strerror}") from exc
        evidence.sources.append(path.name)
        try:
            if isinstance(data, dict) and data.get("format") == FORMAT:
                _read_scan(data, path.name, evidence)
            elif isinstance(data, dict) and isinstance(data.get("log"), dict):
                _read_har(data["log"], path.name, phase, evidence)
            elif isinstance(data, dict) and "cookies" in data and ("uri_ins" in data or "localStorage" in data):
                _read_wec(data, path.name, phase, evidence)
            else:
                raise _fail(path, "is neither `policy scan` evidence, a HAR file (a `log` object) nor a Website "
                            "Evidence Collector inspection.json (`cookies` and `uri_ins`)")
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise _fail(path, f"does not have the expected fields ({type(exc).__name__}: {exc}); "
                        "was it cut short or edited?") from exc
    return evidence


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _lifetime(expires: float | None, observed: float) -> float | None:
    return None if expires is None or expires <= 0 else max(0.0, expires - observed)


def _read_scan(data: dict[str, Any], source: str, evidence: Evidence) -> None:
    evidence.first_party.update(str(h).lower() for h in data["first_party_hosts"])
    for c in data["cookies"]:
        evidence.seen.append(Seen("cookie", str(c["name"]), c["phase"], source, str(c["domain"]).lstrip("."),
                                  _lifetime(c.get("expires"), float(c["observed"])), bool(c.get("httpOnly")),
                                  bool(c.get("secure")), c.get("sameSite")))
    for s in data["storage"]:
        evidence.seen.append(Seen(s["storage"], str(s["name"]), s["phase"], source, _host(s["origin"])))
    for r in data["requests"]:
        evidence.requests.append(Request(str(r["host"]).lower(), r["phase"], source))


def _epoch(value: str) -> float:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


def parse_set_cookie(header: str, host: str, now: float) -> dict[str, Any] | None:
    """One ``Set-Cookie`` header's cookie and attributes; None for a deletion or a malformed header."""
    first, *attributes = header.split(";")
    name, sep, _ = first.partition("=")
    name = name.strip()
    if not sep or not name:
        return None
    cookie: dict[str, Any] = {"name": name, "domain": host, "lifetime": None, "http_only": False,
                              "secure": False, "same_site": None}
    max_age = expires = None
    for attribute in attributes:
        key, _, value = attribute.strip().partition("=")
        key, value = key.strip().lower(), value.strip()
        if key == "max-age" and re.fullmatch(r"-?[0-9]+", value):
            max_age = int(value)
        elif key == "expires":
            with contextlib.suppress(TypeError, ValueError):
                expires = email.utils.parsedate_to_datetime(value).timestamp()
        elif key == "domain" and value:
            cookie["domain"] = value.lstrip(".").lower()
        elif key == "httponly":
            cookie["http_only"] = True
        elif key == "secure":
            cookie["secure"] = True
        elif key == "samesite" and value:
            cookie["same_site"] = value.capitalize()
    if max_age is not None:
        cookie["lifetime"] = float(max_age)
    elif expires is not None:
        cookie["lifetime"] = expires - now
    if cookie["lifetime"] is not None and cookie["lifetime"] <= 0:
        return None  # a deletion: the site removes the cookie
    return cookie


def _read_har(log: dict[str, Any], source: str, phase: str, evidence: Evidence) -> None:
    entries = log["entries"]
    if entries:
        evidence.first_party.add(_host(entries[0]["request"]["url"]))
    for entry in entries:
        url = entry["request"]["url"]
        host = _host(url)
        if host:
            evidence.requests.append(Request(host, phase, source))
        headers = (entry.get("response") or {}).get("headers") or []
        now = _epoch(entry["startedDateTime"]) if entry.get("startedDateTime") else 0.0
        for header in headers:
            if str(header.get("name", "")).lower() != "set-cookie":
                continue
            for line in str(header.get("value", "")).split("\n"):  # some recorders join them with newlines
                cookie = parse_set_cookie(line, host, now)
                if cookie:
                    evidence.seen.append(Seen("cookie", cookie["name"], phase, source, cookie["domain"],
                                              cookie["lifetime"], cookie["http_only"], cookie["secure"],
                                              cookie["same_site"]))


def _read_wec(data: dict[str, Any], source: str, phase: str, evidence: Evidence) -> None:
    for url in [data.get("uri_ins"), *(data.get("uri_refs") or [])]:
        if url:
            evidence.first_party.add(_host(url))
    start = _epoch(data["start_time"]) if data.get("start_time") else None
    for c in data["cookies"]:
        set_at = (c.get("log") or {}).get("timestamp")
        observed = _epoch(set_at) if set_at else start
        expires = None if c.get("session") or c.get("expires", -1) in (-1, None) else float(c["expires"])
        if expires is not None and observed is None:
            lifetime = float(c["expiresDays"]) * 86400 if c.get("expiresDays") is not None else None
        else:
            lifetime = _lifetime(expires, observed or 0.0)
        evidence.seen.append(Seen("cookie", str(c["name"]), phase, source, str(c.get("domain", "")).lstrip("."),
                                  lifetime, bool(c.get("httpOnly")), bool(c.get("secure")), c.get("sameSite")))
    for origin, keys in (data.get("localStorage") or {}).items():
        for name in keys:
            evidence.seen.append(Seen("localStorage", str(name), phase, source, _host(origin)))
    hosts = ((data.get("hosts") or {}).get("requests") or {})
    for host in [*(hosts.get("firstParty") or []), *(hosts.get("thirdParty") or [])]:
        evidence.requests.append(Request(str(host).lower(), phase, source))


# ---------------------------------------------------------------- matching


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


def observed_duration(seconds: float) -> Duration:
    """A lifetime in the unit a person would write it in: days from a day on, then hours, minutes."""
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size * 0.95:
            return Duration("fixed", max(1, round(seconds / size)), unit)
    return Duration("fixed", max(1, round(seconds)), "second")


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


def compare(evidence: Evidence, inventory: Inventory, site_domain: str | None = "",
            languages: tuple[str, ...] = ("en",), database: Path | None = None, lang: str = "en") -> list[Finding]:
    """Every finding, most important first; each reported once per item and check."""
    index = _Index(inventory)
    found: dict[tuple[Any, ...], Finding] = {}
    matched: set[tuple[str, str]] = set()
    undeclared: dict[tuple[str, str], Seen] = {}

    def add(check: str, name: str, storage: str | None, values: dict[str, Any]) -> None:
        key = (check, storage, name, tuple(sorted((k, str(v)) for k, v in values.items())))
        found.setdefault(key, Finding(check, name, storage, values))

    for seen in evidence.seen:
        item = index.find(seen.storage, seen.name)
        if item is None:
            undeclared.setdefault((seen.storage, seen.name), seen)
            continue
        matched.add(item.key)
        category = inventory.category(item.category)
        if seen.phase == "before" and category is not None and category.consent == "required":
            add("before_consent", item.name, item.storage, {"category": category.name})
        if seen.storage == "cookie":
            lifetime = _lifetime_finding(item, seen)
            if lifetime:
                add("lifetime", item.name, item.storage, lifetime)
            for check, values in _attribute_findings(item, seen):
                add(check, item.name, item.storage, values)
    if undeclared:  # the cookie database is read only when an entry is to be suggested
        suggestions = Suggestions(inventory, languages, database, lang)
        for (storage, name), seen in sorted(undeclared.items()):
            finding = Finding("undeclared", name, storage)
            finding.suggestion, platform = suggestions.entry(seen)
            if platform:
                finding.values["platform"] = platform
            found[("undeclared", storage, name)] = finding
    for host in sorted({r.host for r in evidence.requests}):
        if _first_party(host, evidence, site_domain) or any(s.serves(host) for s in inventory.services):
            continue
        add("third_party", host, None, {"host": host})
    for item in inventory.items:
        if item.key not in matched:
            add("not_observed", item.name, item.storage, {})
    return sorted(found.values(), key=lambda f: ORDER.index(f.check))


# ---------------------------------------------------------------- draft entries for undeclared items


class Suggestions:
    """Ready-to-paste YAML for an undeclared item: from the Open Cookie Database when it knows the name.
    Its comment and placeholders are in the report's language ``lang``; the database's English description
    stays under every language, so that `policy validate` warns until each one is written."""

    def __init__(self, inventory: Inventory, languages: tuple[str, ...], database: Path | None, lang: str = "en"):
        self.inventory = inventory
        self.languages = languages
        self.c = Catalog.get(lang)
        self.rows = read_database(database) if database else []

    def _row(self, name: str) -> Row | None:
        exact = next((r for r in self.rows if not r.wildcard and r.name == name), None)
        if exact:
            return exact
        prefixed = [r for r in self.rows if r.wildcard and r.name and name.startswith(r.name.rstrip("*"))]
        return max(prefixed, key=lambda r: len(r.name), default=None)

    def _category(self, kind: str | None) -> str:
        fits = [c.id for c in self.inventory.categories if kind and c.kind == kind]
        return fits[0] if len(fits) == 1 else "todo"

    def _provider(self, controller: str) -> str:
        if controller.casefold() in FIRST_PARTY_CONTROLLERS:
            return FIRST_PARTY
        for service in self.inventory.services:
            if service.name.casefold() == controller.casefold() or service.id == slug(controller):
                return service.id
        return slug(controller)

    def entry(self, seen: Seen) -> tuple[str, str | None]:
        """The YAML of one list entry under ``items:``, and the database platform it came from."""
        row = self._row(seen.name) if seen.storage == "cookie" else None
        data: dict[str, Any] = {"name": seen.name, "storage": seen.storage}
        if row:
            retention = parse_retention(row.retention)
            data["name"] = row.item_name
            if row.wildcard:
                data = {"name": row.item_name, "match": MATCH_WILDCARD, **data}
            data["category"] = self._category(CATEGORY_KINDS.get(row.category))
            provider = self._provider(row.controller)
            if provider != FIRST_PARTY:
                data["provider"] = provider
            data["purpose"] = {lang: row.description or self.c.t("audit.entry.todo") for lang in self.languages}
            data["duration"] = retention.duration.to_data() if retention.duration is not None else self._duration(seen)
            used = running_duration(read_duration(self._duration(seen)), self.c.lang)
            comment = self.c.t("audit.entry.known", source=SOURCE, platform=row.platform, category=row.category,
                               duration=used)
        else:
            data["category"] = "todo"
            data["purpose"] = {lang: self.c.t("audit.entry.todo") for lang in self.languages}
            data["duration"] = self._duration(seen)
            comment = self.c.t("audit.entry.unknown")
        if seen.storage == "cookie" and seen.http_only:
            data["attributes"] = ["HttpOnly"]
        return f"# {comment}\n" + dump_yaml([data]), row.platform if row else None

    @staticmethod
    def _duration(seen: Seen) -> str:
        if seen.storage == "localStorage":
            return "persistent"
        if seen.lifetime is None:
            return "session"
        return str(observed_duration(seen.lifetime).to_data())


# ---------------------------------------------------------------- output


def _subject(c: Catalog, finding: Finding, md: bool) -> str:
    name = code(finding.name) if md else f"`{finding.name}`"
    return c.t(f"audit.subject.{finding.storage}", name=name)


def _sentence(c: Catalog, finding: Finding, lang: str, md: bool) -> str:
    values: dict[str, str] = {}
    for key, value in finding.values.items():
        if isinstance(value, Duration):
            value = running_duration(value, lang)
        elif isinstance(value, dict):
            value = text(value, lang)
        value = str(value)
        values[key] = (code(value) if key in ("host", "observed", "declared", "attribute") and not
                       isinstance(finding.values[key], Duration) else escape(value)) if md else value
    key = f"audit.{finding.check}" + ("_known" if finding.check == "undeclared" and "platform" in values else "")
    subject = _subject(c, finding, md) if finding.storage else ""
    return c.t(key, subject=subject, **values)


def report(findings: list[Finding], lang: str, fmt: str, policy_label: str, sources: list[str]) -> str:
    """The audit as Markdown (the review comment's look) or plain text."""
    c = Catalog.get(lang)
    md = fmt == "markdown"
    problems = [f for f in findings if not f.informational]
    info = [f for f in findings if f.informational]
    names = format_list([code(s) if md else s for s in sources], lang)
    out = [MARKER, f"## {c.t('audit.title')}", ""] if md else [c.t("audit.title"), ""]
    out += [c.t("audit.compared", sources=names, policy=policy_label), ""]
    if not problems:
        out += [c.t("audit.clean"), ""]
    for title, group in ((c.t("audit.problems", count=len(problems)), problems),
                         (c.t("audit.info", count=len(info)), info)):
        if not group:
            continue
        out += [("### " if md else "") + title, ""]
        for finding in group:
            out.append(f"- {_sentence(c, finding, lang, md)}")
            if finding.suggestion:
                block = ["```yaml", *finding.suggestion.rstrip("\n").splitlines(), "```"] if md else \
                    finding.suggestion.rstrip("\n").splitlines()
                out += [f"  {line}" if line else "" for line in (["", *block, ""] if md else block)]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _json_value(value: Any) -> Any:
    if isinstance(value, Duration):
        return value.to_data()
    return value


def as_json(findings: list[Finding], policy_label: str, sources: list[str]) -> dict[str, Any]:
    return {
        "policy": policy_label,
        "sources": sources,
        "problems": sum(1 for f in findings if not f.informational),
        "findings": [{"check": f.check, "name": f.name, "storage": f.storage, "informational": f.informational,
                      **{k: _json_value(v) for k, v in f.values.items()},
                      **({"suggestion": f.suggestion} if f.suggestion else {})} for f in findings],
    }
