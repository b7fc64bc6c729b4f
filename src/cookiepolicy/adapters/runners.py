"""Which site generator builds a site, and whether it can: MkDocs 1.x or ProperDocs 1.x.

MkDocs 2 runs no plugins, and the macros that write every page are a plugin: a site built with it
would publish its macro calls as text. ``runner_problem`` says so before anything is built, with
what to install instead. ``tree_differences`` compares two builds of one site by two runners,
ignoring only the generator meta each writes. This module reads package metadata and files; it
never imports MkDocs.
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

# The site generators this engine is built and tested with (each a drop-in MkDocs 1.x).
RUNNERS = ("mkdocs", "properdocs")
INSTALL = "pip install 'mkdocs>=1.6,<2' (or ProperDocs: pip install 'properdocs>=1.6,<2')"
# <meta name="generator" content="mkdocs-1.6.1, mkdocs-material">: the one line two runners may differ in
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def installed(name: str) -> str | None:
    """The installed version of distribution ``name``, or None."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def major(version: str) -> int:
    """The leading number of a version (``2.0.dev6`` → 2); 0 when it has none."""
    found = re.match(r"\d+", version)
    return int(found.group(0)) if found else 0


def runner_problem() -> str | None:
    """Why no supported generator can build the site, in one message; None when one can."""
    mkdocs = installed("mkdocs")
    if mkdocs is not None and major(mkdocs) >= 2:
        return (f"error: mkdocs {mkdocs} is installed; MkDocs 2 runs no plugins, so the macros that write the "
                f"policy pages would not run. This engine builds with MkDocs 1.6 or ProperDocs 1.6: {INSTALL}; "
                "nothing was built")
    if mkdocs is None and installed("properdocs") is None:
        return f"error: no site generator is installed: {INSTALL}"
    return None


def tree_differences(first: Path, second: Path) -> list[str]:
    """What differs between two built sites, file by file; the generator meta is ignored."""
    def files(root: Path) -> dict[str, Path]:
        return {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*")) if p.is_file()}

    one, two = files(first), files(second)
    found = [f"only in {first}: {name}" for name in sorted(one.keys() - two.keys())]
    found += [f"only in {second}: {name}" for name in sorted(two.keys() - one.keys())]
    for name in sorted(one.keys() & two.keys()):
        a, b = one[name].read_bytes(), two[name].read_bytes()
        if name == REGISTRY:
            found += [f"{name}: {why}" for why in _registry_differences(first, a, second, b)]
        elif a != b and GENERATOR.sub(b"", a) != GENERATOR.sub(b"", b):
            found.append(f"differs: {name}")
    return found


REGISTRY = "notices.json"


def _registry_differences(first: Path, a: bytes, second: Path, b: bytes) -> list[str]:
    """The notice registry hashes each archived page as written, generator meta included: each tree's
    hashes must be true of its own pages, and everything else in the two registries the same."""
    import hashlib
    import json

    found = []
    registries = []
    for root, raw in ((first, a), (second, b)):
        data = json.loads(raw)
        for notice in data.get("notices", []):
            page = root / notice["path"]
            if not page.is_file() or hashlib.sha256(page.read_bytes()).hexdigest() != notice.pop("sha256"):
                found.append(f"the hash of {notice['path']} in {root} is not that page's")
        registries.append(data)
    if registries[0] != registries[1]:
        found.append("differs beyond the pages' hashes")
    return found


def main() -> int:
    """``python -m cookiepolicy.adapters.runners``: exit 1 with the message when the site cannot be built."""
    problem = runner_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
