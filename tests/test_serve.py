"""`mkdocs serve` rebuilds when data changes, shows a bad edit on the page, and recovers without a restart."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from html import unescape
from pathlib import Path

from cookiepolicy.adapters.mkdocs.serve import port_problem

from .support.bad_inputs import CASES, apply
from .support.helpers import BIN, ROOT


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, predicate, timeout: float = 90, what: str = "") -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                last = response.read().decode("utf-8")
            if predicate(last):
                return last
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting on {url} {what}; last page:\n{last[:2000]}")


def test_serve_survives_a_bad_edit(site: Path):
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "POLICY_TODAY": "2026-11-22"}
    server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=site, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/cookie-policy/"
    try:
        _wait_for(url, lambda html: 'id="cookie-refresh_token"' in html)
        cookies = site / "data" / "cookies.yml"
        good = cookies.read_text(encoding="utf-8")
        cookies.write_text(good.replace("storage: cookie", "storage: cookei", 1), encoding="utf-8")
        broken = _wait_for(url, lambda html: "The policy data has problems" in html)
        assert "did you mean" in broken and "cookei" in broken
        tr = _wait_for(url + "tr/", lambda html: "Politika verilerinde hatalar var" in html)
        assert 'lang="tr"' in tr
        cookies.write_text(good.replace("Renews your session securely", "Renews your session safely"),
                           encoding="utf-8")
        fixed = _wait_for(url, lambda html: "Renews your session safely" in html)
        assert "The policy data has problems" not in fixed
        assert server.poll() is None, "the server must still be running"
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert "Traceback" not in output, output
    assert "data/cookies.yml:6: error: items[0].storage: `cookei` is not an allowed value" in output


def test_make_serve_on_a_busy_port_says_so_in_one_line(site: Path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        env = {**os.environ, "MAKEFLAGS": ""}
        result = subprocess.run(["make", "-s", "-C", str(ROOT), "serve", f"PORT={port}"], env=env,
                                capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    ours = [line for line in result.stderr.splitlines() if not line.startswith("make")]
    assert ours == [f"port {port} is already in use: stop the other server, or run: make serve PORT={port + 1}"]


def test_preview_prints_one_line_per_rebuild(site: Path):
    """`make serve` runs `python -m cookiepolicy.adapters.mkdocs.serve PORT`: the address once, then a line per
    rebuild."""
    port = _free_port()
    env = {**os.environ, "POLICY_TODAY": "2026-11-22"}
    server = subprocess.Popen([str(BIN / "python"), "-m", "cookiepolicy.adapters.mkdocs.serve", str(port)], cwd=site,
                              env=env,
                              stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(server.stderr), daemon=True)
    reader.start()
    url = f"http://127.0.0.1:{port}/cookie-policy/"
    try:
        _wait_for(url, lambda html: 'id="cookie-refresh_token"' in html)
        start = len(lines)
        cookies = site / "data" / "cookies.yml"
        cookies.write_text(cookies.read_text(encoding="utf-8").replace("Renews your session securely",
                                                                       "Renews your session safely"), encoding="utf-8")
        _wait_for(url, lambda html: "Renews your session safely" in html)
        time.sleep(2)
        rebuild = lines[start:]
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert any("Serving on http://127.0.0.1:" in line for line in lines[:start]), lines
    assert server.returncode is not None
    for _ in range(100):  # the server it started stops with it: the port is free again
        if port_problem(str(port)) is None:
            break
        time.sleep(0.1)
    assert port_problem(str(port)) is None, f"port {port} is still served after the preview was stopped"
    assert len(rebuild) == 1 and "Documentation built in" in rebuild[0], rebuild
    assert not [line for line in lines if "[macros]" in line], lines


def _wait_for_log(log, expect: str, what: str, seconds: float = 90) -> None:
    """Until the server's log shows ``expect`` (a regular expression)."""
    ends = time.monotonic() + seconds
    while time.monotonic() < ends:
        log.flush()
        log.seek(0)
        if re.search(expect, log.read()):
            return
        time.sleep(0.3)
    raise AssertionError(f"the server never logged the problem of {what}")


def test_one_server_walks_the_bad_input_catalogue(site: Path, tmp_path: Path):
    """Every case of the catalogue in turn, on one server: it keeps answering, shows the problem, recovers."""
    pristine = {case.file: (site / case.file).read_bytes() if (site / case.file).exists() else None for case in CASES}
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "POLICY_TODAY": "2026-11-22"}
    log = (tmp_path / "serve.log").open("w+", encoding="utf-8")  # a pipe nobody reads would fill and stall it
    server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=site, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/cookie-policy/"
    cookies = site / "data" / "cookies.yml"

    def good_save(marker: str) -> None:
        """Every file as it was, and a visible change in the good data to know the page is fresh."""
        shutil.rmtree(site / "policy-data", ignore_errors=True)
        for file, content in pristine.items():
            path = site / file
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            elif path.is_symlink() or (path.exists() and not path.is_file()):
                path.unlink()
            if content is None:  # a file the case adds (data/tcf.yml)
                path.unlink(missing_ok=True)
                continue
            if file != "data/cookies.yml" and (not path.exists() or path.read_bytes() != content):
                path.write_bytes(content)
        cookies.write_text(pristine["data/cookies.yml"].decode("utf-8").replace(
            "Renews your session securely", f"Renews your session {marker}"), encoding="utf-8")
        page = _wait_for(url, lambda html: f"Renews your session {marker}" in html, what=marker)
        assert "The policy data has problems" not in page

    try:
        _wait_for(url, lambda html: 'id="cookie-refresh_token"' in html)
        for number, case in enumerate(CASES):
            apply(case, site)
            if case.stops_build:  # nothing is built: the server says why in its log and keeps serving
                _wait_for_log(log, case.expect, case.id)
            elif not case.warning:
                page = _wait_for(url, lambda html, case=case: bool(re.search(case.expect, unescape(html))),
                                 what=case.id)
                assert "The policy data has problems" in page, case.id
            assert server.poll() is None, f"the server died on {case.id}"
            good_save(f"securely after case {number}")  # letters and digits: the page shows them as they are
        assert server.poll() is None, "the server must still be running"
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.seek(0)
        output = log.read()
        log.close()
    assert "Traceback" not in output, output
    assert "\x1b]0;pwned" not in output and "\x1b[2J" not in output, "escape sequences from data reach the log raw"
