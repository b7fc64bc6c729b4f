"""Work done once where it was repeated: the banner's protected names once per export, an archived
macro's cache key once per miss, and the cache key read like any private plain file (a FIFO or a
link in its place is refused, never waited on)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from cookiepolicy.exchange import cookieconsent, export
from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.render import archive_cache
from cookiepolicy.safeio import memo

from .support.helpers import BIN
from .test_archive_cache import CALL

WILDCARDS = "".join(f"  - name: chat_{n}_*\n    match: wildcard\n    storage: cookie\n    category: preferences\n"
                    "    purpose:\n      en: Keeps the chat open\n      tr: Sohbeti açık tutar\n"
                    "    duration: 1 day\n" for n in range(5))


def test_the_protected_names_are_computed_once_per_export(site: Path, monkeypatch: pytest.MonkeyPatch):
    cookies = site / "data" / "cookies.yml"
    text = cookies.read_text(encoding="utf-8")
    cookies.write_text(text.replace("  - name: theme", WILDCARDS + "  - name: theme", 1), encoding="utf-8")
    calls: list[int] = []
    original = cookieconsent._protected
    monkeypatch.setattr(cookieconsent, "_protected", lambda inv: calls.append(1) or original(inv))
    config = cookieconsent.to_cookieconsent(export.choose(SiteFiles(site)), SiteFiles(site))
    cleared = config["categories"]["preferences"]["autoClear"]["cookies"]
    regexes = [c["name"]["regex"] for c in cleared if isinstance(c["name"], dict)]
    assert len(regexes) == 5
    assert all(r.startswith("/^(?!(?:cc_cookie|") for r in regexes), regexes  # each still guards the consent cookie
    assert len(calls) == 1


def test_a_known_entry_key_is_not_computed_again(site: Path, monkeypatch: pytest.MonkeyPatch):
    memo.reset()
    files = SiteFiles(root=site)
    call = (*CALL, "only this test")  # an entry no other test of this process wrote
    key = archive_cache.entry_key(files, "s1", call)

    def digest_again(*_: object) -> bytes:
        raise AssertionError("the frozen files' digest was computed a second time")

    monkeypatch.setattr(archive_cache, "_digest", digest_again)
    assert archive_cache.read(files, "s1", call, key) is None  # the miss
    archive_cache.write(files, "s1", call, "<table>kept</table>", key)
    assert archive_cache.read(files, "s1", call, key) == "<table>kept</table>"
    monkeypatch.undo()
    assert archive_cache.read(files, "s1", call) == "<table>kept</table>"  # the same key, computed


@pytest.mark.parametrize("kind", ["fifo", "link", "long"])
def test_a_cache_key_that_is_not_a_private_plain_file_is_not_used(site: Path, tmp_path: Path, kind: str):
    state = tmp_path / "state"
    key = state / "cookiepolicy" / "cache.key"
    key.parent.mkdir(parents=True, mode=0o700)
    if kind == "fifo":
        os.mkfifo(key, 0o600)
    elif kind == "link":
        target = tmp_path / "elsewhere.key"
        target.write_bytes(b"k" * 32)
        target.chmod(0o600)
        key.symlink_to(target)
    else:
        key.write_bytes(b"k" * 100)
        key.chmod(0o600)
    folder = tmp_path / "cache"
    result = subprocess.run([str(BIN / "policy"), "validate"], cwd=site, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "POLICY_CACHE_DIR": str(folder), "XDG_STATE_HOME": str(state)})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert not folder.exists() or not list(folder.rglob("*.json"))  # nothing signed with a key not ours
    if kind == "fifo":
        assert f"the cache key {key} is not a private file of yours" in result.stderr
