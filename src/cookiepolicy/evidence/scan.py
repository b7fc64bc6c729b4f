"""Scanning a live site in headless Chromium: what it stores before and after consent.

The scan writes evidence, not judgements: every cookie with its attributes and expiry, every
``localStorage`` and ``sessionStorage`` key, and the hosts of requests to other sites, each
tagged with the phase it was seen in. ``policy audit`` compares that evidence with the policy,
so a scan can be kept and audited again against a later draft or release.

Cookies are read from the browser context, so HttpOnly cookies are included. A cookie seen in
the "before" phase was set before the visitor clicked anything; the "after" phase starts when
the consent selector is clicked (or the consent script has run) and lists everything stored then.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlsplit

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
    banner: str | None = None  # accept | reject | preferences through the project's own banner (scan_banner)
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

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "version": 1, "urls": self.urls, "started": self.started,
                "first_party_hosts": self.first_party_hosts, "pages": self.pages, "cookies": self.cookies,
                "storage": self.storage, "requests": self.requests}


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

    def request(self, url: str) -> None:
        host = _host(url)
        if host and urlsplit(url).scheme in ("http", "https") and host not in self.hosts:
            self.hosts.add(host)
            self.evidence.requests.append({"host": host, "phase": self.name, "url": urldefrag(url)[0][:300]})

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


def _descendants(root: int) -> list[int]:
    """This process's descendants (Playwright's driver, then Chromium and its renderers), from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError, ValueError, IndexError):
                stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                parents.setdefault(int(stat[1]), []).append(int(entry))
    found, todo = [], [root]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _kill_renderers() -> None:
    """End the page's renderer (the tab crashes; the browser lives): a busy main thread or an alert()
    loop answers no script, and Playwright waits for an answer without a time limit."""
    for pid in _descendants(os.getpid()):
        with contextlib.suppress(OSError):
            if b"--type=renderer" in Path(f"/proc/{pid}/cmdline").read_bytes():
                os.kill(pid, signal.SIGKILL)


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Whatever happens in the block, the page is given up after ``seconds``."""
    timer = threading.Timer(max(0.5, seconds), _kill_renderers)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


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


def _visit(page: Any, context: Any, phase: _Phase, url: str, options: ScanOptions,
           progress: Callable[[str], None]) -> list[str]:
    """Open one page and record it; returns the links found on it."""
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
    phase.collect(context, page, url)
    record["seconds"] = round(time.monotonic() - started, 3)
    phase.evidence.pages.append(record)
    status = record.get("error") or record.get("status")
    progress(f"[{phase.name}] {url} ({record['seconds']:.1f} s, {status})")
    return links


def _crawl(tab: list[Any], context: Any, phase: _Phase, options: ScanOptions, hosts: set[str],
           progress: Callable[[str], None], ends: float) -> None:
    queue = list(dict.fromkeys(urldefrag(u)[0] for u in options.urls))
    seen: set[str] = set()
    limit = max(options.max_pages, len(queue))
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        if time.monotonic() >= ends:
            phase.evidence.pages.append({"url": url, "phase": phase.name, "error": "not visited: the scan's "
                                         f"deadline of {options.deadline:g} s was reached", "seconds": 0})
            progress(f"[{phase.name}] {url}: not visited, the scan's deadline was reached")
            continue
        seen.add(url)
        if tab[0].is_closed():
            tab[0] = _new_page(context)
        with _deadline(min(options.timeout + 5, ends - time.monotonic())):
            links = _visit(tab[0], context, phase, url, options, progress)
            gone = tab[0].is_closed() or _crashed(tab[0])
        if gone:
            with contextlib.suppress(Exception):
                tab[0].close()
            tab[0] = _new_page(context)
        for link in links:
            link = urldefrag(link)[0]
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
    watchdog = threading.Timer(options.deadline + GRACE, _abandon, args=(options.deadline,))
    watchdog.daemon = True
    watchdog.start()
    try:
        return _scan(options, progress, hosts)
    finally:
        watchdog.cancel()


GRACE = 30  # seconds past the run's deadline before the browser is given up for good


def _abandon(deadline: float) -> None:
    for pid in _descendants(os.getpid()):
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    sys.stderr.write(f"policy scan: the browser did not answer {GRACE} s after the scan's deadline of "
                     f"{deadline:g} s; no evidence was written (try a larger --timeout, or --deadline)\n")
    sys.stderr.flush()
    os._exit(3)


def _scan(options: ScanOptions, progress: Callable[[str], None], hosts: set[str]) -> Evidence:
    from playwright.sync_api import sync_playwright

    evidence = Evidence(urls=list(options.urls), first_party_hosts=sorted(hosts),
                        started=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=options.chromium, headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(service_workers="block")
            before = _Phase("before", evidence)
            current = [before]
            context.on("request", lambda request: current[0].request(request.url))
            tab = [_new_page(context)]
            ends = time.monotonic() + options.deadline
            _crawl(tab, context, before, options, hosts, progress, ends)
            if options.accept or options.consent_script or options.banner:
                after = _Phase("after", evidence)
                current[0] = after
                consented = False
                with _deadline(min(3 * options.timeout + 5, ends - time.monotonic())):
                    consented = _give_consent(tab[0], options, progress)
                    if consented:
                        after.collect(context, tab[0], options.urls[0])
                if consented:
                    _crawl(tab, context, after, options, hosts, progress, ends)
            context.close()
        finally:
            browser.close()
    if not any(page.get("status") and page["status"] < 400 for page in evidence.pages):
        # an audit of nothing would report "not seen" only and pass: a site that is down must fail
        first = evidence.pages[0] if evidence.pages else {}
        raise PolicyError(f"no page could be loaded ({first.get('url', '')}: "
                          f"{first.get('error') or first.get('status')}); no evidence was written")
    return evidence


def _crashed(page: Any) -> bool:
    """Whether the tab's renderer is gone (ended by ``_deadline``)."""
    try:
        page.evaluate("1")
    except Exception:
        return True
    return False


def _give_consent(page: Any, options: ScanOptions, progress: Callable[[str], None]) -> bool:
    """Give consent in the first page; False when ``--banner`` finds no banner of this project there."""
    from cookiepolicy.evidence import scan_banner

    url = options.urls[0]
    page.goto(url, wait_until="load", timeout=options.timeout * 1000)
    _settle(page, options.timeout * 1000)
    if options.banner and not scan_banner.has_banner(page):
        progress(f"[consent] {url}: no consent banner of this policy's site (run.js with config.js); "
                 "scanned before consent only")
        return False
    try:
        if options.banner:
            scan_banner.choose(page, options.banner, options.timeout * 1000)
        if options.accept:
            page.click(options.accept, timeout=options.timeout * 1000)
        if options.consent_script:
            page.evaluate(options.consent_script)
    except Exception as exc:
        what = (f"the banner's `{options.banner}`" if options.banner else
                f"the consent button `{options.accept}`" if options.accept else "the consent script")
        raise PolicyError(f"{url}: {what} could not be used: {str(exc).splitlines()[0]}") from exc
    _settle(page, options.timeout * 1000)
    progress(f"[consent] {url}: " + (f"{options.banner} chosen on the banner" if options.banner else "consent given"))
    return True


def write_evidence(evidence: Evidence, path: Path) -> None:
    tx = Transaction()
    tx.write(path, json.dumps(evidence.to_json(), ensure_ascii=False, indent=2) + "\n", replace=True)
    tx.commit()
