"""One file-stamp function for every cache keyed on files (``safeio.memo.stamp``): a file replaced with the
same size and modification time is still seen as changed (its inode differs), and no other module reads the
modification time or inode itself, so the caches cannot disagree on what "unchanged" means."""

from __future__ import annotations

import os
import re
from pathlib import Path

from cookiepolicy.safeio.memo import stamp

SRC = Path(__file__).resolve().parents[1] / "src" / "cookiepolicy"


def test_a_file_replaced_within_its_timestamp_is_another_stamp(tmp_path: Path):
    path = tmp_path / "site.yml"
    path.write_text("company: A\n", encoding="utf-8")
    before = stamp(path)
    assert before is not None
    other = tmp_path / "site.yml.new"
    other.write_text("company: B\n", encoding="utf-8")  # same size
    info = path.stat()
    os.utime(other, ns=(info.st_atime_ns, info.st_mtime_ns))  # and the same modification time
    keep = tmp_path / "keep"
    os.link(path, keep)  # the old file stays on disk: its inode cannot be reused for the new one
    other.replace(path)
    after = stamp(path)
    assert after is not None and after[:2] == before[:2]
    assert after != before
    assert stamp(path) == after  # unchanged: the same stamp


def test_a_missing_file_has_no_stamp(tmp_path: Path):
    assert stamp(tmp_path / "nothing.yml") is None


def test_no_other_module_reads_the_stat_fields_of_a_cached_file():
    readers = sorted(str(path.relative_to(SRC)) for path in SRC.rglob("*.py")
                     if re.search(r"\bst_(mtime|ino)", path.read_text(encoding="utf-8")))
    assert readers == ["safeio/memo.py"]
