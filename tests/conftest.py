from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from cookiepolicy.safeio import memo
from cookiepolicy.text import words

from .support.helpers import ROOT, copy_site, mkdocs_build
from .support.tiers import mark_slow

# Generated cases explore new inputs on every local run; in CI (CI set, as .ci/run does) they are
# the same on every run, so a merge is judged by its code, not by the draw.
settings.register_profile("ci", derandomize=True, database=None)
# `make test-fast` draws fewer cases: the property tests still run, the whole suite draws the full number.
settings.register_profile("fast", max_examples=8)
if os.environ.get("CI"):
    settings.load_profile("ci")
if os.environ.get("POLICY_TEST_TIER") == "fast":
    settings.load_profile("fast")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test reads files afresh (the per-file cache is keyed on mtime, which tests rewrite fast) and
    starts in English: a command run in-process sets its language for the rest of the thread."""
    memo.reset()
    words.use("en")
    yield
    memo.reset()
    words.use("en")


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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that start a process (a build, a command, git, a browser) are ``slow``: ``make test-fast`` leaves
    them out."""
    mark_slow(items)


@pytest.fixture(autouse=True)
def _no_process_in_the_fast_tier(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """In ``make test-fast`` a test that starts a process fails: the tier keeps its promise, and a test the
    classifier (``tests/support/tiers.py``) placed wrongly says so."""
    if os.environ.get("POLICY_TEST_TIER") == "fast" and not request.node.get_closest_marker("slow"):
        import subprocess

        def refuse(*args: object, **kwargs: object) -> None:
            raise AssertionError(f"a test of the fast tier started a process: {args[1:2]}")

        monkeypatch.setattr(subprocess.Popen, "__init__", refuse)

