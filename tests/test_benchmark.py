"""The benchmark runs from the repository as committed: a missing module or a changed command fails here.

A tiny site (a few database rows, one pair of releases, one run of each measurement); no timing is asserted.
"""

from __future__ import annotations

import re
import sys

import pytest

from .helpers import ROOT, run


@pytest.mark.slow
def test_benchmark_runs_at_a_tiny_size(tmp_path):
    result = run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--rows", "40", "--releases", "2",
                  "--sizes", "20", "--keep", str(tmp_path / "bench")], cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert re.fullmatch(r"ratio build/static: \d+\.\d\d", lines[-1]), lines[-1]
    assert re.search(r"^HTML pages of the build and the static baseline: \d+, identical$", result.stdout, re.M)
    for label in ("(1) mkdocs build", "(2) static baseline build", "(3b) rebuild after a one-line data edit",
                  "(4a) policy validate", "(4b) policy diff 1 2", "(4c) policy validate, cache off"):
        assert f"| {label} |" in result.stdout
    growth = lines[lines.index("| items | releases | build s | static s | build/static | validate s | validate s, "
                               "cache off | build RSS MB | static RSS MB | build ms per item-release |"):]
    assert re.match(r"\| 2\d \| 2 \| ", growth[2]) and re.match(r"\| 34 \| 2 \| ", growth[3])  # 20 items, the site
    # the run kept its cache of checked files to itself
    assert list((tmp_path / "bench" / "cache").rglob("*.json"))
