"""The benchmark runs from the repository as committed: a missing module or a changed command fails here.

A tiny site (a few database rows, one pair of releases, one run of each measurement); no timing is asserted.
The benchmark compares the build with an equal static baseline: both output trees, every file, byte for byte.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys

import pytest

from .support.helpers import ROOT, run


def _bench_module():
    """benchmarks/run.py as a module (it is a script, not part of the package)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _tree(root, files):
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return root


def test_compare_finds_every_kind_of_difference(tmp_path):
    same = {"index.html": b"<p>a</p>", "sitemap.xml": b"<urlset/>"}
    a = _tree(tmp_path / "a", {**same, "search/search_index.json": b'{"docs":[]}', "cookies.json": b"[]",
                               "versions/1/cookies.json": b"[1]"})
    b = _tree(tmp_path / "b", {**same, "search/search_index.json": b'{"docs":[1]}', "cookies.json": b"[]",
                               "tr/index.html": b"<p>b</p>"})
    count, differ = _bench_module().compare(a, b)
    # a differing search index, a file only in the first tree, a file only in the second; not the equal ones
    assert differ == ["search/search_index.json", "tr/index.html", "versions/1/cookies.json"]
    assert count == 6


def test_compare_sees_one_byte(tmp_path):
    a = _tree(tmp_path / "a", {"index.html": b"<p>caf\xc3\xa9</p>\n"})
    b = _tree(tmp_path / "b", {"index.html": b"<p>caf\xc3\xa9</p>\r\n"})
    assert _bench_module().compare(a, b) == (1, ["index.html"])
    assert _bench_module().compare(a, a) == (1, [])


@pytest.mark.slow
def test_benchmark_runs_at_a_tiny_size(tmp_path):
    result = run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--rows", "40", "--releases", "2",
                  "--sizes", "20", "--keep", str(tmp_path / "bench")], cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert re.fullmatch(r"ratio build/static: \d+\.\d\d \(min–max of 1 interleaved pairs \d+\.\d\d–\d+\.\d\d\)",
                        lines[-1]), lines[-1]
    match = re.search(r"^files of the build and the static baseline, byte for byte: (\d+), identical$",
                      result.stdout, re.M)
    assert match, result.stdout
    for label in ("(1) mkdocs build", "(2) static baseline build", "(3b) rebuild after a one-line data edit",
                  "(4a) policy validate", "(4b) policy diff 1 2", "(4c) policy validate, cache off",
                  "(3c) save to the new text in the browser (mkdocs serve, Chromium)"):
        assert f"| {label} |" in result.stdout
    growth = lines[lines.index("| items | releases | build s | static s | build/static | validate s | validate s, "
                               "cache off | build RSS MB | static RSS MB | build ms per item-release |"):]
    assert re.match(r"\| 2\d \| 2 \| ", growth[2]) and re.match(r"\| 34 \| 2 \| ", growth[3])  # 20 items, the site
    # the run kept its cache of checked files to itself
    assert list((tmp_path / "bench" / "cache").rglob("*.json"))

    # --keep kept both trees; checked here independently of the benchmark's own comparison
    macros, static = tmp_path / "bench" / "out-macros", tmp_path / "bench" / "out-static"
    files = sorted(p.relative_to(macros) for p in macros.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(static) for p in static.rglob("*") if p.is_file())
    assert len(files) == int(match.group(1))
    assert all((macros / f).read_bytes() == (static / f).read_bytes() for f in files)
    names = {f.as_posix() for f in files}
    # the comparison covers more than pages: search index, sitemap, the exports of the draft and of each release
    assert {"search/search_index.json", "sitemap.xml", "cookies.json", "tcf-disclosure.json",
            "versions/1/cookies.json", "versions/2/cookies.json", "tr/versions/1/index.html"} <= names
    # the archived versions stay out of search in both trees (the baseline says so in its front matter)
    index = json.loads((static / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] and not [d for d in index["docs"] if d["location"].startswith(("versions/1", "tr/versions/1"))]
