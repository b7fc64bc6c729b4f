"""`policy release`: what it writes, and every refusal leaving every file as it was."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from cookiepolicy.history.releases import create_release
from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.loading.policy import load_policy
from cookiepolicy.model.problems import PolicyError
from cookiepolicy.safeio import fsutil

from .support.helpers import policy
from .support.history import edit_yaml
from .support.tree import snapshot


def _change_draft(site: Path) -> None:
    edit_yaml(site / "data" / "cookies.yml", lambda d: d["items"][0].update(duration="1 day"))


def test_release_writes_snapshot_archive_and_checksums(site: Path):
    _change_draft(site)
    result = policy(site, "release", "1.1", "--published", "2026-08-01", "--effective", "2026-08-15",
                    "--summary", "en=Longer sign-in.", "--summary", "tr=Daha uzun oturum.")
    assert result.returncode == 0, result.stderr
    snap = yaml.safe_load((site / "data" / "releases" / "1.1.yml").read_text(encoding="utf-8"))
    assert snap["version"] == "1.1" and snap["effective"] == "2026-08-15"
    assert snap["summary"] == {"en": "Longer sign-in.", "tr": "Daha uzun oturum."}
    assert snap["items"][0]["duration"] == "1 day"
    archived = (site / "docs" / "versions" / "1.1" / "index.tr.md").read_text(encoding="utf-8")
    assert archived.startswith('---\npolicy_version: "1.1"\n')
    assert "](../../changelog.md)" in archived  # relative links re-pointed from the archive folder
    sums = (site / "data" / "releases" / "SHA256SUMS").read_text(encoding="utf-8")
    assert "data/releases/1.1.yml" in sums and "docs/versions/1.1/index.md" in sums
    assert "data/releases/1.0.yml" in sums
    policy_, _report = load_policy(SiteFiles(site))
    assert policy_ is not None and [r.version for r in policy_.releases] == ["1.0", "1.1"]


def test_published_defaults_to_today(site: Path):
    _change_draft(site)
    today = dt.date.today()
    effective = today + dt.timedelta(days=10)
    result = policy(site, "release", "2.0", "--effective", effective.isoformat())
    assert result.returncode == 0, result.stderr
    snap = yaml.safe_load((site / "data" / "releases" / "2.0.yml").read_text(encoding="utf-8"))
    assert snap["published"] == today.isoformat()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["1.0", "--published", "2026-08-01", "--effective", "2026-08-15"], "version 1.0 exists already"),
        (["0.9", "--published", "2026-08-01", "--effective", "2026-08-15"],
         "version 0.9 is not after the latest release 1.0"),
        (["1.1", "--published", "2026-08-15", "--effective", "2026-08-01"],
         "effective date 2026-08-01 is before the published date 2026-08-15"),
        (["v1.1", "--published", "2026-08-01", "--effective", "2026-08-15"], "`v1.1` is not a version number"),
        (["1.1", "--published", "2026-05-01", "--effective", "2026-08-15"],
         "published 2026-05-01 is before version 1.0 (2026-06-26)"),
        (["1.1", "--published", "2026-08-01", "--effective", "2026-08-15", "--summary", "en=Only English."],
         "the summary has no translation for tr"),
    ],
)
def test_release_refusals_change_nothing(site: Path, args: list[str], message: str):
    _change_draft(site)
    before = snapshot(site)
    result = policy(site, "release", *args)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(site) == before


def test_release_refuses_an_unchanged_draft(site: Path):
    before = snapshot(site)
    result = policy(site, "release", "1.1", "--published", "2026-08-01", "--effective", "2026-08-15")
    assert result.returncode == 1 and "the draft is the same as version 1.0" in result.stderr
    assert snapshot(site) == before


def test_release_refuses_a_draft_that_does_not_validate(site: Path):
    edit_yaml(site / "data" / "cookies.yml", lambda d: d["items"][0].update(category="nope"))
    before = snapshot(site)
    result = policy(site, "release", "1.1", "--published", "2026-08-01", "--effective", "2026-08-15")
    assert result.returncode == 1
    assert "data/cookies.yml:" in result.stderr and "unknown category `nope`" in result.stderr
    assert snapshot(site) == before


def test_bad_date_is_a_usage_error(site: Path):
    result = policy(site, "release", "1.1", "--effective", "15/08/2026")
    assert result.returncode == 2 and "is not a date: use YYYY-MM-DD" in result.stderr


def test_a_write_failing_half_way_leaves_the_tree_unchanged(site: Path, monkeypatch: pytest.MonkeyPatch):
    _change_draft(site)
    before = snapshot(site)
    calls = {"n": 0}
    real = fsutil.replace

    def failing(source: Path, target: Path) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        real(source, target)

    monkeypatch.setattr(fsutil, "replace", failing)
    with pytest.raises(OSError):
        create_release(SiteFiles(site), "1.1", dt.date(2026, 8, 15), dt.date(2026, 8, 1))
    assert calls["n"] == 3
    assert snapshot(site) == before
    assert not (site / "docs" / "versions" / "1.1").exists()


def test_transaction_never_overwrites_unasked(tmp_path: Path):
    target = tmp_path / "a.txt"
    target.write_text("keep", encoding="utf-8")
    tx = fsutil.Transaction()
    tx.write(target, "new")
    with pytest.raises(PolicyError, match="exists already"):
        tx.commit()
    assert target.read_text(encoding="utf-8") == "keep"
