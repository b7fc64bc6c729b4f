"""Writes the notice registry (``notices.json``) after a MkDocs build, from the archived pages' HTML
as they were written, and the banner's ``assets/cookieconsent/notice.js`` (the notice its consent
record names). The i18n plugin builds each language in turn into the same folder: each post-build
writes the registry again, so the last one lists every language."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from cookiepolicy.exchange.notices import archived_pages, banner_notices, notice_js, registry, shown_release
from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.model.inventory import Policy

REGISTRY = "notices.json"
NOTICE_JS = "assets/cookieconsent/notice.js"


def write_notices(config: Any, files: SiteFiles, policy: Policy, day: dt.date, production: bool,
                  banner: bool) -> None:
    """``notices.json`` (and, with the banner, ``notice.js``) in the build's ``site_dir``."""
    site_dir = Path(config["site_dir"])

    def read(path: str) -> bytes | None:
        target = site_dir / path
        return target.read_bytes() if target.is_file() else None

    pages = archived_pages(files, bool(config.get("use_directory_urls", True)))
    found = registry(policy, pages, read, day, config.get("site_url"))
    (site_dir / REGISTRY).write_text(json.dumps(found, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if banner:
        target = site_dir / NOTICE_JS
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(notice_js(banner_notices(found, shown_release(files, day, production))), encoding="utf-8")
