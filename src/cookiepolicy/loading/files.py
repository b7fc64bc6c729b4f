"""Where a site keeps its data, its pages and its published releases."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

LOCK_NAME = "SHA256SUMS"
# Folders beside the release snapshots, one file per release each, and the command that writes them:
# every file in them is listed in SHA256SUMS and belongs to a release (``check_published``).
SITE_FACTS_DIR = "site-facts"  # the site facts of a format-1 release, recorded from git history
WORDING_DIR = "wording"  # the wording an archived document was published with
RENDERED_DIR = "rendered"  # what the archived pages' macros rendered to, which `policy verify` renders again
RECORD_DIRS = {SITE_FACTS_DIR: "policy record-site-facts", WORDING_DIR: "policy release",
               RENDERED_DIR: "policy release"}


@dataclass(frozen=True)
class SiteFiles:
    """Where a site keeps its data; paths in messages are relative to ``root``."""

    root: Path
    data_dir: str = "data"
    docs_dir: str = "docs"
    config: Path | None = None  # the site generator's configuration file, as the adapter found it
    # what that configuration states, read by the adapter (the core never reads it):
    site_url: str | None = None  # the address the site is published at
    cookie_settings: bool = False  # whether the pages show the consent banner

    @property
    def data(self) -> Path:
        return self.root / self.data_dir

    @property
    def docs(self) -> Path:
        return self.root / self.docs_dir

    @property
    def releases(self) -> Path:
        return self.data / "releases"

    @property
    def lock(self) -> Path:
        return self.releases / LOCK_NAME

    def draft_files(self) -> dict[str, Path]:
        return {kind: self.data / f"{kind}.yml" for kind in ("site", "categories", "services", "cookies")}

    def name(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()
