"""`policy import open-cookie-database`: known cookies into the draft, with what needs a person marked."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
import yaml

from cookiepolicy.exchange.importers import import_open_cookie_database
from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.loading.opencookiedb import parse_retention, read_database
from cookiepolicy.loading.policy import load_policy
from cookiepolicy.model.problems import PolicyError
from cookiepolicy.safeio import fsutil

from .support.helpers import ROOT, policy

REAL_DATABASE = ROOT / "third_party" / "open-cookie-database" / "open-cookie-database.csv"
HEADER = ["ID", "Platform", "Category", "Cookie / Data Key name", "Domain", "Description", "Retention period",
          "Data Controller", "User Privacy & GDPR Rights Portals", "Wildcard match"]
ROWS = [
    ["a1", "Acme", "Necessary", "acme_sid", "", "Keeps the visitor's session", "Seesion", "Acme Inc",
     "https://acme.example/privacy", "0"],
    ["a2", "Acme", "Personalization", "acme_pref", ".acme.example (3rd party)", "Remembers display settings",
     "13 Months", "Acme Inc", "https://acme.example/privacy", "0"],
    ["a3", "Acme", "Personalization", "acme_ab_", "", "Remembers the test variant", "2 years", "Acme Inc",
     "https://acme.example/privacy", "1"],
    ["a4", "Acme", "Functional", "acme_lb", "", "Routes requests to the same server", "Varies", "Acme Inc",
     "https://acme.example/privacy", "0"],
    ["a5", "Acme", "Necessary", "acme_sid", "", "Same name again", "1 year", "Acme Inc",
     "https://acme.example/privacy", "0"],
    ["b1", "Beta CMS", "Necessary", "beta_csrf", "", "Protects forms against forgery", "session",
     "Website operator", "", "0"],
    ["b2", "Beta CMS", "Personalization", "auth_token", "", "Already in the draft", "1 day", "Website operator",
     "", "0"],
    ["b3", "Beta CMS", "Personalization", "beta_state", "", "Remembers open panels", "Local Storage",
     "Website operator", "", "0"],
    ["g1", "Gamma", "Necessary", "gamma_id", "", "Identifies the widget session", "30 mins", "Gamma Ltd",
     "http://gamma.example/privacy", "0"],
]


def write_database(path: Path, rows: list[list[str]] = ROWS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return write_database(tmp_path / "ocd.csv")


def run(site: Path, database: Path, platforms: list[str], categories: list[str] | None = None,
        notes: list[str] | None = None) -> tuple[int, int]:
    return import_open_cookie_database(SiteFiles(site), database, platforms, categories or [],
                                       note=(notes if notes is not None else []).append, today=dt.date(2026, 11, 22))


def items(site: Path) -> dict[str, dict]:
    data = yaml.safe_load((site / "data" / "cookies.yml").read_text(encoding="utf-8"))
    return {i["name"]: i for i in data["items"]}


def services(site: Path) -> dict[str, dict]:
    data = yaml.safe_load((site / "data" / "services.yml").read_text(encoding="utf-8"))
    return {s["id"]: s for s in data["services"]}


# ---------------------------------------------------------------- retention periods


@pytest.mark.parametrize(("text", "expected"), [
    ("session", "session"), ("Session", "session"), ("Sessions", "session"), ("Seesion", "session"),
    ("session cookie", "session"), ("End of session (browser)", "session"),
    ("Persistent", "persistent"), ("forever", "persistent"), ("no expiration", "persistent"),
    ("1 year", "1 year"), ("1 Year", "1 year"), ("1 year ", "1 year"), ("2 years", "2 years"),
    ("2 year", "2 years"), ("30 days", "30 days"), ("13 months", "13 months"), ("1 months", "1 month"),
    ("1 hour", "1 hour"), ("30 mins", "30 minutes"), ("90 sec", "90 seconds"), ("30 secs", "30 seconds"),
    ("1440 Minutes", "1440 minutes"), ("3 weeks", "3 weeks"),
])
def test_retention_periods_become_durations(text: str, expected: str):
    retention = parse_retention(text)
    assert retention.ok, retention.problem
    assert retention.duration.to_data() == expected


def test_local_storage_is_a_storage_type_without_expiry():
    retention = parse_retention("Local Storage")
    assert retention.storage == "localStorage"
    assert retention.duration.to_data() == "persistent"


@pytest.mark.parametrize("text", [
    "", "Unknown", "Varies", "undefined", "0 days", "1 hour or longer", "Session to 30 days", "1 week to 1 year",
    "10 Nov 2030", "2 years after last activity", "13 months by default, modifiable", "Immediately removed",
    "30 minutes, 3w or 1y depending on value", "Awin",
])
def test_unreadable_retention_is_never_guessed(text: str):
    retention = parse_retention(text)
    assert not retention.ok
    assert retention.duration is None
    assert retention.problem


def test_retention_coverage_of_the_real_database():
    rows = read_database(REAL_DATABASE)
    assert len(rows) == 2264
    parsed = [parse_retention(row.retention) for row in rows]
    readable = sum(1 for r in parsed if r.ok)
    # 2,206 of 2,264 read as a duration; the 58 others are left for a person
    assert readable == 2206
    unread = {row.retention for row, r in zip(rows, parsed, strict=True) if not r.ok}
    assert len(unread) == 27  # spellings, once spaces are normalized
    assert {"Unknown", "Varies", "", "10 Nov 2030", "Session to 30 days"} <= unread


# ---------------------------------------------------------------- the import


def test_import_adds_items_and_services_and_marks_what_needs_a_person(site: Path, database: Path):
    before = (site / "data" / "cookies.yml").read_text(encoding="utf-8")
    notes: list[str] = []
    added, flagged = run(site, database, ["acme", "Beta CMS", "Gamma"], ["Functional=strictly-necessary"], notes)
    text = (site / "data" / "cookies.yml").read_text(encoding="utf-8")
    assert text.startswith(before), "the existing entries and their comments are kept as they were"
    assert added == 7  # 9 rows: one repeated name, one already in the draft
    assert flagged == 2  # acme_lb (retention "Varies") and the Gamma service (no https privacy link)

    got = items(site)
    assert got["acme_sid"]["duration"] == "session"
    assert got["acme_sid"]["purpose"] == {"en": "Keeps the visitor's session", "tr": "Keeps the visitor's session"}
    assert got["acme_sid"]["category"] == "strictly-necessary"
    assert got["acme_sid"]["provider"] == "acme-inc"
    assert (got["acme_pref"]["duration"], got["acme_pref"]["category"]) == ("13 months", "preferences")
    assert got["acme_pref"]["domain"] == ".acme.example"
    assert got["acme_ab_*"]["duration"] == "2 years"
    assert got["acme_ab_*"]["match"] == "wildcard"  # the database's "Wildcard match" column, stated
    assert "match" not in got["acme_sid"]
    assert "duration" not in got["acme_lb"]
    assert got["acme_lb"]["category"] == "strictly-necessary"
    assert "provider" not in got["beta_csrf"], "the site's own cookie is first party"
    assert got["beta_state"]["storage"] == "localStorage"
    assert got["auth_token"]["purpose"]["en"] == "Keeps you signed in to the dashboard"
    assert got["gamma_id"]["duration"] == "30 minutes"

    new_text = text[len(before):]
    assert "Open Cookie Database" in new_text and "Apache-2.0" in new_text
    assert new_text.count("# TODO: translate purpose.tr") == 7
    assert "# TODO: duration: “Varies” does not read as one duration" in new_text
    assert any("`acme_sid`" in n and "twice" in n for n in notes)
    assert any("`auth_token`" in n and "already in data/cookies.yml" in n for n in notes)

    svc = services(site)
    assert svc["acme-inc"]["name"] == "Acme Inc"
    assert svc["acme-inc"]["policy_url"] == "https://acme.example/privacy"
    assert "policy_url" not in svc["gamma-ltd"]
    assert "TODO: policy_url" in (site / "data" / "services.yml").read_text(encoding="utf-8")
    assert "stripe" in svc, "existing services are kept"


def test_validate_stays_honest_about_what_the_import_left_open(site: Path, database: Path):
    run(site, database, ["acme", "Beta CMS", "Gamma"], ["Functional=strictly-necessary"])
    result = policy(site, "validate")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    text = (site / "data" / "cookies.yml").read_text(encoding="utf-8").splitlines()
    duration_errors = [ln for ln in lines if "duration: required field is missing" in ln]
    assert len(duration_errors) == 1
    line = int(duration_errors[0].split(":")[1])
    assert text[line - 1].strip() == "- name: acme_lb"
    assert "TODO: duration" in text[line - 2]
    # policy_url is optional (a missing one shows no link): the import says so in a comment instead
    assert "# TODO: policy_url:" in (site / "data" / "services.yml").read_text(encoding="utf-8")
    assert sum("purpose.tr: the `tr` text is identical to `en`" in ln for ln in lines) == 7


def test_clean_import_validates_with_warnings_until_translated(site: Path, database: Path):
    run(site, database, ["acme"], ["Functional=strictly-necessary"])
    cookies = site / "data" / "cookies.yml"
    cookies.write_text(cookies.read_text(encoding="utf-8").replace(
        "  - name: acme_lb\n", "  - name: acme_lb\n    duration: session\n"), encoding="utf-8")
    result = policy(site, "validate")
    assert result.returncode == 0, result.stderr
    assert "6 warning(s)" in result.stdout  # 4 purposes, the role and sets_cookies of the new service
    strict = policy(site, "validate", "--strict")
    assert strict.returncode == 1


def test_import_twice_adds_nothing(site: Path, database: Path):
    run(site, database, ["acme"], ["Functional=strictly-necessary"])
    text = (site / "data" / "cookies.yml").read_text(encoding="utf-8")
    notes: list[str] = []
    assert run(site, database, ["acme"], ["Functional=strictly-necessary"], notes) == (0, 0)
    assert (site / "data" / "cookies.yml").read_text(encoding="utf-8") == text
    assert any("nothing to add" in n for n in notes)


def test_unknown_platform_lists_close_matches_and_writes_nothing(site: Path, database: Path):
    before = (site / "data" / "cookies.yml").read_text(encoding="utf-8")
    result = policy(site, "import", "open-cookie-database", str(database), "--platform", "Acmee",
                    "--platform", "beta cms")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "unknown platform `Acmee`" in result.stderr
    assert "did you mean: `Acme`" in result.stderr
    assert (site / "data" / "cookies.yml").read_text(encoding="utf-8") == before


def test_an_undecided_category_stops_the_import(site: Path, database: Path):
    before = (site / "data" / "cookies.yml").read_text(encoding="utf-8")
    with pytest.raises(PolicyError) as info:
        run(site, database, ["acme"])
    message = str(info.value)
    assert "`Functional`" in message and "--category Functional=ID" in message
    assert (site / "data" / "cookies.yml").read_text(encoding="utf-8") == before
    with pytest.raises(PolicyError, match="is not a category id"):
        run(site, database, ["acme"], ["Functional=strictly-neccessary"])
    with pytest.raises(PolicyError, match="write DATABASE_CATEGORY=ID"):
        run(site, database, ["acme"], ["Functional"])
    with pytest.raises(PolicyError, match="did you mean `Functional`"):
        run(site, database, ["acme"], ["Functionall=preferences"])


def test_cli_prints_what_was_added(site: Path, database: Path):
    result = policy(site, "import", "open-cookie-database", str(database), "--platform", "Acme",
                    "--category", "Functional=strictly-necessary")
    assert result.returncode == 0, result.stderr
    assert "added 4 item(s); 1 need a human" in result.stdout
    assert "`acme_lb` needs a human" in result.stderr


def test_a_file_that_is_not_the_database_is_a_clear_error(site: Path, tmp_path: Path):
    other = tmp_path / "other.csv"
    other.write_text("name,value\na,b\n", encoding="utf-8")
    result = policy(site, "import", "open-cookie-database", str(other), "--platform", "Acme")
    assert result.returncode == 1
    assert "missing column(s)" in result.stderr and "Traceback" not in result.stderr
    missing = policy(site, "import", "open-cookie-database", str(tmp_path / "none.csv"), "--platform", "Acme")
    assert missing.returncode == 1 and "file is missing" in missing.stderr


def test_a_failed_write_leaves_both_files_as_they_were(site: Path, database: Path,
                                                       monkeypatch: pytest.MonkeyPatch):
    before = {p: p.read_bytes() for p in (site / "data").glob("*.yml")}
    calls = []

    def failing(source: Path, target: Path) -> None:
        calls.append(target)
        if len(calls) == 2:
            raise OSError("disk full")
        source.replace(target)

    monkeypatch.setattr(fsutil, "replace", failing)
    with pytest.raises(OSError):
        run(site, database, ["acme"], ["Functional=strictly-necessary"])
    assert len(calls) == 2
    assert {p: p.read_bytes() for p in (site / "data").glob("*.yml")} == before
    assert not list((site / "data").glob(".*.tmp"))


def test_an_empty_list_gets_its_first_entries(site: Path, database: Path):
    (site / "data" / "services.yml").write_text("# no third parties yet\nservices: []\n", encoding="utf-8")
    cookies = site / "data" / "cookies.yml"
    cookies.write_text("# nothing yet\nitems: []\n", encoding="utf-8")
    run(site, database, ["acme"], ["Functional=strictly-necessary"])
    assert cookies.read_text(encoding="utf-8").startswith("# nothing yet\nitems:\n")
    assert set(items(site)) == {"acme_sid", "acme_pref", "acme_ab_*", "acme_lb"}
    assert set(services(site)) == {"acme-inc"}


def test_real_database_platform_with_wildcards(site: Path):
    notes: list[str] = []
    added, _ = run(site, REAL_DATABASE, ["google analytics"], ["Analytics=preferences", "Marketing=preferences",
                                                      "Functional=preferences"],
                   notes)
    got = items(site)
    assert added == len([n for n in got if n not in ("auth_token", "refresh_token", "TALKOMNI_USER_LOCALE",
                                                      "theme", "conversation_id")])
    assert got["_ga"]["duration"] == "2 years"
    assert got["_ga_*"]["provider"] == "google"
    assert services(site)["google"]["policy_url"].startswith("https://")
    _, report = load_policy(SiteFiles(site))
    # what is left: the retention periods the database words as conditions ("2 years after last activity"),
    # and TalkOmni's `not_used` statements, which the database's Marketing entries (imported here as
    # preferences) contradict whatever their category says
    assert report.errors
    durations = [p for p in report.errors if p.field.endswith(".duration")]
    assert durations and all("required field is missing" in p.message for p in durations)
    statements = [p for p in report.errors if p not in durations]
    assert statements and all(p.field == "not_used" and "Google Analytics" in p.message for p in statements), \
        [p.format() for p in statements]


def test_a_description_over_several_lines_is_one_purpose(site: Path, tmp_path: Path):
    database = write_database(tmp_path / "multi.csv", [
        ["m1", "Multi", "Necessary", "multi_sid", "", "Keeps the session.\nSet on sign-in.", "1 day", "Multi Co",
         "https://multi.example/privacy", "0"],
    ])
    rows = read_database(database)
    assert [row.description for row in rows] == ["Keeps the session. Set on sign-in."]
    assert run(site, database, ["Multi"]) == (1, 0)
    assert items(site)["multi_sid"]["purpose"]["en"] == "Keeps the session. Set on sign-in."
