"""Every site in the repository (the root one, each ``examples/*/`` and each test site of ``tests/sites/``)
builds with ``--strict``, its default language at the root and every other language under its own folder."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from cookiepolicy.adapters.mkdocs.config import site_files
from cookiepolicy.loading.policy import load_policy

from .support.helpers import BIN, ROOT, read_page, run, strictly_validated

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
    assert ROOT / "tests" / "sites" / "yildizkaya" in SITES


def languages(site: Path) -> tuple[str, list[str], bool]:
    """(default language, every language, whether it lists items) as the site's data says."""
    policy_, report = load_policy(site_files(site))
    assert policy_ is not None, report.format()
    return policy_.site.default_language, list(policy_.site.languages), bool(policy_.draft.items)


@pytest.mark.slow
@pytest.mark.parametrize("site", SITES, ids=[p.relative_to(ROOT).as_posix() or "root" for p in SITES])
def test_site_builds_strict_in_both_languages(site: Path, tmp_path: Path):
    checked = strictly_validated(site)
    assert checked.returncode == 0, checked.stderr
    result = strict_build(site, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    default, langs, items = languages(site)
    for page, lang in [("index.html", default), *((f"{lang}/index.html", lang) for lang in langs if lang != default)]:
        built = read_page(tmp_path / "out" / page)
        assert built.lang == lang
        assert built.tables or not items, f"{site.name}/{page} has no cookie table"  # prose-only sites have none
    html = "\n".join(p.read_text(encoding="utf-8") for p in (tmp_path / "out").rglob("*.html"))
    assert "{{" not in html and "{%" not in html
