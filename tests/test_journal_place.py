"""The release journal lives in a state folder beside ``data/`` (``.policy/``), which exists only while a
command is pending and which the scaffold's .gitignore ignores; a journal an older version left in
``data/`` is still completed, and two journals at once are refused."""

from __future__ import annotations

import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from .support.helpers import ROOT, copy_site, policy
from .support.history import edit_yaml
from .support.tree import snapshot
from .test_git_diff import git

RELEASE = ["release", "1.1", "--published", "2026-08-01", "--effective", "2026-08-15"]
SCAFFOLD_IGNORE = ROOT / "src" / "cookiepolicy" / "adapters" / "scaffold_templates" / ".gitignore"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = copy_site(ROOT, tmp_path / "site")
    edit_yaml(site / "data" / "cookies.yml", lambda d: d["items"][0].update(duration="1 day"))
    return site


def _killed_between_renames(site: Path) -> Path:
    killed = policy(site, *RELEASE, env={"POLICY_FAULT_AT": "rename-2"})
    assert killed.returncode == -signal.SIGKILL
    journal = site / ".policy" / "journal"
    assert journal.is_file()
    assert not (site / "data" / ".policy-journal").exists()
    assert not [p for p in (site / "data").rglob("*journal*")], "nothing of the journal is in data/"
    return journal


def _completed(site: Path) -> None:
    again = policy(site, *RELEASE)
    assert again.returncode == 0, again.stderr
    assert (site / "data" / "releases" / "1.1.yml").is_file()
    assert subprocess.run(["sha256sum", "-c", "--quiet", "data/releases/SHA256SUMS"], cwd=site,
                          capture_output=True).returncode == 0
    assert not (site / ".policy").exists() and not (site / "data" / ".policy-journal").exists()
    assert policy(site, "validate").returncode == 0


def test_a_release_leaves_no_state_folder(site: Path):
    result = policy(site, *RELEASE)
    assert result.returncode == 0, result.stderr
    assert not (site / ".policy").exists()


def test_a_killed_release_keeps_its_journal_in_the_state_folder_and_is_completed(site: Path):
    _killed_between_renames(site)
    check = policy(site, "validate")
    assert "an interrupted `policy release` left files behind (run `policy release` again" in check.stderr
    _completed(site)


def test_the_state_folder_is_ignored_by_the_scaffold_gitignore(site: Path):
    shutil.copy(SCAFFOLD_IGNORE, site / ".gitignore")
    git(site, "init", "-q", "-b", "main")
    _killed_between_renames(site)
    status = git(site, "status", "--porcelain", "--untracked-files=all")
    assert ".policy/" not in status, status  # staged files beside their targets are ".NAME....policy-tmp"
    assert "data/releases/1.1.yml" in status  # the release itself is what a commit picks up


def test_a_journal_an_older_version_left_in_data_is_completed(site: Path):
    journal = _killed_between_renames(site)
    journal.replace(site / "data" / ".policy-journal")  # the same record, where older versions wrote it
    journal.parent.rmdir()
    check = policy(site, "validate")
    assert "an interrupted `policy release` left files behind (run `policy release` again" in check.stderr
    _completed(site)


def test_two_journals_at_once_are_refused_with_advice(site: Path):
    journal = _killed_between_renames(site)
    shutil.copy(journal, site / "data" / ".policy-journal")
    before = snapshot(site)
    result = policy(site, *RELEASE)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "data/.policy-journal and .policy/journal both record an interrupted command: nothing was changed; " \
           "remove data/.policy-journal" in result.stderr, result.stderr
    assert snapshot(site) == before
    (site / "data" / ".policy-journal").unlink()
    _completed(site)
