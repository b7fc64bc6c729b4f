"""Crawling a served site as a reader's browser does: every page reachable from the language roots,
with the console errors, failed requests and third-party requests seen on the way."""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urlsplit

from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, Response, Route

from .sites import ServedSite

# ---------------------------------------------------------------- console, requests, links


class Monitor:
    """Collects console errors, page errors, failed requests and requests leaving the site, per page."""

    def __init__(self, context: BrowserContext, site: ServedSite):
        self.site = site
        self.failures: list[str] = []
        # A pattern, not a predicate: Playwright matches it without asking Python about every request.
        elsewhere = re.compile(rf"^(?!{re.escape(site.origin)}/)(https?|wss?)://")
        context.route(elsewhere, self._third_party)
        context.on("page", self.watch)
        for page in context.pages:
            self.watch(page)

    def watch(self, page: Page) -> None:
        page.on("console", lambda message: self._console(page, message))
        page.on("pageerror", lambda error: self._add(page, f"script error: {error}"))
        page.on("requestfailed", lambda request: self._failed(page, request))
        page.on("response", lambda response: self._response(page, response))

    def _add(self, page: Page | None, message: str) -> None:
        text = f"{message} (on {page.url})" if page is not None else message
        if text not in self.failures:
            self.failures.append(text)

    def _console(self, page: Page, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url", "") if message.location else ""
            self._add(page, f"console error: {message.text}" + (f" [{where}]" if where else ""))

    def _failed(self, page: Page, request: Request) -> None:
        if request.url.startswith(self.site.origin + "/"):
            self._add(page, f"request failed: {request.url} ({request.failure})")

    def _response(self, page: Page, response: Response) -> None:
        if response.status >= 400:
            self._add(page, f"HTTP {response.status}: {response.url}")

    def _third_party(self, route: Route) -> None:
        try:
            page: Page | None = route.request.frame.page
        except Exception:  # a worker's request has no frame
            page = None
        self._add(page, f"request to a third party: {route.request.url}")
        route.abort()


@dataclass
class Crawl:
    pages: dict[str, str] = field(default_factory=dict)  # url -> <html lang>
    failures: list[str] = field(default_factory=list)


_PAGE_FACTS = """() => ({
  lang: document.documentElement.lang,
  links: Array.from(document.querySelectorAll('a[href]'), a => a.href),
  ids: Array.from(document.querySelectorAll('[id], a[name]'), e => e.id || e.getAttribute('name')),
})"""


def crawl(context: BrowserContext, site: ServedSite, tabs: int = 4) -> Crawl:
    """Visit every page reachable from the language roots, following links that stay on the site.

    Fails: a page or file that does not answer 200, a link leaving the sub-path on the same host,
    a link to a missing anchor, a page whose ``<html lang>`` is not its language, a console error,
    a failed request, any request to another host, and a page of the site no link leads to.
    Up to ``tabs`` pages load at once; each is read once its requests (the search index) are done.
    """
    monitor = Monitor(context, site)
    pool = [context.new_page() for _ in range(tabs)]
    crawler = _Crawler(site)
    while crawler.queue:
        loading = []
        for page in pool[: len(crawler.queue)]:
            url = crawler.queue.popleft()
            loading.append((page, url, page.goto(url, wait_until="commit")))
        for page, url, response in loading:
            page.wait_for_load_state("networkidle")
            crawler.read(page, url, response.status if response else 0)
    crawler.finish(context)
    for page in pool:
        page.close()
    crawler.result.failures.extend(monitor.failures)
    return crawler.result


@dataclass
class _Crawler:
    """What a crawl has found so far, and the pages it has still to visit."""

    site: ServedSite
    result: Crawl = field(default_factory=Crawl)
    referrer: dict[str, str] = field(default_factory=dict)  # page -> the first page linking to it
    anchors: list[tuple[str, str, str]] = field(default_factory=list)  # (target, fragment, linking page)
    ids: dict[str, set[str]] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # a linked file that is no page -> a page linking to it
    queue: deque[str] = field(default_factory=deque)
    seen: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.queue.extend(self.site.url(lang, "") for lang in self.site.languages)
        self.seen.update(self.queue)

    def read(self, page: Page, url: str, status: int) -> None:
        """A loaded page: its status, its language, and the links it holds."""
        if status != 200:
            self.result.failures.append(f"broken link: {url} answers {status}" + _from(self.referrer, url))
            return
        facts = page.evaluate(_PAGE_FACTS)
        self.result.pages[url] = facts["lang"]
        self.ids[url] = set(facts["ids"])
        expected = self.site.language_of(url)
        if facts["lang"] != expected:
            self.result.failures.append(f"{url}: <html lang={facts['lang']!r}>, expected {expected!r}")
        for href in facts["links"]:
            self.follow(url, href)

    def follow(self, url: str, href: str) -> None:
        """A link of page ``url``: a page to visit, a file to fetch, an anchor to check; another site is left."""
        target, fragment = urldefrag(href)
        parts = urlsplit(target)
        if parts.scheme not in ("http", "https") or f"{parts.scheme}://{parts.netloc}" != self.site.origin:
            return  # mailto:, javascript:, and other sites (not fetched: no internet in CI)
        if not target.startswith(self.site.base_url):
            self.result.failures.append(f"{url}: link outside the site's path {self.site.base_url}: {href}")
            return
        if fragment:
            self.anchors.append((target, fragment, url))
        if not (target.endswith("/") or target.endswith(".html")):
            self.files.setdefault(target, url)
        elif target not in self.seen:
            self.seen.add(target)
            self.referrer[target] = url
            self.queue.append(target)

    def finish(self, context: BrowserContext) -> None:
        """Once every page is read: the linked files answer, the anchors exist, every page was reached."""
        failures = self.result.failures
        for target, source in self.files.items():
            answer = context.request.get(target)
            if answer.status != 200:
                failures.append(f"broken link: {target} answers {answer.status} (linked from {source})")
        for target, fragment, source in self.anchors:
            if target in self.ids and fragment not in self.ids[target]:
                failures.append(f"broken anchor: {target}#{fragment} (linked from {source})")
        for spec in self.site.pages:
            for lang in self.site.languages:
                if self.site.url(lang, spec.key) not in self.result.pages:
                    failures.append(f"{self.site.url(lang, spec.key)}: no link leads to this page")


def _from(referrer: dict[str, str], url: str) -> str:
    return f" (linked from {referrer[url]})" if url in referrer else ""
