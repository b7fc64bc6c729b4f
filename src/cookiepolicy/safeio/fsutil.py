"""All-or-nothing writes: a command that fails or is killed half-way leaves every file as it was.

A ``Transaction`` stages every file as a temporary file next to its target, then records its
intent in a journal (written atomically) and only then renames the staged files into place.
Killed before the journal exists, nothing was changed and ``recover`` removes the staged files;
killed after, ``recover`` finishes the renames. Either way the next run sees no half-written
state. ``lock`` serializes two commands that write the same folder.

``POLICY_FAULT_AT=STEP`` makes the process kill itself (SIGKILL) at that step; it exists for
the tests, which prove the recovery at every step. The steps, in order: ``stage-N`` (before the
N-th file is staged), ``journal``, ``rename-N`` (before the N-th rename), ``cleanup``; ``policy init``
adds ``publish`` (before its staged folder is renamed into place).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import signal
import stat
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cookiepolicy.model.problems import PolicyError

TMP_SUFFIX = ".policy-tmp"
JOURNAL_NAME = ".policy-journal"  # where versions before the state folder kept it: inside data/
# The journal lives in a state folder beside the data folder, never among the files a commit picks up:
# the folder exists only while a transaction is pending (made before its journal, removed with it),
# the scaffold's .gitignore ignores it, and a journal that git tracks is refused all the same.
STATE_DIR = ".policy"


def journal_path(data: Path) -> Path:
    """Where a command that writes the site whose data folder is ``data`` records its intent."""
    return data.parent / STATE_DIR / "journal"


def old_journal_path(data: Path) -> Path:
    """Where an older version of the engine left its journal: still recovered (or refused) from there."""
    return data / JOURNAL_NAME


def drop_state_folder(folder: Path) -> None:
    """Remove the state folder once nothing is pending: leftover staged journals, then the folder if empty."""
    if folder.name != STATE_DIR or not folder.is_dir() or folder.is_symlink():
        return
    for tmp in folder.glob(f".*{TMP_SUFFIX}"):
        tmp.unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # not empty: something else is in it, left as it is
        folder.rmdir()


def fault(step: str) -> None:
    """The fault-injection point (tests only): die here, as ``kill -9`` would, or receive the signal
    ``POLICY_FAULT_SIGNAL`` names (INT, TERM: Ctrl-C and a stop request)."""
    if os.environ.get("POLICY_FAULT_AT") == step:
        name = os.environ.get("POLICY_FAULT_SIGNAL", "KILL")
        os.kill(os.getpid(), {"INT": signal.SIGINT, "TERM": signal.SIGTERM}.get(name, signal.SIGKILL))


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _atomic_write(path: Path, data: bytes, command: str = "") -> Path:
    """Write a staged copy of ``path`` (mode from the umask, like any file the user writes); its name
    carries the command, for the advice should it be killed before its journal exists."""
    tag = f"~{command.removeprefix('policy ')}~" if command else ""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{tag}", suffix=TMP_SUFFIX)
    try:
        os.fchmod(fd, 0o666 & ~current_umask())  # mkstemp makes 0600
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


@contextlib.contextmanager
def lock(folder: Path, what: str) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (flock on the folder itself: no lock file to leave behind).

    A second command waits for the first to finish, and says so.
    """
    fd = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting for another {what} to finish...", file=sys.stderr)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


class Interrupted(KeyboardInterrupt):
    """SIGINT or SIGTERM while files were being staged: everything staged is removed."""


@contextlib.contextmanager
def _signals(state: dict[str, bool]) -> Iterator[None]:
    """SIGINT/SIGTERM raise ``Interrupted`` while ``state["renaming"]`` is false, else are held until the
    renames are done (a rename phase cut short is what no rollback can repair)."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, _frame: object) -> None:
        if state["renaming"]:
            state["held"] = True
            return
        raise Interrupted(signal.Signals(signum).name)

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


@dataclass
class Transaction:
    """Stage whole files, then put them in place together; undo everything if one fails."""

    files: dict[Path, str] = field(default_factory=dict)
    may_replace: set[Path] = field(default_factory=set)
    journal: Path | None = None  # where the intent is recorded; None: no crash recovery
    label: str = ""  # recorded in the journal, e.g. the version being released
    command: str = "policy release"  # named in the advice after an interruption

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
        for path in [p for p in self.files if p in self.may_replace and _special(p)]:
            _write_direct(path, self.files.pop(path).encode("utf-8"))  # `-o /dev/stdout`: no file beside it
        state = {"renaming": False, "held": False}
        with _signals(state):
            result = self._commit(state)
        if state["held"]:
            print(f"interrupted: `{self.command}` finished its last step first; every file is in place",
                  file=sys.stderr)
        return result

    def _commit(self, state: dict[str, bool]) -> list[Path]:
        staged: list[tuple[Path, Path]] = []
        done: list[tuple[Path, bytes | None]] = []
        created_dirs: list[Path] = []
        try:  # the lists grow as the steps go, so that an undo knows exactly what was done
            self._stage(staged, created_dirs)
            state["renaming"] = True  # from here on an interrupt waits: the journal, then every rename
            if self.journal is not None:
                fault("journal")
                self._record(staged, self.journal)
            self._put_in_place(staged, done)
            fault("cleanup")
            if self.journal is not None:
                self.journal.unlink()
                drop_state_folder(self.journal.parent)
        except BaseException:
            self._undo(staged, done, created_dirs)
            raise
        return list(self.files)

    def _stage(self, staged: list[tuple[Path, Path]], created_dirs: list[Path]) -> None:
        """Write every file as a staged copy beside its target, making the folders it needs."""
        for number, (path, content) in enumerate(self.files.items(), start=1):
            fault(f"stage-{number}")
            for parent in reversed(path.parents):
                if not parent.exists():
                    parent.mkdir()
                    created_dirs.append(parent)
            staged.append((_atomic_write(path, content.encode("utf-8"), self.command), path))

    def _record(self, staged: list[tuple[Path, Path]], journal: Path) -> None:
        """Write the journal atomically: what is staged where, and the content each target has before."""
        entries = [{"tmp": str(tmp), "target": str(path),
                    "sha256": _digest(self.files[path].encode("utf-8")),
                    "before": _digest(path.read_bytes()) if path.exists() else None}
                   for tmp, path in staged]
        record = json.dumps({"command": self.command, "label": self.label, "files": entries},
                            indent=1).encode("utf-8")
        journal.parent.mkdir(exist_ok=True)
        os.replace(_atomic_write(journal, record), journal)
        _fsync_dir(journal.parent)

    @staticmethod
    def _put_in_place(staged: list[tuple[Path, Path]], done: list[tuple[Path, bytes | None]]) -> None:
        """Rename every staged copy onto its target, remembering what the target held before."""
        for number, (tmp, path) in enumerate(staged, start=1):
            fault(f"rename-{number}")
            done.append((path, path.read_bytes() if path.exists() else None))  # before: never skipped
            replace(tmp, path)
        for folder in {path.parent for _, path in staged}:
            _fsync_dir(folder)

    def _undo(self, staged: list[tuple[Path, Path]], done: list[tuple[Path, bytes | None]],
              created_dirs: list[Path]) -> None:
        """Put back what the renamed targets held, remove the staged copies, the journal, the new folders."""
        for path, previous in reversed(done):
            if previous is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(previous)
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        if self.journal is not None:
            self.journal.unlink(missing_ok=True)
            drop_state_folder(self.journal.parent)
        for folder in reversed(created_dirs):
            if folder.exists() and not any(folder.iterdir()):
                folder.rmdir()


def _special(path: Path) -> bool:
    """An existing target that is not a regular file or folder: a device, a FIFO, a terminal."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _write_direct(path: Path, data: bytes) -> None:
    """Write to a device or FIFO itself: a temporary file beside ``/dev/full`` would be a file in
    /dev, and a FIFO nobody reads is refused instead of waited on."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise PolicyError(f"{path} is a FIFO that nothing reads: start its reader first; nothing was "
                              "written") from None
        raise
    try:
        flags = fcntl.fcntl(fd, fcntl.F_GETFL)
        fcntl.fcntl(fd, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    finally:
        os.close(fd)


def _tracked(path: Path) -> bool:
    """Whether git tracks ``path`` (a journal or a staged file that came with a commit is not ours)."""
    import subprocess

    try:
        result = subprocess.run(["git", "ls-files", "--error-unmatch", "--", path.name], cwd=path.parent,
                                capture_output=True, check=False, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return False
    return result.returncode == 0


def journal_command(journal: Path, staged: list[Path] | None = None) -> str:
    """The command an interrupted journal (or, before it existed, its staged files) names, for the
    advice and for what it may replace; ``policy release`` when neither says."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        record = json.loads(journal.read_text(encoding="utf-8"))
        command = record.get("command")
        if command in COMMANDS:
            return str(command)
    if staged is None:
        staged = list(journal.parent.glob(f".*{TMP_SUFFIX}"))
    for tmp in staged:
        for command in COMMANDS:
            if f".~{command.removeprefix('policy ')}~" in tmp.name:
                return command
    return "policy release"


COMMANDS = ("policy release", "policy record-site-facts", "policy import")


def _refuse(journal: Path, why: str) -> PolicyError:
    return PolicyError(f"{journal}: {why}; nothing was changed: remove the journal and check the files by "
                       "hand against git (`git status`)")


def recover(journal: Path, folders: list[Path], prune: Path | None = None,
            replaceable: frozenset[Path] = frozenset()) -> tuple[str, list[Path]] | None:
    """Finish or undo a transaction that was killed: (its label, the files it completed), or None.

    With a journal, every staged file it lists is renamed into place (each was fully written
    and synced before the journal was). Without one, staged files under ``folders`` are
    removed, and so are empty folders under ``prune``.

    The journal is checked whole before anything is renamed: it must not come from git, it may
    name only files under ``folders``, each staged beside its target; a target may already exist
    only if it is in ``replaceable`` and still holds the bytes the journal saw before (or already
    the new ones). So a journal can only complete the very transaction it records, never touch a
    published file.
    """
    completed = _complete(journal, folders, replaceable) if journal.exists() else None
    for folder in folders:
        if folder.is_dir():
            for tmp in sorted(folder.rglob(f".*{TMP_SUFFIX}")):
                tmp.unlink()
    if prune is not None and prune.is_dir():
        for sub in sorted((p for p in prune.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
            if not any(sub.iterdir()):
                sub.rmdir()
    return completed


_Entry = tuple[Path, Path, str, str | None]  # a journal's file: staged copy, target, its digest, the one before


def _complete(journal: Path, folders: list[Path], replaceable: frozenset[Path]) -> tuple[str, list[Path]]:
    """Rename into place every staged file the journal lists, once the whole journal is found sound."""
    label, entries = _read_journal(journal)
    inside = [folder.resolve() for folder in folders]
    for entry in entries:
        _check_entry(journal, entry, inside, replaceable)
    for tmp, target, digest, _ in entries:
        if tmp.exists() and _digest(tmp.read_bytes()) == digest:
            replace(tmp, target)
    for folder in {target.parent for _, target, _, _ in entries}:
        _fsync_dir(folder)
    journal.unlink()
    return label, [target for _, target, _, _ in entries]


def _read_journal(journal: Path) -> tuple[str, list[_Entry]]:
    """The journal's label and files; refused when it is not one an interrupted command wrote here."""
    if journal.is_symlink() or not journal.is_file() or _tracked(journal):
        raise _refuse(journal, "is committed to git or not a file: a journal is only ever written by an "
                      "interrupted command on this machine (`git rm --cached` it)")
    try:
        record = json.loads(journal.read_text(encoding="utf-8"))
        entries = [(Path(e["tmp"]), Path(e["target"]), str(e["sha256"]), e.get("before"))
                   for e in record["files"]]
    except (ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise _refuse(journal, f"is damaged ({exc})") from exc
    return str(record.get("label", "")), entries


def _check_entry(journal: Path, entry: _Entry, inside: list[Path], replaceable: frozenset[Path]) -> None:
    """Refuse a file the command never writes, a staged copy it did not write, or a target it would clobber."""
    tmp, target, digest, before = entry
    if not (tmp.name.endswith(TMP_SUFFIX) and tmp.name.startswith(f".{target.name}.")
            and tmp.parent == target.parent
            and any(folder in target.resolve().parents for folder in inside)):
        raise _refuse(journal, f"names {target}, which this command never writes")
    if (tmp.exists() and (tmp.is_symlink() or _tracked(tmp))) or target.is_symlink():
        raise _refuse(journal, f"the staged copy of {target} is not one this command wrote")
    now = _digest(target.read_bytes()) if target.is_file() else None
    if target.exists() and now is None:
        raise _refuse(journal, f"{target} is not a regular file")
    if now is not None and now != digest and (target not in replaceable or now != before):
        raise _refuse(journal, f"{target} exists with other content: a journal never overwrites a "
                      "published or edited file")
    if now != digest and not (tmp.is_file() and _digest(tmp.read_bytes()) == digest):
        raise _refuse(journal, f"cannot complete the interrupted write of {target}: neither it nor its "
                      "staged copy has the recorded content")


def replace(source: Path, target: Path) -> None:
    """``os.replace``, named so tests can make one write fail half-way."""
    os.replace(source, target)
