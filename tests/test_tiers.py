"""The fast tier is decided from the tests' own code: what starts a process, directly or through a
helper or a fixture, is slow."""

from __future__ import annotations

from pathlib import Path

from .support import tiers


def test_a_test_that_builds_or_calls_a_helper_that_does_is_slow(tmp_path: Path):
    module = tmp_path / "test_sample.py"
    module.write_text(
        "def _build_twice(site):\n    mkdocs_build(site, site)\n\n"
        "def _pure(x):\n    return x + 1\n\n"
        "def test_direct(site):\n    mkdocs_build(site, site)\n\n"
        "def test_through_a_helper(site):\n    _build_twice(site)\n\n"
        "def test_pure():\n    assert _pure(1) == 2\n", encoding="utf-8")
    slow = tiers._slow_names(module)
    assert {"_build_twice", "test_direct", "test_through_a_helper"} <= slow
    assert "test_pure" not in slow and "_pure" not in slow


def test_a_shared_fixture_that_builds_makes_its_tests_slow():
    # the shared fixtures: `built` runs mkdocs build; `site` only copies files
    slow = tiers._slow_names(Path(__file__))
    assert "built" in slow
    assert "site" not in slow


def test_the_fast_tier_draws_fewer_cases_but_never_none(monkeypatch):
    monkeypatch.setattr(tiers, "FAST", True)
    assert tiers.examples(2000) == 40 and tiers.examples(100) == 10
    monkeypatch.setattr(tiers, "FAST", False)
    assert tiers.examples(2000) == 2000
