"""A small web application on loopback whose storage is known exactly, to scan and audit.

Four servers, standing for four sites: the shop at ``127.0.0.1`` (first party), a chat widget
at ``localhost`` (a declared third party), a tracker at ``127.0.0.2`` (an undeclared one) and analytics at
``127.0.0.3`` (Google's in the policy, used by ``/states`` only).
What each page stores, against the policy in ``tests/fixtures/audit-site``:

* Set-Cookie headers on every page: ``sid`` (session, HttpOnly, Lax), ``lang`` (1 year, Lax),
  ``csrf`` (2 hours, Strict, *without* the declared HttpOnly), ``remember`` (*60 days*, declared
  30 days), ``debug_flag`` (*undeclared*), ``_fbp`` (marketing, *set before consent*);
* JavaScript: cookie ``theme`` (30 days), localStorage ``ui-state`` and *undeclared*
  ``experiment-bucket``, sessionStorage ``draft-message``;
* the widget's script sets ``intercom-session-<id>`` (1 week, declared as ``intercom-session-*``);
* the tracker's script is loaded but declared by no service;
* the ``#accept`` button sets ``_ga``, ``_ga_ABC123`` (2 years; Chromium keeps 400 days) and
  *undeclared* ``_gid`` (1 day, known to the Open Cookie Database), and fetches ``/consent``,
  whose response sets ``consent`` (180 days).

``checkout_step`` is declared and never set. Pages ``/page/1`` … link to each other; ``/slow``
answers after 3 seconds.

``/states``, for the four-state scan, stores little and misbehaves once per state: ``sid`` (header) and
``theme`` (script) always; an image pixel to the analytics host (``127.0.0.3``, Google's in the policy)
with a client id in its query, before any choice; ``#reject`` sets ``consent=none`` *and* ``_ga_REJECT``;
``#accept`` sets ``_ga`` and fetches ``/consent``; with Global Privacy Control on, the server still sets
``_ga`` (it sees ``Sec-GPC: 1``, recorded in ``WebApp.gpc``) and the script ``_ga_GPC``
(``navigator.globalPrivacyControl``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HEADER_COOKIES = [
    "sid=s1; Path=/; HttpOnly; SameSite=Lax",
    "lang=en; Path=/; Max-Age=31536000; SameSite=Lax",
    "csrf=t0; Path=/; Max-Age=7200; SameSite=Strict",
    "remember=1; Path=/; Max-Age=5184000; SameSite=Lax",
    "debug_flag=1; Path=/",
    "_fbp=fb.1.1; Path=/; Max-Age=7776000; SameSite=Lax",
]

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Shop {n}</title>
<link rel="icon" href="data:,">
<script>
document.cookie = "theme=dark; path=/; max-age=2592000; samesite=lax";
localStorage.setItem("ui-state", "{{}}");
localStorage.setItem("experiment-bucket", "b");
sessionStorage.setItem("draft-message", "");
function accept() {{
  document.cookie = "_ga=GA1.1.1; path=/; max-age=63072000; samesite=lax";
  document.cookie = "_ga_ABC123=GS1.1; path=/; max-age=63072000; samesite=lax";
  document.cookie = "_gid=GA1.1.2; path=/; max-age=86400; samesite=lax";
  fetch("/consent").then(() => {{ document.getElementById("accept").textContent = "Thanks"; }});
}}
</script>
<script src="{widget}/widget.js"></script>
<script src="{tracker}/pixel.js"></script>
</head><body>
<h1>Shop page {n}</h1>
<button id="accept" onclick="accept()">Accept all</button>
<nav>{links}</nav>
</body></html>
"""

STATES_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>States</title>
<link rel="icon" href="data:,">
<script>
document.cookie = "theme=dark; path=/; max-age=2592000; samesite=lax";
if (navigator.globalPrivacyControl === true) document.cookie = "_ga_GPC=1; path=/; max-age=63072000";
function done() {{ document.getElementById("status").textContent = "Thanks"; }}
function accept() {{ document.cookie = "_ga=GA1.1.1; path=/; max-age=63072000"; fetch("/consent").then(done); }}
function reject() {{
  document.cookie = "consent=none; path=/; max-age=15552000; samesite=lax";
  document.cookie = "_ga_REJECT=1; path=/; max-age=63072000";
  done();
}}
</script>
</head><body>
<img src="{analytics}/collect?cid=1234567890.1700000000&t=pageview" alt="" width="1" height="1">
<button id="accept" onclick="accept()">Accept all</button>
<button id="reject" onclick="reject()">Reject all</button>
<p id="status"></p>
</body></html>
"""
PIXEL = bytes.fromhex("47494638396101000100800000ffffff00000021f90401000000002c00000000010001000002024401003b")

WIDGET_JS = 'document.cookie = "intercom-session-abc123=1; path=/; max-age=604800; samesite=lax";\n'
PIXEL_JS = "window.pixelLoaded = true;\n"


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # quiet in test output
        pass

    def _send(self, body: str | bytes, kind: str, cookies: list[str] = ()) -> None:
        data = body if isinstance(body, bytes) else body.encode()
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for cookie in cookies:
            self.send_header("Set-Cookie", cookie)
        self.end_headers()
        self.wfile.write(data)

    def _states(self) -> None:
        app, gpc = self.server.app, self.headers.get("Sec-GPC")
        app.gpc.append(gpc)
        cookies = [HEADER_COOKIES[0], *(["_ga=GA1.1.gpc; Path=/; Max-Age=63072000"] if gpc == "1" else [])]
        self._send(STATES_PAGE.format(analytics=app.analytics), "text/html; charset=utf-8", cookies)

    def _slow(self) -> None:  # never settles within a short time limit
        time.sleep(3)
        self._send("<!doctype html><title>slow</title>", "text/html")

    def _shop_page(self, path: str) -> bool:
        app = self.server.app
        n = 0 if path == "/" else int(path.rsplit("/", 1)[1]) if path.rsplit("/", 1)[1].isdigit() else -1
        if not 0 <= n < app.pages:
            return False
        links = " ".join(f'<a href="/page/{i}">page {i}</a>' for i in range(1, app.pages) if i != n)
        page = PAGE.format(n=n, widget=app.widget, tracker=app.tracker, links=links)
        self._send(page, "text/html; charset=utf-8", HEADER_COOKIES)
        return True

    def do_GET(self) -> None:  # the name http.server calls
        path = self.path.split("?", 1)[0]
        fixed = {
            ("widget", "/widget.js"): lambda: self._send(WIDGET_JS, "text/javascript"),
            ("tracker", "/pixel.js"): lambda: self._send(PIXEL_JS, "text/javascript"),
            ("analytics", "/collect"): lambda: self._send(PIXEL, "image/gif"),
            ("shop", "/slow"): self._slow,
            # its main thread never returns after load
            ("shop", "/busy"): lambda: self._send("<!doctype html><title>busy</title><script>addEventListener("
                                                  "'load', () => setTimeout(() => { for (;;) {} }, 50))</script>",
                                                  "text/html"),
            # one alert() after another, for ever
            ("shop", "/alerts"): lambda: self._send("<!doctype html><title>alerts</title><script>addEventListener("
                                                    "'load', () => setTimeout(() => { for (;;) { alert('hi'); } }, "
                                                    "50))</script>", "text/html"),
            ("shop", "/states"): self._states,
            ("shop", "/consent"): lambda: self._send("{}", "application/json",
                                                     ["consent=all; Path=/; Max-Age=15552000; SameSite=Lax"]),
        }
        route = fixed.get((self.server.role, path))
        if route is not None:
            route()
            return
        if self.server.role == "shop" and (path == "/" or path.startswith("/page/")) and self._shop_page(path):
            return
        self.send_error(404)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    role: str
    app: WebApp


@dataclass
class WebApp:
    shop: str = ""
    widget: str = ""
    tracker: str = ""
    analytics: str = ""
    pages: int = 1
    gpc: list[str | None] = field(default_factory=list)  # the Sec-GPC header of each request for /states

    def page(self, n: int) -> str:
        return self.shop + ("/" if n == 0 else f"/page/{n}")


@contextmanager
def running(pages: int = 1) -> Iterator[WebApp]:
    """The four servers on free loopback ports, stopped on exit."""
    app = WebApp(pages=pages)
    servers = []
    for role, host, name in (("shop", "127.0.0.1", "127.0.0.1"), ("widget", "127.0.0.1", "localhost"),
                             ("tracker", "127.0.0.2", "127.0.0.2"), ("analytics", "127.0.0.3", "127.0.0.3")):
        server = _Server((host, 0), _Handler)
        server.role, server.app = role, app
        setattr(app, role, f"http://{name}:{server.server_address[1]}")
        servers.append(server)
    threads = [threading.Thread(target=s.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True) for s in servers]
    for thread in threads:
        thread.start()
    try:
        yield app
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()
        for thread in threads:
            thread.join(5)


def record_hars(url: str, before: str, after: str, chromium: str, args: list[str]) -> None:
    """Record the page as HAR files with Playwright: a visit, and a visit where consent is given.

    Run in its own process by the tests: a Playwright already running in the test process (the
    browser tests' fixture) would refuse a second synchronous one in the same thread.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=args)
        for path, consent in ((before, False), (after, True)):
            context = browser.new_context(record_har_path=path)
            page = context.new_page()
            page.goto(url)
            page.wait_for_load_state("networkidle")
            if consent:
                page.click("#accept")
                page.get_by_text("Thanks").wait_for()
            context.close()
        browser.close()
