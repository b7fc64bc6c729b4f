"""The on-disk cache of checked files: used when the bytes match, never otherwise; safe to share and to lose."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
from pathlib import Path

import pytest

from cookiepolicy.adapters.cli import main as cli
from cookiepolicy.safeio import cache

from .support.helpers import BIN, policy
from .support.history import edit_yaml


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.json"))


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


def _resign(path: Path, change) -> None:
    """Change an entry's payload and sign it again with this user's key, as the engine would."""
    head, _, body = path.read_bytes().partition(b"\n")
    record = json.loads(head)
    payload = json.loads(body)
    change(payload)
    body = json.dumps(payload).encode()
    record["mac"] = cache._mac(cache.key(), record["file"], _context_of(path, record["file"]), body)
    path.write_bytes(json.dumps(record).encode() + b"\n" + body)


_CONTEXTS: dict[str, str] = {}


def _context_of(path: Path, file_digest: str) -> str:
    return _CONTEXTS[path.stem]


def _learn_contexts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Record each entry's context as the engine computes its name (the name is a one-way digest)."""
    original = cache.entry

    def entry(context: str, raw: bytes) -> Path | None:
        where = original(context, raw)
        if where is not None:
            _CONTEXTS[where.stem] = context
        return where

    monkeypatch.setattr(cache, "entry", entry)


def _poison(folder: Path) -> None:
    """Rewrite every entry (signed with the user's key) so that a result read from the cache says so."""
    for path in _entries(folder):
        _head, _, body = path.read_bytes().partition(b"\n")
        if json.loads(body)["name"] == "data/site.yml":  # any problem there stops the load
            continue
        _resign(path, lambda p: p["problems"].append(["cache", "read from the cache", None, None, None,
                                                        "warning"]))


def test_entries_are_used_only_by_the_engine_that_wrote_them(site: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]):
    folder = tmp_path / "cache"
    monkeypatch.setenv("POLICY_CACHE_DIR", str(folder))
    _learn_contexts(monkeypatch)
    assert cli.main(["--root", str(site), "validate"]) == 0
    capsys.readouterr()
    from cookiepolicy.safeio import memo

    memo.reset()
    _poison(folder)
    assert cli.main(["--root", str(site), "validate"]) == 0
    assert "read from the cache" in capsys.readouterr().err  # the entries are what a run reads

    # another engine (its code, schemas or catalogs differ) has other keys: it checks the files itself
    memo.reset()
    monkeypatch.setattr(cache, "engine", lambda: b"another version of the engine")
    assert cli.main(["--root", str(site), "validate"]) == 0
    assert "read from the cache" not in capsys.readouterr().err


def test_engine_digest_covers_code_schemas_and_catalogs():
    package = Path(cache.__file__).parents[1]  # the whole engine, every layer
    covered = {p.relative_to(package).as_posix() for p in package.rglob("*")
               if p.suffix in (".py", ".json", ".yml") and p.is_file()}
    assert {"loading/build.py", "loading/validate.py", "loading/schemas.py", "text/catalog/en.yml",
            "text/catalog/tr.yml"} <= covered
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
        head, _, body = path.read_bytes().partition(b"\n")
        assert json.loads(head)["format"] == 1 and json.loads(body)["name"].startswith("data/")  # rewritten whole


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


class _Boom:
    """A pickle that runs a command when loaded: a cache that unpickles would create ``marker``."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_nothing_in_the_folder_is_unpickled_or_trusted(site: Path, tmp_path: Path):
    folder = tmp_path / "cache"
    good = _validate(site, folder)
    marker = tmp_path / "pwned"
    paths = _entries(folder)
    for number, path in enumerate(paths):
        if number % 3 == 0:  # a pickle that runs code
            path.write_bytes(pickle.dumps(_Boom(marker)))
        elif number % 3 == 1:  # well-formed, unsigned: says the data has no problem and other content
            head, _, body = path.read_bytes().partition(b"\n")
            record = json.loads(head)
            payload = json.loads(body)
            payload["problems"] = [["cache", "read from the cache", None, None, None, "warning"]]
            record["mac"] = "0" * 64
            path.write_bytes(json.dumps(record).encode() + b"\n" + json.dumps(payload).encode())
        else:  # signed with a key the folder supplies: the folder's own key is never used
            (folder / "cache.key").write_bytes(b"k" * 32)
            path.write_bytes(path.read_bytes().replace(b"auth_token", b"evil_token"))
    result = _validate(site, folder)
    assert not marker.exists(), "a cache entry ran code"
    assert (result.returncode, result.stdout, result.stderr) == (good.returncode, good.stdout, good.stderr)
    assert "read from the cache" not in result.stderr


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "folder"])
def test_an_entry_that_is_not_a_file_is_recomputed_without_hanging(site: Path, tmp_path: Path, kind: str):
    folder = tmp_path / "cache"
    good = _validate(site, folder)
    for path in _entries(folder):
        path.unlink()
        if kind == "fifo":
            os.mkfifo(path)
        elif kind == "dev-zero":
            path.symlink_to("/dev/zero")
        else:
            path.mkdir()
    result = subprocess.run([str(BIN / "policy"), "validate"], cwd=site, capture_output=True, text=True,
                            timeout=120, env={**os.environ, "POLICY_CACHE_DIR": str(folder)})
    assert (result.returncode, result.stdout, result.stderr) == (good.returncode, good.stdout, good.stderr)


def test_a_folder_others_can_write_is_not_used(site: Path, tmp_path: Path):
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    result = _validate(site, folder)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("warning:") == 1, result.stderr
    assert f"the cache folder {folder} is not private" in result.stderr
    assert "POLICY_CACHE_DIR" in result.stderr and "POLICY_CACHE=off" in result.stderr
    assert not _entries(folder)
    folder.chmod(0o700)
    _validate(site, folder)
    assert len(_entries(folder)) == ENTRIES


def test_a_key_others_can_read_is_not_used(site: Path, tmp_path: Path):
    state = tmp_path / "state"
    key = state / "cookiepolicy" / "cache.key"
    key.parent.mkdir(parents=True, mode=0o700)
    key.write_bytes(b"x" * 32)
    key.chmod(0o644)
    result = _validate(site, tmp_path / "cache", XDG_STATE_HOME=str(state))
    assert result.returncode == 0
    assert f"the cache key {key} is not a private file of yours" in result.stderr
    assert not (tmp_path / "cache").exists() or not _entries(tmp_path / "cache")


@pytest.mark.parametrize("value", ["ture", "maybe", "of"])
def test_an_unknown_cache_switch_is_refused(site: Path, tmp_path: Path, value: str):
    result = _validate(site, tmp_path / "cache", POLICY_CACHE=value)
    assert result.returncode == 1
    assert f"POLICY_CACHE={value} is not an allowed value: write one of 1, true, yes, on, 0, false, no, off" \
        in result.stderr
    assert "Traceback" not in result.stderr


def _forge_release(folder: Path) -> None:
    """Edit the cached release 1.0 (signed with the user's key): a run that reads it shows `Forged Corp`."""
    for path in _entries(folder):
        payload = json.loads(path.read_bytes().partition(b"\n")[2])
        if payload["name"] == "data/releases/1.0.yml":
            _resign(path, lambda p: p["data"]["items"][0]["purpose"].update(en="Forged Corp"))
            return
    raise AssertionError("no entry for the release")


def test_verify_release_and_production_builds_never_read_the_cache(site: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch):
    from .support.helpers import mkdocs_build, run

    folder = tmp_path / "cache"
    monkeypatch.setenv("POLICY_CACHE_DIR", str(folder))
    _learn_contexts(monkeypatch)
    assert cli.main(["--root", str(site), "validate"]) == 0
    _forge_release(folder)
    # the forged entry is what a cached read gives: the draft build's archive shows it
    draft = mkdocs_build(site, tmp_path / "draft", strict=False, env={"POLICY_TODAY": "2026-11-22"})
    assert draft.returncode == 0, draft.stderr
    assert "Forged Corp" in (tmp_path / "draft" / "versions" / "1.0" / "index.html").read_text(encoding="utf-8")

    prod = mkdocs_build(site, tmp_path / "prod", env={"POLICY_PRODUCTION": "true", "POLICY_TODAY": "2026-11-22"})
    assert prod.returncode == 0, prod.stderr
    assert not any("Forged Corp" in p.read_text(encoding="utf-8") for p in (tmp_path / "prod").rglob("*.html"))
    assert "Forged Corp" not in (tmp_path / "prod" / "cookies.json").read_text(encoding="utf-8")

    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "s"]):
        assert run(["git", *args], site).returncode == 0
    verified = policy(site, "verify")
    assert "Forged Corp" not in verified.stdout + verified.stderr
    edit_yaml(site / "data" / "cookies.yml", lambda d: d["items"][0].update(duration="13 hours"))
    released = policy(site, "release", "1.1", "--effective", "2026-12-01", "--published", "2026-12-01")
    assert released.returncode == 0, released.stderr
    assert "Forged Corp" not in (site / "data" / "releases" / "1.1.yml").read_text(encoding="utf-8")
