"""Hostile and broken input, round three: each class the outside red team found, through the real
commands, the real build and real git repositories in temporary folders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .helpers import mkdocs_build, policy

# ---------------------------------------------------------------- environment values, read strictly


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
