"""From a save to the browser: ``mkdocs serve`` and headless Chromium, as an author previews an edit.

Usage: python browser.py SITE ROUNDS; starts ``mkdocs serve`` on a free port, opens the English
policy page in Chromium (Playwright, ``$CHROMIUM`` or /usr/bin/chromium), then per round edits
one line of data/cookies.yml (the English purpose of the first item, as rebuild.py does) and
waits until the page in the browser shows the new text (the server rebuilds, the page reloads
itself). Prints one JSON object: the seconds from each save to the new text on screen.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright
from rebuild import edit

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
COUNT = "() => document.body ? document.body.innerText.split('(edited)').length - 1 : -1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_served(url: str, server: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"mkdocs serve stopped ({server.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"mkdocs serve did not answer at {url} within {timeout:.0f}s")


def shown(page, expected: int, timeout: float) -> None:
    """Wait until the page says "(edited)" ``expected`` times; a reload in between is no error."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if page.evaluate(COUNT) == expected:
                return
        except PlaywrightError:  # the page is reloading: its context is gone for a moment
            pass
        time.sleep(0.02)
    raise SystemExit(f"the browser did not show the edit within {timeout:.0f}s")


def main() -> None:
    site, rounds = Path(sys.argv[1]), int(sys.argv[2])
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        raise SystemExit(f"no Chromium at {CHROMIUM}: install it, or set CHROMIUM; or run the benchmark "
                         "with --no-browser")

    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    mkdocs = str(Path(sys.executable).with_name("mkdocs"))
    server = subprocess.Popen([mkdocs, "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=site,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds: list[float] = []
    try:
        wait_served(url, server, 900)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
            page = browser.new_page()
            page.goto(url, wait_until="load", timeout=120_000)
            current = page.evaluate(COUNT)
            number = 0
            for _ in range(rounds):
                while number % 3 + 1 == current:  # each save changes what the page says
                    number += 1
                time.sleep(1.5)  # the server's watcher settles after the previous rebuild
                start = time.perf_counter()
                current = edit(site / "data" / "cookies.yml", number)
                shown(page, current, 600)
                seconds.append(time.perf_counter() - start)
            browser.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    print(json.dumps({"edited": seconds}))


if __name__ == "__main__":
    main()
