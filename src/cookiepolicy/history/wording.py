"""The wording an archived document was published with, frozen beside its release.

A release already freezes the facts (inventory, site facts). What an archived page *says* also
depends on wording that is not a fact: site.yml's ``table_headers`` and ``tr_forms``, and the
engine's catalog (the generated sentences, column headers, duration words). ``policy release``
writes all of it to ``data/releases/wording/VERSION.yml`` (checksummed in SHA256SUMS like every
published file), and an archived page is rendered with it: editing site.yml or upgrading the
engine's catalog does not change an archived document. The notice above an archived page (its
legal state today) is not part of the document and uses today's catalog.

The catalog is frozen as a copy of its strings rather than by a version number: a version would
only say that the words changed, a copy keeps them.
"""

from __future__ import annotations

from collections import ChainMap
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from cookiepolicy.loading.files import RENDERED_DIR, WORDING_DIR
from cookiepolicy.model.inventory import Localized, Release
from cookiepolicy.safeio.memo import Stamp, stamp
from cookiepolicy.safeio.yamlsafe import dump_yaml
from cookiepolicy.text.localize import Catalog

FOLDER = WORDING_DIR
RENDERED = RENDERED_DIR  # what the archived pages' macros rendered to when released (render/archived.py)


@dataclass(frozen=True)
class Wording:
    table_headers: dict[str, Localized]
    tr_forms: dict[str, dict[str, Any]]
    strings: dict[str, dict[str, str]]  # language -> catalog key -> string

    def catalog(self, lang: str) -> Catalog:
        """The frozen catalog of ``lang``; a key it lacks (a sentence added since) reads today's."""
        today = Catalog.get(lang)
        return Catalog(lang, ChainMap(self.strings.get(lang, {}), today.strings))  # type: ignore[arg-type]


def wording_path(releases: Path, version: str) -> Path:
    return releases / FOLDER / f"{version}.yml"


def rendered_path(releases: Path, version: str) -> Path:
    """The record of what release ``version``'s archived pages said, which ``policy verify`` renders again."""
    return releases / RENDERED / f"{version}.yml"


def frozen_text(version: str, site: dict[str, Any]) -> str:
    """The wording file a release writes: site.yml's wording and the catalog of each site language."""
    languages = [lang for lang in site.get("languages", []) if isinstance(lang, str) and Catalog.has(lang)]
    data = {"table_headers": site.get("table_headers") or {}, "tr_forms": site.get("tr_forms") or {},
            "catalog": {lang: dict(Catalog.get(lang).strings) for lang in languages}}
    header = (f"# The wording release {version} was published with: frozen by `policy release`. Never edit\n"
              "# this file; its checksum is in SHA256SUMS. Archived pages of this version are rendered with it.\n")
    return header + dump_yaml(data)


def parse_wording(text: str) -> Wording:
    """A wording file's text read back (``frozen_text`` written, or a file on disk)."""
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    data = data if isinstance(data, dict) else {}
    return Wording(table_headers=dict(data.get("table_headers") or {}), tr_forms=dict(data.get("tr_forms") or {}),
                   strings={lang: {str(k): str(v) for k, v in (table or {}).items()}
                            for lang, table in (data.get("catalog") or {}).items()})


@lru_cache(maxsize=256)
def _read(path: str, signature: Stamp) -> Wording:
    return parse_wording(Path(path).read_text(encoding="utf-8"))


def frozen_wording(release: Release | None) -> Wording | None:
    """The wording ``release`` was published with; None for a release published before it was kept."""
    if release is None or not release.wording:
        return None
    path = Path(release.wording)
    signature = stamp(path)
    return None if signature is None else _read(str(path), signature)
