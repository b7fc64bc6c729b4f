"""`policy scan -o` to an output that is not a plain file: a full device or a FIFO nothing reads is one
clear error and a non-zero exit after the scan, with no temporary file left beside the target."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from .support.helpers import BIN, ROOT
from .support.webapp import WebApp, running

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app() -> Iterator[WebApp]:
    with running(pages=1) as served:
        yield served


def _scan(app: WebApp, output: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "policy"), "scan", app.page(0), "--timeout", "10", "-o", output], cwd=ROOT,
                          capture_output=True, text=True, timeout=180)


def test_a_scan_to_a_full_device_fails_and_leaves_nothing_in_dev(app: WebApp):
    before = sorted(p.name for p in Path("/dev").iterdir())
    result = _scan(app, "/dev/full")
    assert result.returncode == 1, result.stdout
    assert "error: cannot write /dev/full: No space left on device" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "wrote /dev/full" not in result.stdout
    assert sorted(p.name for p in Path("/dev").iterdir()) == before


def test_a_scan_to_a_fifo_nobody_reads_is_refused_without_waiting(app: WebApp, tmp_path: Path):
    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    result = _scan(app, str(fifo))
    assert result.returncode == 1, result.stdout
    assert f"{fifo} is a FIFO that nothing reads: start its reader first; nothing was written" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
