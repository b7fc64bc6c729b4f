"""Time limits on the scan's browser: Playwright waits for the browser without a time limit in many
calls (a script's answer, a tab or context closing, a new tab), and a page that never answers
(a busy main thread, an ``alert()`` loop) or a close that Chromium acknowledges and never does
would keep the scan waiting for ever.

Each limit takes its steps in order once their time is over, and none after its block has ended:
first the page's renderers are ended (the tab crashes, the browser lives), then the browser itself
(every pending call fails, the scan starts a new browser for the next state). The run's own last
resort, ``abandon``, ends everything and the process.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

GRACE = 30  # seconds past the run's deadline before the browser is given up for good
CLOSE = 10.0  # seconds for a tab or context to close, or a new tab to open, before the browser is ended
ESCALATE = 10.0  # seconds after a page's renderers were ended before the browser is ended too


def _parents() -> dict[int, list[int]]:
    """Every process's children, from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError, ValueError, IndexError):
                stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                parents.setdefault(int(stat[1]), []).append(int(entry))
    return parents


def descendants(root: int) -> list[int]:
    """A process's descendants, parents first: for this process, Playwright's driver, then Chromium
    and its renderers."""
    parents = _parents()
    found, todo = [], [root]
    while todo:
        for child in parents.get(todo.pop(0), []):
            found.append(child)
            todo.append(child)
    return found


def _kill(pids: list[int]) -> None:
    for pid in pids:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


def kill_renderers() -> None:
    """End the pages' renderers (the tabs crash; the browser lives): a busy main thread or an alert()
    loop answers no script, and Playwright waits for an answer without a time limit."""
    found = []
    for pid in descendants(os.getpid()):
        with contextlib.suppress(OSError):
            if b"--type=renderer" in Path(f"/proc/{pid}/cmdline").read_bytes():
                found.append(pid)
    _kill(found)


def kill_browser() -> None:
    """End Chromium and its children, not Playwright's driver (this process's own child): the driver
    then fails every call still waiting for the browser, and can start a new one."""
    for driver in descendants(os.getpid()):
        with contextlib.suppress(OSError):
            if b"playwright" in Path(f"/proc/{driver}/cmdline").read_bytes():
                _kill(descendants(driver))
                return


@dataclass
class Fired:
    """The steps a limit took, by name: empty when its block ended in time."""

    steps: list[str] = field(default_factory=list)


@contextlib.contextmanager
def limit(*steps: tuple[float, Callable[[], None]]) -> Iterator[Fired]:
    """Whatever happens in the block, each step (seconds from now, action) is taken once its time is
    over; none is taken, or still under way, once the block has ended."""
    fired = Fired()
    done = threading.Event()
    lock = threading.Lock()

    def run() -> None:
        started = time.monotonic()
        for at, action in steps:
            if done.wait(max(0.0, at - (time.monotonic() - started))):
                return
            with lock:
                if done.is_set():
                    return
                fired.steps.append(action.__name__)
                action()

    threading.Thread(target=run, daemon=True).start()
    try:
        yield fired
    finally:
        with lock:
            done.set()


def page_limit(seconds: float) -> contextlib.AbstractContextManager[Fired]:
    """A page's limit: its renderers are ended after ``seconds``; should the browser still not answer
    (a call that waits for the browser, not the page), the browser is ended ``ESCALATE`` s later."""
    seconds = max(0.5, seconds)
    return limit((seconds, kill_renderers), (seconds + ESCALATE, kill_browser))


def browser_limit(seconds: float = CLOSE) -> contextlib.AbstractContextManager[Fired]:
    """A browser call's limit (a tab or context closing, a new tab): the browser is ended after ``seconds``."""
    return limit((seconds, kill_browser))


def abandon(deadline: float) -> None:
    """The run's last resort: end every child and the process, with a message and exit 3."""
    _kill(descendants(os.getpid()))
    sys.stderr.write(f"policy scan: the browser did not answer {GRACE} s after the scan's deadline of "
                     f"{deadline:g} s; no evidence was written (try a larger --timeout, or --deadline)\n")
    sys.stderr.flush()
    os._exit(3)
