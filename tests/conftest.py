from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from cookiepolicy.loading import load

from .helpers import ROOT, copy_site, mkdocs_build

# Generated cases explore new inputs on every local run; in CI (CI set, as .ci/run does) they are
# the same on every run, so a merge is judged by its code, not by the draw.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test reads files afresh: the per-file cache is keyed on mtime, which tests rewrite fast."""
    load._DOC_CACHE.clear()
    load._RELEASE_CACHE.clear()
    yield
    load._DOC_CACHE.clear()
    load._RELEASE_CACHE.clear()


@pytest.fixture(autouse=True, scope="session")
def _private_disk_cache(tmp_path_factory: pytest.TempPathFactory):
    """Checked files are cached on disk by content: the tests, and the commands they run, use their own folder."""
    os.environ["POLICY_CACHE_DIR"] = str(tmp_path_factory.mktemp("policy-cache"))
    os.environ["XDG_STATE_HOME"] = str(tmp_path_factory.mktemp("state"))  # where the cache's key is made


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A private copy of the TalkOmni site to edit and build."""
    return copy_site(ROOT, tmp_path / "site")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real TalkOmni site, built once with ``mkdocs build --strict``."""
    out = tmp_path_factory.mktemp("built")
    result = mkdocs_build(ROOT, out, env={"POLICY_TODAY": "2026-11-22"})
    assert result.returncode == 0, result.stderr
    return out
