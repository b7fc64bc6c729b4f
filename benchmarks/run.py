"""How fast the policy site is at scale: the whole Open Cookie Database, 20 releases, two languages.

    .venv/bin/python benchmarks/run.py            # the full database, 3 runs of each measurement
    .venv/bin/python benchmarks/run.py --quick    # 150 rows, 1 run: under a minute

Generates a site in a temporary folder (see sitegen.py) and measures, in one run:

1. ``mkdocs build`` of the site (policy with category tables, changelog, versions, archives),
   with the cache of checked files warm, and once with it empty;
2. the static baseline: the same pages pre-rendered to plain Markdown, built by the same mkdocs,
   theme and plugins without the macros plugin (prerender.py);
3. rebuilds in one process as ``mkdocs serve`` does them, unchanged and after a one-line data
   edit (rebuild.py); and from a save to the new text on screen, with ``mkdocs serve`` and the
   page open in headless Chromium (browser.py; ``--no-browser`` leaves it out);
4. ``policy validate`` and ``policy diff 1 20`` (first against last release), warm and with the
   cache off;
5. the peak memory (RSS) of each process;
6. growth: a smaller build, static build and validate for each of ``--sizes`` items.

The build and the baseline are built in turns (A B A B), and their output trees must be equal
file for file, byte for byte (pages, search index, sitemap, exports): otherwise the benchmark
lists the files that differ and exits with 1 (``--keep DIR`` keeps ``out-macros/`` and
``out-static/`` to compare). The build with the cache off must give the same tree too.

The cache of checked files lives in the temporary folder (``POLICY_CACHE_DIR``), never in the
user's. Prints a table of medians and ranges; the last line is
``ratio build/static: X.XX (min–max of N interleaved pairs A.AA–B.BB)``, the median of each pair's ratio.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import prerender  # noqa: E402
import sitegen  # noqa: E402

BIN = Path(sys.executable).parent
DATABASE = ROOT / "third_party" / "open-cookie-database" / "open-cookie-database.csv"


@dataclass
class Measure:
    label: str
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)

    def add(self, wall: float, cpu: float | None, rss_mb: float | None = None) -> None:
        self.wall.append(wall)
        if cpu is not None:  # None: not measured (another process did the work)
            self.cpu.append(cpu)
        if rss_mb is not None:
            self.rss_mb.append(rss_mb)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu)

    def row(self) -> str:
        rss = f"{max(self.rss_mb):.0f}" if self.rss_mb else "-"
        cpu = f"{self.median_cpu:.2f}" if self.cpu else "-"
        return (f"| {self.label} | {self.median:.2f} | {min(self.wall):.2f}–{max(self.wall):.2f} | "
                f"{cpu} | {rss} | {len(self.wall)} |")


COLD = {"POLICY_CACHE": "off"}


def env(extra: dict[str, str] | None = None) -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "POLICY_TODAY": sitegen.TODAY, "PYTHONHASHSEED": "0",
            **(extra or {})}


def child(args: list[str], cwd: Path, extra: dict[str, str] | None = None) -> tuple[float, float, float, str]:
    """Run a process to the end: wall seconds, CPU seconds, peak RSS in MB, and its output.

    Started through ``peak.py``, a small process, so that the peak is the command's own and not
    this benchmark's (a forked child's ``ru_maxrss`` starts at its parent's RSS)."""
    with tempfile.TemporaryFile() as output, tempfile.NamedTemporaryFile(suffix=".json") as measured:
        process = subprocess.Popen([sys.executable, str(HERE / "peak.py"), measured.name, *args], cwd=cwd,
                                   env=env(extra), stdout=output, stderr=subprocess.STDOUT)
        process.wait()
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
        if process.returncode != 0:
            raise SystemExit(f"{' '.join(args)} failed ({process.returncode}):\n{text[-3000:]}")
        result = json.loads(Path(measured.name).read_text(encoding="utf-8"))
    return result["wall"], result["cpu"], result["rss_mb"], text


def mkdocs_build(site: Path, out: Path, extra: dict[str, str] | None = None) -> tuple[float, float, float, str]:
    return child([str(BIN / "mkdocs"), "build", "-q", "--strict", "-d", str(out)], site, extra)


def growth(work: Path, database: Path, items: int, releases: int) -> str:
    """One row of the growth table: a site of about ``items`` items, each measurement once."""
    site, static = work / f"site-{items}", work / f"static-{items}"
    facts = sitegen.generate(site, database, releases=releases, items=items)
    prerender.prerender(site, static, sitegen.MKDOCS_YML, dt.date.fromisoformat(sitegen.TODAY))
    build = mkdocs_build(site, work / f"out-{items}")
    baseline = mkdocs_build(static, work / f"out-static-{items}")
    _, differ = compare(work / f"out-{items}", work / f"out-static-{items}")
    if differ:
        raise SystemExit(f"growth, {items} items: the static baseline is not the same site; these files differ: "
                         + ", ".join(differ))
    warm = child([str(BIN / "policy"), "validate"], site)
    cold = child([str(BIN / "policy"), "validate"], site, COLD)
    scale = facts["items"] * facts["releases"]
    return (f"| {facts['items']} | {facts['releases']} | {build[0]:.2f} | {baseline[0]:.2f} | "
            f"{build[0] / baseline[0]:.2f} | {warm[0]:.2f} | {cold[0]:.2f} | {build[2]:.0f} | {baseline[2]:.0f} | "
            f"{1000 * build[0] / scale:.2f} |")


def compare(a: Path, b: Path) -> tuple[int, list[str]]:
    """Every file of two output trees, byte for byte: how many, and which differ or are in one tree only
    (the baseline must be the same site: pages, search index, sitemap, exports)."""
    names = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    names |= {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    differ = [name for name in sorted(names) if not (a / name).is_file() or not (b / name).is_file()
              or (a / name).read_bytes() != (b / name).read_bytes()]
    return len(names), differ


def spread(values: list[float]) -> str:
    """A median with the range it comes from: ``1.23 (1.20–1.31)``."""
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"nproc {len(os.sched_getaffinity(0))}, {model}, Python {platform.python_version()}"


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="150 database rows, 1 run each: under a minute")
    parser.add_argument("--runs", type=int, help="runs of each measurement (default 3, quick 1)")
    parser.add_argument("--rows", type=int, help="use only the first ROWS rows of the database")
    parser.add_argument("--releases", type=int, default=20)
    parser.add_argument("--database", type=Path, default=DATABASE)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument("--no-browser", action="store_true",
                        help="leave out the save-to-browser measurement (mkdocs serve and headless Chromium)")
    parser.add_argument("--rounds", type=int, help="rebuild rounds in the serve process (default 5, quick 2)")
    parser.add_argument("--sizes", default=None,
                        help="comma-separated item counts for the growth table (default 500,1000,2000; "
                        "quick: none; a count not below the site's is the site measured above)")
    return parser.parse_args()


@dataclass
class Results:
    """Every measurement of one benchmark run, in the order the report prints them."""

    facts: dict[str, int]
    pages: int
    rows: int | None
    build: Measure
    cold: Measure
    baseline: Measure
    count: int = 0
    differ: list[str] = field(default_factory=list)
    serve: dict[str, Measure] = field(default_factory=dict)
    adapter: dict[str, float] = field(default_factory=dict)
    pairs: float = 0.0
    commands: dict[str, Measure] = field(default_factory=dict)
    grown: list[str] = field(default_factory=list)


def main() -> int:
    args = _arguments()
    if not args.database.exists():
        print(f"the Open Cookie Database is not at {args.database}; give --database FILE", file=sys.stderr)
        return 2
    runs = args.runs or (1 if args.quick else 3)
    rows = args.rows or (150 if args.quick else None)
    sizes_text = args.sizes if args.sizes is not None else ("" if args.quick else "500,1000,2000")
    sizes = [int(size) for size in sizes_text.split(",") if size.strip()]
    with tempfile.TemporaryDirectory(prefix="policy-bench-") as tmp:
        work = args.keep.resolve() if args.keep else Path(tmp)
        results = _builds(args, work, runs, rows)
        _serve(args, work / "site", work, results, args.rounds or (2 if args.quick else max(5, runs)))
        _commands(work / "site", str(args.releases), runs, results)
        for size in sorted(sizes):
            if size >= results.facts["items"]:  # the site measured above is the last row
                continue
            print(f"growth: {size} items", file=sys.stderr)
            results.grown.append(growth(work, args.database, size, args.releases))
    _print_tables(results)
    return _print_ratios(results)


def _builds(args: argparse.Namespace, work: Path, runs: int, rows: int | None) -> Results:
    """Generate the site, then time its build against the static baseline, interleaved, and cache off."""
    site, static = work / "site", work / "static"
    # the cache of checked files: this run's own (generating the site warms it, as a release does)
    os.environ["POLICY_CACHE_DIR"] = str(work / "cache")
    started = time.perf_counter()
    facts = sitegen.generate(site, args.database, releases=args.releases, limit=rows)
    generated = time.perf_counter() - started
    pages = prerender.prerender(site, static, sitegen.MKDOCS_YML, dt.date.fromisoformat(sitegen.TODAY))
    results = Results(facts, pages, rows, Measure("(1) mkdocs build"), Measure("(1c) mkdocs build, cache off"),
                      Measure("(2) static baseline build"))
    results.cold.add(*mkdocs_build(site, work / "out-cold", COLD)[:3])
    print(f"generated in {generated:.1f}s: {facts['items']} items, {facts['services']} services, "
          f"{facts['categories']} categories, {facts['releases']} releases, {pages} pages "
          f"(from {facts['database_rows']} database rows)", file=sys.stderr)
    build, baseline = results.build, results.baseline
    for run in range(runs):  # interleaved, so that a busy moment of the machine hits both alike
        wall, cpu, rss, _ = mkdocs_build(site, work / "out-macros")
        build.add(wall, cpu, rss)
        wall, cpu, rss, _ = mkdocs_build(static, work / "out-static")
        baseline.add(wall, cpu, rss)
        print(f"run {run + 1}/{runs}: build {build.wall[-1]:.1f}s, static {baseline.wall[-1]:.1f}s",
              file=sys.stderr)
    results.count, results.differ = compare(work / "out-macros", work / "out-static")
    results.differ += [f"{name} (cache off)" for name in compare(work / "out-macros", work / "out-cold")[1]]
    return results


def _serve(args: argparse.Namespace, site: Path, work: Path, results: Results, rounds: int) -> None:
    """Rebuilds in one serve process (unchanged, after an edit) and, unless left out, in the browser."""
    _, _, rss, text = child([sys.executable, str(HERE / "rebuild.py"), str(site), str(work / "out-serve"),
                             str(rounds)], site)
    serve = json.loads(text.strip().splitlines()[-1])
    first = Measure("(3) first build in the serve process")
    first.add(*serve["first"][:2], rss)
    unchanged = Measure("(3a) rebuild, nothing changed")
    edited = Measure("(3b) rebuild after a one-line data edit")
    for wall, cpu, _ in serve["unchanged"]:
        unchanged.add(wall, cpu, rss)
    for wall, cpu, _ in serve["edited"]:
        edited.add(wall, cpu, rss)
    results.adapter = {kind: statistics.median(r[2] for r in serve[kind]) for kind in ("unchanged", "edited")}
    results.adapter["first"] = serve["first"][2]
    results.pairs = statistics.median(e[0] / u[0] for u, e in zip(serve["unchanged"], serve["edited"], strict=True))
    browser = Measure("(3c) save to the new text in the browser (mkdocs serve, Chromium)")
    if not args.no_browser:
        _, _, _, text = child([sys.executable, str(HERE / "browser.py"), str(site), str(rounds)], site)
        for wall in json.loads(text.strip().splitlines()[-1])["edited"]:
            browser.add(wall, None)
    results.serve = {"first": first, "unchanged": unchanged, "edited": edited, "browser": browser}


def _commands(site: Path, last: str, runs: int, results: Results) -> None:
    """``policy validate`` and ``policy diff`` from the first release to the last, with and without the cache."""
    validate, diff = Measure("(4a) policy validate"), Measure(f"(4b) policy diff 1 {last}")
    validate_cold = Measure("(4c) policy validate, cache off")
    diff_cold = Measure(f"(4d) policy diff 1 {last}, cache off")
    for _ in range(max(3, runs)):
        validate.add(*child([str(BIN / "policy"), "validate"], site)[:3])
        diff.add(*child([str(BIN / "policy"), "diff", "1", last], site)[:3])
        validate_cold.add(*child([str(BIN / "policy"), "validate"], site, COLD)[:3])
        diff_cold.add(*child([str(BIN / "policy"), "diff", "1", last], site, COLD)[:3])
    results.commands = {"validate": validate, "diff": diff, "validate_cold": validate_cold, "diff_cold": diff_cold}


def _print_tables(r: Results) -> None:
    """The site, the machine, the table of measurements and the growth table."""
    facts = r.facts
    print()
    print(f"Site: {facts['items']} items, {facts['services']} services, {facts['categories']} categories, "
          f"{facts['releases']} releases, {r.pages} pages in English and Turkish "
          f"({'first ' + str(r.rows) if r.rows else 'all ' + str(facts['database_rows'])} rows of the Open Cookie "
          "Database)")
    print(f"Machine: {machine()}")
    print()
    print("| measurement | wall s, median | wall s, min–max | CPU s, median | peak RSS MB | runs |")
    print("|---|---:|---:|---:|---:|---:|")
    for measure in (r.build, r.cold, r.baseline, *r.serve.values(), *r.commands.values()):
        if measure.wall:
            print(measure.row())
    print()
    if r.grown:
        print("Growth with the number of items (one run each; ms per item-release: build wall time over items x "
              "releases):")
        print()
        print("| items | releases | build s | static s | build/static | validate s | validate s, cache off "
              "| build RSS MB | static RSS MB | build ms per item-release |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for row in r.grown:
            print(row)
        scale = facts["items"] * facts["releases"]
        build, baseline = r.build, r.baseline
        validate, validate_cold = r.commands["validate"], r.commands["validate_cold"]
        print(f"| {facts['items']} | {facts['releases']} | {build.median:.2f} | {baseline.median:.2f} | "
              f"{build.median / baseline.median:.2f} | {validate.median:.2f} | {validate_cold.median:.2f} | "
              f"{max(build.rss_mb):.0f} | {max(baseline.rss_mb):.0f} | {1000 * build.median / scale:.2f} |")
        print()


def _print_ratios(r: Results) -> int:
    """What the build costs over the static baseline; 1 when the two output trees are not the same site."""
    build, baseline, cold = r.build, r.baseline, r.cold
    first, unchanged, edited = r.serve["first"], r.serve["unchanged"], r.serve["edited"]
    same = "identical" if not r.differ else f"{len(r.differ)} differ"
    print(f"files of the build and the static baseline, byte for byte: {r.count}, {same}")
    print(f"seconds in the policy adapter (data loading and macros), medians: first build {r.adapter['first']:.2f}, "
          f"rebuild unchanged {r.adapter['unchanged']:.2f}, after the edit {r.adapter['edited']:.2f}")
    paired = [b / s for b, s in zip(build.wall, baseline.wall, strict=True)]
    print(f"build/static, each interleaved pair's ratio: {spread(paired)}; CPU "
          f"{build.median_cpu / baseline.median_cpu:.2f}")
    print(f"ratio rebuild edited/unchanged: {edited.median / unchanged.median:.2f} "
          f"(CPU {edited.median_cpu / unchanged.median_cpu:.2f}; median of the rounds' own ratios {r.pairs:.2f})")
    print(f"ratio serve peak RSS/static: {max(first.rss_mb) / max(baseline.rss_mb):.2f}; "
          f"cache off: build/static {cold.median / baseline.median:.2f}")
    if r.differ:
        print(f"the static baseline is not the same site: {len(r.differ)} of {r.count} files differ "
              f"(keep both trees with --keep DIR to compare):", file=sys.stderr)
        for name in r.differ:
            print(f"  {name}", file=sys.stderr)
        print("ratio build/static: not comparable, the output trees differ")
        return 1
    print(f"ratio build/static: {statistics.median(paired):.2f} (min–max of {len(paired)} interleaved pairs "
          f"{min(paired):.2f}–{max(paired):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
