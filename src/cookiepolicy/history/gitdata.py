"""The policy data as it was at a git revision, read with git itself (no checkout needed)."""

from __future__ import annotations

import contextlib
import io
import subprocess
import tarfile
import tempfile
from pathlib import Path, PurePosixPath
from typing import Any

from cookiepolicy.history.diff import Side, Unreadable
from cookiepolicy.loading.build import Part, build_inventory
from cookiepolicy.loading.documents import read_checked
from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.loading.policy import load_policy
from cookiepolicy.loading.published import load_release
from cookiepolicy.loading.sitefacts import build_site
from cookiepolicy.loading.sums import is_version, version_key
from cookiepolicy.model.inventory import Policy
from cookiepolicy.model.problems import PolicyError, Report
from cookiepolicy.safeio.yamlsafe import Document


def git(root: Path, *args: str) -> str:
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    except FileNotFoundError as exc:
        raise PolicyError("git is not installed; install it to compare revisions") from exc
    if result.returncode != 0:
        raise PolicyError(result.stderr.strip() or f"git {' '.join(args)} failed")
    return result.stdout.strip()


def _ok(root: Path, *args: str) -> bool:
    try:
        git(root, *args)
    except PolicyError:
        return False
    return True


def is_shallow(root: Path) -> bool:
    with contextlib.suppress(PolicyError):
        return git(root, "rev-parse", "--is-shallow-repository") == "true"
    return False


def default_base(root: Path) -> str:
    """The merge base of HEAD with the default branch, as a pull request would compare."""
    if not _ok(root, "rev-parse", "--git-dir"):
        raise PolicyError(f"{root} is not inside a git repository: name two release versions to compare "
                          "releases (`policy diff 1.0 1.1`), or run it in a git clone")
    candidates = []
    with contextlib.suppress(PolicyError):
        candidates.append(git(root, "symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"))
    candidates += ["origin/main", "origin/master", "main", "master"]
    for ref in candidates:
        if not _ok(root, "rev-parse", "--verify", "--quiet", ref + "^{commit}"):
            continue
        try:
            return git(root, "merge-base", "HEAD", ref)
        except PolicyError as exc:
            raise PolicyError(
                f"no common history between HEAD and {ref}: "
                + ("this is a shallow clone; " if is_shallow(root) else "")
                + "fetch the history (`git fetch --unshallow`, or actions/checkout with fetch-depth: 0), "
                "or name the base revision: `policy diff BASE`"
            ) from exc
    hint = "this is a shallow clone of one branch; fetch the default branch (`git fetch origin main`) " \
        if is_shallow(root) else ""
    raise PolicyError("found no default branch (origin/HEAD, origin/main, origin/master, main or master) to "
                      f"compare with; {hint}or name the base revision: `policy diff BASE`")


def git_path(top: Path, path: Path) -> str:
    """``path`` as git names it inside the repository at ``top``."""
    try:
        return path.resolve().relative_to(top.resolve()).as_posix()
    except ValueError as exc:
        raise PolicyError(f"{path} is not inside the git repository at {top}") from exc


def policy_at(files: SiteFiles, rev: str) -> tuple[Policy | None, Report]:
    side = side_at(files, rev)
    return side.policy, side.report


def side_at(files: SiteFiles, rev: str) -> Side:
    """Load the site's data at ``rev`` into a temporary folder and check it as usual.

    The data folder and the docs folder are read (published releases keep their archived pages
    under docs/, and their checksums are checked against those). A revision that does not
    validate still gives whatever could be read, with its report.
    """
    root = files.root
    try:
        top = Path(git(root, "rev-parse", "--show-toplevel"))
    except PolicyError as exc:
        raise PolicyError(f"{root} is not inside a git repository: {exc}") from exc
    if rev.startswith("-") or not _ok(root, "rev-parse", "--verify", "--quiet", "--end-of-options",
                                      rev + "^{commit}"):
        if is_shallow(root):
            raise PolicyError(
                f"unknown revision `{rev}`: this is a shallow clone, so the base commit may be missing; fetch the "
                "history (`git fetch --unshallow`, or actions/checkout with fetch-depth: 0) or name another revision"
            )
        raise PolicyError(f"unknown revision `{rev}`: name a branch, tag or commit of this repository, "
                          "or two release versions (`policy diff 1.0 1.1`)")
    site = git_path(top, root)
    wanted = [git_path(top, files.data), git_path(top, files.docs)]
    present = [p for p in wanted if _ok(top, "cat-file", "-e", f"{rev}:{p}")]
    with tempfile.TemporaryDirectory(prefix="policy-diff-") as tmp:
        if present:
            archive = subprocess.run(["git", "archive", "--format=tar", rev, "--", *present], cwd=top,
                                     capture_output=True, check=False)
            if archive.returncode != 0:
                raise PolicyError(f"could not read {', '.join(present)} at `{rev}`: "
                                  + archive.stderr.decode("utf-8", "replace").strip())
            def no_links(member: tarfile.TarInfo, path: str) -> tarfile.TarInfo | None:
                # a committed link (to /etc/passwd, or anywhere) is not a data file: left out, the side
                # reads it as missing and the comment says so
                return None if member.issym() or member.islnk() else tarfile.data_filter(member, path)

            try:
                with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
                    tar.extractall(tmp, filter=no_links)
            except (tarfile.TarError, OSError) as exc:
                raise PolicyError(f"could not read {', '.join(present)} at `{rev}`: {exc}") from None
        snapshot_root = Path(tmp) / PurePosixPath(site) if site != "." else Path(tmp)
        snapshot = SiteFiles(root=snapshot_root, data_dir=files.data_dir, docs_dir=files.docs_dir)
        return readable_side(snapshot)


# the entries of each draft file: (file kind, list key, entity)
_PARTS = (("categories", "categories", "category"), ("services", "services", "service"), ("cookies", "items", "item"))


def _raw_key(entity: str, entry: dict[str, Any]) -> str | None:
    if entity == "item":
        name = entry.get("name")
        return f"{entry.get('storage', 'cookie')}:{name}" if isinstance(name, str) else None
    return entry.get("id") if isinstance(entry.get("id"), str) else None


def _unreadable(files: SiteFiles, docs: dict[str, Document], policy: Policy) -> Unreadable:
    """The files and entries that are in the data but did not make it into the inventory."""
    broken: list[tuple[str, str]] = []
    keys: set[tuple[str, str]] = set()
    built = {"category": {c.id for c in policy.draft.categories}, "service": {s.id for s in policy.draft.services},
             "item": {f"{i.storage}:{i.name}" for i in policy.draft.items}}
    for kind, list_key, entity in _PARTS:
        doc = docs[kind]
        entries = doc.data.get(list_key) if isinstance(doc.data, dict) else None
        if not isinstance(entries, list):
            if doc.path.exists():
                broken.append((files.name(doc.path), entity))
            continue
        for entry in entries:
            key = _raw_key(entity, entry) if isinstance(entry, dict) else None
            if key is not None and key not in built[entity]:
                keys.add((entity, key))
    return Unreadable(files=tuple(broken), keys=frozenset(keys))


def readable_side(files: SiteFiles) -> Side:
    """``load_policy``, but a site whose data has errors still gives what could be read.

    A review must say what a broken change does (an item without its Turkish purpose is still a
    new item), not that everything was removed. None only when site.yml itself is unreadable.
    """
    policy, report = load_policy(files)
    if policy is not None or report.ok:
        return Side(policy, report)
    docs: dict[str, Document] = {}
    for kind, path in files.draft_files().items():
        doc, _ = read_checked(path, files.name(path), kind)
        docs[kind] = doc if isinstance(doc.data, dict) else Document(path, doc.name)
    site = build_site(docs["site"]) if docs["site"].data else None
    if site is None:
        return Side(None, report)
    scratch = Report()
    not_used = docs["site"].data.get("not_used")
    draft = build_inventory(Part(docs["categories"], "categories"), Part(docs["services"], "services"),
                            Part(docs["cookies"], "items"), not_used if isinstance(not_used, list) else [],
                            list(site.languages), site.usage_places, scratch, site=site)
    releases = []
    paths = sorted(files.releases.glob("*.yml")) if files.releases.is_dir() else []
    for path in paths:
        if is_version(path.stem):
            with contextlib.suppress(KeyError, TypeError, ValueError, AttributeError):
                release = load_release(path, files, list(site.languages), site.usage_places, scratch, site)
                if release:
                    releases.append(release)
    releases.sort(key=lambda r: version_key(r.version))
    policy = Policy(site=site, draft=draft, releases=tuple(releases))
    return Side(policy, report, _unreadable(files, docs, policy))
