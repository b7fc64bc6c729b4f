"""Run one command and write its wall time, CPU time and peak memory to a JSON file.

Usage: python peak.py RESULT.json COMMAND...; exits with the command's status. A small process
of its own on purpose: on Linux a child's peak RSS (``ru_maxrss``) starts at the RSS of the
process that forked it, so a command started straight from the benchmark (which holds the
whole generated site) would report at least the benchmark's own memory.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def main() -> int:
    result, command = sys.argv[1], sys.argv[2:]
    start = time.perf_counter()
    status = subprocess.call(command)
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(result, "w", encoding="utf-8") as handle:
        json.dump({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024}, handle)
    return status


if __name__ == "__main__":
    sys.exit(main())
