"""What the wheel and the sdist must hold: the engine's data files, the licence, one version."""

from __future__ import annotations

import sys
import tarfile
import zipfile

sys.path.insert(0, "src")
from cookiepolicy import __version__

wheel, sdist = sys.argv[1], sys.argv[2]
names = set(zipfile.ZipFile(wheel).namelist())
need = ["cookiepolicy/text/catalog/en.yml", "cookiepolicy/text/catalog/tr.yml",
        "cookiepolicy/adapters/scaffold_templates/mkdocs.yml",
        "cookiepolicy/adapters/scaffold_templates/scripts/bootstrap", "cookiepolicy/adapters/mkdocs/theme/main.html",
        f"cookiepolicy-{__version__}.dist-info/licenses/LICENSE"]
missing = [n for n in need if n not in names]
metadata = zipfile.ZipFile(wheel).read(f"cookiepolicy-{__version__}.dist-info/METADATA").decode()
if f"\nVersion: {__version__}\n" not in metadata:
    missing.append(f"METADATA Version: {__version__}")
with tarfile.open(sdist) as archive:
    members = {m.split("/", 1)[1] for m in archive.getnames() if "/" in m}
missing += [f"sdist: {n}" for n in ("LICENSE", "CHANGELOG.md", "pyproject.toml", "src/cookiepolicy/__init__.py")
            if n not in members]
if missing:
    sys.exit("package: missing from the distributions: " + ", ".join(missing))
print(f"package: the wheel has {len(names)} files, the sdist {len(members)}")
