"""Rebuilds in one process, the way ``mkdocs serve`` does them: a fresh config, the same Python.

Usage: python rebuild.py SITE OUT ROUNDS; prints one JSON object: the first build, then per round
a rebuild with nothing changed and a rebuild after a one-line edit of data/cookies.yml (the
English purpose of one item): wall and CPU seconds of each, and the seconds spent in the policy
adapter (loading the data and running the macros), which a busy machine does not blur as much;
then the peak memory of the process.
"""

from __future__ import annotations

import json
import logging
import resource
import sys
import time
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config

from cookiepolicy.adapters.mkdocs import macros as mkdocs_macros

EDIT = " (edited)"
ADAPTER = [0.0]


def _measured(func: Any) -> Any:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            ADAPTER[0] += time.perf_counter() - start

    return wrapper


def instrument() -> None:
    """Count the time spent loading the data and in every macro call."""
    mkdocs_macros.load = _measured(mkdocs_macros.load)
    bind = mkdocs_macros._bind
    mkdocs_macros._bind = lambda env, files, name: _measured(bind(env, files, name))


def timed(site: Path, out: Path) -> tuple[float, float, float]:
    ADAPTER[0] = 0.0
    wall, cpu = time.perf_counter(), time.process_time()
    config = load_config(config_file=str(site / "mkdocs.yml"), site_dir=str(out))
    build(config)
    return time.perf_counter() - wall, time.process_time() - cpu, ADAPTER[0]


def edit(cookies: Path, round_number: int) -> int:
    """Change one line: the first English purpose, a different text each round; returns how many
    times the page should now say "edited"."""
    lines = cookies.read_text(encoding="utf-8").splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.lstrip().startswith("en: "):
            base = line.rstrip("\n").split(EDIT)[0]
            lines[index] = base + EDIT * (round_number % 3 + 1) + "\n"
            break
    cookies.write_text("".join(lines), encoding="utf-8")
    return round_number % 3 + 1


def shown(out: Path) -> int:
    """How many times the English policy page says "(edited)" (escaped by the renderer)."""
    return (out / "index.html").read_text(encoding="utf-8").count("edited&#41;")


def main() -> None:
    site, out, rounds = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    instrument()
    result: dict = {"first": timed(site, out), "unchanged": [], "edited": []}
    for number in range(rounds):
        result["unchanged"].append(timed(site, out))
        expected = edit(site / "data" / "cookies.yml", number)
        result["edited"].append(timed(site, out))
        if shown(out) != expected:  # the rebuild must show the edit: a stale cache would not
            raise SystemExit(f"round {number}: the page says 'edited' {shown(out)} times, not {expected}")
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


if __name__ == "__main__":
    main()
