"""Hostile and broken input, round three: each class the outside red team found, through the real
commands, the real build and real git repositories in temporary folders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .support.helpers import mkdocs_build, policy

# ---------------------------------------------------------------- environment values, read strictly


def test_an_unknown_cache_switch_stops_the_build(site: Path, tmp_path: Path):
    result = mkdocs_build(site, tmp_path / "out", env={"POLICY_CACHE": "of"})
    assert result.returncode != 0
    assert "POLICY_CACHE=of is not an allowed value" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("value", ["ture", "2", "production", "y e s"])
def test_an_unknown_production_switch_stops_the_build(site: Path, tmp_path: Path, value: str):
    result = mkdocs_build(site, tmp_path / "out", env={"POLICY_PRODUCTION": value})
    assert result.returncode != 0
    assert "is not an allowed value: write one of 1, true, yes, on, 0, false, no, off" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_an_empty_production_switch_leaves_the_setting_in_force(site: Path, tmp_path: Path):
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "production: !ENV [POLICY_PRODUCTION, false]", "production: true"), encoding="utf-8")
    (site / "data" / "cookies.yml").write_text((site / "data" / "cookies.yml").read_text(encoding="utf-8")
                                               .replace("duration: 12 hours", "duration: 13 hours", 1),
                                               encoding="utf-8")
    result = mkdocs_build(site, tmp_path / "out", strict=False, env={"POLICY_PRODUCTION": "",
                                                                      "POLICY_TODAY": "2026-11-22"})
    assert result.returncode == 0, result.stderr
    assert "this production build leaves them out" in result.stderr
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "13 hours" not in page and "12 hours" in page


@pytest.mark.parametrize(("value", "expect"), [
    ("2026-02-30", "POLICY_TODAY=2026-02-30 is not a possible date"),
    ("tomorrow", "POLICY_TODAY=tomorrow is not a date: write YYYY-MM-DD"),
    ("2026-1-5", "POLICY_TODAY=2026-1-5 is not a date: write YYYY-MM-DD"),
    ("2026-12-01\x1b[2J", r"POLICY_TODAY=2026-12-01\x1b[2J is not a date"),
])
def test_an_impossible_build_date_is_one_message(site: Path, tmp_path: Path, value: str, expect: str):
    built = mkdocs_build(site, tmp_path / "out", env={"POLICY_TODAY": value})
    assert built.returncode != 0 and expect in built.stderr, built.stderr
    assert "Traceback" not in built.stderr and "\x1b" not in built.stderr
    assert not (tmp_path / "out").exists()
    exported = policy(site, "export", "json", "--in-force", "-o", str(tmp_path / "x.json"),
                      env={"POLICY_TODAY": value})
    assert exported.returncode == 1 and expect in exported.stderr, exported.stderr
    assert "Traceback" not in exported.stderr
    assert not (tmp_path / "x.json").exists()


# ---------------------------------------------------------------- wildcards never delete what must stay


def test_a_wildcard_never_clears_a_necessary_or_the_consent_cookie(site: Path, tmp_path: Path):
    from .test_export import read_config

    cookies = site / "data" / "cookies.yml"
    text = cookies.read_text(encoding="utf-8")
    cookies.write_text(text.replace("  - name: TALKOMNI_USER_LOCALE", "  - name: \"*_token*\"\n    match: wildcard", 1)
                       .replace("  - name: theme", "  - name: cc_*\n    match: wildcard\n    storage: cookie\n"
                                "    category: preferences\n"
                                "    purpose:\n      en: Remembers a choice\n      tr: Bir tercihi hatırlar\n"
                                "    duration: 1 day\n  - name: theme", 1), encoding="utf-8")
    assert policy(site, "validate").returncode == 0
    _, matches = read_config(site, tmp_path, names=("auth_token", "refresh_token", "cc_cookie", "x_token_y",
                                                    "cc_other"))
    assert sorted(n for found in matches.values() for n in found) == ["cc_other", "x_token_y"], matches


@pytest.mark.parametrize("name", ["*", "**", "a*", "* *"])
def test_a_wildcard_that_matches_nearly_everything_is_refused(site: Path, name: str):
    cookies = site / "data" / "cookies.yml"
    cookies.write_text(cookies.read_text(encoding="utf-8").replace("  - name: TALKOMNI_USER_LOCALE",
                                                                   f"  - name: \"{name}\"", 1), encoding="utf-8")
    result = policy(site, "validate")
    assert result.returncode == 1
    assert re.search(r"data/cookies\.yml:\d+: error: items\[2\]\.name: .* is not an allowed name: a wildcard "
                     r"with fewer than two fixed characters matches nearly every name", result.stderr), result.stderr


# ---------------------------------------------------------------- strings from outside reach a terminal as text

RAW = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
HOSTILE_NAMES = ["evil\x1b]0;pwned\x07\x1b[2Jkey", "left\u202eright", "zero\u200bwidth", "bell\x07\x08\x08"]


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_audit_shows_storage_keys_from_the_site_as_escapes(tmp_path: Path, fmt: str):
    import json

    from .test_audit import FIXTURE, WEC

    data = json.loads(WEC.read_text(encoding="utf-8"))
    origin = next(iter(data["localStorage"]))
    template = data["localStorage"][origin]["experiment-bucket"]
    for name in HOSTILE_NAMES:
        data["localStorage"][origin][name] = template
    evidence = tmp_path / "inspection.json"
    evidence.write_text(json.dumps(data), encoding="utf-8")
    result = policy(FIXTURE, "audit", str(evidence), "--format", fmt)
    assert "Traceback" not in result.stderr, result.stderr
    assert not RAW.search(result.stdout), "a key from the audited site reaches the terminal raw"
    if fmt == "text":
        assert r"evil\x1b]0;pwned\x07\x1b[2Jkey" in result.stdout
        assert r"left\u202eright" in result.stdout and r"zero\u200bwidth" in result.stdout
    else:
        assert "evil" in result.stdout and "pwned" in result.stdout


def test_diff_text_shows_names_from_the_data_as_escapes(site: Path):
    services = site / "data" / "services.yml"
    services.write_text(services.read_text(encoding="utf-8").replace(
        "    name: Stripe", '    name: "Stri\\e[31mpe\\e]8;;https://evil.example\\aX\\u202e"', 1), encoding="utf-8")
    site_yml = site / "data" / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8").replace(
        "company: TalkOmni", 'company: "Talk\\e[2JOmni"', 1), encoding="utf-8")
    for fmt in ("text", "markdown"):
        result = policy(site, "diff", "1.0", "--format", fmt)
        assert "Traceback" not in result.stderr, result.stderr
        assert not RAW.search(result.stdout), result.stdout
        assert "\\x1b" in result.stdout or "Stri" in result.stdout


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_an_ascii_terminal_gets_escapes_not_a_traceback(site: Path, lang: str):
    cookies = site / "data" / "cookies.yml"
    cookies.write_text(cookies.read_text(encoding="utf-8").replace("duration: 12 hours", "duration: 13 hours", 1),
                       encoding="utf-8")
    result = policy(site, "diff", "1.0", "--format", "text", "--lang", lang, env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.isascii()
    if lang == "tr":
        assert "\\u" in result.stdout or "\\x" in result.stdout  # Turkish letters written as escapes
    broken = policy(site, "validate", env={"PYTHONIOENCODING": "ascii", "POLICY_TODAY": "2026-02-30\u015f"})
    assert "Traceback" not in broken.stderr


# ---------------------------------------------------------------- the review comment as GitHub renders it

MENTIONS = ["@octocat", "@acme-org/legal-team", "#12", "GH-7", "&#64;entity", "&#35;34"]


class _Text:
    """The text GitHub scans for mentions: every text node outside code, pre and links."""

    def __init__(self, html: str):
        from html.parser import HTMLParser

        self.nodes: list[str] = []
        depth = [0]
        nodes = self.nodes

        class Parser(HTMLParser):
            def handle_starttag(self, tag, attrs):
                if tag in ("code", "pre", "a"):
                    depth[0] += 1

            def handle_endtag(self, tag):
                if tag in ("code", "pre", "a"):
                    depth[0] -= 1

            def handle_data(self, data):
                if depth[0] == 0:
                    nodes.append(data)

        parser = Parser(convert_charrefs=True)
        parser.feed(html)
        parser.close()


def test_mentions_and_references_from_data_stay_text_in_the_rendered_comment(site: Path):
    import cmarkgfm
    from cmarkgfm.cmark import Options

    services = site / "data" / "services.yml"
    services.write_text(services.read_text(encoding="utf-8").replace(
        "    name: Stripe", '    name: "Stripe @octocat @acme-org/legal-team #12 GH-7 &#64;entity &#35;34"', 1),
        encoding="utf-8")
    cookies = site / "data" / "cookies.yml"
    cookies.write_text(cookies.read_text(encoding="utf-8").replace(
        "      en: Keeps you signed in to the dashboard", '      en: "Keeps you signed in, ask @octocat about #12"', 1),
        encoding="utf-8")
    site_yml = site / "data" / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8").replace("company: TalkOmni", "company: TalkOmni @acme",
                                                                     1), encoding="utf-8")
    for lang in ("en", "tr"):
        result = policy(site, "diff", "1.0", "--format", "markdown", "--lang", lang)
        assert result.returncode == 0, result.stderr
        html = cmarkgfm.github_flavored_markdown_to_html(result.stdout, options=Options.CMARK_OPT_UNSAFE)
        nodes = _Text(html).nodes
        for node in nodes:
            assert not re.search(r"(?<![\w/])@[A-Za-z0-9_-]", node), f"a mention survives: {node!r}"
            assert not re.search(r"(?<![\w&/])#[0-9]", node), f"a reference survives: {node!r}"
            assert not re.search(r"(?<!\w)GH-[0-9]", node), f"a reference survives: {node!r}"
        shown = "".join(nodes)
        assert "@octocat" in shown and "#12" in shown and "GH-7" in shown  # the reader still sees the characters


# ---------------------------------------------------------------- outputs and inputs that are not plain files


def test_export_to_a_full_device_fails_at_once_and_leaves_nothing_in_dev(site: Path):
    import subprocess

    from .support.helpers import BIN

    before = sorted(p.name for p in Path("/dev").iterdir())
    result = subprocess.run([str(BIN / "policy"), "export", "json", "-o", "/dev/full"], cwd=site,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "error: cannot write /dev/full: No space left on device" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in Path("/dev").iterdir()) == before


def test_export_to_a_fifo_nobody_reads_is_refused_without_waiting(site: Path, tmp_path: Path):
    import os
    import subprocess

    from .support.helpers import BIN

    (tmp_path / "o").mkdir()
    fifo = tmp_path / "o" / "out"
    os.mkfifo(fifo)
    result = subprocess.run([str(BIN / "policy"), "export", "json", "-o", str(fifo)], cwd=site,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "is a FIFO that nothing reads" in result.stderr
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["out"]


def test_export_to_standard_output_by_name_writes_it(site: Path):
    result = policy(site, "export", "json", "-o", "/dev/stdout")
    assert result.returncode == 0, result.stderr
    assert '"company": "TalkOmni"' in result.stdout


@pytest.mark.parametrize("depth", [300, 100_000])
def test_a_deeply_nested_har_is_one_message(site: Path, tmp_path: Path, depth: int):
    har = tmp_path / "deep.har"
    har.write_text('{"log": {"entries": ' + "[" * depth + "]" * depth + "}}", encoding="utf-8")
    result = policy(site, "audit", str(har))
    assert result.returncode == 1
    assert "deep.har" in result.stderr and "values are nested more than 256 levels deep" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_evidence_fifo_is_refused_without_waiting(site: Path, tmp_path: Path):
    import os

    fifo = tmp_path / "scan.json"
    os.mkfifo(fifo)
    result = policy(site, "audit", str(fifo))
    assert result.returncode == 1 and "is not a regular file" in result.stderr


def test_a_data_file_committed_as_an_absolute_link_is_reported_by_diff(site: Path):
    from .test_git_diff import commit, git

    git(site, "init", "-q", "-b", "main")
    commit(site, "base")
    (site / "data" / "categories.yml").unlink()
    (site / "data" / "categories.yml").symlink_to("/etc/passwd")
    commit(site, "a link to a file outside the repository")
    result = policy(site, "diff", "HEAD~1", "HEAD", "--format", "markdown")
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stdout.startswith("<!-- cookie-policy-review -->")  # the comment is replaced, not left stale
    assert "data/categories.yml: error: file is missing" in result.stdout
    assert "root:" not in result.stdout


# ---------------------------------------------------------------- the scan always returns


@pytest.fixture(scope="module")
def shop():
    from .support.webapp import running

    with running(pages=2) as served:
        yield served


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/busy", "/alerts"])
def test_a_page_that_never_answers_is_given_up_and_the_scan_goes_on(shop, tmp_path: Path, path: str):
    import json
    import subprocess

    from .support.helpers import BIN, ROOT

    out = tmp_path / "evidence.json"
    # --deadline 60: should the browser stop answering all the same, the run's last resort ends it in
    # 90 s (exit 3), before this test's own timeout
    result = subprocess.run([str(BIN / "policy"), "scan", shop.shop + path, shop.page(0), "--timeout", "2",
                             "--deadline", "60", "-o", str(out)], cwd=ROOT, capture_output=True, text=True,
                            timeout=180)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    pages = json.loads(out.read_text(encoding="utf-8"))["pages"]
    assert pages[0]["url"].endswith(path), pages
    # its limit is --timeout and 5 s for reading it: the page is given up then, not the scan
    assert pages[0]["error"].startswith("given up after 7 s: the page did not answer ("), pages
    assert pages[1]["status"] == 200, pages  # the next page is scanned in a fresh tab
    assert f"[before] {shop.shop}{path} " in result.stderr


# What Chromium may do (microsoft/playwright#42366): acknowledge a close, or a new tab, and never do it.
_HANG = """
import sys
from playwright.sync_api import BrowserContext
from cookiepolicy.adapters.cli.main import main

calls = []
def hang(name):
    original = getattr(BrowserContext, name)
    def call(self, *args, **kwargs):
        calls.append(name)
        done = original(self, *args, **kwargs) if name == "new_page" else None
        if calls.count(name) == {nth}:
            (done or self.pages[0]).wait_for_function("() => false", timeout=0)  # no answer, ever
        return done
    setattr(BrowserContext, name, call)

hang("{call}")
sys.argv[0] = "policy"
sys.exit(main())
"""


@pytest.mark.browser
@pytest.mark.parametrize(("call", "nth", "before"), [
    # the first state's context does not close: its pages are scanned, the next state in a new browser
    ("close", 1, [200, 200]),
    # no new tab after the page given up: the state's other page is not visited, the next state is
    ("new_page", 2, ["given up", "not visited"]),
])
def test_a_browser_that_does_not_answer_is_ended_and_the_next_state_is_scanned(
        shop, tmp_path: Path, call: str, nth: int, before: list[object]):
    import json
    import subprocess
    import sys

    from .support.helpers import ROOT

    out = tmp_path / "evidence.json"
    first = shop.shop + "/alerts" if call == "new_page" else shop.page(1)
    result = subprocess.run([sys.executable, "-c", _HANG.format(call=call, nth=nth), "scan", first, shop.page(0),
                             "--timeout", "2", "--gpc", "--deadline", "60", "-o", str(out)],
                            cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    evidence = json.loads(out.read_text(encoding="utf-8"))
    assert evidence["states"] == ["before", "gpc"], result.stderr
    outcomes = [re.split(r" after|:", page["error"])[0] if page.get("error") else page["status"]
                for page in evidence["pages"] if page["phase"] == "before"]
    assert outcomes == before, evidence["pages"]
    gpc = [page for page in evidence["pages"] if page["phase"] == "gpc"]
    assert gpc[-1]["url"] == shop.page(0) and gpc[-1]["status"] == 200, gpc
    if call == "new_page":
        assert evidence["pages"][1]["error"] == ("not visited: the browser stopped answering and was ended; "
                                                 "the next state is scanned in a new one")


@pytest.mark.browser
def test_the_scan_stops_at_its_deadline(shop, tmp_path: Path):
    import json
    import subprocess

    from .support.helpers import BIN, ROOT

    out = tmp_path / "evidence.json"
    result = subprocess.run([str(BIN / "policy"), "scan", shop.page(0), shop.shop + "/busy", shop.page(1),
                             "--timeout", "30", "--deadline", "8", "-o", str(out)],
                            cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    pages = json.loads(out.read_text(encoding="utf-8"))["pages"]
    assert pages[0]["status"] == 200
    assert pages[-1]["error"] == "not visited: the scan's deadline of 8 s was reached", pages


# ---------------------------------------------------------------- a macro the data cannot satisfy


@pytest.mark.parametrize(("call", "expect"), [
    ('{{ company(case="zzz") }}', r"docs/index\.md:21: error: `company\(case='zzz'\)`: case 'zzz' is a Turkish "
                                  r"case form; in en write a preposition instead"),
    ('{{ cookie_table(columns=["bogus"]) }}', r"docs/index\.md:21: error: `cookie_table\(columns=\['bogus'\]\)`: "
                                              r".*unknown column 'bogus'; allowed: name, purpose"),
])
def test_a_macro_misuse_is_one_line_without_a_traceback(site: Path, tmp_path: Path, call: str, expect: str):
    page = site / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("{{ cookie_table() }}", call, 1), encoding="utf-8")
    result = mkdocs_build(site, tmp_path / "out")
    assert result.returncode == 1
    assert re.search(expect, result.stderr), result.stderr
    assert "Traceback" not in result.stderr
