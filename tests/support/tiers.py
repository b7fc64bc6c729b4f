"""Which tests are fast: the ones that start no process (no build, no `policy` command, no git, no browser).

A test is slow when its function, a fixture it uses, or a function of the test modules they call
starts a process; this is read from the tests' own code at collection, so a new test is placed in
its tier without a marker. ``make test-fast`` runs ``-m "not slow"``; ``make test`` runs everything.
"""

from __future__ import annotations

import ast
import functools
import os
from pathlib import Path

import pytest

# What starts a process, by the name a test calls it by.
STARTS = frozenset({"run", "Popen", "check_output", "check_call", "call", "mkdocs_build", "policy", "validated_build",
                    "strictly_validated", "make_history", "release", "running", "record_hars", "git", "launch",
                    "build_site", "new_site"})
SUPPORT = Path(__file__).parent


def _calls(node: ast.AST) -> set[str]:
    names = set()
    for n in ast.walk(node):
        if isinstance(n, ast.Call):
            f = n.func
            names.add(f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else "")
    return names


@functools.cache
def _functions(path: Path) -> dict[str, ast.FunctionDef]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.name: n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}


@functools.cache
def _slow_names(path: Path) -> frozenset[str]:
    """Functions (fixtures included) of this module and the shared ones that start a process, transitively."""
    functions = dict(_functions(path))
    tests = SUPPORT.parent
    shared_files = [*sorted(SUPPORT.glob("*.py")), tests / "conftest.py", tests / "browser" / "conftest.py"]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    siblings = [path.parent / f"{n.module}.py" for n in ast.walk(tree)
                if isinstance(n, ast.ImportFrom) and n.level == 1 and n.module and n.module.startswith("test_")]
    for shared in [*siblings, *shared_files]:
        if shared.is_file():
            for name, node in _functions(shared).items():
                functions.setdefault(name, node)
    slow = set(STARTS)
    changed = True
    while changed:
        changed = False
        for name, node in functions.items():
            if name not in slow and (_calls(node) & slow or {a.arg for a in node.args.args} & slow):
                slow.add(name)
                changed = True
    return frozenset(slow)


def mark_slow(items: list[pytest.Item]) -> None:
    for item in items:
        if item.get_closest_marker("browser") or item.get_closest_marker("slow"):
            if not item.get_closest_marker("slow"):
                item.add_marker(pytest.mark.slow)
            continue
        function = getattr(item, "function", None)
        path = Path(str(item.fspath))
        if function is None or path.suffix != ".py":
            continue
        slow = _slow_names(path)
        node = _functions(path).get(function.__name__)
        used = set(getattr(item, "fixturenames", ())) & slow
        if used or (node is not None and _calls(node) & slow):
            item.add_marker(pytest.mark.slow)


FAST = os.environ.get("POLICY_TEST_TIER") == "fast"


def examples(full: int) -> int:
    """How many generated cases a property test draws: ``full`` in the whole suite, a fiftieth (at least
    ten) in ``make test-fast``, so the fast tier still runs every property, just fewer draws."""
    return max(10, full // 50) if FAST else full
