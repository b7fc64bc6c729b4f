"""Where a site gets its policy engine from, and which engine and versions it runs (``policy doctor``).

``policy init`` writes ``engine.txt``: a pip requirements file of one line, the engine to install
(the vendored copy ``./engine``, a wheel, or a git URL), after a comment that records the engine
version the site was made with. ``scripts/bootstrap`` installs that line; to upgrade, a site
replaces it. ``doctor`` compares the recorded version, the installed engine, the site generator and
every pin of ``requirements.lock`` with what is installed, and says what is out of date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from cookiepolicy import __version__
from cookiepolicy.adapters.runners import installed, runner_problem
from cookiepolicy.model.problems import PolicyError

ENGINE_FILE = "engine.txt"
VENDORED = "./engine"
_MADE_WITH = re.compile(r"^# made with: cookiepolicy (\S+)$", re.MULTILINE)
_WHEEL = re.compile(r"(?:^|/)cookiepolicy-([0-9][^-]*)-py3-none-any\.whl$")


def requirement(source: str) -> str:
    """The requirement line for ``--engine``: ``vendored``, a wheel (path or URL) or a git URL."""
    if source == "vendored":
        return VENDORED
    if source.startswith("git+") and "://" in source:
        return f"cookiepolicy @ {source}"
    if _WHEEL.search(source):
        if "://" in source:
            return f"cookiepolicy @ {source}"
        if not Path(source).is_file():
            raise PolicyError(f"--engine {source}: no such wheel file (nothing was written)")
        return str(Path(source).resolve())
    raise PolicyError(f"--engine {source!r}: give vendored (a copy in engine/), a wheel "
                      "(cookiepolicy-VERSION-py3-none-any.whl, a path or an https:// URL) or a git URL "
                      "(git+https://HOST/REPO.git@TAG); nothing was written")


def engine_file(source: str) -> str:
    """The text of ``engine.txt`` for ``--engine source``."""
    return (f"# The policy engine this site runs, installed by scripts/bootstrap (pip install -r {ENGINE_FILE}).\n"
            f"# made with: cookiepolicy {__version__}\n"
            "# To upgrade, replace the line below with a newer wheel, a git URL (git+https://HOST/REPO.git@TAG)\n"
            "# or ./engine (a copy kept in engine/), update requirements.lock, run scripts/bootstrap, and\n"
            "# check with: .venv/bin/policy doctor\n"
            f"{requirement(source)}\n")


@dataclass
class Checkup:
    """What ``policy doctor`` found: lines to print, and the ones that need doing."""

    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _pins(lock: Path) -> list[tuple[str, str, int]]:
    pins = []
    for number, line in enumerate(lock.read_text(encoding="utf-8").splitlines(), start=1):
        found = re.match(r"^([A-Za-z0-9_.-]+)==(\S+)\s*(#.*)?$", line.strip())
        if found:
            pins.append((found.group(1), found.group(2), number))
    return pins


def doctor(root: Path) -> Checkup:
    """Which engine, site generator and packages the site at ``root`` runs, and what is out of date."""
    check = Checkup()
    check.lines.append(f"engine: cookiepolicy {__version__} is installed")
    _check_engine_file(root, check)
    runner = runner_problem()
    for name in ("mkdocs", "properdocs"):
        version = installed(name)
        if version:
            check.lines.append(f"site generator: {name} {version}")
    if runner:
        check.problems.append(runner.removeprefix("error: "))
    _check_lock(root, check)
    return check


def _check_engine_file(root: Path, check: Checkup) -> None:
    """What ``engine.txt`` installs, against the engine that is installed."""
    source = root / ENGINE_FILE
    if not source.is_file():
        check.lines.append(f"engine: no {ENGINE_FILE} (a site made before it was recorded); the site installs "
                           "./engine if it has one")
        return
    text = source.read_text(encoding="utf-8")
    made = _MADE_WITH.search(text)
    line = next((x.strip() for x in text.splitlines() if x.strip() and not x.startswith("#")), "")
    check.lines.append(f"engine: {ENGINE_FILE} installs {line or '(nothing)'}"
                       + (f"; the site was made with cookiepolicy {made.group(1)}" if made else ""))
    wheel = _WHEEL.search(line)
    if wheel and wheel.group(1) != __version__:
        check.problems.append(f"{ENGINE_FILE}: names cookiepolicy {wheel.group(1)}, but {__version__} is "
                              "installed: run scripts/bootstrap")
    if line == VENDORED:
        _check_vendored(root, check)


def _check_vendored(root: Path, check: Checkup) -> None:
    """The copy in ``engine/`` is the installed engine."""
    vendored = root / "engine" / "src" / "cookiepolicy" / "__init__.py"
    found = re.search(r'__version__ = "([^"]+)"', vendored.read_text(encoding="utf-8")) \
        if vendored.is_file() else None
    if found is None:
        check.problems.append(f"{ENGINE_FILE}: installs ./engine, but engine/ holds no engine")
    elif found.group(1) != __version__:
        check.problems.append(f"engine/ holds cookiepolicy {found.group(1)}, but {__version__} is installed: "
                              "run scripts/bootstrap")


def _check_lock(root: Path, check: Checkup) -> None:
    """Every pin of ``requirements.lock`` is the version installed."""
    lock = root / "requirements.lock"
    if not lock.is_file():
        check.lines.append("packages: no requirements.lock")
        return
    pins = _pins(lock)
    for name, pinned, number in pins:
        have = installed(name)
        if have is None:
            check.problems.append(f"requirements.lock:{number}: {name} {pinned} is not installed: "
                                  "run scripts/bootstrap")
        elif have != pinned:
            check.problems.append(f"requirements.lock:{number}: {name} {have} is installed, the site pins "
                                  f"{pinned}: run scripts/bootstrap")
    check.lines.append(f"packages: {len(pins)} pinned in requirements.lock")
