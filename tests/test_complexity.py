"""The complexity cap: ruff's McCabe check (C901) is on, at 10, so `make test` and CI refuse a function
with more than ten paths through it."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from .support.helpers import ROOT


def _ruff(path: Path) -> subprocess.CompletedProcess[str]:
    """ruff with the project's own settings, on a file outside the project."""
    return subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--config",
                           str(ROOT / "pyproject.toml"), str(path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)


def _branches(count: int) -> str:
    """A function of complexity ``count + 1``: ``count`` ifs in a row."""
    body = "".join(f"    if x == {n}:\n        return {n}\n" for n in range(count))
    return f"def branches(x: int) -> int:\n{body}    return -1\n"


def test_the_cap_is_selected_at_ten():
    lint = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["ruff"]["lint"]
    assert "C90" in lint["select"]
    assert lint["mccabe"]["max-complexity"] == 10


def test_a_function_over_the_cap_fails_and_one_at_the_cap_passes(tmp_path: Path):
    over, at = tmp_path / "over.py", tmp_path / "at.py"
    over.write_text(_branches(10), encoding="utf-8")
    at.write_text(_branches(9), encoding="utf-8")
    failed = _ruff(over)
    assert failed.returncode == 1
    assert "C901 `branches` is too complex (11 > 10)" in failed.stdout, failed.stdout
    passed = _ruff(at)
    assert passed.returncode == 0, passed.stdout + passed.stderr
