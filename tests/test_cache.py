"""The on-disk cache of checked files: used when the bytes match, never otherwise; safe to share and to lose."""

from __future__ import annotations

import os
import pickle
import subprocess
from pathlib import Path

import pytest

from cookiepolicy import cache, cli
from cookiepolicy.problems import Problem

from .helpers import BIN, policy
from .history import edit_yaml


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.pickle"))


# site.yml, categories.yml, services.yml, cookies.yml, the release 1.0 and its recorded site facts
ENTRIES = 6


def _validate(site: Path, folder: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return policy(site, "validate", env={"POLICY_CACHE_DIR": str(folder), **env})


def test_checked_files_are_kept_and_give_the_same_result(site: Path, tmp_path: Path):
    folder = tmp_path / "cache"
    off = _validate(site, folder, POLICY_CACHE="off")
    assert off.returncode == 0, off.stderr
    assert not folder.exists()  # POLICY_CACHE=off writes nothing
    first = _validate(site, folder)
    assert len(_entries(folder)) == ENTRIES
    second = _validate(site, folder)
    assert (first.returncode, first.stdout, first.stderr) == (second.returncode, second.stdout, second.stderr)
    assert (second.stdout, second.stderr) == (off.stdout, off.stderr)
    assert not list(folder.rglob("*.tmp"))


def test_default_folder_is_the_users_cache(site: Path, tmp_path: Path):
    result = policy(site, "validate", env={"POLICY_CACHE_DIR": "", "XDG_CACHE_HOME": str(tmp_path / "xdg")})
    assert result.returncode == 0, result.stderr
    assert len(_entries(tmp_path / "xdg" / "cookiepolicy")) == ENTRIES
    assert not (site / ".cache").exists()


def test_a_file_whose_bytes_changed_is_checked_again(site: Path, tmp_path: Path):
    folder = tmp_path / "cache"
    assert _validate(site, folder).returncode == 0
    edit_yaml(site / "data" / "cookies.yml", lambda d: d["items"][0].update(lifetime="1 day"))
    result = _validate(site, folder)
    assert result.returncode == 1
    assert "data/cookies.yml" in result.stderr and "items[0].lifetime: unknown field" in result.stderr

    release = site / "data" / "releases" / "1.0.yml"
    release.write_text(release.read_text(encoding="utf-8").replace("version: '1.0'", "version: '1.0'\nextra: 1"),
                       encoding="utf-8")
    result = _validate(site, folder)
    assert "data/releases/1.0.yml" in result.stderr
    assert "was edited after its release" in result.stderr and "extra: unknown field" in result.stderr


def _poison(folder: Path) -> None:
    """Rewrite every entry so that a result read from the cache says so."""
    for path in _entries(folder):
        value, _problems = pickle.loads(path.read_bytes())
        if getattr(value, "name", None) == "data/site.yml":  # any problem there stops the load
            continue
        marker = Problem(file="cache", message="read from the cache", severity="warning")
        path.write_bytes(pickle.dumps((value, [marker])))


def test_entries_are_used_only_by_the_engine_that_wrote_them(site: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]):
    folder = tmp_path / "cache"
    monkeypatch.setenv("POLICY_CACHE_DIR", str(folder))
    assert _validate(site, folder).returncode == 0
    _poison(folder)
    assert cli.main(["--root", str(site), "validate"]) == 0
    assert "read from the cache" in capsys.readouterr().err  # the entries are what a run reads

    # another engine (its code, schemas or catalogs differ) has other keys: it checks the files itself
    from cookiepolicy import load

    load._DOC_CACHE.clear()
    load._RELEASE_CACHE.clear()
    monkeypatch.setattr(cache, "engine", lambda: b"another version of the engine")
    assert cli.main(["--root", str(site), "validate"]) == 0
    assert "read from the cache" not in capsys.readouterr().err


def test_engine_digest_covers_code_schemas_and_catalogs():
    package = Path(cache.__file__).parent
    covered = {p.relative_to(package).as_posix() for p in package.rglob("*")
               if p.suffix in (".py", ".json", ".yml") and p.is_file()}
    assert {"load.py", "validate.py", "schemas.py", "catalog/en.yml", "catalog/tr.yml"} <= covered
    assert len(cache.engine()) == 32


def test_broken_entries_are_recomputed(site: Path, tmp_path: Path):
    folder = tmp_path / "cache"
    good = _validate(site, folder)
    for path in _entries(folder):
        path.write_bytes(b"not a pickle")
    result = _validate(site, folder)
    assert (result.returncode, result.stdout, result.stderr) == (good.returncode, good.stdout, good.stderr)
    assert "Traceback" not in result.stderr
    for path in _entries(folder):
        pickle.loads(path.read_bytes())  # rewritten whole


def test_an_unwritable_cache_is_no_error(site: Path, tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder would be", encoding="utf-8")
    result = _validate(site, blocker / "cache")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok:")


def test_concurrent_runs_share_one_cache(site: Path, tmp_path: Path):
    folder = tmp_path / "cache"
    env = {**os.environ, "POLICY_CACHE_DIR": str(folder)}
    runs = [subprocess.Popen([str(BIN / "policy"), "validate"], cwd=site, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(4)]
    outputs = [(run.wait(), *run.communicate()) for run in runs]
    assert all(code == 0 for code, _, _ in outputs), outputs
    assert len({(out, err) for _, out, err in outputs}) == 1
    assert len(_entries(folder)) == ENTRIES
    assert not list(folder.rglob("*.tmp"))
