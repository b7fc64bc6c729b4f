"""The type hints are checked: mypy, strict on the package, runs clean in `make test` (after ruff),
with its cache out of git; a hint that is missing or wrong fails it."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

from .support.helpers import ROOT


def _mypy(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mypy", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, check=False)


def test_the_package_type_checks_clean():
    run = _mypy()
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.startswith("Success: no issues found"), run.stdout


def test_the_check_is_strict_so_an_unhinted_function_fails_it(tmp_path: Path):
    module = tmp_path / "unhinted.py"
    module.write_text("def untyped(x):\n    return x\n", encoding="utf-8")
    run = _mypy(str(module))
    assert run.returncode == 1
    assert "[no-untyped-def]" in run.stdout


def test_the_check_is_configured_for_the_package_without_loosening_it_globally():
    mypy = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert mypy["strict"] is True and mypy["files"] == ["src/cookiepolicy"] and mypy["python_version"] == "3.11"
    assert "ignore_missing_imports" not in mypy  # only per module, under [[tool.mypy.overrides]]
    assert all(o["module"] and not any(m.startswith("cookiepolicy") for m in o["module"])
               for o in mypy.get("overrides", []))


def test_make_test_runs_mypy_after_ruff_and_before_the_tests():
    recipe = re.search(r"^test:\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)
    assert recipe is not None
    steps = recipe.group(1).splitlines()
    ruff = next(i for i, s in enumerate(steps) if "ruff check" in s)
    mypy = next(i for i, s in enumerate(steps) if s.strip() == ".venv/bin/mypy")
    pytest_ = next(i for i, s in enumerate(steps) if "pytest" in s)
    assert ruff < mypy < pytest_


def test_mypy_and_its_stubs_are_pinned_and_its_cache_is_ignored():
    pins = dict(line.split("==") for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
                if "==" in line and not line.startswith("#"))
    assert pins["mypy"] == "2.4.1" and "types-PyYAML" in pins and "types-jsonschema" in pins
    assert ".mypy_cache/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
