"""Every command that writes is one transaction: Ctrl-C (SIGINT), SIGTERM or SIGKILL at any of its
steps leaves the files as they were or as the command completes them, and the next run repairs
what a kill left, the advice naming the command that was interrupted."""

from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest

from .support.helpers import ROOT, copy_site, policy
from .support.history import edit_yaml
from .support.tree import snapshot
from .test_git_diff import commit, git
from .test_import import write_database

SIGNALS = {"INT": -signal.SIGINT, "TERM": -signal.SIGTERM, "KILL": -signal.SIGKILL}
RELEASE = ["release", "1.1", "--published", "2026-08-01", "--effective", "2026-08-15"]
RELEASE_STEPS = ["stage-1", "stage-4", "journal", "rename-1", "rename-2", "rename-4", "cleanup"]
TWO_FILE_STEPS = ["stage-1", "stage-2", "journal", "rename-1", "rename-2", "cleanup"]


def _interrupted(site: Path, args: list[str], step: str, sig: str) -> tuple[int, str]:
    result = policy(site, *args, env={"POLICY_FAULT_AT": step, "POLICY_FAULT_SIGNAL": sig})
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stderr


def _clean(tree: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in tree.items() if "__pycache__" not in k and not k.startswith(".git/")}


def _check(site: Path, args: list[str], step: str, sig: str, before: dict[str, str], command: str,
           rerun: list[str] | None = None) -> None:
    """Interrupt ``args`` at ``step``; then the tree is before/after, or repaired by running it again."""
    code, err = _interrupted(site, args, step, sig)
    now = _clean(snapshot(site))
    leftovers = [n for n in now if n.endswith((".policy-tmp", ".policy-journal")) or n.startswith(".policy/")]
    if sig == "KILL":
        assert code == -signal.SIGKILL
        if leftovers:  # the check names the command that was interrupted
            assert f"an interrupted `{command}` left files behind (run `{command}` again" \
                in policy(site, "validate").stderr
    else:  # a signal the process can see: nothing is left half-done, whatever the step
        assert not leftovers, leftovers
        if code == 0:  # it came during the final renames: they were finished first
            assert "finished its last step first" in err
        else:
            assert code == 130 and "interrupted" in err, (code, err)
            assert now == before, f"{command} interrupted by SIG{sig} at {step} changed files"
    again = policy(site, *(rerun or args))
    assert "Traceback" not in again.stderr


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    site = copy_site(ROOT, tmp_path / "site")
    edit_yaml(site / "data" / "cookies.yml", lambda d: d["items"][0].update(duration="1 day"))
    return site


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    site = copy_site(ROOT, tmp_path_factory.mktemp("ref") / "site")
    edit_yaml(site / "data" / "cookies.yml", lambda d: d["items"][0].update(duration="1 day"))
    assert policy(site, *RELEASE).returncode == 0
    return _clean(snapshot(site))


@pytest.mark.parametrize("sig", ["INT", "TERM", "KILL"])
@pytest.mark.parametrize("step", RELEASE_STEPS)
def test_release_interrupted_at_any_step(fresh: Path, released: dict[str, str], step: str, sig: str):
    before = _clean(snapshot(fresh))
    _check(fresh, RELEASE, step, sig, before, "policy release")
    assert _clean(snapshot(fresh)) == released
    assert policy(fresh, "validate").returncode == 0


@pytest.mark.parametrize("sig", ["INT", "KILL"])
@pytest.mark.parametrize("step", TWO_FILE_STEPS)
def test_import_interrupted_at_any_step(site: Path, tmp_path: Path, step: str, sig: str):
    database = write_database(tmp_path / "ocd.csv")
    args = ["import", "open-cookie-database", str(database), "--platform", "Acme",
            "--category", "Functional=strictly-necessary"]
    reference = copy_site(site, tmp_path / "reference")
    assert policy(reference, *args).returncode == 0
    before = _clean(snapshot(site))
    _check(site, args, step, sig, before, "policy import")
    assert _clean(snapshot(site)) == _clean(snapshot(reference))


@pytest.fixture
def format_one(tmp_path: Path) -> Path:
    """TalkOmni in git with its 1.0 site facts not recorded yet: what `record-site-facts` writes."""
    site = copy_site(ROOT, tmp_path / "facts")
    import shutil

    shutil.rmtree(site / "data" / "releases" / "site-facts")
    sums = site / "data" / "releases" / "SHA256SUMS"
    sums.write_text("".join(line for line in sums.read_text(encoding="utf-8").splitlines(keepends=True)
                            if "site-facts/" not in line), encoding="utf-8")
    git(site, "init", "-q", "-b", "main")
    commit(site, "1.0")
    return site


@pytest.mark.parametrize("sig", ["INT", "KILL"])
@pytest.mark.parametrize("step", TWO_FILE_STEPS)
def test_record_site_facts_interrupted_at_any_step(format_one: Path, step: str, sig: str):
    before = _clean(snapshot(format_one))
    _check(format_one, ["record-site-facts"], step, sig, before, "policy record-site-facts")
    after = _clean(snapshot(format_one))
    assert "data/releases/site-facts/1.0.yml" in after
    assert policy(format_one, "validate").returncode == 0


INIT = ["init", "new", "--company", "Acme", "--domain", "acme.example", "--email", "privacy@acme.example"]


@pytest.mark.parametrize("sig", ["INT", "TERM", "KILL"])
@pytest.mark.parametrize("step", ["stage-1", "stage-7", "publish"])
def test_init_interrupted_at_any_step(tmp_path: Path, step: str, sig: str):
    code, err = _interrupted(tmp_path, INIT, step, sig)
    assert code == SIGNALS[sig] if sig == "KILL" else code == 130, (code, err)
    assert not (tmp_path / "new").exists(), "an interrupted init leaves no half-written site"
    if sig != "KILL":
        assert list(tmp_path.iterdir()) == []
    again = policy(tmp_path, *INIT)
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new"]  # what a kill staged is gone
    assert policy(tmp_path / "new", "validate").returncode == 0


# ---------------------------------------------------------------- journals that are not ours


def _journal(site: Path, entries: list[dict], command: str = "policy release", label: str = "1.1") -> Path:
    path = site / ".policy" / "journal"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps({"command": command, "label": label, "files": entries}), encoding="utf-8")
    return path


def _digest(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()


def test_a_journal_never_overwrites_the_draft_or_a_published_file(fresh: Path):
    for target in ("data/cookies.yml", "data/releases/1.0.yml", "docs/versions/1.0/index.md"):
        path = fresh / target
        staged = path.parent / f".{path.name}.x.policy-tmp"
        staged.write_text("items: []\n", encoding="utf-8")
        _journal(fresh, [{"tmp": str(staged), "target": str(path), "sha256": _digest("items: []\n"),
                          "before": _digest(path.read_text(encoding="utf-8"))}])
        before = _clean(snapshot(fresh))
        result = policy(fresh, *RELEASE)
        assert result.returncode == 1, result.stdout
        assert "exists with other content: a journal never overwrites a published or edited file" in result.stderr
        assert "released" not in result.stdout
        assert _clean(snapshot(fresh)) == before
        staged.unlink()


def test_a_journal_for_files_that_were_never_staged_is_refused(fresh: Path):
    target = fresh / "data" / "releases" / "1.1.yml"
    _journal(fresh, [{"tmp": str(target.parent / ".1.1.yml.x.policy-tmp"), "target": str(target),
                      "sha256": _digest("x"), "before": None}])
    result = policy(fresh, *RELEASE)
    assert result.returncode == 1 and "cannot complete the interrupted write" in result.stderr
    assert "released version" not in result.stdout and not target.exists()


@pytest.mark.parametrize("old_place", [False, True], ids=["state-folder", "data-folder"])
def test_a_committed_journal_is_refused(fresh: Path, old_place: bool):
    target = fresh / "data" / "releases" / "1.1.yml"
    staged = target.parent / ".1.1.yml.x.policy-tmp"
    staged.write_text("version: '1.1'\n", encoding="utf-8")
    journal = _journal(fresh, [{"tmp": str(staged), "target": str(target), "sha256": _digest("version: '1.1'\n"),
                                "before": None}])
    if old_place:  # where versions before the state folder kept it
        journal.replace(fresh / "data" / ".policy-journal")
        journal.parent.rmdir()
    git(fresh, "init", "-q", "-b", "main")
    git(fresh, "add", "-f", "-A")  # ignored or not, a pull request can force it in
    commit(fresh, "a pull request that commits a journal")
    result = policy(fresh, *RELEASE)
    assert result.returncode == 1 and "is committed to git" in result.stderr, result.stderr
    assert "released version" not in result.stdout and not target.exists()
    check = policy(fresh, "validate")
    assert "an interrupted `policy release` left files behind" in check.stderr
