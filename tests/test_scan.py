"""`policy scan` in real headless Chromium against the loopback application of tests/webapp.py."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .support.helpers import ROOT, policy
from .support.webapp import running

BEFORE_COOKIES = {"sid", "lang", "csrf", "remember", "debug_flag", "_fbp", "theme", "intercom-session-abc123"}
AFTER_CONSENT = {"_ga", "_ga_ABC123", "_gid", "consent"}
DAY = 86400


@pytest.fixture(scope="module")
def app():
    with running(pages=3) as served:
        yield served


@pytest.fixture(scope="module")
def scanned(app, tmp_path_factory):
    out = tmp_path_factory.mktemp("scan") / "evidence.json"
    result = policy(ROOT, "scan", app.page(0), "--pages", "3", "--accept", "#accept", "-o", str(out))
    assert result.returncode == 0, result.stderr
    return json.loads(out.read_text(encoding="utf-8")), result


def cookies(evidence: dict, phase: str) -> dict[str, dict]:
    return {c["name"]: c for c in evidence["cookies"] if c["phase"] == phase}


def test_cookies_before_consent_are_those_the_pages_set_by_header_and_script(scanned):
    evidence, _ = scanned
    assert set(cookies(evidence, "before")) == BEFORE_COOKIES


def test_after_consent_everything_stored_then_is_listed(scanned):
    evidence, _ = scanned
    assert set(cookies(evidence, "after")) == BEFORE_COOKIES | AFTER_CONSENT


def test_cookie_attributes_and_expiry_are_recorded_httponly_included(scanned):
    evidence, _ = scanned
    before = cookies(evidence, "before")
    assert before["sid"]["httpOnly"] is True and before["sid"]["expires"] == -1 and before["sid"]["sameSite"] == "Lax"
    assert before["csrf"]["httpOnly"] is False and before["csrf"]["sameSite"] == "Strict"
    assert before["csrf"]["domain"] == "127.0.0.1" and before["csrf"]["path"] == "/"
    lifetime = before["remember"]["expires"] - before["remember"]["observed"]
    assert abs(lifetime - 60 * DAY) < 60
    after = cookies(evidence, "after")
    # Chromium keeps a cookie 400 days at most, though the page asks for two years
    assert abs(after["_ga"]["expires"] - after["_ga"]["observed"] - 400 * DAY) < 60


def test_local_and_session_storage_keys_are_recorded_per_origin(scanned, app):
    evidence, _ = scanned
    before = {(s["storage"], s["name"], s["origin"]) for s in evidence["storage"] if s["phase"] == "before"}
    assert before == {("localStorage", "ui-state", app.shop), ("localStorage", "experiment-bucket", app.shop),
                      ("sessionStorage", "draft-message", app.shop)}


def test_hosts_of_requests_are_recorded_per_phase(scanned):
    evidence, _ = scanned
    for phase in ("before", "after"):
        assert {r["host"] for r in evidence["requests"] if r["phase"] == phase} == {"127.0.0.1", "localhost",
                                                                                    "127.0.0.2"}
    assert evidence["first_party_hosts"] == ["127.0.0.1"]


def test_same_site_links_are_followed_to_the_page_limit_with_a_progress_line_each(scanned, app):
    evidence, result = scanned
    pages = [app.page(n) for n in range(3)]
    for phase in ("before", "after"):
        assert [p["url"] for p in evidence["pages"] if p["phase"] == phase] == pages
        assert all(p["status"] == 200 for p in evidence["pages"])
        for url in pages:
            assert f"[{phase}] {url} (" in result.stderr
    assert "[consent]" in result.stderr
    assert "6 page(s) before and after consent" in result.stdout


def test_without_a_consent_selector_only_the_before_phase_is_scanned(app, tmp_path):
    out = tmp_path / "evidence.json"
    result = policy(ROOT, "scan", app.page(0), "-o", str(out))
    assert result.returncode == 0, result.stderr
    evidence = json.loads(out.read_text(encoding="utf-8"))
    assert {c["phase"] for c in evidence["cookies"]} == {"before"}
    assert [p["url"] for p in evidence["pages"]] == [app.page(0)]
    assert "1 page(s) before consent" in result.stdout


def test_a_consent_script_gives_consent_instead_of_a_button(app, tmp_path):
    out = tmp_path / "evidence.json"
    result = policy(ROOT, "scan", app.page(0), "--consent-script", "accept()", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert set(cookies(json.loads(out.read_text(encoding="utf-8")), "after")) == BEFORE_COOKIES | AFTER_CONSENT


def test_a_page_over_its_time_limit_is_reported_and_the_scan_goes_on(app, tmp_path):
    out = tmp_path / "evidence.json"
    # --deadline: should the browser stop answering, the watchdog ends the run in a minute, not ten
    result = policy(ROOT, "scan", app.shop + "/slow", app.page(0), "--timeout", "1", "--deadline", "30",
                    "-o", str(out))
    assert result.returncode == 0, result.stderr
    pages = json.loads(out.read_text(encoding="utf-8"))["pages"]
    # given up by its own --timeout (not by the page's last-resort limit)
    assert pages[0]["error"].startswith("Timeout 1000ms exceeded"), pages
    assert pages[1]["status"] == 200
    assert f"[before] {app.shop}/slow" in result.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["ftp://example.com/"], "`ftp://example.com/` is not an http(s) address"),
    (["{page}", "--chromium", "/nonexistent/chromium"], "no Chromium at /nonexistent/chromium"),
    (["{page}", "--accept", "#no-such-button", "--timeout", "1"], "the consent button `#no-such-button` could not"),
    (["{page}", "--pages", "0"], "--pages must be at least 1"),
    (["{closed}"], "no page could be loaded ({closed}: net::ERR_CONNECTION_REFUSED"),
    (["{missing}"], "no page could be loaded ({missing}: 404); no evidence was written"),
])
def test_bad_input_is_one_clear_message_and_no_file(app, tmp_path, args, message):
    out = tmp_path / "evidence.json"
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{sock.getsockname()[1]}/"
    values = {"page": app.page(0), "closed": closed, "missing": app.shop + "/missing"}
    result = policy(ROOT, "scan", *[a.format(**values) for a in args], "-o", str(out))
    assert result.returncode == 1
    assert message.format(**values) in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


def test_the_benchmark_scans_pages_and_prints_a_line(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "scan.py"), "--pages", "2"],
                            capture_output=True, text=True, check=False, cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip().splitlines()[-1]
    assert line.startswith("scan: 2 pages in ") and line.endswith(" s")
    assert float(line.split(" in ")[1].removesuffix(" s")) > 0



def test_a_browser_that_stops_answering_ends_the_scan_with_no_evidence(tmp_path):
    """The run's last resort (``scan_limits.abandon``): it ends the process and its children, with a message and
    exit 3, however the browser hangs; here a child that sleeps stands in for the browser."""
    code = ("import subprocess, sys, threading, time\n"
            "from cookiepolicy.evidence import scan_limits\n"
            "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
            "print(child.pid, flush=True)\n"
            "threading.Timer(0.2, scan_limits.abandon, args=(0.2,)).start()\n"
            "time.sleep(60)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert result.returncode == 3
    assert "no evidence was written" in result.stderr and "Traceback" not in result.stderr
    child = int(result.stdout.split()[0])
    time.sleep(0.2)
    assert not Path(f"/proc/{child}").exists() or "zombie" in Path(f"/proc/{child}/status").read_text().lower()
