"""Every site in the repository (the root one, each ``examples/*/`` and each test site of ``tests/sites/``)
builds with ``--strict``."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from .helpers import BIN, ROOT, policy, read_page, run

SITES = [ROOT, *sorted(p.parent for p in (ROOT / "examples").glob("*/mkdocs.yml")),
         *sorted(p.parent for p in (ROOT / "tests" / "sites").glob("*/mkdocs.yml"))]


def strict_build(site: Path, out: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` as a user runs it. Not ``-q``: mkdocs 1.6 then stops counting
    warnings, and ``--strict`` would let a failing macro through."""
    return run([str(BIN / "mkdocs"), "build", "--strict", "-f", "mkdocs.yml", "-d", str(out)], site,
               {"POLICY_TODAY": "2026-11-22", **(env or {})})


def test_the_examples_are_found():
    assert ROOT / "examples" / "pommy" in SITES
    assert ROOT / "tests" / "sites" / "yildizmarket" in SITES
    assert ROOT / "tests" / "sites" / "forgewell" in SITES


@pytest.mark.slow
@pytest.mark.parametrize("site", SITES, ids=[p.relative_to(ROOT).as_posix() or "root" for p in SITES])
def test_site_builds_strict_in_both_languages(site: Path, tmp_path: Path):
    checked = policy(site, "validate", "--strict")
    assert checked.returncode == 0, checked.stderr
    result = strict_build(site, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    listed = (yaml.safe_load((site / "data" / "cookies.yml").read_text(encoding="utf-8")) or {}).get("items")
    for page, lang in [("index.html", "en"), ("tr/index.html", "tr")]:
        built = read_page(tmp_path / "out" / page)
        assert built.lang == lang
        if listed:  # a policy that names no item (all in prose) has no table to show
            assert built.tables, f"{site.name}/{page} has no cookie table"
    html = "\n".join(p.read_text(encoding="utf-8") for p in (tmp_path / "out").rglob("*.html"))
    assert "{{" not in html and "{%" not in html
