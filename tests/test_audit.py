"""`policy audit`: evidence from `policy scan`, a HAR and the Website Evidence Collector against a policy.

The loopback application (tests/webapp.py) and its policy (tests/fixtures/audit-site) differ in
known, planted ways; each source must report exactly those its recorder can see, and nothing else.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cookiepolicy.evidence.audit_report import MARKER

from .browser.conftest import CHROMIUM, CHROMIUM_ARGS
from .support.helpers import ROOT, copy_site, policy
from .support.webapp import running

FIXTURE = ROOT / "tests" / "fixtures" / "audit-site"
WEC = FIXTURE / "wec-inspection.json"

# what every recorder that reads Set-Cookie headers sees
PLANTED_IN_HEADERS = {
    ("before_consent", "cookie", "_fbp"),
    ("undeclared", "cookie", "debug_flag"),
    ("third_party", None, "127.0.0.2"),
    ("lifetime", "cookie", "remember"),
    ("attribute_missing", "cookie", "csrf"),
}
# what only a browser sees: cookies set by scripts and storage keys
PLANTED_IN_SCRIPTS = {
    ("undeclared", "cookie", "_gid"),
    ("undeclared", "localStorage", "experiment-bucket"),
}
SCRIPT_ITEMS = {("cookie", "theme"), ("cookie", "intercom-session-*"), ("cookie", "_ga"), ("cookie", "_ga_*"),
                ("localStorage", "ui-state"), ("sessionStorage", "draft-message")}


def audit(*args: str, site: Path = FIXTURE) -> tuple[int, dict]:
    result = policy(site, "audit", *args, "--format", "json")
    assert "Traceback" not in result.stderr
    return result.returncode, json.loads(result.stdout)


def checks(data: dict, informational: bool = False) -> set[tuple]:
    return {(f["check"], f["storage"], f["name"]) for f in data["findings"] if f["informational"] == informational}


def by_check(data: dict, check: str, name: str) -> dict:
    return next(f for f in data["findings"] if f["check"] == check and f["name"] == name)


@pytest.fixture(scope="module")
def app():
    with running() as served:
        yield served


@pytest.fixture(scope="module")
def scan_evidence(app, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("scan") / "evidence.json"
    result = policy(ROOT, "scan", app.page(0), "--accept", "#accept", "-o", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def hars(app, tmp_path_factory) -> tuple[Path, Path]:
    """The application recorded by Playwright as HAR files: a visit, and a visit where consent is given."""
    folder = tmp_path_factory.mktemp("har")
    before, after = folder / "before.har", folder / "after.har"
    code = ("import sys, json; "
            "from tests.support.webapp import record_hars; record_hars(*sys.argv[1:5], json.loads(sys.argv[5]))")
    result = subprocess.run([sys.executable, "-c", code, app.page(0), str(before), str(after), CHROMIUM,
                             json.dumps(CHROMIUM_ARGS)], cwd=ROOT, capture_output=True, text=True, check=False,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return before, after


# ---------------------------------------------------------------- finding by finding, per recorder


def test_scan_evidence_reports_every_planted_discrepancy_and_nothing_else(scan_evidence):
    code, data = audit(str(scan_evidence))
    assert code == 0  # without --exit-code
    assert checks(data) == PLANTED_IN_HEADERS | PLANTED_IN_SCRIPTS
    assert checks(data, informational=True) == {("not_observed", "cookie", "checkout_step")}
    assert by_check(data, "lifetime", "remember")["observed"] == "60 days"
    assert by_check(data, "lifetime", "remember")["declared"] == "30 days"
    assert by_check(data, "attribute_missing", "csrf")["attribute"] == "HttpOnly"
    assert by_check(data, "before_consent", "_fbp")["category"] == {"en": "Marketing cookies",
                                                                   "tr": "Pazarlama çerezleri"}


def test_har_files_report_what_set_cookie_headers_show(hars):
    before, after = hars
    code, data = audit(str(before), "--after-consent", str(after))
    assert code == 0
    assert checks(data) == PLANTED_IN_HEADERS
    # scripts' cookies and storage keys are not in a HAR: they are "not seen", for information
    assert checks(data, informational=True) == {("not_observed", s, n) for s, n in SCRIPT_ITEMS} | {
        ("not_observed", "cookie", "checkout_step")}
    assert data["sources"] == ["before.har", "after.har"]


def test_a_har_recorded_after_consent_counts_as_before_unless_marked(hars):
    _, after = hars
    _, data = audit(str(after))
    # the consent cookie is strictly necessary and _ga is set by a script: still only _fbp
    assert {f["name"] for f in data["findings"] if f["check"] == "before_consent"} == {"_fbp"}


def test_website_evidence_collector_output_is_audited_the_same_way():
    code, data = audit(str(WEC))
    assert code == 0
    assert checks(data) == {
        ("before_consent", "cookie", "_fbp"),
        ("undeclared", "cookie", "_gid"),
        ("undeclared", "localStorage", "experiment-bucket"),
        ("third_party", None, "127.0.0.2"),
        ("lifetime", "cookie", "remember"),
        ("attribute_missing", "cookie", "csrf"),
    }
    assert checks(data, informational=True) == {("not_observed", s, n) for s, n in [
        ("cookie", "lang"), ("cookie", "theme"), ("cookie", "consent"), ("cookie", "checkout_step"),
        ("cookie", "_ga"), ("cookie", "_ga_*"), ("sessionStorage", "draft-message")]}


def test_several_sources_are_audited_together(scan_evidence):
    _, data = audit(str(scan_evidence), str(WEC))
    assert checks(data) == PLANTED_IN_HEADERS | PLANTED_IN_SCRIPTS
    assert checks(data, informational=True) == {("not_observed", "cookie", "checkout_step")}


def har(tmp_path: Path, headers: list[str], requests: tuple[str, ...] = ()) -> Path:
    """A HAR written by hand: the page at www.shop.example with these Set-Cookie headers, then requests."""
    path = tmp_path / "hand.har"
    entries = [{"startedDateTime": "2026-11-20T10:00:00.000Z",
                "request": {"method": "GET", "url": url, "headers": []},
                "response": {"status": 200, "headers": [{"name": "set-cookie", "value": h} for h in headers]
                             if n == 0 else []}}
               for n, url in enumerate(["https://www.shop.example/", *requests])]
    path.write_text(json.dumps({"log": {"version": "1.2", "entries": entries}}), encoding="utf-8")
    return path


def test_hosts_of_declared_services_their_subdomains_and_the_site_are_not_reported(tmp_path):
    evidence = har(tmp_path, [], ("http://localhost:8080/w.js", "https://cdn.localhost/w.js",
                                  "https://static.shop.example/app.js", "https://notlocalhost/t.js",
                                  "https://tracker.example/p.gif"))
    _, data = audit(str(evidence))
    assert {f["name"] for f in data["findings"] if f["check"] == "third_party"} == {"notlocalhost", "tracker.example"}


def test_attributes_domain_expires_and_deletions_from_set_cookie_headers(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(FIXTURE / "data", site / "data")
    cookies = site / "data" / "cookies.yml"
    cookies.write_text(cookies.read_text(encoding="utf-8").replace(
        "    duration: 1 year\n", "    duration: 1 year\n    domain: shop.example\n"), encoding="utf-8")
    evidence = har(tmp_path, [
        # two headers joined by a newline, as some recorders write them
        "remember=1; Path=/; Expires=Tue, 19 Jan 2027 10:00:00 GMT; SameSite=Lax\n"
        "sid=s1; Path=/; HttpOnly; SameSite=None; Secure",
        "lang=en; Domain=.www.shop.example; Max-Age=31536000; SameSite=Lax",
        "csrf=t; Path=/; Max-Age=7200; HttpOnly; Secure; SameSite=Strict",
        "consent=all; Path=/; Expires=Fri, 21 May 2027 10:00:00 GMT; SameSite=Lax",
        "theme=; Path=/; Max-Age=0",  # a deletion: not something the site stores
    ])
    _, data = audit(str(evidence), site=site)
    assert checks(data) == {
        ("lifetime", "cookie", "remember"),
        ("same_site", "cookie", "sid"),
        ("attribute_extra", "cookie", "sid"),
        ("domain", "cookie", "lang"),
        ("attribute_extra", "cookie", "csrf"),
    }
    assert by_check(data, "lifetime", "remember")["observed"] == "60 days"
    assert by_check(data, "same_site", "sid")["observed"] == "None"
    assert by_check(data, "same_site", "sid")["declared"] == "Lax"
    assert {f["attribute"] for f in data["findings"] if f["check"] == "attribute_extra"} == {"Secure"}
    assert by_check(data, "domain", "lang")["observed"] == "www.shop.example"
    assert ("not_observed", "cookie", "theme") in checks(data, informational=True)


def test_lifetimes_within_the_tolerance_and_the_browser_cap_agree(tmp_path):
    evidence = har(tmp_path, [
        "remember=1; Max-Age=2678400",  # 31 days for "30 days": within 10 %
        "lang=en; Max-Age=34560000",  # 400 days, Chromium's cap, for "1 year": within 10 %
        "consent=all; Max-Age=31536000",  # 365 days for "180 days": contradicts
        "_fbp=1; Max-Age=7776000",
        "checkout_step=2",  # a session cookie declared for an hour: contradicts
        "csrf=t; Max-Age=9000",  # 2.5 hours for "2 hours": more than 10 % off, but within an hour
        "sid=s1; Max-Age=3600",  # an hour for a session cookie: contradicts
    ])
    _, data = audit(str(evidence))
    assert {f["name"] for f in data["findings"] if f["check"] == "lifetime"} == {"consent", "checkout_step", "sid"}
    assert by_check(data, "lifetime", "sid")["observed"] == "1 hour"
    assert by_check(data, "lifetime", "checkout_step")["observed"] == "session"
    assert by_check(data, "lifetime", "consent")["observed"] == "365 days"


# ---------------------------------------------------------------- draft entries for undeclared items


def suggestion(data: dict, name: str) -> str:
    return by_check(data, "undeclared", name)["suggestion"]


def test_undeclared_items_get_an_entry_from_the_open_cookie_database_to_check(tmp_path):
    _, data = audit(str(WEC))
    entry = suggestion(data, "_gid")
    assert entry.startswith("# Open Cookie Database: Google Analytics, Analytics. TODO: check every field")
    assert yaml.safe_load(entry) == [{
        "name": "_gid", "storage": "cookie", "category": "analytics", "provider": "google",
        "purpose": {"en": "ID used to identify users for 24 hours after last activity",
                    "tr": "ID used to identify users for 24 hours after last activity"},
        "duration": "24 hours"}]
    assert by_check(data, "undeclared", "_gid")["platform"] == "Google Analytics"
    # pasted under items:, it validates with a warning until the Turkish purpose is written
    site = tmp_path / "site"
    shutil.copytree(FIXTURE / "data", site / "data")
    with (site / "data" / "cookies.yml").open("a", encoding="utf-8") as f:
        f.write("".join("  " + line for line in entry.splitlines(keepends=True)))
    result = policy(site, "validate")
    assert result.returncode == 0 and "14 items" in result.stdout, result.stderr
    assert "purpose.tr: the `tr` text is identical to `en`" in result.stderr
    assert policy(site, "validate", "--strict").returncode == 1


def test_an_unknown_name_gets_an_entry_a_person_must_complete(tmp_path):
    _, data = audit(str(WEC))
    entry = suggestion(data, "experiment-bucket")
    assert yaml.safe_load(entry) == [{"name": "experiment-bucket", "storage": "localStorage", "category": "todo",
                                      "purpose": {"en": "TODO", "tr": "TODO"}, "duration": "persistent"}]
    site = tmp_path / "site"
    shutil.copytree(FIXTURE / "data", site / "data")
    with (site / "data" / "cookies.yml").open("a", encoding="utf-8") as f:
        f.write("".join("  " + line for line in entry.splitlines(keepends=True)))
    result = policy(site, "validate")
    assert result.returncode == 1 and "unknown category `todo`" in result.stderr


def test_draft_entries_speak_the_report_language():
    data = json.loads(policy(FIXTURE, "audit", str(WEC), "--lang", "tr", "--format", "json").stdout)
    known = suggestion(data, "_gid")
    assert known.startswith("# Open Cookie Database: Google Analytics, Analytics. YAPILACAK: her alanı kontrol "
                            "edin; amaç metnini Türkçeye çevirin; sitenin kullandığı saklama süresi: 1 gün\n")
    unknown = suggestion(data, "experiment-bucket")
    assert unknown.startswith("# Sitenin sakladığı verilerden hazırlandı. YAPILACAK: kategoriyi seçin ve amaç "
                              "metnini yazın\n")
    assert yaml.safe_load(unknown)[0]["purpose"] == {"en": "YAPILACAK", "tr": "YAPILACAK"}
    text = policy(FIXTURE, "audit", str(WEC), "--lang", "tr").stdout
    assert "TODO" not in text and "Written from" not in text and "check every field" not in text


def test_an_undeclared_session_cookie_is_suggested_as_a_session_one(scan_evidence):
    _, data = audit(str(scan_evidence))
    assert yaml.safe_load(suggestion(data, "debug_flag"))[0]["duration"] == "session"


def test_prefix_names_match_as_declared_and_only_so(tmp_path):
    evidence = har(tmp_path, ["_ga_ABC123=1; Max-Age=34560000", "_gax=1; Max-Age=34560000",
                              "intercom-session-1=1; Max-Age=604800", "intercom-sessionX=1; Max-Age=604800"])
    _, data = audit(str(evidence), "--after-consent", str(evidence))
    assert {f["name"] for f in data["findings"] if f["check"] == "undeclared"} == {"_gax", "intercom-sessionX"}
    assert {f["name"] for f in data["findings"] if f["check"] == "before_consent"} == {"_ga_*"}


# ---------------------------------------------------------------- output, languages, exit code


def test_markdown_has_the_look_of_the_review_comment():
    result = policy(FIXTURE, "audit", str(WEC), "--format", "markdown")
    lines = result.stdout.splitlines()
    assert lines[:4] == [MARKER, "## Cookie policy audit", "",
                         "Compared <code>wec&#45;inspection.json</code> with the draft policy."]
    assert "### Needs a fix (6)" in lines and "### For information (7)" in lines
    assert ("- The cookie <code>remember</code> is kept for 60 days on the site but for 30 days in the policy: "
            "correct the duration in the policy or the lifetime in the code.") in lines
    assert ("- The cookie <code>&#95;fbp</code> belongs to Marketing cookies, which needs consent, but it was set "
            "before the visitor consented: move the script or the code that sets it behind consent.") in lines
    start = lines.index("  ```yaml")
    assert lines[start + 1] == "  # Open Cookie Database: Google Analytics, Analytics. TODO: check every field; " \
                               "translate the purpose; the duration the site uses was 1 day"
    assert lines[start + 2] == "  - name: _gid"
    assert ("- The site sends requests to <code>127.0.0.2</code>, which no service of the policy declares: add the "
            "service, with <code>127.0.0.2</code> in its `domains`, or remove what loads it.") in lines
    # the most important finding comes first
    assert lines.index("### Needs a fix (6)") + 2 == next(i for i, line in enumerate(lines) if "&#95;fbp" in line)


def test_text_output_in_english():
    result = policy(FIXTURE, "audit", str(WEC))
    assert result.stdout.startswith("Cookie policy audit\n\nCompared wec-inspection.json with the draft policy.\n")
    assert ("- The site sends requests to 127.0.0.2, which no service of the policy declares: add the service"
            ", with 127.0.0.2 in its `domains`, or remove what loads it.") in result.stdout
    assert ("- The cookie `csrf` is set without HttpOnly, which the policy declares: set it in the code or remove "
            "it from the policy's attributes.") in result.stdout
    assert ("- The cookie `lang` is declared but was not seen: the scan may not have reached the page or the step "
            "that sets it.") in result.stdout


def test_text_output_in_turkish():
    out = policy(FIXTURE, "audit", str(WEC), "--lang", "tr").stdout
    assert out.startswith("Çerez politikası denetimi\n\nwec-inspection.json ile politikanın taslağı "
                          "karşılaştırılmıştır.\n")
    for sentence in [
        "- `_fbp` çerezi açık rıza gerektiren bir kategoride (Pazarlama çerezleri) yer almaktadır, ancak ziyaretçi "
        "açık rıza vermeden önce yerleştirilmiştir: bunu yerleştiren betiği veya kodu açık rıza alındıktan sonra "
        "çalışacak şekilde taşıyın.",
        "- `remember` çerezi için sitedeki saklama süresi 60 gün, politikadaki saklama süresi ise 30 gün: "
        "politikadaki saklama süresini veya koddaki süreyi düzeltin.",
        "- `csrf` çerezi sitede HttpOnly niteliği olmadan yerleştirilmektedir, oysa politikada bu nitelik "
        "belirtilmiştir: niteliği koda ekleyin veya politikadaki niteliklerden çıkarın.",
        "- `experiment-bucket` yerel depolama anahtarı politikada yer almamaktadır: politikaya ekleyin (taslak kayıt "
        "aşağıdadır; kategorisini seçin ve amacını yazın).",
        "- İnternet sitesi 127.0.0.2 adresine istek göndermektedir, ancak politikadaki hiçbir hizmet bu adresi "
        "belirtmemektedir: hizmeti, 127.0.0.2 adresini `domains` alanına yazarak politikaya ekleyin veya bu isteği "
        "yapan kodu kaldırın.",
        "- `draft-message` oturum depolama anahtarı politikada yer almaktadır ancak taramada görülmemiştir: tarama, "
        "bunu yerleştiren sayfaya veya adıma ulaşmamış olabilir.",
    ]:
        assert sentence in out
    assert "Düzeltilmesi gerekenler (6)" in out and "Bilgi için (7)" in out


def test_exit_code_fails_on_disagreement_only(tmp_path):
    assert policy(FIXTURE, "audit", str(WEC), "--exit-code").returncode == 1
    assert policy(FIXTURE, "audit", str(WEC)).returncode == 0
    # declared items that were not seen are for information: they do not fail
    evidence = har(tmp_path, ["sid=s1; Path=/; HttpOnly; SameSite=Lax"])
    result = policy(FIXTURE, "audit", str(evidence), "--exit-code")
    assert result.returncode == 0, result.stdout
    assert ("The site stores nothing the policy does not declare, and nothing in a way that contradicts it."
            in result.stdout)
    assert "Needs a fix" not in result.stdout and "For information (12)" in result.stdout
    turkish = policy(FIXTURE, "audit", str(evidence), "--lang", "tr").stdout
    assert ("İnternet sitesi, politikada yer almayan hiçbir şey saklamamaktadır; sakladığı veriler de politikayla "
            "çelişmemektedir.") in turkish and "Bilgi için (12)" in turkish


def test_a_release_is_audited_instead_of_the_draft(tmp_path):
    site = copy_site(ROOT, tmp_path / "site")
    evidence = har(tmp_path, ["auth_token=1; Path=/; HttpOnly; Secure; SameSite=Lax"])
    result = policy(site, "audit", str(evidence), "--release", "1.0")
    assert result.returncode == 0, result.stderr
    assert "with release 1.0 of the policy." in result.stdout
    assert json.loads(policy(site, "audit", str(evidence), "--release", "1.0", "--format", "json").stdout)[
        "policy"] == "1.0"
    result = policy(site, "audit", str(evidence), "--release", "9.9")
    assert result.returncode == 1 and "--release 9.9: no such release (releases: 1.0" in result.stderr


@pytest.mark.parametrize(("content", "message"), [
    ("not json {", "is not JSON"),
    ('{"something": 1}', "is neither `policy scan` evidence, a HAR file"),
    ('{"log": {"entries": [{"request": {}}]}}', "does not have the expected fields"),
    ('{"format": "cookiepolicy-evidence", "cookies": []}', "does not have the expected fields"),
])
def test_bad_evidence_is_one_clear_message(tmp_path, content, message):
    path = tmp_path / "evidence.json"
    path.write_text(content, encoding="utf-8")
    result = policy(FIXTURE, "audit", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{path.as_posix()}: " in result.stderr and message in result.stderr


def test_a_missing_evidence_file_is_named(tmp_path):
    result = policy(FIXTURE, "audit", str(tmp_path / "nope.har"))
    assert result.returncode == 1 and "nope.har: file is missing" in result.stderr


# ---------------------------------------------------------------- the scheduled workflow, its steps run for real

WORKFLOW = ROOT / ".github" / "workflows" / "audit.yml"
FAKE_GH = """#!/bin/sh
echo "$*" >> "$GH_LOG"
if [ "$1 $2" = "issue list" ]; then printf '%s' "$OPEN_ISSUE"; fi
"""


def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True)
    return data


def test_audit_workflow_is_scheduled_and_off_until_a_url_is_configured(tmp_path):
    data = workflow()
    assert data["on"] == {"schedule": [{"cron": "17 5 * * 1"}], "workflow_dispatch": None}  # Mondays
    assert data["permissions"] == {"contents": "read"}
    assert data["env"]["POLICY_AUDIT_URL"] == ""
    job = data["jobs"]["audit"]
    assert job["needs"] == "configured" and job["if"] == "needs.configured.outputs.on == 'true'"
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    assert "permissions" not in data["jobs"]["configured"]
    upload = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["name"] == "audit-evidence" and upload["with"]["path"] == "audit/"
    for url, expected in (("", ""), ("https://www.example.com/", "on=true\n")):
        output = tmp_path / f"output{len(url)}"
        output.touch()
        check = data["jobs"]["configured"]["steps"][0]["run"]
        result = subprocess.run(["bash", "-e", "-c", check], capture_output=True, text=True, check=False,
                                env={**os.environ, "POLICY_AUDIT_URL": url, "GITHUB_OUTPUT": str(output)})
        assert result.returncode == 0 and output.read_text(encoding="utf-8") == expected


def run_step(name: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    job = workflow()["jobs"]["audit"]
    step = next(s for s in job["steps"] if s.get("name") == name)
    return subprocess.run(["bash", "-e", "-c", step["run"]], cwd=cwd, capture_output=True, text=True, check=False,
                          env={**os.environ, **env}, timeout=120)


def test_audit_workflow_scans_audits_and_keeps_one_issue(app, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(FIXTURE / "data", site / "data")
    (site / ".venv").symlink_to(ROOT / ".venv")
    scanned = run_step("Scan the site", site, {"POLICY_AUDIT_URL": app.page(0), "POLICY_AUDIT_ACCEPT": "#accept",
                                               "POLICY_AUDIT_PAGES": "2"})
    assert scanned.returncode == 0, scanned.stderr
    assert "2 page(s) before and after consent" in scanned.stdout
    summary, output = tmp_path / "summary.md", tmp_path / "output"
    audited = run_step("Compare with the policy", site, {"GITHUB_STEP_SUMMARY": str(summary),
                                                         "GITHUB_OUTPUT": str(output)})
    assert audited.returncode == 0, audited.stderr
    assert output.read_text(encoding="utf-8") == "status=1\n"
    assert summary.read_text(encoding="utf-8").startswith(MARKER + "\n## Cookie policy audit")
    assert "### Needs a fix (7)" in summary.read_text(encoding="utf-8")

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "gh").write_text(FAKE_GH, encoding="utf-8")
    (bin_dir / "gh").chmod(0o755)
    log = tmp_path / "gh.log"

    def issue_step(status: str, open_issue: str) -> tuple[int, list[str]]:
        log.write_text("", encoding="utf-8")
        result = run_step("Keep one issue up to date, and fail while the site and the policy disagree", site,
                          {"PATH": f"{bin_dir}:{os.environ['PATH']}", "GH_LOG": str(log), "STATUS": status,
                           "OPEN_ISSUE": open_issue})
        return result.returncode, log.read_text(encoding="utf-8").splitlines()

    code, calls = issue_step("1", "")
    assert code == 1
    assert calls[1] == ("issue create --title Cookie policy audit: the site and the policy disagree "
                        "--body-file audit/report.md")
    code, calls = issue_step("1", "5")
    assert code == 1 and calls[1:] == ["issue edit 5 --body-file audit/report.md"]
    code, calls = issue_step("0", "5")
    assert code == 0 and calls[1:] == ["issue close 5 --comment The latest audit found no disagreement."]
    code, calls = issue_step("0", "")
    assert code == 0 and calls[1:] == []


@pytest.mark.parametrize("declared", [
    {"by_region": [{"where": {"en": "in the EEA"}, "duration": "13 months"}], "elsewhere": "24 months"},
    {"until": "2030-11-09"},
    {"text": {"en": "About a day"}},
])
def test_a_duration_with_no_single_length_is_never_a_lifetime_contradiction(declared: dict):
    """13 months in the EEA, 24 elsewhere: a cookie seen living 390 days is not "declared 0 seconds"."""
    from cookiepolicy.evidence.audit import Seen, _lifetime_finding
    from cookiepolicy.model.inventory import Item
    from cookiepolicy.text.durations import read_duration

    item = Item("_ga", "cookie", "analytics", {"en": "Counts visits"}, read_duration(declared))
    assert _lifetime_finding(item, Seen("cookie", "_ga", "after", "scan", lifetime=390 * 86400)) is None
