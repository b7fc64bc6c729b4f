"""The four-state scan on real Chromium against the loopback application's ``/states`` page
(tests/support/webapp.py): before consent, after "reject all", after "accept all", with Global Privacy
Control on; the audit of each state against tests/fixtures/audit-site, whose site.yml says the signal
refuses every category on consent. Each state misbehaves in one planted way, reported and nothing else."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cookiepolicy.evidence.trackers import looks_like
from cookiepolicy.text.localize import Catalog

from .support.helpers import ROOT, policy
from .support.webapp import running

FIXTURE = ROOT / "tests" / "fixtures" / "audit-site"
STATES = ["before", "reject", "after", "gpc"]
# the problems the audit reports, as (check, storage, name, phase of the tracker)
PLANTED = {
    ("after_reject", "cookie", "_ga_*", None),  # #reject sets _ga_REJECT
    ("with_gpc", "cookie", "_ga", None),  # the server ignores Sec-GPC: 1
    ("with_gpc", "cookie", "_ga_*", None),  # the script ignores navigator.globalPrivacyControl
    ("tracker_without_consent", None, "127.0.0.3", "before"),  # Google's pixel, before any choice
    ("tracker_without_consent", None, "127.0.0.3", "reject"),
    ("tracker_without_consent", None, "127.0.0.3", "gpc"),
}


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    with running() as app:
        out = tmp_path_factory.mktemp("states") / "evidence.json"
        result = policy(ROOT, "scan", app.shop + "/states", "--accept", "#accept", "--reject", "#reject", "--gpc",
                        "-o", str(out))
        assert result.returncode == 0, result.stderr
        yield json.loads(out.read_text(encoding="utf-8")), out, result, app


def names(evidence: dict, phase: str) -> set[str]:
    return {c["name"] for c in evidence["cookies"] if c["phase"] == phase}


def audit(evidence: Path, site: Path = FIXTURE, *args: str) -> tuple[int, dict]:
    result = policy(site, "audit", str(evidence), "--format", "json", "--exit-code", *args)
    assert "Traceback" not in result.stderr
    return result.returncode, json.loads(result.stdout)


def problems(data: dict) -> set[tuple]:
    return {(f["check"], f["storage"], f["name"], f.get("phase")) for f in data["findings"] if not f["informational"]}


def test_each_state_is_a_new_browser_and_records_what_it_stored(scanned):
    evidence, _, result, _ = scanned
    assert evidence["states"] == STATES
    assert names(evidence, "before") == {"sid", "theme"}
    assert names(evidence, "reject") == {"sid", "theme", "consent", "_ga_REJECT"}
    assert names(evidence, "after") == {"sid", "theme", "consent", "_ga"}
    assert names(evidence, "gpc") == {"sid", "theme", "_ga", "_ga_GPC"}
    assert "[consent]" in result.stderr and "reject all chosen" in result.stderr
    assert "in the states before, reject, after, gpc" in result.stdout


def test_the_gpc_state_sends_the_header_and_sets_the_navigator_property(scanned):
    evidence, _, _, app = scanned
    # reject and accept visit the page twice (the choice, then the crawl); the signal only in the last state
    assert app.gpc == [None] * 5 + ["1"]
    assert "_ga_GPC" in names(evidence, "gpc")  # the page's script saw navigator.globalPrivacyControl


def test_a_pixel_with_an_identifier_is_recorded_in_every_state(scanned):
    evidence, _, _, _ = scanned
    pixels = [t for t in evidence["trackers"] if t["host"] == "127.0.0.3"]
    assert sorted(t["phase"] for t in pixels) == sorted(STATES)
    assert all(t["kind"] == "pixel" and t["type"] == "image" and t["params"] == ["cid"] for t in pixels)
    assert not [t for t in evidence["trackers"] if t["host"] == "127.0.0.1"]  # the site's own requests: never


def test_the_audit_reports_each_state_s_planted_problem_and_nothing_else(scanned):
    _, path, _, _ = scanned
    code, data = audit(path)
    assert code == 1
    assert problems(data) == PLANTED
    assert data["states"] == STATES
    tracker = next(f for f in data["findings"] if f["check"] == "tracker_without_consent")
    assert (tracker["service"], tracker["tracker"], tracker["params"]) == ("Google", "pixel", "cid")


def test_without_the_policy_s_gpc_promise_what_the_signal_let_through_is_set_before_consent(scanned, tmp_path):
    _, path, _, _ = scanned
    site = tmp_path / "site"
    shutil.copytree(FIXTURE / "data", site / "data")
    facts = site / "data" / "site.yml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("global_privacy_control: reject\n", ""),
                     encoding="utf-8")
    _, data = audit(path, site)
    assert not [f for f in data["findings"] if f["check"] == "with_gpc"]
    assert {("before_consent", "cookie", "_ga", None), ("before_consent", "cookie", "_ga_*", None)} <= problems(data)


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_the_report_says_each_state_in_words(scanned, lang):
    _, path, _, _ = scanned
    result = policy(FIXTURE, "audit", str(path), "--lang", lang)
    c = Catalog.get(lang)
    for phase in ("before", "reject", "gpc"):
        assert c.t(f"audit.phase.{phase}") in result.stdout
    assert c.t("audit.tracker_kind.pixel") in result.stdout
    expected = {"en": "The site sends a request to 127.0.0.3 that looks like a tracking pixel carrying identifiers "
                      "(cid) before the visitor consented, though every cookie Google sets needs consent: send it "
                      "only once the visitor accepts.",
                "tr": "İnternet sitesi, ziyaretçi açık rıza vermeden önce 127.0.0.3 adresine, tanımlayıcı taşıyan ve "
                      "izleme pikseli gibi görünen bir istek göndermektedir (cid); oysa Google tarafından kullanılan "
                      "çerezlerin tümü açık rıza gerektirmektedir: bu isteği yalnızca ziyaretçi açık rıza verdikten "
                      "sonra gönderin."}
    assert f"- {expected[lang]}" in result.stdout.replace("\n  ", " ")
    rejected = {"en": "The cookie `_ga_*` belongs to Analytics cookies, which needs consent, but it was set after the "
                      "visitor chose “Reject all”: set it only once the visitor accepts.",
                "tr": "`_ga_*` çerezi açık rıza gerektiren bir kategoride (Analitik çerezler) yer almaktadır, ancak "
                      "ziyaretçi “Tümünü reddet” seçeneğini seçtikten sonra yerleştirilmiştir: bunu yerleştiren betiği "
                      "veya kodu yalnızca ziyaretçi açık rıza verdiğinde çalışacak şekilde düzenleyin."}
    assert f"- {rejected[lang]}" in result.stdout.replace("\n  ", " ")
    gpc = {"en": "The cookie `_ga` belongs to Analytics cookies, which needs consent, but it was set while the "
                 "browser sent a Global Privacy Control signal, which the policy treats as refusing everything that "
                 "needs consent: honour the signal before setting it.",
           "tr": "`_ga` çerezi açık rıza gerektiren bir kategoride (Analitik çerezler) yer almaktadır, ancak tarayıcı "
                 "Küresel Gizlilik Denetimi (Global Privacy Control) sinyali gönderirken yerleştirilmiştir; politikaya "
                 "göre bu sinyal, açık rıza gerektiren her şeyin reddedilmesi anlamına gelmektedir: bunu "
                 "yerleştirmeden önce sinyali dikkate alın."}
    assert f"- {gpc[lang]}" in result.stdout.replace("\n  ", " ")


@pytest.mark.parametrize(("url", "kind", "expected"), [
    ("https://t.example/p.gif?uid=abc&v=1", "image", ("pixel", ("uid",))),
    ("https://t.example/c?session=a1b2c3d4e5", "ping", ("pixel", ("session",))),
    ("https://t.example/api?x=Z9y8x7w6v5", "fetch", ("url", ("x",))),
    ("https://t.example/p.gif?v=1&lang=en", "image", None),  # no identifier: not a tracker
    ("https://t.example/tag.js?id=GTM-ABC1234", "script", None),  # a script's loader: judged by its host
])
def test_what_looks_like_a_pixel_or_a_url_tracker(url, kind, expected):
    assert looks_like(url, kind) == expected


def test_evidence_of_the_first_format_is_still_audited(scanned, tmp_path):
    """Scan files written before the four states (no ``states``, no ``trackers``) read as they always did."""
    evidence, _, _, _ = scanned
    old = {k: v for k, v in evidence.items() if k not in ("states", "trackers")}
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    _, data = audit(path)
    assert problems(data) == {p for p in PLANTED if p[0] != "tracker_without_consent"}
    assert data["states"] == STATES  # read from the phases the evidence records


def test_a_pixel_to_a_host_no_service_declares_is_named_with_the_undeclared_host(scanned, tmp_path):
    evidence, _, _, _ = scanned
    moved = json.loads(json.dumps(evidence).replace("127.0.0.3", "pixel.example"))
    path = tmp_path / "moved.json"
    path.write_text(json.dumps(moved), encoding="utf-8")
    _, data = audit(path)
    [third] = [f for f in data["findings"] if f["check"] == "third_party"]
    assert (third["host"], third["tracker"], third["params"]) == ("pixel.example", "pixel", "cid")
    assert not [f for f in data["findings"] if f["check"] == "tracker_without_consent"]
    text = policy(FIXTURE, "audit", str(path)).stdout
    assert ("The site sends requests to pixel.example, which no service of the policy declares; they look like a "
            "tracking pixel carrying identifiers (cid)") in text.replace("\n  ", " ")


def test_local_storage_is_judged_like_a_cookie_in_every_state_without_consent():
    from cookiepolicy.evidence.audit import Evidence, Seen, compare
    from cookiepolicy.model.inventory import Category, Inventory, Item
    from cookiepolicy.text.durations import read_duration

    analytics = Category("analytics", {"en": "Analytics"}, {}, "required", kind="analytics")
    item = Item("ab-test", "localStorage", "analytics", {"en": "Tests variants"}, read_duration("persistent"))
    inventory = Inventory(categories=(analytics,), items=(item,))
    seen = [Seen("localStorage", "ab-test", phase, "scan") for phase in STATES]
    found = {(f.check, f.name) for f in compare(Evidence(seen=seen), inventory, gpc="reject")}
    assert found == {("before_consent", "ab-test"), ("after_reject", "ab-test"), ("with_gpc", "ab-test")}
