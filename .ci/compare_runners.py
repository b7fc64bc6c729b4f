"""Build every site of the repository with MkDocs (.venv) and with ProperDocs (.venv-properdocs) and
compare the output trees; only the generator meta may differ. Exit 1 listing what differs."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from cookiepolicy.adapters.runners import tree_differences  # noqa: E402

SITES = [ROOT, *sorted(p.parent for p in (ROOT / "examples").glob("*/mkdocs.yml")),
         *sorted(p.parent for p in (ROOT / "tests" / "sites").glob("*/mkdocs.yml")),
         *sorted(p.parent for p in ROOT.glob("manual/mkdocs.yml"))]
RUNNERS = {"mkdocs": ROOT / ".venv" / "bin" / "mkdocs", "properdocs": ROOT / ".venv-properdocs" / "bin" / "properdocs"}
ENV = {**os.environ, "POLICY_TODAY": "2026-11-22", "NO_MKDOCS_2_WARNING": "1"}


def main() -> int:
    failed: list[str] = []
    with tempfile.TemporaryDirectory() as out:
        for site in SITES:
            name = "root" if site == ROOT else site.relative_to(ROOT).as_posix()
            built = {}
            for runner, command in RUNNERS.items():
                target = Path(out) / runner / name.replace("/", "_")
                result = subprocess.run([str(command), "build", "--strict", "-f", "mkdocs.yml", "-d", str(target)],
                                        cwd=site, env=ENV, capture_output=True, text=True)
                if result.returncode != 0:
                    failed.append(f"{name}: {runner} build failed:\n{result.stderr}")
                built[runner] = target
            if len(built) == 2 and not any(f.startswith(f"{name}:") for f in failed):
                found = tree_differences(built["mkdocs"], built["properdocs"])
                failed += [f"{name}: {line}" for line in found]
                pages = sum(1 for _ in built["mkdocs"].rglob("*.html"))
                print(f"runners: {name}: {pages} pages, {'the same' if not found else 'DIFFERENT'} with both runners")
    for line in failed:
        print(line, file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
