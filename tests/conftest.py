from __future__ import annotations

from pathlib import Path

import pytest

from cookiepolicy import load

from .helpers import ROOT, copy_site, mkdocs_build


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test reads files afresh: the per-file cache is keyed on mtime, which tests rewrite fast."""
    load._DOC_CACHE.clear()
    yield
    load._DOC_CACHE.clear()


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
