"""How long `policy scan` takes: N pages of the loopback test application, before consent.

    .venv/bin/python benchmarks/scan.py [--pages 20]

Prints one line, ``scan: N pages in S s``; the application (tests/webapp.py) runs in this process.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from cookiepolicy.evidence.scan import ScanOptions, scan  # noqa: E402
from tests.support.webapp import running  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20)
    args = parser.parse_args()
    with running(pages=args.pages) as app:
        started = time.perf_counter()
        evidence = scan(ScanOptions(urls=[app.page(0)], max_pages=args.pages), progress=lambda line: None)
        seconds = time.perf_counter() - started
    visited = sum(1 for page in evidence.pages if page.get("status") == 200)
    if visited != args.pages:
        print(f"scan: only {visited} of {args.pages} pages loaded", file=sys.stderr)
        return 1
    print(f"scan: {args.pages} pages in {seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
