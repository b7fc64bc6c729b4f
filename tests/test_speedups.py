"""The speed-ups keep every result: frozen releases read part by part, work done once per content."""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import subprocess
import sys
from pathlib import Path

from cookiepolicy.adapters.cli import main as cli
from cookiepolicy.history.diff import diff_inventories
from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.loading.frozen import read_frozen
from cookiepolicy.loading.policy import load_policy
from cookiepolicy.model.inventory import Duration
from cookiepolicy.safeio import memo
from cookiepolicy.safeio.yamlsafe import read_yaml
from cookiepolicy.text.localize import format_date, format_duration

from .support.helpers import ROOT, policy
from .support.history import edit_yaml, make_history


def _same_reading(path: Path) -> None:
    """The part-by-part reading gives the data and every line of the whole-file reading."""
    parts = read_frozen(path, path.name)
    whole, problems = read_yaml(path, path.name)
    assert parts is not None and not problems
    assert parts.data == whole.data
    for at, line in whole.lines.items():
        assert parts.line(at) == line, at
    assert parts.line(("items", 0, "no-such-field")) == whole.line(("items", 0, "no-such-field"))
    assert parts.line(("items", 10_000)) == whole.line(("items", 10_000))


def test_frozen_releases_read_the_same_part_by_part(site: Path):
    make_history(site)
    paths = sorted((site / "data" / "releases").glob("*.yml")) + sorted(ROOT.glob("examples/*/data/releases/*.yml"))
    assert len(paths) >= 4
    for path in paths:
        _same_reading(path)


def _forge(site: Path, text: str) -> None:
    """Replace release 1.0 and record its checksum, as if `policy release` had written it."""
    release = site / "data" / "releases" / "1.0.yml"
    release.write_text(text, encoding="utf-8")
    lock = site / "data" / "releases" / "SHA256SUMS"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    lines = [f"{digest}  data/releases/1.0.yml" if line.endswith("  data/releases/1.0.yml") else line
             for line in lock.read_text(encoding="utf-8").splitlines()]
    lock.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_recorded_release_in_another_shape_is_read_whole(site: Path):
    """A duplicate key inside an entry does not read cleanly on its own: the whole file is read and says where."""
    text = (site / "data" / "releases" / "1.0.yml").read_text(encoding="utf-8")
    first = text.index("\n- name: ", text.index("\nitems:")) + 1
    line = text[:first].count("\n") + 2
    _forge(site, text[:first] + "- name: twice\n  " + text[first + 2:])
    assert read_frozen(site / "data" / "releases" / "1.0.yml", "data/releases/1.0.yml") is None
    result = policy(site, "validate", env={"POLICY_CACHE": "off"})
    assert result.returncode == 1
    assert f"data/releases/1.0.yml:{line}: error: items[0].name: duplicate key `name`" in result.stderr
    assert "was edited after its release" not in result.stderr


def test_problems_in_a_recorded_release_keep_their_lines(site: Path):
    """The same bad entry twice in one file (parsed once, checked once) is reported at both places."""
    text = (site / "data" / "releases" / "1.0.yml").read_text(encoding="utf-8")
    start = text.index("\n- ", text.index("\nitems:")) + 1
    end = text.index("\n- ", start) + 1
    entry = text[start:end].replace("  storage: ", "  lifetime: 1 day\n  storage: ", 1)
    body = text[:start] + entry + entry + text[end:]
    _forge(site, body)
    first = body[:start].count("\n") + 1
    second = first + entry.count("\n")
    result = policy(site, "validate", env={"POLICY_CACHE": "off"})
    assert result.returncode == 1
    assert f"data/releases/1.0.yml:{first + 1}: error: items[0].lifetime: unknown field" in result.stderr
    assert f"data/releases/1.0.yml:{second + 1}: error: items[1].lifetime: unknown field" in result.stderr


def test_identical_entries_in_the_draft_are_each_reported(site: Path):
    def twice(d: dict) -> None:
        bad = {**d["items"][0], "name": "bad_one", "colour": "blue"}
        d["items"] += [bad, {**bad, "name": "bad_two"}, dict(bad)]  # the same content at three places

    edit_yaml(site / "data" / "cookies.yml", twice)
    result = policy(site, "validate", env={"POLICY_CACHE": "off"})
    assert result.returncode == 1
    fields = [line for line in result.stderr.splitlines() if "colour: unknown field" in line]
    assert len(fields) == 3 and len({line.split(":")[1] for line in fields}) == 3  # three lines
    assert "cookie `bad_one` is listed twice" in result.stderr


def test_releases_are_the_same_objects_while_their_files_are_unchanged(site: Path):
    make_history(site)
    files = SiteFiles(site)
    first, _ = load_policy(files)
    edit_yaml(site / "data" / "cookies.yml", lambda d: d["items"][0].update(duration="2 days"))
    second, _ = load_policy(files)
    assert first is not None and second is not None
    assert first.draft != second.draft
    assert all(a is b for a, b in zip(first.releases, second.releases, strict=True))
    # so the changelog's release-to-release diffs are computed once, for every language and rebuild
    old, new = first.releases[0].inventory, first.releases[1].inventory
    assert diff_inventories(old, new) is diff_inventories(second.releases[0].inventory, second.releases[1].inventory)

    path = site / "data" / "releases" / f"{first.releases[0].version}.yml"
    path.write_text(path.read_text(encoding="utf-8") + "# touched\n", encoding="utf-8")
    memo.reset()
    third, report = load_policy(files)
    assert third is None and "was edited after its release" in report.format()


def test_diffs_are_remembered_only_for_the_same_inventories(site: Path):
    make_history(site)
    policy_, _ = load_policy(SiteFiles(site))
    assert policy_ is not None
    a, b, c = (r.inventory for r in policy_.releases[:3])
    assert diff_inventories(a, b) is diff_inventories(a, b)
    assert diff_inventories(a, c) != diff_inventories(a, b)
    assert diff_inventories(b, a) != diff_inventories(a, b)
    assert diff_inventories(a, a).empty


def test_formatting_is_remembered_per_language():
    week = Duration(kind="fixed", value=2, unit="week")
    assert format_duration(week, "en") == "2 weeks"
    assert format_duration(week, "tr") == "2 hafta"
    assert format_duration(week, "en") == "2 weeks"
    day = dt.date(2026, 3, 1)
    assert format_date(day, "en") == "March 1, 2026"
    assert format_date(day, "tr") == "1 Mart 2026"


def test_the_policy_process_runs_without_cyclic_gc(tmp_path: Path):
    """A command's data has no cycles; a call from Python (tests, tools) keeps its caller's GC."""
    code = ("import gc, sys; from cookiepolicy.adapters.cli import main as cli; "
            "sys.argv = ['policy', 'schema', sys.argv[1]]; cli.main(); print(gc.isenabled())")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "schemas")], capture_output=True,
                         text=True, check=False)
    assert out.stdout.strip().splitlines()[-1] == "False", out.stderr
    assert gc.isenabled()
    assert cli.main(["--root", str(ROOT), "validate"]) == 0
    assert gc.isenabled()
