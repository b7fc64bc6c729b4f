"""A page that says only strictly necessary cookies are used, beside data that has other ones.

The phrases are in each catalog (``lint.only_essential``, a regular expression per language), so a
new language brings its own; every page is read in its own text, and the finding names the page
and line of the phrase and the category that contradicts it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from cookiepolicy.checks.coverage import pages_by_language
from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.model.inventory import CONSENT_KINDS, Category, Policy
from cookiepolicy.text.localize import Catalog


def non_essential(policy: Policy) -> list[Category]:
    """The categories in use that are not strictly necessary: another basis, or a kind that needs consent."""
    inv = policy.draft
    used = [c for c in inv.categories if not c.listed or any(i.category == c.id for i in inv.items)]
    return [c for c in used if c.legal_basis not in ("strictly-necessary", "not-stated") or c.kind in CONSENT_KINDS]


def _phrases() -> list[re.Pattern[str]]:
    return [re.compile(Catalog.get(lang).t("lint.only_essential"), re.IGNORECASE)
            for lang in Catalog.available() if Catalog.get(lang).maybe("lint.only_essential")]


def only_essential_claims(files: SiteFiles, policy: Policy) -> Iterator[tuple[str, int, str, Category]]:
    """(page, line, the phrase, a category it contradicts) for each such phrase on a policy page."""
    others = non_essential(policy)
    if not others:
        return
    seen: set[Path] = set()
    phrases = _phrases()
    for pages in pages_by_language(files, policy.site.languages, policy.site.default_language).values():
        for path in pages.values():
            if path in seen:
                continue
            seen.add(path)
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            for phrase in phrases:
                for match in phrase.finditer(text):
                    yield files.name(path), text.count("\n", 0, match.start()) + 1, match.group(0), others[0]
