"""All-or-nothing writes: a command that fails half-way leaves every file as it was."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .problems import PolicyError


@dataclass
class Transaction:
    """Stage whole files, then put them in place together; undo everything if one fails."""

    files: dict[Path, str] = field(default_factory=dict)
    may_replace: set[Path] = field(default_factory=set)

    def write(self, path: Path, content: str, replace: bool = False) -> None:
        self.files[path] = content
        if replace:
            self.may_replace.add(path)

    def check(self, root: Path | None = None) -> None:
        for path in self.files:
            if path.exists() and path not in self.may_replace:
                name = path.relative_to(root).as_posix() if root else path.as_posix()
                raise PolicyError(f"{name} exists already and is not overwritten")

    def commit(self) -> list[Path]:
        self.check()
        staged: list[tuple[Path, Path]] = []
        done: list[tuple[Path, bytes | None]] = []
        created_dirs: list[Path] = []
        try:
            for path, content in self.files.items():
                for parent in reversed(path.parents):
                    if not parent.exists():
                        parent.mkdir()
                        created_dirs.append(parent)
                fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
                with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                    handle.write(content)
                    handle.flush()
                    os.fsync(handle.fileno())
                staged.append((Path(tmp), path))
            for tmp, path in staged:
                previous = path.read_bytes() if path.exists() else None
                replace(tmp, path)
                done.append((path, previous))
        except BaseException:
            for path, previous in reversed(done):
                if previous is None:
                    path.unlink(missing_ok=True)
                else:
                    path.write_bytes(previous)
            for tmp, _ in staged:
                tmp.unlink(missing_ok=True)
            for folder in reversed(created_dirs):
                if folder.exists() and not any(folder.iterdir()):
                    folder.rmdir()
            raise
        return list(self.files)


def replace(source: Path, target: Path) -> None:
    """``os.replace``, named so tests can make one write fail half-way."""
    os.replace(source, target)
