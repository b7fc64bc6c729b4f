"""Editing a site's files in a test, as a person would."""

from __future__ import annotations

from pathlib import Path


def replace_text(path: Path, old: str, new: str, *, every: bool = False) -> None:
    """Replace ``old`` (the first time, or ``every`` time) in ``path``; ``old`` must be there, else the test
    edits nothing and proves nothing."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path}: {old!r} not found"
    path.write_text(text.replace(old, new) if every else text.replace(old, new, 1), encoding="utf-8")
