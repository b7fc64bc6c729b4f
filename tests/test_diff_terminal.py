"""`policy diff` in a terminal: plain text with colour; Markdown when piped; CLDR plurals; `--version`."""

from __future__ import annotations

import os
import pty
import select
import subprocess
from pathlib import Path

from .support.helpers import BIN, policy
from .test_git_diff import MARKER, edit, git, item, lines, repo  # noqa: F401  (repo: a fixture)

ESC = "\033["


def in_terminal(site: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """Run `policy` with its output on a pseudo-terminal, as a person at a shell would."""
    leader, follower = pty.openpty()
    full_env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    proc = subprocess.Popen([str(BIN / "policy"), *args], cwd=site, stdout=follower, stderr=subprocess.PIPE,
                            env={**full_env, **(env or {})})
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 30)
        if not ready:
            break
        try:
            data = os.read(leader, 65536)
        except OSError:  # the other end closed
            break
        if not data:
            break
        chunks.append(data)
    os.close(leader)
    assert proc.wait(timeout=30) == 0, proc.stderr.read()
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def test_a_terminal_gets_coloured_text_naming_both_sides(repo: Path):  # noqa: F811
    edit(repo, "cookies.yml", lambda d: d["items"].remove(item(d, "theme")))
    edit(repo, "cookies.yml", lambda d: item(d, "refresh_token").update(duration="60 days"))
    out = in_terminal(repo, "diff")
    assert MARKER not in out and "<code>" not in out, "text, not Markdown, on a terminal"
    base = git(repo, "rev-parse", "--short", "main")
    first = out.splitlines()[0]
    assert first == f"{ESC}1mCookie policy changes: {base} → working tree{ESC}0m"
    assert f"{ESC}31m- Removed local storage key `theme` (TalkOmni, Preference, persistent).{ESC}0m" in out
    assert f"{ESC}33m- Cookie `refresh_token` (TalkOmni): duration extended from 30 days to 60 days.{ESC}0m" in out
    assert "2 changes to the cookie policy:" in out
    # NO_COLOR: the same text without colour
    plain = in_terminal(repo, "diff", env={"NO_COLOR": "1"})
    assert ESC not in plain and plain.splitlines()[0] == f"Cookie policy changes: {base} → working tree"
    # piped: Markdown for a file or a workflow, without colour
    piped = policy(repo, "diff")
    assert piped.stdout.startswith(MARKER) and ESC not in piped.stdout
    assert "- Removed local storage key <code>theme</code>" in piped.stdout
    text = policy(repo, "diff", "--format", "text")
    assert ESC not in text.stdout, "no colour when the output is not a terminal"


def test_plurals_come_from_cldr(repo: Path):  # noqa: F811
    edit(repo, "cookies.yml", lambda d: item(d, "refresh_token").update(duration="60 days"))
    one = policy(repo, "diff", "--format", "text").stdout
    assert "1 change to the cookie policy:" in one and "place(s)" not in one
    edit(repo, "cookies.yml", lambda d: item(d, "auth_token").update(duration="1 day"))
    edit(repo, "cookies.yml", lambda d: item(d, "theme").update(duration="1 year"))
    three = policy(repo, "diff", "--format", "text").stdout
    assert "3 changes to the cookie policy:" in three
    tr = policy(repo, "diff", "--format", "text", "--lang", "tr").stdout
    assert "Çerez politikasında 3 değişiklik:" in tr and len(lines(tr)) >= 3


def test_version():
    result = subprocess.run([str(BIN / "policy"), "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    from cookiepolicy import __version__

    assert result.stdout == f"policy {__version__}\n" and __version__.count(".") == 2
