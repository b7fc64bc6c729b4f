"""The policy data as it was at a git revision, read with git itself (no checkout needed)."""

from __future__ import annotations

import contextlib
import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

from .load import SiteFiles, load_policy
from .model import Policy
from .problems import PolicyError, Report


def git(root: Path, *args: str) -> str:
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    except FileNotFoundError as exc:
        raise PolicyError("git is not installed; install it to compare revisions") from exc
    if result.returncode != 0:
        raise PolicyError(result.stderr.strip() or f"git {' '.join(args)} failed")
    return result.stdout.strip()


def default_base(root: Path) -> str:
    """The merge base of HEAD with the default branch, as a pull request would compare."""
    candidates = []
    with contextlib.suppress(PolicyError):
        candidates.append(git(root, "symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"))
    candidates += ["origin/main", "origin/master", "main", "master"]
    for ref in candidates:
        try:
            git(root, "rev-parse", "--verify", "--quiet", ref + "^{commit}")
        except PolicyError:
            continue
        try:
            return git(root, "merge-base", "HEAD", ref)
        except PolicyError as exc:
            raise PolicyError(
                f"no common history between HEAD and {ref}: a shallow clone? "
                "fetch more history (`git fetch --unshallow`, or actions/checkout with fetch-depth: 0)"
            ) from exc
    raise PolicyError("found no default branch (origin/HEAD, main or master) to compare with; "
                      "name the base revision: `policy diff BASE`")


def policy_at(files: SiteFiles, rev: str) -> tuple[Policy | None, Report]:
    """Load the site's data at ``rev`` into a temporary folder and check it as usual."""
    root = files.root
    try:
        top = Path(git(root, "rev-parse", "--show-toplevel"))
    except PolicyError as exc:
        raise PolicyError(f"{root} is not inside a git repository: {exc}") from exc
    try:
        git(root, "rev-parse", "--verify", "--quiet", rev + "^{commit}")
    except PolicyError as exc:
        raise PolicyError(
            f"unknown revision `{rev}`: in a shallow clone the base commit may be missing; "
            "fetch it (`git fetch --unshallow` or `git fetch origin BRANCH`) or name another revision"
        ) from exc
    data_path = (files.data.resolve().relative_to(top.resolve())).as_posix()
    archive = subprocess.run(["git", "archive", "--format=tar", rev, "--", data_path], cwd=top,
                             capture_output=True, check=False)
    with tempfile.TemporaryDirectory(prefix="policy-diff-") as tmp:
        if archive.returncode == 0:
            with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
                tar.extractall(tmp, filter="data")
        snapshot = SiteFiles(root=Path(tmp), data_dir=data_path, docs_dir=files.docs_dir)
        return load_policy(snapshot)
