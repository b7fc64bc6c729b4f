"""Scanning a live site in headless Chromium: what it stores before consent, after "reject all",
after "accept all" and with Global Privacy Control on.

The scan writes evidence, not judgements: every cookie with its attributes and expiry, every
``localStorage`` and ``sessionStorage`` key, the hosts of requests, and the requests to other
sites that look like pixels or URL trackers (``trackers``), each tagged with the state (phase)
it was seen in. ``policy audit`` compares that evidence with the policy, so a scan can be kept
and audited again against a later draft or release.

Each state is a new browser context (no cookies, no storage). Cookies are read from the context,
so HttpOnly cookies are included. ``before``: nothing clicked. ``reject``: "reject all" chosen on
the first page. ``after``: consent given on the first page (the selector clicked, the script run,
or "accept all" on this project's banner). ``gpc``: nothing clicked, every request with the header
``Sec-GPC: 1`` and ``navigator.globalPrivacyControl`` true. Each lists everything stored then.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlsplit

from cookiepolicy.evidence.scan_limits import GRACE, abandon, browser_limit, page_limit
from cookiepolicy.evidence.trackers import looks_like
from cookiepolicy.model.problems import PolicyError
from cookiepolicy.safeio.fsutil import Transaction

FORMAT = "cookiepolicy-evidence"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
_STORAGE_JS = """() => {
  const read = (area) => { try { return Object.keys(area); } catch (e) { return []; } };
  return {localStorage: read(window.localStorage), sessionStorage: read(window.sessionStorage)};
}"""
_LINKS_JS = "() => Array.from(document.querySelectorAll('a[href]'), a => a.href)"


@dataclass
class ScanOptions:
    urls: list[str]
    max_pages: int = 1  # per phase, including the given URLs; more follows same-site links
    timeout: float = 15.0  # seconds per page
    deadline: float = 600.0  # seconds for the whole scan: pages left then are reported, not visited
    accept: str | None = None  # CSS selector of the consent button
    consent_script: str | None = None  # JavaScript that gives consent, run in the first page
    banner: str | None = None  # accept | reject | preferences | all through the project's own banner (scan_banner)
    reject: str | None = None  # CSS selector of another banner's "reject all" button
    gpc: bool = False  # also scan with Global Privacy Control on
    chromium: str = CHROMIUM


@dataclass
class Evidence:
    """What one scan saw, ready to be written as JSON and audited later."""

    urls: list[str]
    started: str
    first_party_hosts: list[str]
    pages: list[dict[str, Any]] = field(default_factory=list)
    cookies: list[dict[str, Any]] = field(default_factory=list)
    storage: list[dict[str, Any]] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    trackers: list[dict[str, Any]] = field(default_factory=list)
    states: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "version": 1, "urls": self.urls, "started": self.started,
                "first_party_hosts": self.first_party_hosts, "states": self.states, "pages": self.pages,
                "cookies": self.cookies, "storage": self.storage, "requests": self.requests,
                "trackers": self.trackers}


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _same_site(url: str, hosts: set[str]) -> bool:
    host = _host(url)
    return urlsplit(url).scheme in ("http", "https") and any(host == h or host.endswith("." + h) for h in hosts)


class _Phase:
    """One phase's record: what is new in the browser context since the phase started."""

    def __init__(self, name: str, evidence: Evidence):
        self.name = name
        self.evidence = evidence
        self.cookies: set[tuple[str, str, str]] = set()
        self.storage: set[tuple[str, str, str]] = set()
        self.hosts: set[str] = set()
        self.trackers: set[tuple[str, str]] = set()

    def request(self, url: str, resource_type: str = "other") -> None:
        host = _host(url)
        if not host or urlsplit(url).scheme not in ("http", "https"):
            return
        if host not in self.hosts:
            self.hosts.add(host)
            self.evidence.requests.append({"host": host, "phase": self.name, "url": urldefrag(url)[0][:300]})
        if _same_site(url, set(self.evidence.first_party_hosts)):
            return
        found = looks_like(url, resource_type)
        where = (host, urlsplit(url).path)
        if found and where not in self.trackers:  # one per host and path in each state
            self.trackers.add(where)
            self.evidence.trackers.append({"host": host, "phase": self.name, "kind": found[0], "type": resource_type,
                                           "params": list(found[1]), "url": urldefrag(url)[0][:300]})

    def collect(self, context: Any, page: Any, url: str) -> None:
        now = time.time()
        for cookie in context.cookies():
            key = (cookie["name"], cookie["domain"], cookie["path"])
            if key in self.cookies:
                continue
            self.cookies.add(key)
            expires = cookie.get("expires", -1)
            self.evidence.cookies.append({
                "name": cookie["name"], "domain": cookie["domain"], "path": cookie["path"], "phase": self.name,
                "page": url, "observed": round(now, 3), "expires": expires if expires and expires > 0 else -1,
                "httpOnly": bool(cookie.get("httpOnly")), "secure": bool(cookie.get("secure")),
                "sameSite": cookie.get("sameSite"),
            })
        for frame in page.frames:
            if not frame.url.startswith("http"):
                continue
            try:
                keys = frame.evaluate(_STORAGE_JS)
            except Exception:  # a frame that navigated or closed meanwhile has nothing to read
                continue
            origin = "{0.scheme}://{0.netloc}".format(urlsplit(frame.url))
            for storage, names in keys.items():
                for name in names:
                    key = (storage, origin, name)
                    if key not in self.storage:
                        self.storage.add(key)
                        self.evidence.storage.append({"storage": storage, "name": name, "origin": origin,
                                                      "phase": self.name, "page": url})


def _new_page(context: Any) -> Any:
    page = context.new_page()
    page.on("dialog", lambda dialog: _dismiss(dialog))  # alert(), confirm(), prompt(): answered "no"
    return page


def _dismiss(dialog: Any) -> None:
    with contextlib.suppress(Exception):
        dialog.dismiss()


def _settle(page: Any, timeout_ms: float) -> None:
    """Wait for the network to go quiet, at most the page's time limit; a busy page is read as it is."""
    with contextlib.suppress(Exception):
        page.wait_for_load_state("networkidle", timeout=max(1000, timeout_ms))
    page.wait_for_timeout(100)


def _visit(page: Any, context: Any, phase: _Phase, url: str, options: ScanOptions) -> tuple[dict[str, Any], list[str]]:
    """Open one page and read it: its record (status or error, seconds) and the links found on it."""
    started = time.monotonic()
    record: dict[str, Any] = {"url": url, "phase": phase.name}
    links: list[str] = []
    try:
        response = page.goto(url, wait_until="load", timeout=options.timeout * 1000)
        record["status"] = response.status if response else None
        _settle(page, options.timeout * 1000 - (time.monotonic() - started) * 1000)
        links = page.evaluate(_LINKS_JS)
    except Exception as exc:  # a page that fails is evidence too: it is reported, the scan goes on
        record["error"] = str(exc).splitlines()[0].removeprefix("Page.goto: ")
    with contextlib.suppress(Exception):  # a browser ended meanwhile has nothing more to read
        phase.collect(context, page, url)
    record["seconds"] = round(time.monotonic() - started, 3)
    return record, links


def _report(phase: _Phase, record: dict[str, Any], progress: Callable[[str], None]) -> None:
    phase.evidence.pages.append(record)
    status = record.get("error") or record.get("status")
    progress(f"[{phase.name}] {record['url']} ({record['seconds']:.1f} s, {status})")


def _not_visited(phase: _Phase, url: str, why: str, progress: Callable[[str], None]) -> None:
    phase.evidence.pages.append({"url": url, "phase": phase.name, "error": f"not visited: {why}", "seconds": 0})
    progress(f"[{phase.name}] {url}: not visited, {why}")


class _BrowserGone(Exception):
    """The browser was ended by a limit: the state's other pages are reported as not visited, and the
    next state is scanned in a new browser."""


BROWSER_GONE = "the browser stopped answering and was ended; the next state is scanned in a new one"


def _open_tab(context: Any) -> Any:
    """A new tab, within ``scan_limits.CLOSE`` s: else the browser is ended."""
    with browser_limit():
        try:
            return _new_page(context)
        except Exception as exc:
            raise _BrowserGone(BROWSER_GONE) from exc


def _page(tab: list[Any], context: Any, phase: _Phase, url: str, options: ScanOptions,
          progress: Callable[[str], None], ends: float) -> list[str]:
    """One page within its limit: given up (its tab left crashed, the next page in a fresh one) when
    it does not answer in time; returns the links found on it."""
    if tab[0].is_closed():
        tab[0] = _open_tab(context)
    allowed = round(max(0.5, min(options.timeout + 5, ends - time.monotonic())), 1)
    with page_limit(allowed) as fired:
        record, links = _visit(tab[0], context, phase, url, options)
        crashed = tab[0].is_closed() or _crashed(tab[0])
    if fired.steps:
        record["error"] = f"given up after {allowed:g} s: the page did not answer ({record.get('error', '')})"
    _report(phase, record, progress)
    if "kill_browser" in fired.steps or not context.browser.is_connected():
        raise _BrowserGone(BROWSER_GONE)
    if crashed or fired.steps:  # a crashed tab is not closed (a close can wait for ever): its context closes it
        tab[0] = _open_tab(context)
    return links


def _crawl(tab: list[Any], context: Any, phase: _Phase, options: ScanOptions, hosts: set[str],
           progress: Callable[[str], None], ends: float) -> None:
    queue = list(dict.fromkeys(urldefrag(u)[0] for u in options.urls))
    seen: set[str] = set()
    limit = max(options.max_pages, len(queue))
    gone = ""
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        why = gone or (f"the scan's deadline of {options.deadline:g} s was reached" if time.monotonic() >= ends
                       else "")
        if why:
            _not_visited(phase, url, why, progress)
            continue
        seen.add(url)
        try:
            links = _page(tab, context, phase, url, options, progress, ends)
        except _BrowserGone as exc:
            gone = str(exc)
            continue
        for link in (urldefrag(link)[0] for link in links):
            if _same_site(link, hosts) and link not in seen and link not in queue:
                queue.append(link)


def scan(options: ScanOptions, progress: Callable[[str], None] = print) -> Evidence:
    """Visit the pages before consent and, with a selector or script, after it."""
    if not options.urls:
        raise PolicyError("give at least one URL to scan")
    for url in options.urls:
        if urlsplit(url).scheme not in ("http", "https") or not _host(url):
            raise PolicyError(f"`{url}` is not an http(s) address: write it as https://example.com/")
    if not (Path(options.chromium).is_file() and os.access(options.chromium, os.X_OK)):
        raise PolicyError(f"no Chromium at {options.chromium}: install it (Debian: apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401  (only whether it is there: _scan uses it)
    except ImportError as exc:
        raise PolicyError("policy scan needs Playwright: pip install 'cookiepolicy[scan]'") from exc

    hosts = {_host(u) for u in options.urls}
    # the last resort: a browser that stops answering Playwright (a renderer ended in the middle of a call)
    # cannot keep the scan past its deadline; it ends, with no evidence written
    watchdog = threading.Timer(options.deadline + GRACE, abandon, args=(options.deadline,))
    watchdog.daemon = True
    watchdog.start()
    try:
        return _scan(options, progress, hosts)
    finally:
        watchdog.cancel()


def _scan(options: ScanOptions, progress: Callable[[str], None], hosts: set[str]) -> Evidence:
    from playwright.sync_api import sync_playwright

    evidence = Evidence(urls=list(options.urls), first_party_hosts=sorted(hosts),
                        started=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    with sync_playwright() as playwright:
        browser = None
        try:
            ends = time.monotonic() + options.deadline
            for state in states(options):
                if browser is None or not browser.is_connected():  # a browser ended by a limit is replaced
                    browser = playwright.chromium.launch(executable_path=options.chromium, headless=True,
                                                         args=CHROMIUM_ARGS)
                try:
                    _run_state(browser, state, evidence, options, hosts, progress, ends)
                except _BrowserGone as exc:
                    progress(f"[{state[0]}] {exc}")
        finally:
            if browser is not None:
                with browser_limit(), contextlib.suppress(Exception):
                    browser.close()
    if not any(page.get("status") and page["status"] < 400 for page in evidence.pages):
        # an audit of nothing would report "not seen" only and pass: a site that is down must fail
        first = evidence.pages[0] if evidence.pages else {}
        raise PolicyError(f"no page could be loaded ({first.get('url', '')}: "
                          f"{first.get('error') or first.get('status')}); no evidence was written")
    return evidence


def _crashed(page: Any) -> bool:
    """Whether the tab's renderer is gone (ended by its limit), or answers no script within 2 s: a
    plain ``evaluate`` has no time limit, and after a page that missed its own (a navigation still
    pending) it could wait until the limit ended the renderer under it, and never return."""
    try:
        page.wait_for_function("() => true", polling=100, timeout=2000)
    except Exception:
        return True
    return False


def _give_consent(page: Any, options: ScanOptions, progress: Callable[[str], None], steps: list[Step]) -> bool:
    """Take the state's steps in the first page; False when ``--banner`` finds no banner of this project there."""
    from cookiepolicy.evidence import scan_banner

    url = options.urls[0]
    page.goto(url, wait_until="load", timeout=options.timeout * 1000)
    _settle(page, options.timeout * 1000)
    if any(how == "banner" for how, _ in steps) and not scan_banner.has_banner(page):
        progress(f"[consent] {url}: no consent banner of this policy's site (run.js with config.js); "
                 "scanned before consent only")
        return False
    for how, what in steps:
        try:
            if how == "banner":
                scan_banner.choose(page, what, options.timeout * 1000)
            elif how == "click":
                page.click(what, timeout=options.timeout * 1000)
            else:
                page.evaluate(what)
        except Exception as exc:
            raise PolicyError(f"{url}: {_named(how, what, options)} could not be used: "
                              f"{str(exc).splitlines()[0]}") from exc
    _settle(page, options.timeout * 1000)
    how, what = steps[0]
    progress(f"[consent] {url}: " + (f"{what} chosen on the banner" if how == "banner" else
                                     "reject all chosen" if what == options.reject else "consent given"))
    return True


def _named(how: str, what: str, options: ScanOptions) -> str:
    if how == "banner":
        return f"the banner's `{what}`"
    if how == "click":
        return f"the {'consent' if what == options.accept else 'reject'} button `{what}`"
    return "the consent script"


Step = tuple[str, str]  # ("banner", choice) | ("click", selector) | ("script", js)
# navigator.globalPrivacyControl as a browser that sends the signal has it (the header is set per context)
GPC_SCRIPT = ("Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', "
              "{get: () => true, configurable: true})")


def states(options: ScanOptions) -> list[tuple[str, list[Step]]]:
    """The states to scan, in order, each with the steps that reach it on the first page."""
    banner = options.banner
    accept: list[Step] = [("banner", "accept")] if banner in ("accept", "all") else []
    accept += [("click", options.accept)] if options.accept else []
    accept += [("script", options.consent_script)] if options.consent_script else []
    reject: list[Step] = [("banner", "reject" if banner == "all" else banner)] if banner in (
        "reject", "preferences", "all") else []
    reject += [("click", options.reject)] if options.reject else []
    out: list[tuple[str, list[Step]]] = [("before", [])]
    out += [("reject", reject)] if reject else []
    out += [("after", accept)] if accept else []
    out += [("gpc", [])] if options.gpc or banner == "all" else []
    return out


def _run_state(browser: Any, state: tuple[str, list[Step]], evidence: Evidence, options: ScanOptions,
               hosts: set[str], progress: Callable[[str], None], ends: float) -> None:
    """One state in a new context: the steps on the first page (if any), then the crawl."""
    name, steps = state
    context = _open_context(browser, name == "gpc")
    phase = _Phase(name, evidence)
    context.on("request", lambda request: phase.request(request.url, request.resource_type))
    try:
        tab = [_open_tab(context)]
        if steps and not _consent_in_time(tab[0], context, phase, options, progress, steps, ends):
            return
        evidence.states.append(name)
        _crawl(tab, context, phase, options, hosts, progress, ends)
    finally:
        with browser_limit(), contextlib.suppress(Exception):  # a close can wait for ever: the browser is ended
            context.close()


def _open_context(browser: Any, gpc: bool) -> Any:
    """A new context (no cookies, no storage), within ``scan_limits.CLOSE`` s: else the browser is ended."""
    with browser_limit():
        try:
            context = browser.new_context(service_workers="block",
                                          extra_http_headers={"Sec-GPC": "1"} if gpc else None)
            if gpc:
                context.add_init_script(GPC_SCRIPT)
        except Exception as exc:
            raise _BrowserGone(BROWSER_GONE) from exc
    return context


def _consent_in_time(page: Any, context: Any, phase: _Phase, options: ScanOptions,
                     progress: Callable[[str], None], steps: list[Step], ends: float) -> bool:
    """The state's steps on the first page within their limit; False when there is no banner to use."""
    allowed = round(max(0.5, min(3 * options.timeout + 5, ends - time.monotonic())), 1)
    with page_limit(allowed) as fired:
        try:
            consented = _give_consent(page, options, progress, steps)
            if consented:
                phase.collect(context, page, options.urls[0])
        except Exception as exc:
            if not fired.steps:
                raise
            raise PolicyError(f"{options.urls[0]}: consent could not be given: the page did not answer "
                              f"within {allowed:g} s; no evidence was written") from exc
    return consented


def write_evidence(evidence: Evidence, path: Path) -> None:
    tx = Transaction()
    tx.write(path, json.dumps(evidence.to_json(), ensure_ascii=False, indent=2) + "\n", replace=True)
    tx.commit()
