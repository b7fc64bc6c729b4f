"""``make serve``: the preview server, quiet while the data is fine.

A taken port is one line that says what to do, not a traceback from deep inside the server.
While it runs, each rebuild prints one line ("Documentation built in …"); warnings and errors
are shown in full. MkDocs runs as a child process: this module does not import it.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

# What a rebuild always says at INFO level; everything else (warnings, errors, the address) is shown.
_CHATTER = re.compile(r"^INFO\s+-\s+(\[[0-9:]+\]\s+)?(Building documentation|Cleaning site directory|"
                      r"Detected file changes|Reloading browsers|Watching paths|mkdocs_static_i18n:|\[macros\])")


def port_problem(port_text: str, host: str = "127.0.0.1") -> str | None:
    """Why the preview cannot listen on ``port_text``, in one line; None when it can."""
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        return f"PORT={port_text!r} is not a port number: use e.g. make serve PORT=8001"
    port = int(port_text)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return f"port {port} is already in use: stop the other server, or run: make serve PORT={port + 1}"
    return None


def quiet(line: str) -> bool:
    return bool(_CHATTER.search(line))


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    port_text = args.pop(0) if args else "8000"
    from cookiepolicy.adapters.runners import runner_problem

    problem = runner_problem() or port_problem(port_text)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    mkdocs = str(Path(sys.executable).with_name("mkdocs"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    child = subprocess.Popen([mkdocs, "serve", "--dev-addr", f"127.0.0.1:{port_text}", *args],
                             stderr=subprocess.PIPE, text=True, encoding="utf-8", errors="replace", env=env)
    assert child.stderr is not None
    # stopped with SIGTERM (a supervisor, a test): stop the server too, rather than leave it serving
    signal.signal(signal.SIGTERM, lambda *_: child.terminate())
    try:
        for line in child.stderr:
            if not quiet(line):
                sys.stderr.write(line)
                sys.stderr.flush()
        return child.wait()
    except KeyboardInterrupt:  # Ctrl-C reaches the server too; let it finish, without a traceback
        return child.wait()


if __name__ == "__main__":
    sys.exit(main())
