"""Reading evidence into one shape (:class:`Seen`, :class:`Request`) from the three recorders:
``policy scan``'s JSON, a HAR file (browsers' developer tools, Playwright's ``record_har_path``:
the ``Set-Cookie`` headers of every response), and the output of the European Data Protection
Supervisor's Website Evidence Collector (``inspection.json``: its ``cookies`` and
``localStorage`` sections and the hosts of its requests). A HAR or collector file does not know
when consent was given: it counts as "before consent" unless it is given with ``--after-consent``.
A scan knows its states: before consent, after "reject all", after "accept all" (``after``), and
with Global Privacy Control on (``gpc``); it also lists requests that look like pixels or URL
trackers, as evidence for the audit to judge.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cookiepolicy.evidence.scan import FORMAT
from cookiepolicy.model.problems import PolicyError
from cookiepolicy.safeio.jsonsafe import JsonProblem, read_json

PHASES = ("before", "reject", "after", "gpc")  # "after": after "accept all" (or any consent given)
NO_CONSENT = ("before", "reject", "gpc")  # the states in which the visitor consented to nothing


@dataclass(frozen=True)
class Seen:
    """One cookie or storage key as a recorder saw it."""

    storage: str  # cookie | localStorage | sessionStorage
    name: str
    phase: str  # one of PHASES
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


@dataclass(frozen=True)
class Tracker:
    """A third-party request that looks like a pixel or a URL tracker: identifiers in its query."""

    host: str
    phase: str
    source: str
    kind: str  # pixel | url
    params: tuple[str, ...]  # the query's parameters that carry identifiers (names only)


@dataclass
class Evidence:
    seen: list[Seen] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    trackers: list[Tracker] = field(default_factory=list)
    first_party: set[str] = field(default_factory=set)
    sources: list[str] = field(default_factory=list)
    phases: set[str] = field(default_factory=set)  # the states the evidence covers


def _fail(path: Path, message: str) -> PolicyError:
    return PolicyError(f"{path.as_posix()}: {message}")


_KINDS = "give a `policy scan` evidence file, a HAR file or a Website Evidence Collector inspection.json"


def _load(path: Path) -> Any:
    try:
        return read_json(path)
    except JsonProblem as exc:
        raise _fail(path, f"{exc}: {_KINDS}") from None
    except FileNotFoundError as exc:
        raise _fail(path, "file is missing") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _fail(path, f"is not JSON ({exc}): {_KINDS}") from exc
    except OSError as exc:
        raise _fail(path, f"cannot be read: {exc.strerror}") from exc


def _reader(data: Any) -> Callable[[Any, str, str, Evidence], None] | None:
    if not isinstance(data, dict):
        return None
    if data.get("format") == FORMAT:
        return lambda d, source, _phase, evidence: _read_scan(d, source, evidence)
    if isinstance(data.get("log"), dict):
        return lambda d, source, phase, evidence: _read_har(d["log"], source, phase, evidence)
    if "cookies" in data and ("uri_ins" in data or "localStorage" in data):
        return _read_wec
    return None


def read_evidence(paths: list[Path], after: list[Path] | None = None) -> Evidence:
    """Evidence from scan JSON, HAR and Website Evidence Collector files; the format is recognised."""
    evidence = Evidence()
    for path, phase in [*((p, "before") for p in paths), *((p, "after") for p in after or [])]:
        data = _load(path)
        evidence.sources.append(path.name)
        read = _reader(data)
        if read is None:
            raise _fail(path, "is neither `policy scan` evidence, a HAR file (a `log` object) nor a Website "
                        "Evidence Collector inspection.json (`cookies` and `uri_ins`)")
        try:
            read(data, path.name, phase, evidence)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise _fail(path, f"does not have the expected fields ({type(exc).__name__}: {exc}); "
                        "was it cut short or edited?") from exc
    evidence.phases.update(s.phase for s in evidence.seen)
    evidence.phases.update(r.phase for r in evidence.requests)
    return evidence


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _lifetime(expires: float | None, observed: float) -> float | None:
    return None if expires is None or expires <= 0 else max(0.0, expires - observed)


def _read_scan(data: dict[str, Any], source: str, evidence: Evidence) -> None:
    evidence.first_party.update(str(h).lower() for h in data["first_party_hosts"])
    evidence.phases.update(str(p) for p in data.get("states", ()))
    for c in data["cookies"]:
        evidence.seen.append(Seen("cookie", str(c["name"]), c["phase"], source, str(c["domain"]).lstrip("."),
                                  _lifetime(c.get("expires"), float(c["observed"])), bool(c.get("httpOnly")),
                                  bool(c.get("secure")), c.get("sameSite")))
    for s in data["storage"]:
        evidence.seen.append(Seen(s["storage"], str(s["name"]), s["phase"], source, host_of(s["origin"])))
    for r in data["requests"]:
        evidence.requests.append(Request(str(r["host"]).lower(), r["phase"], source))
    for t in data.get("trackers", ()):  # since the four-state scan; older evidence has none
        evidence.trackers.append(Tracker(str(t["host"]).lower(), t["phase"], source, str(t["kind"]),
                                         tuple(str(p) for p in t.get("params", ()))))


def _epoch(value: str) -> float:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


def _expires(value: str) -> float | None:
    with contextlib.suppress(TypeError, ValueError):
        return email.utils.parsedate_to_datetime(value).timestamp()
    return None


def _attribute(cookie: dict[str, Any], times: dict[str, float | None], key: str, value: str) -> None:
    """One ``Set-Cookie`` attribute into the cookie (flags and values) or ``times`` (its expiry)."""
    if key == "max-age" and re.fullmatch(r"-?[0-9]+", value):
        times["max_age"] = int(value)
    elif key == "expires" and (parsed := _expires(value)) is not None:
        times["expires"] = parsed
    elif key in ("httponly", "secure"):
        cookie["http_only" if key == "httponly" else "secure"] = True
    elif key in ("domain", "samesite") and value:
        if key == "domain":
            cookie["domain"] = value.lstrip(".").lower()
        else:
            cookie["same_site"] = value.capitalize()


def parse_set_cookie(header: str, host: str, now: float) -> dict[str, Any] | None:
    """One ``Set-Cookie`` header's cookie and attributes; None for a deletion or a malformed header."""
    first, *attributes = header.split(";")
    name, sep, _ = first.partition("=")
    name = name.strip()
    if not sep or not name:
        return None
    cookie: dict[str, Any] = {"name": name, "domain": host, "lifetime": None, "http_only": False,
                              "secure": False, "same_site": None}
    times: dict[str, float | None] = {}
    for attribute in attributes:
        key, _, value = attribute.strip().partition("=")
        _attribute(cookie, times, key.strip().lower(), value.strip())
    if times.get("max_age") is not None:
        cookie["lifetime"] = float(times["max_age"] or 0)
    elif times.get("expires") is not None:
        cookie["lifetime"] = (times["expires"] or 0.0) - now
    if cookie["lifetime"] is not None and cookie["lifetime"] <= 0:
        return None  # a deletion: the site removes the cookie
    return cookie


def _read_har(log: dict[str, Any], source: str, phase: str, evidence: Evidence) -> None:
    entries = log["entries"]
    if entries:
        evidence.first_party.add(host_of(entries[0]["request"]["url"]))
    for entry in entries:
        url = entry["request"]["url"]
        host = host_of(url)
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


def _wec_lifetime(c: dict[str, Any], start: float | None) -> float | None:
    set_at = (c.get("log") or {}).get("timestamp")
    observed = _epoch(set_at) if set_at else start
    expires = None if c.get("session") or c.get("expires", -1) in (-1, None) else float(c["expires"])
    if expires is not None and observed is None:
        return float(c["expiresDays"]) * 86400 if c.get("expiresDays") is not None else None
    return _lifetime(expires, observed or 0.0)


def _read_wec(data: dict[str, Any], source: str, phase: str, evidence: Evidence) -> None:
    for url in [data.get("uri_ins"), *(data.get("uri_refs") or [])]:
        if url:
            evidence.first_party.add(host_of(url))
    start = _epoch(data["start_time"]) if data.get("start_time") else None
    for c in data["cookies"]:
        evidence.seen.append(Seen("cookie", str(c["name"]), phase, source, str(c.get("domain", "")).lstrip("."),
                                  _wec_lifetime(c, start), bool(c.get("httpOnly")), bool(c.get("secure")),
                                  c.get("sameSite")))
    for origin, keys in (data.get("localStorage") or {}).items():
        for name in keys:
            evidence.seen.append(Seen("localStorage", str(name), phase, source, host_of(origin)))
    hosts = ((data.get("hosts") or {}).get("requests") or {})
    for host in [*(hosts.get("firstParty") or []), *(hosts.get("thirdParty") or [])]:
        evidence.requests.append(Request(str(host).lower(), phase, source))
