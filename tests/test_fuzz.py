"""Fuzzing the real data files: whatever an edit does to them, loading ends in ok or in problems.

Hypothesis mutates TalkOmni's own files, as bytes (tokens YAML and the reader care about,
inserted, deleted or repeated anywhere) and as YAML structure (any value anywhere replaced by
other data, shared subtrees written as anchors and aliases). Each example is loaded in-process by
the same loader ``policy validate`` and the build use, with a hang stopped: no exception, no hang,
no crash, and every error names its file and line.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.loading.policy import load_policy

from .support.helpers import ROOT
from .support.tiers import examples

FILES = ("data/cookies.yml", "data/services.yml", "data/categories.yml", "data/site.yml", "data/releases/1.0.yml")
HANG = 12.0  # seconds: a load still running then is a hang (an alias bomb, a loop), stopped and failed
EXAMPLES = examples(1600)  # per strategy: bytes and structure, 3,200 a run

TOKENS = [b"[", b"]", b"{", b"}", b"&a ", b"*a", b"*b", b"&a [*a]", b"!!python/object/apply:os.system ['x'] ",
          b"!!binary ", b"!custom ", b"---\n", b"...\n", b"\t", b": ", b"- ", b'"', b"'", b"|\n", b">-\n",
          b"%YAML 1.1\n", b"? ", b"<<: *a\n", b"\x00", b"\xff\xfe", b"\xc3", b"2026-02-30", b"9" * 30,
          b"1" * 5000, b"1e999", b".nan", b"-.inf", b"0x1F", b"0o17", b"\r\n", b"\xef\xbb\xbf", b"\\u202e",
          "\u202e".encode(), "\u200b".encode(), "\u0430".encode(), b"\x1b[2J", b"#", b"~", b"null", b"[" * 200,
          b"{a: " * 70, b"\n  ", b"\n    - ", b"name: x\n", b"duration: 1000000000000000000000000000 days",
          b"policy_url: https://x.example/![a](b)", b"contact_email: a`b`@x.com", b"&x " + b"y" * 1000]


@pytest.fixture(scope="module")
def fuzz_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "docs", root / "docs")  # the archived pages are checked against SHA256SUMS
    return root


class _Hang(Exception):
    pass


@contextmanager
def _alarm(seconds: float):
    def stop(signum, frame):
        raise _Hang(f"loading took over {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_STAMP = [time.time_ns()]


def _load_with(site: Path, file: str, content: bytes) -> None:
    """Write one mutated file, load the site, check the outcome; the file is restored afterwards."""
    path = site / file
    original = (ROOT / file).read_bytes()
    path.write_bytes(content)
    _STAMP[0] += 1_000_000  # a new modification time for every example: the per-file cache must not answer
    os.utime(path, ns=(_STAMP[0], _STAMP[0]))
    try:
        with _alarm(HANG):
            policy, report = load_policy(SiteFiles(root=site))
    finally:
        path.write_bytes(original)
        _STAMP[0] += 1_000_000
        os.utime(path, ns=(_STAMP[0], _STAMP[0]))
    if policy is not None:
        assert report.ok
        return
    assert report.errors, "no policy, yet no error"
    for problem in report.errors:
        assert problem.file, problem
        assert isinstance(problem.line, int) and problem.line >= 1, problem.format()


# ---------------------------------------------------------------- bytes

_mutation = st.tuples(st.sampled_from(["insert", "delete", "replace", "repeat"]), st.floats(0, 1),
                      st.one_of(st.sampled_from(TOKENS), st.binary(min_size=1, max_size=12)), st.integers(1, 40))


def _mutate(data: bytes, mutations: list[tuple[str, float, bytes, int]]) -> bytes:
    for kind, where, token, length in mutations:
        at = int(where * len(data))
        if kind == "insert":
            data = data[:at] + token + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + length:]
        elif kind == "replace":
            data = data[:at] + token + data[at + len(token):]
        else:
            data = data[:at] + data[at:at + length] * 50 + data[at:]
    return data


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(file=st.sampled_from(FILES), mutations=st.lists(_mutation, min_size=1, max_size=5))
def test_mutated_bytes_end_in_ok_or_problems_with_file_and_line(fuzz_site: Path, file: str,
                                                                 mutations: list) -> None:
    _load_with(fuzz_site, file, _mutate((ROOT / file).read_bytes(), mutations))


# ---------------------------------------------------------------- structure

_scalars = st.one_of(
    st.text(max_size=30), st.sampled_from(["", "session", "30 days", "2026-02-30", "https://x.example/a(b)",
                                           "a`b`@x.com", "\u202eevil", "cookie", "first-party", "en", "tr"]),
    st.integers(), st.integers(min_value=10 ** 30, max_value=10 ** 40), st.floats(), st.booleans(), st.none(),
    st.dates(), st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30)),
)
_values = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.one_of(st.text(max_size=10), st.integers()), inner, max_size=4)),
    max_leaves=12)


def _paths(value: Any, at: tuple = ()) -> list[tuple]:
    found = [at]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*at, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*at, index))
    return found


def _set(tree: Any, at: tuple, value: Any) -> Any:
    if not at:
        return value
    parent = tree
    for part in at[:-1]:
        parent = parent[part]
    parent[at[-1]] = value
    return tree


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(file=st.sampled_from(FILES), data=st.data())
def test_mutated_structure_ends_in_ok_or_problems_with_file_and_line(fuzz_site: Path, file: str, data) -> None:
    tree = yaml.safe_load((ROOT / file).read_text(encoding="utf-8"))
    for _ in range(data.draw(st.integers(1, 3), label="edits")):
        paths = _paths(tree)
        at = data.draw(st.sampled_from(paths), label="where")
        kind = data.draw(st.sampled_from(["replace", "share", "drop"]), label="edit")
        if kind == "drop" and at:
            parent = tree
            for part in at[:-1]:
                parent = parent[part]
            del parent[at[-1]]
        elif kind == "share":  # the same object twice: the dumper writes an anchor and an alias
            source = data.draw(st.sampled_from(paths), label="shared")
            node = tree
            for part in source:
                node = node[part]
            containers, here = [tree], tree  # what would hold the shared value, from the root down
            for part in at[:-1]:
                here = here[part]
                containers.append(here)
            if not any(c is node for c in containers):  # never put a value inside itself (a cycle)
                tree = _set(tree, at, node)
        else:
            tree = _set(tree, at, data.draw(_values, label="value"))
    text = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False)
    _load_with(fuzz_site, file, text.encode("utf-8", errors="surrogatepass"))
